package model

import "math/bits"

// Bitset is a set of paper indices, one bit each. Query terms, filters and
// results are bitsets so that combining them (AND, OR, NOT) costs one pass
// over N/64 words, whatever the number of matches.
type Bitset []uint64

// NewBitset returns an empty set able to hold indices below n.
func NewBitset(n int) Bitset { return make(Bitset, (n+63)/64) }

// Set adds i.
func (b Bitset) Set(i int) { b[i>>6] |= 1 << (uint(i) & 63) }

// Has reports whether i is in the set.
func (b Bitset) Has(i int) bool { return b[i>>6]&(1<<(uint(i)&63)) != 0 }

// Fill adds every index below n.
func (b Bitset) Fill(n int) {
	for i := range b {
		b[i] = ^uint64(0)
	}
	if r := n & 63; r != 0 && len(b) > 0 {
		b[len(b)-1] = (1 << uint(r)) - 1
	}
}

// And keeps only indices also in o.
func (b Bitset) And(o Bitset) {
	for i := range b {
		b[i] &= o[i]
	}
}

// Or adds the indices of o.
func (b Bitset) Or(o Bitset) {
	for i := range b {
		b[i] |= o[i]
	}
}

// AndNot removes the indices of o.
func (b Bitset) AndNot(o Bitset) {
	for i := range b {
		b[i] &^= o[i]
	}
}

// Count returns the number of indices in the set.
func (b Bitset) Count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// Empty reports whether the set has no index.
func (b Bitset) Empty() bool {
	for _, w := range b {
		if w != 0 {
			return false
		}
	}
	return true
}

// Clone returns an independent copy.
func (b Bitset) Clone() Bitset { return append(Bitset(nil), b...) }

// Each calls fn for every index in ascending order until fn returns false.
func (b Bitset) Each(fn func(i int) bool) {
	for wi, w := range b {
		for w != 0 {
			t := bits.TrailingZeros64(w)
			if !fn(wi<<6 | t) {
				return
			}
			w &= w - 1
		}
	}
}
