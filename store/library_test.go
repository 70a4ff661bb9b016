package store

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

// newLibrary opens a fresh library in a temporary directory and closes it
// when the test ends.
func newLibrary(t testing.TB) *Library {
	t.Helper()
	l, err := OpenLibrary(filepath.Join(t.TempDir(), "papers", "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// testPaper returns a realistic paper with an arXiv id.
func testPaper(i int) *model.Paper {
	p := &model.Paper{
		ArxivID:    fmt.Sprintf("2405.%05d", i),
		Title:      fmt.Sprintf("LoRA Variant %d: Low-Rank Adaptation of Large Language Models", i),
		Abstract:   "We study adapters.",
		Authors:    []string{"Edward J. Hu", "Yelong Shen"},
		Categories: []string{"cs.LG", "cs.CL"},
		Published:  time.Date(2024, 5, 16, 0, 0, 0, 0, time.UTC),
		DOI:        fmt.Sprintf("10.48550/arXiv.2405.%05d", i),
		Links: []model.Link{
			{Kind: model.LinkAbstract, URL: fmt.Sprintf("https://arxiv.org/abs/2405.%05d", i)},
			{Kind: model.LinkCode, URL: "https://github.com/microsoft/LoRA"},
		},
		Sources: []string{"corpus.jsonl"},
	}
	p.AssignIDs()
	return p
}

func mustMarks(t testing.TB, l *Library) model.Marks {
	t.Helper()
	m, err := l.Marks()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func fileSum(t testing.TB, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// rawDB opens the library file directly, for tests that must see or do
// what the API hides.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", sqliteURI(path, "_pragma=busy_timeout(5000)"))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func countRows(t testing.TB, l *Library, table string) int {
	t.Helper()
	var n int
	if err := l.r.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func asLibraryError(t testing.TB, err error) *LibraryError {
	t.Helper()
	var le *LibraryError
	if !errors.As(err, &le) {
		t.Fatalf("error %v (%T) is not a *LibraryError", err, err)
	}
	return le
}

func TestOpenLibraryCreatesFileAndPrivateDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "papers")
	path := filepath.Join(dir, "library.db")
	l, err := OpenLibrary(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if l.Path() != path {
		t.Errorf("Path() = %q, want %q", l.Path(), path)
	}
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o700 {
		t.Errorf("directory mode = %o, want 700", perm)
	}
	noErr(t, l.SetNote(testPaper(1), "private"))
	for _, name := range []string{path, path + "-wal"} {
		info, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s: mode %o, want 600", name, perm)
		}
	}
	var version int
	var journal string
	if err := l.r.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if err := l.w.QueryRow(`PRAGMA journal_mode`).Scan(&journal); err != nil {
		t.Fatal(err)
	}
	if version != schemaVersion || journal != "wal" {
		t.Errorf("user_version %d, journal_mode %q; want %d, wal", version, journal, schemaVersion)
	}
	var fk, sync int
	l.w.QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
	l.w.QueryRow(`PRAGMA synchronous`).Scan(&sync)
	if fk != 1 || sync != 2 {
		t.Errorf("foreign_keys %d, synchronous %d; want 1, 2 (FULL)", fk, sync)
	}

	// A relative path is made absolute.
	t.Chdir(dir)
	l2, err := OpenLibrary("library.db")
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	if l2.Path() != path {
		t.Errorf("relative open: Path() = %q, want %q", l2.Path(), path)
	}
}

func TestDefaultLibraryPath(t *testing.T) {
	t.Setenv("HOME", "/home/ada")
	t.Setenv("XDG_DATA_HOME", "/srv/data")
	if got, _ := DefaultLibraryPath(); got != "/srv/data/papers/library.db" {
		t.Errorf("with XDG_DATA_HOME: %q", got)
	}
	t.Setenv("XDG_DATA_HOME", "relative/dir") // ignored, per the XDG spec
	if got, _ := DefaultLibraryPath(); got != "/home/ada/.local/share/papers/library.db" {
		t.Errorf("with relative XDG_DATA_HOME: %q", got)
	}
	t.Setenv("XDG_DATA_HOME", "")
	if got, _ := DefaultLibraryPath(); got != "/home/ada/.local/share/papers/library.db" {
		t.Errorf("without XDG_DATA_HOME: %q", got)
	}
}

func TestMigrationsAreOrderedAndComplete(t *testing.T) {
	if schemaVersion != len(migrations) || schemaVersion < 1 {
		t.Fatalf("schemaVersion %d, %d migrations", schemaVersion, len(migrations))
	}
	l := newLibrary(t)
	for _, table := range []string{"meta", "papers", "bookmarks", "tags", "notes", "reads", "loads", "seen", "hidden_topics"} {
		countRows(t, l, table)
	}
}

func TestBookmarks(t *testing.T) {
	l := newLibrary(t)
	a, b, c := testPaper(1), testPaper(2), testPaper(3)
	before := time.Now()
	if err := l.SetBookmarks([]*model.Paper{a, b}, true); err != nil {
		t.Fatal(err)
	}
	m := mustMarks(t, l)
	first := m.For(a).BookmarkedAt
	if !m.For(a).Bookmarked() || !m.For(b).Bookmarked() || m.For(c).Bookmarked() {
		t.Fatalf("after bookmarking a, b: %+v", m.ByKey)
	}
	if first.Before(before.Add(-time.Second)) || first.Location() != time.UTC {
		t.Errorf("BookmarkedAt = %v", first)
	}

	// Bookmarking again keeps the original time and adds no row, and does
	// not stop the papers after it from being bookmarked.
	if err := l.SetBookmarks([]*model.Paper{a, c}, true); err != nil {
		t.Fatal(err)
	}
	m = mustMarks(t, l)
	if got := m.For(a).BookmarkedAt; !got.Equal(first) {
		t.Errorf("re-bookmark changed the time: %v -> %v", first, got)
	}
	if !m.For(c).Bookmarked() {
		t.Error("c, after an already bookmarked paper, was not bookmarked")
	}
	if n := countRows(t, l, "bookmarks"); n != 3 {
		t.Errorf("%d bookmark rows, want 3", n)
	}
	noErr(t, l.SetBookmarks([]*model.Paper{c}, false))

	if err := l.SetBookmarks([]*model.Paper{a}, false); err != nil {
		t.Fatal(err)
	}
	m = mustMarks(t, l)
	if m.For(a).Bookmarked() || !m.For(b).Bookmarked() {
		t.Errorf("after unbookmarking a: %+v", m.ByKey)
	}
	// a has no user data left, so its snapshot is gone.
	saved, err := l.SavedPapers()
	if err != nil {
		t.Fatal(err)
	}
	if len(saved) != 1 || saved[0].ID != b.ID {
		t.Errorf("SavedPapers = %v, want just %s", paperIDList(saved), b.ID)
	}
}

func TestSetBookmarksIsAllOrNothing(t *testing.T) {
	l := newLibrary(t)
	bad := &model.Paper{Title: "No ID"}
	if err := l.SetBookmarks([]*model.Paper{testPaper(1), bad}, true); err == nil {
		t.Fatal("bookmarking a paper without an ID succeeded")
	}
	if err := l.SetBookmarks([]*model.Paper{testPaper(1), nil}, true); err == nil {
		t.Fatal("bookmarking a nil paper succeeded")
	}
	if n := countRows(t, l, "bookmarks"); n != 0 {
		t.Errorf("%d bookmarks written by failed calls", n)
	}
	// A failure inside the transaction rolls back the papers before it.
	l.w.Exec(`CREATE TRIGGER fail_on_3 BEFORE INSERT ON bookmarks WHEN NEW.key = '2405.00003' BEGIN SELECT RAISE(ABORT, 'boom'); END`)
	err := l.SetBookmarks([]*model.Paper{testPaper(1), testPaper(2), testPaper(3)}, true)
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("err = %v, want the trigger's", err)
	}
	if n := countRows(t, l, "bookmarks") + countRows(t, l, "papers"); n != 0 {
		t.Errorf("%d rows left by a failed transaction", n)
	}
}

func TestTagsAreNormalised(t *testing.T) {
	l := newLibrary(t)
	p := testPaper(1)
	if err := l.AddTags([]*model.Paper{p}, []string{"  Deep   Learning ", "LoRA", "deep-learning", "to_read", "\x1b[31mred\x1b[0m"}); err != nil {
		t.Fatal(err)
	}
	want := []string{"deep-learning", "lora", "red", "to-read"}
	if got := mustMarks(t, l).For(p).Tags; !slices.Equal(got, want) {
		t.Errorf("tags = %q, want %q", got, want)
	}

	// One bad tag fails the whole call.
	long := strings.Repeat("x", model.MaxTagLength+1)
	for _, bad := range [][]string{{"ok", "   "}, {"fine", long}, {`"'`}} {
		if err := l.AddTags([]*model.Paper{p}, bad); err == nil {
			t.Errorf("AddTags(%q) succeeded", bad)
		}
	}
	if got := mustMarks(t, l).For(p).Tags; !slices.Equal(got, want) {
		t.Errorf("after failed AddTags: %q", got)
	}
	if err := l.AddTags([]*model.Paper{p}, []string{"  " + strings.Repeat("Y", model.MaxTagLength) + " "}); err != nil {
		t.Errorf("a tag of exactly the limit: %v", err)
	}

	if err := l.RemoveTags([]*model.Paper{p}, []string{"DEEP learning", "Red", strings.Repeat("y", model.MaxTagLength)}); err != nil {
		t.Fatal(err)
	}
	if got := mustMarks(t, l).For(p).Tags; !slices.Equal(got, []string{"lora", "to-read"}) {
		t.Errorf("after RemoveTags: %q", got)
	}
	// Adding an existing tag adds no row.
	if err := l.AddTags([]*model.Paper{p}, []string{"LORA"}); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, l, "tags"); n != 2 {
		t.Errorf("%d tag rows, want 2", n)
	}
}

func TestTagCounts(t *testing.T) {
	l := newLibrary(t)
	a, b, c := testPaper(1), testPaper(2), testPaper(3)
	noErr(t, l.AddTags([]*model.Paper{a, b, c}, []string{"llm"}))
	noErr(t, l.AddTags([]*model.Paper{a, b}, []string{"lora"}))
	noErr(t, l.AddTags([]*model.Paper{c}, []string{"agents"}))
	noErr(t, l.AddTags([]*model.Paper{b}, []string{"zeta"}))
	got, err := l.TagCounts()
	if err != nil {
		t.Fatal(err)
	}
	want := []TagCount{{"llm", 3}, {"lora", 2}, {"agents", 1}, {"zeta", 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TagCounts = %v, want %v", got, want)
	}
}

func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func paperIDList(papers []model.Paper) []string {
	var out []string
	for _, p := range papers {
		out = append(out, p.ID)
	}
	return out
}

// TestKeys covers user data saved while only a paper's title was known:
// later writes for the same paper, now with its arXiv id, go to the key
// that already holds its data, and removals clear every key.
func TestKeys(t *testing.T) {
	l := newLibrary(t)
	titleOnly := &model.Paper{Title: "LoRA: Low-Rank Adaptation of Large Language Models"}
	titleOnly.AssignIDs()
	full := testPaper(9673)
	full.Title = titleOnly.Title
	full.AssignIDs()
	if full.TitleID != titleOnly.ID || full.ID == titleOnly.ID {
		t.Fatalf("test papers: %q/%q vs %q", full.ID, full.TitleID, titleOnly.ID)
	}

	noErr(t, l.SetBookmarks([]*model.Paper{titleOnly}, true))
	noErr(t, l.AddTags([]*model.Paper{full}, []string{"peft"}))
	noErr(t, l.SetNote(full, "read section 4"))
	noErr(t, l.SetRead(full, true))
	m := mustMarks(t, l)
	if _, ok := m.ByKey[full.ID]; ok {
		t.Errorf("data forked under the new arXiv id: %+v", m.ByKey)
	}
	got := m.ByKey[titleOnly.ID]
	if !got.Bookmarked() || !slices.Equal(got.Tags, []string{"peft"}) || got.Note != "read section 4" || !got.Read {
		t.Errorf("mark under the title id = %+v", got)
	}
	if mk := m.For(full); !mk.Bookmarked() || !mk.Read {
		t.Errorf("For(full) = %+v", mk)
	}
	// The snapshot was refreshed with the richer record.
	saved, err := l.SavedPapers()
	if err != nil {
		t.Fatal(err)
	}
	if len(saved) != 1 || saved[0].ArxivID != full.ArxivID {
		t.Errorf("snapshot = %+v", saved)
	}

	// Data under both keys (from an import, or an older build): writes use
	// the ID, removals clear both.
	db := rawDB(t, l.Path())
	now := time.Now().UnixNano()
	if _, err := db.Exec(`INSERT INTO papers VALUES (?, ?, '{}', ?, ?)`, full.ID, full.ID, now, now); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO tags VALUES (?, 'peft', ?), (?, 'other', ?)`, full.ID, now, full.ID, now); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO bookmarks VALUES (?, ?)`, full.ID, now); err != nil {
		t.Fatal(err)
	}
	noErr(t, l.AddTags([]*model.Paper{full}, []string{"new"}))
	m = mustMarks(t, l)
	if !slices.Contains(m.ByKey[full.ID].Tags, "new") || slices.Contains(m.ByKey[titleOnly.ID].Tags, "new") {
		t.Errorf("new tag not under the ID: %+v", m.ByKey)
	}
	noErr(t, l.RemoveTags([]*model.Paper{full}, []string{"peft"}))
	noErr(t, l.SetBookmarks([]*model.Paper{full}, false))
	m = mustMarks(t, l)
	if mk := m.For(full); mk.Bookmarked() || slices.Contains(mk.Tags, "peft") {
		t.Errorf("after removal under all keys: %+v", mk)
	}
	if !slices.Equal(m.For(full).Tags, []string{"new", "other"}) {
		t.Errorf("tags = %q", m.For(full).Tags)
	}
}

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

func TestReadMarks(t *testing.T) {
	l := newLibrary(t)
	p := testPaper(1)
	noErr(t, l.SetRead(p, true))
	noErr(t, l.SetRead(p, true))
	if !mustMarks(t, l).For(p).Read || countRows(t, l, "reads") != 1 {
		t.Error("read mark missing or duplicated")
	}
	noErr(t, l.SetRead(p, false))
	if mustMarks(t, l).For(p).Read {
		t.Error("still read")
	}
}

func TestHiddenTopics(t *testing.T) {
	l := newLibrary(t)
	noErr(t, l.HideTopic("Reinforcement Learning", true))
	noErr(t, l.HideTopic("reinforcement-learning", true))
	noErr(t, l.HideTopic("diffusion", true))
	got, err := l.HiddenTopics()
	if err != nil || !reflect.DeepEqual(got, map[string]bool{"reinforcement-learning": true, "diffusion": true}) {
		t.Errorf("HiddenTopics = %v, %v", got, err)
	}
	noErr(t, l.HideTopic("Diffusion", false))
	got, _ = l.HiddenTopics()
	if !reflect.DeepEqual(got, map[string]bool{"reinforcement-learning": true}) {
		t.Errorf("after unhide: %v", got)
	}
	if err := l.HideTopic("  ", true); err == nil {
		t.Error("hiding an empty topic succeeded")
	}
}

func TestSavedPapersOutliveTheCorpus(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	l, err := OpenLibrary(path)
	if err != nil {
		t.Fatal(err)
	}
	a, b := testPaper(1), testPaper(2)
	a.Authors = append(a.Authors, "Balázs Kégl")
	noErr(t, l.SetBookmarks([]*model.Paper{a}, true))
	noErr(t, l.SetNote(b, "only a note"))
	noErr(t, l.Close())

	l, err = OpenLibrary(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	saved, err := l.SavedPapers()
	if err != nil {
		t.Fatal(err)
	}
	if len(saved) != 2 || !reflect.DeepEqual(saved[0], *a) || !reflect.DeepEqual(saved[1], *b) {
		t.Errorf("SavedPapers =\n%+v\nwant\n%+v\n%+v", saved, *a, *b)
	}
	// A bare reference (ID only) never overwrites the snapshot.
	noErr(t, l.AddTags([]*model.Paper{{ID: a.ID}}, []string{"x"}))
	saved, _ = l.SavedPapers()
	if saved[0].Title != a.Title {
		t.Errorf("snapshot overwritten by a bare reference: %+v", saved[0])
	}
}

func TestChangedSeesOtherConnections(t *testing.T) {
	l := newLibrary(t)
	other, err := OpenLibrary(l.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	if changed, err := l.Changed(); err != nil || !changed {
		t.Errorf("Changed before any Marks = %v, %v; want true", changed, err)
	}
	m0 := mustMarks(t, l)
	if changed, _ := l.Changed(); changed {
		t.Error("Changed right after Marks")
	}
	noErr(t, other.SetBookmarks([]*model.Paper{testPaper(1)}, true))
	if changed, _ := l.Changed(); !changed {
		t.Error("Changed missed another handle's commit")
	}
	m1 := mustMarks(t, l)
	if m1.Version <= m0.Version || !m1.For(testPaper(1)).Bookmarked() {
		t.Errorf("Marks after the other's write: version %d -> %d, %+v", m0.Version, m1.Version, m1.ByKey)
	}
	noErr(t, l.HideTopic("x", true))
	if changed, _ := l.Changed(); !changed {
		t.Error("Changed missed this handle's own commit")
	}
	// A failed write commits nothing and so changes nothing.
	mustMarks(t, l)
	l.AddTags([]*model.Paper{testPaper(1)}, []string{""})
	if changed, _ := l.Changed(); changed {
		t.Error("Changed after a failed write")
	}
}

func TestRecordSeen(t *testing.T) {
	l := newLibrary(t)
	corpus := synthetic.Papers(500, 7)
	load, added, err := l.RecordSeen(corpus)
	if err != nil || load != 1 || added != 500 {
		t.Fatalf("first load: %d, %d, %v", load, added, err)
	}
	m := mustMarks(t, l)
	if m.LatestLoad != 1 || !isNew(t, l, &corpus[0]) {
		t.Errorf("after the first load: LatestLoad %d, new %v", m.LatestLoad, isNew(t, l, &corpus[0]))
	}

	// Seeing the same papers again adds nothing, and they stay new.
	load, added, err = l.RecordSeen(corpus)
	if err != nil || load != 2 || added != 0 {
		t.Fatalf("second load: %d, %d, %v", load, added, err)
	}
	m = mustMarks(t, l)
	if m.LatestLoad != 1 || !isNew(t, l, &corpus[499]) {
		t.Errorf("after an empty load: LatestLoad %d", m.LatestLoad)
	}

	// New papers, a duplicate, a paper without ID, and a paper seen before
	// under its title only.
	titleOnly := model.Paper{Title: "A Paper First Listed Without Its Id"}
	titleOnly.AssignIDs()
	_, _, err = l.RecordSeen([]model.Paper{titleOnly})
	noErr(t, err)
	withID := model.Paper{Title: titleOnly.Title, ArxivID: "2501.00001"}
	withID.AssignIDs()
	fresh := synthetic.Papers(503, 8)[500:]
	batch := append(slices.Clone(corpus[:10]), fresh[0], fresh[1], fresh[1], fresh[2], model.Paper{Title: "no id"}, withID)
	load, added, err = l.RecordSeen(batch)
	if err != nil || load != 4 || added != 3 {
		t.Fatalf("mixed load: %d, %d, %v; want 4, 3", load, added, err)
	}
	m = mustMarks(t, l)
	if m.LatestLoad != 4 {
		t.Errorf("LatestLoad = %d, want 4", m.LatestLoad)
	}
	for _, p := range fresh {
		if !isNew(t, l, &p) {
			t.Errorf("%s is not new", p.ID)
		}
	}
	for _, p := range []model.Paper{corpus[0], corpus[20], withID} {
		if isNew(t, l, &p) {
			t.Errorf("%s (%s) is new", p.ID, p.Title)
		}
	}
	// The latest load's keys are NewKeys's: marks hold user data only.
	if _, keys, _ := l.NewKeys(); len(keys) != 3 || len(m.ByKey) != 0 {
		t.Errorf("NewKeys has %d keys (want 3), ByKey %d (want 0)", len(keys), len(m.ByKey))
	}
	noErr(t, l.SetBookmarks([]*model.Paper{&withID, &corpus[0]}, true))
	m = mustMarks(t, l)
	if got := m.For(&withID).FirstSeenLoad; got != 3 {
		t.Errorf("FirstSeenLoad of a paper first seen by title = %d, want 3", got)
	}
	if got := m.For(&corpus[0]).FirstSeenLoad; got != 1 {
		t.Errorf("FirstSeenLoad = %d, want 1", got)
	}

	// A paper seen with its arXiv id and later listed by title alone is
	// not new either.
	byTitle := model.Paper{Title: corpus[5].Title}
	byTitle.AssignIDs()
	_, added, err = l.RecordSeen([]model.Paper{byTitle})
	if err != nil || added != 0 {
		t.Errorf("title-only relisting: added %d, %v", added, err)
	}
	if _, _, err := l.RecordSeen(nil); err != nil {
		t.Errorf("empty load: %v", err)
	}
}

func TestRecordSeenLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large load")
	}
	l := newLibrary(t)
	corpus := synthetic.Papers(30000, 3)
	distinct := map[string]bool{}
	for _, p := range corpus {
		distinct[p.ID] = true
	}
	_, added, err := l.RecordSeen(corpus)
	if err != nil || added != len(distinct) {
		t.Fatalf("added %d, %v; want %d", added, err, len(distinct))
	}
	_, added, err = l.RecordSeen(corpus)
	if err != nil || added != 0 {
		t.Fatalf("again: added %d, %v", added, err)
	}
	_, keys, err := l.NewKeys()
	if err != nil || len(keys) != len(distinct) {
		t.Fatalf("NewKeys: %d keys, %v; want %d", len(keys), err, len(distinct))
	}
	for _, k := range keys {
		if !distinct[k] {
			t.Fatalf("NewKeys lists %q, which was not loaded", k)
		}
	}
}

// isNew reports whether p was first seen in the latest load, as is:new
// would say.
func isNew(t testing.TB, l *Library, p *model.Paper) bool {
	t.Helper()
	_, keys, err := l.NewKeys()
	if err != nil {
		t.Fatal(err)
	}
	return slices.Contains(keys, p.ID)
}

// writeLibraryFile writes data where a library would be.
func writeLibraryFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// realLibrary builds a closed library with some data and returns its bytes.
func realLibrary(t testing.TB) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "real.db")
	l, err := OpenLibrary(path)
	if err != nil {
		t.Fatal(err)
	}
	var papers []*model.Paper
	for i := range 300 {
		papers = append(papers, testPaper(i))
	}
	noErr(t, l.SetBookmarks(papers, true))
	noErr(t, l.AddTags(papers, []string{"one", "two"}))
	_, _, err = l.RecordSeen(synthetic.Papers(2000, 1))
	noErr(t, err)
	noErr(t, l.Close())
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatal("Close left a -wal file: the test would not see the whole library")
	}
	return data
}

