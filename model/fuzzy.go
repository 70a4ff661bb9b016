package model

import (
	"context"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Fuzzy matching, for a term that starts no word of the corpus. First the
// term is taken for a typo of a whole word: the vocabulary words of titles
// and abstracts within the term's edit budget (Damerau–Levenshtein, see
// typoBudget) stand in for it, as the word it is a typo of. Only when no
// word is that close is it taken for scattered letters in a title: part of
// a word ("ormer" in "Transformer"), initials and word prefixes run
// together ("lrlf" for "LoRA Learns Less and Forgets Less"), or a typo in
// a word still being typed ("trasnf"), which ranks last: a short term is
// within an edit of the start of many words ("lrlf" of "RLFT"). Abstracts
// stay word-level: a long abstract contains the letters of almost any term
// in order.
//
// Every fuzzy tier scores below an exact prefix match (see the score
// constants), and all but the first whole-word typo level are capped
// (fuzzyCap): a fallback is a filter, not most of the corpus.

// minSubstringLen keeps short terms from matching inside every word.
const minSubstringLen = 3

// typoBudget is the number of edits a term of n letters may carry: none
// for one or two letters, one for three to five, two from six (the AUTO
// rule of Lucene and Elasticsearch).
func typoBudget(n int) int {
	switch {
	case n <= 2:
		return 0
	case n <= 5:
		return 1
	}
	return 2
}

// Typo levels, best first: the whole word one edit away, then two; a
// prefix of the word (the term is still being typed) one edit away, then
// two.
const (
	typoWhole1 = iota
	typoWhole2
	typoPrefix1
	typoPrefix2
	numTypoLevels
)

func typoLevel(edits int, whole bool) int {
	l := edits - 1
	if !whole {
		l += typoPrefix1
	}
	return l
}

// fuzzyCap is the most papers a scattered-letter tier, or a typo level
// after the first that matched, may add for one term: 5% of the corpus,
// at least 10 so a tiny corpus still finds its initials.
func fuzzyCap(n int) int { return max(n/20, 10) }

func (s *Searcher) fuzzyTerm(ctx context.Context, t *termResult) error {
	n := s.ix.Len()
	words := s.ix.typoCandidates(t.word)
	if s.typoMatches(t, words, true) {
		t.wholeTypo = true
		return nil
	}
	s.typoMatches(t, words, false) // prefix levels only: there is no whole one
	title := NewBitset(n)
	if t.any[FieldTitle] != nil {
		title.Or(t.any[FieldTitle])
	}
	limit := fuzzyCap(n)
	if runeLen(t.word) >= minSubstringLen {
		all := NewBitset(n)
		s.substringMatches(t.word, all)
		t.substring = capSet(all, limit, nil)
		title.Or(t.substring)
	}
	if err := s.acronymMatches(ctx, t); err != nil {
		return err
	}
	t.acronym = capSet(t.acronymAll, limit, t.acronymBonus)
	title.Or(t.acronym)
	if !title.Empty() {
		t.any[FieldTitle] = title
	}
	return nil
}

// capSet returns set, or when it holds more than limit papers, the limit
// best of them by bonus (ties and papers without a bonus in corpus order).
func capSet(set Bitset, limit int, bonus map[int32]uint8) Bitset {
	if set.Count() <= limit {
		return set
	}
	var ids []int32
	set.Each(func(i int) bool { ids = append(ids, int32(i)); return true })
	slices.SortStableFunc(ids, func(a, b int32) int { return int(bonus[b]) - int(bonus[a]) })
	out := NewBitset(len(set) * 64)
	for _, i := range ids[:limit] {
		out.Set(int(i))
	}
	return out
}

// typoWord is a vocabulary word a typo stands for.
type typoWord struct {
	id    int
	level int
}

// typoMatches fills t's sets from the candidate words and reports whether
// there were any; with requireWhole it does nothing unless some candidate
// is a whole word within the budget. The first whole-word level is kept in
// full (a typo of "diffusion" finds every diffusion paper, as the word
// would); every other level is added only when it adds at most fuzzyCap
// papers.
func (s *Searcher) typoMatches(t *termResult, words []typoWord, requireWhole bool) bool {
	ix := s.ix
	if len(words) == 0 || requireWhole && !slices.ContainsFunc(words, func(w typoWord) bool { return w.level < typoPrefix1 }) {
		return false
	}
	n := ix.Len()
	words = slices.Clone(words)
	// By level, then the more common word first: the note names it.
	df := func(w typoWord) int { return len(ix.post[FieldTitle].of(w.id)) + len(ix.post[FieldAbstract].of(w.id)) }
	slices.SortStableFunc(words, func(a, b typoWord) int {
		if a.level != b.level {
			return a.level - b.level
		}
		return df(b) - df(a)
	})
	any := [2]Bitset{NewBitset(n), NewBitset(n)}
	limit := fuzzyCap(n)
	for lo := 0; lo < len(words); {
		level := words[lo].level
		hi := lo
		for hi < len(words) && words[hi].level == level {
			hi++
		}
		var added [2]Bitset
		grown := 0
		for f := range added {
			added[f] = NewBitset(n)
			for _, w := range words[lo:hi] {
				for _, p := range ix.post[f].of(w.id) {
					added[f].Set(int(p))
				}
			}
			added[f].AndNot(any[f])
		}
		if lo > 0 || level >= typoPrefix1 {
			both := added[0].Clone()
			both.Or(added[1])
			grown = both.Count()
		}
		if grown <= limit {
			for f := range added {
				t.typo[f][level] = added[f]
				any[f].Or(added[f])
			}
			for _, w := range words[lo:hi] {
				t.typoWords = append(t.typoWords, ix.vocab[w.id])
			}
		}
		lo = hi
	}
	for f := range any {
		if !any[f].Empty() {
			t.any[f] = any[f]
		}
	}
	return len(t.typoWords) > 0
}

// typoCandidates scans the vocabulary of titles and abstracts for the
// words whose whole, or some prefix, is within word's edit budget. Letter
// masks and lengths throw out nearly every word before the edit distance
// is computed, so the scan costs about what a prefix lookup does on the
// vocabulary sizes of real corpora.
func (ix *Index) typoCandidates(word string) []typoWord {
	k := typoBudget(runeLen(word))
	if k == 0 {
		return nil
	}
	m := len(word)
	need := letterMask(word)
	var out []typoWord
	var d osa
	for id, w := range ix.vocab {
		mask := ix.vocabMask[id]
		if mask&vocabTextBit == 0 || len(w) < m-k || bits.OnesCount64(need&^mask) > k {
			continue
		}
		whole, prefix := d.distance(word, w, k)
		switch {
		case whole <= k:
			out = append(out, typoWord{id, typoLevel(max(whole, 1), true)})
		case prefix <= k:
			out = append(out, typoWord{id, typoLevel(max(prefix, 1), false)})
		}
	}
	return out
}

// vocabTextBit marks, in a vocabulary mask, a word found in some title or
// abstract (author names are not typo targets).
const vocabTextBit = 1 << 63

// letterMask has a bit per letter class of s.
func letterMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		if c := letterClass(s[i]); c >= 0 {
			m |= 1 << c
		}
	}
	return m
}

