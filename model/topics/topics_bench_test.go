package topics

import (
	"fmt"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

var topicBenchSizes = []int{100000}

func BenchmarkComputeTopics(b *testing.B) {
	for _, n := range topicBenchSizes {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			papers := synthetic.Shared(n)
			var topics *Topics
			for b.Loop() {
				topics = Compute(model.PaperList(papers))
			}
			b.ReportMetric(float64(len(topics.List)), "topics")
		})
	}
}
