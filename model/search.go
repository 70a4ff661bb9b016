package model

import (
	"context"
	"slices"
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
	return &Searcher{ix: ix, terms: newTermCache(64)}
}

// Index returns the index searched.
func (s *Searcher) Index() *Index { return s.ix }

// Search evaluates q and returns its result with the first limit rows
// ready (more are computed on demand by Result.Rows). It returns ctx.Err()
// when cancelled.
func (s *Searcher) Search(ctx context.Context, q Query, facets Facets, order SortOrder, limit int) (*Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.ix.Len()
	match := NewBitset(n)
	match.Fill(n)
	// Positive clauses first: they shrink the set; negatives then subtract.
	clauses := slices.Clone(q.Clauses)
	slices.SortStableFunc(clauses, func(a, b Clause) int {
		switch {
		case a.Negate == b.Negate:
			return 0
		case b.Negate:
			return -1
		}
		return 1
	})
	var scorers []clauseScorer
	var specs []highlightSpec
	var fuzzed []FuzzyTerm
	var fallback []string
	fuzzy := false
	for _, c := range clauses {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		set, scorer, err := s.clauseSet(ctx, c, facets, match)
		if err != nil {
			return nil, err
		}
		if c.Negate {
			// "-word" removes the papers with the word; a word no paper
			// has removes nothing (its fuzzy matches are not the word).
			if ts, ok := scorer.(termScorer); !ok || !ts.t.fallback {
				match.AndNot(set)
			}
			continue
		}
		match.And(set)
		if scorer != nil {
			scorers = append(scorers, scorer)
		}
		if c.Kind == ClauseText {
			spec := highlightSpec{words: c.Words, phrase: c.Phrase, fields: c.Fields}
			if ts, ok := scorer.(termScorer); ok {
				spec.term = ts.t
				fuzzy = fuzzy || ts.t.fallback
				if ts.t.fallback {
					fallback = append(fallback, ts.t.word)
				}
				if ts.t.fallback && !ts.t.set(c.Fields).Empty() {
					fuzzed = append(fuzzed, FuzzyTerm{Term: ts.t.word, As: ts.t.noteWords()})
				}
			}
			specs = append(specs, spec)
		}
	}
	r := &Result{
		Query:    q,
		Hint:     q.Hint(),
		Order:    order,
		ix:       s.ix,
		match:    match,
		scorers:  scorers,
		specs:    specs,
		Total:    match.Count(),
		Fuzzy:    fuzzy,
		Fuzzed:   fuzzed,
		Fallback: fallback,
	}
	if err := r.prepare(ctx); err != nil {
		return nil, err
	}
	r.Rows(0, limit)
	return r, nil
}

// clauseSet returns the papers satisfying c (ignoring Negate) and, for text
// clauses, how to score a paper against it. within is the current match
// set: phrase verification only looks at those.
func (s *Searcher) clauseSet(ctx context.Context, c Clause, facets Facets, within Bitset) (Bitset, clauseScorer, error) {
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
		return s.ix.hasCode, nil, nil
	case ClauseYear:
		set := NewBitset(n)
		for i, y := range s.ix.years {
			if y != 0 && int(y) >= c.YearFrom && int(y) <= c.YearTo {
				set.Set(i)
			}
		}
		return set, nil, nil
	case ClauseDate:
		set := NewBitset(n)
		for i, d := range s.ix.days {
			if d != noDay && d >= c.DayFrom && d <= c.DayTo {
				set.Set(i)
			}
		}
		return set, nil, nil
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
		return s.phrase(ctx, c, within)
	}
	return NewBitset(n), nil, nil
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