func TestDamagedFilesAreRefusedAndLeftAlone(t *testing.T) {
	real := realLibrary(t)
	if len(real) < 20*4096 {
		t.Fatalf("real library only %d bytes", len(real))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 64*1024)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	garbage := func(from, to int) []byte {
		b := slices.Clone(real)
		for i := from; i < to && i < len(b); i++ {
			b[i] = byte(rng.UintN(256))
		}
		return b
	}
	otherApp := func() []byte {
		path := filepath.Join(t.TempDir(), "other.db")
		db := rawDB(t, path)
		if _, err := db.Exec(`CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)`); err != nil {
			t.Fatal(err)
		}
		db.Close()
		data, _ := os.ReadFile(path)
		return data
	}

	cases := []struct {
		name, problem string
		data          []byte
	}{
		{"random bytes", "not an SQLite database", random},
		{"text file", "not an SQLite database", []byte("# my bookmarks\n2405.09673 LoRA\n" + strings.Repeat("notes notes\n", 500))},
		{"only a header", "too short", real[:60]},
		{"truncated library", "damaged", real[:len(real)/2]},
		{"garbage over the pages", "damaged", garbage(4096, len(real))},
		{"garbage over one page", "damaged", garbage(8*4096, 9*4096)},
		{"garbage over the schema", "", garbage(100, 4096)},
		{"another program's database", "not a papers library", otherApp()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "papers", "library.db")
			writeLibraryFile(t, path, tc.data)
			sum := fileSum(t, path)
			l, err := OpenLibrary(path)
			if err == nil {
				l.Close()
				t.Fatal("OpenLibrary accepted the file")
			}
			le := asLibraryError(t, err)
			if le.Path != path || !strings.HasPrefix(err.Error(), path+": ") {
				t.Errorf("error does not name the file: %v", err)
			}
			if !strings.Contains(le.Problem, tc.problem) {
				t.Errorf("problem %q, want it to mention %q", le.Problem, tc.problem)
			}
			if le.Hint == "" {
				t.Errorf("no hint in %v", err)
			}
			if fileSum(t, path) != sum {
				t.Error("the file was modified")
			}
			for _, side := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + side); err == nil {
					t.Errorf("left a %s file behind", side)
				}
			}
		})
	}

	t.Run("directory", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "library.db")
		os.Mkdir(dir, 0o700)
		_, err := OpenLibrary(dir)
		asLibraryError(t, err)
	})
	t.Run("empty file becomes a library", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "library.db")
		writeLibraryFile(t, path, nil)
		l, err := OpenLibrary(path)
		if err != nil {
			t.Fatal(err)
		}
		l.Close()
	})
}

