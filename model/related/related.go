package related

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/internal/lex"
	"github.com/papertui/papers/model/parallel"
)

// Related papers are found by cosine similarity of TF-IDF vectors over
// titles and abstracts. Words are folded, stemmed (Porter) and stripped of
// stop words; a title word counts relatedTitleBoost times an abstract
// word, and repeated words count sub-linearly (1 + ln tf). Each paper keeps
// only its relatedTermsPerPaper heaviest terms, normalised: they bound both
// the index's size and a query's cost. A query walks the postings of the
// paper's terms and adds up the products, which is the exact cosine of the
// truncated vectors.
//
// The IDF is damped (its square root). With the full IDF, words that two
// papers share by accident (a dataset, an unusual verb) outweigh the
// field's vocabulary, and truncation drops the latter: on the seed corpus
// the share of neighbours sharing a research area with the query (by
// keyword labels) rose from 0.60 to 0.79 with the damping, chance being
// 0.22.

// Index answers "papers like this one" for a fixed corpus. It is
// immutable once built and safe for concurrent use.
type Index struct {
	n int
	// Each paper's terms, ascending by term, and their weights.
	docStart []int32
	docTerm  []int32
	docW     []float32
	// Each term's postings: papers ascending, and their weights.
	postStart []int32
	postDoc   []int32
	postW     []float32
	// titleHash identifies a paper's title (TitleKey), so that a copy of
	// the same paper is never offered as related to itself.
	titleHash []uint64
	acc       sync.Pool // *relatedAccumulator
}

// Neighbor is a related paper and its similarity to the query, in (0, 1].
type Neighbor struct {
	Paper int
	Score float64
}

const (
	// chunk is the number of papers a worker takes at a time.
	chunk = 512
	// relatedTermsPerPaper is how many terms a paper's vector keeps.
	relatedTermsPerPaper = 32
	// relatedTitleBoost weighs a title word against an abstract word: a
	// title names what the paper is about.
	relatedTitleBoost = 3
)

// relatedStopWords are dropped, compared by stem: function words, and the
// verbs and nouns every abstract uses, which would make any two abstracts
// look alike.
var relatedStopWords = lex.StopWords + ` paper papers work propose proposed
method methods approach approaches result results show shows shown present
presents demonstrate demonstrates experiment experiments experimental
introduce introduces achieve achieves performance novel new state art
existing based using use used significant significantly improve improves
improved improvement effective effectively extensive various different also
furthermore moreover however code available github https http www com`

// relatedStops holds the stems of relatedStopWords.
var relatedStops = sync.OnceValue(func() map[string]bool {
	stops := map[string]bool{}
	for _, w := range strings.Fields(relatedStopWords) {
		stops[lex.Porter(lex.Fold(w))] = true
	}
	return stops
})

// relatedTokenizer turns text into term hashes. It reads words with the
// search index's tokenizer, and caches the stem of each distinct word,
// since stemming is the costly part and a corpus repeats its vocabulary
// endlessly. It is not safe for concurrent use.
type relatedTokenizer struct {
	tok   lex.Tokenizer
	stops map[string]bool
	cache []relatedStem     // direct-mapped, in front of stems
	stems map[string]uint64 // every word seen
}

type relatedStem struct {
	word string
	term uint64 // 0: a stop word
}

const relatedStemCacheSize = 1 << 14

func newRelatedTokenizer() *relatedTokenizer {
	return &relatedTokenizer{stops: relatedStops(), cache: make([]relatedStem, relatedStemCacheSize), stems: map[string]uint64{}}
}

// term returns the hash of the stem of a folded word, 0 for a stop word.
func (t *relatedTokenizer) term(w []byte) uint64 {
	h := lex.FastHash(w)
	e := &t.cache[(h^h>>29)&(relatedStemCacheSize-1)]
	if e.word == string(w) && e.word != "" {
		return e.term
	}
	term, ok := t.stems[string(w)]
	if !ok {
		stem := lex.Porter(string(w))
		if !t.stops[stem] && len(stem) > 1 && strings.IndexFunc(stem, unicode.IsLetter) >= 0 {
			term = lex.Mix(lex.Hash([]byte(stem))) | 1 // never 0
		}
		t.stems[string(w)] = term
	}
	*e = relatedStem{string(w), term}
	return term
}

// each calls fn with the term of every word of text (see eachWord).
func (t *relatedTokenizer) each(text string, fn func(term uint64)) {
	t.eachWord(text, func(w []byte) {
		if term := t.term(w); term != 0 {
			fn(term)
		}
	})
}

