package segment

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/related"
	"github.com/papertui/papers/model/topics"
)

// A derived-data file holds what is computed from a whole corpus set
// rather than from one file: its topics and its related-papers index. It
// is keyed by the exact, ordered list of corpus file versions the papers
// came from (paper numbers depend on all of them and on their order), so
// a stale or different set never reuses it. It has the segment's header,
// table and checksums, with its own magic:
//
//	meta:        papers uvarint, sources uvarint, each source's meta (length-prefixed)
//	topic text:  per topic name, key and kind, length-prefixed
//	topic off:   u32 per topic + 1, into topic papers
//	topic papers i32, each topic's papers ascending
//	shown off:   u32 per paper + 1, into shown
//	shown:       i32 topic numbers, each paper's shown topics best first
//	related:     the related.Arrays, each a number array used in place
//
// derivedVersion changes with the layout and with the rules that choose
// topics and related papers: stored topics of older rules would differ
// from those computed now.
const (
	derivedMagic   = "papersDV"
	derivedVersion = 2 // 2: topics judged against SCOWL's common words
	derivedSuffix  = ".drv"
)

const (
	dvMeta = iota
	dvTopicText
	dvTopicOff
	dvTopicPapers
	dvShownOff
	dvShown
	dvDocStart
	dvDocTerm
	dvDocW
	dvPostStart
	dvPostDoc
	dvPostW
	dvTitleHash
	dvSections
)

var derivedLayout = layout{derivedMagic, derivedVersion, dvSections, nil}

// Derived is a corpus set's topics and related-papers index, read from
// its file in place.
type Derived struct {
	Sources []Source
	Papers  int
	Topics  *topics.Topics
	Related *related.Index
	Size    int64
}

// derivedPath names the file of a corpus set by the set's paths, in
// order: a set whose files changed writes over its own stale file rather
// than beside it.
func (c Cache) derivedPath(srcs []Source) string {
	h := sha256.New()
	for _, s := range srcs {
		h.Write([]byte(s.Abs))
		h.Write([]byte{0})
	}
	return filepath.Join(c.Dir, "derived-"+hex.EncodeToString(h.Sum(nil)[:12])+derivedSuffix)
}

// OpenDerived opens the derived data of the n papers that came from srcs,
// in that order, if its file is intact and was computed from exactly those
// file versions. The error says why not: fs.ErrNotExist, ErrStale or
// ErrCorrupt.
func (c Cache) OpenDerived(srcs []Source, n int) (*Derived, error) {
	if len(srcs) == 0 {
		return nil, fs.ErrNotExist
	}
	data, err := mapPath(c.derivedPath(srcs))
	if err != nil {
		return nil, err
	}
	d, err := decodeDerived(data)
	if err == nil && !sameSources(d.Sources, srcs) || err == nil && d.Papers != n {
		err = ErrStale
	}
	if err != nil {
		unmap(data)
		return nil, err
	}
	d.Size = int64(len(data))
	return d, nil
}

func sameSources(a, b []Source) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Same(b[i]) {
			return false
		}
	}
	return true
}

// WriteDerived writes the derived data of the n papers that came from
// srcs, atomically: two processes writing at once leave one whole file.
func (c Cache) WriteDerived(srcs []Source, n int, t *topics.Topics, r *related.Index) error {
	if len(srcs) == 0 {
		return errors.New("derived data needs the corpus files it came from")
	}
	if t == nil || r == nil || len(t.ByPaper) != n || r.Len() != n {
		return fmt.Errorf("derived data for %d papers does not match", n)
	}
	return writeAtomic(c.derivedPath(srcs), func(f *os.File) error {
		sw, err := newSectionWriter(f, derivedLayout)
		if err != nil {
			return err
		}
		sw.section(dvMeta, appendDerivedMeta(nil, srcs, n))

		var text []byte
		topicOff := make([]uint32, 0, len(t.List)+1)
		var topicPapers []int32
		for _, tp := range t.List {
			text = appendString(text, tp.Name)
			text = appendString(text, tp.Key)
			text = appendString(text, string(tp.Kind))
			topicOff = append(topicOff, uint32(len(topicPapers)))
			topicPapers = append(topicPapers, tp.Papers...)
		}
		topicOff = append(topicOff, uint32(len(topicPapers)))
		sw.section(dvTopicText, text)
		sw.section(dvTopicOff, bytesOf(topicOff))
		sw.section(dvTopicPapers, bytesOf(topicPapers))
		shownOff := make([]uint32, 0, n+1)
		var shown []int32
		for _, picks := range t.ByPaper {
			shownOff = append(shownOff, uint32(len(shown)))
			shown = append(shown, picks...)
		}
		shownOff = append(shownOff, uint32(len(shown)))
		sw.section(dvShownOff, bytesOf(shownOff))
		sw.section(dvShown, bytesOf(shown))

		a := r.Arrays()
		sw.section(dvDocStart, bytesOf(a.DocStart))
		sw.section(dvDocTerm, bytesOf(a.DocTerm))
		sw.section(dvDocW, bytesOf(a.DocW))
		sw.section(dvPostStart, bytesOf(a.PostStart))
		sw.section(dvPostDoc, bytesOf(a.PostDoc))
		sw.section(dvPostW, bytesOf(a.PostW))
		sw.section(dvTitleHash, bytesOf(a.TitleHash))
		return sw.finish(f, derivedLayout)
	})
}

func appendDerivedMeta(b []byte, srcs []Source, n int) []byte {
	b = binary.AppendUvarint(b, uint64(n))
	b = binary.AppendUvarint(b, uint64(len(srcs)))
	for _, s := range srcs {
		b = appendString(b, string(appendMeta(nil, s, facts{})))
	}
	return b
}

