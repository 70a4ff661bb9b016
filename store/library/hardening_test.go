package library

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/papertui/papers/model"
)

// TestSetNoteIfRefusesAChangedNote: an editor that started from one note
// must not overwrite another saved meanwhile.
func TestSetNoteIfRefusesAChangedNote(t *testing.T) {
	l := newLibrary(t)
	p := testPaper(1)
	noErr(t, l.SetNote(p, "before"))
	// Another process saves a note while the editor is open.
	other, err := Open(l.Path())
	noErr(t, err)
	defer other.Close()
	noErr(t, other.SetNote(p, "saved by papers note"))

	saved, current, err := l.SetNoteIf(p, "before", "edited in the browser")
	noErr(t, err)
	if saved || current != "saved by papers note" {
		t.Errorf("SetNoteIf = %v, %q; want false and the other note", saved, current)
	}
	if note, _ := l.Note(p); note != "saved by papers note" {
		t.Errorf("the other note was overwritten: %q", note)
	}
	saved, current, err = l.SetNoteIf(p, current, "  both\r\n")
	noErr(t, err)
	if !saved || current != "both" {
		t.Errorf("SetNoteIf from the current note = %v, %q", saved, current)
	}
	// Unchanged text writes nothing, not even the version.
	before := mustMarks(t, l).Version
	if saved, _, err := l.SetNoteIf(p, "both", "both"); err != nil || !saved {
		t.Errorf("SetNoteIf(same) = %v, %v", saved, err)
	}
	if mustMarks(t, l).Version != before {
		t.Error("an unchanged note was written")
	}
	if saved, _, err := l.SetNoteIf(p, "both", ""); err != nil || !saved {
		t.Errorf("SetNoteIf(empty) = %v, %v", saved, err)
	}
	if note, _ := l.Note(p); note != "" {
		t.Errorf("an emptied note was kept: %q", note)
	}
}

