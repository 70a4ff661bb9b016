package store

import (
	"context"
	"errors"
	"hash/crc64"
	"os"
	"slices"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/corpus"
	"github.com/papertui/papers/store/library"
	"github.com/papertui/papers/store/segment"
)

// Stored is a catalog served from the store instead of loaded: one part
// per corpus file (its segment, read in place, or for a small file without
// one, its papers loaded at open), then a part of the merged copies of
// papers several files hold and of the marked papers no file holds.
type Stored struct {
	Index *model.Index
	// Files are the corpus files' versions, Segments their segments (nil
	// for a file loaded at open), in corpus order: Index's parts.
	Files    []segment.Source
	Segments []*segment.Segment
	// Storable are the files loaded at open whose papers are as the file
	// holds them (none dated by the library): their segments can be
	// written from Index's parts (WriteLoaded).
	Storable []int
	// Derived is what the catalog's topics and related papers are keyed
	// by: the files, and a stand-in for the marked papers added, if any.
	Derived  []segment.Source
	Warnings []error
}

// loadAtOpen is the largest corpus file without a fresh segment that is
// loaded when the others are served from the store: a day's listing (a few
// hundred papers, well under a megabyte) costs milliseconds to load and
// index, and waiting for its segment would mean loading everything.
const loadAtOpen = 16 << 20

// OpenStored serves the catalog of the corpus files of paths from cache
// when it can: every file has a fresh segment or is small enough to load
// (loadAtOpen), and at least one has a segment. It returns nil when it
// cannot, and the caller loads the corpora (LoadCatalog); an error only
// when the library cannot be read.
//
// Papers are merged by ID as LoadCatalog merges them: a paper in several
// files is hidden in each and shown once, merged (model.MergePapers), in
// the last part. The library's snapshots are added for the marked papers
// no file holds; the files' own papers are as the files hold them.
//
// A segment cannot hold the days the library gives undated papers
// (LoadCatalog dates them by when it first saw them): with sameDays, a
// corpus with undated papers is not served, so that a browser shows the
// same days either way.
func OpenStored(cache segment.Cache, paths []string, lib *library.Library, sameDays bool) (*Stored, error) {
	if len(paths) == 0 {
		return nil, nil // the built-in corpus needs no store
	}
	files, err := corpus.Files(paths)
	if err != nil || len(files) == 0 {
		return nil, nil // the load reports it
	}
	st := &Stored{}
	var parts []*model.Index
	for _, file := range files {
		seg, err := cache.OpenFresh(file)
		if err == nil {
			if sameDays && !seg.Index.AllDated() {
				return nil, nil
			}
			st.Files, st.Segments = append(st.Files, seg.Source), append(st.Segments, seg)
			parts = append(parts, seg.Index)
			continue
		}
		ix, src, warnings, pure, ok, err := loadSmall(file, lib)
		if err != nil || !ok {
			return nil, err
		}
		if pure {
			st.Storable = append(st.Storable, len(st.Files))
		}
		st.Files, st.Segments = append(st.Files, src), append(st.Segments, nil)
		st.Warnings = append(st.Warnings, warnings...)
		parts = append(parts, ix)
	}
	if !slices.ContainsFunc(st.Segments, func(s *segment.Segment) bool { return s != nil }) {
		return nil, nil // nothing stored: loading is the same work
	}
	hidden, extra := mergeCopies(parts)
	var saved []model.Paper
	if lib != nil {
		if saved, err = lib.MarkedPapers(); err != nil {
			return nil, err
		}
	}
	marked := missingPapers(parts, saved)
	extra = append(extra, marked...)
	st.Derived = slices.Clone(st.Files)
	if len(marked) > 0 {
		st.Derived = append(st.Derived, markedSource(marked))
	}
	if len(extra) > 0 {
		ix, err := model.BuildIndex(context.Background(), model.MergePapers(extra))
		if err != nil {
			return nil, err
		}
		parts = append(parts, ix)
	}
	st.Index, err = model.Join(parts, hidden)
	if err != nil {
		return nil, nil // a damaged segment: the load serves, papers index rebuilds
	}
	return st, nil
}

// loadSmall loads and indexes a corpus file small enough to need no
// segment; ok is false when it is not small, or cannot be loaded here.
func loadSmall(file string, lib *library.Library) (ix *model.Index, src segment.Source, warnings []error, pure, ok bool, err error) {
	info, statErr := os.Stat(file)
	if statErr != nil || info.Size() > loadAtOpen {
		return nil, src, nil, false, false, nil
	}
	// Identified before reading, as a segment's source is, so that a file
	// changed meanwhile does not stand for what was read.
	src, idErr := segment.Identify(file)
	if idErr != nil {
		return nil, src, nil, false, false, nil
	}
	papers, warnings, loadErr := corpus.Load([]string{file})
	if loadErr != nil {
		return nil, src, nil, false, false, nil
	}
	dated := false
	if lib != nil {
		if dated, err = dateByFirstSeen(papers, lib); err != nil {
			return nil, src, nil, false, false, err
		}
	}
	ix, err = model.BuildIndex(context.Background(), papers)
	if err != nil {
		return nil, src, nil, false, false, err
	}
	return ix, src, warnings, !dated, true, nil
}

