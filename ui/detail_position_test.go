package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestDetailPanePosition: a detail pane that scrolls says which lines it
// shows, in its title, and follows the scrolling; one where everything
// fits says nothing.
func TestDetailPanePosition(t *testing.T) {
	m := started(t, 80, 24, newMemLibrary(), nil)
	d := m.detail
	if d.count <= d.height {
		t.Fatalf("the first paper fits an 80x24 detail pane (%d lines, %d rows): pick a longer one", d.count, d.height)
	}
	want := fmt.Sprintf("Details 1–%d/%d", d.height, d.count)
	if !strings.Contains(m.View(), want) {
		t.Errorf("the view lacks %q:\n%s", want, m.View())
	}
	m = drive(t, m, press(tea.KeyEnter)) // to the detail pane
	m = drive(t, m, keys("jjj")...)
	want = fmt.Sprintf("Details 4–%d/%d", d.height+3, d.count)
	if !strings.Contains(m.View(), want) {
		t.Errorf("after scrolling 3 lines the view lacks %q:\n%s", want, m.View())
	}
	m = drive(t, m, keys("G")...)
	want = fmt.Sprintf("Details %d–%d/%d", d.count-d.height+1, d.count, d.count)
	if !strings.Contains(m.View(), want) {
		t.Errorf("at the end the view lacks %q:\n%s", want, m.View())
	}

	wide := started(t, 200, 60, newMemLibrary(), nil)
	if wide.detail.count > wide.detail.height {
		t.Fatalf("the first paper does not fit a 200x60 detail pane")
	}
	if v := wide.View(); !strings.Contains(v, "Details") || strings.Contains(v, "Details 1–") {
		t.Errorf("a detail pane that fits shows a position:\n%s", v)
	}
}
