package model

import (
	"slices"
	"strings"

	"github.com/sahilm/fuzzy"

	"github.com/papertui/papers/model/internal/lex"
)

// highlightSpec is what one positive text clause lights up in a paper.
type highlightSpec struct {
	words  []string
	phrase bool
	fields FieldSet
	term   *termResult // single-word clauses: how the word matched
}

// positions returns the rune offsets to highlight in paper i's title and
// abstract, ascending and unique. They are found the way the match was:
// word prefixes, then (for fuzzy terms) the fuzzy title match.
func (r *Result) positions(i int) (title, abstract []int) {
	if len(r.specs) == 0 {
		// Nothing to light up: a stored paper need not be decoded.
		return nil, nil
	}
	return highlightPaper(r.ix.Paper(i), r.specs)
}

func highlightPaper(p *Paper, specs []highlightSpec) (title, abstract []int) {
	var tok lex.Tokenizer
	tok.TrackRunes = true
	for _, sp := range specs {
		if sp.phrase {
			if sp.fields&InTitle != 0 {
				_, pos := matchPhrase(&tok, p.Title, sp.words, true)
				title = append(title, pos...)
			}
			if sp.fields&InAbstract != 0 {
				_, pos := matchPhrase(&tok, p.Abstract, sp.words, true)
				abstract = append(abstract, pos...)
			}
			continue
		}
		word := sp.words[0]
		fuzzyTerm := sp.term != nil && sp.term.fallback
		var typos []string
		if fuzzyTerm {
			typos = sp.term.typoWords
		}
		if sp.fields&InTitle != 0 {
			pos := wordPositions(&tok, p.Title, word, typos)
			if len(pos) == 0 && fuzzyTerm {
				pos = fuzzyTitlePositions(&tok, p.Title, word)
			}
			title = append(title, pos...)
		}
		if sp.fields&InAbstract != 0 {
			abstract = append(abstract, wordPositions(&tok, p.Abstract, word, typos)...)
		}
	}
	return sortedUnique(title), sortedUnique(abstract)
}

// wordPositions lights up, in every index word of text starting with word,
// the runes typed, and the whole of every word a typo stood for (the
// reader sees which word was meant, "Adversarial" for "adversrial").
func wordPositions(tok *lex.Tokenizer, text, word string, typos []string) []int {
	var out []int
	n := runeLen(word)
	tok.TrackRunes = true
	tok.Compounds(text, func() {
		tok.IndexWords(func(w []byte, start int) {
			l := 0
			switch {
			case strings.HasPrefix(string(w), word):
				l = n
			case slices.Contains(typos, string(w)):
				l = runeLen(string(w))
			default:
				return
			}
			from := tok.Pieces[start].FRStart
			for _, r := range tok.RuneAt[from:min(int(from)+l, len(tok.RuneAt))] {
				out = append(out, int(r))
			}
		})
	})
	return out
}

// fuzzyTitlePositions finds how a fuzzy term matched a title: inside a
// word, or as runs at piece starts (sahilm's alignment when it obeys the
// run rule, else the aligner's).
func fuzzyTitlePositions(tok *lex.Tokenizer, title, word string) []int {
	folded, _ := titleShape(tok, title)
	if i := slices.Index(splitRunesAt(folded, []rune(word)), true); i >= 0 && runeLen(word) >= minSubstringLen {
		out := make([]int, runeLen(word))
		for k := range out {
			out[k] = i + k
		}
		return out
	}
	if m := fuzzy.Find(word, []string{title}); len(m) == 1 {
		pos := byteToRuneOffsets(title, m[0].MatchedIndexes)
		if runsAtPieceStarts(tok, title, pos) {
			return pos
		}
	}
	return alignRuns(tok, title, word)
}

// splitRunesAt marks where needle occurs in haystack.
func splitRunesAt(haystack, needle []rune) []bool {
	at := make([]bool, len(haystack))
	for i := 0; i+len(needle) <= len(haystack); i++ {
		if slices.Equal(haystack[i:i+len(needle)], needle) {
			at[i] = true
		}
	}
	return at
}

func sortedUnique(xs []int) []int {
	if len(xs) == 0 {
		return []int{}
	}
	slices.Sort(xs)
	return slices.Compact(xs)
}

// HighlightPaper returns the positions to light up in p for query q
// without a search (for a paper shown outside a result, e.g. in the
// detail pane after the query changed).
func HighlightPaper(p *Paper, q Query) (title, abstract []int) {
	var specs []highlightSpec
	for _, c := range PositiveText(q.Clauses) {
		specs = append(specs, highlightSpec{words: c.Words, phrase: c.Phrase, fields: c.Fields})
	}
	return highlightPaper(p, specs)
}
