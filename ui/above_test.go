package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestMarkAboveReadThenUndo: K marks read the papers above the cursor, in
// list order, and no other; u puts back only those it changed.
func TestMarkAboveReadThenUndo(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	m = drive(t, m, keys("/lora")...)
	m = drive(t, m, press(tea.KeyEnter))
	m = drive(t, m, keys("K")...)
	if !strings.Contains(m.status.text, "No paper above") {
		t.Errorf("K on the first row says %q", m.status.text)
	}
	m = drive(t, m, keys("mjjjjj")...) // the first row read before
	rows := m.list.result.Rows(0, m.list.total())
	m = drive(t, m, keys("K")...)
	if !strings.Contains(m.status.text, "Marked 4 papers read") {
		t.Errorf("K says %q", m.status.text)
	}
	for i, h := range rows {
		if read := m.c.Mark(h.Paper).Read; read != (i < 5) {
			t.Errorf("after K on row 6, row %d read = %v", i+1, read)
		}
	}
	m = drive(t, m, keys("K")...)
	if !strings.Contains(m.status.text, "read already") {
		t.Errorf("K again says %q", m.status.text)
	}
	m = drive(t, m, keys("u")...)
	for i, h := range rows {
		if read := m.c.Mark(h.Paper).Read; read != (i == 0) {
			t.Errorf("after undo, row %d read = %v", i+1, read)
		}
	}
}
