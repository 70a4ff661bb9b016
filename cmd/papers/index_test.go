package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/papertui/papers/model/synthetic"
)

func TestSearchFromTheStoreEqualsSearchWithout(t *testing.T) {
	lib := tempLibrary(t)
	corpus := filepath.Join(t.TempDir(), "arxiv.jsonl")
	var b strings.Builder
	for _, p := range synthetic.Zipf(2000, 7) {
		line, _ := json.Marshal(map[string]string{"id": p.ArxivID, "title": p.Title, "abstract": p.Abstract, "authors": strings.Join(p.Authors, " and ")})
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(corpus, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"--library", lib, "--corpus", corpus}
	queries := []string{"", "learning", "trasnformer", `"neural network"`, "tokamu", "author:ba", "le", "zzzqqq", "learning -model",
		"l", "title:learning", "learning OR model", "lrnfmx"}
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
