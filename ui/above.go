package ui

import tea "github.com/charmbracelet/bubbletea"

// markAboveRead marks read every paper listed above the cursor (K): in a
// day's listing read from the top, those are the papers gone past. It is
// a bulk change like M, so u undoes it.
func (m *Model) markAboveRead() tea.Cmd {
	r := m.list.result
	if r == nil || m.list.cursor == 0 {
		return m.status.set("No paper above the cursor", false)
	}
	var ps []int
	unread := false
	for _, h := range r.Rows(0, m.list.cursor) {
		ps = append(ps, h.Paper)
		unread = unread || !m.c.Mark(h.Paper).Read
	}
	if !unread {
		return m.status.set("Every paper above the cursor is read already", false)
	}
	return m.markAllRead(ps)
}