// WriteLoaded writes the segments of the Storable files, so that the next
// open reads them in place rather than loading them again.
func (st *Stored) WriteLoaded(cache segment.Cache) error {
	parts := st.Index.Parts()
	var errs []error
	for _, k := range st.Storable {
		errs = append(errs, cache.WriteSegment(st.Files[k], parts[k]))
	}
	return errors.Join(errs...)
}

// mergeCopies finds the papers that several parts hold (the rule of
// model.MergePapers: the same arXiv id, or the same title when one of the
// two has none) and returns the copies to hide, in joined numbering, and
// one merged paper per paper copied, its copies merged in corpus order.
// Each pair of parts is compared by looking the smaller one's keys up in
// the larger: a day's listing beside a million papers costs its few
// hundred lookups.
func mergeCopies(parts []*model.Index) (hidden []int, merged []model.Paper) {
	offsets := make([]int, len(parts))
	for k := 1; k < len(parts); k++ {
		offsets[k] = offsets[k-1] + parts[k-1].Len()
	}
	root := map[int]int{} // union-find over joined numbers of copies
	var find func(i int) int
	find = func(i int) int {
		r, ok := root[i]
		if !ok || r == i {
			return i
		}
		r = find(r)
		root[i] = r
		return r
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		root[ra], root[rb] = min(ra, rb), min(ra, rb)
	}
	for a := range parts {
		for b := a + 1; b < len(parts); b++ {
			small, large := a, b
			if parts[a].Len() > parts[b].Len() {
				small, large = b, a
			}
			for j := range parts[small].Len() {
				if i, ok := copyOf(parts[small], j, parts[large]); ok {
					union(offsets[small]+j, offsets[large]+i)
				}
			}
		}
	}
	if len(root) == 0 {
		return nil, nil
	}
	groups := map[int][]int{}
	for i := range root {
		groups[find(i)] = append(groups[find(i)], i)
	}
	roots := make([]int, 0, len(groups))
	for r := range groups {
		roots = append(roots, r)
	}
	slices.Sort(roots)
	paper := func(i int) model.Paper {
		k := 0
		for k+1 < len(parts) && offsets[k+1] <= i {
			k++
		}
		return *parts[k].Paper(i - offsets[k])
	}
	for _, r := range roots {
		members := groups[r]
		slices.Sort(members)
		copies := make([]model.Paper, len(members))
		for m, i := range members {
			copies[m] = paper(i)
		}
		hidden = append(hidden, members...)
		merged = append(merged, model.MergePapers(copies)...)
	}
	slices.Sort(hidden)
	return hidden, merged
}

// copyOf finds the paper of large that paper j of small repeats.
func copyOf(small *model.Index, j int, large *model.Index) (int, bool) {
	id, titleID := small.Keys(j)
	if i, ok := large.Lookup(id); ok {
		if p, q := small.Paper(j), large.Paper(i); p.ArxivID != "" && p.ArxivID == q.ArxivID {
			return i, true
		}
	}
	if titleID == "" {
		return 0, false
	}
	i, ok := large.Lookup(titleID)
	if !ok {
		return 0, false
	}
	p, q := small.Paper(j), large.Paper(i)
	if q.TitleID != titleID || p.ArxivID != "" && q.ArxivID != "" && p.ArxivID != q.ArxivID {
		return 0, false
	}
	return i, true
}

// missingPapers returns the papers of saved no part holds.
func missingPapers(parts []*model.Index, saved []model.Paper) []model.Paper {
	var out []model.Paper
	for _, p := range saved {
		held := slices.ContainsFunc(parts, func(ix *model.Index) bool {
			return slices.ContainsFunc(p.Keys(), func(key string) bool {
				_, ok := ix.Lookup(key)
				return ok
			})
		})
		if !held {
			out = append(out, p)
		}
	}
	return out
}

// markedSource stands for the marked papers a catalog adds, in the key of
// its derived data: other papers, other topics.
func markedSource(marked []model.Paper) segment.Source {
	h := crc64.New(crc64.MakeTable(crc64.ECMA))
	for _, p := range marked {
		h.Write([]byte(p.ID))
		h.Write([]byte{0})
		h.Write([]byte(p.Title))
		h.Write([]byte{0})
	}
	return segment.MarkedSource(len(marked), h.Sum64())
}

// Discard removes the segments found damaged since they were opened, so
// that the next open rebuilds them; it reports whether there were any.
func (st *Stored) Discard(cache segment.Cache) bool {
	found := false
	for k, seg := range st.Segments {
		if seg != nil && errors.Is(seg.Index.Err(), segment.ErrCorrupt) {
			_ = cache.Discard(st.Files[k].Name)
			found = true
		}
	}
	return found
}
