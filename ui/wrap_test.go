package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/papertui/papers/model"
)

const wrapURL = "https://github.com/papertui/papers-extra/blob/main/README.md"

// TestWrapNeverBreaksDatesCategoriesOrURLs: at every narrow width, the
// date, the category and the URL each stay on one line; a URL wider than
// the pane is cut in pieces of the width, with nothing lost.
func TestWrapNeverBreaksDatesCategoriesOrURLs(t *testing.T) {
	line := "Published 2007-04-02 in cond-mat.other, the low-rank code at " + wrapURL + " with t-2e4iwqyjgmrz"
	for width := 16; width <= 80; width++ {
		lines := wrapAtSpaces(line, width)
		for _, l := range lines {
			if n := ansi.StringWidth(l); n > width {
				t.Errorf("width %d: line %q is %d wide", width, l, n)
			}
		}
		joined := strings.Join(lines, "\n")
		for _, token := range []string{"2007-04-02", "cond-mat.other,", "t-2e4iwqyjgmrz"} {
			if !strings.Contains(joined, token) {
				t.Errorf("width %d: %q broken:\n%s", width, token, joined)
			}
		}
		if width >= len(wrapURL) && !strings.Contains(joined, wrapURL) {
			t.Errorf("width %d: the URL fits but is broken:\n%s", width, joined)
		}
		if strings.Join(strings.Fields(joined), "") != strings.Join(strings.Fields(line), "") {
			t.Errorf("width %d: text lost:\n%s", width, joined)
		}
	}
}

// TestWrapKeepsStylesAndIndentation: escape sequences stay with their
// words and count no width.
func TestWrapKeepsStylesAndIndentation(t *testing.T) {
	bold := func(s string) string { return "\x1b[1m" + s + "\x1b[0m" }
	got := wrapAtSpaces("  "+bold("2007-04-02")+" and "+bold("cond-mat.other"), 16)
	want := []string{"  " + bold("2007-04-02") + " and", bold("cond-mat.other")}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDetailPaneKeepsTokensWhole: the same in the detail pane of a narrow
// terminal, through glamour and the pane's own wrapping.
func TestDetailPaneKeepsTokensWhole(t *testing.T) {
	papers := []model.Paper{{
		Title:      "Phase transitions in disordered low-dimensional magnets",
		Abstract:   "We study spin chains; the simulation code is at " + wrapURL + " and runs on 2007-04-02 data.",
		Authors:    []string{"A. Author"},
		Categories: []string{"cond-mat.other", "cond-mat.stat-mech"},
		Published:  time.Date(2007, 4, 2, 0, 0, 0, 0, time.UTC),
		Links:      []model.Link{{Kind: model.LinkCode, URL: wrapURL}},
	}}
	papers[0].AssignIDs()
	ix, err := model.BuildIndex(t.Context(), papers)
	if err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{34, 40, 47, 55, 64, 80} {
		m := newTestModel(testOptions(t, newMemLibrary(), ix, &calls{}))
		m = drive(t, m, tea.WindowSizeMsg{Width: width, Height: 60})
		m = drive(t, m, m.Init()())
		text := ansi.Strip(strings.Join(m.detail.lines, "\n"))
		for _, token := range []string{"2007-04-02", "cond-mat.other", "cond-mat.stat-mech"} {
			if strings.Count(text, token) < 1 {
				t.Errorf("width %d: %q broken in the detail pane:\n%s", width, token, text)
			}
		}
		if m.detail.width >= len(wrapURL) && strings.Count(text, wrapURL) < 2 {
			t.Errorf("width %d (pane %d): the URL is broken in the detail pane:\n%s", width, m.detail.width, text)
		}
	}
}
