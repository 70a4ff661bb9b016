package model

import (
	"context"

	"github.com/papertui/papers/model/parallel"
)

// termResult is everything one query word matches, per field. Results are
// cached by word, so typing "lora ad" after "lora a" only evaluates "ad".
// The sets are shared and must never be modified.
type termResult struct {
	word string
	any  [numFields]Bitset // papers whose field matches the word somehow
	// exact holds papers where a whole index word equals the term (nil when
	// none does): "lora" ranks LoRA above LoRAHub.
	exact [numFields]Bitset
	// fallback is set when no word of the corpus starts with the term: the
	// matches are then fuzzy, by tier.
	fallback bool
	// typo[f][level] holds the papers whose field f first matches the term
	// as a typo at that level (see typoLevel), and typoWords the
	// vocabulary words the typo stands for.
	typo      [2][numTypoLevels]Bitset
	typoWords []string
	wholeTypo bool     // some typo word is a whole word within the budget
	typoNote  []string // the best level's words, not their longer forms, for the note
	substring Bitset   // title contains the term inside a word ("former" in Transformer), capped
	acronym   Bitset   // title pieces start the term's runs ("lrlf"), capped
	// acronymAll is every acronym match before the cap (nil when the term
	// was taken for a typo): a longer term only re-checks these.
	acronymAll  Bitset
	acronymHits acronymHits // acronymAll in order, with the titles read
	// acronymBonus ranks acronym matches among themselves (0-9, from
	// sahilm/fuzzy's score when the matches are few enough to score).
	acronymBonus map[int32]uint8
}

func (t *termResult) set(fields FieldSet) Bitset {
	var out Bitset
	for f := Field(0); f < numFields; f++ {
		if fields&(1<<f) == 0 || t.any[f] == nil {
			continue
		}
		if out == nil {
			out = t.any[f].Clone()
		} else {
			out.Or(t.any[f])
		}
	}
	if out == nil {
		return NewBitset(len(t.any[FieldTitle]) * 64)
	}
	return out
}

// Scores of one term in one paper: the tier of the match. A title match
// outweighs any number of abstract matches a query can have, so titles rank
// first; within the title, a whole word beats a prefix beats every fuzzy
// match, and among fuzzy matches a typo (the word it stands for, fewer
// edits first) beats scattered letters. Result.fine orders papers within a
// tier.
const (
	scoreTitleExact     = 100
	scoreTitlePrefix    = 80
	scoreTitleSubstring = 50
	scoreTitleAcronym   = 40 // plus acronymBonus, 0-9
	scoreAbstractExact  = 10
	scoreAbstractPrefix = 6
	scoreAuthorExact    = 20
	scoreAuthorPrefix   = 15
)

// Typo scores by level: whole-word typos above scattered letters, typos of
// a word still being typed below them.
var (
	scoreTitleTypo    = [numTypoLevels]int{typoWhole1: 70, typoWhole2: 66, typoPrefix1: 36, typoPrefix2: 32}
	scoreAbstractTypo = [numTypoLevels]int{typoWhole1: 4, typoWhole2: 3, typoPrefix1: 2, typoPrefix2: 1}
)

type clauseScorer interface {
	score(paper int) (score int, inTitle bool)
}

type termScorer struct {
	t      *termResult
	fields FieldSet
}

func (t *termResult) scorer(fields FieldSet) clauseScorer { return termScorer{t, fields} }

func (ts termScorer) score(i int) (int, bool) {
	t := ts.t
	s, inTitle := 0, false
	has := func(b Bitset) bool { return b != nil && b.Has(i) }
	if ts.fields&InTitle != 0 && has(t.any[FieldTitle]) {
		inTitle = true
		switch {
		case has(t.exact[FieldTitle]):
			s += scoreTitleExact
		case !t.fallback:
			s += scoreTitlePrefix
		case has(t.substring):
			s += scoreTitleSubstring
		case has(t.acronym):
			s += scoreTitleAcronym + int(t.acronymBonus[int32(i)])
		default:
			s += scoreTitleTypo[t.typoLevelOf(FieldTitle, i)]
		}
	}
	if ts.fields&InAbstract != 0 && has(t.any[FieldAbstract]) {
		switch {
		case has(t.exact[FieldAbstract]):
			s += scoreAbstractExact
		case !t.fallback:
			s += scoreAbstractPrefix
		default:
			s += scoreAbstractTypo[t.typoLevelOf(FieldAbstract, i)]
		}
	}
	if ts.fields&InAuthors != 0 && has(t.any[FieldAuthor]) {
		if has(t.exact[FieldAuthor]) {
			s += scoreAuthorExact
		} else {
			s += scoreAuthorPrefix
		}
	}
	return s, inTitle
}

