package segment

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

// queries cover every kind of clause: common and rare words, prefixes,
// single letters, typos (fuzzy), phrases, fields, filters, negation and
// the empty query.
var queries = []string{
	"", "l", "t", "learning", "lear", "model training", "transformer", "trasnformer",
	`"language model"`, `"of the"`, "title:learning", "author:smith", "abstract:data",
	"has:code", "year:>=2015", "year:2016..2018", "-learning", "learning -model",
	"lora", "zzzzqqq", "neural networks", "9", "dif", "tokamu", "bade", "robust -ban",
	"learning OR vision", "x", "graph", "optimization of",
	`"neural network"`, `"of th"`, `title:"learning of"`, `"the model" learning`, `"of the" -"the model"`,
	`"of the" OR "in the"`, `"fine tuning"`, `"net work"`,
}

func sameResults(t *testing.T, want, got *model.Index) {
	t.Helper()
	ctx := context.Background()
	for _, raw := range queries {
		for _, order := range []model.SortOrder{model.SortRelevance, model.SortTitle, model.SortNewest} {
			q := model.ParseQuery(raw)
			rw, errW := model.NewSearcher(want).Search(ctx, q, model.Facets{}, order, 0)
			rg, errG := model.NewSearcher(got).Search(ctx, q, model.Facets{}, order, 0)
			if (errW == nil) != (errG == nil) {
				t.Fatalf("%q: errors differ: %v / %v", raw, errW, errG)
			}
			if errW != nil {
				continue
			}
			if rw.Total != rg.Total || rw.Fuzzy != rg.Fuzzy {
				t.Fatalf("%q %v: total %d fuzzy %v, store %d %v", raw, order, rw.Total, rw.Fuzzy, rg.Total, rg.Fuzzy)
			}
			hw := rw.Rows(0, rw.Total)
			if hg := rg.Rows(0, rg.Total); !reflect.DeepEqual(hw, hg) {
				t.Fatalf("%q %v: rows differ", raw, order)
			}
			// papers search reads the store's rows from the top.
			top, err := model.NewSearcher(got).SearchTop(ctx, q, model.Facets{}, order, 50)
			if err != nil {
				t.Fatal(err)
			}
			if ht := top.Rows(0, 50); !reflect.DeepEqual(hw[:min(50, len(hw))], ht) {
				t.Fatalf("%q %v: the top rows differ", raw, order)
			}
			if ht := top.Rows(0, rw.Total+1); top.Total != rw.Total || top.Estimate || !reflect.DeepEqual(hw, ht) {
				t.Fatalf("%q %v: total %d (estimate %v), want %d, or rows differ", raw, order, top.Total, top.Estimate, rw.Total)
			}
		}
	}
}

func writeOpen(t *testing.T, papers []model.Paper) (*model.Index, *Segment, string) {
	t.Helper()
	ix, err := model.BuildIndex(context.Background(), papers)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "x.seg")
	if err := Write(path, Source{Name: "corpus.jsonl", Abs: "/c/corpus.jsonl", Size: 7}, ix); err != nil {
		t.Fatal(err)
	}
	seg, err := Open(path, "corpus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return ix, seg, path
}

