package ui

import (
	tea "github.com/charmbracelet/bubbletea"
)

// maxHistory bounds each direction of the history.
const maxHistory = 100

// navHistory is a browser's history of the papers the cursor jumped
// from: a related paper, a saved search or a tag moved it. Papers are
// index positions, which stay valid for the session (as the selection's
// do), so the history survives filter changes.
type navHistory struct {
	back, forward []int
}

// jumped records that the cursor leaves from, by a jump; a new jump
// forgets the way forward, as a browser does.
func (h *navHistory) jumped(from int) {
	if from < 0 {
		return
	}
	if n := len(h.back); n == 0 || h.back[n-1] != from {
		h.back = append(h.back, from)
		if len(h.back) > maxHistory {
			h.back = h.back[1:]
		}
	}
	h.forward = h.forward[:0]
}

// jump records where the cursor is before a jump; call it before moving.
func (m *Model) jump() { m.history.jumped(m.selectedPaper()) }

// goBack returns to the paper the last jump left.
func (m *Model) goBack() tea.Cmd {
	return m.travel(&m.history.back, &m.history.forward, "Nothing to go back to")
}

// goForward undoes a goBack.
func (m *Model) goForward() tea.Cmd {
	return m.travel(&m.history.forward, &m.history.back, "Nothing to go forward to")
}

// travel moves to the last paper of from, leaving the current one on to.
// A paper the filters hide stays in the history, and the status line says
// so, rather than being skipped without a word: clearing the filters and
// going back again gets there.
func (m *Model) travel(from, to *[]int, none string) tea.Cmd {
	cur := m.selectedPaper()
	// The cursor may have come back to a paper by other means.
	for len(*from) > 0 && (*from)[len(*from)-1] == cur {
		*from = (*from)[:len(*from)-1]
	}
	if len(*from) == 0 || m.list.result == nil {
		return m.status.set(none, false)
	}
	p := (*from)[len(*from)-1]
	if !m.list.result.Contains(p) {
		return m.status.set("“"+m.c.paper(p).Title+"” is hidden by the filters ("+m.c.keys.ClearFilters.Help().Key+" clears them)", false)
	}
	*from = (*from)[:len(*from)-1]
	if cur >= 0 {
		*to = append(*to, cur)
	}
	m.list.SetResult(m.list.result, p)
	return m.syncDetail(true)
}
