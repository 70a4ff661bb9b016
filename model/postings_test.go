package model

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestDensePostingsHoldTheLists: moving common words' lists into sets
// changes no word's papers, whole (orInto) or by 64-aligned ranges
// (orRange, the parallel union), nor its count or emptiness.
func TestDensePostingsHoldTheLists(t *testing.T) {
	const n = 1000 // 16 words a set: a list of more than 32 papers becomes one
	rng := rand.New(rand.NewPCG(1, 2))
	var p postings
	p.off = []uint32{0}
	sizes := []int{0, 1, 5, 32, 33, 100, 999, 1000, 0, 40, 2}
	for _, size := range sizes {
		ids := rng.Perm(n)[:size]
		slices.Sort(ids)
		for _, id := range ids {
			p.ids = append(p.ids, uint32(id))
		}
		p.off = append(p.off, uint32(len(p.ids)))
	}
	d := p.densify(n)
	if len(d.denseWords) != 5 || len(d.ids) != 1+5+32+2 {
		t.Fatalf("%d dense words, %d of %d list entries left", len(d.denseWords), len(d.ids), len(p.ids))
	}
	for w, size := range sizes {
		want := NewBitset(n)
		for _, id := range p.ids[p.off[w]:p.off[w+1]] {
			want.Set(int(id))
		}
		got := NewBitset(n)
		d.orInto(got, w)
		if !slices.Equal(got, want) || d.count(w) != size || d.empty(w) != (size == 0) {
			t.Fatalf("word %d (%d papers): set differs, count %d, empty %v", w, size, d.count(w), d.empty(w))
		}
		ranged := NewBitset(n)
		for start := 0; start < n; start += 192 {
			d.orRange(ranged, w, start, min(start+192, n))
		}
		if !slices.Equal(ranged, want) {
			t.Fatalf("word %d: the ranged union differs", w)
		}
		// One range alone adds nothing outside it.
		one := NewBitset(n)
		d.orRange(one, w, 192, 384)
		for i := range n {
			if one.Has(i) != (want.Has(i) && i >= 192 && i < 384) {
				t.Fatalf("word %d: orRange(192, 384) has paper %d wrong", w, i)
			}
		}
	}
	if d.emptyRange(8, 9) != true || d.emptyRange(0, 2) != false || d.emptyRange(7, 9) != false {
		t.Fatal("emptyRange")
	}
	if v := d.volume(0, len(sizes)); v != len(d.ids)+5*16 {
		t.Fatalf("volume %d", v)
	}
}
