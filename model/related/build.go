package related

import (
	"cmp"
	"math"
	"slices"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/internal/lex"
	"github.com/papertui/papers/model/parallel"
)

// maxTerms caps the vocabulary the index keeps. A term in one paper only
// is never kept: it can only match the paper itself, so dropping it
// changes no score, and it is most of a long-tailed vocabulary. Beyond the
// cap the rarest shared terms are dropped too, which changes scores a
// little (TestCappedVocabularyStaysClose); no corpus papers is tested on
// comes near it.
const maxTerms = 1 << 22

// Build indexes papers for Related. It streams the papers twice
// (document frequencies, then vectors) on all cores, a chunk at a time,
// holding no per-paper data but the index itself and no buffer sized by
// the vocabulary per chunk: for 100,000 papers about 1.5 s on two cores,
// and the index keeps about 50 MB. Callers build it in the background.
func Build(papers model.PaperSet) *Index { return build(papers, maxTerms) }

func build(papers model.PaperSet, maxTerms int) *Index {
	n := papers.Len()
	r := &Index{n: n, titleHash: make([]uint64, n)}
	workers := parallel.Workers(n/500 + 1)
	toks := make([]*tokenizer, workers)
	for k := range toks {
		toks[k] = newTokenizer()
	}

	// Pass 1: document frequencies by term hash.
	type dfCounter struct {
		slots *lex.Table
		df    []int32
		last  []int32 // the last paper counted, per slot
	}
	dfs := make([]dfCounter, workers)
	for k := range dfs {
		dfs[k].slots = lex.NewTable(1 << 12)
	}
	parallel.Chunks(n, chunk, workers, func(k, lo, hi int) {
		c := &dfs[k]
		count := func(p int32) func(uint64) {
			return func(term uint64) {
				slot, ok := c.slots.Get(term)
				if !ok {
					slot = int32(len(c.df))
					c.slots.Put(term, slot)
					c.df = append(c.df, 0)
					c.last = append(c.last, -1)
				}
				if c.last[slot] != p {
					c.last[slot] = p
					c.df[slot]++
				}
			}
		}
		for p := lo; p < hi; p++ {
			paper := papers.Paper(p)
			r.titleHash[p] = lex.FastHash([]byte(model.TitleKey(paper.Title)))
			fn := count(int32(p))
			toks[k].each(paper.Title, fn)
			toks[k].each(paper.Abstract, fn)
		}
	})
	// The shared terms, and their document frequencies. The workers'
	// tables are summed into the first.
	total := dfs[0]
	for k := 1; k < len(dfs); k++ {
		dfs[k].slots.Each(func(term uint64, slot int32) {
			s, ok := total.slots.Get(term)
			if !ok {
				s = int32(len(total.df))
				total.slots.Put(term, s)
				total.df = append(total.df, 0)
			}
			total.df[s] += dfs[k].df[slot]
		})
		dfs[k] = dfCounter{}
	}
	type termDF struct {
		hash uint64
		df   int32
	}
	var shared []termDF
	total.slots.Each(func(term uint64, slot int32) {
		if df := total.df[slot]; df > 1 {
			shared = append(shared, termDF{term, df})
		}
	})
	dfs, total = nil, dfCounter{}
	if len(shared) > maxTerms {
		slices.SortFunc(shared, func(a, b termDF) int {
			if c := cmp.Compare(b.df, a.df); c != 0 {
				return c
			}
			return cmp.Compare(a.hash, b.hash)
		})
		shared = shared[:maxTerms]
	}
	// Term ids in hash order, so that they do not depend on scheduling.
	slices.SortFunc(shared, func(a, b termDF) int { return cmp.Compare(a.hash, b.hash) })
	ids := lex.NewTable(len(shared))
	idf := make([]float64, len(shared))
	for i, t := range shared {
		ids.Put(t.hash, int32(i))
		idf[i] = math.Sqrt(math.Log(float64(n+1) / float64(t.df)))
	}
	nTerms := len(shared)
	shared = nil
	// A term without an id is in one paper (or beyond the cap).
	unsharedIDF := math.Sqrt(math.Log(float64(n + 1)))

	// Pass 2: each paper's heaviest terms, normalised; those without an
	// id weigh in the cut and the norm, and are not kept.
	chunks := make([][]entry, (n+chunk-1)/chunk)
	sizes := make([]int32, n)
	parallel.Chunks(n, chunk, workers, func(k, lo, hi int) {
		// A paper's words as term hashes, whose lowest bit (always 1 in a
		// term) says which field: 0 for the title.
		var words []uint64
		var doc []weight
		var out []entry
		title := func(term uint64) { words = append(words, term&^1) }
		abstract := func(term uint64) { words = append(words, term) }
		for p := lo; p < hi; p++ {
			paper := papers.Paper(p)
			words = words[:0]
			toks[k].each(paper.Title, title)
			toks[k].each(paper.Abstract, abstract)
			slices.Sort(words)
			doc = doc[:0]
			for i := 0; i < len(words); {
				term := words[i] | 1
				tf := 0.0
				for ; i < len(words) && words[i]|1 == term; i++ {
					if words[i]&1 == 0 {
						tf += titleBoost
					} else {
						tf++
					}
				}
				id, ok := ids.Get(term)
				w := unsharedIDF
				if ok {
					w = idf[id]
				} else {
					id = -1
				}
				doc = append(doc, weight{term, id, (1 + math.Log(tf)) * w})
			}
			doc = heaviest(doc, termsPerPaper)
			slices.SortFunc(doc, func(a, b weight) int { return cmp.Compare(a.hash, b.hash) })
			var norm float64
			for _, t := range doc {
				norm += t.w * t.w
			}
			norm = math.Sqrt(norm)
			kept := 0
			for _, t := range doc {
				if t.id >= 0 {
					out = append(out, entry{t.id, float32(t.w / norm)})
					kept++
				}
			}
			sizes[p] = int32(kept)
		}
		chunks[lo/chunk] = slices.Clip(out)
	})

	sum := 0
	r.docStart = make([]int32, n+1)
	for p, size := range sizes {
		sum += int(size)
		r.docStart[p+1] = int32(sum)
	}
	sizes = nil
	r.docTerm = make([]int32, 0, sum)
	r.docW = make([]float32, 0, sum)
	postCount := make([]int32, nTerms+1)
	for c := range chunks {
		for _, t := range chunks[c] {
			r.docTerm = append(r.docTerm, t.term)
			r.docW = append(r.docW, t.w)
			postCount[t.term+1]++
		}
		chunks[c] = nil // the collector may take it back
	}
	// Postings by counting sort: papers come out ascending.
	r.postStart = postCount
	for t := range nTerms {
		r.postStart[t+1] += r.postStart[t]
	}
	fill := slices.Clone(r.postStart[:nTerms])
	r.postDoc = make([]int32, sum)
	r.postW = make([]float32, sum)
	for p := range n {
		for i := r.docStart[p]; i < r.docStart[p+1]; i++ {
			t := r.docTerm[i]
			r.postDoc[fill[t]] = int32(p)
			r.postW[fill[t]] = r.docW[i]
			fill[t]++
		}
	}
	r.initPool()
	return r
}

