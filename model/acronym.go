package model

import (
	"context"
	"math/bits"
	"sync"

	"github.com/sahilm/fuzzy"

	"github.com/papertui/papers/model/internal/lex"
	"github.com/papertui/papers/model/parallel"
)

// Acronym matching: a term whose letters form runs that each start a word
// or a camelCase/hyphen piece of the title, in order ("lrlf" for "LoRA
// Learns Less and Forgets Less", "lorlea" for "LoRA Learns"). Every title
// may need checking on the first fuzzy keystroke, so the check is a
// bit-parallel automaton over the title's bytes with no allocation; later
// keystrokes only re-check the previous matches, since a match of
// "lrlfx" is always a match of "lrlf".

// shapeLimit is the longest title (in bytes) the bit-parallel check takes;
// longer or non-ASCII titles go through the rune aligner.
const (
	shapeWords = 4
	shapeLimit = 64 * shapeWords
)

type mask [shapeWords]uint64

func (m *mask) set(i int) { m[i>>6] |= 1 << (uint(i) & 63) }

func (m mask) and(o mask) mask {
	for i := range m {
		m[i] &= o[i]
	}
	return m
}

func (m mask) or(o mask) mask {
	for i := range m {
		m[i] |= o[i]
	}
	return m
}

func (m mask) shiftLeft1() mask {
	var out mask
	carry := uint64(0)
	for i := range m {
		out[i] = m[i]<<1 | carry
		carry = m[i] >> 63
	}
	return out
}

func (m mask) lowest() int {
	for i, w := range m {
		if w != 0 {
			return i*64 + bits.TrailingZeros64(w)
		}
	}
	return -1
}

func (m mask) zero() bool { return m == mask{} }

// above returns the positions greater than p.
func above(p int) mask {
	var out mask
	for i := range out {
		switch lo := i * 64; {
		case p < lo:
			out[i] = ^uint64(0)
		case p < lo+63:
			out[i] = ^uint64(0) << (uint(p-lo) + 1)
		}
	}
	return out
}

// acronymPattern is a term prepared for the bit-parallel check.
type acronymPattern struct {
	word []byte
	slot [256]int8 // byte -> index into the distinct letters of word, or -1
	n    int       // distinct letters
}

func newAcronymPattern(word string) *acronymPattern {
	p := &acronymPattern{word: []byte(word)}
	for i := range p.slot {
		p.slot[i] = -1
	}
	for _, b := range p.word {
		if p.slot[b] < 0 {
			p.slot[b] = int8(p.n)
			p.n++
		}
	}
	return p
}

// acronymState is per-worker scratch space.
type acronymState struct {
	eq  []mask
	tok lex.Tokenizer
}

// matchASCII reports whether the run rule holds for an ASCII title of at
// most shapeLimit bytes; ok is false when the title needs the rune path.
func (p *acronymPattern) matchASCII(st *acronymState, title string) (matched, ok bool) {
	if len(title) > shapeLimit {
		return false, false
	}
	if cap(st.eq) < p.n {
		st.eq = make([]mask, p.n)
	}
	eq := st.eq[:p.n]
	clear(eq)
	var starts mask
	prev, prevPrev := lex.KindOther, lex.KindOther
	for j := 0; j < len(title); j++ {
		c := title[j]
		if c >= 0x80 {
			return false, false
		}
		k := lex.ByteKinds[c]
		if k == lex.KindUpper || k == lex.KindLower || k == lex.KindDigit {
			next := lex.KindOther
			if j+1 < len(title) && title[j+1] < 0x80 {
				next = lex.ByteKinds[title[j+1]]
			}
			// The tokenizer drops a possessive "'s": its s starts nothing.
			possessive := prev == lex.KindApostrophe && lex.IsWord(prevPrev) && (c == 's' || c == 'S') && !lex.IsWord(next)
			if isPieceStart(prev, k, next) && !possessive {
				starts.set(j)
			}
			if k == lex.KindUpper {
				c += 'a' - 'A'
			}
			if s := p.slot[c]; s >= 0 {
				eq[s].set(j)
			}
			if possessive {
				k = lex.KindOther // as the tokenizer sees it after skipping "'s"
			}
		}
		prevPrev, prev = prev, k
	}
	state := eq[p.slot[p.word[0]]].and(starts)
	for _, c := range p.word[1:] {
		if state.zero() {
			return false, true
		}
		e := eq[p.slot[c]]
		state = state.shiftLeft1().and(e).or(above(state.lowest()).and(starts).and(e))
	}
	return !state.zero(), true
}

