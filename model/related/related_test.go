package related

import (
	"math"
	"regexp"
	"slices"
	"sync"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

func seed(t testing.TB) []model.Paper {
	t.Helper()
	papers, err := synthetic.Seed()
	if err != nil {
		t.Fatal(err)
	}
	return papers
}

var relatedSeedIndex = sync.OnceValue(func() *Index {
	papers, _ := synthetic.Seed()
	return Build(model.PaperList(papers))
})

func relatedPaperTitled(t *testing.T, papers []model.Paper, title string) int {
	t.Helper()
	i := slices.IndexFunc(papers, func(p model.Paper) bool { return p.Title == title })
	if i < 0 {
		t.Fatalf("no paper %q in the seed", title)
	}
	return i
}

// relatedAbout counts the neighbours whose title or abstract matches re.
func relatedAbout(papers []model.Paper, neighbours []Neighbor, re *regexp.Regexp) int {
	n := 0
	for _, nb := range neighbours {
		if re.MatchString(papers[nb.Paper].Title + " " + papers[nb.Paper].Abstract) {
			n++
		}
	}
	return n
}

func TestRelatedSeedJudgements(t *testing.T) {
	papers := seed(t)
	index := relatedSeedIndex()
	peft := regexp.MustCompile(`(?i)\blora\b|\bpeft\b|parameter[- ]efficient|low[- ]rank`)
	adversarial := regexp.MustCompile(`(?i)adversarial(ly)? (training|robust|attacks?|examples?|perturbations?)|(robust|catastrophic) overfitting`)
	for _, c := range []struct {
		title   string
		about   *regexp.Regexp
		atLeast int
	}{
		// About one seed paper in six mentions LoRA or PEFT: five random
		// neighbours would hold about one.
		{"LoRA Learns Less and Forgets Less", peft, 4},
		{"LoRA+: Efficient Low Rank Adaptation of Large Models", peft, 4},
		// About one in three is on adversarial robustness.
		{"Fast Adversarial Training with Smooth Convergence", adversarial, 4},
		{"Improving Adversarial Robustness by Putting More Regularizations on Less Robust Samples", adversarial, 4},
		{"Adversarial Weight Perturbation Helps Robust Generalization", adversarial, 4},
	} {
		q := relatedPaperTitled(t, papers, c.title)
		got := index.Related(q, 5)
		if len(got) != 5 {
			t.Fatalf("%q has %d related papers", c.title, len(got))
		}
		if n := relatedAbout(papers, got, c.about); n < c.atLeast {
			var titles []string
			for _, nb := range got {
				titles = append(titles, papers[nb.Paper].Title)
			}
			t.Errorf("%q: %d of 5 related papers on its subject, want %d: %q", c.title, n, c.atLeast, titles)
		}
	}
}

// Over the whole seed, neighbours share the query's research area far more
// often than chance. Areas are keyword labels, independent of the index.
func TestRelatedSeedNeighboursShareTheArea(t *testing.T) {
	papers := seed(t)
	index := relatedSeedIndex()
	areas := []*regexp.Regexp{
		regexp.MustCompile(`(?i)adversarial (training|robustness|attack|example|perturbation)|robust overfitting|jailbreak`),
		regexp.MustCompile(`(?i)\blora\b|\bpeft\b|parameter[- ]efficient|low[- ]rank adapt`),
		regexp.MustCompile(`(?i)diffusion|text-to-image`),
		regexp.MustCompile(`(?i)continual|catastrophic forgetting`),
		regexp.MustCompile(`(?i)federated`),
		regexp.MustCompile(`(?i)\bclip\b|vision-language|\bvlms?\b`),
		regexp.MustCompile(`(?i)\bllms?\b|large language model|instruction[- ]tun`),
	}
	label := make([][]bool, len(papers))
	for i, p := range papers {
		text := p.Title + " " + p.Abstract
		for _, re := range areas {
			label[i] = append(label[i], re.MatchString(p.Title) || len(re.FindAllString(text, 2)) == 2)
		}
	}
	share := func(a, b int) bool {
		for k := range areas {
			if label[a][k] && label[b][k] {
				return true
			}
		}
		return false
	}
	var hits, total, chanceHits, chanceTotal int
	for q := range papers {
		if !slices.Contains(label[q], true) {
			continue
		}
		for _, nb := range index.Related(q, 5) {
			total++
			if share(q, nb.Paper) {
				hits++
			}
		}
		for d := range papers {
			if d != q {
				chanceTotal++
				if share(q, d) {
					chanceHits++
				}
			}
		}
	}
	precision, chance := float64(hits)/float64(total), float64(chanceHits)/float64(chanceTotal)
	t.Logf("neighbours sharing the area: %.2f, chance %.2f", precision, chance)
	if precision < 0.7 || precision < 3*chance {
		t.Errorf("neighbours share the area %.2f of the time, chance %.2f", precision, chance)
	}
}

func TestRelatedNeverOffersThePaperOrACopy(t *testing.T) {
	papers := slices.Clone(seed(t))
	q := relatedPaperTitled(t, papers, "LoRA Learns Less and Forgets Less")
	// The same paper from another source: re-cased, re-punctuated title,
	// same abstract.
	copied := papers[q]
	copied.Title = "LoRA learns less, and forgets less!"
	papers = append(papers, copied)
	c := len(papers) - 1
	index := Build(model.PaperList(papers))
	for _, from := range []int{q, c} {
		for _, nb := range index.Related(from, 20) {
			if nb.Paper == q || nb.Paper == c {
				t.Errorf("Related(%d) offers %d, the paper or its copy", from, nb.Paper)
			}
		}
	}
	// From any other paper, at most one of the two.
	for from := range papers {
		if from == q || from == c {
			continue
		}
		got := index.Related(from, len(papers))
		seen := map[string]bool{}
		for _, nb := range got {
			key := model.TitleKey(papers[nb.Paper].Title)
			if seen[key] {
				t.Fatalf("Related(%d) offers %q twice", from, papers[nb.Paper].Title)
			}
			seen[key] = true
		}
	}
}

func TestRelatedOrdersByScoreThenIndex(t *testing.T) {
	papers := []model.Paper{
		{Title: "Sparse attention for long documents", Abstract: "Sparse attention patterns make transformers read long documents."},
		// Two papers with the same words; their titles are stop words only,
		// distinct, so that they are not copies of each other.
		{Title: "The", Abstract: "Long documents with sparse attention and memory tokens."},
		{Title: "Those", Abstract: "Long documents with sparse attention and memory tokens."},
		{Title: "Protein folding with diffusion", Abstract: "Diffusion models fold proteins."},
	}
	got := Build(model.PaperList(papers)).Related(0, 3)
	if len(got) != 2 || got[0].Paper != 1 || got[1].Paper != 2 || got[0].Score != got[1].Score {
		t.Errorf("Related(0) = %+v, want papers 1 and 2 tied, 1 first", got)
	}
	// model.Paper 3 shares no word with paper 0: it is not related at all.
	for _, nb := range got {
		if nb.Paper == 3 {
			t.Error("an unrelated paper is offered")
		}
	}
	index := relatedSeedIndex()
	for q := range 202 {
		nbs := index.Related(q, 10)
		for i, nb := range nbs {
			if nb.Score <= 0 || nb.Score > 1+1e-6 {
				t.Fatalf("Related(%d) score %v out of (0, 1]", q, nb.Score)
			}
			if i > 0 && (nbs[i-1].Score < nb.Score || nbs[i-1].Score == nb.Score && nbs[i-1].Paper > nb.Paper) {
				t.Fatalf("Related(%d) out of order: %+v", q, nbs)
			}
		}
	}
}

func TestRelatedIsDeterministicAndSymmetric(t *testing.T) {
	papers := seed(t)
	a, b := relatedSeedIndex(), Build(model.PaperList(papers))
	for q := range papers {
		if x, y := a.Related(q, 5), b.Related(q, 5); !slices.Equal(x, y) {
			t.Fatalf("two builds differ for paper %d: %v, %v", q, x, y)
		}
	}
	// The score is a cosine: the same both ways.
	for q := range papers {
		for _, nb := range a.Related(q, 5) {
			for _, back := range a.Related(nb.Paper, 5) {
				if back.Paper == q && math.Abs(back.Score-nb.Score) > 1e-5 {
					t.Errorf("score %d→%d %v, %d→%d %v", q, nb.Paper, nb.Score, nb.Paper, q, back.Score)
				}
			}
		}
	}
}

func TestRelatedEdgeCases(t *testing.T) {
	var none *Index
	if none.Related(0, 5) != nil {
		t.Error("nil index answers")
	}
	empty := Build(model.PaperList(nil))
	if empty.Related(0, 5) != nil {
		t.Error("empty index answers")
	}
	index := relatedSeedIndex()
	for _, c := range []struct{ paper, k int }{{-1, 5}, {202, 5}, {0, 0}, {0, -3}} {
		if got := index.Related(c.paper, c.k); got != nil {
			t.Errorf("Related(%d, %d) = %v", c.paper, c.k, got)
		}
	}
	if got := index.Related(0, 1000); len(got) == 0 || len(got) > 201 {
		t.Errorf("Related(0, 1000) has %d papers", len(got))
	}
	// A paper with nothing but stop words has no terms, hence no neighbours.
	papers := []model.Paper{{Title: "On the", Abstract: "We show that it is."}, {Title: "Graph networks", Abstract: "Graph neural networks."}}
	if got := Build(model.PaperList(papers)).Related(0, 5); len(got) != 0 {
		t.Errorf("a paper without words has neighbours %v", got)
	}
}

func TestRelatedIsSafeForConcurrentUse(t *testing.T) {
	index := relatedSeedIndex()
	want := make([][]Neighbor, 202)
	for q := range want {
		want[q] = index.Related(q, 5)
	}
	var wg sync.WaitGroup
	errs := make(chan int, 202)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for q := w; q < 202; q += 2 {
				if !slices.Equal(index.Related(q, 5), want[q]) {
					errs <- q
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for q := range errs {
		t.Errorf("concurrent Related(%d) differs", q)
	}
}

func TestRelatedTokenizer(t *testing.T) {
	tok := newTokenizer()
	var got []uint64
	tok.each("Fine-tuning the LoRA's adapters", func(term uint64) { got = append(got, term) })
	want := []uint64{tok.term([]byte("fine")), tok.term([]byte("tuning")), tok.term([]byte("finetuning")), tok.term([]byte("lora")), tok.term([]byte("adapters"))}
	if !slices.Equal(got, want) {
		t.Errorf("terms %v, want %v", got, want)
	}
	if tok.term([]byte("the")) != 0 || tok.term([]byte("propose")) != 0 {
		t.Error("stop words give terms")
	}
	if tok.term([]byte("adapters")) != tok.term([]byte("adapter")) || tok.term([]byte("tuning")) != tok.term([]byte("tuned")) {
		t.Error("inflections give different terms")
	}
}
