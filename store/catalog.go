package store

import "github.com/papertui/papers/model"

// LoadCatalog loads what a session shows: the corpora at paths (the
// built-in corpus when paths is empty), then the papers kept in the
// library, merged so each paper appears once. Library papers come last, so
// corpus order is kept; a bookmarked paper whose corpus is no longer loaded
// still appears, from its snapshot: offline, the bookmark outlives the
// corpus. lib may be nil.
func LoadCatalog(paths []string, lib *Library) (papers []model.Paper, warnings []error, err error) {
	if len(paths) == 0 {
		papers, err = DefaultCorpus()
	} else {
		papers, warnings, err = LoadCorpus(paths)
	}
	if err != nil {
		return nil, warnings, err
	}
	if lib == nil {
		return papers, warnings, nil
	}
	saved, err := lib.SavedPapers()
	if err != nil {
		return nil, warnings, err
	}
	if len(saved) == 0 {
		return papers, warnings, nil
	}
	return MergePapers(papers, saved), warnings, nil
}