// entry is a kept term of a paper's vector, as the index stores it.
type entry struct {
	term int32
	w    float32
}

// weight is a term of a paper's vector while it is chosen: hash orders
// terms (ids follow hash order), id is -1 for a term the index does not
// keep.
type weight struct {
	hash uint64
	id   int32
	w    float64
}

// heaviest reorders doc so that its limit heaviest terms come first
// (ties to the lower term) and returns them, in no particular order: a
// quickselect, since only the cut matters.
func heaviest(doc []weight, limit int) []weight {
	if len(doc) <= limit {
		return doc
	}
	heavier := func(a, b weight) bool { return a.w > b.w || a.w == b.w && a.hash < b.hash }
	lo, hi := 0, len(doc)-1
	for lo < hi {
		// Median of three as the pivot, then a Lomuto partition.
		mid := lo + (hi-lo)/2
		if heavier(doc[mid], doc[lo]) {
			doc[mid], doc[lo] = doc[lo], doc[mid]
		}
		if heavier(doc[hi], doc[lo]) {
			doc[hi], doc[lo] = doc[lo], doc[hi]
		}
		if heavier(doc[mid], doc[hi]) {
			doc[mid], doc[hi] = doc[hi], doc[mid]
		}
		pivot := doc[hi]
		store := lo
		for i := lo; i < hi; i++ {
			if heavier(doc[i], pivot) {
				doc[i], doc[store] = doc[store], doc[i]
				store++
			}
		}
		doc[store], doc[hi] = doc[hi], doc[store]
		switch {
		case store == limit-1 || store == limit:
			return doc[:limit]
		case store < limit:
			lo = store + 1
		default:
			hi = store - 1
		}
	}
	return doc[:limit]
}