// isPieceStart mirrors the tokenizer's piece rules for ASCII text: a word
// character starts a piece after a non-word character (but not inside
// "word-word", where the hyphen starts a part, which is also a piece), and
// at camelCase and letter-digit boundaries.
func isPieceStart(prev, k, next lex.Kind) bool {
	switch {
	case !lex.IsWord(prev):
		return true // also covers the part after a hyphen
	case k == lex.KindUpper && prev == lex.KindLower,
		k == lex.KindUpper && prev == lex.KindUpper && next == lex.KindLower,
		k == lex.KindDigit && (prev == lex.KindLower || prev == lex.KindUpper):
		return true
	}
	return false
}

// acronymMatches fills t.acronymAll (and t.acronymBonus) with the titles that
// obey the run rule, checking every title or, when a shorter prefix of
// the term was fuzzy-matched before, only its acronym matches.
func (s *Searcher) acronymMatches(ctx context.Context, t *termResult) error {
	ix := s.ix
	n := ix.Len()
	word := t.word
	// Prefilter on letter masks. A fuzzy term starts no index word, and
	// every run of three or more letters at a piece start is the prefix of
	// one, so a match has at least two runs: the title's initials hold the
	// term's first letter and some later one. (A two-letter term could
	// also be one run inside a two-letter camelCase piece; that is too
	// rare to pay a full scan for.)
	var need, first, later uint64
	for i := 0; i < len(word); i++ {
		if c := letterClass(word[i]); c >= 0 {
			need |= 1 << c
			if i == 0 {
				first = 1 << c
			} else {
				later |= 1 << c
			}
		}
	}
	if !ix.intact(ArrayTitleInitials, 0, n) || !ix.intact(ArrayTitleLetters, 0, n) {
		return ix.Err()
	}
	var cands []uint32
	var titles []string // of cands, when a shorter term's matches read them
	fits := func(i int) bool {
		initials := ix.titleInitials[i]
		return initials&first == first && (later == 0 || initials&later != 0) && ix.titleLetters[i]&need == need
	}
	if base, ok := s.narrowerAcronyms(word); ok {
		for k, i := range base.papers {
			if fits(int(i)) {
				cands, titles = append(cands, i), append(titles, base.titles[k])
			}
		}
	} else {
		for i := 0; i < n; i++ {
			if fits(i) {
				cands = append(cands, uint32(i))
			}
		}
	}

	pattern := newAcronymPattern(word)
	t.acronymAll = NewBitset(n)
	workers := parallel.Workers(len(cands))
	span := (len(cands) + workers - 1) / workers
	// One result list per chunk, not per worker, so that matches keep
	// corpus order whichever worker took a chunk.
	results := make([]acronymHits, workers)
	states := make([]acronymState, workers)
	var cancelled error
	var once sync.Once
	parallel.Chunks(len(cands), span, workers, func(w, lo, hi int) {
		st := &states[w]
		st.tok.TrackRunes = true
		for k, p := range cands[lo:hi] {
			if k&4095 == 4095 && ctx.Err() != nil {
				once.Do(func() { cancelled = ctx.Err() })
				return
			}
			var title string
			if titles != nil {
				title = titles[lo+k]
			} else {
				title = ix.title(int(p))
			}
			matched, ok := pattern.matchASCII(st, title)
			if !ok {
				matched = alignRuns(&st.tok, title, word) != nil
			}
			if matched {
				r := &results[lo/span]
				r.papers, r.titles = append(r.papers, p), append(r.titles, title)
			}
		}
	})
	if cancelled != nil {
		return cancelled
	}
	var matched acronymHits
	for _, r := range results {
		matched.papers = append(matched.papers, r.papers...)
		matched.titles = append(matched.titles, r.titles...)
	}
	for _, p := range matched.papers {
		t.acronymAll.Set(int(p))
	}
	t.acronymHits = matched
	t.acronymBonus = acronymBonuses(word, matched)
	return nil
}

