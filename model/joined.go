package model

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// A joined index is one Index over several indexes (parts), numbered one
// part after another: a stored segment per corpus file, read in place, plus
// small in-memory parts for a day's new listing, so that the new listing
// does not mean rebuilding the segment of a million papers. Words stay in
// their parts (each its own vocabulary and postings) and are looked up in
// each; the facts filters and ranking read per paper (years, days, weights,
// code links) are copied into the joined index, a few bytes a paper.
//
// A paper that is in several parts is hidden in all but one (the caller's
// merged copy, usually in a part of its own): hidden papers match no query
// and Lookup never returns them.
type indexPart struct {
	ix  *Index
	off int
}

// Join returns the index over parts, with the papers numbered in hidden
// (joined numbering) left out of every search. One part and nothing hidden
// is that part itself. Every part must have its words indexed.
func Join(parts []*Index, hidden []int) (*Index, error) {
	if len(parts) == 0 {
		return nil, errors.New("join: no indexes")
	}
	if len(parts) == 1 && len(hidden) == 0 {
		return parts[0], nil
	}
	ix := &Index{text: true}
	// Papers are read through the part that holds each, as a stored
	// index's are through its file.
	ix.backing = joinedBacking{ix}
	for _, p := range parts {
		if !p.text {
			return nil, errors.New("join: an index without its words")
		}
		if p.parts != nil {
			return nil, errors.New("join: a joined index")
		}
		ix.parts = append(ix.parts, indexPart{ix: p, off: ix.n})
		ix.n += p.n
	}
	for f := range ix.post {
		ix.post[f] = postings{off: []uint32{0}}
	}
	ix.hasCode = NewBitset(ix.n)
	ix.fieldWeight = [2][]uint16{make([]uint16, 0, ix.n), make([]uint16, 0, ix.n)}
	ix.years = make([]uint16, 0, ix.n)
	ix.days = make([]int32, 0, ix.n)
	for _, part := range ix.parts {
		p := part.ix
		// The copies are read whole, so a stored part's facts are checked
		// here, once, rather than paper by paper later.
		for _, a := range []Array{ArrayYears, ArrayDays, ArrayWeights, ArrayWeights + 1} {
			if !p.intact(a, 0, p.n) {
				return nil, p.Err()
			}
		}
		if !p.intact(ArrayHasCode, 0, len(p.hasCode)) {
			return nil, p.Err()
		}
		ix.years = append(ix.years, p.years...)
		ix.days = append(ix.days, p.days...)
		ix.fieldWeight[0] = append(ix.fieldWeight[0], p.fieldWeight[0]...)
		ix.fieldWeight[1] = append(ix.fieldWeight[1], p.fieldWeight[1]...)
		orShifted(ix.hasCode, p.hasCode, part.off)
		ix.upvotes = ix.upvotes || p.upvotes
	}
	if len(hidden) > 0 {
		ix.hidden = NewBitset(ix.n)
		for _, i := range hidden {
			if i < 0 || i >= ix.n {
				return nil, fmt.Errorf("join: hidden paper %d of %d", i, ix.n)
			}
			ix.hidden.Set(i)
		}
		ix.hiddenCount = ix.hidden.Count()
	}
	return ix, nil
}

// Parts returns the indexes ix joins, or ix alone.
func (ix *Index) Parts() []*Index {
	if ix.parts == nil {
		return []*Index{ix}
	}
	out := make([]*Index, len(ix.parts))
	for k, p := range ix.parts {
		out[k] = p.ix
	}
	return out
}

// Hidden reports whether paper i is a copy left out of searches (Join).
func (ix *Index) Hidden(i int) bool { return ix.hidden != nil && ix.hidden.Has(i) }

// Shown is the number of papers searches can find: Len less the hidden.
func (ix *Index) Shown() int { return ix.n - ix.hiddenCount }

// part returns the part holding paper i and i's number in it.
func (ix *Index) part(i int) (*Index, int) {
	k := sort.Search(len(ix.parts), func(k int) bool { return ix.parts[k].off > i }) - 1
	p := ix.parts[k]
	return p.ix, i - p.off
}

// lookupParts is Lookup over the parts, skipping hidden copies.
func (ix *Index) lookupParts(key string) (int, bool) {
	for _, p := range ix.parts {
		if j, ok := p.ix.Lookup(key); ok && !ix.Hidden(p.off+j) {
			return p.off + j, true
		}
	}
	return 0, false
}

// orShifted ORs src, a set of papers numbered from 0, into dst at offset
// off.
func orShifted(dst, src Bitset, off int) {
	word, shift := off>>6, uint(off&63)
	for k, w := range src {
		if w == 0 {
			continue
		}
		dst[word+k] |= w << shift
		if shift != 0 && word+k+1 < len(dst) {
			dst[word+k+1] |= w >> (64 - shift)
		}
	}
}

// sliceBits returns papers off..off+n-1 of src as a set numbered from 0.
func sliceBits(src Bitset, off, n int) Bitset {
	out := NewBitset(n)
	word, shift := off>>6, uint(off&63)
	for k := range out {
		w := src[word+k] >> shift
		if shift != 0 && word+k+1 < len(src) {
			w |= src[word+k+1] << (64 - shift)
		}
		out[k] = w
	}
	if r := n & 63; r != 0 && len(out) > 0 {
		out[len(out)-1] &= 1<<uint(r) - 1
	}
	return out
}

