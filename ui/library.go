package ui

import "github.com/papertui/papers/model"

// Library is the user's data as the browser needs it. library.Library
// implements it; the UI never touches files itself.
type Library interface {
	Marks() (model.Marks, error)
	// NewKeys lists the papers first seen in the latest corpus load.
	NewKeys() (load int64, keys []string, err error)
	Changed() (bool, error)
	SetBookmarks(papers []*model.Paper, on bool) error
	AddTags(papers []*model.Paper, tags []string) error
	RemoveTags(papers []*model.Paper, tags []string) error
	// SetNoteIf saves note only if the paper's note is still expected
	// (what the editor started from), in one transaction; saved is false
	// and current the library's note when it changed meanwhile.
	SetNoteIf(p *model.Paper, expected, note string) (saved bool, current string, err error)
	Note(p *model.Paper) (string, error)
	SetRead(p *model.Paper, read bool) error
	HideTopic(name string, hidden bool) error
	HiddenTopics() (map[string]bool, error)
	SavedSearches() ([]model.SavedSearch, error)
	// SaveSearch names a query (papers watch add); a name saved again
	// gets the new query.
	SaveSearch(name, query string) error
}
