package model

import (
	"container/heap"
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/papertui/papers/model/internal/lex"
	"github.com/papertui/papers/model/parallel"
)

// Ranking. A paper's place in a relevance-ordered result is decided by two
// keys, compared in turn:
//
//  1. Its tier (Result.score): the sum over the query's text clauses of how
//     the clause matched (the score constants in term.go: a whole word over
//     a prefix over every fuzzy tier, the title over the abstract), plus
//     titleGroupBonus when any clause matched the title. More of the query's
//     words in the title therefore rank higher.
//  2. Within a tier (Result.fine): first the query's words side by side in
//     the title (each pair of consecutive query words where the title word
//     after the first starts with the second: "lora adapters" for
//     `lora adapter`), then BM25F over title and abstract, the title
//     weighted bm25TitleWeight times an abstract word, then for dated
//     corpora the newer paper first; last, corpus order.
//
// The index keeps whether a field holds a word, not how often, so the BM25F
// term frequency is 0 or 1 per field and what it ranks by is field length:
// a word in a six-word title says more than the same word in a twenty-word
// one. The average lengths are fixed (bm25AvgTitle, bm25AvgAbstract)
// rather than measured, so a paper's key never depends on what else is
// loaded: the streaming search ranks a subset exactly as the browser ranks
// the whole corpus. The empty query keeps corpus order (the trending page's
// own order).

const (
	bm25K1          = 1.2
	bm25B           = 0.75
	bm25TitleWeight = 3.0
	bm25AvgTitle    = 10.0
	bm25AvgAbstract = 150.0
	// bm25Scale turns weights into integers; bm25MaxTF bounds a term's
	// weighted frequency, title and abstract together.
	bm25Scale = 1000
	bm25MaxTF = 1 << 14
)

// bm25Weight is the length-normalised weight of one word in field f when
// the field holds length index words: w / (1 - b + b·length/avg), scaled.
func bm25Weight(f Field, length int) uint16 {
	w, avg := 1.0, bm25AvgAbstract
	if f == FieldTitle {
		w, avg = bm25TitleWeight, bm25AvgTitle
	}
	v := bm25Scale * w / (1 - bm25B + bm25B*float64(max(length, 1))/avg)
	return uint16(min(v, bm25MaxTF/2-1))
}

// bm25Saturation[tf] is tf/(k1+tf) for a scaled weighted frequency, scaled
// to 0..bm25Scale: the part of BM25 that makes a second field worth less
// than the first.
var bm25Saturation = func() []uint16 {
	t := make([]uint16, bm25MaxTF)
	for i := range t {
		tf := float64(i) / bm25Scale
		t[i] = uint16(bm25Scale * tf / (bm25K1 + tf))
	}
	return t
}()

// fine is paper i's key within its tier: the number of adjacent query
// word pairs in the title (top two bits), the BM25F score (the sum over the
// query's words, each up to bm25Scale; 14 bits), the publication day (low
// 16 bits).
func (r *Result) fine(i int) uint32 {
	ix := r.ix
	bm, adjacent := 0, 0
	if len(ix.fieldWeight[0]) > i && ix.intact(ArrayWeights, i, i+1) && ix.intact(ArrayWeights+1, i, i+1) {
		wt, wa := int(ix.fieldWeight[FieldTitle][i]), int(ix.fieldWeight[FieldAbstract][i])
		var prev *termResult // the previous word, when it is in the title
		for _, sc := range r.scorers {
			ts, ok := sc.(termScorer)
			if !ok {
				prev = nil
				continue
			}
			tf := 0
			inTitle := ts.fields&InTitle != 0 && ts.t.any[FieldTitle].Has(i)
			if inTitle {
				tf += wt
				if prev != nil && !ts.t.fallback && adjacentInTitle(ix.title(i), prev.word, ts.t.word) {
					adjacent++
				}
			}
			if ts.fields&InAbstract != 0 && ts.t.any[FieldAbstract].Has(i) {
				tf += wa
			}
			bm += int(bm25Saturation[tf])
			prev = nil
			if inTitle && !ts.t.fallback {
				prev = ts.t
			}
		}
	}
	day := int32(noDay)
	if ix.intact(ArrayDays, i, i+1) {
		day = ix.days[i]
	}
	return uint32(min(adjacent, 3))<<30 | uint32(min(bm, 1<<14-1))<<16 | uint32(rankDay(day))
}