// eachWord calls fn with every word of text, folded: each hyphen part of a
// compound, whole (camelCase pieces are not split), and for a hyphenated
// compound the join of its parts, so that "fine-tuning" meets both
// "tuning" and "finetuning". w is only valid during the call.
func (t *relatedTokenizer) eachWord(text string, fn func(w []byte)) {
	t.tok.Compounds(text, func() {
		pieces, folded := t.tok.Pieces, t.tok.Folded
		parts := 0
		for k := 0; k < len(pieces); parts++ {
			e := k + 1
			for e < len(pieces) && !pieces[e].PartStart {
				e++
			}
			fn(folded[pieces[k].FStart:pieces[e-1].FEnd])
			k = e
		}
		if parts > 1 {
			fn(folded[pieces[0].FStart:pieces[len(pieces)-1].FEnd])
		}
	})
}

// Words returns the words related papers weigh in text, folded and before
// stemming and stop words (see eachWord). It shows what related papers
// read as words, so that a test can hold it to what search reads.
func Words(text string) []string {
	var t relatedTokenizer
	var out []string
	t.eachWord(text, func(w []byte) { out = append(out, string(w)) })
	return out
}

// Build indexes papers for Related. It reads every title and
// abstract twice (document frequencies, then vectors) on all cores: for
// 100,000 papers about 1.5 s on two cores, and the index keeps about 53 MB.
// Callers build it in the background.
func Build(papers []model.Paper) *Index {
	n := len(papers)
	r := &Index{n: n, titleHash: make([]uint64, n)}
	workers := parallel.Workers(n/500 + 1)
	toks := make([]*relatedTokenizer, workers)
	for k := range toks {
		toks[k] = newRelatedTokenizer()
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
		for p := lo; p < hi; p++ {
			r.titleHash[p] = lex.FastHash([]byte(model.TitleKey(papers[p].Title)))
			count := func(term uint64) {
				slot, ok := c.slots.Get(term)
				if !ok {
					slot = int32(len(c.df))
					c.slots.Put(term, slot)
					c.df = append(c.df, 0)
					c.last = append(c.last, -1)
				}
				if c.last[slot] != int32(p) {
					c.last[slot] = int32(p)
					c.df[slot]++
				}
			}
			toks[k].each(papers[p].Title, count)
			toks[k].each(papers[p].Abstract, count)
		}
	})
	df := map[uint64]int32{}
	for k := range dfs {
		dfs[k].slots.Each(func(term uint64, slot int32) { df[term] += dfs[k].df[slot] })
		dfs[k] = dfCounter{}
	}
	// Term ids in hash order, so that they do not depend on scheduling.
	hashes := make([]uint64, 0, len(df))
	for h := range df {
		hashes = append(hashes, h)
	}
	slices.Sort(hashes)
	ids := lex.NewTable(len(hashes))
	idf := make([]float64, len(hashes))
	for i, h := range hashes {
		ids.Put(h, int32(i))
		idf[i] = math.Sqrt(math.Log(float64(n+1) / float64(df[h])))
	}

	// Pass 2: each paper's heaviest terms, normalised.
	chunks := make([][]relatedWeight, (n+chunk-1)/chunk)
	sizes := make([]int32, n)
	parallel.Chunks(n, chunk, workers, func(k, lo, hi int) {
		tf := make([]float64, len(hashes)) // per term, for the current paper
		var touched []int32
		var out, doc []relatedWeight
		for p := lo; p < hi; p++ {
			touched = touched[:0]
			add := func(boost float64) func(uint64) {
				return func(term uint64) {
					id, _ := ids.Get(term)
					if tf[id] == 0 {
						touched = append(touched, id)
					}
					tf[id] += boost
				}
			}
			toks[k].each(papers[p].Title, add(relatedTitleBoost))
			toks[k].each(papers[p].Abstract, add(1))
			doc = doc[:0]
			for _, id := range touched {
				doc = append(doc, relatedWeight{id, (1 + math.Log(tf[id])) * idf[id]})
				tf[id] = 0
			}
			doc = relatedHeaviest(doc, relatedTermsPerPaper)
			slices.SortFunc(doc, func(a, b relatedWeight) int { return cmp.Compare(a.term, b.term) })
			var norm float64
			for _, t := range doc {
				norm += t.w * t.w
			}
			norm = math.Sqrt(norm)
			for _, t := range doc {
				out = append(out, relatedWeight{t.term, t.w / norm})
			}
			sizes[p] = int32(len(doc))
		}
		chunks[lo/chunk] = out
	})

	total := 0
	r.docStart = make([]int32, n+1)
	for p, size := range sizes {
		total += int(size)
		r.docStart[p+1] = int32(total)
	}
	r.docTerm = make([]int32, 0, total)
	r.docW = make([]float32, 0, total)
	postCount := make([]int32, len(hashes)+1)
	for _, chunk := range chunks {
		for _, t := range chunk {
			r.docTerm = append(r.docTerm, t.term)
			r.docW = append(r.docW, float32(t.w))
			postCount[t.term+1]++
		}
	}
	// Postings by counting sort: papers come out ascending.
	r.postStart = make([]int32, len(hashes)+1)
	for t := range hashes {
		r.postStart[t+1] = r.postStart[t] + postCount[t+1]
	}
	fill := slices.Clone(r.postStart[:len(hashes)])
	r.postDoc = make([]int32, total)
	r.postW = make([]float32, total)
	for p := range n {
		for i := r.docStart[p]; i < r.docStart[p+1]; i++ {
			t := r.docTerm[i]
			r.postDoc[fill[t]] = int32(p)
			r.postW[fill[t]] = r.docW[i]
			fill[t]++
		}
	}
	r.acc.New = func() any { return &relatedAccumulator{score: make([]float32, n)} }
	return r
}

