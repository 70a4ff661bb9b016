package related

import (
	"errors"
	"fmt"
)

// Arrays are an Index's contents as flat arrays, the form the store keeps
// on disk and maps back: every field a fixed-width number array.
type Arrays struct {
	// DocStart[p]..DocStart[p+1] are paper p's kept terms in DocTerm and
	// DocW, ascending by term: at most termsPerPaper each.
	DocStart, DocTerm []int32
	DocW              []float32
	// PostStart[t]..PostStart[t+1] are term t's papers in PostDoc and
	// PostW, ascending.
	PostStart, PostDoc []int32
	PostW              []float32
	// TitleHash is one per paper: papers with the same title are copies.
	TitleHash []uint64
}

// Arrays returns the index's arrays (shared, not copied: do not modify).
func (r *Index) Arrays() Arrays {
	return Arrays{
		DocStart: r.docStart, DocTerm: r.docTerm, DocW: r.docW,
		PostStart: r.postStart, PostDoc: r.postDoc, PostW: r.postW,
		TitleHash: r.titleHash,
	}
}

// FromArrays makes an Index of n papers that reads a's arrays in place
// (they may be views of a mapped file). It checks every offset and number
// that a query follows, so that arrays which are not an index are an error
// rather than a crash: one pass over them, a few milliseconds per 100,000
// papers.
func FromArrays(n int, a Arrays) (*Index, error) {
	bad := func(what string) (*Index, error) { return nil, fmt.Errorf("related papers: bad %s", what) }
	if n < 0 || len(a.DocStart) != n+1 || len(a.TitleHash) != n || len(a.PostStart) < 1 {
		return bad("sizes")
	}
	terms := len(a.PostStart) - 1
	total := len(a.DocTerm)
	if len(a.DocW) != total || len(a.PostDoc) != total || len(a.PostW) != total {
		return bad("sizes")
	}
	if err := ascending(a.DocStart, total); err != nil {
		return bad("paper offsets")
	}
	if err := ascending(a.PostStart, total); err != nil {
		return bad("term offsets")
	}
	for _, t := range a.DocTerm {
		if t < 0 || int(t) >= terms {
			return bad("term")
		}
	}
	for _, d := range a.PostDoc {
		if d < 0 || int(d) >= n {
			return bad("paper")
		}
	}
	r := &Index{
		n:        n,
		docStart: a.DocStart, docTerm: a.DocTerm, docW: a.DocW,
		postStart: a.PostStart, postDoc: a.PostDoc, postW: a.PostW,
		titleHash: a.TitleHash,
	}
	r.initPool()
	return r, nil
}

// ascending checks offsets that start at 0, never decrease and end at
// total.
func ascending(off []int32, total int) error {
	if off[0] != 0 || int(off[len(off)-1]) != total {
		return errors.New("ends")
	}
	for i := 1; i < len(off); i++ {
		if off[i] < off[i-1] {
			return errors.New("order")
		}
	}
	return nil
}

// Len is the number of papers the index was built for.
func (r *Index) Len() int { return r.n }

func (r *Index) initPool() {
	n := r.n
	r.acc.New = func() any { return &accumulator{score: make([]float32, n)} }
}
