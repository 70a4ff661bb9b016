package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/papertui/papers/model"
)

// memorySource streams papers as plain-text records of batch papers each,
// and counts the records it was asked to decode.
type memorySource struct {
	papers  []model.Paper
	batch   int
	decoded int
}

func (m *memorySource) stream(keep func(model.RecordSyntax, []byte, []byte) bool, each func([]model.Paper) bool) error {
	var batch []model.Paper
	for _, p := range m.papers {
		record := []byte(p.Title + "\n" + p.Abstract)
		if !keep(model.SyntaxPlain, record, record[:len(p.Title)]) {
			continue
		}
		m.decoded++
		batch = append(batch, p)
		if len(batch) == m.batch {
			if !each(batch) {
				return nil
			}
			batch = nil
		}
	}
	if len(batch) > 0 {
		each(batch)
	}
	return nil
}

func testPapers() []model.Paper {
	words := []string{"lora", "adapter", "robust", "diffusion", "graph", "quantum", "sparse", "attention", "kernel", "bandit"}
	var papers []model.Paper
	for i := range 600 {
		// Titles and abstracts draw on overlapping words at different
		// rates, so some queries match titles often and others mostly
		// abstracts; every tenth paper repeats an earlier one.
		t1, t2 := words[i%len(words)], words[(i*7/3)%len(words)]
		a1, a2 := words[(i*3+1)%len(words)], words[(i/5)%len(words)]
		p := model.Paper{
			Title:    fmt.Sprintf("On %s and %s number %d", t1, t2, i),
			Abstract: fmt.Sprintf("We study %s with %s, then %s.", a1, a2, t1),
		}
		// "manifold" is mostly an abstract word: a limited search cannot
		// stop at the few titles that have it.
		if i%3 == 0 {
			p.Abstract += " On a manifold."
		}
		if i%250 == 0 {
			p.Title += " on a manifold"
		}
		if i%10 == 9 {
			p = papers[i/2]
		}
		p.AssignIDs()
		papers = append(papers, p)
	}
	return papers
}

// fullSearch is what the browser does: index every paper, search.
func fullSearch(t *testing.T, papers []model.Paper, q model.Query, order model.SortOrder, limit int) []string {
	t.Helper()
	ix, err := model.BuildIndex(context.Background(), model.MergePapers(papers))
	if err != nil {
		t.Fatal(err)
	}
	res, err := model.NewSearcher(ix).Search(context.Background(), q, New(ix).Facets(), order, 0)
	if err != nil {
		t.Fatal(err)
	}
	return ids(ix, res, limit)
}

func ids(ix *model.Index, res *model.Result, limit int) []string {
	if limit == 0 {
		limit = res.Total
	}
	var out []string
	for _, h := range res.Rows(0, limit) {
		out = append(out, ix.Paper(h.Paper).ID)
	}
	return out
}

func TestStreamEqualsFullSearch(t *testing.T) {
	papers := testPapers()
	for _, query := range []string{"lora", "lora adapter", "quantum -graph", "robust", "bandit kernel", `"sparse attention"`, "number 12", "diffusion", "manifold",
		// typos, answered by the second pass
		"difusion", "quantmu", "lora adaptr", "atention -graph",
		// a swapped pair (one edit) in a short word, a long one and a
		// mostly-abstract one; a typo beside an exact word; a typo in a
		// word still being typed
		"lroa", "attnetion", "manfiold", "grpah kernel", "difusio"} {
		for _, order := range []model.SortOrder{model.SortRelevance, model.SortTitle} {
			for _, limit := range []int{0, 1, 5, 50} {
				for _, single := range []bool{true, false} {
					name := fmt.Sprintf("%s/%v/limit=%d/single=%v", query, order, limit, single)
					q := model.ParseQuery(query)
					src := &memorySource{papers: papers, batch: 64}
					cat, res, err := Stream(context.Background(), src.stream, StreamRequest{Query: q, Order: order, Limit: limit, SingleFile: single})
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					if cat == nil {
						t.Fatalf("%s: Stream could not answer", name)
					}
					got, want := ids(cat.Index, res, limit), fullSearch(t, papers, q, order, limit)
					if !slices.Equal(got, want) {
						t.Errorf("%s:\n got %q\nwant %q", name, got, want)
					}
				}
			}
		}
	}
}

// A limited search reads only the records whose title may match. It can no
// longer stop at the first Limit of them: a later one of the same tier may
// be shorter or newer and rank above them.
func TestStreamReadsOnlyTitleCandidates(t *testing.T) {
	papers := testPapers()
	src := &memorySource{papers: papers, batch: 16}
	q := model.ParseQuery("lora")
	if _, _, err := Stream(context.Background(), src.stream, StreamRequest{Query: q, Limit: 3, SingleFile: true}); err != nil {
		t.Fatal(err)
	}
	all := &memorySource{papers: papers, batch: 16}
	if _, _, err := Stream(context.Background(), all.stream, StreamRequest{Query: q}); err != nil {
		t.Fatal(err)
	}
	if src.decoded*3 > all.decoded*2 {
		t.Errorf("a limited search decoded %d records, the full one %d: it read more than the title candidates", src.decoded, all.decoded)
	}
}

