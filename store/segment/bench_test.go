package segment

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

// TestWriteBenchCorpus writes synthetic.Zipf(PAPERS_BENCH_N, 1) as arXiv
// JSON Lines to PAPERS_BENCH_CORPUS, for testdata/store-bench.sh; it is
// skipped otherwise.
func TestWriteBenchCorpus(t *testing.T) {
	path := os.Getenv("PAPERS_BENCH_CORPUS")
	if path == "" {
		t.Skip("PAPERS_BENCH_CORPUS not set")
	}
	n, err := strconv.Atoi(os.Getenv("PAPERS_BENCH_N"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	for _, p := range synthetic.Zipf(n, 1) {
		rec := map[string]any{
			"id": p.ArxivID, "title": p.Title, "abstract": p.Abstract,
			"authors": strings.Join(p.Authors, " and "), "categories": strings.Join(p.Categories, " "),
			"update_date": p.Published.Format("2006-01-02"),
		}
		if os.Getenv("PAPERS_BENCH_DATED") != "" {
			// A first version's date, as the real snapshot has: the
			// browser opens only dated corpora from the store.
			rec["versions"] = []map[string]string{{"version": "v1", "created": p.Published.Format(time.RFC1123)}}
		}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// benchSegment returns the path of a segment of synthetic.Zipf(n, 1),
// kept in the temporary directory between runs (a million papers take a
// minute and several GB to index): delete it to rebuild.
func benchSegment(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("papers-bench-zipf%d-v%d.seg", n, version))
	if _, err := Open(path, "a"); err == nil {
		return path
	}
	ix, err := model.BuildIndex(context.Background(), synthetic.Zipf(n, 1))
	if err != nil {
		b.Fatal(err)
	}
	if err := Write(path, Source{Name: "a", Abs: "/a"}, ix); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkOpenSegment is the warm open: mapping and checking a fresh
// segment until it can list and search. It reads no paper.
func BenchmarkOpenSegment(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			path := benchSegment(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := Open(path, "a"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkStoreKeystroke is model's BenchmarkKeystroke over an index
// opened from a store: every keystroke of a typed query, exact then
// fuzzy, on a freshly opened segment.
func BenchmarkStoreKeystroke(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		for _, q := range []string{"lora adapter", "lrnfmx"} {
			b.Run(fmt.Sprintf("papers=%d/%s", n, q), func(b *testing.B) {
				seg, err := Open(benchSegment(b, n), "a")
				if err != nil {
					b.Fatal(err)
				}
				synthetic.BenchTyping(b, seg.Index, synthetic.Typed(q))
			})
		}
	}
}

// BenchmarkJoinedKeystroke is BenchmarkStoreKeystroke over the segment
// joined with a day's listing of 500 papers indexed in memory, as the
// browser opens a snapshot with a new listing beside it.
func BenchmarkJoinedKeystroke(b *testing.B) {
	listing := synthetic.Zipf(500, 2)
	for i := range listing {
		listing[i].ID = "listing-" + listing[i].ID
		listing[i].ArxivID = listing[i].ID
	}
	day, err := model.BuildIndex(context.Background(), listing)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{100_000, 1_000_000} {
		for _, q := range []string{"lora adapter", "lrnfmx"} {
			b.Run(fmt.Sprintf("papers=%d/%s", n, q), func(b *testing.B) {
				seg, err := Open(benchSegment(b, n), "a")
				if err != nil {
					b.Fatal(err)
				}
				ix, err := model.Join([]*model.Index{seg.Index, day}, nil)
				if err != nil {
					b.Fatal(err)
				}
				synthetic.BenchTyping(b, ix, synthetic.Typed(q))
			})
		}
	}
}

// BenchmarkStoreSearch is a search over a freshly opened 100k segment,
// per kind of query, reading the 50 rows papers search prints (every
// row for "all:" queries), without match positions as plain output, as
// papers search does (SearchTop).
func BenchmarkStoreSearch(b *testing.B) {
	path := benchSegment(b, 100_000)
	for _, q := range []string{"learning", "tokamu", "trasnformer", `"neural network"`, `"of the"`, "", "all:tokamu"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				seg, err := Open(path, "a")
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				raw, limit := q, 50
				if rest, ok := strings.CutPrefix(q, "all:"); ok {
					raw, limit = rest, 0
				}
				res, err := model.NewSearcher(seg.Index).SearchTop(context.Background(), model.ParseQuery(raw), model.Facets{}, model.SortRelevance, limit)
				if err != nil {
					b.Fatal(err)
				}
				if limit == 0 {
					limit = res.Total
				}
				for _, h := range res.Ranked(0, limit) {
					seg.Index.Paper(h.Paper)
				}
			}
		})
	}
}

// BenchmarkStorePhrase is the phrase search of papers search over a
// freshly opened segment at 100k and 1M papers: the 50 rows, then (all)
// every match, which reads every candidate.
func BenchmarkStorePhrase(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		for _, limit := range []int{50, 0} {
			b.Run(fmt.Sprintf("papers=%d/limit=%d", n, limit), func(b *testing.B) {
				path := benchSegment(b, n)
				q := model.ParseQuery(`"neural network"`)
				for b.Loop() {
					b.StopTimer()
					seg, err := Open(path, "a")
					if err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					res, err := model.NewSearcher(seg.Index).SearchTop(context.Background(), q, model.Facets{}, model.SortRelevance, limit)
					if err != nil {
						b.Fatal(err)
					}
					rows := limit
					if rows == 0 {
						rows = res.Total
					}
					for _, h := range res.Ranked(0, rows) {
						seg.Index.Paper(h.Paper)
					}
				}
			})
		}
	}
}
