package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/related"
	"github.com/papertui/papers/model/synthetic"
	"github.com/papertui/papers/model/topics"
	"github.com/papertui/papers/store"
	"github.com/papertui/papers/store/segment"
)

// writeZipfCorpus writes papers as arXiv JSON Lines: id, title,
// abstract, authors.
func writeZipfCorpus(t *testing.T, path string, papers []model.Paper) {
	t.Helper()
	var b strings.Builder
	for _, p := range papers {
		line, _ := json.Marshal(map[string]string{"id": p.ArxivID, "title": p.Title, "abstract": p.Abstract, "authors": strings.Join(p.Authors, " and ")})
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestSearchFromTheStoreEqualsSearchWithout(t *testing.T) {
	lib := tempLibrary(t)
	corpus := filepath.Join(t.TempDir(), "arxiv.jsonl")
	writeZipfCorpus(t, corpus, synthetic.Zipf(2000, 7))
	args := []string{"--library", lib, "--corpus", corpus}
	queries := []string{"", "learning", "trasnformer", `"neural network"`, "tokamu", "author:ba", "le", "zzzqqq", "learning -model",
		"l", "title:learning", "learning OR model", "lrnfmx", `"of the"`, `"neural netw"`,
		`learning "of the"`, `"of the" -"the model"`, `title:"of the"`, `"models language tokamu"`}
	type answer struct {
		out  string
		code int
	}
	// A bookmark: its snapshot merges into the same paper of the store.
	first, _, _ := papers(t, append(args, "search", "--limit", "1", "")...)
	if _, errOut, code := papers(t, append(args, "bookmark", "--", strings.Fields(first)[0])...); code != 0 {
		t.Fatalf("bookmark: %s", errOut)
	}
	before := map[string]answer{}
	for _, q := range queries {
		for _, limit := range []string{"5", "0"} {
			out, _, code := papers(t, append(args, "search", "--limit", limit, q)...)
			jsonOut, _, _ := papers(t, append(args, "search", "--json", "--limit", limit, q)...)
			before[q+limit] = answer{out + jsonOut, code}
		}
	}

	out, errOut, code := papers(t, append(args, "index")...)
	if code != 0 || !strings.Contains(out, "built, 2000 papers") {
		t.Fatalf("index: %d %q %q", code, out, errOut)
	}
	if out, _, _ := papers(t, append(args, "index")...); !strings.Contains(out, "up to date") {
		t.Fatalf("second index: %q", out)
	}
	if out, _, _ := papers(t, "cache"); !strings.Contains(out, "1 segments") || !strings.Contains(out, "2000 papers") || !strings.Contains(out, "(up to date)") {
		t.Fatalf("cache: %q", out)
	}
	for _, q := range queries {
		for _, limit := range []string{"5", "0"} {
			out, _, code := papers(t, append(args, "search", "--limit", limit, q)...)
			jsonOut, _, _ := papers(t, append(args, "search", "--json", "--limit", limit, q)...)
			if w := before[q+limit]; w.code != code || w.out != out+jsonOut {
				t.Errorf("%q --limit %s: the store answers differently:\n%s\nvs\n%s", q, limit, head(out+jsonOut), head(w.out))
			}
		}
	}
	if out, _, code := papers(t, "cache", "clear"); code != 0 || !strings.Contains(out, "removed") {
		t.Fatalf("cache clear: %q", out)
	}
	if out, _, _ := papers(t, "cache"); !strings.Contains(out, "0 segments") {
		t.Fatalf("cache after clear: %q", out)
	}
}

// TestDamagedStoreFallsBack: a byte flipped in the papers of a fresh
// store is not seen at open; the search that reads it says so, answers
// from the corpus file exactly as without a store, and removes the store.
func TestDamagedStoreFallsBack(t *testing.T) {
	lib := tempLibrary(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	corpus := filepath.Join(t.TempDir(), "arxiv.jsonl")
	var b strings.Builder
	for _, p := range synthetic.Zipf(500, 3) {
		line, _ := json.Marshal(map[string]string{"id": p.ArxivID, "title": p.Title, "abstract": p.Abstract})
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(corpus, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"--library", lib, "--corpus", corpus}
	want, _, code := papers(t, append(args, "search", "")...)
	if code != 0 {
		t.Fatal("search without a store failed")
	}
	if out, errOut, code := papers(t, append(args, "index")...); code != 0 {
		t.Fatalf("index: %q %q", out, errOut)
	}
	segs, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "papers", "segments", "*.seg"))
	if len(segs) != 1 {
		t.Fatalf("segments: %v", segs)
	}
	data, err := os.ReadFile(segs[0])
	if err != nil {
		t.Fatal(err)
	}
	// A third of the way in is inside the paper records, the first and
	// largest section.
	data[len(data)/3] ^= 0x04
	if err := os.WriteFile(segs[0], data, 0o600); err != nil {
		t.Fatal(err)
	}
	got, errOut, code := papers(t, append(args, "search", "")...)
	if code != 0 || got != want {
		t.Fatalf("search over a damaged store: code %d, output differs: %v", code, got != want)
	}
	if !strings.Contains(errOut, "is damaged") {
		t.Fatalf("no note of the damage: %q", errOut)
	}
	if _, err := os.Stat(segs[0]); !os.IsNotExist(err) {
		t.Fatalf("the damaged store is still there: %v", err)
	}
}

func TestDerivedDataFromTheStore(t *testing.T) {
	lib := tempLibrary(t)
	corpus := filepath.Join(t.TempDir(), "arxiv.jsonl")
	zipf := synthetic.Zipf(1500, 11)
	writeZipfCorpus(t, corpus, zipf)
	args := []string{"--library", lib, "--corpus", corpus}
	ids := []string{zipf[0].ArxivID, zipf[700].ArxivID, zipf[1499].ArxivID}
	relatedOut := func() string {
		var all strings.Builder
		for _, id := range ids {
			out, errOut, code := papers(t, append(args, "related", "--json", "-n", "8", id)...)
			if code != 0 {
				t.Fatalf("related %s: %d %s", id, code, errOut)
			}
			all.WriteString(out)
		}
		return all.String()
	}
	tags := func() string {
		out, _, _ := papers(t, append(args, "search", "--json", "--limit", "0", "")...)
		return out
	}
	wantRelated, wantTags := relatedOut(), tags()

	out, errOut, code := papers(t, append(args, "index")...)
	if code != 0 || !strings.Contains(out, "topics and related papers: built") {
		t.Fatalf("index: %d %q %q", code, out, errOut)
	}
	if out, _, _ := papers(t, append(args, "index")...); !strings.Contains(out, "topics and related papers: up to date") {
		t.Fatalf("second index: %q", out)
	}
	if out, _, _ := papers(t, "cache"); !strings.Contains(out, "1 segments, 1 derived") || !strings.Contains(out, "topics and related papers of") {
		t.Fatalf("cache: %q", out)
	}
	if got := relatedOut(); got != wantRelated {
		t.Errorf("related from the store:\n%s\nwant\n%s", head(got), head(wantRelated))
	}
	if got := tags(); got != wantTags {
		t.Errorf("search --json from the store tags papers differently:\n%s\nwant\n%s", head(got), head(wantTags))
	}

	// The commands read the stored data: stored answers of another corpus
	// of the same size change what they print.
	cache, err := segment.DefaultCache()
	if err != nil {
		t.Fatal(err)
	}
	src, err := segment.Identify(corpus)
	if err != nil {
		t.Fatal(err)
	}
	other := model.PaperList(synthetic.Zipf(1500, 12))
	if err := cache.WriteDerived([]segment.Source{src}, 1500, topics.Compute(other), related.Build(other)); err != nil {
		t.Fatal(err)
	}
	if got := relatedOut(); got == wantRelated {
		t.Error("related did not read the stored related papers")
	}

	// A damaged file is not trusted: rebuilt by index, and meanwhile the
	// commands compute what they need.
	list, _ := cache.ListDerived()
	if len(list) != 1 {
		t.Fatalf("ListDerived: %+v", list)
	}
	data, _ := os.ReadFile(list[0].File)
	data[len(data)-5] ^= 0xff
	os.WriteFile(list[0].File, data, 0o600)
	if got := relatedOut(); got != wantRelated {
		t.Errorf("related with a corrupt store:\n%s\nwant\n%s", head(got), head(wantRelated))
	}
	if out, _, _ := papers(t, append(args, "index")...); !strings.Contains(out, "topics and related papers: rebuilt") || !strings.Contains(out, "unusable") {
		t.Fatalf("index after corruption: %q", out)
	}
	if out, _, _ := papers(t, "cache", "clear"); !strings.Contains(out, "removed") {
		t.Fatalf("cache clear: %q", out)
	}
	if out, _, _ := papers(t, "cache"); !strings.Contains(out, "0 segments, 0 derived") {
		t.Fatalf("cache after clear: %q", out)
	}
}

// A day's listing beside a stored snapshot, some papers in both: papers
// index stores only the listing, and searches answer as the load of both
// files does, before the listing is stored (it is loaded at open) and
// after. The order of papers with equal scores may differ (a merged paper
// is numbered after the snapshot), so whole answers are compared as sets.
func TestNewListingBesideAStore(t *testing.T) {
	lib := tempLibrary(t)
	dir := t.TempDir()
	big, listing := filepath.Join(dir, "arxiv.jsonl"), filepath.Join(dir, "today.jsonl")
	all := synthetic.Zipf(2040, 9)
	writeZipfCorpus(t, big, all[:2000])
	today := slices.Clone(all[1980:])
	for i := range today[:20] {
		today[i].Authors = []string{"Listed Again"}
	}
	writeZipfCorpus(t, listing, today)
	args := []string{"--library", lib, "--corpus", big, "--corpus", listing}
	queries := []string{"", "learning", "trasnformer", `"neural network"`, "author:listed", "l", "learning -model", "tokamu"}
	answer := func(q string) string {
		out, errOut, code := papers(t, append(args, "search", "--limit", "0", q)...)
		if code > 1 {
			t.Fatalf("search %q: %d %s", q, code, errOut)
		}
		lines := strings.Split(out, "\n")
		slices.Sort(lines)
		return strings.Join(lines, "\n")
	}
	want := map[string]string{}
	for _, q := range queries {
		want[q] = answer(q)
	}
	if out, errOut, code := papers(t, "--library", lib, "--corpus", big, "index"); code != 0 || !strings.Contains(out, "built, 2000 papers") {
		t.Fatalf("index: %d %q %q", code, out, errOut)
	}
	check := func(when string, listingStored bool) {
		t.Helper()
		cache, err := segment.DefaultCache()
		if err != nil {
			t.Fatal(err)
		}
		if st, err := store.OpenStored(cache, []string{big, listing}, nil, false); err != nil || st == nil || (st.Segments[1] != nil) != listingStored {
			t.Fatalf("%s: the store does not serve the files as it should: %v", when, err)
		}
		for _, q := range queries {
			if got := answer(q); got != want[q] {
				t.Errorf("%s: %q answers differently:\n%s\nvs\n%s", when, q, head(got), head(want[q]))
			}
		}
	}
	check("listing not stored", false)
	out, errOut, code := papers(t, append(args, "index")...)
	if code != 0 || !strings.Contains(out, "arxiv.jsonl: up to date, 2000 papers") || !strings.Contains(out, "today.jsonl: built, 60 papers") {
		t.Fatalf("index of the listing: %d %q %q", code, out, errOut)
	}
	check("both stored", true)
	if out, _, _ := papers(t, append(args, "search", "--limit", "0", "author:listed")...); strings.Count(out, "\n") != 20 {
		t.Fatalf("the papers in both files are not shown once each:\n%s", out)
	}
}
