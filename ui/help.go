package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/papertui/papers/model"
)

// pageHeight is the height of a full-screen page (help, warnings), below
// the search line and above the status line.
func (m *Model) pageHeight() int { return m.height - 2 }

// helpLines is the full help: every key, grouped, and the query language.
func (m *Model) helpLines() []string {
	k := m.c.keys
	s := m.c.styles
	groups := [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfUp, k.HalfDown, k.Top, k.Bottom},
		{k.Search, k.Accept, k.Clear, k.ClearFilters, k.NextPane, k.PrevPane, k.ToggleTags, k.ToggleTag, k.HideTopic},
		{k.Bookmark, k.AddTag, k.RemoveTag, k.Note, k.ToggleRead, k.Open, k.Copy},
		{k.Select, k.SelectAll, k.ClearSelection, k.MarkVisibleRead, k.Undo, k.NextUnread, k.PrevUnread, k.HideRead},
		{k.MarkAboveRead, k.SaveSearch, k.ShowHiddenTopics},
		{k.Related, k.NextRelated, k.PrevRelated, k.OpenRelated, k.PageDetail},
		{k.BookmarksOnly, k.Sort, k.Refresh, k.Warnings, k.Help, k.Quit},
		{k.Back, k.Forward, k.OpenPDF, k.Export},
		{k.Triage, k.TriageKeep, k.TriageTag, k.TriageSkip, k.TriageBack, k.TriageLeave},
	}
	keysView := m.helpColumns(groups, m.width-2)
	text := s.PaneTitleFocused.Render("Keys") + "\n\n" + keysView + "\n\n" +
		s.HelpDesc.Render(readMarksHelp(m.opts.ReadAfter, k)) + "\n\n" +
		s.PaneTitleFocused.Render("Query language") + "\n\n" + s.HelpDesc.Render(model.QueryHelp) +
		"\n\n" + s.Dim.Render(k.Help.Help().Key+" or "+k.Cancel.Help().Key+" closes this help")
	return strings.Split(lipgloss.NewStyle().Width(m.width).Padding(0, 1).Render(text), "\n")
}

// readMarksHelp says when papers count as read: it happens without a key,
// so the help must say so.
func readMarksHelp(after time.Duration, k KeyMap) string {
	mark := k.ToggleRead.Help().Key
	if after < 0 {
		return "Papers are marked read only with " + mark + " (· marks them in the list)."
	}
	return fmt.Sprintf("A paper shown for %s counts as read (· in the list), not while typing a search; %s toggles it; read_after sets the delay (0: only %s).", after, mark, mark)
}

// helpColumns lays the key groups out as columns, starting a new row of
// columns when the next would not fit the width (bubbles' full help would
// cut it off instead).
func (m *Model) helpColumns(groups [][]key.Binding, width int) string {
	var rows, row []string
	rowWidth := 0
	for _, g := range groups {
		col := m.help.FullHelpView([][]key.Binding{g})
		w := lipgloss.Width(col) + 3
		if rowWidth > 0 && rowWidth+w > width {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowWidth = nil, 0
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(3).Render(col))
		rowWidth += w
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	return strings.Join(rows, "\n\n")
}
