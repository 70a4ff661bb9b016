package library

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/export"
	"github.com/papertui/papers/store/internal/storetest"
)

// exportAll writes the whole library as a JSON export.
func exportAll(t *testing.T, l *Library) []byte {
	t.Helper()
	saved, err := l.SavedPapers()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	noErr(t, export.Write(&buf, export.JSON, saved, mustMarks(t, l)))
	return buf.Bytes()
}

// richLibrary holds every kind of user data, some of it under a title key.
func richLibrary(t *testing.T) *Library {
	t.Helper()
	l := newLibrary(t)
	papers := storetest.ExportPapers()
	ptrs := []*model.Paper{&papers[0], &papers[1], &papers[2]}
	noErr(t, l.SetBookmarks(ptrs[:2], true))
	noErr(t, l.AddTags(ptrs, []string{"peft", "Ünïcode Tag"}))
	noErr(t, l.AddTags(ptrs[1:2], []string{"math"}))
	noErr(t, l.SetNote(ptrs[0], "Line one.\n\nLine «two» 🧪."))
	noErr(t, l.SetRead(ptrs[2], true))
	for i := range 20 {
		noErr(t, l.SetBookmarks([]*model.Paper{testPaper(i)}, true))
	}
	// Data saved under a title key, for a paper now known by its arXiv id.
	titleOnly := &model.Paper{Title: "Attention Is All You Need"}
	titleOnly.AssignIDs()
	noErr(t, l.SetNote(titleOnly, "classic"))
	full := &model.Paper{Title: titleOnly.Title, ArxivID: "1706.03762", Authors: []string{"Ashish Vaswani"}}
	full.AssignIDs()
	noErr(t, l.AddTags([]*model.Paper{full}, []string{"transformers"}))
	if _, ok := mustMarks(t, l).ByKey[full.ID]; ok {
		t.Fatal("data forked under the arXiv id")
	}
	return l
}

