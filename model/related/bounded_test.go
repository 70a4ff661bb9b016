package related

import (
	"cmp"
	"math"
	"slices"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/internal/lex"
	"github.com/papertui/papers/model/synthetic"
)

// unboundedBuild is the build as it was before it was bounded: every term
// gets an id and postings, singletons included, and tf is a
// vocabulary-sized array. It is kept as the reference the bounded build
// must answer exactly like.
func unboundedBuild(papers []model.Paper) *Index {
	n := len(papers)
	r := &Index{n: n, titleHash: make([]uint64, n)}
	tok := newTokenizer()
	df := map[uint64]int32{}
	last := map[uint64]int{}
	for p := range papers {
		r.titleHash[p] = lex.FastHash([]byte(model.TitleKey(papers[p].Title)))
		count := func(term uint64) {
			if l, ok := last[term]; !ok || l != p {
				last[term] = p
				df[term]++
			}
		}
		tok.each(papers[p].Title, count)
		tok.each(papers[p].Abstract, count)
	}
	hashes := make([]uint64, 0, len(df))
	for h := range df {
		hashes = append(hashes, h)
	}
	slices.Sort(hashes)
	ids := map[uint64]int32{}
	idf := make([]float64, len(hashes))
	for i, h := range hashes {
		ids[h] = int32(i)
		idf[i] = math.Sqrt(math.Log(float64(n+1) / float64(df[h])))
	}
	tf := make([]float64, len(hashes))
	r.docStart = make([]int32, n+1)
	var touched []int32
	for p := range papers {
		touched = touched[:0]
		add := func(boost float64) func(uint64) {
			return func(term uint64) {
				id := ids[term]
				if tf[id] == 0 {
					touched = append(touched, id)
				}
				tf[id] += boost
			}
		}
		tok.each(papers[p].Title, add(titleBoost))
		tok.each(papers[p].Abstract, add(1))
		var doc []weight
		for _, id := range touched {
			doc = append(doc, weight{uint64(id), id, (1 + math.Log(tf[id])) * idf[id]})
			tf[id] = 0
		}
		doc = heaviest(doc, termsPerPaper)
		slices.SortFunc(doc, func(a, b weight) int { return cmp.Compare(a.id, b.id) })
		var norm float64
		for _, t := range doc {
			norm += t.w * t.w
		}
		norm = math.Sqrt(norm)
		for _, t := range doc {
			r.docTerm = append(r.docTerm, t.id)
			r.docW = append(r.docW, float32(t.w/norm))
		}
		r.docStart[p+1] = int32(len(r.docTerm))
	}
	r.postStart = make([]int32, len(hashes)+1)
	for _, t := range r.docTerm {
		r.postStart[t+1]++
	}
	for t := range hashes {
		r.postStart[t+1] += r.postStart[t]
	}
	fill := slices.Clone(r.postStart[:len(hashes)])
	r.postDoc = make([]int32, len(r.docTerm))
	r.postW = make([]float32, len(r.docTerm))
	for p := range n {
		for i := r.docStart[p]; i < r.docStart[p+1]; i++ {
			t := r.docTerm[i]
			r.postDoc[fill[t]], r.postW[fill[t]] = int32(p), r.docW[i]
			fill[t]++
		}
	}
	r.initPool()
	return r
}

func boundedCorpora(t *testing.T) map[string][]model.Paper {
	return map[string][]model.Paper{
		"seed":      seed(t),
		"zipf":      synthetic.Zipf(3000, 7),
		"synthetic": synthetic.Papers(2000, 3),
	}
}

// The bounded build keeps no term of a single paper and no buffer per
// chunk, and answers every paper's query exactly as the unbounded one:
// same papers, same order, same scores.
func TestBoundedBuildAnswersLikeUnbounded(t *testing.T) {
	for name, papers := range boundedCorpora(t) {
		t.Run(name, func(t *testing.T) {
			want, got := unboundedBuild(papers), Build(model.PaperList(papers))
			if len(got.docTerm) >= len(want.docTerm) {
				t.Errorf("bounded index keeps %d terms, unbounded %d: singletons not dropped", len(got.docTerm), len(want.docTerm))
			}
			for p := range papers {
				w, g := want.Related(p, 8), got.Related(p, 8)
				if !slices.Equal(w, g) {
					t.Fatalf("paper %d: related %v, want %v", p, g, w)
				}
			}
		})
	}
}

// With the vocabulary capped far below the corpus's, the rarest shared
// terms are dropped: most neighbours stay.
func TestCappedVocabularyStaysClose(t *testing.T) {
	papers := synthetic.Zipf(3000, 7)
	full := Build(model.PaperList(papers))
	terms := len(full.postStart) - 1
	capped := build(model.PaperList(papers), terms/2)
	if got := len(capped.postStart) - 1; got != terms/2 {
		t.Fatalf("capped index has %d terms, want %d", got, terms/2)
	}
	same, total := 0, 0
	for p := range papers {
		want := full.Related(p, 5)
		got := capped.Related(p, 5)
		total += len(want)
		for _, nb := range got {
			if slices.ContainsFunc(want, func(w Neighbor) bool { return w.Paper == nb.Paper }) {
				same++
			}
		}
	}
	share := float64(same) / float64(total)
	t.Logf("capped at %d of %d terms: %.2f of neighbours kept", terms/2, terms, share)
	if share < 0.7 {
		t.Errorf("capped vocabulary keeps %.2f of neighbours, want at least 0.7", share)
	}
	if share == 1 {
		t.Error("the cap changed nothing: it is not applied")
	}
}
