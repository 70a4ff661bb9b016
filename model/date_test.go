package model

import (
	"context"
	"slices"
	"testing"
	"time"
)

func TestDateClauses(t *testing.T) {
	d := func(s string) time.Time {
		t, _ := time.Parse(time.DateOnly, s)
		return t
	}
	papers := []Paper{
		{Title: "Announced today", Announced: d("2026-11-30"), Published: d("2026-11-27")},
		{Title: "Announced last week", Announced: d("2026-11-24")},
		{Title: "Only published", Published: time.Date(2026, 11, 29, 23, 0, 0, 0, time.UTC)},
		{Title: "Undated"},
	}
	s := newTestSearcher(t, papers)
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.Local)
	for query, want := range map[string][]string{
		"date:today":                  {"Announced today"},
		"date:yesterday":              {"Only published"},
		"date:2026-11-24":             {"Announced last week"},
		"date:>=2026-11-25":           {"Announced today", "Only published"},
		"date:<2026-11-29":            {"Announced last week"},
		"date:7d":                     {"Announced today", "Announced last week", "Only published"},
		"date:2d":                     {"Announced today", "Only published"},
		"date:2026-11-20..2026-11-29": {"Announced last week", "Only published"},
		"-date:today":                 {"Announced last week", "Only published", "Undated"},
		"date:soon":                   {"Announced today", "Announced last week", "Only published", "Undated"},
	} {
		q := ParseQueryAt(query, now)
		r, err := s.Search(context.Background(), q, Facets{}, SortNewest, 100)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range r.Rows(0, r.Total) {
			got = append(got, s.Index().Paper(h.Paper).Title)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %q, want %q (hint %q)", query, got, want, r.Hint)
		}
	}
	if q := ParseQueryAt("date:soon", now); q.Hint() == "" {
		t.Error("date:soon gives no hint")
	}
	if c := ParseQueryAt("date:>=2026-11-25", now).Clauses[0].String(); c != "date:2026-11-25.." {
		t.Errorf("String() = %q", c)
	}
	// Newest first orders by announcement day, undated last.
	r, _ := s.Search(context.Background(), ParseQueryAt("", now), Facets{}, SortNewest, 100)
	var order []string
	for _, h := range r.Rows(0, r.Total) {
		order = append(order, s.Index().Paper(h.Paper).Title)
	}
	if !slices.Equal(order, []string{"Announced today", "Only published", "Announced last week", "Undated"}) {
		t.Errorf("newest order %q", order)
	}
}
