package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

// editNote suspends the browser and runs the editor on the note's file.
func (m *Model) editNote(msg noteReadyMsg) tea.Cmd {
	c, err := m.opts.EditNote(msg.path)
	if err != nil {
		m.opts.NoteFiles.Remove(msg.path)
		m.status.show("Cannot edit the note: "+err.Error(), true)
		return nil
	}
	done := editorDoneMsg{paper: msg.paper, path: msg.path, original: msg.original}
	return tea.ExecProcess(c, func(err error) tea.Msg {
		done.err = err
		return done
	})
}

// saveNote stores what the editor left in the file. The file is removed
// only once its text is safe in the library: when the editor failed or the
// save did, the status line says where the text is.
func (m *Model) saveNote(msg editorDoneMsg) tea.Cmd {
	files := m.opts.NoteFiles
	if msg.err != nil {
		m.status.show(fmt.Sprintf("The editor failed (%v); note unchanged, your text is in %s", msg.err, msg.path), true)
		return nil
	}
	if m.c.Index == nil {
		return nil
	}
	paper := m.c.paper(msg.paper)
	original, path := msg.original, msg.path
	return m.write("", func(lib Library) error {
		note, err := files.Read(path)
		if err != nil {
			return fmt.Errorf("%w; your note is in %s", err, path)
		}
		// Compared with what the editor was given, not with the marks of
		// now: an unedited file must not undo another process's note.
		if note = model.CleanText(note); note != model.CleanText(original) {
			if err := lib.SetNote(paper, note); err != nil {
				return fmt.Errorf("%w; your note is in %s", err, path)
			}
		}
		files.Remove(path)
		return nil
	})
}
