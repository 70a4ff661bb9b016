package model

import (
	"fmt"
	"sync"
	"testing"
)

// topicBenchCorpora caches generated corpora: generating 100,000 papers
// takes longer than what is measured.
var topicBenchCorpora sync.Map // int → []Paper

func topicBenchCorpus(n int) []Paper {
	if c, ok := topicBenchCorpora.Load(n); ok {
		return c.([]Paper)
	}
	c, _ := topicBenchCorpora.LoadOrStore(n, SyntheticPapers(n, 1))
	return c.([]Paper)
}

var topicBenchSizes = []int{100000}

func BenchmarkComputeTopics(b *testing.B) {
	for _, n := range topicBenchSizes {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			papers := topicBenchCorpus(n)
			var topics *Topics
			for b.Loop() {
				topics = ComputeTopics(papers)
			}
			b.ReportMetric(float64(len(topics.List)), "topics")
		})
	}
}

func BenchmarkBuildRelatedIndex(b *testing.B) {
	for _, n := range topicBenchSizes {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			papers := topicBenchCorpus(n)
			var index *RelatedIndex
			for b.Loop() {
				index = BuildRelatedIndex(papers)
			}
			b.ReportMetric(float64(index.sizeBytes())/1e6, "MB-index")
		})
	}
}

// One op is the 5 papers related to one paper, a different one each time.
func BenchmarkRelated(b *testing.B) {
	for _, n := range topicBenchSizes {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			index := BuildRelatedIndex(topicBenchCorpus(n))
			i := 0
			for b.Loop() {
				index.Related(i%n, 5)
				i += 7919 // a prime: successive queries land far apart
			}
		})
	}
}
