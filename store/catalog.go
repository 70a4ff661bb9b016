// Package store is everything papers keeps on disk, one subpackage per
// concern: corpus (the corpus file formats), library (the user's SQLite
// library), export (reading lists, citations and the JSON backup) and config
// (config.toml and the XDG directories). This package wires corpus and
// library together for a session.
package store

import (
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
	if len(paths) == 0 {
		papers, err = DefaultCorpus()
	} else {
		papers, warnings, err = corpus.Load(paths)
	}
	if err != nil {
		return nil, warnings, err
	}
	if lib == nil {
		return papers, warnings, nil
	}
	saved, err := lib.MarkedPapers()
	if err != nil {
		return nil, warnings, err
	}
	if len(saved) == 0 {
		return papers, warnings, nil
	}
	return model.MergePapers(papers, saved), warnings, nil
}
