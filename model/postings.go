package model

import (
	"fmt"
	"slices"
	"sort"
	"sync/atomic"
)

// postings lists, for every vocabulary word, the papers whose field holds
// it, ascending: ids[off[w]:off[w+1]] are the papers of word w. A word in
// so many papers that their set is smaller than their list (more than one
// in 32: "the", "model") has an empty list and its set in dense instead,
// which also makes such a word a copy rather than a scatter.
type postings struct {
	off []uint32
	ids []uint32
	// denseWords are the words kept as sets, ascending; dense holds their
	// sets one after the other, (papers+63)/64 words each.
	denseWords []uint32
	dense      []uint64
	// stored is set when the postings are in a store file: each list and
	// set is checked the first time it is read, not all of them at open.
	stored *storedPostings
}

// densify moves the lists of the words whose set is smaller than their
// list into sets.
func (p postings) densify(n int) postings {
	words := (n + 63) / 64
	var dense []uint32
	for w := 0; w+1 < len(p.off); w++ {
		if 4*p.count(w) > 8*words {
			dense = append(dense, uint32(w))
		}
	}
	if len(dense) == 0 {
		return p
	}
	out := postings{off: make([]uint32, len(p.off)), denseWords: dense, dense: make([]uint64, len(dense)*words)}
	out.ids = make([]uint32, 0, len(p.ids))
	k := 0
	for w := 0; w+1 < len(p.off); w++ {
		list := p.ids[p.off[w]:p.off[w+1]]
		if k < len(dense) && dense[k] == uint32(w) {
			set := Bitset(out.dense[k*words : (k+1)*words])
			for _, id := range list {
				set.Set(int(id))
			}
			k++
		} else {
			out.ids = append(out.ids, list...)
		}
		out.off[w+1] = uint32(len(out.ids))
	}
	return out
}

// list returns word w's list: none, with the damage recorded, when a
// stored list is not intact.
func (p *postings) list(w int) []uint32 {
	list := p.ids[p.off[w]:p.off[w+1]]
	if p.stored != nil && !p.stored.listIntact(w, list, int(p.off[w])) {
		return nil
	}
	return list
}

// set returns word w's set if it is kept as one (nil if not, or if it is
// stored and damaged).
func (p *postings) set(w int) Bitset {
	if len(p.denseWords) == 0 {
		return nil
	}
	k, ok := slices.BinarySearch(p.denseWords, uint32(w))
	if !ok {
		return nil
	}
	words := len(p.dense) / len(p.denseWords)
	set := Bitset(p.dense[k*words : (k+1)*words : (k+1)*words])
	if p.stored != nil && !p.stored.setIntact(k, set) {
		return nil
	}
	return set
}

// empty reports whether word w is in no paper, from the offsets alone.
func (p *postings) empty(w int) bool {
	if p.off[w] < p.off[w+1] {
		return false
	}
	_, dense := slices.BinarySearch(p.denseWords, uint32(w))
	return !dense
}

// emptyRange reports whether words lo..hi-1 are in no paper.
func (p *postings) emptyRange(lo, hi int) bool {
	if p.off[lo] < p.off[hi] {
		return false
	}
	k, _ := slices.BinarySearch(p.denseWords, uint32(lo))
	return k == len(p.denseWords) || p.denseWords[k] >= uint32(hi)
}

// count is the number of papers of word w.
func (p *postings) count(w int) int {
	if n := int(p.off[w+1] - p.off[w]); n > 0 {
		return n
	}
	return p.set(w).Count()
}

// volume estimates the work of a union of words lo..hi-1 in list
// entries, a set counting as one entry per 64 papers' word.
func (p *postings) volume(lo, hi int) int {
	v := int(p.off[hi] - p.off[lo])
	if len(p.denseWords) > 0 {
		a, _ := slices.BinarySearch(p.denseWords, uint32(lo))
		b, _ := slices.BinarySearch(p.denseWords, uint32(hi))
		v += (b - a) * len(p.dense) / len(p.denseWords)
	}
	return v
}

// orInto adds the papers of word w to into.
func (p *postings) orInto(into Bitset, w int) {
	if set := p.set(w); set != nil {
		into.Or(set)
		return
	}
	for _, id := range p.list(w) {
		into.Set(int(id))
	}
}

// orRange adds the papers of word w within [start, end) to into; start
// is a multiple of 64, and so is end unless it is the corpus's end.
func (p *postings) orRange(into Bitset, w, start, end int) {
	if set := p.set(w); set != nil {
		Bitset(into[start/64 : (end+63)/64]).Or(set[start/64 : (end+63)/64])
		return
	}
	ids := p.list(w)
	from := sort.Search(len(ids), func(i int) bool { return ids[i] >= uint32(start) })
	for _, id := range ids[from:] {
		if id >= uint32(end) {
			break
		}
		into.Set(int(id))
	}
}

// storedPostings checks a stored field's lists and sets on first use:
// the bytes against their checksums, then what every reader relies on (a
// list ascending and within the corpus, a set with no paper beyond it),
// so that a damaged or foreign file gives an error rather than a panic or
// a wrong answer.
type storedPostings struct {
	ix           *Index
	field        int
	checked      []atomic.Uint64 // bit w: list w was found intact
	denseChecked []atomic.Uint64 // bit k: set k was
}

func (sp *storedPostings) listIntact(w int, list []uint32, at int) bool {
	word, bit := w/64, uint64(1)<<(w%64)
	if sp.checked[word].Load()&bit != 0 {
		return true
	}
	if !sp.ix.intact(ArrayPostIDs+Array(sp.field), at, at+len(list)) {
		return false
	}
	for i, p := range list {
		if int(p) >= sp.ix.n || i > 0 && p <= list[i-1] {
			sp.ix.damage(fmt.Errorf("%w: postings of word %d", errArrays, w))
			return false
		}
	}
	sp.checked[word].Or(bit)
	return true
}

func (sp *storedPostings) setIntact(k int, set Bitset) bool {
	word, bit := k/64, uint64(1)<<(k%64)
	if sp.denseChecked[word].Load()&bit != 0 {
		return true
	}
	if !sp.ix.intact(ArrayDense+Array(sp.field), k*len(set), (k+1)*len(set)) {
		return false
	}
	if r := sp.ix.n % 64; r != 0 && len(set) > 0 && set[len(set)-1]>>r != 0 {
		sp.ix.damage(fmt.Errorf("%w: postings set %d", errArrays, k))
		return false
	}
	sp.denseChecked[word].Or(bit)
	return true
}