// TestReadersCleanWhatTheFileHolds writes escape sequences straight into
// the file, as another program could, and reads them back through every
// reader.
func TestReadersCleanWhatTheFileHolds(t *testing.T) {
	l := newLibrary(t)
	p := testPaper(1)
	noErr(t, l.SetBookmarks([]*model.Paper{p}, true))
	const evil = "\x1b]0;PWNED\x07\x1b[2J\u009b31m\u202e"
	db := rawDB(t, l.Path())
	now := time.Now().UnixNano()
	snapshot, err := json.Marshal(model.Paper{ID: p.ID, TitleID: "t", Title: "Title" + evil, Abstract: "A" + evil,
		Authors: []string{"Au" + evil}, Sources: []string{"s" + evil + ".json"},
		Links: []model.Link{{Kind: model.LinkAbstract, URL: "javascript:alert(1)"}, {Kind: model.LinkPDF, URL: "https://arxiv.org/pdf/1"}}})
	noErr(t, err)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE papers SET json = ? WHERE key = ?`, []any{string(snapshot), p.ID}},
		{`INSERT INTO notes VALUES (?, ?, ?)`, []any{p.ID, "note" + evil + "\n\n\n\nend", now}},
		{`INSERT INTO tags VALUES (?, ?, ?)`, []any{p.ID, "tag" + evil, now}},
		{`INSERT INTO hidden_topics VALUES (?, ?)`, []any{"topic" + evil, now}},
	} {
		if _, err := db.Exec(q.sql, q.args...); err != nil {
			t.Fatal(err)
		}
	}
	raw := func(what, s string) {
		t.Helper()
		if strings.ContainsAny(s, "\x1b\x07\u009b\u202e") {
			t.Errorf("%s holds raw control text: %q", what, s)
		}
	}
	note, err := l.Note(p)
	noErr(t, err)
	raw("Note", note)
	if note != "note\n\nend" {
		t.Errorf("Note = %q", note)
	}
	m := mustMarks(t, l).For(p)
	raw("Marks note", m.Note)
	raw("Marks tags", strings.Join(m.Tags, ","))
	hidden, err := l.HiddenTopics()
	noErr(t, err)
	for name := range hidden {
		raw("HiddenTopics", name)
	}
	for _, read := range []func() ([]model.Paper, error){l.SavedPapers, l.MarkedPapers} {
		papers, err := read()
		noErr(t, err)
		if len(papers) != 1 {
			t.Fatalf("%d papers", len(papers))
		}
		got := papers[0]
		raw("snapshot", got.Title+got.Abstract+strings.Join(got.Authors, "")+strings.Join(got.Sources, ""))
		if len(got.Links) != 1 || got.Links[0].URL != "https://arxiv.org/pdf/1" {
			t.Errorf("snapshot links = %v; only the web link may come back", got.Links)
		}
	}
	var backup bytes.Buffer
	noErr(t, l.WriteBackup(&backup))
	raw("WriteBackup", backup.String())
	if strings.Contains(backup.String(), `\u001b`) || strings.Contains(backup.String(), "javascript:") {
		t.Errorf("the backup holds escapes or a javascript: link:\n%s", backup.String())
	}
}

// TestNoteLimits: blank notes and notes over MaxNoteBytes are refused by
// what saves them, and the error does not quote the note.
func TestNoteLimits(t *testing.T) {
	l := newLibrary(t)
	p := testPaper(1)
	big := strings.Repeat("x", MaxNoteBytes+1)
	err := l.SetNote(p, big)
	if err == nil || len(err.Error()) > 200 {
		t.Fatalf("SetNote(1 MiB + 1) = %.200v", err)
	}
	if _, _, err := l.SetNoteIf(p, "", big); err == nil {
		t.Error("SetNoteIf took a note over the limit")
	}
	noErr(t, l.SetNote(p, big[:MaxNoteBytes]))
}

// TestTagLimits: a tag with a comma, or a paper with more than
// MaxTagsPerPaper tags, is refused; an over-long tag's error quotes only a
// prefix of it.
func TestTagLimits(t *testing.T) {
	l := newLibrary(t)
	p := testPaper(1)
	if err := l.AddTags([]*model.Paper{p}, []string{"ok", "a,b"}); err == nil || !strings.Contains(err.Error(), "comma") {
		t.Errorf("AddTags(a,b) = %v", err)
	}
	long := strings.Repeat("x", 100_000)
	err := l.AddTags([]*model.Paper{p}, []string{long})
	if err == nil || len(err.Error()) > 200 {
		t.Errorf("AddTags(100 KB tag) error is %d bytes: %.300v", len(fmt.Sprint(err)), err)
	}
	var tags []string
	for i := range MaxTagsPerPaper {
		tags = append(tags, fmt.Sprintf("t%d", i))
	}
	noErr(t, l.AddTags([]*model.Paper{p}, tags))
	if err := l.AddTags([]*model.Paper{p}, []string{"one-more"}); err == nil {
		t.Error("a paper took more than MaxTagsPerPaper tags")
	}
	if n := len(mustMarks(t, l).For(p).Tags); n != MaxTagsPerPaper {
		t.Errorf("%d tags", n)
	}
}

// importText imports doc (papers entries only, JSON text) and returns the
// error.
func importText(t *testing.T, l *Library, doc string) error {
	t.Helper()
	_, err := l.Import(strings.NewReader(doc))
	return err
}

// TestImportLimitsAndLinks: import keeps only web links, refuses entries
// over the limits, and words what is wrong with a file that is not an
// export.
func TestImportLimitsAndLinks(t *testing.T) {
	l := newLibrary(t)
	entry := func(extra string) string {
		return `{"format":"papers-library","version":1,"papers":[{"paper":{"id":"2405.00001","title":"T","links":[` +
			`{"kind":"abs","url":"javascript:alert(1)"},{"kind":"pdf","url":"file:///etc/passwd"},{"kind":"code","url":"https://github.com/x/y"}]}` + extra + `}]}`
	}
	noErr(t, importText(t, l, entry(`,"read":true`)))
	papers, err := l.SavedPapers()
	noErr(t, err)
	if len(papers) != 1 || len(papers[0].Links) != 1 || papers[0].Links[0].URL != "https://github.com/x/y" {
		t.Errorf("imported links: %+v", papers)
	}

	manyTags, _ := jsonList(MaxTagsPerPaper + 1)
	for name, doc := range map[string]string{
		"too many tags": entry(`,"tags":` + manyTags),
		"note too long": entry(`,"note":"` + strings.Repeat("n", MaxNoteBytes+1) + `"`),
		"comma tag":     entry(`,"tags":["a,b"]`),
	} {
		err := importText(t, l, doc)
		if err == nil || len(err.Error()) > 300 {
			t.Errorf("%s: Import = %.300v", name, err)
		}
	}

	for _, c := range []struct{ doc, want string }{
		{`[{"id":"x"}]`, "not a papers library export: the file holds a JSON array"},
		{`{"format":"papers-library","version":1,"papers":{}}`, `"papers" holds a JSON object, where the papers are a JSON array`},
		{`{"format":"papers-library","version":1,"papers":[{"tags":"x"}]}`, `entry 1: its "tags" holds a string, where an array belongs`},
		{entry("") + `garbage`, "there is more after its JSON document"},
		{entry("") + entry(""), "there is more after its JSON document"},
		{``, "the file is empty"},
		{`{"format":"papers-library","version":1,"papers":[`, "ends in the middle"},
	} {
		err := importText(t, l, c.doc)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "Go value") {
			t.Errorf("Import(%.60q) = %v; want %q", c.doc, err, c.want)
		}
	}
	// White space after the document is not garbage.
	noErr(t, importText(t, l, entry("")+"\n\n  "))
}

func jsonList(n int) (string, []string) {
	var items []string
	for i := range n {
		items = append(items, fmt.Sprintf("%q", fmt.Sprintf("t%d", i)))
	}
	return "[" + strings.Join(items, ",") + "]", slices.Clone(items)
}
