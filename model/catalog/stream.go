package catalog

import (
	"context"

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
// there are Limit of those, the answer is among them, and reading stops as
// soon as Limit papers with the best possible score are found (ties keep
// corpus order, so nothing later can outrank them). The answer is the full
// search's: every paper the full search could find by word is among the
// candidates, in corpus order.
//
// It returns a nil catalog when it cannot stand in for the full search: a
// query Streamable refuses, or a term that starts no word, whose fuzzy
// matches need every title.
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
			return pf.Keep(record) && pf.KeepTitle(title)
		}
		cat, res, err := s.run(titles, true)
		if err != nil || res != nil {
			return cat, res, err
		}
	}
	all := func(syntax model.RecordSyntax, record, _ []byte) bool { return prefilter(syntax).Keep(record) }
	return s.run(all, false)
}

// stream is one streaming search (see Stream).
type stream struct {
	ctx context.Context
	src Source
	r   StreamRequest
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
	res, err := model.NewSearcher(ix).Search(s.ctx, s.r.Query, cat.Facets(), s.r.Order, rows)
	return cat, res, err
}

// run reads the source through keep. titlesOnly says keep passes only
// records that may match in the title: the result then stands only if it
// has Limit title matches. A nil result means run cannot answer.
func (s *stream) run(keep func(model.RecordSyntax, []byte, []byte) bool, titlesOnly bool) (*Catalog, *model.Result, error) {
	var kept, best []model.Paper
	limit := s.r.Limit
	early := s.r.Order == model.SortRelevance && limit > 0 && s.r.SingleFile
	// A repeated record only repeats (same arXiv id, same title): best
	// counts each paper once.
	inBest := map[string]bool{}
	var searchErr error
	err := s.src(keep, func(batch []model.Paper) bool {
		kept = append(kept, batch...)
		if !early || len(batch) == 0 {
			return true
		}
		cat, res, err := s.search(batch, limit)
		if err != nil {
			searchErr = err
			return false
		}
		if res.Fuzzy {
			early = false
			return true
		}
		// Rows come best first, ties in corpus order.
		for _, h := range res.Rows(0, res.Total) {
			if !res.Best(h) || len(best) == limit {
				break
			}
			if p := cat.Index.Paper(h.Paper); !inBest[p.ID] {
				inBest[p.ID] = true
				best = append(best, *p)
			}
		}
		return len(best) < limit
	})
	if err == nil {
		err = searchErr
	}
	if err != nil {
		return nil, nil, err
	}
	var papers []model.Paper
	if early && len(best) >= limit {
		papers = model.MergePapers(best)
	} else {
		var saved []model.Paper
		if s.r.Saved != nil {
			if saved, err = s.r.Saved(); err != nil {
				return nil, nil, err
			}
		}
		papers = model.MergePapers(kept, saved)
	}
	cat, res, err := s.search(papers, 0)
	if err != nil || res.Fuzzy {
		return nil, nil, err
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
