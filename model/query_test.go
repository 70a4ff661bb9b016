package model

import (
	"slices"
	"strings"
	"testing"
)

func clauseStrings(q Query) []string {
	var out []string
	for _, c := range q.Clauses {
		out = append(out, c.String())
	}
	return out
}

func TestParseQuery(t *testing.T) {
	cases := []struct {
		query   string
		clauses []string
		hint    string
	}{
		{"", nil, ""},
		{"LoRA  Learns", []string{"lora", "learns"}, ""},
		{`"low rank" adaptation`, []string{`"low rank"`, "adaptation"}, ""},
		{`-adversarial lora`, []string{"-adversarial", "lora"}, ""},
		{`title:lora abstract:"weight decay" au:Balázs`, []string{"title:lora", `abstract:"weight decay"`, "author:balazs"}, ""},
		{`tag:"To Read" -tag:later`, []string{"tag:to-read", "-tag:later"}, ""},
		{`is:Bookmarked is:unread is:new has:code`, []string{"is:bookmarked", "is:unread", "is:new", "has:code"}, ""},
		{`year:2024 year:2020..2022 year:>=2023 year:<2001`, []string{"year:2024..2024", "year:2020..2022", "year:2023..9999", "year:0..2000"}, ""},
		{`fine-tuning gpt-4`, []string{`"fine tuning"`, `"gpt 4"`}, ""},
		{`"unclosed phrase`, []string{`"unclosed phrase"`}, "unclosed quote"},
		{`foo:bar`, []string{`"foo bar"`}, "unknown field foo"},
		{`is:starred lora`, []string{"lora"}, "is:starred is not known"},
		{`title: lora`, []string{"lora"}, "title: needs a value"},
		{`-`, nil, ""},
		{`lo"ra`, []string{"lora"}, ""},
		{`tag:`, nil, "tag: needs a value"},
		{`tag:"   "`, nil, "tag name is empty"},
	}
	for _, c := range cases {
		q := ParseQuery(c.query)
		if got := clauseStrings(q); !slices.Equal(got, c.clauses) {
			t.Errorf("ParseQuery(%q) = %q, want %q", c.query, got, c.clauses)
		}
		if c.hint == "" && q.Hint() != "" {
			t.Errorf("ParseQuery(%q): unexpected hint %q", c.query, q.Hint())
		}
		if c.hint != "" && !strings.Contains(q.Hint(), c.hint) {
			t.Errorf("ParseQuery(%q): hint %q should contain %q", c.query, q.Hint(), c.hint)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`"a b" -c title:d tag:e is:read year:2020..2021`, `"`, `-"`, `::`, `a:"`, "tag:\x00", "é:ü"} {
		f.Add(s)
	}
	s := newTestSearcher(f, []Paper{{Title: "LoRA Learns", Abstract: "fine-tuning low-rank"}, {Title: "Other", Abstract: "text"}})
	f.Fuzz(func(t *testing.T, raw string) {
		q := ParseQuery(raw)
		for _, c := range q.Clauses {
			if c.Kind == ClauseText && len(c.Words) == 0 {
				t.Fatalf("%q: text clause without words", raw)
			}
		}
		r, err := s.Search(t.Context(), q, Facets{}, SortRelevance, 5)
		if err != nil {
			t.Fatalf("%q: %v", raw, err)
		}
		for _, h := range r.Rows(0, r.Total) {
			p := s.Index().Paper(h.Paper)
			for _, pos := range h.TitlePositions {
				if pos < 0 || pos >= runeLen(p.Title) {
					t.Fatalf("%q: title position %d outside %q", raw, pos, p.Title)
				}
			}
			for _, pos := range h.AbstractPositions {
				if pos < 0 || pos >= runeLen(p.Abstract) {
					t.Fatalf("%q: abstract position %d outside %q", raw, pos, p.Abstract)
				}
			}
		}
	})
}