// joinSets joins one set per part into a set of the joined index; nil
// when every part's is nil (the term's "none" for that field).
func (s *Searcher) joinSets(sets []Bitset) Bitset {
	var out Bitset
	for k, set := range sets {
		if set == nil {
			continue
		}
		if out == nil {
			out = NewBitset(s.ix.n)
		}
		orShifted(out, set, s.ix.parts[k].off)
	}
	return out
}

// joinedTerm evaluates a word in every part and joins what they found. A
// word is fuzzy only when no part has it: one part's typos of a word
// another part holds would bury the papers that use it.
func (s *Searcher) joinedTerm(ctx context.Context, word string) (*termResult, error) {
	pts := make([]*termResult, len(s.parts))
	fallback := true
	for k, ps := range s.parts {
		pt := &termResult{word: word}
		for f := Field(0); f < numFields; f++ {
			pt.any[f], pt.exact[f] = ps.prefixSets(word, f)
		}
		if err := ps.ix.Err(); err != nil {
			return nil, err
		}
		fallback = fallback && pt.any[FieldTitle] == nil && pt.any[FieldAbstract] == nil
		pts[k] = pt
	}
	t := &termResult{word: word, fallback: fallback}
	if fallback {
		bonus := map[int32]uint8{}
		for k, ps := range s.parts {
			pt := pts[k]
			pt.fallback = true
			if err := ps.fuzzyTerm(ctx, pt); err != nil {
				return nil, err
			}
			// What the part found alone: its cache serves a phrase
			// starting with the word, and a longer term's acronyms. The
			// parts' searchers are the joined searcher's own, used under
			// its lock.
			ps.terms.put(pt)
			t.wholeTypo = t.wholeTypo || pt.wholeTypo
			t.typoWords = unionBy(t.typoWords, pt.typoWords, func(s string) string { return s })
			t.typoNote = unionBy(t.typoNote, pt.typoNote, func(s string) string { return s })
			for i, b := range pt.acronymBonus {
				bonus[i+int32(s.ix.parts[k].off)] = b
			}
		}
		t.acronymBonus = bonus
		t.substring = s.joinSets(partSets(pts, func(pt *termResult) Bitset { return pt.substring }))
		t.acronym = s.joinSets(partSets(pts, func(pt *termResult) Bitset { return pt.acronym }))
		t.acronymAll = s.joinSets(partSets(pts, func(pt *termResult) Bitset { return pt.acronymAll }))
		for f := range t.typo {
			for l := range t.typo[f] {
				t.typo[f][l] = s.joinSets(partSets(pts, func(pt *termResult) Bitset { return pt.typo[f][l] }))
			}
		}
	}
	for f := Field(0); f < numFields; f++ {
		t.any[f] = s.joinSets(partSets(pts, func(pt *termResult) Bitset { return pt.any[f] }))
		t.exact[f] = s.joinSets(partSets(pts, func(pt *termResult) Bitset { return pt.exact[f] }))
		if t.any[f] == nil {
			t.any[f] = NewBitset(s.ix.n)
		}
	}
	return t, nil
}

func partSets(pts []*termResult, set func(*termResult) Bitset) []Bitset {
	out := make([]Bitset, len(pts))
	for k, pt := range pts {
		out[k] = set(pt)
	}
	return out
}

// joinedPhraseCandidates narrows the candidates of a phrase in every part
// (from the part's words) and joins them into one check over the joined
// index, which reads a candidate through the part that holds it: read
// whole or lazily, as for one index.
func (s *Searcher) joinedPhraseCandidates(ctx context.Context, c Clause, within Bitset) (*phraseCheck, Bitset, error) {
	check := &phraseCheck{ix: s.ix, letters: strings.Join(c.Words, "")}
	var unions []Bitset
	var cands [numFields][]Bitset
	for k, ps := range s.parts {
		part := s.ix.parts[k]
		pc, union, err := ps.phraseCandidates(ctx, c, sliceBits(within, part.off, part.ix.n))
		if err == nil {
			err = ps.ix.Err()
		}
		if err != nil {
			return nil, nil, err
		}
		unions = append(unions, union)
		for f := range cands {
			cands[f] = append(cands[f], pc.cands[f])
		}
	}
	orEmpty := func(b Bitset) Bitset {
		if b == nil {
			return NewBitset(s.ix.n)
		}
		return b
	}
	for f := range cands {
		check.cands[f] = orEmpty(s.joinSets(cands[f]))
	}
	return check, orEmpty(s.joinSets(unions)), nil
}

// joinedBacking is a joined index's Backing: each paper read from its
// part. The joined index's own arrays are copies, checked as they were
// copied (Join), so Check has nothing left to check.
type joinedBacking struct{ ix *Index }

func (b joinedBacking) Len() int { return b.ix.n }

func (b joinedBacking) Paper(i int) *Paper {
	p, j := b.ix.part(i)
	return p.Paper(j)
}

func (b joinedBacking) Title(i int) string {
	p, j := b.ix.part(i)
	return p.title(j)
}

func (b joinedBacking) Keys(i int) (id, titleID string) {
	p, j := b.ix.part(i)
	return p.Keys(j)
}

func (b joinedBacking) Peek(i int, scratch *Paper) *Paper {
	p, j := b.ix.part(i)
	return p.peek(j, scratch)
}

func (joinedBacking) Check(Array, int, int) bool { return true }

// Err is the first damage found in a part.
func (b joinedBacking) Err() error {
	for _, p := range b.ix.parts {
		if err := p.ix.Err(); err != nil {
			return err
		}
	}
	return nil
}
