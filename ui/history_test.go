package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestBackAndForwardAfterJumpingToRelatedPapers(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	start := m.selectedPaper()
	second := m.detail.related[1].Paper
	m = drive(t, m, keys("2")...)
	if m.selectedPaper() != second {
		t.Fatalf("2 went to %d, want %d", m.selectedPaper(), second)
	}
	third := m.detail.related[0].Paper
	m = drive(t, m, keys("1")...)
	m = drive(t, m, keys("H")...)
	if m.selectedPaper() != second {
		t.Errorf("H went to %d, want %d", m.selectedPaper(), second)
	}
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyLeft, Alt: true})
	if m.selectedPaper() != start {
		t.Errorf("alt+left went to %d, want the start %d", m.selectedPaper(), start)
	}
	m = drive(t, m, keys("H")...)
	if m.selectedPaper() != start || !strings.Contains(m.status.text, "Nothing to go back") {
		t.Errorf("H at the start of the history: paper %d, status %q", m.selectedPaper(), m.status.text)
	}
	m = drive(t, m, keys("L")...)
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRight, Alt: true})
	if m.selectedPaper() != third {
		t.Errorf("forward twice went to %d, want %d", m.selectedPaper(), third)
	}
	// A new jump forgets the way forward, as in a browser.
	m = drive(t, m, keys("H")...)
	m = drive(t, m, keys("3")...)
	m = drive(t, m, keys("L")...)
	if !strings.Contains(m.status.text, "Nothing to go forward") {
		t.Errorf("L after a new jump: status %q", m.status.text)
	}
}

func TestBackSaysWhenTheFilterHidesThePaper(t *testing.T) {
	m := started(t, 160, 40, newMemLibrary(), nil)
	m = drive(t, m, keys("jjj")...)
	from := m.selectedPaper()
	// A tag from the tag pane moves the cursor to the top of a new list:
	// find one that the paper lacks, so that the filter hides it.
	m.setFocus(paneTags)
	row := -1
	for i := range m.tags.entries {
		m.tags.selectItem(m.tags.tagStart() + i)
		m = drive(t, m, press(tea.KeyEnter))
		hides := !m.list.result.Contains(from) && m.list.total() > 0
		m = drive(t, m, press(tea.KeyEnter))
		if hides {
			row = m.tags.tagStart() + i
			break
		}
	}
	if row < 0 {
		t.Fatal("no tag hides the paper")
	}
	m.list.SetResult(m.list.result, from)
	m.history = navHistory{}
	m.tags.selectItem(row)
	m = drive(t, m, press(tea.KeyEnter))
	m = drive(t, m, press(tea.KeyTab))
	if m.list.result.Contains(from) {
		t.Fatalf("the tag filter shows paper %d", from)
	}
	at := m.selectedPaper()
	m = drive(t, m, keys("H")...)
	if m.selectedPaper() != at || !strings.Contains(m.status.text, "hidden by the filters") {
		t.Fatalf("H to a hidden paper: at %d (was %d), status %q", m.selectedPaper(), at, m.status.text)
	}
	// The history survives the filter change: clearing it, back works.
	m = drive(t, m, keys("c")...)
	m = drive(t, m, keys("H")...)
	if m.selectedPaper() != from {
		t.Errorf("after clearing the filters H went to %d, want %d", m.selectedPaper(), from)
	}
}
