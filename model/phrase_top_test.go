package model_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

// TestSearchTopRanksLikeSearch: reading phrase candidates only as far as
// the ranking needs gives the rows of the full search, the same papers in
// the same order with the same scores and highlights, for phrases common
// and rare, in titles and abstracts, mixed with words, negated and in an
// OR, at every limit and when the rows are read a page at a time; once
// every row is read the total is the full search's.
func TestSearchTopRanksLikeSearch(t *testing.T) {
	papers := synthetic.Zipf(4000, 3)
	ix, err := model.BuildIndex(context.Background(), papers)
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{
		`"of the"`, `"the model"`, `"neural network"`, `"learning"`, `"a"`, `"of"`, `title:"of the"`,
		`"of the" learning`, `learning "of the"`, `"of the" -"the model"`, `"of the" OR "in the"`,
		`"of the" "the model"`, `"zzqq xx"`, `"of the" year:2010..2014`, `"of th"`, `"n"`,
	}
	// Phrases of the corpus itself, from titles (the title tier) and
	// abstracts.
	rng := rand.New(rand.NewPCG(7, 7))
	for range 24 {
		p := papers[rng.IntN(len(papers))]
		text := p.Abstract
		if rng.IntN(2) == 0 {
			text = p.Title
		}
		words := strings.Fields(strings.NewReplacer(".", "").Replace(text))
		k := rng.IntN(len(words) - 2)
		queries = append(queries, fmt.Sprintf("%q", strings.Join(words[k:k+2+rng.IntN(2)], " ")))
	}
	ctx := context.Background()
	matched := 0
	for _, raw := range queries {
		q := model.ParseQuery(raw)
		full, err := model.NewSearcher(ix).Search(ctx, q, model.Facets{}, model.SortRelevance, 0)
		if err != nil {
			t.Fatal(err)
		}
		want := rankKeys(full.Ranked(0, full.Total))
		matched += full.Total
		for _, limit := range []int{1, 5, 50, 200} {
			top, err := model.NewSearcher(ix).SearchTop(ctx, q, model.Facets{}, model.SortRelevance, limit)
			if err != nil {
				t.Fatal(err)
			}
			if top.Total < full.Total {
				t.Fatalf("%s: estimated total %d below the real %d", raw, top.Total, full.Total)
			}
			if got := rankKeys(top.Ranked(0, limit)); !reflect.DeepEqual(got, want[:min(limit, len(want))]) {
				t.Fatalf("%s limit %d: rows differ from the full search", raw, limit)
			}
			if limit <= 50 && !reflect.DeepEqual(top.Rows(0, limit), full.Rows(0, limit)) {
				t.Fatalf("%s limit %d: highlights differ from the full search", raw, limit)
			}
		}
		// Page by page, as a list scrolls.
		top, err := model.NewSearcher(ix).SearchTop(ctx, q, model.Facets{}, model.SortRelevance, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []model.Hit
		for offset := 0; offset < top.Total; offset += 7 {
			got = append(got, rankKeys(top.Ranked(offset, 7))...)
		}
		if top.Total != full.Total || top.Estimate || !reflect.DeepEqual(got, want) && len(want) > 0 {
			t.Fatalf("%s: read whole, total %d (estimate %v), want %d, rows equal %v", raw, top.Total, top.Estimate, full.Total, reflect.DeepEqual(got, want))
		}
	}
	if matched < 500 {
		t.Fatalf("only %d matches over every query: the test checks too little", matched)
	}
}

// rankKeys is hits without their highlights, which only Rows fills in.
func rankKeys(hits []model.Hit) []model.Hit {
	out := slices.Clone(hits)
	for i := range out {
		out[i].TitlePositions, out[i].AbstractPositions = nil, nil
	}
	return out
}
