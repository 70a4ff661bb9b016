package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestHiddenTopicsAreListedAndUnhidden: z lists the hidden topics at the
// end of the tag pane, x on one shows it again (in the library), u hides
// it back, and z unlists them.
func TestHiddenTopicsAreListedAndUnhidden(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 160, 48, lib, nil)
	m = drive(t, m, press(tea.KeyShiftTab)) // to the tag pane
	m = drive(t, m, keys("z")...)
	if !strings.Contains(m.status.text, "No hidden topics") {
		t.Errorf("z with nothing hidden says %q", m.status.text)
	}
	m = drive(t, m, keys("z")...) // unlisted again
	e, ok := m.tags.Current()
	if !ok || !e.Topic {
		t.Fatalf("the first tag is not a topic: %+v", e)
	}
	m = drive(t, m, keys("x")...)
	if !lib.hidden[e.Key] || strings.Contains(m.tags.View(), e.Name) {
		t.Fatalf("x did not hide %s", e.Key)
	}
	m = drive(t, m, keys("z")...)
	h, ok := m.tags.currentHidden()
	if !ok || h.Key != e.Key {
		t.Fatalf("z did not put the cursor on the hidden topic: %+v, %v (status %q)", h, ok, m.status.text)
	}
	if view := m.tags.View(); !strings.Contains(view, "x "+e.Name) {
		t.Errorf("the hidden topic is not listed:\n%s", view)
	}
	// Space on it filters nothing and says how to show it.
	m = drive(t, m, keys(" ")...)
	if len(m.tags.Selected()) != 0 || !strings.Contains(m.status.text, "x shows it again") {
		t.Errorf("space on a hidden topic: selected %v, status %q", m.tags.Selected(), m.status.text)
	}
	m = drive(t, m, keys("x")...)
	if lib.hidden[e.Key] || m.c.Hidden[e.Key] {
		t.Fatalf("x on the hidden %s did not show it again", e.Key)
	}
	if len(m.tags.hidden) != 0 || !strings.Contains(m.status.text, "Showing topic") {
		t.Errorf("after unhiding: hidden rows %v, status %q", m.tags.hidden, m.status.text)
	}
	m = drive(t, m, keys("u")...)
	if !lib.hidden[e.Key] || len(m.tags.hidden) != 1 {
		t.Errorf("u did not hide %s again (rows %v)", e.Key, m.tags.hidden)
	}
	m = drive(t, m, keys("z")...)
	if len(m.tags.hidden) != 0 || strings.Contains(m.tags.View(), "x "+e.Name) {
		t.Errorf("z did not unlist the hidden topics:\n%s", m.tags.View())
	}
}
