package store

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/library"
)

func TestLoadCatalogAddsMarkedPapers(t *testing.T) {
	l, err := library.Open(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	var marked []*model.Paper
	for _, title := range []string{"Bookmarked Elsewhere", "Tagged Elsewhere", "Noted Elsewhere", "Only Read Elsewhere"} {
		p := &model.Paper{Title: title}
		p.AssignIDs()
		marked = append(marked, p)
	}
	noErr := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	noErr(l.SetBookmarks(marked[:1], true))
	noErr(l.AddTags(marked[1:2], []string{"x"}))
	noErr(l.SetNote(marked[2], "see section 3"))
	noErr(l.SetRead(marked[3], true))
	papers, _, err := LoadCatalog(nil, l)
	noErr(err)
	if n := len(papers); n != 202+3 {
		t.Errorf("the catalog has %d papers, want the 202 built-in ones and the 3 marked ones", n)
	}
	if _, _, err := LoadCatalog(nil, nil); err != nil {
		t.Errorf("without a library: %v", err)
	}
}

// The trending page gives no dates: its papers take the day papers first
// saw them, so date: and the tag pane's days cover them. Dated papers keep
// their own day.
func TestUndatedPapersTakeTheDayTheyWereFirstSeen(t *testing.T) {
	l, err := library.Open(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	papers, _, err := LoadCatalog(nil, l)
	if err != nil {
		t.Fatal(err)
	}
	if !papers[0].Day().IsZero() {
		t.Fatalf("before any load is recorded the page is undated, got %v", papers[0].Day())
	}
	if _, _, err := l.RecordSeen(papers); err != nil {
		t.Fatal(err)
	}
	dated := model.Paper{Title: "Dated elsewhere", Published: time.Date(2020, 5, 6, 0, 0, 0, 0, time.UTC)}
	dated.AssignIDs()
	if _, _, err := l.RecordSeen([]model.Paper{dated}); err != nil {
		t.Fatal(err)
	}
	if err := l.SetBookmarks([]*model.Paper{&dated}, true); err != nil {
		t.Fatal(err)
	}
	papers, _, err = LoadCatalog(nil, l)
	if err != nil {
		t.Fatal(err)
	}
	seen, err := l.FirstSeen()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range papers {
		want := seen[p.ID].Truncate(24 * time.Hour)
		if p.ID == dated.ID {
			want = dated.Published
		}
		if got := p.Day(); !got.Equal(want) {
			t.Fatalf("%q: day %v, want %v", p.Title, got, want)
		}
	}
}
