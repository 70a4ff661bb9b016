package model

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// SortOrder is the order of a result list.
type SortOrder uint8

const (
	// SortRelevance ranks title matches above abstract-only matches, better
	// matches first, ties in corpus order; with no text terms it is corpus
	// order (the trending rank of the default corpus).
	SortRelevance SortOrder = iota
	SortTitle               // A to Z
	SortNewest              // newest first; undated papers last
	SortUpvotes             // most upvoted first (Hugging Face); ties in corpus order
	numSorts
)

// SortOrders lists every order, in the order a UI cycles through them.
func SortOrders() []SortOrder {
	return []SortOrder{SortRelevance, SortTitle, SortNewest, SortUpvotes}
}

func (s SortOrder) String() string {
	switch s {
	case SortTitle:
		return "title"
	case SortNewest:
		return "newest"
	case SortUpvotes:
		return "upvotes"
	}
	return "relevance"
}

// Facets are the per-paper facts a query may filter on that the index does
// not own: the user's marks, which papers are new, and topic tags.
type Facets struct {
	Marks Marks
	// New holds the papers first seen in the latest corpus load (nil: none).
	New Bitset
	// TopicPapers returns the papers carrying a topic tag (by normalised
	// key), or nil. It may be nil itself before topics are computed.
	TopicPapers func(key string) []int32
	// TopicsVersion changes when TopicPapers would answer differently.
	TopicsVersion int64
}

// Hit is one row of a result.
type Hit struct {
	Paper int // index into the corpus
	Score int
	// InTitle reports whether some text term matched the title.
	InTitle bool
	// TitlePositions and AbstractPositions are the rune offsets of matched
	// characters, for highlighting.
	TitlePositions    []int
	AbstractPositions []int
}

// Searcher answers queries over one Index, keeping what the previous
// queries computed so that each keystroke only evaluates what changed (the
// last term). Searches are serialised: a new one waits for the one before,
// which the caller cancels through its context.
type Searcher struct {
	ix *Index
	// parts search the parts of a joined index (Join), one each.
	parts []*Searcher

	mu     sync.Mutex
	terms  termCache
	corpus int // SetCorpusSize
	// Sets derived from Facets, rebuilt when their version changes.
	marksVersion  int64
	marksBuilt    bool
	bookmarked    Bitset
	read          Bitset
	userTags      map[string]Bitset
	topicsVersion int64
	topicSets     map[string]Bitset
}

// NewSearcher returns a Searcher over ix.
func NewSearcher(ix *Index) *Searcher {
	s := &Searcher{ix: ix, terms: newTermCache(64)}
	for _, p := range ix.parts {
		ps := NewSearcher(p.ix)
		ps.corpus = ix.n // the fuzzy caps are shares of the whole corpus
		s.parts = append(s.parts, ps)
	}
	return s
}

// Index returns the index searched.
func (s *Searcher) Index() *Index { return s.ix }

// Search evaluates q and returns its result with the first limit rows
// ready (more are computed on demand by Result.Rows). It returns ctx.Err()
// when cancelled, and the index's Err when it is stored and found damaged.
func (s *Searcher) Search(ctx context.Context, q Query, facets Facets, order SortOrder, limit int) (*Result, error) {
	return s.search(ctx, q, facets, order, limit, false)
}

// SearchTop is Search for a caller that reads rows from the top, such as
// papers search: a phrase's candidates are read only as far as ranking
// needs them, so Total is an upper bound (Result.Estimate) until the last
// row is read. The rows are those of Search, in the same order.
func (s *Searcher) SearchTop(ctx context.Context, q Query, facets Facets, order SortOrder, limit int) (*Result, error) {
	return s.search(ctx, q, facets, order, limit, order == SortRelevance)
}

func (s *Searcher) search(ctx context.Context, q Query, facets Facets, order SortOrder, limit int, lazy bool) (*Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.ix.Len()
	match := NewBitset(n)
	match.Fill(n)
	if s.ix.hidden != nil {
		match.AndNot(s.ix.hidden)
	}
	ev := evaluation{lazy: lazy}
	if err := s.conj(ctx, q.Clauses, facets, match, &ev); err != nil {
		return nil, err
	}
	r := &Result{
		Query:    q,
		Hint:     q.Hint(),
		Order:    order,
		ix:       s.ix,
		match:    match,
		scorers:  ev.scorers,
		specs:    ev.specs,
		Total:    match.Count(),
		Fuzzy:    ev.fuzzy,
		Fuzzed:   ev.fuzzed,
		Fallback: ev.fallback,
	}
	for _, sc := range ev.scorers {
		if lp, ok := sc.(*lazyPhrase); ok {
			r.lazy = append(r.lazy, lp)
		}
	}
	if err := r.prepare(ctx); err != nil {
		return nil, err
	}
	r.Estimate = len(r.pending) > 0
	r.Rows(0, limit)
	// A stored index checks its file as it reads it: once any part is
	// found damaged, no answer from it is trusted.
	if err := s.ix.Err(); err != nil {
		return nil, err
	}
	return r, nil
}