// noteWords are the typo words to name for a fuzzy term: none when it
// matched only as scattered letters or as the start of a word being typed
// ("lrlf" is initials, not a typo of "rlft").
func (t *termResult) noteWords() []string {
	if !t.wholeTypo {
		return nil
	}
	return t.typoNote
}

// typoLevelOf is the best typo level at which paper i's field f matched
// the term.
func (t *termResult) typoLevelOf(f Field, i int) int {
	for l, set := range t.typo[f] {
		if set != nil && set.Has(i) {
			return l
		}
	}
	return numTypoLevels - 1
}

// termCache keeps recent term results, evicting the least recently used.
type termCache struct {
	limit int
	clock int
	items map[string]*termEntry
}

type termEntry struct {
	result *termResult
	used   int
}

func newTermCache(limit int) termCache {
	return termCache{limit: limit, items: map[string]*termEntry{}}
}

func (c *termCache) get(word string) *termResult {
	e, ok := c.items[word]
	if !ok {
		return nil
	}
	c.clock++
	e.used = c.clock
	return e.result
}

func (c *termCache) put(r *termResult) {
	if len(c.items) >= c.limit {
		oldest, word := int(^uint(0)>>1), ""
		for w, e := range c.items {
			if e.used < oldest {
				oldest, word = e.used, w
			}
		}
		delete(c.items, word)
	}
	c.clock++
	c.items[r.word] = &termEntry{result: r, used: c.clock}
}

// term evaluates one query word against the index, from the cache when it
// can.
func (s *Searcher) term(ctx context.Context, word string) (*termResult, error) {
	if t := s.terms.get(word); t != nil {
		return t, nil
	}
	if s.parts != nil {
		t, err := s.joinedTerm(ctx, word)
		if err != nil {
			return nil, err
		}
		s.terms.put(t)
		return t, nil
	}
	t := &termResult{word: word}
	for f := Field(0); f < numFields; f++ {
		t.any[f], t.exact[f] = s.prefixSets(word, f)
	}
	// Fuzzy matching is for terms that start no word of any title or
	// abstract: a real word ("lora") means that word, and scattering its
	// letters over other titles would only bury the papers that use it.
	if t.any[FieldTitle] == nil && t.any[FieldAbstract] == nil {
		t.fallback = true
		if err := s.fuzzyTerm(ctx, t); err != nil {
			return nil, err
		}
	}
	n := s.ix.Len()
	for f := range t.any {
		if t.any[f] == nil {
			t.any[f] = NewBitset(n)
		}
	}
	s.terms.put(t)
	return t, nil
}

// parallelUnionThreshold is the number of postings above which a union is
// split across cores.
const parallelUnionThreshold = 1 << 18

// prefixSets returns the papers whose field f has a word starting with
// word, and those with a word equal to it; nil when there are none.
func (s *Searcher) prefixSets(word string, f Field) (prefix, exact Bitset) {
	ix := s.ix
	post := &ix.post[f]
	if id := ix.wordID(word); id >= 0 && !post.empty(id) {
		exact = NewBitset(ix.Len())
		post.orInto(exact, id)
	}
	if len(word) == 1 {
		if c := letterClass(word[0]); c >= 0 {
			set := ix.byLetter[f][c]
			if !ix.intact(ArrayByLetter+Array(f), c*len(set), (c+1)*len(set)) {
				return nil, exact
			}
			if !set.Empty() {
				return set, exact
			}
			return nil, exact
		}
	}
	lo, hi := ix.wordRange(word)
	if lo == hi || post.emptyRange(lo, hi) {
		return nil, exact
	}
	return unionPostings(post, lo, hi, ix.Len()), exact
}

// unionPostings ORs the postings of words lo..hi-1 into a new set. Large
// unions are split by paper range across cores; each worker owns whole
// 64-paper words of the set, so they never write the same memory.
func unionPostings(post *postings, lo, hi, n int) Bitset {
	set := NewBitset(n)
	total := post.volume(lo, hi)
	workers := parallel.Workers(n)
	if total < parallelUnionThreshold || workers < 2 {
		for w := lo; w < hi; w++ {
			post.orInto(set, w)
		}
		return set
	}
	span := ((n+workers-1)/workers + 63) &^ 63
	parallel.Chunks(n, span, workers, func(_, start, end int) {
		for w := lo; w < hi; w++ {
			post.orRange(set, w, start, end)
		}
	})
	return set
}
