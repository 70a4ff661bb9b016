package ui

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// editedNote opens the note of the selected paper, lets "the editor"
// leave text in its file and closes it, returning the model and the file.
func editedNote(t *testing.T, lib Library, text string) (Model, string) {
	t.Helper()
	opts := testOptions(t, lib, loadSeed(t), &calls{})
	files := &dirNoteFiles{dir: t.TempDir()}
	opts.NoteFiles = files
	opts.EditNote = func(path string) (*exec.Cmd, error) { return exec.Command("true", path), nil }
	m := newTestModel(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(t, m, m.Init()())
	m = drive(t, m, press(tea.KeyEnter))
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
