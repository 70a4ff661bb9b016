package segment

import (
	"fmt"
	"os"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/related"
	"github.com/papertui/papers/model/synthetic"
	"github.com/papertui/papers/model/topics"
)

// BenchmarkOpenDerived is the warm open of topics and related papers: map
// the file, check its checksums and offsets.
func BenchmarkOpenDerived(b *testing.B) {
	for _, n := range []int{100000} {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			c := Cache{Dir: dir}
			path := dir + "/corpus.jsonl"
			if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
				b.Fatal(err)
			}
			src, err := Identify(path)
			if err != nil {
				b.Fatal(err)
			}
			papers := model.PaperList(synthetic.Zipf(n, 1))
			if err := c.WriteDerived([]Source{src}, n, topics.Compute(papers), related.Build(papers)); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				d, err := c.OpenDerived([]Source{src}, n)
				if err != nil {
					b.Fatal(err)
				}
				d.Related.Related(n/2, 5)
			}
		})
	}
}
