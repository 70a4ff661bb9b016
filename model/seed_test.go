package model

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
)

// seedPapers reads the embedded default corpus straight from the store
// package's file (model cannot import store): two boilerplate lines, then
// title and abstract lines, "Subscribe" glued to the first title.
var seedPapers = sync.OnceValues(func() ([]Paper, error) {
	data, err := os.ReadFile("../store/default_corpus.txt")
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")[2:]
	lines[0] = strings.TrimPrefix(lines[0], "Subscribe")
	var papers []Paper
	for i := 0; i+1 < len(lines); i += 2 {
		p := Paper{Title: CleanLine(lines[i]), Abstract: CleanLine(lines[i+1])}
		p.AssignIDs()
		papers = append(papers, p)
	}
	return papers, nil
})

func seedSearcher(t testing.TB) *Searcher {
	t.Helper()
	papers, err := seedPapers()
	if err != nil {
		t.Fatalf("reading the seed corpus: %v", err)
	}
	ix, err := BuildIndex(context.Background(), papers)
	if err != nil {
		t.Fatal(err)
	}
	return NewSearcher(ix)
}

func search(t testing.TB, s *Searcher, query string) *Result {
	t.Helper()
	r, err := s.Search(context.Background(), ParseQuery(query), Facets{}, SortRelevance, 1000)
	if err != nil {
		t.Fatalf("search %q: %v", query, err)
	}
	return r
}

func titles(s *Searcher, r *Result) []string {
	var out []string
	for _, h := range r.Rows(0, r.Total) {
		out = append(out, s.Index().Paper(h.Paper).Title)
	}
	return out
}