func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	l, err := OpenLibrary(path)
	if err != nil {
		t.Fatal(err)
	}
	noErr(t, l.SetBookmarks([]*model.Paper{testPaper(1)}, true))
	noErr(t, l.Close())
	db := rawDB(t, path)
	if _, err := db.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	sum := fileSum(t, path)

	_, err = OpenLibrary(path)
	asLibraryError(t, err)
	want := fmt.Sprintf("%s: library was written by a newer papers (schema 99, this build knows %d); upgrade papers", path, schemaVersion)
	if err.Error() != want {
		t.Errorf("error = %q\nwant    %q", err, want)
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Errorf("left a %s file behind", side)
		}
	}
	if fileSum(t, path) != sum {
		t.Error("the newer library was modified")
	}
}

func TestOlderSchemaIsMigrated(t *testing.T) {
	// Stand in for a library from an older build: only the first
	// migration applied. Opening must bring it to the current version and
	// keep its data.
	path := filepath.Join(t.TempDir(), "library.db")
	db := rawDB(t, path)
	for _, stmt := range []string{`PRAGMA journal_mode = WAL`, migrations[0], `PRAGMA user_version = 1`,
		`INSERT INTO papers VALUES ('2405.00001', '2405.00001', '{"id":"2405.00001","title":"Old"}', 1, 1)`,
		`INSERT INTO bookmarks VALUES ('2405.00001', 1)`} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	l, err := OpenLibrary(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var v int
	l.r.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != schemaVersion {
		t.Errorf("user_version = %d after migration", v)
	}
	if !mustMarks(t, l).ByKey["2405.00001"].Bookmarked() {
		t.Error("bookmark lost in migration")
	}
}

// TestFullDisk simulates a full disk with max_page_count, which works
// anywhere (the process tests also fill a real tmpfs where mounting is
// allowed): the write fails with a *LibraryError, nothing is pretended,
// reads keep working, and writes work again once there is room.
func TestFullDisk(t *testing.T) {
	l := newLibrary(t)
	p := testPaper(1)
	noErr(t, l.SetBookmarks([]*model.Paper{p}, true))
	before := mustMarks(t, l)
	var pages int
	l.w.QueryRow(`PRAGMA page_count`).Scan(&pages)
	if _, err := l.w.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}

	big := strings.Repeat("a long note that will not fit. ", 10000)
	err := l.SetNote(p, big)
	le := asLibraryError(t, err)
	if !strings.Contains(le.Problem, "disk is full") || !strings.Contains(le.Error(), l.Path()) {
		t.Errorf("error = %v", err)
	}
	m := mustMarks(t, l)
	if !m.For(p).Bookmarked() || m.For(p).Note != "" || m.Version != before.Version {
		t.Errorf("after the failed write: %+v (version %d, was %d)", m.For(p), m.Version, before.Version)
	}
	if note, err := l.Note(p); err != nil || note != "" {
		t.Errorf("Note = %q, %v", note, err)
	}

	if _, err := l.w.Exec(`PRAGMA max_page_count = 1073741823`); err != nil {
		t.Fatal(err)
	}
	noErr(t, l.SetNote(p, big))
	if note, _ := l.Note(p); note != model.CleanText(big) {
		t.Error("note not saved once there was room")
	}
}

