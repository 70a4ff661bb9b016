package store

import (
	"path/filepath"
	"testing"

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
