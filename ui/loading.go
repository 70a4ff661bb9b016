package ui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/related"
	"github.com/papertui/papers/model/topics"
)

func (m Model) catalogLoaded(msg catalogLoadedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.loadErr = msg.err
		m.list.loadErr = model.CleanLine(msg.err.Error())
		m.status.show("Could not load the corpus: "+msg.err.Error(), true)
		return m, nil
	}
	keep := -1
	if m.c.Index != nil {
		// A corpus loaded again (after a refresh): what was computed for
		// the old one is indexed by its paper numbers, which the new one
		// does not share. Topics, related papers and days follow.
		keep = m.reloadSelection(msg.index)
		m.c.SetTopics(nil)
		m.c.related = nil
		m.c.New = nil
		m.list.result = nil
		m.list.setCount(0)
	}
	m.c.Index = msg.index
	m.searcher = model.NewSearcher(msg.index)
	var cmds []tea.Cmd
	if msg.marks != nil {
		next, cmd := m.Update(*msg.marks)
		m = next.(Model)
		cmds = append(cmds, cmd)
	}
	m.setWarnings(msg.warnings)
	ix := msg.index
	cmds = append(cmds,
		m.startSearch(keep),
		countDaysCmd(ix),
		func() tea.Msg {
			full, err := model.BuildIndex(context.Background(), ix.Papers())
			return indexedMsg{index: full, err: err}
		},
	)
	if record := m.opts.RecordSeen; record != nil {
		cmds = append(cmds, func() tea.Msg { return seenRecordedMsg{index: ix, err: record(ix.Papers())} })
	}
	return m, tea.Batch(cmds...)
}

// loadCatalog loads the corpora and the user's marks with them.
func loadCatalog(load func(ctx context.Context) ([]model.Paper, []error, error), lib Library) tea.Cmd {
	return func() tea.Msg {
		papers, warnings, err := load(context.Background())
		msg := catalogLoadedMsg{warnings: warnings, err: err}
		if err == nil {
			// Listing needs no word index: show the papers now, index
			// their words in the background (seconds, for a million).
			ix := model.NewIndex(papers)
			msg.index = ix
			// The marks come with the papers, so the first list drawn
			// already shows the bookmarks. The corpus is new: every
			// load the library knows of is news.
			marks, _ := readMarks(lib, ix, -1)().(marksLoadedMsg)
			msg.marks = &marks
		}
		return msg
	}
}

// indexed takes the full index, words included, and starts what waited
// for it.
func (m *Model) indexed(msg indexedMsg) tea.Cmd {
	var cmds []tea.Cmd
	if msg.err == nil && msg.index.SameCorpus(m.c.Index) {
		m.c.Index = msg.index
		m.searcher = model.NewSearcher(msg.index)
		m.status.unnote(indexingStatus)
		// Topics and related papers wait for the index: on two cores,
		// running them alongside would delay the search itself.
		ix := msg.index
		cmds = append(cmds, m.startSearch(m.selectedPaper()), m.countSaved(),
			func() tea.Msg { return topicsReadyMsg{index: ix, topics: topics.Compute(ix)} },
			func() tea.Msg { return relatedReadyMsg{index: ix, related: related.Build(ix)} },
		)
	}
	return tea.Batch(cmds...)
}

func (m *Model) topicsReady(msg topicsReadyMsg) tea.Cmd {
	var cmds []tea.Cmd
	if msg.index.SameCorpus(m.c.Index) {
		m.c.SetTopics(msg.topics)
		m.tags.Refresh()
		cmds = append(cmds, m.syncDetail(false))
		if len(m.query.Clauses) > 0 {
			cmds = append(cmds, m.startSearch(m.selectedPaper()))
		}
	}
	return tea.Batch(cmds...)
}
