package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

func (m *Model) loadMarksCmd() tea.Cmd { return m.loadMarks(m.c.index) }

// loadMarks reads the user's marks and, when a corpus load added papers
// since the browser last asked, which papers of ix are new.
func (m *Model) loadMarks(ix *model.Index) tea.Cmd {
	lib := m.opts.Library
	known := m.c.newLoad
	if !ix.SameCorpus(m.c.index) {
		known = -1
	}
	return func() tea.Msg {
		marks, err := lib.Marks()
		if err != nil {
			return marksLoadedMsg{err: err}
		}
		hidden, err := lib.HiddenTopics()
		if err != nil {
			return marksLoadedMsg{err: err}
		}
		msg := marksLoadedMsg{marks: marks, hidden: hidden, index: ix}
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

// poll looks for changes made by another papers process.
func (m *Model) poll() tea.Cmd {
	lib := m.opts.Library
	load := m.loadMarksCmd()
	return func() tea.Msg {
		changed, err := lib.Changed()
		if err != nil || !changed {
			return nil
		}
		return load()
	}
}
