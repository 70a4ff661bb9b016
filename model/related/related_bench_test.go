package related

import (
	"fmt"
	"testing"

	"github.com/papertui/papers/model/synthetic"
)

var benchSizes = []int{100000}

func BenchmarkBuildRelatedIndex(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			papers := synthetic.Shared(n)
			var index *Index
			for b.Loop() {
				index = Build(papers)
			}
			b.ReportMetric(float64(index.sizeBytes())/1e6, "MB-index")
		})
	}
}

// One op is the 5 papers related to one paper, a different one each time.
func BenchmarkRelated(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			index := Build(synthetic.Shared(n))
			i := 0
			for b.Loop() {
				index.Related(i%n, 5)
				i += 7919 // a prime: successive queries land far apart
			}
		})
	}
}