// relatedWeight is a term of a paper's vector.
type relatedWeight struct {
	term int32
	w    float64
}

// relatedHeaviest reorders doc so that its limit heaviest terms come first
// (ties to the lower term) and returns them, in no particular order: a
// quickselect, since only the cut matters.
func relatedHeaviest(doc []relatedWeight, limit int) []relatedWeight {
	if len(doc) <= limit {
		return doc
	}
	heavier := func(a, b relatedWeight) bool { return a.w > b.w || a.w == b.w && a.term < b.term }
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

// relatedAccumulator holds one query's partial scores; touched lists the
// papers with a nonzero one, so that clearing costs what the query did.
type relatedAccumulator struct {
	score   []float32
	touched []int32
}

// Related returns up to k papers most similar to paper, best first; equal
// scores go to the lower index. It takes well under a millisecond on
// 100,000 papers. The paper itself and papers with the same
// title (copies of it from another source) are never included, nor are
// two papers with the same title. A paper with no indexed words has no
// related papers.
func (r *Index) Related(paper int, k int) []Neighbor {
	if r == nil || paper < 0 || paper >= r.n || k <= 0 {
		return nil
	}
	acc := r.acc.Get().(*relatedAccumulator)
	defer r.acc.Put(acc)
	for i := r.docStart[paper]; i < r.docStart[paper+1]; i++ {
		t, w := r.docTerm[i], r.docW[i]
		docs := r.postDoc[r.postStart[t]:r.postStart[t+1]]
		ws := r.postW[r.postStart[t]:r.postStart[t+1]]
		for j, d := range docs {
			if acc.score[d] == 0 {
				acc.touched = append(acc.touched, d)
			}
			acc.score[d] += w * ws[j]
		}
	}
	// Keep the best few in a small sorted buffer; a little more than k, so
	// that dropping duplicates rarely needs a second look.
	better := func(a, b int32) bool {
		sa, sb := acc.score[a], acc.score[b]
		return sa > sb || sa == sb && a < b
	}
	selectTop := func(limit int) []int32 {
		top := make([]int32, 0, limit+1)
		for _, d := range acc.touched {
			if d == int32(paper) || r.titleHash[d] == r.titleHash[paper] {
				continue
			}
			if len(top) == limit && !better(d, top[limit-1]) {
				continue
			}
			at, _ := slices.BinarySearchFunc(top, d, func(x, d int32) int {
				if better(x, d) {
					return -1
				}
				return 1
			})
			top = slices.Insert(top, at, d)
			if len(top) > limit {
				top = top[:limit]
			}
		}
		return top
	}
	out := make([]Neighbor, 0, k)
	for limit := k + 8; ; limit = len(acc.touched) {
		out = out[:0]
		top := selectTop(limit)
		for _, d := range top {
			dup := false
			for _, o := range out {
				if r.titleHash[o.Paper] == r.titleHash[d] {
					dup = true
					break
				}
			}
			if !dup {
				out = append(out, Neighbor{Paper: int(d), Score: float64(acc.score[d])})
				if len(out) == k {
					break
				}
			}
		}
		if len(out) == k || len(top) < limit || limit >= len(acc.touched) {
			break
		}
	}
	for _, d := range acc.touched {
		acc.score[d] = 0
	}
	acc.touched = acc.touched[:0]
	return out
}

// sizeBytes is the memory the index holds, with one query's accumulator.
func (r *Index) sizeBytes() int {
	return 4*(len(r.docStart)+len(r.docTerm)+len(r.docW)+len(r.postStart)+len(r.postDoc)+len(r.postW)) +
		8*len(r.titleHash) + 4*r.n
}
