package ui

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

var sgrPattern = regexp.MustCompile(`\x1b\[([0-9;]*)m`)

// sgrParams returns every SGR parameter line uses.
func sgrParams(line string) map[int]bool {
	out := map[int]bool{}
	for _, m := range sgrPattern.FindAllStringSubmatch(line, -1) {
		for _, p := range strings.Split(m[1], ";") {
			if n, err := strconv.Atoi(p); err == nil {
				out[n] = true
			}
		}
	}
	return out
}

// isColourParam reports whether an SGR parameter sets or resets a colour.
func isColourParam(n int) bool {
	return n >= 30 && n <= 49 || n >= 90 && n <= 97 || n >= 100 && n <= 107
}

// TestNoColorKeepsAttributes: NO_COLOR (ThemePlain, drawn as the binary
// draws it, not Bare) removes colour only. Matches are bold and
// underlined, the cursor row reversed, the focused pane's title
// underlined, read rows faint and picked rows bold, with no colour code
// anywhere.
func TestNoColorKeepsAttributes(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		lib := newMemLibrary()
		opts := testOptions(t, lib, loadSeed(t), &calls{})
		opts.Bare = false
		m := newTestModel(opts)
		m = drive(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		m = drive(t, m, m.Init()())
		m = drive(t, m, keys("lora")...)
		m = drive(t, m, press(tea.KeyEnter))
		// The first row read, the second picked: the cursor is on the third.
		m = drive(t, m, keys("mj ")...)
		view := m.View()
		for n := range sgrParams(view) {
			if isColourParam(n) {
				t.Fatalf("%v: NO_COLOR screen uses colour code %d:\n%q", size, n, view)
			}
		}
		lines := strings.Split(view, "\n")
		r := m.rects[paneList]
		if p := sgrParams(ansi.Cut(lines[1], r.x, r.x+r.w)); !p[1] || !p[4] {
			t.Errorf("%v: the focused pane's title is not bold and underlined: %q", size, lines[1])
		}
		// The list pane's part of each line: the tag pane has attributes
		// of its own.
		var rows []string
		for _, l := range lines[r.y : r.y+3] {
			rows = append(rows, ansi.Cut(l, r.x, r.x+r.w))
		}
		if p := sgrParams(rows[0]); !p[2] || !p[4] {
			t.Errorf("%v: the read row is not faint with its match underlined: %q", size, rows[0])
		}
		if p := sgrParams(rows[1]); !p[1] || p[7] {
			t.Errorf("%v: the picked row is not bold (and only the cursor row reversed): %q", size, rows[1])
		}
		if p := sgrParams(rows[2]); !p[7] || !p[1] {
			t.Errorf("%v: the cursor row is not reversed and bold: %q", size, rows[2])
		}
	}
}

// TestBareDrawsNoEscapes: Bare, which the other tests use, draws text only.
func TestBareDrawsNoEscapes(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	m = drive(t, m, keys("/lora")...)
	if view := m.View(); strings.Contains(view, "\x1b[") {
		t.Errorf("a bare screen has escape sequences:\n%q", view)
	}
}

// TestNoColorMarksMatchesInTheDetailPane: without colour the query's
// matches in the detail pane are underlined as in the list, and glamour
// writes no asterisks in their place.
func TestNoColorMarksMatchesInTheDetailPane(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		opts := testOptions(t, newMemLibrary(), loadSeed(t), &calls{})
		opts.Bare = false
		m := newTestModel(opts)
		m = drive(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		m = drive(t, m, m.Init()())
		m = drive(t, m, keys("lora")...)
		m = drive(t, m, press(tea.KeyEnter))
		r := m.rects[paneDetail]
		lines := strings.Split(m.View(), "\n")
		var pane []string
		for _, l := range lines[r.y:min(r.y+r.h, len(lines))] {
			pane = append(pane, ansi.Cut(l, r.x, r.x+r.w))
		}
		detail := strings.Join(pane, "\n")
		for n := range sgrParams(detail) {
			if isColourParam(n) {
				t.Fatalf("%v: the detail pane uses colour code %d:\n%q", size, n, detail)
			}
		}
		if !sgrParams(detail)[4] {
			t.Errorf("%v: no match is underlined in the detail pane:\n%q", size, detail)
		}
		if strings.Contains(ansi.Strip(detail), "**") {
			t.Errorf("%v: the detail pane shows asterisks for emphasis:\n%s", size, ansi.Strip(detail))
		}
	}
}