// A typo costs one pass over the raw records and decodes only those that
// can hold a word it is a typo of.
func TestStreamAnswersATypoFromTheRecordsNearIt(t *testing.T) {
	papers := testPapers()
	src := &memorySource{papers: papers, batch: 64}
	cat, res, err := Stream(context.Background(), src.stream, StreamRequest{Query: model.ParseQuery("bandti"), Limit: 5, SingleFile: true})
	if err != nil || cat == nil {
		t.Fatalf("Stream: %v, %v", cat != nil, err)
	}
	if note := res.FuzzyNote(); note != "bandti ≈ bandit" {
		t.Errorf("note %q", note)
	}
	with := 0
	for _, p := range papers {
		if strings.Contains(p.Title+" "+p.Abstract, "bandit") {
			with++
		}
	}
	// The byte view runs words together ("and then" is "andthen"), so a few
	// more records than those with the word pass.
	if src.decoded < with || src.decoded*2 > len(papers) {
		t.Errorf("decoded %d of %d records for a typo of a word %d of them hold", src.decoded, len(papers), with)
	}
}

func TestStreamAddsSavedPapers(t *testing.T) {
	papers := testPapers()
	saved := model.Paper{Title: "A lora paper from another corpus"}
	saved.AssignIDs()
	src := &memorySource{papers: papers, batch: 64}
	cat, res, err := Stream(context.Background(), src.stream, StreamRequest{
		Query: model.ParseQuery("another corpus"),
		Saved: func() ([]model.Paper, error) { return []model.Paper{saved}, nil },
	})
	if err != nil || cat == nil {
		t.Fatalf("Stream: %v, %v", cat, err)
	}
	if got := ids(cat.Index, res, 0); !slices.Equal(got, []string{saved.ID}) {
		t.Errorf("got %q, want the saved paper", got)
	}
}

func TestStreamDeclines(t *testing.T) {
	src := &memorySource{papers: testPapers(), batch: 64}
	// qzxv is a typo of nothing; ladn is initials (lora and diffusion
	// number), which need every title.
	for _, query := range []string{"", "tag:lora", "-lora", "qzxv", "ladn"} {
		cat, _, err := Stream(context.Background(), src.stream, StreamRequest{Query: model.ParseQuery(query), Limit: 5, SingleFile: true})
		if err != nil || cat != nil {
			t.Errorf("%q: got a catalog (%v, %v); the full search must answer", query, cat != nil, err)
		}
	}
}

// Sources call keep from several goroutines (the JSON Lines loader parses
// chunks in parallel): the typo pass's record count must not race. Run
// with -race, as CI does.
func TestStreamKeepIsSafeForConcurrentSources(t *testing.T) {
	papers := testPapers()
	src := func(keep func(model.RecordSyntax, []byte, []byte) bool, each func([]model.Paper) bool) error {
		kept := make([]bool, len(papers))
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Go(func() {
				for i := w; i < len(papers); i += 4 {
					record := []byte(papers[i].Title + "\n" + papers[i].Abstract)
					kept[i] = keep(model.SyntaxPlain, record, record[:len(papers[i].Title)])
				}
			})
		}
		wg.Wait()
		var batch []model.Paper
		for i, k := range kept {
			if k {
				batch = append(batch, papers[i])
			}
		}
		each(batch)
		return nil
	}
	cat, res, err := Stream(context.Background(), src, StreamRequest{Query: model.ParseQuery("lroa"), Limit: 5})
	if err != nil || cat == nil {
		t.Fatalf("Stream: %v %v", cat, err)
	}
	if got, want := ids(cat.Index, res, 5), fullSearch(t, papers, model.ParseQuery("lroa"), model.SortRelevance, 5); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A record may begin with the word a typo stands for, missing the typo's
// first letters ("Fusion" for "difusion"): the prefilter keeps it, so the
// stream finds what the full search finds.
func TestStreamFindsATypoAtTheRecordStart(t *testing.T) {
	var papers []model.Paper
	for i := range 40 {
		p := model.Paper{Title: fmt.Sprintf("Sparse kernels number %d", i), Abstract: "We study bandits."}
		if i%8 == 0 {
			p.Title = fmt.Sprintf("Fusion of sparse kernels %d", i)
		}
		p.AssignIDs()
		papers = append(papers, p)
	}
	q := model.ParseQuery("difusion")
	if len(fullSearch(t, papers, q, model.SortRelevance, 0)) == 0 {
		t.Fatal("the full search finds no paper: the test needs one")
	}
	for _, limit := range []int{0, 3} {
		want := fullSearch(t, papers, q, model.SortRelevance, limit)
		src := &memorySource{papers: papers, batch: 8}
		cat, res, err := Stream(context.Background(), src.stream, StreamRequest{Query: q, Limit: limit, SingleFile: true})
		if err != nil || cat == nil {
			t.Fatalf("Stream: %v, %v", cat != nil, err)
		}
		if got := ids(cat.Index, res, limit); !slices.Equal(got, want) {
			t.Errorf("limit %d: got %q, want %q", limit, got, want)
		}
	}
}
