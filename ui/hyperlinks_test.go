package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/papertui/papers/model"
)

func hyperlinkModel(t *testing.T, on bool, w, h int) Model {
	t.Helper()
	papers := []model.Paper{{Title: "Linked paper", Abstract: "An abstract.", ArxivID: "2405.09673", Links: []model.Link{
		{Kind: model.LinkAbstract, URL: "https://arxiv.org/abs/2405.09673"},
		{Kind: model.LinkCode, URL: "https://github.com/example/a-rather-long-repository-name-that-will-not-fit-in-a-narrow-pane"},
		{Kind: model.LinkOther, URL: "https://evil.example/\x1b]8;;x\x07"},
	}}}
	papers[0].AssignIDs()
	ix, err := model.BuildIndex(t.Context(), papers)
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(t, newMemLibrary(), ix, &calls{})
	opts.Hyperlink = on
	m := newTestModel(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = drive(t, m, m.Init()())
	return drive(t, m, press(tea.KeyEnter))
}

func TestDetailHyperlinksKeepTheLayout(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		w, h := size[0], size[1]
		off := hyperlinkModel(t, false, w, h).View()
		m := hyperlinkModel(t, true, w, h)
		view := m.View()
		if strings.Contains(off, "\x1b]8;") {
			t.Fatalf("%dx%d: hyperlinks when they are off", w, h)
		}
		if !strings.Contains(view, ansi.SetHyperlink("https://arxiv.org/abs/2405.09673")) {
			t.Errorf("%dx%d: the arXiv ID or abstract link is not a hyperlink:\n%q", w, h, view)
		}
		if strings.Contains(view, "evil.example") {
			t.Errorf("%dx%d: a link with control characters reached the screen", w, h)
		}
		// The same screen once the sequences are taken out, and every line
		// as wide as lipgloss measures it: the hyperlinks take no cells.
		if got := ansi.Strip(view); got != ansi.Strip(off) {
			t.Errorf("%dx%d: the hyperlinks changed the screen:\n%s\nwithout them:\n%s", w, h, got, ansi.Strip(off))
		}
		lines := strings.Split(view, "\n")
		if len(lines) > h {
			t.Errorf("%dx%d: %d lines", w, h, len(lines))
		}
		for i, l := range lines {
			if lipgloss.Width(l) > w || ansi.StringWidth(l) > w {
				t.Errorf("%dx%d: line %d is %d cells wide", w, h, i, lipgloss.Width(l))
			}
			// Every hyperlink opened on a line is closed on it.
			if n := strings.Count(l, "\x1b]8;"); n%2 != 0 {
				t.Errorf("%dx%d: line %d leaves a hyperlink open: %q", w, h, i, l)
			}
		}
	}
}

func TestHyperlinkTargetsPreferTheLongestAndOnlyWebLinks(t *testing.T) {
	p := &model.Paper{ArxivID: "2405.09673", Links: []model.Link{
		{Kind: model.LinkAbstract, URL: "https://arxiv.org/abs/2405.09673"},
		{Kind: model.LinkOther, URL: "javascript:alert(1)"},
	}}
	got := hyperlink("ID 2405.09673 at https://arxiv.org/abs/2405.09673", hyperlinkTargets(p))
	want := "ID " + ansi.SetHyperlink("https://arxiv.org/abs/2405.09673") + "2405.09673" + ansi.ResetHyperlink() +
		" at " + ansi.SetHyperlink("https://arxiv.org/abs/2405.09673") + "https://arxiv.org/abs/2405.09673" + ansi.ResetHyperlink()
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := hyperlink("javascript:alert(1)", hyperlinkTargets(p)); got != "javascript:alert(1)" {
		t.Errorf("a javascript: link became a hyperlink: %q", got)
	}
}
