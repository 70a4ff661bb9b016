package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

// selection is the set of papers picked with the select keys; the paper
// actions apply to all of them while it is not empty. Papers are index
// positions: the corpus is loaded once per session, so they stay valid.
type selection map[int]bool

// undoEntry reverses the last bulk change. Only one is kept, as in
// newsboat: a second undo would need to know what other processes did in
// between.
type undoEntry struct {
	what string
	fn   func(lib Library) error
}

// selected returns the papers an action applies to: the selection in
// list order, or else the paper under the cursor.
func (m *Model) selected() []int {
	if len(m.c.picked) == 0 {
		if p, ok := m.list.Selected(); ok {
			return []int{p}
		}
		return nil
	}
	var out []int
	if m.list.result != nil {
		m.list.result.Matches().Each(func(i int) bool {
			if m.c.picked[i] {
				out = append(out, i)
			}
			return true
		})
	}
	// Picked papers the current filter hides are still picked: the user
	// chose them, a new query does not unchoose them.
	for p := range m.c.picked {
		if m.list.result == nil || !m.list.result.Contains(p) {
			out = append(out, p)
		}
	}
	return out
}

func (m *Model) papersOf(ps []int) []*model.Paper {
	out := make([]*model.Paper, len(ps))
	for i, p := range ps {
		out[i] = m.c.paper(p)
	}
	return out
}

// visible returns every paper of the current result, in corpus order.
func (m *Model) visible() []int {
	var out []int
	if m.list.result != nil {
		m.list.result.Matches().Each(func(i int) bool {
			out = append(out, i)
			return true
		})
	}
	return out
}

// bulkKey handles the keys that pick papers or change many at once.
func (m *Model) bulkKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	keys := m.c.keys
	if m.c.Index == nil {
		return nil, false
	}
	switch {
	case m.focus == paneList && key.Matches(msg, keys.Select):
		p, ok := m.list.Selected()
		if !ok {
			return nil, true
		}
		if m.c.picked[p] {
			delete(m.c.picked, p)
		} else {
			m.c.picked[p] = true
		}
		// Moving on after a pick is what every file manager does: space
		// space space picks three papers in a row.
		before := m.list.cursor
		m.list.down()
		m.list.track(before)
		return m.syncDetail(true), true
	case key.Matches(msg, keys.SelectAll):
		for _, p := range m.visible() {
			m.c.picked[p] = true
		}
		return m.status.set(fmt.Sprintf("%d selected", len(m.c.picked)), false), true
	case key.Matches(msg, keys.ClearSelection):
		m.c.picked = selection{}
		return m.status.set("Selection cleared", false), true
	case key.Matches(msg, keys.MarkVisibleRead):
		return m.markAllRead(m.visible()), true
	case key.Matches(msg, keys.MarkAboveRead):
		return m.markAboveRead(), true
	case key.Matches(msg, keys.Undo):
		if m.undo == nil {
			return m.status.set("Nothing to undo", false), true
		}
		u := *m.undo
		m.undo = nil
		return m.write("Undone: "+u.what, u.fn), true
	case key.Matches(msg, keys.NextUnread), key.Matches(msg, keys.PrevUnread):
		dir := 1
		if key.Matches(msg, keys.PrevUnread) {
			dir = -1
		}
		return m.moveToUnread(dir), true
	case key.Matches(msg, keys.HideRead):
		m.hideRead = !m.hideRead
		return m.startSearch(keepSelection), true
	}
	return nil, false
}

// markAllRead marks papers read, remembering which were unread so undo
// can put back exactly those.
func (m *Model) markAllRead(ps []int) tea.Cmd {
	var unread []*model.Paper
	for _, p := range ps {
		if !m.c.Mark(p).Read {
			unread = append(unread, m.c.paper(p))
		}
	}
	if len(unread) == 0 {
		return m.status.set("Every paper shown is read already", false)
	}
	what := fmt.Sprintf("marked %d papers read", len(unread))
	m.undo = &undoEntry{what: what, fn: func(lib Library) error { return setRead(lib, unread, false) }}
	return m.write(fmt.Sprintf("Marked %d papers read (u undoes)", len(unread)), func(lib Library) error { return setRead(lib, unread, true) })
}

func setRead(lib Library, papers []*model.Paper, read bool) error {
	for _, p := range papers {
		if err := lib.SetRead(p, read); err != nil {
			return err
		}
	}
	return nil
}

// moveToUnread moves the cursor to the next (dir 1) or previous unread
// paper of the list.
func (m *Model) moveToUnread(dir int) tea.Cmd {
	r := m.list.result
	if r == nil {
		return nil
	}
	for i := m.list.cursor + dir; i >= 0 && i < m.list.total(); i += dir {
		rows := r.Rows(i, 1)
		if len(rows) == 1 && !m.c.Mark(rows[0].Paper).Read {
			before := m.list.cursor
			m.list.selectItem(i)
			m.list.track(before)
			return m.syncDetail(true)
		}
	}
	return m.status.set("No unread paper that way", false)
}

// bulkPaperAction applies b, t, T and m to the selection, when there is
// one.
func (m *Model) bulkPaperAction(msg tea.KeyMsg) (tea.Cmd, bool) {
	keys := m.c.keys
	if len(m.c.picked) == 0 || m.c.Index == nil {
		return nil, false
	}
	ps := m.selected()
	papers := m.papersOf(ps)
	n := len(papers)
	switch {
	case key.Matches(msg, keys.Bookmark):
		// All bookmarked already: b takes the bookmarks off, as it does
		// for one paper.
		on := false
		var changed []*model.Paper
		for _, p := range ps {
			if !m.c.Mark(p).Bookmarked() {
				on = true
			}
		}
		for i, p := range ps {
			if m.c.Mark(p).Bookmarked() != on {
				changed = append(changed, papers[i])
			}
		}
		done := fmt.Sprintf("Bookmarked %d papers", n)
		if !on {
			done = fmt.Sprintf("Removed %d bookmarks", n)
		}
		m.undo = &undoEntry{what: done, fn: func(lib Library) error { return lib.SetBookmarks(changed, !on) }}
		return m.write(done, func(lib Library) error { return lib.SetBookmarks(papers, on) }), true
	case key.Matches(msg, keys.ToggleRead):
		read := false
		for _, p := range ps {
			if !m.c.Mark(p).Read {
				read = true
			}
		}
		if read {
			return m.markAllRead(ps), true
		}
		m.undo = &undoEntry{what: "marked unread", fn: func(lib Library) error { return setRead(lib, papers, true) }}
		return m.write(fmt.Sprintf("Marked %d papers unread", n), func(lib Library) error { return setRead(lib, papers, false) }), true
	case key.Matches(msg, keys.AddTag):
		return m.prompt.Open(promptAddTag, -1, m.allTags()), true
	case key.Matches(msg, keys.RemoveTag):
		return m.prompt.Open(promptRemoveTag, -1, m.allTags()), true
	}
	return nil, false
}