func decodeDerivedMeta(b []byte) (srcs []Source, n int, err error) {
	r := reader{b: b}
	papers := r.uvarint()
	count := r.count()
	for range count {
		src, _, err := decodeMeta([]byte(r.string()))
		if err != nil {
			return nil, 0, err
		}
		srcs = append(srcs, src)
	}
	if r.err != nil || len(r.b) != 0 || papers > 1<<32 {
		return nil, 0, corrupt("derived meta")
	}
	return srcs, int(papers), nil
}

// decodeDerived checks a derived-data file whole and returns its
// contents as views of data.
func decodeDerived(data []byte) (*Derived, error) {
	secs, err := parseLayout(data, derivedLayout, dvSections)
	if err != nil {
		return nil, err
	}
	srcs, n, err := decodeDerivedMeta(secs[dvMeta])
	if err != nil {
		return nil, err
	}
	var errs []error
	u32 := func(sec int) []uint32 {
		v, err := view[uint32](secs[sec])
		errs = append(errs, err)
		return v
	}
	i32 := func(sec int) []int32 {
		v, err := view[int32](secs[sec])
		errs = append(errs, err)
		return v
	}
	f32 := func(sec int) []float32 {
		v, err := view[float32](secs[sec])
		errs = append(errs, err)
		return v
	}
	topicOff, topicPapers := u32(dvTopicOff), i32(dvTopicPapers)
	shownOff, shown := u32(dvShownOff), i32(dvShown)
	a := related.Arrays{
		DocStart: i32(dvDocStart), DocTerm: i32(dvDocTerm), DocW: f32(dvDocW),
		PostStart: i32(dvPostStart), PostDoc: i32(dvPostDoc), PostW: f32(dvPostW),
	}
	a.TitleHash, err = view[uint64](secs[dvTitleHash])
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}

	list, err := decodeTopicList(secs[dvTopicText], topicOff, topicPapers)
	if err != nil {
		return nil, err
	}
	byPaper, err := slices32(shownOff, shown, n)
	if err != nil {
		return nil, corrupt("shown topics")
	}
	t, err := topics.FromParts(n, list, byPaper)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	r, err := related.FromArrays(n, a)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return &Derived{Sources: srcs, Papers: n, Topics: t, Related: r}, nil
}

func decodeTopicList(text []byte, off []uint32, papers []int32) ([]topics.Topic, error) {
	if len(off) == 0 {
		return nil, corrupt("topic offsets")
	}
	lists, err := slices32(off, papers, len(off)-1)
	if err != nil {
		return nil, corrupt("topic offsets")
	}
	list := make([]topics.Topic, len(lists))
	r := reader{b: text}
	for i := range list {
		list[i] = topics.Topic{Name: r.string(), Key: r.string(), Kind: topics.Kind(r.string()), Papers: lists[i]}
		// Names reach the terminal: computed ones never hold a control
		// character, so one that does is not a file papers wrote.
		if strings.ContainsFunc(list[i].Name+list[i].Key, unicode.IsControl) {
			return nil, corrupt("topic name")
		}
		if k := list[i].Kind; k != topics.Phrase && k != topics.Category {
			return nil, corrupt("topic kind")
		}
	}
	if r.err != nil || len(r.b) != 0 {
		return nil, corrupt("topic text")
	}
	return list, nil
}

// slices32 cuts ids into count slices at the offsets off (count+1 of
// them, ascending from 0 to len(ids)), as views.
func slices32(off []uint32, ids []int32, count int) ([][]int32, error) {
	if len(off) != count+1 || off[0] != 0 || int(off[count]) != len(ids) {
		return nil, errors.New("offsets")
	}
	out := make([][]int32, count)
	for i := range out {
		lo, hi := off[i], off[i+1]
		if lo > hi {
			return nil, errors.New("offsets")
		}
		out[i] = ids[lo:hi:hi]
	}
	return out, nil
}

// DerivedEntry is one derived-data file of the cache.
type DerivedEntry struct {
	File    string
	Size    int64
	ModTime time.Time
	Sources []Source
	Papers  int
	Err     error // why it cannot be used, or nil
}

// ListDerived returns the cache's derived-data files with what their
// headers say.
func (c Cache) ListDerived() ([]DerivedEntry, error) {
	var list []DerivedEntry
	err := c.each(derivedSuffix, func(path string, size int64, mod time.Time) {
		e := DerivedEntry{File: path, Size: size, ModTime: mod}
		meta, err := readMetaSection(e.File, derivedLayout)
		if err == nil {
			e.Sources, e.Papers, err = decodeDerivedMeta(meta)
		}
		e.Err = err
		list = append(list, e)
	})
	return list, err
}

// EnsureDerived opens the fresh derived data of papers, which came from
// srcs, or computes it and writes its file. why is the reason it was
// computed again, if there was a file. A file that cannot be written is
// err, with the computed data still returned.
func (c Cache) EnsureDerived(srcs []Source, papers model.PaperSet) (d *Derived, status Status, why error, err error) {
	d, why = c.OpenDerived(srcs, papers.Len())
	if why == nil {
		return d, Fresh, nil, nil
	}
	status = Rebuilt
	if errors.Is(why, fs.ErrNotExist) {
		status, why = Built, nil
	}
	d = &Derived{Sources: srcs, Papers: papers.Len(), Topics: topics.Compute(papers), Related: related.Build(papers)}
	if err := c.WriteDerived(srcs, d.Papers, d.Topics, d.Related); err != nil {
		return d, status, why, fmt.Errorf("cannot write the derived data: %w", err)
	}
	if info, err := os.Stat(c.derivedPath(srcs)); err == nil {
		d.Size = info.Size()
	}
	return d, status, why, nil
}
