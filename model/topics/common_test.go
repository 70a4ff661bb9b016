package topics

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/papertui/papers/model"
)

func TestTermOfArt(t *testing.T) {
	for _, c := range []struct {
		display        string
		df, titleDF, n int
		want           bool
	}{
		{"search", 10, 3, 202, false},   // common English
		{"batch", 6, 2, 202, false},     // common English
		{"diffusion", 14, 6, 202, true}, // rare in general English
		{"distillation", 5, 2, 202, true},
		{"Adam", 5, 0, 202, true}, // a name: spelled with a capital
		{"capacity", 7, 2, 202, false},
		{"capacity", 150, 0, 202, true}, // common, but far more frequent here
		// Plurals rank as their noun does.
		{"responses", 6, 2, 202, false},
		{"properties", 6, 2, 202, false},
		{"pairs", 6, 2, 202, false},
		// Words of written prose: generic unless far more frequent here,
		// or frequent and in titles.
		{"dependence", 10, 2, 200, false},
		{"variables", 11, 1, 200, false},
		{"intermediate", 6, 2, 200, false},
		{"dependence", 10, 5, 200, true},  // what these papers are about
		{"dependence", 120, 0, 200, true}, // far more frequent here
		{"overfitting", 5, 0, 200, true},  // in no general list
		{"backpropagation", 3, 1, 200, true},
		// SCOWL's second band: generic words stay generic, learned words
		// that papers put in their titles are topics.
		{"clients", 6, 0, 202, false},
		{"mask", 8, 2, 202, false},
		{"quantum", 34, 11, 200, false},
		{"energy", 24, 7, 200, false},
		{"symmetry", 11, 6, 200, true},
		{"cosmology", 5, 2, 200, true},
		{"scattering", 13, 3, 200, true},
		// The first band is generic even in titles.
		{"search", 10, 5, 202, false},
	} {
		if got := termOfArt(c.display, c.df, c.titleDF, c.n); got != c.want {
			t.Errorf("termOfArt(%q, %d/%d, %d in titles) = %v, want %v", c.display, c.df, c.n, c.titleDF, got, c.want)
		}
	}
	if l := commonLevels(); l["the"] != 10 || l["batch"] != 20 || len(l) < 11000 {
		t.Errorf("the common list did not load: the=%d, batch=%d, %d words", l["the"], l["batch"], len(l))
	}
	// Within a level, written English orders the words.
	if r := commonRanks(); r["be"] != 1 || r["search"] >= r["manipulation"] {
		t.Errorf("common ranks: be=%d, search=%d, manipulation=%d", r["be"], r["search"], r["manipulation"])
	}
	if c := writtenCounts(); c["variable"] != 15 || len(c) < 10000 {
		t.Errorf("the written list did not load: variable=%d, %d words", c["variable"], len(c))
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

// Words of written prose ("dependence", "variables") are no topics, while
// the corpus's terms of art are.
func TestWrittenProseWordsAreNoTopics(t *testing.T) {
	fillers := []string{"Revisiting", "Scaling", "Taming", "Probing", "Understanding", "Rethinking", "Steering"}
	var papers []model.Paper
	for i := range 20 {
		papers = append(papers, model.Paper{
			Title:    fmt.Sprintf("%s LoRA %s with DPO", fillers[i%len(fillers)], fillers[(i+3)%len(fillers)]),
			Abstract: "We measure the dependence of overfitting on the variables of LoRA. The dependence on these variables is weak; overfitting persists under DPO.",
		})
	}
	for i := range 20 {
		papers = append(papers, model.Paper{
			Title:    fmt.Sprintf("%s ViT %s overfitting", fillers[(i+5)%len(fillers)], fillers[(i+1)%len(fillers)]),
			Abstract: "The dependence of ViT overfitting on its variables: the variables and the dependence we report.",
		})
	}
	for i := range 400 {
		papers = append(papers, model.Paper{Title: fmt.Sprintf("Other %d", i), Abstract: "Unrelated filler text about graphs."})
	}
	var names []string
	for _, tp := range Compute(model.PaperList(papers)).List {
		names = append(names, strings.ToLower(tp.Name))
	}
	for _, generic := range []string{"dependence", "variables"} {
		if slices.Contains(names, generic) {
			t.Errorf("generic word %q listed as a topic: %q", generic, names)
		}
	}
	for _, term := range []string{"lora", "dpo", "vit", "overfitting"} {
		if !slices.Contains(names, term) {
			t.Errorf("term of art %q missing from the topics: %q", term, names)
		}
	}
}
