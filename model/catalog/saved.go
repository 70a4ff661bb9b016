package catalog

import (
	"context"

	"github.com/papertui/papers/model"
)

// SavedCount is what a saved search finds now: its papers, and how many
// of them are new (first seen in the latest load that added papers).
type SavedCount struct {
	model.SavedSearch
	Count, New int
}

// CountSaved runs each saved search. The browser's tag pane and `papers
// watch` share it, so the two always agree.
func CountSaved(ctx context.Context, s *model.Searcher, f model.Facets, saved []model.SavedSearch) ([]SavedCount, error) {
	out := make([]SavedCount, 0, len(saved))
	for _, sv := range saved {
		q := model.ParseQuery(sv.Query)
		r, err := s.Search(ctx, q, f, model.SortRelevance, 0)
		if err != nil {
			return nil, err
		}
		c := SavedCount{SavedSearch: sv, Count: r.Total}
		if f.New != nil {
			q.Clauses = append(q.Clauses, model.Clause{Kind: model.ClauseIs, Value: "new"})
			r, err := s.Search(ctx, q, f, model.SortRelevance, 0)
			if err != nil {
				return nil, err
			}
			c.New = r.Total
		}
		out = append(out, c)
	}
	return out, nil
}