func TestImportRoundTrip(t *testing.T) {
	src := richLibrary(t)
	first := exportAll(t, src)

	dst := newLibrary(t)
	stats, err := dst.Import(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	want := ImportStats{Papers: 24, Bookmarks: 22, Tags: 8, Notes: 2, Read: 1}
	if stats != want {
		t.Errorf("stats = %+v, want %+v", stats, want)
	}
	second := exportAll(t, dst)
	if !bytes.Equal(first, second) {
		t.Errorf("export of the import differs:\n%s\n---\n%s", first, second)
	}
	saved, err := src.SavedPapers()
	if err != nil {
		t.Fatal(err)
	}
	if !sameMarks(saved, mustMarks(t, src), mustMarks(t, dst)) {
		t.Error("marks differ after the round trip")
	}

	// Importing again changes nothing, not even the version.
	before := mustMarks(t, dst)
	stats, err = dst.Import(bytes.NewReader(first))
	if err != nil || stats != (ImportStats{Papers: 24}) {
		t.Errorf("second import: %+v, %v", stats, err)
	}
	if changed, _ := dst.Changed(); changed {
		t.Error("second import committed a change")
	}
	if after := mustMarks(t, dst); after.Version != before.Version || !bytes.Equal(exportAll(t, dst), first) {
		t.Error("second import changed the library")
	}
}

// sameMarks compares what two snapshots hold for each paper (keys and load
// numbers are local to a library).
func sameMarks(papers []model.Paper, a, b model.Marks) bool {
	for i := range papers {
		ma, mb := a.For(&papers[i]), b.For(&papers[i])
		if !ma.BookmarkedAt.Equal(mb.BookmarkedAt) || !slices.Equal(ma.Tags, mb.Tags) || ma.Note != mb.Note || ma.Read != mb.Read {
			return false
		}
	}
	return true
}

func TestImportMerges(t *testing.T) {
	src := newLibrary(t)
	p := testPaper(1)
	noErr(t, src.SetBookmarks([]*model.Paper{p}, true))
	noErr(t, src.AddTags([]*model.Paper{p}, []string{"a", "b"}))
	noErr(t, src.SetNote(p, "imported thought"))
	noErr(t, src.SetRead(p, true))
	data := exportAll(t, src)

	dst := newLibrary(t)
	noErr(t, dst.SetBookmarks([]*model.Paper{p}, true))
	kept := mustMarks(t, dst).For(p).BookmarkedAt
	noErr(t, dst.AddTags([]*model.Paper{p}, []string{"b", "c"}))
	noErr(t, dst.SetNote(p, "my own thought"))
	stats, err := dst.Import(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if stats != (ImportStats{Papers: 1, Tags: 1, Notes: 1, Read: 1}) {
		t.Errorf("stats = %+v", stats)
	}
	m := mustMarks(t, dst).For(p)
	if !m.BookmarkedAt.Equal(kept) || !slices.Equal(m.Tags, []string{"a", "b", "c"}) ||
		m.Note != "my own thought\n\nimported thought" || !m.Read {
		t.Errorf("merged mark = %+v", m)
	}
	if stats, _ := dst.Import(bytes.NewReader(data)); stats != (ImportStats{Papers: 1}) {
		t.Errorf("re-import: %+v", stats)
	}
	if n := countRows(t, dst, "tags"); n != 3 {
		t.Errorf("%d tag rows", n)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	l := newLibrary(t)
	good := `{"paper": {"id": "2405.00001", "title": "Good"}, "tags": ["fine"], "bookmarked_at": "2024-05-16T10:00:00Z"}`
	for name, doc := range map[string]string{
		"bad tag":        `{"format": "papers-library", "version": 1, "papers": [` + good + `, {"paper": {"id": "x", "title": "X"}, "tags": ["   "]}]}`,
		"no id or title": `{"format": "papers-library", "version": 1, "papers": [` + good + `, {"paper": {}, "read": true}]}`,
		"newer version":  `{"format": "papers-library", "version": 2, "papers": [` + good + `]}`,
		"other format":   `{"format": "zotero", "version": 1, "papers": [` + good + `]}`,
		"not JSON":       `@misc{x, title = {y}}`,
		"truncated":      `{"format": "papers-library", "version": 1, "papers": [` + good,
	} {
		if _, err := l.Import(strings.NewReader(doc)); err == nil {
			t.Errorf("%s: imported", name)
		}
	}
	if _, err := l.Import(strings.NewReader(`{"format": "papers-library", "version": 2}`)); err == nil ||
		!strings.Contains(err.Error(), "newer papers (export version 2, this build reads up to 1)") {
		t.Errorf("newer version: %v", err)
	}
	if n := countRows(t, l, "papers") + countRows(t, l, "tags") + countRows(t, l, "bookmarks"); n != 0 {
		t.Errorf("failed imports left %d rows", n)
	}

	// A failure inside the transaction rolls back earlier entries too.
	l.w.Exec(`CREATE TRIGGER fail_on_b BEFORE INSERT ON reads WHEN NEW.key = '2405.00002' BEGIN SELECT RAISE(ABORT, 'boom'); END`)
	doc := `{"format": "papers-library", "version": 1, "papers": [` + good + `, {"paper": {"id": "2405.00002", "title": "B"}, "read": true}]}`
	if _, err := l.Import(strings.NewReader(doc)); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("err = %v", err)
	}
	if n := countRows(t, l, "papers") + countRows(t, l, "tags") + countRows(t, l, "bookmarks"); n != 0 {
		t.Errorf("failed import left %d rows", n)
	}
}

// TestImportFixture reads an export written by format version 1 and kept in
// testdata, so that a later build still reads what earlier ones wrote. The
// fixture also carries hostile text, which must come out clean.
func TestImportFixture(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "library", "export-v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	l := newLibrary(t)
	stats, err := l.Import(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if stats != (ImportStats{Papers: 3, Bookmarks: 2, Tags: 3, Notes: 2, Read: 1}) {
		t.Errorf("stats = %+v", stats)
	}
	lora := &model.Paper{ID: "2106.09685", TitleID: model.TitleID("LoRA: Low-Rank Adaptation of Large Language Models")}
	m := mustMarks(t, l)
	got := m.For(lora)
	wantTime := time.Date(2024, 5, 16, 10, 30, 0, 123456789, time.UTC)
	if !got.BookmarkedAt.Equal(wantTime) || !slices.Equal(got.Tags, []string{"peft", "to-read"}) || got.Note != "Rank 8 is enough.\n\nSee Table 2." {
		t.Errorf("LoRA mark = %+v", got)
	}
	saved, err := l.SavedPapers()
	if err != nil {
		t.Fatal(err)
	}
	if len(saved) != 3 {
		t.Fatalf("%d saved papers", len(saved))
	}
	hostile := saved[1]
	if strings.ContainsAny(hostile.Title+hostile.Authors[0]+m.For(&hostile).Note, "\x1b\x07\u202e") {
		t.Errorf("control characters survived the import: %q %q %q", hostile.Title, hostile.Authors, m.For(&hostile).Note)
	}
	if hostile.Title != "Innocent Title" {
		t.Errorf("hostile title = %q", hostile.Title)
	}
	// The title-only entry got its IDs from its title.
	if saved[2].ID != model.TitleID("A Paper Without Identifiers") || !m.For(&saved[2]).Read {
		t.Errorf("title-only entry: %+v %+v", saved[2], m.For(&saved[2]))
	}
}
