package related

import (
	"strings"
	"sync"
	"unicode"

	"github.com/papertui/papers/model/internal/lex"
)

// stopWords are dropped, compared by stem: function words, and the
// verbs and nouns every abstract uses, which would make any two abstracts
// look alike.
var stopWords = lex.StopWords + ` paper papers work propose proposed
method methods approach approaches result results show shows shown present
presents demonstrate demonstrates experiment experiments experimental
introduce introduces achieve achieves performance novel new state art
existing based using use used significant significantly improve improves
improved improvement effective effectively extensive various different also
furthermore moreover however code available github https http www com`

// stemmedStops holds the stems of stopWords.
var stemmedStops = sync.OnceValue(func() map[string]bool {
	stops := map[string]bool{}
	for _, w := range strings.Fields(stopWords) {
		stops[lex.Porter(lex.Fold(w))] = true
	}
	return stops
})

// tokenizer turns text into term hashes. It reads words with the
// search index's tokenizer, and remembers the term of each distinct word
// by the word's hash, since stemming is the costly part and a corpus
// repeats its vocabulary endlessly. A table of hashes, not of strings:
// a long-tailed vocabulary overflows any small cache of words, and a map
// of strings then costs a comparison and an allocation per new word. Two
// words whose 64-bit hashes collide would share a term, a chance of about
// one in ten million at a million distinct words, and harmless here. It is
// not safe for concurrent use.
type tokenizer struct {
	tok   lex.Tokenizer
	stops map[string]bool
	slots *lex.Table // word hash to an index in terms
	terms []uint64
}

func newTokenizer() *tokenizer {
	return &tokenizer{stops: stemmedStops(), slots: lex.NewTable(1 << 14)}
}

// term returns the hash of the stem of a folded word, 0 for a stop word.
func (t *tokenizer) term(w []byte) uint64 {
	h := lex.Mix(lex.FastHash(w)) // Table ignores the lowest bit
	if slot, ok := t.slots.Get(h); ok {
		return t.terms[slot]
	}
	var term uint64
	stem := lex.Porter(string(w))
	if !t.stops[stem] && len(stem) > 1 && strings.IndexFunc(stem, unicode.IsLetter) >= 0 {
		term = lex.Mix(lex.Hash([]byte(stem))) | 1 // never 0
	}
	t.slots.Put(h, int32(len(t.terms)))
	t.terms = append(t.terms, term)
	return term
}

// each calls fn with the term of every word of text: each hyphen part of a
// compound, whole (camelCase pieces are not split), and for a hyphenated
// compound the join of its parts, so that "fine-tuning" meets both
// "tuning" and "finetuning".
func (t *tokenizer) each(text string, fn func(term uint64)) {
	t.tok.Compounds(text, func() {
		parts := 0
		for k := 0; k < len(t.tok.Pieces); parts++ {
			var w []byte
			w, k = t.tok.Part(k)
			if term := t.term(w); term != 0 {
				fn(term)
			}
		}
		if parts > 1 {
			if term := t.term(t.tok.Folded); term != 0 {
				fn(term)
			}
		}
	})
}

// Words returns the words related papers weigh in text, folded, before
// stemming and stop words, in the order each reads them. It shows what
// related papers read as words, so that a test can hold it to what search
// reads.
func Words(text string) []string {
	var tok lex.Tokenizer
	var out []string
	tok.Compounds(text, func() {
		parts := 0
		for k := 0; k < len(tok.Pieces); parts++ {
			var w []byte
			w, k = tok.Part(k)
			out = append(out, string(w))
		}
		if parts > 1 {
			out = append(out, string(tok.Folded))
		}
	})
	return out
}
