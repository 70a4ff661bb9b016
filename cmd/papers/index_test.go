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
	queries := []string{"", "learning", "trasnformer", `"neural network"`, "tokamu", "author:ba", "le", "zzzqqq", "learning -model"}
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