func TestStoreAnswersLikeMemory(t *testing.T) {
	seed, err := synthetic.Seed()
	if err != nil {
		t.Fatal(err)
	}
	for name, papers := range map[string][]model.Paper{
		"seed": seed, "zipf": synthetic.Zipf(3000, 3), "papers": synthetic.Papers(2000, 5), "empty": nil,
		"one": {{ID: "x", TitleID: "t", Title: "Only one", Published: time.Date(2020, 1, 2, 3, 4, 5, 6, time.UTC)}},
		// Every field a source may fill must survive the store.
		"listing": {{ID: "2611.00001", TitleID: "t-b", ArxivID: "2611.00001", Title: "Listed", Abstract: "An abstract.",
			Announced: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), AnnounceType: "cross", Comments: "12 pages",
			JournalRef: "J. Foo 1 (2026)", BibKey: "foo2026", DOI: "10.1/x", Upvotes: 3, Sources: []string{"a.xml"}}},
	} {
		t.Run(name, func(t *testing.T) {
			ix, seg, _ := writeOpen(t, papers)
			if !reflect.DeepEqual(ix.Papers(), seg.Papers()) && len(papers) > 0 {
				t.Fatal("papers differ after a round trip")
			}
			if seg.Source.Abs != "/c/corpus.jsonl" || seg.Source.Size != 7 {
				t.Fatalf("source %+v", seg.Source)
			}
			sameResults(t, ix, seg.Index)
			for _, p := range papers[:min(50, len(papers))] {
				i, ok := seg.Index.Lookup(p.ID)
				if !ok || seg.Index.Paper(i).ID != p.ID {
					t.Fatalf("lookup %q", p.ID)
				}
			}
		})
	}
}

func TestCorruptSegmentsAreRejected(t *testing.T) {
	ix, _, path := writeOpen(t, synthetic.Zipf(300, 1))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A damaged file is refused at open, or found by Verify; searches
	// over it before then either answer as the intact file would or fail.
	check := func(name string, b []byte) {
		t.Helper()
		p := filepath.Join(t.TempDir(), "bad.seg")
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		seg, err := Open(p, "corpus.jsonl")
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("%s: Open = %v, want ErrCorrupt", name, err)
			}
			return
		}
		if err := sameOrDamaged(ix, seg.Index); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if err := seg.Verify(); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: Verify = %v, want ErrCorrupt", name, err)
		}
	}
	for _, n := range []int{0, 7, 31, 32, 100, len(data) / 2, len(data) - 1} {
		check(fmt.Sprintf("truncated to %d", n), data[:n])
	}
	for _, at := range []int{0, 9, 20, 40, 200, len(data) / 3, len(data) / 2, 2 * len(data) / 3, len(data) - 3} {
		b := append([]byte(nil), data...)
		b[at] ^= 0x5a
		check(fmt.Sprintf("byte %d flipped", at), b)
	}
	for kind := range numSections {
		off, n := sectionAt(data, kind)
		if n == 0 {
			continue
		}
		for _, at := range []int{off, off + n/2, off + n - 1} {
			b := append([]byte(nil), data...)
			b[at] ^= 0x01
			check(fmt.Sprintf("section %d byte %d flipped", kind, at-off), b)
		}
	}
	v := append([]byte(nil), data...)
	v[8] = version + 1
	check("another version", v)
	v[8] = 3
	check("version 3", v)
	check("foreign file", []byte(strings.Repeat("not a segment\n", 100)))
}

// sameOrDamaged searches got for every query and order: each search
// must answer as want does, or fail with ErrCorrupt.
func sameOrDamaged(want, got *model.Index) error {
	ctx := context.Background()
	for _, raw := range queries {
		for _, order := range []model.SortOrder{model.SortRelevance, model.SortTitle, model.SortNewest} {
			q := model.ParseQuery(raw)
			rw, _ := model.NewSearcher(want).Search(ctx, q, model.Facets{}, order, 0)
			rg, err := model.NewSearcher(got).Search(ctx, q, model.Facets{}, order, 0)
			if err != nil {
				if !errors.Is(err, ErrCorrupt) {
					return fmt.Errorf("%q: %v, want ErrCorrupt", raw, err)
				}
				continue
			}
			hw, hg := rw.Rows(0, rw.Total), rg.Rows(0, rg.Total)
			for _, h := range hg {
				got.Paper(h.Paper)
			}
			if got.Err() != nil {
				continue
			}
			if rw.Total != rg.Total || !reflect.DeepEqual(hw, hg) {
				return fmt.Errorf("%q %v: a wrong answer and no error", raw, order)
			}
		}
	}
	return nil
}

