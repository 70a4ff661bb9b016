package ui

import (
	"context"
	"sync"

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
	// The corpus is new: whatever load its new papers are of, the next
	// reload reads them (reloadMarks).
	m.c.NewLoad = -1
	m.searcher = model.NewSearcher(msg.index)
	var cmds []tea.Cmd
	if msg.marks != nil {
		next, cmd := m.Update(*msg.marks)
		m = next.(Model)
		cmds = append(cmds, cmd)
	}
	m.setWarnings(msg.warnings)
	ix := msg.index
	cmds = append(cmds, m.startSearch(keep), countDaysCmd(ix))
	if msg.stored != nil {
		// The store holds the words too: what waited for them starts now.
		stored := msg.stored
		cmds = append(cmds, func() tea.Msg { return indexedMsg{index: ix, stored: stored} })
	} else {
		cmds = append(cmds, func() tea.Msg {
			full, err := model.BuildIndex(context.Background(), ix.Papers())
			return indexedMsg{index: full, err: err}
		})
	}
	// The new papers are read after the list is shown: by the reload that
	// follows recording the load (seenRecordedMsg), or now.
	if record := m.opts.RecordSeen; record != nil {
		cmds = append(cmds, func() tea.Msg { return seenRecordedMsg{index: ix, err: record(ix)} })
	} else {
		cmds = append(cmds, m.reloadMarks())
	}
	return m, tea.Batch(cmds...)
}

// loadCatalog opens the corpora from the store when it can serve them,
// else loads them, and reads the user's marks with them.
func loadCatalog(opts Options, lib Library) tea.Cmd {
	return func() tea.Msg {
		var msg catalogLoadedMsg
		if opts.Open != nil {
			if st := opts.Open(context.Background()); st != nil {
				msg.index, msg.stored, msg.warnings = st.Index, st, st.Warnings
			}
		}
		if msg.index == nil {
			papers, warnings, err := opts.Load(context.Background())
			msg.warnings, msg.err = warnings, err
			if err == nil {
				// Listing needs no word index: show the papers now,
				// index their words in the background (seconds, for a
				// million).
				msg.index = model.NewIndex(papers)
			}
		}
		if msg.err == nil {
			// The marks come with the papers, so the first list drawn
			// already shows the bookmarks. Which papers are new comes
			// after (catalogLoaded): a million new keys to look up take
			// seconds, which the titles need not wait for.
			marks, _ := readMarks(lib, nil, -1)().(marksLoadedMsg)
			msg.marks = &marks
		}
		return msg
	}
}

// Stored is what the persisted store holds for the corpora: their index,
// words included, and, when stored and fresh, their topics and related
// papers, which Derived reads (nil for either that is not stored, and the
// browser computes it). Derived runs in the background after the titles
// are shown; a nil Derived means nothing is stored.
type Stored struct {
	Index   *model.Index
	Derived func() (*topics.Topics, *related.Index)
	// Warnings are those of the corpus files loaded at open, beside the
	// stored ones.
	Warnings []error
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
		cmds = append(cmds, m.startSearch(keepSelection), m.countSaved())
		st := msg.stored
		if st == nil {
			st = &Stored{Index: ix}
			if save := m.opts.SaveIndex; save != nil {
				cmds = append(cmds, func() tea.Msg { return storeSavedMsg{err: save(ix)} })
			}
		}
		// The two commands share one read of the stored derived data;
		// what is not stored is computed, and then stored once both
		// parts are in.
		stored := sync.OnceValues(func() (*topics.Topics, *related.Index) {
			if st.Derived == nil {
				return nil, nil
			}
			return st.Derived()
		})
		m.deriveSave = ix
		cmds = append(cmds,
			func() tea.Msg {
				t, r := stored()
				both := t != nil && r != nil
				if t == nil {
					t = topics.Compute(model.WithoutCopies(ix))
				}
				return topicsReadyMsg{index: ix, topics: t, stored: both}
			},
			func() tea.Msg {
				t, r := stored()
				both := t != nil && r != nil
				if r == nil {
					r = related.Build(model.WithoutCopies(ix))
				}
				return relatedReadyMsg{index: ix, related: r, stored: both}
			},
		)
	}
	return tea.Batch(cmds...)
}

// saveDerived stores the topics and related papers computed for the
// current index, once both are in.
func (m *Model) saveDerived() tea.Cmd {
	save, ix := m.opts.SaveDerived, m.deriveSave
	if save == nil || ix == nil || !ix.SameCorpus(m.c.Index) || m.c.Topics == nil || m.c.related == nil {
		return nil
	}
	m.deriveSave = nil
	t, r := m.c.Topics, m.c.related
	return func() tea.Msg { return storeSavedMsg{err: save(ix, t, r)} }
}

func (m *Model) topicsReady(msg topicsReadyMsg) tea.Cmd {
	var cmds []tea.Cmd
	if msg.index.SameCorpus(m.c.Index) {
		if msg.stored {
			m.deriveSave = nil
		}
		m.c.SetTopics(msg.topics)
		m.tags.Refresh()
		cmds = append(cmds, m.syncDetail(false), m.saveDerived())
		if len(m.query.Clauses) > 0 {
			cmds = append(cmds, m.startSearch(keepSelection))
		}
	}
	return tea.Batch(cmds...)
}
