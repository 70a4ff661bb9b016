package synthetic

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/papertui/papers/model"
)

// Typed returns every prefix of query, as a user types it.
func Typed(query string) []string {
	var seq []string
	for i := 1; i <= len(query); i++ {
		seq = append(seq, query[:i])
	}
	return seq
}

// BenchTyping measures one keystroke per iteration: from the new query
// string (the next of seq) to the ranked rows a screen shows. The searcher
// is reused within a typed query, as the UI does, and fresh for each new
// one, so caches only help the way they would for a real user. It reports
// the median, 90th percentile and slowest keystroke.
func BenchTyping(b *testing.B, ix *model.Index, seq []string) {
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