// rankDay is a day as the low bits of a fine score: 0 for undated (and
// before 1970), so newer ranks higher; days past 2149 share the top.
func rankDay(d int32) uint16 {
	if d <= 0 {
		return 0
	}
	return uint16(min(d, 1<<16-1))
}

// adjacentInTitle reports whether some word of title starts with a (at a
// word or camelCase-piece start, as the index sees it, for ASCII) and the
// next word starts with b, with only spaces and punctuation between. a and
// b are folded query words. A title the byte view cannot read (non-ASCII)
// is checked by the tokenizer.
func adjacentInTitle(title, a, b string) bool {
	for i := 0; i < len(title); i++ {
		if title[i] >= utf8.RuneSelf {
			return adjacentByTokens(title, a, b)
		}
	}
	for from := 0; from < len(title); {
		at := indexFold(title[from:], a)
		if at < 0 {
			return false
		}
		at += from
		from = at + 1
		if at > 0 && isASCIIAlnum(title[at-1]) && !(title[at-1] >= 'a' && title[at] >= 'A' && title[at] <= 'Z') {
			continue // inside a word, not at a piece start
		}
		j := at + len(a)
		for j < len(title) && isASCIIAlnum(title[j]) {
			j++ // the rest of the word a starts
		}
		k := j
		for k < len(title) && !isASCIIAlnum(title[k]) {
			k++
		}
		if k > j && k+len(b) <= len(title) && strings.EqualFold(title[k:k+len(b)], b) {
			return true
		}
	}
	return false
}

// adjacentByTokens is adjacentInTitle for any title, through the phrase
// matcher: the two words side by side, the second as a prefix.
func adjacentByTokens(title, a, b string) bool {
	var tok lex.Tokenizer
	var open []int
	return holdsPhrase(&tok, title, a+b, &open)
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// indexFold is strings.Index ignoring ASCII case; word is lower case.
func indexFold(s, word string) int {
	for i := 0; i+len(word) <= len(s); i++ {
		if s[i]|0x20 == word[0] && strings.EqualFold(s[i:i+len(word)], word) {
			return i
		}
	}
	return -1
}

// ranked is a paper with its keys, for ordering.
type rankedPaper struct {
	tier  uint16
	fine  uint32
	paper int32
}

// better reports whether a ranks before b.
func better(a, b rankedPaper) bool {
	if a.tier != b.tier {
		return a.tier > b.tier
	}
	if a.fine != b.fine {
		return a.fine > b.fine
	}
	return a.paper < b.paper
}

func compareRanked(a, b rankedPaper) int {
	switch {
	case better(a, b):
		return -1
	case better(b, a):
		return 1
	}
	return 0
}

// topByScore returns the need best papers, best first. The tier histogram
// finds the lowest tier that makes the cut; the papers above it are
// sorted, and of that tier only the best are kept, in a heap of the size
// still needed, so a query matching a million papers is one pass.
func (r *Result) topByScore(need int) []int {
	threshold, above := len(r.hist)-1, 0
	for ; threshold > 0; threshold-- {
		if above+int(r.hist[threshold]) >= need {
			break
		}
		above += int(r.hist[threshold])
	}
	take := need - above
	top := make([]rankedPaper, 0, above)
	heap := make([]rankedPaper, 0, take) // worst at heap[0]
	k := 0
	r.match.Each(func(i int) bool {
		s := r.scores[k]
		k++
		switch {
		case int(s) > threshold:
			top = append(top, rankedPaper{s, r.fine(i), int32(i)})
		case int(s) == threshold && take > 0:
			p := rankedPaper{s, r.fine(i), int32(i)}
			if len(heap) < take {
				heap = append(heap, p)
				siftUp(heap, len(heap)-1)
			} else if better(p, heap[0]) {
				heap[0] = p
				siftDown(heap, 0)
			}
		}
		return true
	})
	slices.SortFunc(top, compareRanked)
	slices.SortFunc(heap, compareRanked)
	out := make([]int, 0, need)
	for _, p := range append(top, heap...) {
		out = append(out, int(p.paper))
	}
	return out
}

// siftUp and siftDown keep h a heap with the worst paper at the root.
func siftUp(h []rankedPaper, i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !better(h[parent], h[i]) {
			return
		}
		h[parent], h[i] = h[i], h[parent]
		i = parent
	}
}

func siftDown(h []rankedPaper, i int) {
	for {
		worst, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && better(h[worst], h[l]) {
			worst = l
		}
		if r < len(h) && better(h[worst], h[r]) {
			worst = r
		}
		if worst == i {
			return
		}
		h[i], h[worst] = h[worst], h[i]
		i = worst
	}
}

