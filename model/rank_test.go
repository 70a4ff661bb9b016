package model

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func rankedTitles(t *testing.T, papers []Paper, query string) []string {
	t.Helper()
	s := newTestSearcher(t, papers)
	return titles(s, search(t, s, query))
}

func TestRankWholeWordOverPrefix(t *testing.T) {
	got := rankedTitles(t, []Paper{
		{Title: "Mixing LoRAs", Abstract: "x"},
		{Title: "Mixing LoRA", Abstract: "x"},
	}, "lora")
	if got[0] != "Mixing LoRA" {
		t.Errorf("the whole word should rank first: %q", got)
	}
}

func TestRankMoreQueryWordsInTheTitle(t *testing.T) {
	got := rankedTitles(t, []Paper{
		{Title: "Sparse Models", Abstract: "about attention"},
		{Title: "Sparse Attention Models", Abstract: "x"},
	}, "sparse attention")
	if got[0] != "Sparse Attention Models" {
		t.Errorf("both words in the title should rank first: %q", got)
	}
}

func TestRankShorterTitleFirstWithinATier(t *testing.T) {
	got := rankedTitles(t, []Paper{
		{Title: "A Long Survey of Many Things Including Diffusion and More Besides", Abstract: "x"},
		{Title: "Diffusion Models", Abstract: "x"},
	}, "diffusion")
	if got[0] != "Diffusion Models" {
		t.Errorf("BM25F: the word in a short title says more: %q", got)
	}
}

func TestRankShorterAbstractFirstWithinATier(t *testing.T) {
	long := "we study " + repeatWords("other", 300) + " diffusion"
	got := rankedTitles(t, []Paper{
		{Title: "First", Abstract: long},
		{Title: "Second", Abstract: "we study diffusion"},
	}, "diffusion")
	if got[0] != "Second" {
		t.Errorf("BM25F: the word in a short abstract says more: %q", got)
	}
}

func TestRankTitleWeightedOverAbstract(t *testing.T) {
	// At their fields' average lengths.
	title := int(bm25Saturation[bm25Weight(FieldTitle, bm25AvgTitle)])
	abstract := int(bm25Saturation[bm25Weight(FieldAbstract, bm25AvgAbstract)])
	if title <= abstract {
		t.Errorf("a title word (%d) should weigh more than an abstract word (%d)", title, abstract)
	}
}

func TestRankNewerFirstWithinATier(t *testing.T) {
	day := func(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }
	got := rankedTitles(t, []Paper{
		{Title: "Quantum Walks", Abstract: "x", Published: day(2008)},
		{Title: "Quantum Gates", Abstract: "x", Published: day(2024)},
		{Title: "Quantum Codes", Abstract: "x", Published: day(2016)},
	}, "quantum")
	if want := []string{"Quantum Gates", "Quantum Codes", "Quantum Walks"}; !slices.Equal(got, want) {
		t.Errorf("same tier and length should list the newest first: %q", got)
	}
}

func TestRankEmptyQueryKeepsCorpusOrder(t *testing.T) {
	day := func(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }
	got := rankedTitles(t, []Paper{
		{Title: "Trending First", Abstract: "x", Published: day(2008)},
		{Title: "Trending Second", Abstract: "x", Published: day(2024)},
	}, "")
	if want := []string{"Trending First", "Trending Second"}; !slices.Equal(got, want) {
		t.Errorf("the empty query keeps the page order: %q", got)
	}
}

func TestTopByScoreAgreesWithAFullSort(t *testing.T) {
	s := seedSearcher(t)
	r := search(t, s, "model")
	var all []rankedPaper
	k := 0
	r.match.Each(func(i int) bool {
		all = append(all, rankedPaper{r.scores[k], r.fine(i), int32(i)})
		k++
		return true
	})
	slices.SortFunc(all, compareRanked)
	for _, need := range []int{1, 7, 30, r.Total} {
		for k, p := range r.topByScore(need) {
			if int(all[k].paper) != p {
				t.Fatalf("need=%d: row %d is paper %d, a full sort has %d", need, k, p, all[k].paper)
			}
		}
	}
}

