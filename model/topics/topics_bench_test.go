package topics

import (
	"fmt"
	"sync"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

// topicBenchCorpora caches generated corpora: generating 100,000 papers
// takes longer than what is measured.
var topicBenchCorpora sync.Map // int → []model.Paper

func topicBenchCorpus(n int) []model.Paper {
	if c, ok := topicBenchCorpora.Load(n); ok {
		return c.([]model.Paper)
	}
	c, _ := topicBenchCorpora.LoadOrStore(n, synthetic.Papers(n, 1))
	return c.([]model.Paper)
}

var topicBenchSizes = []int{100000}

func BenchmarkComputeTopics(b *testing.B) {
	for _, n := range topicBenchSizes {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			papers := topicBenchCorpus(n)
			var topics *Topics
			for b.Loop() {
				topics = Compute(papers)
			}
			b.ReportMetric(float64(len(topics.List)), "topics")
		})
	}
}
