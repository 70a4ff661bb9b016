package model

import (
	"context"
	"math/rand/v2"
	"testing"
)

// Shifting a set into a larger one and slicing it back out are inverses,
// at every offset within a 64-paper word and across words.
func TestShiftedSetsRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		n, off := 1+rng.IntN(300), rng.IntN(200)
		src := NewBitset(n)
		for i := range n {
			if rng.IntN(3) == 0 {
				src.Set(i)
			}
		}
		dst := NewBitset(off + n + rng.IntN(100))
		orShifted(dst, src, off)
		if dst.Count() != src.Count() {
			t.Fatalf("n %d off %d: %d bits shifted in, want %d", n, off, dst.Count(), src.Count())
		}
		for i := range n {
			if dst.Has(off+i) != src.Has(i) {
				t.Fatalf("n %d off %d: bit %d", n, off, i)
			}
		}
		back := sliceBits(dst, off, n)
		for i := range len(back) {
			if back[i] != src[i] {
				t.Fatalf("n %d off %d: word %d sliced back %x, want %x", n, off, i, back[i], src[i])
			}
		}
	}
}

// A hidden copy matches no query, is not counted and is not found by its
// key: its merged copy is.
func TestJoinHidesCopies(t *testing.T) {
	ctx := context.Background()
	a := []Paper{
		{ID: "2401.00001", TitleID: "t1", Title: "Sparse attention for long documents"},
		{ID: "2401.00002", TitleID: "t2", Title: "Graph neural networks"},
	}
	b := []Paper{{ID: "2401.00001", TitleID: "t1", Title: "Sparse attention for long documents", Abstract: "Now with an abstract about kernels."}}
	ia, err := BuildIndex(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	ib, err := BuildIndex(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Join([]*Index{ia, ib}, []int{0})
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 3 || ix.Shown() != 2 || !ix.Hidden(0) || ix.Hidden(2) {
		t.Fatalf("len %d shown %d", ix.Len(), ix.Shown())
	}
	if i, ok := ix.Lookup("2401.00001"); !ok || i != 2 {
		t.Fatalf("lookup found %d %v, want the copy at 2", i, ok)
	}
	s := NewSearcher(ix)
	for q, want := range map[string]int{"": 2, "sparse": 1, "kernels": 1, `"long documents"`: 1, "graph": 1, "spares": 1} {
		r, err := s.Search(ctx, ParseQuery(q), Facets{}, SortRelevance, 10)
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != want || r.Len() != 2 {
			t.Fatalf("%q: %d of %d, want %d of 2", q, r.Total, r.Len(), want)
		}
		if r.Contains(0) {
			t.Fatalf("%q matched the hidden copy", q)
		}
	}
	if _, err := Join([]*Index{ia, ib}, []int{3}); err == nil {
		t.Fatal("a hidden paper out of range was accepted")
	}
	if _, err := Join([]*Index{ia, NewIndex(b)}, nil); err == nil {
		t.Fatal("an index without its words was joined")
	}
}
