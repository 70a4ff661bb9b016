package ui

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// noteEditing is a browser on the first paper of the list whose editor
// does nothing: the test writes the note's file as the editor would, and
// files records every file the editor was run on.
func noteEditing(t *testing.T, lib Library) (Model, *dirNoteFiles) {
	t.Helper()
	opts := testOptions(t, lib, loadSeed(t), &calls{})
	files := &dirNoteFiles{dir: t.TempDir()}
	opts.NoteFiles = files
	opts.EditNote = func(path string) (*exec.Cmd, error) {
		files.edited = append(files.edited, path)
		return exec.Command("true", path), nil
	}
	m := newTestModel(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(t, m, m.Init()())
	m = drive(t, m, press(tea.KeyEnter)) // from the search line to the list
	return m, files
}

// editedNote opens the note of the selected paper, lets "the editor"
// leave text in its file and closes it, returning the model and the file.
func editedNote(t *testing.T, lib Library, text string) (Model, string) {
	t.Helper()
	m, files := noteEditing(t, lib)
	m = drive(t, m, keys("n")...)
	b, err := os.ReadFile(files.last)
	if err != nil {
		t.Fatal(err)
	}
	if text != string(b) {
		if err := os.WriteFile(files.last, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return drive(t, m, editorDoneMsg{paper: m.selectedPaper(), path: files.last, original: string(b)}), files.last
}

// TestSavingANoteSaysSo: the status line says a note was saved, removed
// (emptied) or left unchanged, and that a failed save kept the text.
func TestSavingANoteSaysSo(t *testing.T) {
	lib := newMemLibrary()
	m, _ := editedNote(t, lib, "worth a second read")
	if m.status.text != "Note saved" || m.status.isErr {
		t.Errorf("after a save the status says %q", m.status.text)
	}
	id := m.c.paper(m.selectedPaper()).ID
	if got := lib.mark(id).Note; got != "worth a second read" {
		t.Fatalf("note = %q", got)
	}
	m, _ = editedNote(t, lib, "worth a second read")
	if m.status.text != "Note unchanged" {
		t.Errorf("after an unchanged edit the status says %q", m.status.text)
	}
	m, _ = editedNote(t, lib, "")
	if m.status.text != "Note removed" || lib.mark(id).Note != "" {
		t.Errorf("after emptying the note the status says %q, the note is %q", m.status.text, lib.mark(id).Note)
	}

	m, path := editedNote(t, failingNotes{newMemLibrary()}, "an hour of thoughts")
	if !m.status.isErr || !strings.Contains(m.status.text, "not saved") || !strings.Contains(m.status.text, path) {
		t.Errorf("a failed save says %q (error %v)", m.status.text, m.status.isErr)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "an hour of thoughts" {
		t.Errorf("the unsaved text is gone: %q, %v", b, err)
	}
}

// TestNoteNotSavedReopensWithTheUnsavedText: after the editor failed or
// the library refused the note, n on that paper opens the editor on the
// text that was not saved, not on the old note, and saving it then works.
func TestNoteNotSavedReopensWithTheUnsavedText(t *testing.T) {
	for _, tc := range []struct {
		name      string
		lib       func(*memLibrary) Library
		editorErr error
	}{
		{"the library write fails", func(l *memLibrary) Library { return failingNotes{l} }, nil},
		{"the editor fails", func(l *memLibrary) Library { return l }, errors.New("exit status 1")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem := newMemLibrary()
			m, files := noteEditing(t, tc.lib(mem))
			m = drive(t, m, keys("n")...)
			if err := os.WriteFile(files.last, []byte("an hour of thoughts"), 0o600); err != nil {
				t.Fatal(err)
			}
			m = drive(t, m, editorDoneMsg{paper: m.selectedPaper(), path: files.last, err: tc.editorErr})
			if !m.status.isErr || !strings.Contains(m.status.text, files.last) {
				t.Fatalf("the failure says %q", m.status.text)
			}
			m = drive(t, m, keys("n")...)
			if len(files.edited) != 2 {
				t.Fatalf("the editor ran %d times", len(files.edited))
			}
			b, err := os.ReadFile(files.edited[1])
			if err != nil || string(b) != "an hour of thoughts" {
				t.Errorf("n after the failure opens %q (%v), not the unsaved text", b, err)
			}
		})
	}
}
