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

// SetCorpusSize says how many papers the corpus holds of which the index
// holds a part: a streaming search indexes only the records that can
// match, and the fuzzy caps are shares of the whole corpus.
func (s *Searcher) SetCorpusSize(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.corpus = n
}

func (s *Searcher) corpusSize() int { return max(s.corpus, s.ix.Len()) }

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
	limit := fuzzyCap(s.corpusSize())
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
	set.Each(func(i int) bool {
		ids = append(ids, int32(i))
		return bonus != nil || len(ids) < limit
	})
	if bonus != nil {
		slices.SortStableFunc(ids, func(a, b int32) int { return int(bonus[b]) - int(bonus[a]) })
	}
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
	words, promoted := promoteExtensions(ix, words)
	// By level, then the more common word first: the note names it.
	df := func(w typoWord) int { return ix.post[FieldTitle].count(w.id) + ix.post[FieldAbstract].count(w.id) }
	slices.SortStableFunc(words, func(a, b typoWord) int {
		if a.level != b.level {
			return a.level - b.level
		}
		return df(b) - df(a)
	})
	any := [2]Bitset{NewBitset(n), NewBitset(n)}
	limit := fuzzyCap(s.corpusSize())
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
				ix.post[f].orInto(added[f], w.id)
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
				if lo == 0 && w.level < typoPrefix1 && !promoted[w.id] { // the best level only
					t.typoNote = append(t.typoNote, ix.vocab[w.id])
				}
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

// promoteExtensions moves the words that start with a word of the best
// whole-word level up to that level: a typo stands for the word it is a
// typo of, and that word, typed, would also find its longer forms
// ("trasnformer" finds "Transformers" as "transformer" does).
func promoteExtensions(ix *Index, words []typoWord) (_ []typoWord, promoted map[int]bool) {
	words = slices.Clone(words)
	promoted = map[int]bool{}
	best := numTypoLevels
	for _, w := range words {
		if w.level < typoPrefix1 {
			best = min(best, w.level)
		}
	}
	if best == numTypoLevels {
		return words, promoted
	}
	at := make(map[int]int, len(words))
	for k, w := range words {
		at[w.id] = k
	}
	for _, w := range words {
		if w.level != best {
			continue
		}
		lo, hi := ix.wordRange(ix.vocab[w.id])
		for id := lo; id < hi; id++ {
			if k, ok := at[id]; ok && words[k].level != best {
				words[k].level = best
				promoted[id] = true
			}
		}
	}
	return words, promoted
}

// typoCandidates walks the sorted vocabulary as a trie for the words of
// titles and abstracts whose whole, or some prefix, is within word's edit
// budget. Words that share a prefix share the rows of the edit-distance
// table, and once a prefix is more than the budget away from every start
// of the term, every word with that prefix is skipped with one binary
// search: a typo costs about a few prefix lookups, however large the
// vocabulary.
func (ix *Index) typoCandidates(word string) []typoWord {
	k := typoBudget(runeLen(word))
	if k == 0 {
		return nil
	}
	m := len(word)
	need := letterMask(word)
	var out []typoWord
	t := newTypoTable(word, k)
	for id := 0; id < len(ix.vocab); {
		w := ix.vocab[id]
		mask := ix.vocabMask[id]
		if mask&vocabTextBit == 0 || len(w) < m-k || bits.OnesCount64(need&^mask) > k {
			id++
			continue
		}
		whole, prefix, dead := t.walk(w)
		if dead > 0 {
			// No word starting with w[:dead] can match.
			p := w[:dead]
			id += sort.Search(len(ix.vocab)-id, func(j int) bool {
				v := ix.vocab[id+j]
				return v > p && !strings.HasPrefix(v, p)
			})
			continue
		}
		switch {
		case whole <= k:
			out = append(out, typoWord{id, typoLevel(max(whole, 1), true)})
		case prefix <= k:
			out = append(out, typoWord{id, typoLevel(max(prefix, 1), false)})
		}
		id++
	}
	return out
}

// typoTable is the optimal-string-alignment (Damerau–Levenshtein where a
// swap of two adjacent letters is one edit) table of a term against the
// vocabulary word last walked: rows[d][i] is the distance from the word's
// first d bytes to the term's first i. Bytes are compared, which is exact
// for ASCII and counts a changed accented letter as two edits.
type typoTable struct {
	term string
	k    int
	rows [][]int
	// pre[d] is the least distance from the term to any prefix of the word
	// up to d bytes long.
	pre  []int
	last string // the word the rows hold
}

func newTypoTable(term string, k int) *typoTable {
	m := len(term)
	t := &typoTable{term: term, k: k, rows: make([][]int, m+k+1), pre: make([]int, m+k+1)}
	for d := range t.rows {
		t.rows[d] = make([]int, m+1)
	}
	for i := range t.rows[0] {
		t.rows[0][i] = i
	}
	t.pre[0] = k + 1
	if m <= k {
		t.pre[0] = m
	}
	return t
}

// walk returns the distance from the term to the whole of w and to its
// closest prefix (each capped at k+1); dead > 0 says that w[:dead] and
// every longer prefix are over budget, so no word with that prefix can
// match.
func (t *typoTable) walk(w string) (whole, prefix, dead int) {
	term, k, m := t.term, t.k, len(t.term)
	depth := min(len(w), m+k)
	common := 0
	for common < depth && common < len(t.last) && t.last[common] == w[common] {
		common++
	}
	common = min(common, len(t.last), m+k)
	for d := common + 1; d <= depth; d++ {
		row, up := t.rows[d], t.rows[d-1]
		c := w[d-1]
		row[0] = d
		best := d
		for i := 1; i <= m; i++ {
			cost := 1
			if term[i-1] == c {
				cost = 0
			}
			v := min(up[i]+1, row[i-1]+1, up[i-1]+cost)
			if d > 1 && i > 1 && term[i-1] == w[d-2] && term[i-2] == c {
				v = min(v, t.rows[d-2][i-2]+1)
			}
			row[i] = v
			best = min(best, v)
		}
		t.pre[d] = t.pre[d-1]
		if d >= m-k {
			t.pre[d] = min(t.pre[d], row[m])
		}
		if best > k {
			// Row minima never fall, so no longer prefix of w can match.
			t.last = w[:d-1]
			if t.pre[d-1] <= k {
				return k + 1, t.pre[d-1], 0
			}
			return k + 1, k + 1, d
		}
	}
	t.last = w[:depth]
	whole = k + 1
	if len(w) <= m+k {
		whole = min(t.rows[len(w)][m], k+1)
	}
	return whole, min(t.pre[depth], k+1), 0
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
			ix.post[FieldTitle].orInto(into, int(ix.titleWordIDs[w]))
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
