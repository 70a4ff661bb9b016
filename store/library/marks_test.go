package library

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/papertui/papers/model"
)

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

func TestChangedSeesOtherConnections(t *testing.T) {
	l := newLibrary(t)
	other, err := Open(l.Path())
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

// The marks are read at every start and after every bookmark; when each
// marked paper was first seen must be looked up per marked paper, not found
// by walking every key ever seen (a million after a large corpus).
func TestMarksLookUpFirstSeenPerMarkedPaper(t *testing.T) {
	l := newLibrary(t)
	corpus := keyOnlyPapers(3000)
	if _, _, err := l.RecordSeen(corpus); err != nil {
		t.Fatal(err)
	}
	noErr(t, l.SetBookmarks([]*model.Paper{&corpus[7]}, true))
	m := mustMarks(t, l)
	if got := m.For(&corpus[7]); !got.Bookmarked() || got.FirstSeenLoad == 0 {
		t.Fatalf("marks of the bookmarked paper = %+v, want it bookmarked and seen", got)
	}
	rows, err := l.r.Query(`EXPLAIN QUERY PLAN ` + firstSeenOfMarked)
	noErr(t, err)
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		noErr(t, rows.Scan(&id, &parent, &unused, &detail))
		plan = append(plan, detail)
	}
	noErr(t, rows.Err())
	for _, step := range plan {
		if strings.HasPrefix(step, "SCAN s") {
			t.Errorf("the query walks every seen key: plan %q", plan)
		}
	}
}
