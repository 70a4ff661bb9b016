package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestTagPaneMovesByHalfAPage(t *testing.T) {
	m := started(t, 160, 30, newMemLibrary(), nil)
	m = drive(t, m, press(tea.KeyShiftTab))
	if m.focus != paneTags {
		t.Fatalf("focus %v, want the tag pane", m.focus)
	}
	half := m.tags.height / 2
	if len(m.tags.entries) <= 2*half {
		t.Fatalf("%d tags: too few for the test at height %d", len(m.tags.entries), m.tags.height)
	}
	m = drive(t, m, press(tea.KeyCtrlD))
	if m.tags.cursor != half {
		t.Errorf("ctrl+d moved the tag cursor to %d, want %d (half of %d rows)", m.tags.cursor, half, m.tags.height)
	}
	m = drive(t, m, press(tea.KeyCtrlD), press(tea.KeyCtrlU))
	if m.tags.cursor != half {
		t.Errorf("ctrl+d then ctrl+u: cursor %d, want %d", m.tags.cursor, half)
	}
}

func TestScrollerListKeepsTheCursorOnScreen(t *testing.T) {
	s := scroller{}
	s.setHeight(10)
	s.setCount(100)
	steps := []struct {
		name           string
		move           func()
		cursor, offset int
	}{
		{"down", s.down, 1, 0},
		{"page down", s.pageDown, 10, 1}, // a page is the height less one row
		{"half down", s.halfDown, 15, 6},
		{"up", s.up, 14, 6},
		{"half up", s.halfUp, 9, 6},
		{"page up", s.pageUp, 0, 0},
		{"up at the top", s.up, 0, 0},
		{"bottom", s.bottom, 99, 90},
		{"down at the bottom", s.down, 99, 90},
		{"top", s.top, 0, 0},
		{"wheel", func() { s.scrollBy(3) }, 3, 3}, // the cursor is dragged along
		{"wheel back", func() { s.scrollBy(-3) }, 3, 0},
		{"wheel past the end", func() { s.scrollBy(500) }, 90, 90},
	}
	for _, st := range steps {
		st.move()
		if s.cursor != st.cursor || s.offset != st.offset {
			t.Fatalf("%s: cursor %d offset %d, want %d %d", st.name, s.cursor, s.offset, st.cursor, st.offset)
		}
	}
	if i, ok := s.itemAt(4); !ok || i != 94 {
		t.Errorf("itemAt(4) = %d, %v; want 94", i, ok)
	}
	if _, ok := s.itemAt(10); ok {
		t.Error("itemAt below the pane found an item")
	}
	s.setCount(5) // fewer items than rows
	if s.cursor != 4 || s.offset != 0 {
		t.Errorf("after shrinking: cursor %d offset %d, want 4 0", s.cursor, s.offset)
	}
	if _, ok := s.itemAt(5); ok {
		t.Error("itemAt past the last item found one")
	}
}

func TestScrollerPagerMovesTheWindow(t *testing.T) {
	s := scroller{pager: true}
	s.setHeight(10)
	s.setCount(35)
	steps := []struct {
		name   string
		move   func()
		offset int
	}{
		{"down", s.down, 1},
		{"page down", s.pageDown, 11}, // a full screen
		{"half down", s.halfDown, 16},
		{"bottom", s.bottom, 25},
		{"down at the bottom", s.down, 25},
		{"wheel", func() { s.scrollBy(-3) }, 22},
		{"page up", s.pageUp, 12},
		{"top", s.top, 0},
	}
	for _, st := range steps {
		st.move()
		if s.offset != st.offset || s.cursor != 0 {
			t.Fatalf("%s: offset %d cursor %d, want %d 0", st.name, s.offset, s.cursor, st.offset)
		}
	}
	s.bottom()
	s.setCount(12) // shorter content keeps the window inside it
	if s.offset != 2 {
		t.Errorf("after shorter content: offset %d, want 2", s.offset)
	}
}

func TestMovementKeysMapToScrollerMoves(t *testing.T) {
	keys := DefaultKeyMap()
	for _, c := range []struct {
		key  tea.KeyMsg
		want int
	}{
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'j'}}, 21},
		{tea.KeyMsg{Type: tea.KeyDown}, 21},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'k'}}, 19},
		{tea.KeyMsg{Type: tea.KeyPgDown}, 29},
		{tea.KeyMsg{Type: tea.KeyPgUp}, 11},
		{tea.KeyMsg{Type: tea.KeyCtrlD}, 25},
		{tea.KeyMsg{Type: tea.KeyCtrlU}, 15},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'g'}}, 0},
		{tea.KeyMsg{Type: tea.KeyEnd}, 99},
	} {
		s := scroller{cursor: 20, offset: 15, count: 100, height: 10}
		if !s.moveByKey(&keys, c.key) || s.cursor != c.want {
			t.Errorf("%s: cursor %d, want %d", c.key, s.cursor, c.want)
		}
	}
	s := scroller{count: 100, height: 10}
	if s.moveByKey(&keys, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'b'}}) {
		t.Error("b is not a movement key")
	}
}
