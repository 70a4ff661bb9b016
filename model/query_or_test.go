package model

import (
	"slices"
	"strings"
	"testing"
)

func TestParseOrAndGroups(t *testing.T) {
	cases := []struct {
		query   string
		clauses []string
		hint    string
	}{
		{`lora OR dora OR "low-rank adaptation"`, []string{`(lora OR dora OR "low rank adaptation")`}, ""},
		{`(a OR b) -c`, []string{"(a OR b)", "-c"}, ""},
		// OR binds tighter than the implicit AND.
		{`lora OR dora year:2024`, []string{"(lora OR dora)", "year:2024..2024"}, ""},
		{`(a b) OR c`, []string{"(a b OR c)"}, ""},
		{`(a b)`, []string{"a", "b"}, ""},
		{`-(a OR b)`, []string{"-(a OR b)"}, ""},
		{`-(a)`, []string{"-a"}, ""},
		{`-(a b)`, []string{"-(a b)"}, ""},
		{`a or b`, []string{"a", "or", "b"}, ""},
		{`(a OR b`, []string{"(a OR b)"}, "unclosed ("},
		{`a) b`, []string{"a", "b"}, ""}, // inside a word, ) is punctuation
		{`) b`, []string{"b"}, "a ) without its ("},
		{`OR a`, []string{"a"}, "OR needs a search on each side"},
		{`a OR`, []string{"a"}, "OR needs a search on each side"},
		{`(title:lora OR tag:later) cat:math source:HF`, []string{"(title:lora OR tag:later)", "cat:math", "source:hf"}, ""},
		{`cat:`, nil, "cat: needs a value"},
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

func TestOrCatAndSourceResults(t *testing.T) {
	papers := []Paper{
		{Title: "LoRA for everyone", Abstract: "adapters", Categories: []string{"cs.LG"}, Sources: []string{"/data/hf-2026-01-01.jsonl"}},
		{Title: "DoRA decomposed", Abstract: "weights", Categories: []string{"cs.CL", "stat.ML"}, Sources: []string{"/data/arxiv.jsonl"}},
		{Title: "Graphs", Abstract: "low-rank adaptation of graphs", Categories: []string{"math.CO"}, Sources: []string{"/data/arxiv.jsonl"}},
		{Title: "Physics", Abstract: "nothing relevant", Categories: []string{"math-ph"}},
	}
	s := newTestSearcher(t, papers)
	for _, c := range []struct {
		query string
		want  []string
	}{
		{`lora OR dora OR "low-rank adaptation"`, []string{"LoRA for everyone", "DoRA decomposed", "Graphs"}},
		{`(lora OR dora) -decomposed`, []string{"LoRA for everyone"}},
		{`-(lora OR dora)`, []string{"Graphs", "Physics"}},
		{`(lora adapters) OR graphs`, []string{"LoRA for everyone", "Graphs"}},
		// A word nobody has adds no typo matches inside an OR.
		{`lora OR xqzzy`, []string{"LoRA for everyone"}},
		{`cat:math`, []string{"Graphs", "Physics"}},
		{`cat:math.`, []string{"Graphs"}},
		{`cat:STAT.ml`, []string{"DoRA decomposed"}},
		{`cat:cs -cat:cs.cl`, []string{"LoRA for everyone"}},
		{`source:hf`, []string{"LoRA for everyone"}},
		{`source:arxiv OR source:hf`, []string{"LoRA for everyone", "DoRA decomposed", "Graphs"}},
		{`-source:data`, []string{"LoRA for everyone", "DoRA decomposed", "Graphs", "Physics"}},
	} {
		r := search(t, s, c.query)
		got := titles(s, r)
		if !sameSet(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.query, got, c.want)
		}
	}
	// Words of every alternative are highlighted.
	r := search(t, s, "lora OR dora")
	for _, h := range r.Rows(0, r.Total) {
		if len(h.TitlePositions) == 0 {
			t.Errorf("%q: no title highlight for lora OR dora", papers[h.Paper].Title)
		}
	}
	q1, q2, q3 := ParseQuery("(lora OR dora) -x"), ParseQuery("a OR tag:x"), ParseQuery("(a OR is:new)")
	if terms := q1.TextTerms(); !slices.Equal(terms, []string{"lora", "dora"}) {
		t.Errorf("TextTerms = %q", terms)
	}
	if !q2.DependsOnMarks() || !q3.UsesNew() {
		t.Error("nested tag:/is:new clauses not seen")
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
