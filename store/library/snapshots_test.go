package library

import (
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/papertui/papers/model"
)

func TestSavedPapersOutliveTheCorpus(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a, b := testPaper(1), testPaper(2)
	a.Authors = append(a.Authors, "Balázs Kégl")
	noErr(t, l.SetBookmarks([]*model.Paper{a}, true))
	noErr(t, l.SetNote(b, "only a note"))
	noErr(t, l.Close())

	l, err = Open(path)
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
	if want := []string{bookmarked.ID, tagged.ID, noted.ID}; !slices.Equal(paperIDList(got), want) {
		t.Errorf("MarkedPapers = %v, want %v (a paper only read is left out)", paperIDList(got), want)
	}
}

// Snapshots written before they had a record type of their own (the JSON
// of model.Paper) must read back whole: the library file outlives renames
// of the domain type.
func TestSnapshotsInTheFirstFormatStillRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	p := &model.Paper{ID: "2401.00001", TitleID: "t-aaaaaaaaaaaa", Title: "Old"}
	noErr(t, l.SetBookmarks([]*model.Paper{p}, true))
	noErr(t, l.Close())
	const first = `{"id":"2401.00001","title_id":"t-aaaaaaaaaaaa","arxiv_id":"2401.00001","title":"Old snapshot",` +
		`"abstract":"An abstract.","authors":["Ada Lovelace"],"categories":["cs.LG"],"published":"2024-01-02T00:00:00Z",` +
		`"updated":"2024-02-03T00:00:00Z","doi":"10.1/x","upvotes":7,"links":[{"kind":"code","url":"https://github.com/a/b"}],` +
		`"sources":["a.jsonl"]}`
	db := rawDB(t, path)
	if _, err := db.Exec(`UPDATE papers SET json = ?`, first); err != nil {
		t.Fatal(err)
	}
	db.Close()
	l, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	saved, err := l.SavedPapers()
	if err != nil || len(saved) != 1 {
		t.Fatalf("SavedPapers: %v, %v", saved, err)
	}
	want := model.Paper{
		ID: "2401.00001", TitleID: "t-aaaaaaaaaaaa", ArxivID: "2401.00001", Title: "Old snapshot", Abstract: "An abstract.",
		Authors: []string{"Ada Lovelace"}, Categories: []string{"cs.LG"},
		Published: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), Updated: time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC),
		DOI: "10.1/x", Upvotes: 7, Links: []model.Link{{Kind: model.LinkCode, URL: "https://github.com/a/b"}}, Sources: []string{"a.jsonl"},
	}
	if !reflect.DeepEqual(saved[0], want) {
		t.Errorf("read\n%+v\nwant\n%+v", saved[0], want)
	}
}
