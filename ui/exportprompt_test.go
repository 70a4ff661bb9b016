package ui

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

// fakeExporter records the exports asked of it.
type fakeExporter struct {
	files   map[string]string // path → format: titles
	failing error
}

func (f *fakeExporter) Formats() []string { return []string{"bibtex", "markdown"} }

func (f *fakeExporter) Text(format string, papers []model.Paper, _ model.Marks) (string, error) {
	var titles []string
	for _, p := range papers {
		titles = append(titles, p.Title)
	}
	return format + ": " + strings.Join(titles, "; "), f.failing
}

func (f *fakeExporter) WriteFile(path, format string, papers []model.Paper, marks model.Marks) error {
	if f.failing != nil {
		return f.failing
	}
	text, _ := f.Text(format, papers, marks)
	f.files[path] = text
	return nil
}

func exportModel(t *testing.T, ex *fakeExporter, c *calls) Model {
	t.Helper()
	opts := testOptions(t, newMemLibrary(), loadSeed(t), c)
	opts.Export = ex
	m := newTestModel(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m = drive(t, m, m.Init()())
	return drive(t, m, press(tea.KeyEnter))
}

func TestExportTheSelectionToAFileOrTheClipboard(t *testing.T) {
	ex := &fakeExporter{files: map[string]string{}}
	c := &calls{}
	m := exportModel(t, ex, c)
	first, second := m.c.paper(0).Title, m.c.paper(1).Title
	m = drive(t, m, keys("  E")...)
	if !m.prompt.active || !strings.Contains(m.View(), "Export as:") {
		t.Fatalf("E did not ask for a format:\n%s", m.View())
	}
	// tab completes the format; the path prompt follows.
	m = drive(t, m, keys("bi")...)
	m = drive(t, m, press(tea.KeyTab), press(tea.KeyEnter))
	if !m.prompt.active || !strings.Contains(m.View(), "Export to file:") {
		t.Fatalf("no path prompt after the format:\n%s", m.View())
	}
	m = drive(t, m, keys("out.bib")...)
	m = drive(t, m, press(tea.KeyEnter))
	if got, want := ex.files["out.bib"], "bibtex: "+first+"; "+second; got != want {
		t.Errorf("out.bib = %q, want %q", got, want)
	}
	if !strings.Contains(m.status.text, `Exported 2 papers as bibtex to out.bib`) {
		t.Errorf("status %q", m.status.text)
	}
	// Nothing selected: the paper under the cursor, to the clipboard.
	m = drive(t, m, keys("X")...)
	m = drive(t, m, keys("Emarkdown")...)
	m = drive(t, m, press(tea.KeyEnter))
	m = drive(t, m, press(tea.KeyEnter))
	cur := m.c.paper(m.selectedPaper()).Title
	if len(c.copied) != 1 || c.copied[0] != "markdown: "+cur {
		t.Errorf("copied %q, want the current paper as markdown; status %q", c.copied, m.status.text)
	}
}

func TestExportErrorsAreShownNotPanicked(t *testing.T) {
	ex := &fakeExporter{files: map[string]string{}}
	m := exportModel(t, ex, &calls{})
	m = drive(t, m, keys("Eris")...)
	m = drive(t, m, press(tea.KeyEnter))
	if m.prompt.active || !m.status.isErr || !strings.Contains(m.status.text, "Not a format") {
		t.Errorf("a bad format: prompt %v, status %q", m.prompt.active, m.status.text)
	}
	ex.failing = errors.New("permission denied")
	m = drive(t, m, keys("Ebibtex")...)
	m = drive(t, m, press(tea.KeyEnter))
	m = drive(t, m, keys("/root/x.bib")...)
	m = drive(t, m, press(tea.KeyEnter))
	if !m.status.isErr || !strings.Contains(m.status.text, "permission denied") || len(ex.files) != 0 {
		t.Errorf("a failed write: status %q, files %v", m.status.text, ex.files)
	}
	// Without an exporter (tests, a build without one) the key says so.
	opts := testOptions(t, newMemLibrary(), loadSeed(t), &calls{})
	m = newTestModel(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: 100, Height: 30}, m.Init()())
	m = drive(t, m, press(tea.KeyEnter), keys("E")[0])
	if m.prompt.active || !strings.Contains(m.status.text, "not available") {
		t.Errorf("no exporter: prompt %v, status %q", m.prompt.active, m.status.text)
	}
}