// sectionAt is where a section of a segment file is, as its table says.
func sectionAt(data []byte, kind int) (off, n int) {
	e := data[headerSize+kind*entrySize:]
	return int(binary.LittleEndian.Uint64(e[8:])), int(binary.LittleEndian.Uint64(e[16:]))
}

// TestDamageFoundAfterOpen flips a byte where open does not look: inside
// a paper record and inside postings. Open succeeds; reading that part
// reports ErrCorrupt, never a wrong paper or a wrong result.
func TestDamageFoundAfterOpen(t *testing.T) {
	papers := synthetic.Zipf(2000, 2)
	_, _, path := writeOpen(t, papers)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	reopen := func(b []byte) *Segment {
		t.Helper()
		p := filepath.Join(t.TempDir(), "d.seg")
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		seg, err := Open(p, "corpus.jsonl")
		if err != nil {
			t.Fatalf("Open checked a lazy section: %v", err)
		}
		return seg
	}

	t.Run("paper record", func(t *testing.T) {
		const victim = 1234
		offs, _ := sectionAt(data, secPaperOff)
		rec := int(binary.LittleEndian.Uint64(data[offs+8*victim:]))
		start, _ := sectionAt(data, secPaperData)
		b := append([]byte(nil), data...)
		b[start+rec+3] ^= 0x20 // inside the ID or the title
		seg := reopen(b)
		if p := seg.Index.Paper(0); p.ID != papers[0].ID || seg.Index.Err() != nil {
			t.Fatalf("an intact paper: %q, %v", p.ID, seg.Index.Err())
		}
		p := seg.Index.Paper(victim)
		if !errors.Is(seg.Index.Err(), ErrCorrupt) || p.ID == papers[victim].ID || p.Title == papers[victim].Title {
			t.Fatalf("damaged paper: %q %q, Err %v", p.ID, p.Title, seg.Index.Err())
		}
		if _, err := model.NewSearcher(seg.Index).Search(context.Background(), model.ParseQuery("learning"), model.Facets{}, model.SortRelevance, 10); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("a search after the damage: %v", err)
		}
		if err := reopen(b).Verify(); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("Verify = %v", err)
		}
	})

	t.Run("postings", func(t *testing.T) {
		// The first title word's list starts the title postings.
		vocabOff, _ := sectionAt(data, secVocab)
		endsOff, _ := sectionAt(data, secVocabEnd)
		word := string(data[vocabOff : vocabOff+int(binary.LittleEndian.Uint32(data[endsOff:]))])
		postOff, _ := sectionAt(data, secPostIDs+int(model.FieldTitle))
		b := append([]byte(nil), data...)
		b[postOff] ^= 0x01
		seg := reopen(b)
		s := model.NewSearcher(seg.Index)
		if _, err := s.Search(context.Background(), model.ParseQuery("tokamu"), model.Facets{}, model.SortRelevance, 10); err != nil {
			t.Fatalf("a search that reads no damaged block: %v", err)
		}
		_, err := s.Search(context.Background(), model.ParseQuery("title:"+word), model.Facets{}, model.SortRelevance, 10)
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("title:%s over damaged postings: %v, want ErrCorrupt", word, err)
		}
	})
}

// TestOldFormatIsRebuilt: a segment of format 3 (before days, keys and
// block checksums) is refused and Ensure rebuilds it.
func TestOldFormatIsRebuilt(t *testing.T) {
	dir := t.TempDir()
	c := Cache{Dir: filepath.Join(dir, "cache")}
	corpusPath := filepath.Join(dir, "arxiv.jsonl")
	writeCorpus(t, corpusPath, synthetic.Zipf(100, 1))
	ctx := context.Background()
	if _, _, _, err := c.Ensure(ctx, corpusPath); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(corpusPath)
	b, err := os.ReadFile(c.path(abs))
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	le.PutUint32(b[8:], 3)
	le.PutUint32(b[20:], crc32.Checksum(b[:20], castagnoli))
	if err := os.WriteFile(c.path(abs), b, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := c.OpenFresh(corpusPath); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "version 3") {
		t.Fatalf("OpenFresh of a format 3 file: %v", err)
	}
	seg, status, why, err := c.Ensure(ctx, corpusPath)
	if err != nil || status != Rebuilt || !errors.Is(why, ErrCorrupt) || seg.Index.Len() != 100 {
		t.Fatalf("Ensure: %v %v %v", status, why, err)
	}
}

