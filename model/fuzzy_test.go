package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestTypoBudgetIsAUTO(t *testing.T) {
	for n, want := range map[int]int{1: 0, 2: 0, 3: 1, 5: 1, 6: 2, 11: 2} {
		if got := typoBudget(n); got != want {
			t.Errorf("typoBudget(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestOSADistanceCountsASwapAsOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b          string
		whole, prefix int
	}{
		{"loar", "lora", 1, 1},              // swap
		{"adversrial", "adversarial", 1, 1}, // missing letter
		{"difusion", "diffusion", 1, 1},
		{"trasnf", "transformer", 3, 1}, // a prefix one swap away
		{"lrlf", "lora", 2, 2},          // over budget: capped at k+1
	} {
		whole, prefix, _ := newTypoTable(c.a, 1).walk(c.b)
		if c.whole > 1 {
			c.whole = 2
		}
		if c.prefix > 1 {
			c.prefix = 2
		}
		if whole != c.whole || prefix != c.prefix {
			t.Errorf("distance(%q, %q) = %d, %d; want %d, %d", c.a, c.b, whole, prefix, c.whole, c.prefix)
		}
	}
}

// The trie walk must find what a word-by-word comparison finds.
func TestTypoWalkAgreesWordByWord(t *testing.T) {
	s := seedSearcher(t)
	ix := s.Index()
	for _, term := range []string{"loar", "adversrial", "trasnformer", "difusion", "lrlf", "trasnf", "teh", "promtp"} {
		got := map[int]int{}
		for _, w := range ix.typoCandidates(term) {
			got[w.id] = w.level
		}
		k := typoBudget(len(term))
		for id, w := range ix.vocab {
			if ix.vocabMask[id]&vocabTextBit == 0 {
				continue
			}
			whole, prefix, _ := newTypoTable(term, k).walk(w)
			want := -1
			switch {
			case whole <= k:
				want = typoLevel(max(whole, 1), true)
			case prefix <= k:
				want = typoLevel(max(prefix, 1), false)
			}
			if level, ok := got[id]; want >= 0 && (!ok || level != want) || want < 0 && ok {
				t.Errorf("%q vs %q: walk gives level %v (found %v), fresh table %d", term, w, level, ok, want)
			}
		}
	}
}

func TestTypoFindsTheWordItIsATypoOf(t *testing.T) {
	s := seedSearcher(t)
	lora := search(t, s, "lora")
	r := search(t, s, "loar")
	if r.Total > lora.Total+fuzzyCap(s.Index().Len()) {
		t.Errorf("loar matches %d papers, lora %d: the typo should find lora's papers, not scattered letters", r.Total, lora.Total)
	}
	got := titles(s, r)
	if slices.Contains(got, "Enhancing Adversarial Robustness in Low-Label Regime") {
		t.Errorf("loar still matches scattered letters: %q", got)
	}
	if !slices.Contains(got, lrlfTitle) {
		t.Errorf("loar misses %q", lrlfTitle)
	}
	if note := r.FuzzyNote(); note != "loar ≈ lora" {
		t.Errorf("note = %q, want loar ≈ lora", note)
	}
	// Fusion is two edits from difusion: the note names the closest word.
	if note := search(t, s, "difusion").FuzzyNote(); note != "difusion ≈ diffusion" {
		t.Errorf("difusion note = %q", note)
	}
	if note := search(t, s, "lrlf").FuzzyNote(); note != "lrlf ≈ initials" {
		t.Errorf("lrlf note = %q", note)
	}
}

func TestTypoFindsTheLongerFormsOfItsWord(t *testing.T) {
	s := seedSearcher(t)
	typo, word := search(t, s, "trasnformer"), search(t, s, "transformer")
	if got, want := titles(s, typo), titles(s, word); len(got) < len(want) {
		t.Errorf("trasnformer finds %d papers, transformer %d: the typo should find what its word finds", len(got), len(want))
	}
}

func TestTypoSearchesAbstractVocabulary(t *testing.T) {
	s := newTestSearcher(t, []Paper{
		{Title: "A Study", Abstract: "we measure perplexity on held-out text"},
		{Title: "Another Study", Abstract: "nothing related"},
	})
	r := search(t, s, "perplexiyt")
	if r.Total != 1 || r.Rows(0, 1)[0].Paper != 0 {
		t.Fatalf("a typo of an abstract-only word should find it: %v", titles(s, r))
	}
}

func TestScatteredLetterMatchesAreCapped(t *testing.T) {
	// Every title has the initials a-b-c-d; none has a word within an edit
	// of "abcd".
	var papers []Paper
	for i := range 400 {
		papers = append(papers, Paper{Title: fmt.Sprintf("Alpha Beta Gamma Delta number%d", i), Abstract: "x"})
	}
	s := newTestSearcher(t, papers)
	r := search(t, s, "abgd")
	if r.Total == 0 || r.Total > fuzzyCap(len(papers)) {
		t.Errorf("abgd matches %d of %d papers; a fuzzy term may match at most %d", r.Total, len(papers), fuzzyCap(len(papers)))
	}
}

func TestFuzzyTiersRankBelowExactPrefix(t *testing.T) {
	fuzzy := append([]int{scoreTitleSubstring, scoreTitleAcronym + 9}, scoreTitleTypo[:]...)
	for _, s := range fuzzy {
		if s >= scoreTitlePrefix {
			t.Errorf("fuzzy title score %d is not below the prefix score %d", s, scoreTitlePrefix)
		}
	}
	for _, s := range scoreAbstractTypo {
		if s >= scoreAbstractPrefix {
			t.Errorf("fuzzy abstract score %d is not below the prefix score %d", s, scoreAbstractPrefix)
		}
	}
	// Whole-word typos come before scattered letters, typos of a word being
	// typed after them.
	if !(scoreTitleTypo[typoWhole2] > scoreTitleSubstring && scoreTitleTypo[typoPrefix1] < scoreTitleAcronym) {
		t.Errorf("typo levels out of order: %v", scoreTitleTypo)
	}
}

func TestTypoHighlightsTheWholeWord(t *testing.T) {
	s := newTestSearcher(t, []Paper{{Title: "Adversarial Training", Abstract: "x"}})
	r := search(t, s, "adversrial")
	h := r.Rows(0, 1)
	if len(h) != 1 {
		t.Fatal("no match")
	}
	want := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	if !slices.Equal(h[0].TitlePositions, want) {
		t.Errorf("positions %v, want all of %q", h[0].TitlePositions, strings.Split("Adversarial", ""))
	}
}
