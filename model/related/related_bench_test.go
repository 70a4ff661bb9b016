package related

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

// benchSizes are the corpus sizes benchmarked; PAPERS_BENCH_N sets
// another (the peak-memory figure at a million papers is taken so, with
// /usr/bin/time -v around one iteration, minus BenchmarkZipfCorpus's).
var benchSizes = func() []int {
	if n, err := strconv.Atoi(os.Getenv("PAPERS_BENCH_N")); err == nil {
		return []int{n}
	}
	return []int{100000}
}()

// BenchmarkZipfCorpus is the corpus alone: the baseline of a build's
// whole-process peak memory.
func BenchmarkZipfCorpus(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			for b.Loop() {
				runtime.KeepAlive(synthetic.Zipf(n, 1))
			}
		})
	}
}

// The build is measured on the realistic corpus: a Zipf vocabulary with a
// long tail of rare words, which is what makes the vocabulary large.
func BenchmarkBuildRelatedIndex(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			papers := model.PaperList(synthetic.Zipf(n, 1))
			b.ReportAllocs()
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
			index := Build(model.PaperList(synthetic.Zipf(n, 1)))
			i := 0
			for b.Loop() {
				index.Related(i%n, 5)
				i += 7919 // a prime: successive queries land far apart
			}
		})
	}
}
