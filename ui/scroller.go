package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// scroller is a pane's window onto its items: which item is first on
// screen (offset) and, in a list, which is selected (cursor). The lists
// (papers, tags) move the cursor and the window follows it; the pagers
// (detail pane, help) have no cursor and move the window itself. One type
// for all, so that every pane moves alike (gh-dash's listviewport is the
// model).
type scroller struct {
	cursor int // the selected item; a pager has none
	offset int // the first item on screen
	count  int
	height int // how many items are on screen
	pager  bool
}

// setCount sets how many items there are.
func (s *scroller) setCount(n int) {
	s.count = max(n, 0)
	s.clamp()
}

// setHeight sets how many items fit on screen.
func (s *scroller) setHeight(h int) {
	s.height = max(h, 0)
	s.clamp()
}

func (s *scroller) clamp() {
	if s.pager {
		s.offset = max(0, min(s.offset, s.count-s.height))
		return
	}
	s.cursor = max(0, min(s.cursor, s.count-1))
	if s.height > 0 { // off screen the window keeps its place until it has a size
		s.ensureVisible()
	}
}

// ensureVisible moves the window as little as it takes to show the cursor.
func (s *scroller) ensureVisible() {
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	if s.cursor >= s.offset+s.height {
		s.offset = s.cursor - s.height + 1
	}
	s.offset = max(0, min(s.offset, s.count-s.height))
}

// by moves the cursor, or a pager's window, by delta items.
func (s *scroller) by(delta int) {
	if s.pager {
		s.offset += delta
	} else {
		s.cursor += delta
	}
	s.clamp()
}

// page is how far a page key moves: a list keeps the row it leaves on
// screen, a pager shows the next screenful.
func (s *scroller) page() int {
	if s.pager {
		return s.height
	}
	return max(1, s.height-1)
}

func (s *scroller) half() int { return max(1, s.height/2) }

func (s *scroller) up()       { s.by(-1) }
func (s *scroller) down()     { s.by(1) }
func (s *scroller) pageUp()   { s.by(-s.page()) }
func (s *scroller) pageDown() { s.by(s.page()) }
func (s *scroller) halfUp()   { s.by(-s.half()) }
func (s *scroller) halfDown() { s.by(s.half()) }

func (s *scroller) top() {
	if s.pager {
		s.offset = 0
	} else {
		s.cursor = 0
	}
	s.clamp()
}

func (s *scroller) bottom() {
	if s.pager {
		s.offset = s.count - s.height
	} else {
		s.cursor = s.count - 1
	}
	s.clamp()
}

// scrollBy moves the window by delta items (the mouse wheel), dragging a
// list's cursor along only when it would leave the screen.
func (s *scroller) scrollBy(delta int) {
	if s.pager {
		s.by(delta)
		return
	}
	s.offset = max(0, min(s.offset+delta, s.count-s.height))
	s.cursor = max(s.offset, min(s.cursor, s.offset+s.height-1))
	s.clamp()
}

// selectItem puts a list's cursor on item i.
func (s *scroller) selectItem(i int) {
	s.cursor = i
	s.clamp()
}

// itemAt returns the item on line y of the pane, if there is one.
func (s *scroller) itemAt(y int) (int, bool) {
	i := s.offset + y
	if y < 0 || y >= s.height || i >= s.count {
		return 0, false
	}
	return i, true
}

// moveByKey makes the move a movement binding of keys asks for, and
// reports whether msg was one. It is the only reader of those bindings.
func (s *scroller) moveByKey(keys *KeyMap, msg tea.KeyMsg) bool {
	switch {
	case key.Matches(msg, keys.Up):
		s.up()
	case key.Matches(msg, keys.Down):
		s.down()
	case key.Matches(msg, keys.PageUp):
		s.pageUp()
	case key.Matches(msg, keys.PageDown):
		s.pageDown()
	case key.Matches(msg, keys.HalfUp):
		s.halfUp()
	case key.Matches(msg, keys.HalfDown):
		s.halfDown()
	case key.Matches(msg, keys.Top):
		s.top()
	case key.Matches(msg, keys.Bottom):
		s.bottom()
	default:
		return false
	}
	return true
}
