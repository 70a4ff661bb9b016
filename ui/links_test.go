package ui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

// linkIndex has papers with several links, one, a PDF only, and none.
func linkIndex(t *testing.T) *model.Index {
	t.Helper()
	papers := []model.Paper{
		{Title: "Many links", Abstract: "a", ArxivID: "2405.09673", Links: []model.Link{
			{Kind: model.LinkAbstract, URL: "https://arxiv.org/abs/2405.09673"},
			{Kind: model.LinkCode, URL: "https://github.com/example/code"},
			{Kind: model.LinkOther, URL: "javascript:alert(1)"},
			{Kind: model.LinkDOI, URL: "https://doi.org/10.1/x"},
		}},
		{Title: "Old style", Abstract: "b", ArxivID: "hep-th/9901001", Links: []model.Link{{Kind: model.LinkAbstract, URL: "https://arxiv.org/abs/hep-th/9901001"}}},
		{Title: "PDF only", Abstract: "c", Links: []model.Link{{Kind: model.LinkPDF, URL: "https://example.org/paper.pdf"}}},
		{Title: "No link", Abstract: "d", ArxivID: "2401.1\x1b]8;;x"},
	}
	for i := range papers {
		papers[i].AssignIDs()
	}
	ix, err := model.BuildIndex(t.Context(), papers)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// linkPapers is the browser on linkIndex, in the list.
func linkPapers(t *testing.T, c *calls) Model {
	t.Helper()
	m := newTestModel(testOptions(t, newMemLibrary(), linkIndex(t), c))
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = drive(t, m, m.Init()())
	return drive(t, m, press(tea.KeyEnter))
}

func TestOpenPDF(t *testing.T) {
	c := &calls{}
	m := linkPapers(t, c)
	for range 4 {
		m = drive(t, m, keys("Oj")...)
	}
	want := []string{"https://arxiv.org/pdf/2405.09673", "https://arxiv.org/pdf/hep-th/9901001", "https://example.org/paper.pdf"}
	if !slices.Equal(c.opened, want) {
		t.Errorf("O opened %q, want %q", c.opened, want)
	}
	// The last paper's arXiv ID carries an escape sequence: no URL is
	// built from it, and the status line says why nothing opened.
	if !strings.Contains(m.status.text, "No PDF known") {
		t.Errorf("status %q", m.status.text)
	}
}

func TestOpenOffersAChooserAmongSeveralLinks(t *testing.T) {
	c := &calls{}
	m := linkPapers(t, c)
	m = drive(t, m, keys("o")...)
	if !m.links.active || len(c.opened) != 0 {
		t.Fatalf("o on a paper with three web links: chooser %v, opened %v", m.links.active, c.opened)
	}
	view := checkScreen(t, m, 80, 24)
	for _, want := range []string{"1 abstract", "2 code", "3 DOI", "https://github.com/example/code"} {
		if !strings.Contains(view, want) {
			t.Errorf("the chooser lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "javascript") {
		t.Error("the chooser offers a javascript: link")
	}
	m = drive(t, m, keys("2")...)
	if m.links.active || !slices.Equal(c.opened, []string{"https://github.com/example/code"}) {
		t.Fatalf("2: chooser %v, opened %v", m.links.active, c.opened)
	}
	// enter opens the marked one; esc cancels; a number with no link
	// keeps the chooser open.
	m = drive(t, m, keys("oj")...)
	m = drive(t, m, press(tea.KeyEnter))
	m = drive(t, m, keys("o9")...)
	if !m.links.active {
		t.Error("9 of 3 links closed the chooser")
	}
	m = drive(t, m, press(tea.KeyEsc))
	if m.links.active || m.quitting {
		t.Error("esc did not just close the chooser")
	}
	want := []string{"https://github.com/example/code", "https://github.com/example/code"}
	if !slices.Equal(c.opened, want) {
		t.Errorf("opened %q, want %q", c.opened, want)
	}
	// One link opens at once, as before.
	m = drive(t, m, keys("jo")...)
	if m.links.active || c.opened[len(c.opened)-1] != "https://arxiv.org/abs/hep-th/9901001" {
		t.Errorf("one link: chooser %v, opened %v", m.links.active, c.opened)
	}
}
