package model_test

import (
	"context"
	"fmt"
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

// BenchmarkKeystroke measures one keystroke: from the new query string to
// the ranked rows a screen shows. The searcher is reused within a typed
// query, as the UI does, and fresh for each new one, so caches only help
// the way they would for a real user.
func BenchmarkKeystroke(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			synthetic.BenchTyping(b, benchIndex(b, n), synthetic.Typed("lora adapter"))
		})
	}
}

// BenchmarkKeystrokeFuzzy is the same for a term that starts no word, so
// every keystroke goes through fuzzy title matching.
func BenchmarkKeystrokeFuzzy(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			synthetic.BenchTyping(b, benchIndex(b, n), synthetic.Typed("lrnfmx"))
		})
	}
}
