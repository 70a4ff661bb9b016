package ui

import tea "github.com/charmbracelet/bubbletea"

// clearFilters undoes filters one layer at a time (esc: the query first,
// then the tags and views), or all at once. The selected paper stays
// selected: clearing a filter must not lose the reader's place.
func (m *Model) clearFilters(all bool) tea.Cmd {
	changed := false
	if m.search.Value() != "" {
		m.search.SetValue("")
		changed = true
		if !all {
			return m.startSearch(keepSelection)
		}
	}
	if len(m.tags.selected) > 0 || m.tags.day != "" || m.bookmarksOnly || m.hideRead {
		m.tags.selected = map[string]bool{}
		m.tags.day = ""
		m.bookmarksOnly, m.hideRead = false, false
		changed = true
	}
	if !changed {
		return nil
	}
	return tea.Batch(m.startSearch(keepSelection), m.status.set("Filters cleared", false))
}
