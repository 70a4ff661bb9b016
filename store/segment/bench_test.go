package segment

import (
	"bufio"
	"context"
	"encoding/json"
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

func benchSegment(b *testing.B, n int) string {
	b.Helper()
	ix, err := model.BuildIndex(context.Background(), synthetic.Zipf(n, 1))
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "bench.seg")
	if err := Write(path, Source{Name: "a", Abs: "/a"}, ix); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkOpenSegment is the warm open: mapping, checking and decoding
// a fresh 100k-paper segment until it can list and search.
func BenchmarkOpenSegment(b *testing.B) {
	path := benchSegment(b, 100_000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Open(path, "a"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStoreSearch is a search over a freshly opened 100k segment,
// per kind of query.
func BenchmarkStoreSearch(b *testing.B) {
	path := benchSegment(b, 100_000)
	seg, err := Open(path, "a")
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{"learning", "tokamu", "trasnformer", `"neural network"`, ""} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				res, err := model.NewSearcher(seg.Index).Search(context.Background(), model.ParseQuery(q), model.Facets{}, model.SortRelevance, 50)
				if err != nil {
					b.Fatal(err)
				}
				res.Rows(0, 50)
			}
		})
	}
}
