package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

// readMarks reads the user's marks and, when a corpus load added papers
// since load known (-1: none seen yet), which papers of ix are new.
func readMarks(lib Library, ix *model.Index, known int64) tea.Cmd {
	return func() tea.Msg {
		marks, err := lib.Marks()
		if err != nil {
			return marksLoadedMsg{err: err}
		}
		hidden, err := lib.HiddenTopics()
		if err != nil {
			return marksLoadedMsg{err: err}
		}
		saved, err := lib.SavedSearches()
		if err != nil {
			return marksLoadedMsg{err: err}
		}
		msg := marksLoadedMsg{marks: marks, hidden: hidden, saved: saved, index: ix}
		if ix != nil && marks.LatestLoad != known {
			load, keys, err := lib.NewKeys()
			if err != nil {
				return marksLoadedMsg{err: err}
			}
			msg.newLoad, msg.newSet = load, model.NewPapers(ix, keys)
		}
		return msg
	}
}

// pollLibrary looks for changes made by another papers process and, when
// there are some, runs read.
func pollLibrary(lib Library, read tea.Cmd) tea.Cmd {
	return func() tea.Msg {
		changed, err := lib.Changed()
		if err != nil || !changed {
			return nil
		}
		return read()
	}
}

// reloadMarks reads the marks for the corpus shown.
func (m *Model) reloadMarks() tea.Cmd {
	return readMarks(m.opts.Library, m.c.Index, m.c.NewLoad)
}

// poll looks for other processes' changes now and asks to look again
// later.
func (m *Model) poll() tea.Cmd {
	return tea.Batch(pollLibrary(m.opts.Library, m.reloadMarks()), m.clock.after(m.opts.PollEvery, pollMsg{}))
}

// marksLoaded takes fresh marks and searches again when the result
// depends on them.
func (m *Model) marksLoaded(msg marksLoadedMsg) tea.Cmd {
	var cmds []tea.Cmd
	if msg.err != nil {
		m.status.show("Could not read the library: "+msg.err.Error(), true)
		return nil
	}
	if msg.marks.Version < m.c.Marks.Version {
		return nil // an older read that arrived late
	}
	m.writes.settle()
	dependsOnMarks := m.query.DependsOnMarks() || len(m.tags.Selected()) > 0 || m.bookmarksOnly
	m.c.Marks = msg.marks
	m.c.SetHidden(msg.hidden)
	if msg.index.SameCorpus(m.c.Index) && msg.newSet != nil {
		m.c.New, m.c.NewLoad = msg.newSet, msg.newLoad
	}
	m.saved = msg.saved
	m.tags.Refresh()
	cmds = append(cmds, m.countSaved())
	if dependsOnMarks || m.query.UsesNew() {
		cmds = append(cmds, m.startSearch(keepSelection))
	}
	cmds = append(cmds, m.syncDetail(false))
	return tea.Batch(cmds...)
}
