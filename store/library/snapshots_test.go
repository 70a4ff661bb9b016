package library

import (
	"path/filepath"
	"reflect"
	"slices"
	"testing"

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