// rankedHeap is a heap of papers with the best at the root.
type rankedHeap []rankedPaper

func (h rankedHeap) Len() int           { return len(h) }
func (h rankedHeap) Less(a, b int) bool { return better(h[a], h[b]) }
func (h rankedHeap) Swap(a, b int)      { h[a], h[b] = h[b], h[a] }
func (h *rankedHeap) Push(x any)        { *h = append(*h, x.(rankedPaper)) }
func (h *rankedHeap) Pop() any {
	old := *h
	p := old[len(old)-1]
	*h = old[:len(old)-1]
	return p
}

// prepareLazy keys every match by its upper bound: the score it has if
// it holds each unread phrase wherever it may. The within-tier key (fine)
// does not depend on phrases, so it is already exact.
func (r *Result) prepareLazy(ctx context.Context) error {
	r.pending = make(rankedHeap, 0, r.Total)
	var err error
	count := 0
	r.match.Each(func(i int) bool {
		if count++; count&0xffff == 0 {
			if err = ctx.Err(); err != nil {
				return false
			}
		}
		r.pending = append(r.pending, rankedPaper{r.score(i), r.fine(i), int32(i)})
		return true
	})
	heap.Init(&r.pending)
	return err
}

// topLazy returns the need best papers, best first, reading candidates in
// order of their upper bound: one whose bound, once read, is its exact
// key ranks before every paper not yet taken, whose bounds are no
// better. A candidate that holds some phrase in fewer fields than it
// might goes back with its exact key; one that holds none leaves the
// result, and Total with it.
func (r *Result) topLazy(need int) []int {
	for len(r.found) < need && len(r.pending) > 0 {
		top := r.pending[0]
		i := int(top.paper)
		if !r.lazy[0].read.Has(i) {
			r.readAhead(need - len(r.found))
			continue
		}
		holds := true
		for _, lp := range r.lazy {
			holds = lp.verify(i) && holds
		}
		switch exact := (rankedPaper{r.score(i), top.fine, top.paper}); {
		case !holds:
			heap.Pop(&r.pending)
			r.match[i>>6] &^= 1 << (uint(i) & 63)
			r.Total--
		case exact == top:
			heap.Pop(&r.pending)
			r.found = append(r.found, i)
		default:
			r.pending[0] = exact
			heap.Fix(&r.pending, 0)
		}
	}
	if len(r.pending) == 0 {
		r.Estimate = false
	}
	return r.found[:min(need, len(r.found))]
}

// readAhead reads, across cores, the best unread candidates: at least
// want of them, the rows still needed, since most candidates of a rare
// phrase fail; those read go back with their exact keys, or leave.
func (r *Result) readAhead(want int) {
	batch := make([]int32, 0, max(want, readAheadMin))
	var keep []rankedPaper // read before: back as they are
	for len(batch) < cap(batch) && len(r.pending) > 0 {
		p := heap.Pop(&r.pending).(rankedPaper)
		if r.lazy[0].read.Has(int(p.paper)) {
			keep = append(keep, p)
			continue
		}
		batch = append(batch, p.paper)
	}
	// holds[k*len(r.lazy)+l]: where candidate k holds phrase l.
	type fields struct{ title, abstract bool }
	holds := make([]fields, len(batch)*len(r.lazy))
	workers := parallel.Workers(len(batch) / 16)
	parallel.Chunks(len(batch), max(1, (len(batch)+workers-1)/workers), workers, func(_, lo, hi int) {
		var tok lex.Tokenizer
		var scratch Paper
		var open []int
		for k := lo; k < hi; k++ {
			for l, lp := range r.lazy {
				h := &holds[k*len(r.lazy)+l]
				h.title, h.abstract = lp.check.holds(int(batch[k]), &tok, &scratch, &open)
			}
		}
	})
	for k, paper := range batch {
		i := int(paper)
		all := true
		for l, lp := range r.lazy {
			h := holds[k*len(r.lazy)+l]
			lp.record(i, h.title, h.abstract)
			all = all && (h.title || h.abstract)
		}
		if !all {
			r.match[i>>6] &^= 1 << (uint(i) & 63)
			r.Total--
			continue
		}
		keep = append(keep, rankedPaper{r.score(i), r.fine(i), paper})
	}
	for _, p := range keep {
		heap.Push(&r.pending, p)
	}
}

// readAheadMin is the fewest candidates read at once: enough to share
// between cores, few enough not to read far past the rows asked for.
const readAheadMin = 256