func repeatWords(w string, n int) string {
	out := w
	for range n - 1 {
		out += " " + w
	}
	return out
}

func TestSortByUpvotes(t *testing.T) {
	papers := []Paper{
		{Title: "Few votes", Abstract: "x", Upvotes: 3},
		{Title: "No votes", Abstract: "x"},
		{Title: "Many votes", Abstract: "x", Upvotes: 90},
		{Title: "Also few", Abstract: "x", Upvotes: 3},
	}
	s := newTestSearcher(t, papers)
	r, err := s.Search(t.Context(), ParseQuery(""), Facets{}, SortUpvotes, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := titles(s, r), []string{"Many votes", "Few votes", "Also few", "No votes"}; !slices.Equal(got, want) {
		t.Errorf("by upvotes: %q, want %q (ties in corpus order)", got, want)
	}
	if !s.Index().Useful(SortUpvotes) || s.Index().Useful(SortNewest) {
		t.Error("upvotes are useful here, dates are not")
	}
	if NewIndex([]Paper{{Title: "x"}}).Useful(SortUpvotes) {
		t.Error("a corpus without upvotes has no use for sorting by them")
	}
}

func TestRankQueryWordsSideBySide(t *testing.T) {
	got := rankedTitles(t, []Paper{
		{Title: "Adapter Tuning for Sparse LoRA", Abstract: "x"},
		{Title: "Sparse LoRA Adapter Tuning Methods", Abstract: "x"},
	}, "lora adapter")
	if got[0] != "Sparse LoRA Adapter Tuning Methods" {
		t.Errorf("the words side by side should rank first: %q", got)
	}
}

func TestAdjacentInTitle(t *testing.T) {
	for _, c := range []struct {
		title, a, b string
		want        bool
	}{
		{"LoRA Adapters at Scale", "lora", "adapter", true},
		{"Low-Rank Adaptation", "low", "rank", true},
		{"AutoLoRA: Adapters", "lora", "adapter", true}, // a camelCase piece, then punctuation
		{"Adapters and LoRA", "lora", "adapter", false},
		{"LoRA and Adapters", "lora", "adapter", false},
		{"Flora Adapters", "lora", "adapter", false}, // inside a word
		{"Schrödinger LoRA Adapters", "lora", "adapter", true},
		{"Schrödinger Adapters, LoRA", "lora", "adapter", false},
	} {
		if got := adjacentInTitle(c.title, c.a, c.b); got != c.want {
			t.Errorf("adjacentInTitle(%q, %q, %q) = %v, want %v", c.title, c.a, c.b, got, c.want)
		}
	}
}

// A match set large enough to be scored on every core keeps each score at
// its paper's place in corpus order, and the histogram counts them all.
func TestScoresOnEveryCoreKeepCorpusOrder(t *testing.T) {
	words := []string{"lora", "learning", "large", "lattice", "low"}
	papers := make([]Paper, 3*minParallelScores)
	for i := range papers {
		papers[i] = Paper{Title: fmt.Sprintf("%s %d", words[i%5], i), Abstract: words[(i/7)%5] + " " + words[(i/3)%5]}
		if i%11 == 0 {
			papers[i].Title = fmt.Sprintf("paper %d", i) // an abstract-only match
		}
	}
	r := search(t, newTestSearcher(t, papers), "l")
	if r.Total != len(papers) || len(r.scores) != r.Total {
		t.Fatalf("%d matches, %d scores; want %d", r.Total, len(r.scores), len(papers))
	}
	k, counted := 0, int32(0)
	r.match.Each(func(i int) bool {
		if r.scores[k] != r.score(i) {
			t.Fatalf("score %d is %d, paper %d scores %d", k, r.scores[k], i, r.score(i))
		}
		k++
		return true
	})
	for _, c := range r.hist {
		counted += c
	}
	if int(counted) != r.Total {
		t.Fatalf("the histogram counts %d of %d", counted, r.Total)
	}
}
