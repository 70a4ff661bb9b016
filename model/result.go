package model

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/papertui/papers/model/parallel"
)

// Result is the outcome of one search: the total count at once, the rows
// in order on demand. Only the rows asked for are ever ordered, so a query
// matching a million papers costs one scoring pass, not a sort. A Result is
// not safe for concurrent use.
type Result struct {
	Query Query
	Hint  string // what the parser treated literally, for the UI to show
	Order SortOrder
	Total int
	// Estimate reports that Total is an upper bound: SearchTop left some
	// phrase candidates unread. Reading rows refines it; once the last
	// row is read it is exact and Estimate false.
	Estimate bool
	// Fuzzy reports that some term starts no word of the corpus and was
	// matched fuzzily against every title.
	Fuzzy bool
	// Fuzzed says how each such term was matched, in query order, and
	// Fallback lists every such term, matched or not.
	Fuzzed   []FuzzyTerm
	Fallback []string

	ix      *Index
	match   Bitset
	scorers []clauseScorer
	specs   []highlightSpec
	scores  []uint16 // per matched paper, in corpus order (relevance only)
	hist    []int32  // papers per score
	rows    []Hit
	// lazy are the phrases left unread, pending their candidates by
	// upper bound (best first), and found the rows ranked so far.
	lazy    []*lazyPhrase
	pending rankedHeap
	found   []int
}

// FuzzyTerm is how one query word that starts no word of the corpus was
// matched: As lists the words it was taken for a typo of, most likely
// first; empty when it matched scattered letters of titles (initials,
// part of a word).
type FuzzyTerm struct {
	Term string
	As   []string
}

// String is the note a UI shows: "loar ≈ lora", "lrlf ≈ initials".
func (f FuzzyTerm) String() string {
	const shown = 2
	switch {
	case len(f.As) == 0:
		return f.Term + " ≈ initials"
	case len(f.As) > shown:
		return f.Term + " ≈ " + strings.Join(f.As[:shown], ", ") + "…"
	}
	return f.Term + " ≈ " + strings.Join(f.As, ", ")
}

// TypoOnly reports whether every fuzzy term was taken for a typo of a
// whole word, which a streaming search can answer from the records that
// hold those words; scattered letters need every title.
func (r *Result) TypoOnly() bool {
	for _, w := range r.Fallback {
		found := false
		for _, f := range r.Fuzzed {
			found = found || f.Term == w && len(f.As) > 0
		}
		if !found {
			return false
		}
	}
	return true
}

// FuzzyNote joins the notes of every fuzzily matched term ("" when none).
func (r *Result) FuzzyNote() string {
	notes := make([]string, len(r.Fuzzed))
	for i, f := range r.Fuzzed {
		notes[i] = f.String()
	}
	return strings.Join(notes, "; ")
}

// Contains reports whether paper i is in the result.
func (r *Result) Contains(i int) bool { return i >= 0 && i < len(r.match)*64 && r.match.Has(i) }

// Matches returns the set of matching papers (do not modify).
func (r *Result) Matches() Bitset { return r.match }

// Len is the number of papers searched (hidden copies are not).
func (r *Result) Len() int { return r.ix.Shown() }

func (r *Result) ranked() bool { return r.Order == SortRelevance && len(r.scorers) > 0 }