// evaluation collects, while clauses are evaluated, how to score and
// highlight the papers that match.
type evaluation struct {
	scorers []clauseScorer
	specs   []highlightSpec
	fuzzy   bool
	// fallback lists the terms matched fuzzily, and fuzzed those of them
	// that matched something, with what they were taken for.
	fallback []string
	fuzzed   []FuzzyTerm
	// inOr is set inside an OR alternative, where a word no paper has
	// matches nothing: its typo matches would flood "lora OR dora".
	inOr bool
	// lazy lets a phrase that every match must hold leave its candidates
	// unread (lazyPhrase); a negated one, or one in an OR, is read whole.
	lazy bool
}

// conj narrows match to the papers satisfying every clause.
func (s *Searcher) conj(ctx context.Context, clauses []Clause, facets Facets, match Bitset, ev *evaluation) error {
	// Positive clauses first: they shrink the set; negatives then subtract.
	clauses = slices.Clone(clauses)
	slices.SortStableFunc(clauses, func(a, b Clause) int {
		switch {
		case a.Negate == b.Negate:
			return 0
		case b.Negate:
			return -1
		}
		return 1
	})
	for _, c := range clauses {
		if err := ctx.Err(); err != nil {
			return err
		}
		if c.Kind == ClauseOr {
			// A negated OR's words are not in the papers shown: score and
			// highlight nothing of it.
			sub := ev
			if c.Negate {
				sub = &evaluation{}
			}
			set, err := s.union(ctx, c.Alts, facets, match, sub)
			if err != nil {
				return err
			}
			if c.Negate {
				match.AndNot(set)
			} else {
				match.And(set)
			}
			continue
		}
		set, scorer, err := s.clauseSet(ctx, c, facets, match, ev.lazy && !c.Negate && !ev.inOr)
		if err != nil {
			return err
		}
		ts, isTerm := scorer.(termScorer)
		fallback := isTerm && ts.t.fallback
		if c.Negate {
			// "-word" removes the papers with the word; a word no paper
			// has removes nothing (its fuzzy matches are not the word).
			if !fallback {
				match.AndNot(set)
			}
			continue
		}
		if fallback && ev.inOr {
			clear(match)
			continue
		}
		match.And(set)
		if scorer != nil {
			ev.scorers = append(ev.scorers, scorer)
		}
		if c.Kind == ClauseText {
			spec := highlightSpec{words: c.Words, phrase: c.Phrase, fields: c.Fields}
			if isTerm {
				spec.term = ts.t
				ev.fuzzy = ev.fuzzy || fallback
				if fallback {
					ev.fallback = append(ev.fallback, ts.t.word)
					if !ts.t.set(c.Fields).Empty() {
						ev.fuzzed = append(ev.fuzzed, FuzzyTerm{Term: ts.t.word, As: ts.t.noteWords()})
					}
				}
			}
			ev.specs = append(ev.specs, spec)
		}
	}
	return nil
}

// union returns the papers of within that satisfy some alternative. The
// scorers of every alternative are kept: one a paper does not match adds
// nothing to its score.
func (s *Searcher) union(ctx context.Context, alts [][]Clause, facets Facets, within Bitset, ev *evaluation) (Bitset, error) {
	u := NewBitset(s.ix.Len())
	inOr := ev.inOr
	ev.inOr = true
	defer func() { ev.inOr = inOr }()
	for _, alt := range alts {
		m := within.Clone()
		if err := s.conj(ctx, alt, facets, m, ev); err != nil {
			return nil, err
		}
		u.Or(m)
	}
	return u, nil
}

