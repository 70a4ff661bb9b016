package library

import (
	"testing"
	"time"

	"github.com/papertui/papers/model"
)

func TestNotes(t *testing.T) {
	l := newLibrary(t)
	p := testPaper(1)
	if note, err := l.Note(p); err != nil || note != "" {
		t.Fatalf("Note of a new paper = %q, %v", note, err)
	}
	noErr(t, l.SetNote(p, "  First line\r\n\r\n\r\n\x1b]0;pwned\x07second\u202eline  "))
	want := "First line\n\nsecondline"
	if note, err := l.Note(p); err != nil || note != want {
		t.Errorf("Note = %q, %v; want %q", note, err, want)
	}
	if got := mustMarks(t, l).For(p).Note; got != want {
		t.Errorf("Marks note = %q", got)
	}
	noErr(t, l.SetNote(p, "replaced"))
	if note, _ := l.Note(p); note != "replaced" {
		t.Errorf("Note = %q", note)
	}
	noErr(t, l.SetNote(p, " \n "))
	if note, _ := l.Note(p); note != "" {
		t.Errorf("empty note kept: %q", note)
	}
	if n := countRows(t, l, "notes") + countRows(t, l, "papers"); n != 0 {
		t.Errorf("%d rows left after deleting the only note", n)
	}

	// Notes under both keys merge in Note; saving the merged text replaces
	// both.
	titleOnly := &model.Paper{Title: p.Title}
	titleOnly.AssignIDs()
	noErr(t, l.SetNote(titleOnly, "from the title"))
	db := rawDB(t, l.Path())
	now := time.Now().UnixNano()
	db.Exec(`INSERT INTO papers VALUES (?, ?, '{}', ?, ?)`, p.ID, p.ID, now, now)
	db.Exec(`INSERT INTO notes VALUES (?, 'from the id', ?)`, p.ID, now)
	merged, err := l.Note(p)
	if err != nil || merged != "from the id\n\nfrom the title" {
		t.Fatalf("merged note = %q, %v", merged, err)
	}
	noErr(t, l.SetNote(p, merged+"\n\nmore"))
	if n := countRows(t, l, "notes"); n != 1 {
		t.Errorf("%d note rows after saving the merged note", n)
	}
	if note, _ := l.Note(p); note != merged+"\n\nmore" {
		t.Errorf("Note = %q", note)
	}
}
