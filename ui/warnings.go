package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/papertui/papers/model"
)

// The load warnings (a file of a folder that failed, a file cut short, a
// corpus without papers) can be many and long: the status line shows
// how many, and the warnings view shows them in full, wrapped, scrolled
// like the help.

// setWarnings keeps the load warnings, cleaned, and says how many there
// are.
func (m *Model) setWarnings(warnings []error) {
	m.warnings = m.warnings[:0]
	for _, w := range warnings {
		m.warnings = append(m.warnings, model.CleanLine(w.Error()))
	}
	if len(m.warnings) > 0 {
		m.status.show(m.warningsNotice(), true)
	}
}

// addWarning keeps one more warning, cleaned, and says how many there
// are now.
func (m *Model) addWarning(text string) {
	m.warnings = append(m.warnings, model.CleanLine(text))
	m.status.show(m.warningsNotice(), true)
}

// warningsNotice is the one-line summary: the warning itself when it is
// the only one and fits, else how many there are. It names where the key
// works: at the start the search line has the keys, and w would type.
func (m *Model) warningsNotice() string {
	k := m.c.keys.Warnings.Help().Key
	if len(m.warnings) == 1 {
		return fmt.Sprintf("%s — %s in the list shows it in full", m.warnings[0], k)
	}
	return fmt.Sprintf("%d warnings — %s in the list shows them", len(m.warnings), k)
}

// warningLines is the text of the warnings view.
func (m *Model) warningLines() []string {
	s := m.c.styles
	k := m.c.keys
	width := max(m.width-2, 10)
	var b strings.Builder
	b.WriteString(s.PaneTitleFocused.Render(fmt.Sprintf("Loaded with %d warning(s)", len(m.warnings))) + "\n\n")
	for _, w := range m.warnings {
		// A file name may be one long word: wrap it hard.
		b.WriteString(ansi.Hardwrap(ansi.Wordwrap("• "+w, width, ""), width, true) + "\n")
	}
	b.WriteString("\n" + s.Dim.Render(k.Warnings.Help().Key+" or "+k.Cancel.Help().Key+" closes this view"))
	return strings.Split(lipgloss.NewStyle().Width(m.width).Padding(0, 1).Render(b.String()), "\n")
}
