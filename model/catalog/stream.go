package catalog

import (
	"context"
	"sync/atomic"

	"github.com/papertui/papers/model"
)

// A Source reads a corpus the way grep reads a file: it decodes only the
// records keep accepts (from their raw bytes, see model.Prefilter) and hands
// the papers to each in batches, in corpus order, stopping when each
// returns false. Batches are not merged: a paper may come twice.
type Source func(keep func(syntax model.RecordSyntax, record, title []byte) bool, each func(batch []model.Paper) bool) error

// StreamRequest is a search that Stream may answer without loading the
// whole corpus.
type StreamRequest struct {
	Query model.Query
	Order model.SortOrder
	Limit int // 0: every match
	// SingleFile says the source is one file. Stopping early, and answering
	// from the title matches, are only sound within one file: a later file
	// may hold the same paper, and merging would change its ID.
	SingleFile bool
	Marks      model.Marks
	// NewKeys lists the papers first seen in the latest load, for is:new.
	NewKeys []string
	// Saved returns the library's snapshots of marked papers, which a
	// session shows beside the corpus.
	Saved func() ([]model.Paper, error)
}

// Streamable reports whether Stream can answer q at all: it needs text to
// prefilter on, and no tag: (topics need the whole corpus).
func Streamable(q model.Query) bool {
	if UsesTags(q) {
		return false
	}
	return model.NewPrefilter(q, model.SyntaxPlain) != nil && model.NewPrefilter(q, model.SyntaxJSON) != nil
}

// Stream answers r over src the way grep would: records whose bytes cannot
// match are skipped unread and only the rest is decoded. With relevance
// order and a limit it first reads only the records that may match in the
// title, since every title match outranks every abstract-only one: when
// there are Limit of those, the answer is among them. (Reading stops early
// only for a query without text: with text, a later paper of the same tier
// may be shorter or newer and outrank the first ones.) The answer is the
// full search's: every paper the full search could find by word is among
// the candidates, in corpus order.
//
// A term that starts no word is matched fuzzily, which needs the corpus's
// vocabulary: a second pass then keeps the records that hold the term with
// as many edits as a typo may carry (Prefilter.WithTypos). Those hold
// every word the term can be a typo of, so the answer is the full
// search's when the term is taken for a typo; the fuzzy caps are shares of
// the records counted, standing in for the papers.
//
// It returns a nil catalog when it cannot stand in for the full search: a
// query Streamable refuses, or a term matched as scattered letters
// (initials, part of a word), which needs every title.
func Stream(ctx context.Context, src Source, r StreamRequest) (*Catalog, *model.Result, error) {
	if !Streamable(r.Query) {
		return nil, nil, nil
	}
	plain, json := model.NewPrefilter(r.Query, model.SyntaxPlain), model.NewPrefilter(r.Query, model.SyntaxJSON)
	prefilter := func(syntax model.RecordSyntax) *model.Prefilter {
		if syntax == model.SyntaxJSON {
			return json
		}
		return plain
	}
	s := &stream{ctx: ctx, src: src, r: r}
	if r.Order == model.SortRelevance && r.Limit > 0 && r.SingleFile {
		titles := func(syntax model.RecordSyntax, record, title []byte) bool {
			pf := prefilter(syntax)
			return pf.KeepTitle(title) && pf.Keep(record) // the title is the shorter scan
		}
		cat, res, err := s.run(titles, true)
		if err != nil || cat != nil || s.fuzzy != nil {
			return s.typos(cat, res, err)
		}
	}
	all := func(syntax model.RecordSyntax, record, _ []byte) bool { return prefilter(syntax).Keep(record) }
	return s.typos(s.run(all, false))
}

// typos answers through the second pass when run found a fuzzy term.
func (s *stream) typos(cat *Catalog, res *model.Result, err error) (*Catalog, *model.Result, error) {
	if err != nil || s.fuzzy == nil {
		return cat, res, err
	}
	plain := model.NewPrefilter(s.r.Query, model.SyntaxPlain).WithTypos(s.fuzzy)
	json := model.NewPrefilter(s.r.Query, model.SyntaxJSON).WithTypos(s.fuzzy)
	s.typoPass = true
	s.records.Store(0)
	near := func(syntax model.RecordSyntax, record, _ []byte) bool {
		s.records.Add(1) // sources call keep from several goroutines
		if syntax == model.SyntaxJSON {
			return json.Keep(record)
		}
		return plain.Keep(record)
	}
	return s.run(near, false)
}

// stream is one streaming search (see Stream).
type stream struct {
	ctx context.Context
	src Source
	r   StreamRequest
	// fuzzy lists the terms that start no word, once a pass found them;
	// typoPass is the second pass, which counts the records it sees.
	fuzzy    []string
	typoPass bool
	records  atomic.Int64
}

func (s *stream) search(papers []model.Paper, rows int) (*Catalog, *model.Result, error) {
	ix, err := model.BuildIndex(s.ctx, papers)
	if err != nil {
		return nil, nil, err
	}
	cat := New(ix)
	cat.Marks = s.r.Marks
	if s.r.NewKeys != nil {
		cat.SetNew(s.r.Marks.LatestLoad, s.r.NewKeys)
	}
	searcher := model.NewSearcher(ix)
	if s.typoPass {
		searcher.SetCorpusSize(int(s.records.Load()))
	}
	res, err := searcher.Search(s.ctx, s.r.Query, cat.Facets(), s.r.Order, rows)
	return cat, res, err
}

// run reads the source through keep. titlesOnly says keep passes only
// records that may match in the title: the result then stands only if it
// has Limit title matches. A nil result means run cannot answer.
func (s *stream) run(keep func(model.RecordSyntax, []byte, []byte) bool, titlesOnly bool) (*Catalog, *model.Result, error) {
	// Every streamed query has text, and with text a later paper of the
	// same tier may be shorter or newer and outrank any found so far
	// (model/rank.go): read to the end.
	var kept []model.Paper
	limit := s.r.Limit
	err := s.src(keep, func(batch []model.Paper) bool {
		kept = append(kept, batch...)
		return true
	})
	if err != nil {
		return nil, nil, err
	}
	var saved []model.Paper
	if s.r.Saved != nil {
		if saved, err = s.r.Saved(); err != nil {
			return nil, nil, err
		}
	}
	papers := model.MergePapers(kept, saved)
	cat, res, err := s.search(papers, 0)
	switch {
	case err != nil:
		return nil, nil, err
	case res.Fuzzy && !s.typoPass:
		s.fuzzy = res.Fallback
		return nil, nil, nil
	case res.Fuzzy && !res.TypoOnly():
		return nil, nil, nil
	}
	if titlesOnly {
		titled := 0
		for _, h := range res.Rows(0, limit) {
			if h.InTitle {
				titled++
			}
		}
		if titled < limit {
			return nil, nil, nil // abstract-only matches count too: read everything
		}
	}
	return cat, res, nil
}

// UsesTags reports whether q filters on tags, which needs the topics of the
// whole corpus.
func UsesTags(q model.Query) bool {
	return q.Any(func(c model.Clause) bool { return c.Kind == model.ClauseTag })
}