// writeCorpus writes papers as an arXiv JSON Lines file.
func writeCorpus(t *testing.T, path string, papers []model.Paper) {
	t.Helper()
	var b strings.Builder
	for _, p := range papers {
		rec, _ := json.Marshal(map[string]any{
			"id": p.ArxivID, "title": p.Title, "abstract": p.Abstract,
			"authors": strings.Join(p.Authors, " and "), "categories": strings.Join(p.Categories, " "),
		})
		b.Write(rec)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestCacheFreshness(t *testing.T) {
	dir := t.TempDir()
	c := Cache{Dir: filepath.Join(dir, "cache")}
	corpusPath := filepath.Join(dir, "arxiv.jsonl")
	writeCorpus(t, corpusPath, synthetic.Zipf(200, 1))
	ctx := context.Background()

	ensure := func(want Status) *Segment {
		t.Helper()
		seg, status, why, err := c.Ensure(ctx, corpusPath)
		if err != nil {
			t.Fatal(err)
		}
		if status != want {
			t.Fatalf("Ensure: %v (%v), want %v", status, why, want)
		}
		return seg
	}
	if _, err := c.OpenFresh(corpusPath); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("empty cache: %v", err)
	}
	ensure(Built)
	seg := ensure(Fresh)
	if seg.Index.Len() != 200 || seg.Papers()[0].Sources[0] != corpusPath {
		t.Fatalf("fresh segment: %d papers, sources %v", seg.Index.Len(), seg.Papers()[0].Sources)
	}

	// Touched: same bytes, new mtime.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(corpusPath, later, later); err != nil {
		t.Fatal(err)
	}
	ensure(Rebuilt)
	ensure(Fresh)

	// Edited in place with the size and mtime put back: the fingerprint
	// tells.
	info, _ := os.Stat(corpusPath)
	data, _ := os.ReadFile(corpusPath)
	data[10] ^= 1
	if err := os.WriteFile(corpusPath, data, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(corpusPath, info.ModTime(), info.ModTime())
	if _, err := c.OpenFresh(corpusPath); !errors.Is(err, ErrStale) {
		t.Fatalf("edited in place: %v, want ErrStale", err)
	}
	data[10] ^= 1
	os.WriteFile(corpusPath, data, 0o600)
	ensure(Rebuilt)

	// Replaced by another file (new inode), then truncated.
	tmp := corpusPath + ".new"
	writeCorpus(t, tmp, synthetic.Zipf(150, 2))
	if err := os.Rename(tmp, corpusPath); err != nil {
		t.Fatal(err)
	}
	if seg := ensure(Rebuilt); seg.Index.Len() != 150 {
		t.Fatalf("replaced: %d papers", seg.Index.Len())
	}
	data, _ = os.ReadFile(corpusPath)
	cut := len(data)/2 + strings.IndexByte(string(data[len(data)/2:]), '\n') + 1
	os.WriteFile(corpusPath, data[:cut], 0o600)
	ensure(Rebuilt)
	ensure(Fresh)

	// A corrupt store file and a deleted cache are rebuilt.
	list, err := c.List()
	if err != nil || len(list) != 1 || list[0].Err != nil || list[0].Papers == 0 {
		t.Fatalf("List = %+v, %v", list, err)
	}
	b, _ := os.ReadFile(list[0].File)
	b[len(b)-9] ^= 0xff
	os.WriteFile(list[0].File, b, 0o600)
	ensure(Rebuilt)
	if err := c.Clear(); err != nil {
		t.Fatal(err)
	}
	ensure(Built)
	ensure(Fresh)
}

func TestConcurrentBuilders(t *testing.T) {
	dir := t.TempDir()
	c := Cache{Dir: filepath.Join(dir, "cache")}
	corpusPath := filepath.Join(dir, "arxiv.jsonl")
	writeCorpus(t, corpusPath, synthetic.Zipf(500, 4))
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { _, _, errs[i] = c.Build(context.Background(), corpusPath) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	seg, err := c.OpenFresh(corpusPath)
	if err != nil || seg.Index.Len() != 500 {
		t.Fatalf("after concurrent builds: %v", err)
	}
	des, _ := os.ReadDir(c.Dir)
	if len(des) != 1 {
		t.Fatalf("cache holds %d files, want 1 (temporary files left?)", len(des))
	}
}

// A pass over every paper's keys, lookups or days, as a warm start makes
// (recording the papers seen, finding the new ones), reads the records'
// heads and the index's facts: no paper is decoded, and what is read is
// the papers' own.
func TestKeysAndDaysDecodeNoPaper(t *testing.T) {
	papers := synthetic.Zipf(500, 4)
	papers[3].Published, papers[3].Announced = time.Time{}, time.Time{}
	papers[7].Announced = time.Date(2026, 11, 30, 23, 59, 0, 0, time.FixedZone("", -5*3600))
	mem, seg, _ := writeOpen(t, papers)
	for i := range papers {
		p := mem.Paper(i)
		if id, titleID := seg.Index.Keys(i); id != p.ID || titleID != p.TitleID {
			t.Fatalf("paper %d: keys %q %q, want %q %q", i, id, titleID, p.ID, p.TitleID)
		}
		if k, ok := seg.Index.Lookup(p.ID); !ok || k != i {
			t.Fatalf("paper %d: Lookup(%q) = %d, %v", i, p.ID, k, ok)
		}
		if got := seg.Index.Day(i); !got.Equal(p.Day()) || !mem.Day(i).Equal(p.Day()) {
			t.Fatalf("paper %d: day %v (in memory %v), want %v", i, got, mem.Day(i), p.Day())
		}
	}
	if seg.Index.AllDated() || mem.AllDated() {
		t.Error("a corpus with an undated paper is all dated")
	}
	if n := seg.Decodes(); n != 0 {
		t.Errorf("%d papers decoded", n)
	}
}

// A corpus split over several segments and an in-memory index, joined,
// answers every query as one index of the whole corpus does: a day's new
// listing beside a stored snapshot needs no rebuild of the snapshot.
func TestJoinedSegmentsAnswerLikeOneIndex(t *testing.T) {
	for name, papers := range map[string][]model.Paper{"zipf": synthetic.Zipf(3000, 3), "papers": synthetic.Papers(2000, 5)} {
		t.Run(name, func(t *testing.T) {
			n := len(papers)
			cuts := []int{0, n * 2 / 3, n - 37, n} // uneven: parts start inside 64-paper words
			var parts []*model.Index
			for k := range 3 {
				if k == 2 {
					ix, err := model.BuildIndex(context.Background(), papers[cuts[k]:cuts[k+1]])
					if err != nil {
						t.Fatal(err)
					}
					parts = append(parts, ix)
					continue
				}
				_, seg, _ := writeOpen(t, papers[cuts[k]:cuts[k+1]])
				parts = append(parts, seg.Index)
			}
			joined, err := model.Join(parts, nil)
			if err != nil {
				t.Fatal(err)
			}
			whole, err := model.BuildIndex(context.Background(), papers)
			if err != nil {
				t.Fatal(err)
			}
			sameResults(t, whole, joined)
			for _, i := range []int{0, cuts[1] - 1, cuts[1], cuts[2], n - 1} {
				if j, ok := joined.Lookup(papers[i].ID); !ok || j != i || joined.Paper(i).ID != papers[i].ID {
					t.Fatalf("lookup %q: %d %v, want %d", papers[i].ID, j, ok, i)
				}
			}
		})
	}
}
