package ui

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

// editNote suspends the browser and runs the editor on the note's file.
func (m *Model) editNote(msg noteReadyMsg) tea.Cmd {
	c, err := m.opts.EditNote(msg.path)
	if err != nil {
		if msg.unsaved {
			m.status.show(fmt.Sprintf("Cannot edit the note: %v; your text is in %s", err, msg.path), true)
			return nil
		}
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
//
// The note is saved only if the library's is still what the editor
// started from. When another process (papers note, another browser) saved
// one meanwhile, both are kept: the library's note, then the edited text
// under a marker line, and the status line says so.
func (m *Model) saveNote(msg editorDoneMsg) tea.Cmd {
	files := m.opts.NoteFiles
	if m.c.Index == nil {
		return nil
	}
	paper := m.c.paper(msg.paper)
	// Until the save removes the file, n reopens it.
	m.unsavedNotes[paper.ID] = unsavedNote{path: msg.path, original: msg.original}
	if msg.err != nil {
		m.status.show(fmt.Sprintf("The editor failed (%v); note unchanged, your text is in %s", msg.err, msg.path), true)
		return nil
	}
	original, path := model.CleanText(msg.original), msg.path
	return m.write("", func(lib Library) error {
		note, err := files.Read(path)
		if err != nil {
			return notSaved(err, path)
		}
		// Compared with what the editor was given, not with the marks of
		// now: an unedited file must not undo another process's note.
		if note = model.CleanText(note); note == original {
			files.Remove(path)
			return &writeReport{"Note unchanged"}
		}
		saved, current, err := lib.SetNoteIf(paper, original, note)
		if err != nil {
			return notSaved(err, path)
		}
		if saved {
			files.Remove(path)
			if note == "" {
				return &writeReport{"Note removed"}
			}
			return &writeReport{"Note saved"}
		}
		if note == "" {
			// The user emptied the note, but what they emptied is gone:
			// deleting the newer note would lose text nobody saw.
			files.Remove(path)
			return &writeNotice{"The note was changed elsewhere while you edited it: it was not deleted"}
		}
		marker := "--- edited in the browser " + time.Now().Format("2006-01-02 15:04") + " ---"
		for range 3 {
			merged, done := note, "The note was deleted elsewhere while you edited it: saved yours"
			if current != "" {
				merged = current + "\n\n" + marker + "\n" + note
				done = "The note was changed elsewhere while you edited it: kept both, yours after the line \"" + marker + "\""
			}
			if saved, current, err = lib.SetNoteIf(paper, current, merged); err != nil {
				return notSaved(err, path)
			}
			if saved {
				files.Remove(path)
				return &writeNotice{done}
			}
		}
		return fmt.Errorf("the note keeps being changed elsewhere; your note is in %s", path)
	})
}

// unsavedNote is an edit whose text is still in its file, and the note
// the edit started from.
type unsavedNote struct{ path, original string }

// notSaved is a note that could not be saved: the file the editor wrote
// stays, and the message says where (runWrite starts it with "not saved").
func notSaved(err error, path string) error {
	return fmt.Errorf("your note (%w); the text is kept in %s", err, path)
}