// acronymHits are a term's acronym matches, in corpus order, with their
// titles: a longer term re-checks these without reading the titles again
// (from a store, a record's head each).
type acronymHits struct {
	papers []uint32
	titles []string
}

// maxScoredAcronyms bounds how many acronym matches sahilm/fuzzy ranks:
// beyond that the term is too vague for the order among them to matter,
// and they keep corpus order.
const maxScoredAcronyms = 5000

// acronymBonuses ranks acronym matches by sahilm/fuzzy's score, which
// rewards adjacent letters, word starts and short titles.
func acronymBonuses(word string, matched acronymHits) map[int32]uint8 {
	if len(matched.papers) == 0 || len(matched.papers) > maxScoredAcronyms {
		return nil
	}
	bonus := make(map[int32]uint8, len(matched.papers))
	for _, m := range fuzzy.FindNoSort(word, matched.titles) {
		// Scores run from about -100 (long title, scattered letters) to
		// about +100 (short title, every letter at a word start).
		bonus[int32(matched.papers[m.Index])] = uint8(min(9, max(0, (m.Score+60)/15)))
	}
	return bonus
}

// narrowerAcronyms returns the acronym matches of the longest cached
// prefix of word that was matched as scattered letters, or nil to check
// every title. A prefix taken for a typo never looked for initials and is
// passed over; a prefix that is the start of a word ends the search.
func (s *Searcher) narrowerAcronyms(word string) (acronymHits, bool) {
	for l := len(word) - 1; l > 0; l-- {
		prev := s.terms.get(word[:l])
		switch {
		case prev == nil:
			continue
		case !prev.fallback:
			return acronymHits{}, false
		case prev.acronymAll != nil:
			return prev.acronymHits, true
		}
	}
	return acronymHits{}, false
}

// titleShape returns the folded runes of title and, for each, whether it
// starts a word or piece.
func titleShape(tok *lex.Tokenizer, title string) (folded []rune, starts []bool) {
	folded = make([]rune, 0, len(title))
	for _, r := range title {
		folded = append(folded, FoldRune(r))
	}
	starts = make([]bool, len(folded))
	tok.Compounds(title, func() {
		for _, p := range tok.Pieces {
			if int(p.RStart) < len(starts) {
				starts[p.RStart] = true
			}
		}
	})
	return folded, starts
}

// runsAtPieceStarts reports whether positions (rune offsets, ascending)
// split into runs of consecutive runes that each begin at a piece start.
func runsAtPieceStarts(tok *lex.Tokenizer, title string, positions []int) bool {
	_, starts := titleShape(tok, title)
	for k, p := range positions {
		if p >= len(starts) {
			return false
		}
		if k > 0 && positions[k-1] == p-1 {
			continue
		}
		if !starts[p] {
			return false
		}
	}
	return len(positions) > 0
}

// alignRuns searches for positions of word in title that obey the run
// rule, preferring long runs; nil when there are none. It handles any
// title (accents, any length) and is the reference the fast path follows.
func alignRuns(tok *lex.Tokenizer, title, word string) []int {
	folded, starts := titleShape(tok, title)
	q := []rune(word)
	if len(q) == 0 || len(q) > len(folded) {
		return nil
	}
	failed := make(map[[2]int]bool)
	positions := make([]int, len(q))
	// place puts q[k] at j, which starts a run, extends the run as far as
	// it goes, then tries every next run start, longest run first.
	var place func(k, j int) bool
	place = func(k, j int) bool {
		if failed[[2]int{k, j}] {
			return false
		}
		run := 0
		for k+run < len(q) && j+run < len(folded) && folded[j+run] == q[k+run] {
			run++
		}
		for l := run; l >= 1; l-- {
			if k+l == len(q) {
				for m := 0; m < l; m++ {
					positions[k+m] = j + m
				}
				return true
			}
			for next := j + l; next < len(folded); next++ {
				if starts[next] && folded[next] == q[k+l] && place(k+l, next) {
					for m := 0; m < l; m++ {
						positions[k+m] = j + m
					}
					return true
				}
			}
		}
		failed[[2]int{k, j}] = true
		return false
	}
	for j := range folded {
		if starts[j] && folded[j] == q[0] && place(0, j) {
			return positions
		}
	}
	return nil
}
