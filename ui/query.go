package ui

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

// currentQuery is the typed query plus the filters set by keys and the tag
// pane.
func (m *Model) currentQuery() model.Query {
	q := model.ParseQuery(m.search.Value())
	for _, t := range m.tags.Selected() {
		q.Clauses = append(q.Clauses, model.Clause{Kind: model.ClauseTag, Value: t})
	}
	q.Clauses = append(q.Clauses, m.tags.dayClauses()...)
	if m.bookmarksOnly {
		q.Clauses = append(q.Clauses, model.Clause{Kind: model.ClauseIs, Value: "bookmarked"})
	}
	if m.hideRead {
		q.Clauses = append(q.Clauses, model.Clause{Kind: model.ClauseIs, Value: "unread"})
	}
	return q
}

// keepSelection asks startSearch to keep the paper selected when the
// result arrives: the user may have moved while it ran, and the cursor
// must not jump back to where it was when the search started.
const keepSelection = -2

// startSearch runs the current query in the background. Results of older
// searches are dropped when they arrive (their seq is stale), and the
// older search itself is cancelled. keep is the paper to select in the
// result, keepSelection, or -1 for the first row.
func (m *Model) startSearch(keep int) tea.Cmd {
	if m.searcher == nil {
		return nil
	}
	m.seq++
	if m.cancel != nil {
		m.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	seq, q, facets, order := m.seq, m.currentQuery(), m.c.Facets(), m.order
	rows := max(64, m.height*2)
	searcher := m.searcher
	return func() tea.Msg {
		r, err := searcher.Search(ctx, q, facets, order, rows)
		return searchDoneMsg{seq: seq, result: r, err: err, keep: keep}
	}
}

func (m *Model) selectedPaper() int {
	if p, ok := m.list.Selected(); ok {
		return p
	}
	return -1
}

// readTimer starts the wait after which the selected paper counts as read.
func (m *Model) readTimer() tea.Cmd {
	p, ok := m.list.Selected()
	if !ok || m.opts.ReadAfter <= 0 {
		return nil
	}
	return m.clock.after(m.opts.ReadAfter, readTimerMsg{paper: p, selection: m.list.selection})
}

// syncDetail shows the selected paper in the detail pane. When the
// selection changed, it also starts the read timer and asks for related
// papers.
func (m *Model) syncDetail(selectionMayHaveChanged bool) tea.Cmd {
	p, ok := m.list.Selected()
	if !ok {
		m.detail.Show(-1, m.query, nil)
		return nil
	}
	var cmds []tea.Cmd
	if p != m.detail.paper || selectionMayHaveChanged {
		cmds = append(cmds, m.readTimer())
	}
	related := m.detail.related
	if p != m.detail.paper {
		related = nil
		if r, ix := m.c.related, m.c.Index; r != nil {
			cmds = append(cmds, func() tea.Msg {
				return relatedDoneMsg{index: ix, paper: p, neighbors: r.Related(p, 5)}
			})
		}
	} else if related == nil && m.c.related != nil {
		r, ix := m.c.related, m.c.Index
		cmds = append(cmds, func() tea.Msg {
			return relatedDoneMsg{index: ix, paper: p, neighbors: r.Related(p, 5)}
		})
	}
	cmds = append(cmds, m.detail.Show(p, m.query, related))
	return tea.Batch(cmds...)
}

// searchDone shows a finished search, unless a newer one is on its way.
func (m *Model) searchDone(msg searchDoneMsg) tea.Cmd {
	if msg.seq != m.seq {
		return nil // an outdated query: a newer one is on its way
	}
	switch {
	case errors.Is(msg.err, model.ErrNotIndexed):
		// The words are still being indexed: indexedMsg searches again.
		m.status.note(indexingStatus)
		return nil
	case errors.Is(msg.err, context.Canceled):
		return nil
	case msg.err != nil:
		m.status.show("Search failed: "+msg.err.Error(), true)
		return nil
	}
	m.query = msg.result.Query
	keep := msg.keep
	if keep == keepSelection {
		keep = m.selectedPaper()
	}
	m.list.SetResult(msg.result, keep)
	m.tags.SetWithin(msg.result)
	return m.syncDetail(true)
}
