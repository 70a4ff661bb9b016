package model

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"
)

// Fuzzy title matching, for a term that starts no word of the corpus: it
// may be part of a word ("former" in "Transformer"), initials or word
// prefixes run together ("lrlf" for "LoRA Learns Less and Forgets Less"),
// or a typo ("adversrial"). Abstracts stay word-level: a long abstract
// contains the letters of almost any term in order.

// minSubstringLen and minTypoLen keep short terms from matching everywhere.
const (
	minSubstringLen = 3
	minTypoLen      = 4
)

func (s *Searcher) fuzzyTerm(ctx context.Context, t *termResult) error {
	ix := s.ix
	n := ix.Len()
	word := t.word
	t.substring = NewBitset(n)
	t.acronym = NewBitset(n)
	title := NewBitset(n)
	abstract := NewBitset(n)

	if runeLen(word) >= minSubstringLen {
		s.substringMatches(word, t.substring)
		title.Or(t.substring)
	}
	if runeLen(word) >= minTypoLen {
		for _, w := range s.typoWords(word) {
			for _, p := range ix.post[FieldTitle].of(w) {
				title.Set(int(p))
			}
			for _, p := range ix.post[FieldAbstract].of(w) {
				abstract.Set(int(p))
			}
		}
	}
	if err := s.acronymMatches(ctx, t); err != nil {
		return err
	}
	title.Or(t.acronym)
	if !title.Empty() {
		t.any[FieldTitle] = title
	}
	if !abstract.Empty() {
		t.any[FieldAbstract] = abstract
	}
	return nil
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

// typoWords returns the vocabulary words that start with something one
// edit away from word: a letter missing, extra, wrong, or two swapped.
func (s *Searcher) typoWords(word string) []int {
	ix := s.ix
	var out []int
	check := func(lo, hi int) {
		for w := lo; w < hi; w++ {
			if prefixWithinOneEdit(word, ix.vocab[w]) {
				out = append(out, w)
			}
		}
	}
	first, size := utf8.DecodeRuneInString(word)
	check(ix.wordRange(string(first)))
	if second, _ := utf8.DecodeRuneInString(word[size:]); second != first {
		// A swap of the first two letters.
		check(ix.wordRange(string(second) + string(first)))
	}
	return out
}

// prefixWithinOneEdit reports whether some prefix of candidate is at most
// one edit (insertion, deletion, substitution or adjacent transposition)
// from term. Both are folded; runes are compared as bytes, which is exact
// for ASCII and at worst conservative otherwise.
func prefixWithinOneEdit(term, candidate string) bool {
	lt := len(term)
	for _, l := range [3]int{lt, lt + 1, lt - 1} {
		if l < 1 || l > len(candidate) {
			continue
		}
		if withinOneEdit(term, candidate[:l]) {
			return true
		}
	}
	return false
}

func withinOneEdit(a, b string) bool {
	la, lb := len(a), len(b)
	switch {
	case la == lb:
		i := 0
		for i < la && a[i] == b[i] {
			i++
		}
		if i == la {
			return true
		}
		if a[i+1:] == b[i+1:] {
			return true // one substitution
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case la+1 == lb:
		a, b = b, a
		la, lb = lb, la
		fallthrough
	case la == lb+1:
		i := 0
		for i < lb && a[i] == b[i] {
			i++
		}
		return a[i+1:] == b[i:]
	}
	return false
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
