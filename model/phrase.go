package model

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

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

// phraseCheck is what reading a paper needs to tell whether its fields
// hold a phrase: the letters, and per field the papers worth reading.
type phraseCheck struct {
	ix      *Index
	letters string
	cands   [numFields]Bitset
}

// holds reads paper i and reports whether its title, and its abstract or
// one of its authors, hold the phrase.
func (pc *phraseCheck) holds(i int, tok *lex.Tokenizer, scratch *Paper, open *[]int) (inTitle, inAbstract bool) {
	p := pc.ix.peek(i, scratch)
	if pc.cands[FieldTitle].Has(i) {
		inTitle = holdsPhrase(tok, p.Title, pc.letters, open)
	}
	if pc.cands[FieldAbstract].Has(i) {
		inAbstract = holdsPhrase(tok, p.Abstract, pc.letters, open)
	}
	if pc.cands[FieldAuthor].Has(i) && !inAbstract {
		for _, a := range p.Authors {
			if holdsPhrase(tok, a, pc.letters, open) {
				inAbstract = true // scored like an abstract match
				break
			}
		}
	}
	return inTitle, inAbstract
}

// phrase finds the papers among within whose fields hold the phrase. Each
// word's index sets narrow the candidates first; only those are read, all
// of them, or when lazy only as Result ranks them (lazyPhrase).
func (s *Searcher) phrase(ctx context.Context, c Clause, within Bitset, lazy bool) (Bitset, clauseScorer, error) {
	check, union, err := s.phraseCandidates(ctx, c, within)
	if err != nil {
		return nil, nil, err
	}
	if lazy {
		return union, newLazyPhrase(check, len(c.Words)), nil
	}
	n := s.ix.Len()
	title, abstract := NewBitset(n), NewBitset(n)
	// Reading the candidates' text is the cost of a phrase: it is split
	// by 64-paper words of the sets across cores, so that no two workers
	// write the same word.
	words := len(union)
	workers := parallel.Workers(max(1, words/64))
	parallel.Chunks(words, max(1, (words+4*workers-1)/(4*workers)), workers, func(_, lo, hi int) {
		var tok lex.Tokenizer
		var scratch Paper
		var open []int
		count := 0
		union[lo:hi].Each(func(j int) bool {
			if count++; count%1024 == 0 && ctx.Err() != nil {
				return false
			}
			i := lo*64 + j
			inTitle, inAbstract := check.holds(i, &tok, &scratch, &open)
			if inTitle {
				title.Set(i)
			}
			if inAbstract {
				abstract.Set(i)
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

// phraseCandidates returns the papers of within worth reading for the
// phrase, per field (the check) and all together.
func (s *Searcher) phraseCandidates(ctx context.Context, c Clause, within Bitset) (*phraseCheck, Bitset, error) {
	if s.parts != nil {
		return s.joinedPhraseCandidates(ctx, c, within)
	}
	ix := s.ix
	n := ix.Len()
	// Candidates: papers with a word starting with the first word. Later
	// words may be glued to earlier ones in the text ("fine tuning" in
	// "finetuning"), so their own sets only narrow through narrowToPhrase.
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
	check := &phraseCheck{ix: ix, letters: strings.Join(c.Words, "")}
	// Each field is read only where the index says the phrase can be:
	// at 1M papers the first word alone leaves ~100k papers to decode.
	union := NewBitset(n)
	for f := Field(0); f < numFields; f++ {
		if c.Fields&(1<<f) == 0 {
			check.cands[f] = NewBitset(n)
			continue
		}
		check.cands[f] = cands.Clone()
		s.narrowToPhrase(check.cands[f], f, c.Words, check.letters)
		union.Or(check.cands[f])
	}
	return check, union, nil
}

// lazyPhrase is a phrase whose candidates are read one at a time, when
// Result's ranking reaches them: until then a candidate scores as if it
// held the phrase in every field it may (an upper bound), after as it does.
// A search for the top 50 rows thus reads about 50 / (share of candidates
// that match) papers, not every candidate. Not safe for concurrent use.
type lazyPhrase struct {
	check   *phraseCheck
	bound   phraseScorer // the candidates, as if all held it
	found   phraseScorer // the papers read that hold it
	read    Bitset
	tok     lex.Tokenizer
	scratch Paper
	open    []int
}

func newLazyPhrase(check *phraseCheck, words int) *lazyPhrase {
	n := check.ix.Len()
	abstract := check.cands[FieldAbstract].Clone()
	abstract.Or(check.cands[FieldAuthor])
	return &lazyPhrase{
		check: check,
		bound: phraseScorer{title: check.cands[FieldTitle], abstract: abstract, words: words},
		found: phraseScorer{title: NewBitset(n), abstract: NewBitset(n), words: words},
		read:  NewBitset(n),
	}
}

func (lp *lazyPhrase) score(i int) (int, bool) {
	if lp.read.Has(i) {
		return lp.found.score(i)
	}
	return lp.bound.score(i)
}

// verify reads candidate i once and reports whether it holds the phrase.
func (lp *lazyPhrase) verify(i int) bool {
	if !lp.read.Has(i) {
		inTitle, inAbstract := lp.check.holds(i, &lp.tok, &lp.scratch, &lp.open)
		lp.record(i, inTitle, inAbstract)
	}
	return lp.found.title.Has(i) || lp.found.abstract.Has(i)
}

// record notes what reading candidate i found.
func (lp *lazyPhrase) record(i int, inTitle, inAbstract bool) {
	lp.read.Set(i)
	if inTitle {
		lp.found.title.Set(i)
	}
	if inAbstract {
		lp.found.abstract.Set(i)
	}
}

// narrowToPhrase removes from cands the papers whose field f cannot hold
// the phrase of words (spelling letters), judged from the index alone, so
// that only the rest are read. It must never remove a paper holdsPhrase
// would accept: a phrase's parts may glue or split its words ("fine
// tuning" in "finetuning", "network" in "net work").
//
// At each boundary between two query words, some part of the match covers
// the first letter of the later word. Either that part starts inside the
// letters before the boundary and runs past it, so the field has a word
// starting with letters[i:b+1] for some i < b; or it starts at the
// boundary, so a word starts with letters[b:], or is exactly a shorter
// prefix of it. Every index word is a part (truncated at MaxWordBytes),
// so these lookups see every part holdsPhrase walks over.
func (s *Searcher) narrowToPhrase(cands Bitset, f Field, words []string, letters string) {
	n := s.ix.Len()
	b := 0
	for _, w := range words[:len(words)-1] {
		b += len(w)
		if len(w) == 0 || b >= len(letters) {
			continue
		}
		at := NewBitset(n)
		for i := 0; i < b; i++ {
			s.orPrefix(at, f, letters[i:b+1])
		}
		s.orPrefix(at, f, letters[b:])
		for j := b + 1; j < len(letters); j++ {
			s.orExact(at, f, letters[b:j])
		}
		cands.And(at)
		if cands.Empty() {
			return
		}
	}
}

// lookupBytes is the longest lookup the index answers as written: its
// words are cut at lex.MaxWordBytes, less up to a rune's trailing bytes.
const lookupBytes = lex.MaxWordBytes - utf8.UTFMax

// orPrefix adds to set the papers whose field f has a word starting with
// prefix.
func (s *Searcher) orPrefix(set Bitset, f Field, prefix string) {
	if len(prefix) > lookupBytes {
		prefix = prefix[:lookupBytes]
	}
	if prefix == "" {
		return
	}
	if len(prefix) == 1 {
		if words, _ := s.prefixSets(prefix, f); words != nil {
			set.Or(words)
		}
		return
	}
	ix := s.ix
	lo, hi := ix.wordRange(prefix)
	for w := lo; w < hi; w++ {
		ix.post[f].orInto(set, w)
	}
}

// orExact adds to set the papers whose field f has the word.
func (s *Searcher) orExact(set Bitset, f Field, word string) {
	if len(word) > lookupBytes {
		s.orPrefix(set, f, word)
		return
	}
	if id := s.ix.wordID(word); id >= 0 {
		s.ix.post[f].orInto(set, id)
	}
}
