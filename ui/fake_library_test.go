package ui

import (
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/papertui/papers/model"
)

// memLibrary is an in-memory Library for tests. failWrites makes every
// write fail, as a read-only or full disk would.
type memLibrary struct {
	mu         sync.Mutex
	marks      map[string]model.Mark
	hidden     map[string]bool
	version    int64
	seen       int64
	failWrites error
	writes     int
	load       int64    // the latest load that added papers
	newKeys    []string // the papers it added
	saved      []model.SavedSearch
	// noteBeforeWrite runs once, before the next note write.
	noteBeforeWrite func()
}

func newMemLibrary() *memLibrary {
	return &memLibrary{marks: map[string]model.Mark{}, hidden: map[string]bool{}}
}

func (l *memLibrary) Marks() (model.Marks, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	byKey := make(map[string]model.Mark, len(l.marks))
	for k, m := range l.marks {
		m.Tags = slices.Clone(m.Tags)
		byKey[k] = m
	}
	l.seen = l.version
	return model.Marks{ByKey: byKey, Version: l.version, LatestLoad: l.load}, nil
}

func (l *memLibrary) NewKeys() (int64, []string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.load, l.newKeys, nil
}

func (l *memLibrary) Changed() (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.version != l.seen, nil
}

func (l *memLibrary) update(papers []*model.Paper, fn func(m *model.Mark)) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.failWrites != nil {
		return l.failWrites
	}
	for _, p := range papers {
		m := l.marks[p.ID]
		fn(&m)
		l.marks[p.ID] = m
	}
	l.version++
	l.writes++
	return nil
}

func (l *memLibrary) SetBookmarks(papers []*model.Paper, on bool) error {
	return l.update(papers, func(m *model.Mark) {
		if on {
			m.BookmarkedAt = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
		} else {
			m.BookmarkedAt = time.Time{}
		}
	})
}

func (l *memLibrary) AddTags(papers []*model.Paper, tags []string) error {
	return l.update(papers, func(m *model.Mark) {
		for _, t := range tags {
			if !slices.Contains(m.Tags, t) {
				m.Tags = append(m.Tags, t)
			}
		}
		slices.Sort(m.Tags)
	})
}

func (l *memLibrary) RemoveTags(papers []*model.Paper, tags []string) error {
	return l.update(papers, func(m *model.Mark) {
		m.Tags = slices.DeleteFunc(m.Tags, func(t string) bool { return slices.Contains(tags, t) })
	})
}

func (l *memLibrary) SetNote(p *model.Paper, note string) error {
	l.beforeNoteWrite()
	return l.update([]*model.Paper{p}, func(m *model.Mark) { m.Note = note })
}

// SetNoteIf is SetNote when the note is still expected.
func (l *memLibrary) SetNoteIf(p *model.Paper, expected, note string) (bool, string, error) {
	l.beforeNoteWrite()
	l.mu.Lock()
	current := l.marks[p.ID].Note
	l.mu.Unlock()
	if current != expected {
		return false, current, nil
	}
	return true, model.CleanText(note), l.SetNote(p, model.CleanText(note))
}

func (l *memLibrary) beforeNoteWrite() {
	if f := l.noteBeforeWrite; f != nil {
		l.noteBeforeWrite = nil
		f()
	}
}

func (l *memLibrary) Note(p *model.Paper) (string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.marks[p.ID].Note, nil
}

func (l *memLibrary) SetRead(p *model.Paper, read bool) error {
	return l.update([]*model.Paper{p}, func(m *model.Mark) { m.Read = read })
}

func (l *memLibrary) HideTopic(name string, hidden bool) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.failWrites != nil {
		return l.failWrites
	}
	l.hidden[name] = hidden
	l.version++
	return nil
}

func (l *memLibrary) HiddenTopics() (map[string]bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[string]bool{}
	for k, v := range l.hidden {
		if v {
			out[k] = true
		}
	}
	return out, nil
}

func (l *memLibrary) mark(id string) model.Mark {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.marks[id]
}

var errReadOnly = errors.New("attempt to write a readonly database")

func (l *memLibrary) SavedSearches() ([]model.SavedSearch, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]model.SavedSearch(nil), l.saved...), nil
}

func (l *memLibrary) SaveSearch(name, query string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.failWrites != nil {
		return l.failWrites
	}
	l.writes++
	l.version++
	for i, s := range l.saved {
		if s.Name == name {
			l.saved[i].Query = query
			return nil
		}
	}
	l.saved = append(l.saved, model.SavedSearch{Name: name, Query: query})
	return nil
}