func (r *Result) prepare(ctx context.Context) error {
	if !r.ranked() {
		return nil
	}
	if len(r.lazy) > 0 {
		return r.prepareLazy(ctx)
	}
	// Scored in chunks of the match set, on every core: one letter
	// matches nearly every paper, and scoring a million is most of that
	// keystroke. Each chunk's scores start where the papers before it end,
	// so the scores keep corpus order.
	chunks := (len(r.match) + scoreChunkWords - 1) / scoreChunkWords
	starts := make([]int, chunks+1)
	for c := range chunks {
		starts[c+1] = starts[c] + r.match[c*scoreChunkWords:min((c+1)*scoreChunkWords, len(r.match))].Count()
	}
	r.scores = make([]uint16, starts[chunks])
	workers := parallel.Workers(starts[chunks] / minParallelScores)
	maxScores := make([]uint16, workers)
	parallel.Chunks(len(r.match), scoreChunkWords, workers, func(w, lo, hi int) {
		if ctx.Err() != nil {
			return
		}
		out := r.scores[starts[lo/scoreChunkWords]:]
		k, maxScore := 0, maxScores[w]
		r.match[lo:hi].Each(func(i int) bool {
			s := r.score(lo<<6 + i)
			out[k] = s
			k++
			maxScore = max(maxScore, s)
			return true
		})
		maxScores[w] = maxScore
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	r.hist = make([]int32, int(slices.Max(maxScores))+1)
	for _, s := range r.scores {
		r.hist[s]++
	}
	return nil
}

// scoreChunkWords is how many words of the match set (64 papers each) one
// scoring job takes, and minParallelScores how many matches make scoring
// worth a second core.
const (
	scoreChunkWords   = 1024
	minParallelScores = 1 << 15
)

// score is the relevance of paper i: the sum over text clauses, plus a
// bonus that puts every title match above every abstract-only match.
func (r *Result) score(i int) uint16 {
	total, inTitle := r.scoreParts(i)
	if inTitle {
		total += titleGroupBonus
	}
	return uint16(min(total, 1<<16-1))
}

// titleGroupBonus exceeds any abstract-only score a query can reach.
const titleGroupBonus = 1 << 14

func (r *Result) scoreParts(i int) (int, bool) {
	total, inTitle := 0, false
	for _, sc := range r.scorers {
		s, t := sc.score(i)
		total += s
		inTitle = inTitle || t
	}
	return total, inTitle
}

// Rows returns up to limit rows starting at offset, with match positions.
func (r *Result) Rows(offset, limit int) []Hit {
	rows := r.Ranked(offset, limit)
	for i := range rows {
		h := &rows[i]
		if h.TitlePositions == nil && h.AbstractPositions == nil {
			h.TitlePositions, h.AbstractPositions = r.positions(h.Paper)
		}
	}
	return rows
}

// Ranked is Rows without the match positions (they are nil unless Rows
// found them before), for a caller that shows none: finding them reads
// each row's title and abstract again.
func (r *Result) Ranked(offset, limit int) []Hit {
	if offset < 0 {
		offset = 0
	}
	end := min(offset+max(limit, 0), r.Total)
	if offset >= end {
		return nil
	}
	if len(r.rows) < end {
		// Order more than asked: scrolling asks again soon. Reading
		// phrase candidates costs more than ordering them: only those.
		need := max(end, 2*len(r.rows), 64)
		if len(r.lazy) > 0 {
			need = max(end, 2*len(r.rows))
		}
		r.materialize(min(r.Total, need))
		end = min(end, len(r.rows)) // a candidate read may have failed
	}
	if offset >= end {
		return nil
	}
	return r.rows[offset:end]
}

// Position returns the rank of paper i in the result, or -1. It orders
// the whole result if it must.
func (r *Result) Position(i int) int {
	if !r.Contains(i) {
		return -1
	}
	for {
		for k, h := range r.rows {
			if h.Paper == i {
				return k
			}
		}
		if len(r.rows) >= r.Total {
			return -1
		}
		r.materialize(min(r.Total, max(64, 4*len(r.rows))))
	}
}

func (r *Result) materialize(need int) {
	var papers []int
	switch {
	case r.ranked() && len(r.lazy) > 0:
		papers = r.topLazy(need)
	case r.ranked():
		papers = r.topByScore(need)
	case r.Order == SortRelevance:
		papers = make([]int, 0, need)
		r.match.Each(func(i int) bool {
			papers = append(papers, i)
			return len(papers) < need
		})
	default:
		papers = make([]int, 0, need)
		for _, i := range r.ix.sortOrder(r.Order) {
			if r.match.Has(int(i)) {
				papers = append(papers, int(i))
				if len(papers) == need {
					break
				}
			}
		}
	}
	old := r.rows
	r.rows = make([]Hit, len(papers))
	for k, p := range papers {
		if k < len(old) && old[k].Paper == p {
			r.rows[k] = old[k]
			continue
		}
		s, inTitle := r.scoreParts(p)
		r.rows[k] = Hit{Paper: p, Score: s, InTitle: inTitle}
	}
}

func (ix *Index) sortOrder(order SortOrder) []uint32 {
	ix.sortOnce[order].Do(func() {
		perm := make([]uint32, ix.n)
		for i := range perm {
			perm[i] = uint32(i)
		}
		switch order {
		case SortTitle:
			keys := make([]string, ix.n)
			for i := range keys {
				keys[i] = Fold(strings.TrimLeft(ix.title(i), "\"'“‘([{ "))
			}
			slices.SortStableFunc(perm, func(a, b uint32) int { return strings.Compare(keys[a], keys[b]) })
		case SortNewest:
			if !ix.intact(ArrayDays, 0, ix.n) {
				break
			}
			slices.SortStableFunc(perm, func(a, b uint32) int {
				// The announcement day first, so that the newest listing
				// leads, then the publication time within it.
				if da, db := ix.days[a], ix.days[b]; da != db {
					return -cmp.Compare(da, db)
				}
				pa, pb := ix.Paper(int(a)).Published, ix.Paper(int(b)).Published
				switch {
				case pa.IsZero() && pb.IsZero():
					return 0
				case pa.IsZero():
					return 1
				case pb.IsZero():
					return -1
				}
				return -cmp.Compare(pa.UnixNano(), pb.UnixNano())
			})
		case SortUpvotes:
			slices.SortStableFunc(perm, func(a, b uint32) int {
				return -cmp.Compare(ix.Paper(int(a)).Upvotes, ix.Paper(int(b)).Upvotes)
			})
		}
		ix.sortOrders[order] = perm
	})
	return ix.sortOrders[order]
}
