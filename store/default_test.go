package store

import (
	"slices"
	"strings"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/internal/storetest"
)

func TestDefaultCorpus(t *testing.T) {
	papers, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	if len(papers) != 202 {
		t.Fatalf("got %d papers, want 202", len(papers))
	}
	storetest.CheckLoaded(t, papers)
	want := []string{
		"Universal Adversarial Triggers Are Not Universal",
		"Less is More: Selective Layer Finetuning with SubTuning",
		"A Simple Fine-tuning Is All You Need: Towards Robust Deep Learning Via Adversarial Fine-tuning",
	}
	if got := []string{papers[0].Title, papers[1].Title, papers[2].Title}; !slices.Equal(got, want) {
		t.Errorf("first titles (page order) = %q, want %q", got, want)
	}
	if got := papers[201].Title; got != "Regularized Mask Tuning: Uncovering Hidden Knowledge in Pre-trained Vision-Language Models" {
		t.Errorf("last title = %q", got)
	}
	seen := map[string]bool{}
	for _, p := range papers {
		if !slices.Equal(p.Sources, []string{"built-in"}) {
			t.Fatalf("%q: Sources = %q", p.Title, p.Sources)
		}
		if !strings.HasPrefix(p.ID, "t-") || p.ID != p.TitleID || p.Abstract == "" {
			t.Fatalf("%q: ID %q TitleID %q, abstract %d bytes", p.Title, p.ID, p.TitleID, len(p.Abstract))
		}
		if seen[p.ID] {
			t.Fatalf("duplicate ID %s", p.ID)
		}
		seen[p.ID] = true
	}
	if got := papers[201].Link(model.LinkOther); got != "https://wuw2019.github.io/R-AMT/" {
		t.Errorf("link of the last paper = %q", got)
	}
	// Each call returns papers of its own.
	papers[0].Title = "changed"
	again, _ := DefaultCorpus()
	if again[0].Title == "changed" {
		t.Error("DefaultCorpus shares papers between calls")
	}
}
