package related

import (
	"fmt"
	"sync"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

// benchCorpora caches generated corpora: generating 100,000 papers takes
// longer than what is measured.
var benchCorpora sync.Map // int → []model.Paper

func benchCorpus(n int) []model.Paper {
	if c, ok := benchCorpora.Load(n); ok {
		return c.([]model.Paper)
	}
	c, _ := benchCorpora.LoadOrStore(n, synthetic.Papers(n, 1))
	return c.([]model.Paper)
}

var benchSizes = []int{100000}

func BenchmarkBuildRelatedIndex(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			papers := benchCorpus(n)
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
			index := Build(benchCorpus(n))
			i := 0
			for b.Loop() {
				index.Related(i%n, 5)
				i += 7919 // a prime: successive queries land far apart
			}
		})
	}
}
