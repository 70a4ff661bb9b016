package store

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/related"
	"github.com/papertui/papers/model/synthetic"
	"github.com/papertui/papers/store/library"
	"github.com/papertui/papers/store/segment"
)

// writeCorpus writes papers as arXiv JSON Lines, dated.
func writeCorpus(t *testing.T, path string, papers []model.Paper) {
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

// A stored snapshot beside a day's listing that is not stored, with papers
// in both: the store serves the catalog LoadCatalog would load, each paper
// once and merged, and every query finds the same papers.
func TestOpenStoredServesWhatLoadingWould(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cache := segment.Cache{Dir: filepath.Join(dir, "cache")}
	lib, err := library.Open(filepath.Join(dir, "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	all := synthetic.Zipf(2040, 5)
	for i := range all {
		all[i].Published = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%900)
	}
	snapshot, listing := all[:2000], slices.Clone(all[1985:2040])
	for i := range listing[:15] {
		listing[i].Abstract = "" // filled from the snapshot's copy
		listing[i].Authors = []string{"New Author"}
	}
	big, small := filepath.Join(dir, "arxiv.jsonl"), filepath.Join(dir, "today.jsonl")
	writeCorpus(t, big, snapshot)
	writeCorpus(t, small, listing)
	paths := []string{big, small}

	if st, err := OpenStored(cache, paths, lib, true); st != nil || err != nil {
		t.Fatalf("served with nothing stored: %v %v", st, err)
	}
	if _, _, _, err := cache.Ensure(ctx, big); err != nil {
		t.Fatal(err)
	}
	// A marked paper no file holds joins the catalog, as it does a load.
	elsewhere := &model.Paper{Title: "Bookmarked Elsewhere", Published: time.Date(2021, 5, 6, 0, 0, 0, 0, time.UTC)}
	elsewhere.AssignIDs()
	if err := lib.SetBookmarks([]*model.Paper{elsewhere}, true); err != nil {
		t.Fatal(err)
	}

	st, err := OpenStored(cache, paths, lib, true)
	if err != nil || st == nil {
		t.Fatalf("not served: %v", err)
	}
	if !slices.Equal(st.Storable, []int{1}) {
		t.Fatalf("storable files %v, want the listing", st.Storable)
	}
	if st.Segments[0] == nil || st.Segments[1] != nil || len(st.Derived) != 3 || st.Derived[2].IsFile() {
		t.Fatalf("segments %v, derived key %d sources", st.Segments, len(st.Derived))
	}
	loaded, _, err := LoadCatalog(paths, lib)
	if err != nil {
		t.Fatal(err)
	}
	ix := st.Index
	if ix.Shown() != len(loaded) || ix.Shown() != 2041 {
		t.Fatalf("%d papers shown, a load has %d", ix.Shown(), len(loaded))
	}
	for _, want := range loaded {
		i, ok := ix.Lookup(want.ID)
		if !ok {
			t.Fatalf("%s is missing", want.ID)
		}
		if got := ix.Paper(i); !reflect.DeepEqual(*got, want) {
			t.Fatalf("%s differs from the loaded paper:\n%+v\n%+v", want.ID, *got, want)
		}
	}
	// Related papers count each paper once: no copy is anyone's neighbour.
	rel := related.Build(model.WithoutCopies(ix))
	for i := range ix.Len() {
		for _, nb := range rel.Related(i, 10) {
			if ix.Hidden(nb.Paper) {
				t.Fatalf("paper %d's related papers list the hidden copy %d", i, nb.Paper)
			}
		}
	}
	whole, err := model.BuildIndex(ctx, loaded)
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"", "l", "learning", "trasnformer", `"neural network"`, "author:new", "new author", "-learning", "year:2021", "bookmarked elsewhere", "tokamu", "learning OR model"} {
		q := model.ParseQuery(raw)
		want, err := model.NewSearcher(whole).Search(ctx, q, model.Facets{}, model.SortRelevance, 0)
		if err != nil {
			t.Fatal(err)
		}
		got, err := model.NewSearcher(ix).Search(ctx, q, model.Facets{}, model.SortRelevance, 0)
		if err != nil {
			t.Fatal(err)
		}
		ids := func(ix *model.Index, r *model.Result) []string {
			var out []string
			for _, h := range r.Rows(0, r.Total) {
				out = append(out, ix.Paper(h.Paper).ID)
			}
			slices.Sort(out)
			return out
		}
		if got.Total != want.Total || !slices.Equal(ids(ix, got), ids(whole, want)) {
			t.Errorf("%q: %d papers from the store, %d loaded, or other papers", raw, got.Total, want.Total)
		}
	}
}

// What the store cannot serve is loaded: a large file without a segment,
// a corpus with undated papers (for a browser, which shows their days).
func TestOpenStoredDeclines(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cache := segment.Cache{Dir: filepath.Join(dir, "cache")}
	stored := filepath.Join(dir, "stored.jsonl")
	papers := synthetic.Zipf(200, 2)
	writeCorpus(t, stored, papers)
	if _, _, _, err := cache.Ensure(ctx, stored); err != nil {
		t.Fatal(err)
	}
	if st, err := OpenStored(cache, []string{stored}, nil, true); st == nil || err != nil {
		t.Fatalf("one stored file not served: %v", err)
	}
	large := filepath.Join(dir, "large.jsonl")
	f, err := os.Create(large)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(loadAtOpen + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if st, _ := OpenStored(cache, []string{stored, large}, nil, true); st != nil {
		t.Fatal("a large file without a segment was served")
	}
	undated := filepath.Join(dir, "undated.jsonl")
	var b strings.Builder
	for _, p := range papers {
		line, _ := json.Marshal(map[string]string{"id": p.ArxivID, "title": p.Title})
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(undated, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	// Loaded at open, an undated file is dated by the library, and is
	// then not the file's papers to store.
	lib, err := library.Open(filepath.Join(dir, "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	if st, err := OpenStored(cache, []string{stored, undated}, lib, true); st == nil || err != nil || len(st.Storable) != 0 {
		t.Fatalf("an undated file loaded at open: %v %v", st, err)
	}
	if _, _, _, err := cache.Ensure(ctx, undated); err != nil {
		t.Fatal(err)
	}
	if st, _ := OpenStored(cache, []string{undated}, nil, true); st != nil {
		t.Fatal("an undated corpus was served to a browser")
	}
	if st, _ := OpenStored(cache, []string{undated}, nil, false); st == nil {
		t.Fatal("an undated corpus was not served to a command")
	}
}
