package synthetic

import (
	"slices"
	"strings"
	"testing"

	"github.com/papertui/papers/model"
)

func TestSyntheticPapersAreDeterministicAndRealistic(t *testing.T) {
	a := Papers(500, 7)
	b := Papers(500, 7)
	if !slices.EqualFunc(a, b, func(x, y model.Paper) bool { return x.Title == y.Title && x.Abstract == y.Abstract && x.ID == y.ID }) {
		t.Fatal("same seed gave different corpora")
	}
	c := Papers(500, 8)
	if a[0].Title == c[0].Title && a[1].Title == c[1].Title {
		t.Fatal("different seeds gave the same corpus")
	}
	var titleWords, abstractWords int
	ids := map[string]bool{}
	for _, p := range a {
		titleWords += len(strings.Fields(p.Title))
		abstractWords += len(strings.Fields(p.Abstract))
		if ids[p.ID] {
			t.Fatalf("duplicate id %s", p.ID)
		}
		ids[p.ID] = true
	}
	if avg := titleWords / len(a); avg < 8 || avg > 12 {
		t.Errorf("average title length %d words, want about 10", avg)
	}
	if avg := abstractWords / len(a); avg < 150 || avg > 190 {
		t.Errorf("average abstract length %d words, want about 170", avg)
	}
}
