package topics

import (
	"fmt"
	"slices"
	"testing"

	"github.com/papertui/papers/model"
)

func TestTermOfArt(t *testing.T) {
	for _, c := range []struct {
		display string
		df, n   int
		want    bool
	}{
		{"search", 10, 202, false},   // common English
		{"batch", 6, 202, false},     // common English
		{"diffusion", 14, 202, true}, // rare in general English
		{"distillation", 5, 202, true},
		{"Adam", 5, 202, true}, // a name: spelled with a capital
		{"capacity", 7, 202, false},
		{"capacity", 150, 202, true}, // common, but far more frequent here
		// Plurals rank as their noun does: spoken English rates
		// "responses" rare, written English does not.
		{"responses", 6, 202, false},
		{"properties", 6, 202, false},
		{"pairs", 6, 202, false},
	} {
		if got := termOfArt(c.display, c.df, c.n); got != c.want {
			t.Errorf("termOfArt(%q, %d/%d) = %v, want %v", c.display, c.df, c.n, got, c.want)
		}
	}
	if r := commonRanks(); r["the"] != 3 || len(r) < 19000 {
		t.Errorf("the frequency list did not load: the=%d, %d words", r["the"], len(r))
	}
}

func TestCommonWordsAreNoTopics(t *testing.T) {
	var papers []model.Paper
	for i := range 30 {
		papers = append(papers, model.Paper{
			Title:    fmt.Sprintf("Paper %d", i),
			Abstract: "We search for diffusion samplers in a large batch. The search uses diffusion.",
		})
	}
	for i := range 60 {
		papers = append(papers, model.Paper{Title: fmt.Sprintf("Other %d", i), Abstract: "Unrelated filler text about graphs."})
	}
	var names []string
	for _, tp := range Compute(model.PaperList(papers)).List {
		names = append(names, tp.Name)
	}
	if slices.Contains(names, "search") || slices.Contains(names, "batch") {
		t.Errorf("common words listed as topics: %q", names)
	}
	if !slices.Contains(names, "diffusion") {
		t.Errorf("diffusion should be a topic: %q", names)
	}
}

func TestCategoryShowsOnceAsCodeAndName(t *testing.T) {
	if got := model.CategoryDisplayName("cs.ro"); got != "cs.RO Robotics" {
		t.Errorf("category shown as %q, want cs.RO Robotics", got)
	}
}
