package library

import "github.com/papertui/papers/model"

// MarkedPapers returns the snapshots of the papers the user bookmarked,
// tagged or wrote a note on: what outlives its corpus. A paper that was
// only read does not: after switching corpora, everything read in the old
// one would otherwise trail the new list.
func (l *Library) MarkedPapers() ([]model.Paper, error) {
	saved, err := l.SavedPapers()
	if err != nil {
		return nil, err
	}
	marks, err := l.Marks()
	if err != nil {
		return nil, err
	}
	kept := saved[:0]
	for _, p := range saved {
		m := marks.For(&p)
		if m.Bookmarked() || len(m.Tags) > 0 || m.Note != "" {
			kept = append(kept, p)
		}
	}
	return kept, nil
}
