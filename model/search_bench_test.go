package model_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

// benchCorpora caches generated corpora and their indexes across
// sub-benchmarks: generating a million papers takes seconds.
var benchCorpora sync.Map // int -> *model.Index

func benchIndex(b *testing.B, n int) *model.Index {
	b.Helper()
	if ix, ok := benchCorpora.Load(n); ok {
		return ix.(*model.Index)
	}
	papers := synthetic.Papers(n, 1)
	start := time.Now()
	ix, err := model.BuildIndex(context.Background(), papers)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("indexed %d papers in %v: index %d MB for %d MB of text (%.2fx)",
		n, time.Since(start).Round(time.Millisecond), ix.SizeBytes()>>20, ix.TextBytes()>>20,
		float64(ix.SizeBytes())/float64(ix.TextBytes()))
	benchCorpora.Store(n, ix)
	return ix
}

// typed returns every prefix of query, as a user types it.
func typed(query string) []string {
	var seq []string
	for i := 1; i <= len(query); i++ {
		seq = append(seq, query[:i])
	}
	return seq
}

// BenchmarkKeystroke measures one keystroke: from the new query string to
// the ranked rows a screen shows. The searcher is reused within a typed
// query, as the UI does, and fresh for each new one, so caches only help
// the way they would for a real user.
func BenchmarkKeystroke(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			benchTyping(b, benchIndex(b, n), typed("lora adapter"))
		})
	}
}

// BenchmarkKeystrokeFuzzy is the same for a term that starts no word, so
// every keystroke goes through fuzzy title matching.
func BenchmarkKeystrokeFuzzy(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			benchTyping(b, benchIndex(b, n), typed("lrnfmx"))
		})
	}
}

func benchTyping(b *testing.B, ix *model.Index, seq []string) {
	const rows = 50 // more than a tall terminal shows
	ctx := context.Background()
	var s *model.Searcher
	times := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := seq[i%len(seq)]
		if i%len(seq) == 0 {
			s = model.NewSearcher(ix)
		}
		start := time.Now()
		r, err := s.Search(ctx, model.ParseQuery(q), model.Facets{}, model.SortRelevance, rows)
		if err != nil {
			b.Fatal(err)
		}
		if r.Total > 0 && len(r.Rows(0, rows)) == 0 {
			b.Fatal("no rows")
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "p90-ms")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "max-ms")
}
