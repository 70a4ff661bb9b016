package model

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkBuildIndex measures indexing the words of a corpus, which a
// browser does in the background after showing the papers.
func BenchmarkBuildIndex(b *testing.B) {
	for _, n := range []int{100_000} {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			papers := SyntheticPapers(n, 1)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := BuildIndex(context.Background(), papers); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