// osa computes the optimal-string-alignment distance (Damerau–Levenshtein
// where a swap of two adjacent letters is one edit) on bytes, which is
// exact for ASCII and counts a changed accented letter as two edits.
type osa struct{ rows [3][]int }

// distance returns the distance from a to the whole of b and to the
// closest prefix of b, each capped at k+1.
func (d *osa) distance(a, b string, k int) (whole, prefix int) {
	m := len(a)
	cols := min(len(b), m+k)
	for r := range d.rows {
		if cap(d.rows[r]) < cols+1 {
			d.rows[r] = make([]int, cols+1)
		}
		d.rows[r] = d.rows[r][:cols+1]
	}
	prev2, prev, cur := d.rows[0], d.rows[1], d.rows[2]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= m; i++ {
		cur[0] = i
		best := i
		for j := 1; j <= cols; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > k {
			return k + 1, k + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	prefix = k + 1
	for j := max(0, m-k); j <= cols; j++ {
		prefix = min(prefix, prev[j])
	}
	whole = k + 1
	if len(b) <= cols {
		whole = min(prev[len(b)], k+1)
	}
	return whole, prefix
}

// substringMatches adds the papers whose title has a word containing word
// (not at its start: those are prefix matches). It scans the title
// vocabulary, which is far smaller than the titles themselves.
func (s *Searcher) substringMatches(word string, into Bitset) {
	ix := s.ix
	text := ix.titleWords
	for from := 0; ; {
		i := strings.Index(text[from:], word)
		if i < 0 {
			return
		}
		at := from + i
		w := sort.Search(len(ix.titleWordAt), func(k int) bool { return ix.titleWordAt[k] > uint32(at) }) - 1
		if w >= 0 {
			for _, p := range ix.post[FieldTitle].of(int(ix.titleWordIDs[w])) {
				into.Set(int(p))
			}
		}
		// Continue after this vocabulary word: one hit per word is enough.
		next := strings.IndexByte(text[at:], '\n')
		if next < 0 {
			return
		}
		from = at + next
	}
}

// byteToRuneOffsets converts sahilm's byte offsets into rune offsets, which
// is what highlighting needs ("Schrödinger" would otherwise light up the
// wrong letters).
func byteToRuneOffsets(s string, bytesAt []int) []int {
	out := make([]int, 0, len(bytesAt))
	r, b := 0, 0
	for _, want := range bytesAt {
		for b < want && b < len(s) {
			_, size := utf8.DecodeRuneInString(s[b:])
			b += size
			r++
		}
		out = append(out, r)
	}
	return out
}
