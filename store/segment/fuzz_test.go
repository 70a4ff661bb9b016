package segment

import (
	"context"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"

	"github.com/papertui/papers/model"
)

// FuzzOpenSegment feeds decode random bytes, truncations and mutations of
// a real segment: it must reject them or return an index that can be
// searched, never panic.
func FuzzOpenSegment(f *testing.F) {
	// A small seed keeps each run and the minimising of new inputs quick.
	papers := []model.Paper{
		{ID: "1", TitleID: "t1", Title: "Zu ka transformer", Abstract: "A b.", Authors: []string{"A. Ba"}},
		{ID: "2", TitleID: "t2", Title: "Tokamu", Links: []model.Link{{Kind: model.LinkCode, URL: "u"}}},
	}
	ix, err := model.BuildIndex(context.Background(), papers)
	if err != nil {
		f.Fatal(err)
	}
	path := filepath.Join(f.TempDir(), "s.seg")
	if err := Write(path, Source{Name: "a", Abs: "/a"}, ix); err != nil {
		f.Fatal(err)
	}
	good := mustRead(f, path)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(good[:headerSize+numSections*entrySize])
	f.Add([]byte("papersSG"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Copied to an 8-byte aligned buffer, as a mapping is.
		buf := make([]uint64, (len(data)+7)/8)
		b := bytesOf(buf)
		if b != nil {
			b = b[:len(data)]
			copy(b, data)
		}
		try(b)
		// With the checksums made right, the mutations reach the
		// structural checks behind them.
		reseal(b)
		try(b)
	})
}

func try(b []byte) {
	seg, err := decode(b, "a")
	if err != nil {
		return
	}
	for _, q := range []string{"a b", "t", "\"zu ka\"", "trasnformer", ""} {
		_, _ = model.NewSearcher(seg.Index).Search(context.Background(), model.ParseQuery(q), model.Facets{}, model.SortRelevance, 10)
	}
}

// reseal recomputes the checksums of whatever sections b's table names
// within b.
func reseal(b []byte) {
	tableEnd := headerSize + numSections*entrySize
	if len(b) < tableEnd {
		return
	}
	le := binary.LittleEndian
	for i := range numSections {
		e := b[headerSize+i*entrySize:]
		off, n := le.Uint64(e[8:]), le.Uint64(e[16:])
		if off <= uint64(len(b)) && n <= uint64(len(b))-off {
			le.PutUint32(e[4:], crc32.Checksum(b[off:off+n], castagnoli))
		}
	}
	le.PutUint32(b[16:], crc32.Checksum(b[headerSize:tableEnd], castagnoli))
	le.PutUint32(b[20:], crc32.Checksum(b[:20], castagnoli))
}

func mustRead(f *testing.F, path string) []byte {
	seg, err := Open(path, "a")
	if err != nil || seg.Index.Len() != 2 {
		f.Fatal(err)
	}
	return readFile(f, path)
}

func readFile(f *testing.F, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return b
}
