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
// search index's tokenizer, and caches the stem of each distinct word,
// since stemming is the costly part and a corpus repeats its vocabulary
// endlessly. It is not safe for concurrent use.
type tokenizer struct {
	tok   lex.Tokenizer
	stops map[string]bool
	cache []stemEntry       // direct-mapped, in front of stems
	stems map[string]uint64 // every word seen
}

type stemEntry struct {
	word string
	term uint64 // 0: a stop word
}

const stemCacheSize = 1 << 14

func newTokenizer() *tokenizer {
	return &tokenizer{stops: stemmedStops(), cache: make([]stemEntry, stemCacheSize), stems: map[string]uint64{}}
}

// term returns the hash of the stem of a folded word, 0 for a stop word.
func (t *tokenizer) term(w []byte) uint64 {
	h := lex.FastHash(w)
	e := &t.cache[(h^h>>29)&(stemCacheSize-1)]
	if e.word == string(w) && e.word != "" {
		return e.term
	}
	term, ok := t.stems[string(w)]
	if !ok {
		stem := lex.Porter(string(w))
		if !t.stops[stem] && len(stem) > 1 && strings.IndexFunc(stem, unicode.IsLetter) >= 0 {
			term = lex.Mix(lex.Hash([]byte(stem))) | 1 // never 0
		}
		t.stems[string(w)] = term
	}
	*e = stemEntry{string(w), term}
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
