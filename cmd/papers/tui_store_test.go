package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/related"
	"github.com/papertui/papers/model/synthetic"
	"github.com/papertui/papers/model/topics"
	"github.com/papertui/papers/store/library"
	"github.com/papertui/papers/store/segment"
)

// writeDatedCorpus writes papers as dated arXiv JSON Lines, which the
// browser opens from the store.
func writeDatedCorpus(t *testing.T, path string, papers []model.Paper) {
	t.Helper()
	var b strings.Builder
	for _, p := range papers {
		line, _ := json.Marshal(map[string]any{
			"id": p.ArxivID, "title": p.Title, "abstract": p.Abstract, "authors": strings.Join(p.Authors, " and "),
			"versions": []map[string]string{{"version": "v1", "created": p.Published.Format(time.RFC1123)}},
		})
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// The browser records the papers of each version of a corpus file once:
// a warm start decodes none of them and adds no load, so is:new stays the
// papers the last new version added, and a version first opened from the
// store is recorded from its keys alone.
func TestBrowserRecordsEachCorpusVersionOnce(t *testing.T) {
	libPath := tempLibrary(t)
	ctx := context.Background()
	corpus := filepath.Join(t.TempDir(), "arxiv.jsonl")
	papers := synthetic.Zipf(305, 11)
	writeDatedCorpus(t, corpus, papers[:300])
	lib, err := library.Open(libPath)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	browser := func(lib *library.Library) *browserStore {
		return &browserStore{lib: lib, corpora: func() []string { return []string{corpus} }}
	}
	newKeys := func(lib *library.Library, want int) {
		t.Helper()
		if _, keys, err := lib.NewKeys(); err != nil || len(keys) != want {
			t.Fatalf("%d papers new, %v; want %d", len(keys), err, want)
		}
	}
	// cold is a start without a fresh store: it loads, records and
	// stores.
	cold := func() {
		t.Helper()
		bs := browser(lib)
		if bs.open(ctx) != nil {
			t.Fatal("a store before the corpus was stored")
		}
		loaded, _, err := bs.load(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ix, err := model.BuildIndex(ctx, loaded)
		if err != nil {
			t.Fatal(err)
		}
		if err := bs.recordSeen(ix); err != nil {
			t.Fatal(err)
		}
		if err := bs.saveIndex(ix); err != nil {
			t.Fatal(err)
		}
	}
	// warm is a start from the store.
	warm := func(lib *library.Library) {
		t.Helper()
		bs := browser(lib)
		st := bs.open(ctx)
		if st == nil {
			t.Fatal("no store after a cold start")
		}
		if err := bs.recordSeen(st.Index); err != nil {
			t.Fatal(err)
		}
		if n := bs.opened.Segments[0].Decodes(); n != 0 {
			t.Fatalf("recording a warm start decoded %d papers", n)
		}
	}

	cold()
	newKeys(lib, 300)
	warm(lib)
	newKeys(lib, 300)
	// The warm start added no load: the next is the second.
	if load, _, err := lib.RecordSeen(nil); err != nil || load != 2 {
		t.Fatalf("next load %d, %v; want 2", load, err)
	}

	// A library that never saw the corpus, on a store it did not write
	// (papers index, another library): recorded from the keys.
	other, err := library.Open(filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	warm(other)
	newKeys(other, 300)

	// A new version of the file: its five new papers are the new ones,
	// and stay so when it opens warm.
	writeDatedCorpus(t, corpus, papers)
	cold()
	newKeys(lib, 5)
	warm(lib)
	newKeys(lib, 5)
	warm(other)
	newKeys(other, 5)
}

// A day's listing beside a stored snapshot opens from the store, and the
// listing is stored for the next open: the listing's new papers are the
// new ones, and topics and related papers
// computed on that open are stored for the next, which reads them.
func TestBrowserOpensAListingBesideAStore(t *testing.T) {
	libPath := tempLibrary(t)
	ctx := context.Background()
	dir := t.TempDir()
	big, listing := filepath.Join(dir, "arxiv.jsonl"), filepath.Join(dir, "today.jsonl")
	all := synthetic.Zipf(420, 4)
	writeDatedCorpus(t, big, all[:400])
	lib, err := library.Open(libPath)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	alone := &browserStore{lib: lib, corpora: func() []string { return []string{big} }}
	cache, err := segment.DefaultCache()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := cache.Ensure(ctx, big); err != nil {
		t.Fatal(err)
	}
	if st := alone.open(ctx); st == nil || alone.recordSeen(st.Index) != nil {
		t.Fatal("the snapshot alone does not open from the store")
	}
	writeDatedCorpus(t, listing, all[390:]) // ten papers in both
	elsewhere := &model.Paper{Title: "Bookmarked Elsewhere", Published: time.Date(2021, 5, 6, 0, 0, 0, 0, time.UTC)}
	elsewhere.AssignIDs()
	if err := lib.SetBookmarks([]*model.Paper{elsewhere}, true); err != nil {
		t.Fatal(err)
	}
	bs := &browserStore{lib: lib, corpora: func() []string { return []string{big, listing} }}
	st := bs.open(ctx)
	if st == nil {
		t.Fatal("the listing beside the store was not served from it")
	}
	if st.Index.Shown() != 421 {
		t.Fatalf("%d papers shown, want 420 and the bookmarked one", st.Index.Shown())
	}
	// The listing, loaded at open, is stored for the next.
	bs.writes.Wait()
	if seg, err := cache.OpenFresh(listing); err != nil || seg.Index.Len() != 30 {
		t.Fatalf("the listing was not stored: %v", err)
	}
	if err := bs.recordSeen(st.Index); err != nil {
		t.Fatal(err)
	}
	if _, keys, err := lib.NewKeys(); err != nil || model.NewPapers(st.Index, keys).Count() != 20 {
		t.Fatalf("new papers %v: want the listing's 20", err)
	}
	if tp, rel := st.Derived(); tp != nil || rel != nil {
		t.Fatal("derived data before any was stored")
	}
	tp, rel := topics.Compute(model.WithoutCopies(st.Index)), related.Build(model.WithoutCopies(st.Index))
	if err := bs.saveDerived(st.Index, tp, rel); err != nil {
		t.Fatal(err)
	}
	again := (&browserStore{lib: lib, corpora: bs.corpora}).open(ctx)
	if tp2, rel2 := again.Derived(); tp2 == nil || rel2 == nil || rel2.Len() != st.Index.Len() {
		t.Fatal("the next open does not read the stored derived data")
	}
	if out, _, _ := papers(t, "cache"); !strings.Contains(out, "today.jsonl, the marked papers  (up to date)") {
		t.Fatalf("papers cache does not show the derived data up to date:\n%s", out)
	}
}
