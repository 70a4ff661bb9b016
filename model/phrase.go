package model

import (
	"context"
	"slices"
	"strings"

	"github.com/papertui/papers/model/internal/lex"
	"github.com/papertui/papers/model/parallel"
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

// holdsPhrase is matchPhrase without positions, for filtering: one pass
// over text that keeps only the starts still spelling letters (as
// offsets into letters, in *open, reused between calls) and allocates
// nothing, where matchPhrase copies every part of an abstract first.
func holdsPhrase(tok *lex.Tokenizer, text, letters string, open *[]int) bool {
	found := false
	tok.TrackRunes = false
	tok.Compounds(text, func() {
		for k := 0; k < len(tok.Pieces) && !found; {
			w, e := tok.Part(k)
			k = e
			// Every open start, then one starting at this part.
			starts := append(slices.Grow(*open, 1), 0)
			kept := starts[:0]
			for _, at := range starts {
				rest := letters[at:]
				if len(rest) <= len(w) {
					if string(w[:len(rest)]) == rest {
						found = true
						break
					}
					continue
				}
				if string(rest[:len(w)]) == string(w) {
					kept = append(kept, at+len(w))
				}
			}
			*open = kept
		}
	})
	*open = (*open)[:0]
	return found
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
	letters := strings.Join(c.Words, "")
	// Reading the candidates' text is the cost of a phrase: it is split
	// by 64-paper words of the sets across cores, so that no two workers
	// write the same word.
	words := len(cands)
	workers := parallel.Workers(max(1, words/64))
	parallel.Chunks(words, max(1, (words+4*workers-1)/(4*workers)), workers, func(_, lo, hi int) {
		var tok lex.Tokenizer
		var scratch Paper
		var open []int
		count := 0
		cands[lo:hi].Each(func(j int) bool {
			if count++; count%1024 == 0 && ctx.Err() != nil {
				return false
			}
			i := lo*64 + j
			p := ix.peek(i, &scratch)
			if c.Fields&InTitle != 0 && holdsPhrase(&tok, p.Title, letters, &open) {
				title.Set(i)
			}
			if c.Fields&InAbstract != 0 && holdsPhrase(&tok, p.Abstract, letters, &open) {
				abstract.Set(i)
			}
			if c.Fields&InAuthors != 0 {
				for _, a := range p.Authors {
					if holdsPhrase(&tok, a, letters, &open) {
						abstract.Set(i) // scored like an abstract match
						break
					}
				}
			}
			return true
		})
	})
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	set := title.Clone()
	set.Or(abstract)
	return set, phraseScorer{title: title, abstract: abstract, words: len(c.Words)}, nil
}
