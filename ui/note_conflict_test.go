package ui

import (
	"os"
	"strings"
	"testing"
)

// TestANoteSavedWhileEditingIsKept: `papers note ID text` saves a note
// while the browser's editor is open; closing the editor keeps both notes
// and says so, rather than overwriting the other one.
func TestANoteSavedWhileEditingIsKept(t *testing.T) {
	lib := newMemLibrary()
	m, files := noteEditing(t, lib)
	paper := m.c.paper(m.selectedPaper())
	if err := lib.SetNote(paper, "first"); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, keys("n")...)
	if b, err := os.ReadFile(files.last); err != nil || string(b) != "first" {
		t.Fatalf("the editor's file holds %q, %v", b, err)
	}
	if err := os.WriteFile(files.last, []byte("first, edited"), 0o600); err != nil {
		t.Fatal(err)
	}
	lib.noteBeforeWrite = func() { lib.SetNote(paper, "saved by papers note") }
	m = drive(t, m, editorDoneMsg{paper: m.selectedPaper(), path: files.last, original: "first"})

	got := lib.mark(paper.ID).Note
	before, after, ok := strings.Cut(got, "\n\n--- edited in the browser ")
	if !ok || before != "saved by papers note" || !strings.HasSuffix(after, " ---\nfirst, edited") {
		t.Errorf("note = %q; want the other note, the marker line, then the edited text", got)
	}
	if !strings.Contains(m.status.text, "changed elsewhere") || !strings.Contains(m.status.text, "kept both") {
		t.Errorf("status %q does not say the note changed elsewhere", m.status.text)
	}
	if _, err := os.Stat(files.last); !os.IsNotExist(err) {
		t.Error("the note's file was left behind though both texts are saved")
	}
}
