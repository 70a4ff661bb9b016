// Package store is everything papers keeps on disk, one subpackage per
// concern: corpus (the corpus file formats), library (the user's SQLite
// library), export (reading lists, citations and the JSON backup) and config
// (config.toml and the XDG directories). This package wires corpus and
// library together for a session.
package store

import (
	"slices"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/corpus"
	"github.com/papertui/papers/store/library"
)

// LoadCatalog loads what a session shows: the corpora at paths (the
// built-in corpus when paths is empty), then the papers the user marked
// (MarkedPapers), merged so each paper appears once. Marked papers come
// last, so corpus order is kept; a bookmarked paper whose corpus is no
// longer loaded still appears, from its snapshot: offline, the bookmark
// outlives the corpus. lib may be nil.
func LoadCatalog(paths []string, lib *library.Library) (papers []model.Paper, warnings []error, err error) {
	papers, warnings, _, err = LoadCatalogPure(paths, lib)
	return papers, warnings, err
}

// LoadCatalogPure is LoadCatalog, and also says whether the catalog is
// the corpora's papers as their files hold them: no snapshot merged in and
// no paper dated by the library. Only such a catalog may be stored as the
// corpora's own (segment.Write): what the library adds is the user's.
func LoadCatalogPure(paths []string, lib *library.Library) (papers []model.Paper, warnings []error, pure bool, err error) {
	if len(paths) == 0 {
		papers, err = DefaultCorpus()
	} else {
		papers, warnings, err = corpus.Load(paths)
	}
	if err != nil {
		return nil, warnings, false, err
	}
	if lib == nil {
		return papers, warnings, true, nil
	}
	dated, err := dateByFirstSeen(papers, lib)
	if err != nil {
		return nil, warnings, false, err
	}
	saved, err := lib.MarkedPapers()
	if err != nil {
		return nil, warnings, false, err
	}
	if len(saved) == 0 {
		return papers, warnings, !dated, nil
	}
	return model.MergePapers(papers, saved), warnings, false, nil
}

// dateByFirstSeen gives the papers whose source knows no date (the trending
// page) the day papers first saw them as their announcement day, so that
// date: and the days of the tag pane cover them too. The library is read
// only when such papers exist: a dated corpus of a million needs nothing.
func dateByFirstSeen(papers []model.Paper, lib *library.Library) (dated bool, err error) {
	undated := slices.ContainsFunc(papers, func(p model.Paper) bool { return p.Day().IsZero() })
	if !undated {
		return false, nil
	}
	seen, err := lib.FirstSeen()
	if err != nil {
		return false, err
	}
	for i := range papers {
		p := &papers[i]
		if !p.Day().IsZero() {
			continue
		}
		for _, key := range p.Keys() {
			if at, ok := seen[key]; ok {
				p.Announced = at
				break
			}
		}
	}
	return true, nil
}