// TestReadOnlyQueryOnly makes SQLite refuse writes with PRAGMA query_only
// on the write connection, which works anywhere, as root too. It stands in
// for a library whose file turned read-only while open; TestReadOnlyFile
// and TestReadOnlyFilesystem exercise the kernel refusing writes.
func TestReadOnlyQueryOnly(t *testing.T) {
	l := newLibrary(t)
	p := testPaper(1)
	noErr(t, l.SetBookmarks([]*model.Paper{p}, true))
	if _, err := l.w.Exec(`PRAGMA query_only = 1`); err != nil {
		t.Fatal(err)
	}
	err := l.AddTags([]*model.Paper{p}, []string{"x"})
	le := asLibraryError(t, err)
	if !strings.Contains(le.Problem, "read-only") {
		t.Errorf("error = %v", err)
	}
	if m := mustMarks(t, l); !m.For(p).Bookmarked() || len(m.For(p).Tags) != 0 {
		t.Errorf("after the refused write: %+v", m.For(p))
	}
	if _, err := l.w.Exec(`PRAGMA query_only = 0`); err != nil {
		t.Fatal(err)
	}
	noErr(t, l.AddTags([]*model.Paper{p}, []string{"x"}))
}

// TestReadOnlyFile marks the open library's files immutable (chattr +i),
// which stops writes even for root: the kernel refuses them as it would on
// a disk remounted read-only. Skipped where chattr is missing or the file
// system has no immutable flag.
func TestReadOnlyFile(t *testing.T) {
	chattr, err := exec.LookPath("chattr")
	if err != nil {
		t.Skip("chattr not installed")
	}
	l := newLibrary(t)
	p := testPaper(1)
	noErr(t, l.SetBookmarks([]*model.Paper{p}, true))
	files := []string{l.Path(), l.Path() + "-wal"}
	if out, err := exec.Command(chattr, append([]string{"+i"}, files...)...).CombinedOutput(); err != nil {
		t.Skipf("chattr +i failed (no immutable flag here?): %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command(chattr, append([]string{"-i"}, files...)...).Run() })
	sum := fileSum(t, l.Path())

	big := strings.Repeat("x", 100000) // more than the WAL already holds
	err = l.SetNote(p, big)
	le := asLibraryError(t, err)
	t.Logf("refused write: %v", le)
	if m := mustMarks(t, l); !m.For(p).Bookmarked() || m.For(p).Note != "" {
		t.Errorf("after the refused write: %+v", m.For(p))
	}
	if fileSum(t, l.Path()) != sum {
		t.Error("immutable file changed")
	}
	if out, err := exec.Command(chattr, append([]string{"-i"}, files...)...).CombinedOutput(); err != nil {
		t.Fatalf("chattr -i: %v: %s", err, out)
	}
	noErr(t, l.SetNote(p, big))
	if note, _ := l.Note(p); note != big {
		t.Error("note not saved after the file became writable again")
	}
}

func TestClosedLibraryReturnsErrors(t *testing.T) {
	l := newLibrary(t)
	noErr(t, l.Close())
	noErr(t, l.Close())
	if err := l.SetBookmarks([]*model.Paper{testPaper(1)}, true); err == nil {
		t.Error("write to a closed library succeeded")
	}
	if _, err := l.Marks(); err == nil {
		t.Error("read from a closed library succeeded")
	}
}

func TestLibraryErrorFormat(t *testing.T) {
	cause := errors.New("cause")
	e := &LibraryError{Path: "/x/library.db", Problem: "is damaged", Hint: "move it aside", Err: cause}
	if e.Error() != "/x/library.db: is damaged (move it aside)" || !errors.Is(e, cause) {
		t.Errorf("Error() = %q", e.Error())
	}
	e.Hint = ""
	if e.Error() != "/x/library.db: is damaged" {
		t.Errorf("Error() without hint = %q", e.Error())
	}
}

func TestPathsWithURICharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a?b#c%20d", "library.db")
	l, err := OpenLibrary(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	noErr(t, l.SetBookmarks([]*model.Paper{testPaper(1)}, true))
	if _, err := os.Stat(path); err != nil {
		t.Errorf("library not at the given path: %v", err)
	}
	if !bytes.HasPrefix(mustRead(t, path), sqliteHeader) {
		t.Error("not an SQLite file")
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestMarkedPapersLeaveOutPapersOnlyRead(t *testing.T) {
	l := newLibrary(t)
	read, bookmarked, tagged, noted := testPaper(1), testPaper(2), testPaper(3), testPaper(4)
	noErr(t, l.SetRead(read, true))
	noErr(t, l.SetRead(bookmarked, true))
	noErr(t, l.SetBookmarks([]*model.Paper{bookmarked}, true))
	noErr(t, l.AddTags([]*model.Paper{tagged}, []string{"x"}))
	noErr(t, l.SetNote(noted, "see section 3"))
	got, err := l.MarkedPapers()
	noErr(t, err)
	if want := []string{bookmarked.ID, tagged.ID, noted.ID}; !slices.Equal(paperIDs(got), want) {
		t.Errorf("MarkedPapers = %v, want %v (a paper only read is left out)", paperIDs(got), want)
	}
	papers, _, err := LoadCatalog(nil, l)
	noErr(t, err)
	if n := len(papers); n != 202+3 {
		t.Errorf("the catalog has %d papers, want the 202 built-in ones and the 3 marked ones", n)
	}
}
