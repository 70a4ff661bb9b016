package ui

import (
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

// Exporter writes papers in the formats of store/export; the browser asks
// it for text (for the clipboard) or a file written atomically. It lives
// behind an interface because ui does not import store.
type Exporter interface {
	// Formats names the formats, in the order to offer them.
	Formats() []string
	// Text is papers in format, with their marks.
	Text(format string, papers []model.Paper, marks model.Marks) (string, error)
	// WriteFile writes papers in format to path, replacing it whole or
	// not at all.
	WriteFile(path, format string, papers []model.Paper, marks model.Marks) error
}

// exportState carries an export from the format prompt to the path
// prompt: the papers are taken when the key is pressed, so the export is
// of what was selected then.
type exportState struct {
	papers []model.Paper
	format string
}

// exportDoneMsg reports a finished export.
type exportDoneMsg struct {
	text string
	err  bool
}

// startExport asks for a format for the selection, or the paper under
// the cursor when nothing is selected.
func (m *Model) startExport() tea.Cmd {
	ex := m.opts.Export
	if ex == nil {
		return m.status.set("Export is not available here", true)
	}
	ps := m.selected()
	if len(ps) == 0 {
		return m.status.set("No paper to export", false)
	}
	m.export = exportState{}
	for _, p := range m.papersOf(ps) {
		m.export.papers = append(m.export.papers, *p)
	}
	return m.prompt.Open(promptExportFormat, -1, ex.Formats())
}

// exportPrompted takes the answer of either export prompt.
func (m *Model) exportPrompted(msg promptDoneMsg) tea.Cmd {
	ex := m.opts.Export
	if ex == nil || len(m.export.papers) == 0 {
		return nil
	}
	if msg.kind == promptExportFormat {
		format := strings.ToLower(msg.value)
		if !slices.Contains(ex.Formats(), format) {
			return m.status.set("Not a format: "+model.Quote(msg.value)+" (the formats are "+strings.Join(ex.Formats(), ", ")+")", true)
		}
		m.export.format = format
		return m.prompt.Open(promptExportPath, -1, nil)
	}
	papers, format, marks := m.export.papers, m.export.format, m.c.Marks
	m.export = exportState{}
	what := fmt.Sprintf("%d papers", len(papers))
	if len(papers) == 1 {
		what = "“" + papers[0].Title + "”"
	}
	path := msg.value
	if path == "" {
		copyText := m.opts.CopyText
		return func() tea.Msg {
			if copyText == nil {
				return exportDoneMsg{text: "No clipboard available", err: true}
			}
			text, err := ex.Text(format, papers, marks)
			if err == nil {
				err = copyText(text)
			}
			if err != nil {
				return exportDoneMsg{text: "Could not export: " + err.Error(), err: true}
			}
			return exportDoneMsg{text: fmt.Sprintf("Copied %s as %s", what, format)}
		}
	}
	return func() tea.Msg {
		if err := ex.WriteFile(path, format, papers, marks); err != nil {
			return exportDoneMsg{text: "Could not export: " + model.CleanInput(err.Error()), err: true}
		}
		return exportDoneMsg{text: fmt.Sprintf("Exported %s as %s to %s", what, format, model.Quote(path))}
	}
}
