package ui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model/catalog"
)

// countSaved counts the saved searches' papers in the background; the
// tag pane lists them with the counts once they arrive.
func (m *Model) countSaved() tea.Cmd {
	if m.searcher == nil || len(m.saved) == 0 {
		if len(m.saved) == 0 {
			m.tags.saved = nil
			m.tags.Refresh()
		}
		return nil
	}
	// Counts run side by side and may finish in any order: one started
	// before the latest load was recorded knows no new papers, and must
	// not overwrite the count that does.
	m.savedSeq++
	searcher, facets, saved, ix, seq := m.searcher, m.c.Facets(), m.saved, m.c.Index, m.savedSeq
	return func() tea.Msg {
		counts, err := catalog.CountSaved(context.Background(), searcher, facets, saved)
		if err != nil {
			return nil // not indexed yet: indexed counts again
		}
		return savedCountedMsg{index: ix, counts: counts, seq: seq}
	}
}

func (m *Model) savedCounted(msg savedCountedMsg) {
	if msg.seq == m.savedSeq && msg.index.SameCorpus(m.c.Index) {
		m.tags.saved = msg.counts
		m.tags.Refresh()
	}
}

// applySaved puts a saved search's query on the search line.
func (m *Model) applySaved(msg applySavedMsg) tea.Cmd {
	m.jump()
	m.search.SetValue(msg.query)
	return tea.Batch(m.startSearch(keepSelection), m.status.set("Saved search: "+msg.query, false))
}