// clauseSet returns the papers satisfying c (ignoring Negate) and, for text
// clauses, how to score a paper against it. within is the current match
// set: phrase verification only looks at those, and when lazy leaves it
// to the ranking.
func (s *Searcher) clauseSet(ctx context.Context, c Clause, facets Facets, within Bitset, lazy bool) (Bitset, clauseScorer, error) {
	n := s.ix.Len()
	switch c.Kind {
	case ClauseTag:
		s.refreshFacets(facets)
		set := NewBitset(n)
		if u, ok := s.userTags[c.Value]; ok {
			set.Or(u)
		}
		if t := s.topicSet(c.Value, facets); t != nil {
			set.Or(t)
		}
		return set, nil, nil
	case ClauseIs:
		s.refreshFacets(facets)
		switch c.Value {
		case "bookmarked":
			return s.bookmarked, nil, nil
		case "read":
			return s.read, nil, nil
		case "unread":
			set := NewBitset(n)
			set.Fill(n)
			set.AndNot(s.read)
			return set, nil, nil
		case "new":
			if facets.New == nil {
				return NewBitset(n), nil, nil
			}
			return facets.New, nil, nil
		}
	case ClauseHas:
		if !s.ix.intact(ArrayHasCode, 0, len(s.ix.hasCode)) {
			return nil, nil, s.ix.Err()
		}
		return s.ix.hasCode, nil, nil
	case ClauseYear:
		if !s.ix.intact(ArrayYears, 0, n) {
			return nil, nil, s.ix.Err()
		}
		set := NewBitset(n)
		for i, y := range s.ix.years {
			if y != 0 && int(y) >= c.YearFrom && int(y) <= c.YearTo {
				set.Set(i)
			}
		}
		return set, nil, nil
	case ClauseDate:
		if !s.ix.intact(ArrayDays, 0, n) {
			return nil, nil, s.ix.Err()
		}
		set := NewBitset(n)
		for i, d := range s.ix.days {
			if d != noDay && d >= c.DayFrom && d <= c.DayTo {
				set.Set(i)
			}
		}
		return set, nil, nil
	case ClauseCat:
		return s.scan(func(p *Paper) bool {
			for _, cat := range p.Categories {
				if hasFoldedPrefix(cat, c.Value) {
					return true
				}
			}
			return false
		}), nil, nil
	case ClauseSource:
		return s.scan(func(p *Paper) bool {
			for _, src := range p.Sources {
				if hasFoldedPrefix(filepath.Base(src), c.Value) {
					return true
				}
			}
			return false
		}), nil, nil
	case ClauseText:
		if !s.ix.text {
			return nil, nil, ErrNotIndexed
		}
		if len(c.Words) == 1 && !c.Phrase {
			t, err := s.term(ctx, c.Words[0])
			if err != nil {
				return nil, nil, err
			}
			return t.set(c.Fields), t.scorer(c.Fields), nil
		}
		return s.phrase(ctx, c, within, lazy)
	}
	return NewBitset(n), nil, nil
}

// scan returns the papers satisfying f. cat: and source: are rare enough in
// a query, and cheap enough per paper, not to need an index of their own.
func (s *Searcher) scan(f func(p *Paper) bool) Bitset {
	set := NewBitset(s.ix.Len())
	var scratch Paper
	for i := range s.ix.Len() {
		if f(s.ix.peek(i, &scratch)) {
			set.Set(i)
		}
	}
	return set
}

// hasFoldedPrefix reports whether s starts with the folded prefix.
func hasFoldedPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// NewPapers returns the papers of ix stored under keys (those first seen
// in the latest corpus load, for is:new).
func NewPapers(ix *Index, keys []string) Bitset {
	set := NewBitset(ix.Len())
	for _, key := range keys {
		if i, ok := ix.Lookup(key); ok {
			set.Set(i)
		}
	}
	return set
}

// refreshFacets rebuilds the sets derived from the user's marks when they
// changed. A million-paper corpus has few marks, so this walks the marks,
// not the corpus.
func (s *Searcher) refreshFacets(f Facets) {
	if s.marksBuilt && f.Marks.Version == s.marksVersion {
		return
	}
	n := s.ix.Len()
	s.bookmarked, s.read = NewBitset(n), NewBitset(n)
	s.userTags = map[string]Bitset{}
	for key, m := range f.Marks.ByKey {
		i, ok := s.ix.Lookup(key)
		if !ok {
			continue
		}
		if m.Bookmarked() {
			s.bookmarked.Set(i)
		}
		if m.Read {
			s.read.Set(i)
		}
		for _, tag := range m.Tags {
			set, ok := s.userTags[tag]
			if !ok {
				set = NewBitset(n)
				s.userTags[tag] = set
			}
			set.Set(i)
		}
	}
	s.marksVersion, s.marksBuilt = f.Marks.Version, true
}

func (s *Searcher) topicSet(key string, f Facets) Bitset {
	if f.TopicPapers == nil {
		return nil
	}
	if s.topicSets == nil || f.TopicsVersion != s.topicsVersion {
		s.topicSets, s.topicsVersion = map[string]Bitset{}, f.TopicsVersion
	}
	if set, ok := s.topicSets[key]; ok {
		return set
	}
	papers := f.TopicPapers(key)
	if papers == nil {
		s.topicSets[key] = nil
		return nil
	}
	set := NewBitset(s.ix.Len())
	for _, p := range papers {
		if int(p) < s.ix.Len() {
			set.Set(int(p))
		}
	}
	s.topicSets[key] = set
	return set
}
