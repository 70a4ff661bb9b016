package model_test

import (
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

func BenchmarkPrefilter(b *testing.B) {
	benchPrefilter(b, model.NewPrefilter(model.ParseQuery("lora"), model.SyntaxJSON))
}

// BenchmarkPrefilterTypo is the second pass of a streamed typo.
func BenchmarkPrefilterTypo(b *testing.B) {
	benchPrefilter(b, model.NewPrefilter(model.ParseQuery("trasnformer"), model.SyntaxJSON).WithTypos([]string{"trasnformer"}))
}

func benchPrefilter(b *testing.B, pf *model.Prefilter) {
	papers := synthetic.Papers(2000, 3)
	var recs [][]byte
	size := 0
	for i := range papers {
		r := model.RawRecord(&papers[i], model.SyntaxJSON)
		recs = append(recs, r)
		size += len(r)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, r := range recs {
			pf.Keep(r)
		}
	}
}
