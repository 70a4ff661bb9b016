package model_test

import (
	"slices"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

func TestMergePapers(t *testing.T) {
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	hf := model.Paper{ArxivID: "2401.00001", Title: "Great Paper", Abstract: "From HF.", Upvotes: 7,
		Authors: []string{"Alice Smith"}, Links: []model.Link{{Kind: model.LinkCode, URL: "https://github.com/a/b"}}, Sources: []string{"hf.json"}}
	arxiv := model.Paper{ArxivID: "2401.00001", Title: "Great  Paper", Abstract: "From arXiv.", Published: day,
		Authors: []string{"Alice SMITH", "Bob Jones"}, Categories: []string{"cs.LG"}, DOI: "10.1/x",
		Links:   []model.Link{{Kind: model.LinkAbstract, URL: "https://arxiv.org/abs/2401.00001"}, {Kind: model.LinkCode, URL: "https://github.com/a/b"}},
		Sources: []string{"arxiv.jsonl"}}
	titleOnly := model.Paper{Title: "great paper!", Abstract: "", Sources: []string{"trending.txt"}, Categories: []string{"cs.CL"}}
	other := model.Paper{ArxivID: "2401.99999", Title: "Great Paper", Sources: []string{"other.jsonl"}}
	for _, p := range []*model.Paper{&hf, &arxiv, &titleOnly, &other} {
		p.AssignIDs()
	}
	hfAuthors := slices.Clone(hf.Authors)

	got := model.MergePapers([]model.Paper{titleOnly}, []model.Paper{hf, other}, []model.Paper{arxiv})
	if len(got) != 2 {
		t.Fatalf("got %d papers, want 2: %q", len(got), paperIDs(got))
	}
	m := got[0]
	if m.ID != "2401.00001" || m.ArxivID != "2401.00001" || m.TitleID != titleOnly.TitleID {
		t.Errorf("IDs: ID %q ArxivID %q TitleID %q", m.ID, m.ArxivID, m.TitleID)
	}
	if m.Title != "great paper!" || m.Abstract != "From HF." || m.Upvotes != 7 || !m.Published.Equal(day) || m.DOI != "10.1/x" {
		t.Errorf("fields not filled from the first copy that knows them: %+v", m)
	}
	if !slices.Equal(m.Authors, []string{"Alice Smith", "Bob Jones"}) {
		t.Errorf("authors = %q", m.Authors)
	}
	if !slices.Equal(m.Categories, []string{"cs.CL", "cs.LG"}) {
		t.Errorf("categories = %q", m.Categories)
	}
	if len(m.Links) != 2 || m.Links[0].URL != "https://github.com/a/b" {
		t.Errorf("links = %v", m.Links)
	}
	if !slices.Equal(m.Sources, []string{"trending.txt", "hf.json", "arxiv.jsonl"}) {
		t.Errorf("sources = %q", m.Sources)
	}
	if got[1].ID != "2401.99999" {
		t.Errorf("a paper with another arXiv id merged: %q", paperIDs(got))
	}
	if !slices.Equal(hf.Authors, hfAuthors) || len(titleOnly.Sources) != 1 {
		t.Error("MergePapers modified its input")
	}
}

func TestMergeSameTitleDifferentArxivIDs(t *testing.T) {
	a := model.Paper{ArxivID: "2401.00001", Title: "Erratum"}
	b := model.Paper{ArxivID: "2401.00002", Title: "Erratum"}
	c := model.Paper{Title: "Erratum"}
	for _, p := range []*model.Paper{&a, &b, &c} {
		p.AssignIDs()
	}
	got := model.MergePapers([]model.Paper{a, b, c})
	if !slices.Equal(paperIDs(got), []string{"2401.00001", "2401.00002"}) {
		t.Errorf("ids = %q", paperIDs(got))
	}
}

func TestMergeManyIsLinear(t *testing.T) {
	// A million-paper merge must not be quadratic: 200k papers, half of
	// them repeated, merge in well under the test timeout.
	papers := synthetic.Papers(100_000, 3)
	got := model.MergePapers(papers, papers)
	if len(got) != len(papers) {
		t.Fatalf("got %d, want %d", len(got), len(papers))
	}
	for i := range got {
		if got[i].ID != papers[i].ID || len(got[i].Sources) != 0 {
			t.Fatalf("paper %d: %q, sources %q", i, got[i].ID, got[i].Sources)
		}
	}
}

func paperIDs(papers []model.Paper) []string {
	ids := make([]string, len(papers))
	for i := range papers {
		ids[i] = papers[i].ID
	}
	return ids
}
