package model_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

// BenchmarkBuildIndex measures indexing the words of a corpus, which a
// browser does in the background after showing the papers.
func BenchmarkBuildIndex(b *testing.B) {
	for _, n := range []int{100_000} {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			papers := synthetic.Papers(n, 1)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := model.BuildIndex(context.Background(), papers); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
