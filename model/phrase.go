package model

import (
	"context"
	"strings"

	"github.com/papertui/papers/model/internal/lex"
)

// A phrase ("low rank adaptation", or an unquoted token with inner
// punctuation such as "low-rank" or "1.5B") matches consecutive words. Word
// boundaries inside the phrase are not compared, only letters, so "low-rank"
// finds "Low Rank", "low-rank" and "LowRank", and "fine tuning" finds
// "finetuning". The phrase must start at the start of a word; its end may
// fall inside a word, since the last word may still be being typed.

type textPart struct {
	text     string // folded
	compound int
	runes    []int32 // original rune offsets of text's runes
}

func splitParts(tok *lex.Tokenizer, text string, withRunes bool) []textPart {
	var parts []textPart
	compound := 0
	tok.TrackRunes = withRunes
	tok.Compounds(text, func() {
		for k := 0; k < len(tok.Pieces); {
			w, e := tok.Part(k)
			p := textPart{text: string(w), compound: compound}
			if withRunes {
				p.runes = append([]int32(nil), tok.RuneAt[tok.Pieces[k].FRStart:tok.Pieces[e-1].FREnd]...)
			}
			parts = append(parts, p)
			k = e
		}
		compound++
	})
	return parts
}

// matchPhrase reports whether words occur side by side in text and, when
// positions is set, returns the rune offsets of every occurrence.
func matchPhrase(tok *lex.Tokenizer, text string, words []string, positions bool) (bool, []int) {
	parts := splitParts(tok, text, positions)
	letters := strings.Join(words, "")
	found := false
	var out []int
	for start := 0; start < len(parts); start++ {
		end, ok := matchPhraseAt(parts, letters, start)
		if !ok {
			continue
		}
		found = true
		if !positions {
			return true, nil
		}
		remaining := runeLen(letters)
		for _, p := range parts[start:end] {
			for _, r := range p.runes {
				if remaining == 0 {
					break
				}
				out = append(out, int(r))
				remaining--
			}
		}
		start = end - 1
	}
	return found, out
}

// matchPhraseAt reports whether parts from start on spell letters, and
// returns the index after the last part used.
func matchPhraseAt(parts []textPart, letters string, start int) (int, bool) {
	rest := letters
	for k := start; k < len(parts); k++ {
		p := parts[k].text
		if len(rest) <= len(p) {
			return k + 1, strings.HasPrefix(p, rest)
		}
		if !strings.HasPrefix(rest, p) {
			return 0, false
		}
		rest = rest[len(p):]
	}
	return 0, false
}

// phraseScorer scores a phrase by where it was found.
type phraseScorer struct {
	title, abstract Bitset
	words           int
}

func (ps phraseScorer) score(i int) (int, bool) {
	s, inTitle := 0, false
	if ps.title.Has(i) {
		s += scoreTitleExact * ps.words
		inTitle = true
	}
	if ps.abstract.Has(i) {
		s += scoreAbstractExact * ps.words
	}
	return s, inTitle
}

// phrase finds the papers among within whose fields hold the phrase. Each
// word's index sets narrow the candidates first; only those are read.
func (s *Searcher) phrase(ctx context.Context, c Clause, within Bitset) (Bitset, clauseScorer, error) {
	ix := s.ix
	n := ix.Len()
	// Candidates: papers with a word starting with the first word. Later
	// words may be glued to earlier ones in the text ("fine tuning" in
	// "finetuning"), so their own sets cannot narrow further.
	cands := within.Clone()
	t, err := s.term(ctx, c.Words[0])
	if err != nil {
		return nil, nil, err
	}
	first := NewBitset(n)
	if !t.fallback {
		for f := Field(0); f < numFields; f++ {
			if c.Fields&(1<<f) != 0 && t.any[f] != nil {
				first.Or(t.any[f])
			}
		}
	}
	cands.And(first)
	title, abstract := NewBitset(n), NewBitset(n)
	var tok lex.Tokenizer
	var scratch Paper
	count := 0
	cands.Each(func(i int) bool {
		if count++; count%1024 == 0 {
			if err = ctx.Err(); err != nil {
				return false
			}
		}
		p := ix.peek(i, &scratch)
		if c.Fields&InTitle != 0 {
			if ok, _ := matchPhrase(&tok, p.Title, c.Words, false); ok {
				title.Set(i)
			}
		}
		if c.Fields&InAbstract != 0 {
			if ok, _ := matchPhrase(&tok, p.Abstract, c.Words, false); ok {
				abstract.Set(i)
			}
		}
		if c.Fields&InAuthors != 0 {
			for _, a := range p.Authors {
				if ok, _ := matchPhrase(&tok, a, c.Words, false); ok {
					abstract.Set(i) // scored like an abstract match
					break
				}
			}
		}
		return true
	})
	if err != nil {
		return nil, nil, err
	}
	set := title.Clone()
	set.Or(abstract)
	return set, phraseScorer{title: title, abstract: abstract, words: len(c.Words)}, nil
}
