package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

// editNote suspends the browser and runs the editor on the note's file.
func (m *Model) editNote(msg noteReadyMsg) tea.Cmd {
	c, err := m.opts.EditNote(msg.path)
	if err != nil {
		m.opts.NoteFiles.Remove(msg.path)
		m.setStatus("Cannot edit the note: "+err.Error(), true)
		return nil
	}
	paper, path := msg.paper, msg.path
	return tea.ExecProcess(c, func(err error) tea.Msg {
		return editorDoneMsg{paper: paper, path: path, err: err}
	})
}

// saveNote stores what the editor left in the file. An editor that failed
// leaves the note as it was, and the file is removed either way.
func (m *Model) saveNote(msg editorDoneMsg) tea.Cmd {
	files := m.opts.NoteFiles
	if msg.err != nil {
		files.Remove(msg.path)
		m.setStatus("Editor failed; note unchanged: "+msg.err.Error(), true)
		return m.statusTimer(2 * statusDuration)
	}
	if m.c.index == nil {
		return nil
	}
	paper := m.c.paper(msg.paper)
	before := m.c.mark(msg.paper).Note
	path := msg.path
	return m.write("", func(lib Library) error {
		defer files.Remove(path)
		note, err := files.Read(path)
		if err != nil {
			return err
		}
		note = model.CleanText(note)
		if note == model.CleanText(before) {
			return nil
		}
		return lib.SetNote(paper, note)
	})
}
