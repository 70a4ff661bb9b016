// Package storetest holds what the tests of several store packages check
// alike.
package storetest

import (
	"errors"
	"fmt"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/papertui/papers/model"
)

// UnsafeText reports what must never reach a terminal: invalid UTF-8, C0
// and C1 controls (ESC among them), DEL, and bidirectional overrides.
func UnsafeText(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("invalid UTF-8")
	}
	for _, r := range s {
		switch {
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
			return fmt.Errorf("control character %U", r)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			return fmt.Errorf("bidi control %U", r)
		}
	}
	return nil
}

// ExportPapers are three papers that exercise the exporters: TeX specials,
// mixed-case words, non-ASCII names, a title-only paper without authors.
func ExportPapers() []model.Paper {
	lora := model.Paper{
		ArxivID:    "2106.09685",
		Title:      "LoRA: Low-Rank Adaptation of Large Language Models",
		Abstract:   "We propose LoRA.",
		Authors:    []string{"Edward J. Hu", "Yelong Shen", "Phillip Wallis"},
		Categories: []string{"cs.CL", "cs.LG"},
		Published:  time.Date(2021, 6, 17, 0, 0, 0, 0, time.UTC),
		DOI:        "10.48550/arXiv.2106.09685",
		Links:      []model.Link{{Kind: model.LinkAbstract, URL: "https://arxiv.org/abs/2106.09685"}},
	}
	specials := model.Paper{
		ArxivID:    "2405.09673",
		Title:      `100% of {GPT-4} & R_2 #1: $5 ~ x^2 \ Schrödinger's Cat`,
		Authors:    []string{"Balázs Kégl", "Jürgen Schmidhuber", "Research and Development Team"},
		Categories: []string{"cs.LG"},
		Published:  time.Date(2024, 5, 16, 0, 0, 0, 0, time.UTC),
		Links: []model.Link{
			{Kind: model.LinkPDF, URL: "https://example.org/a_b%20c#frag"},
			{Kind: model.LinkCode, URL: "https://github.com/x/y"},
		},
	}
	titleOnly := model.Paper{
		Title:     "The Annotated Transformer",
		Published: time.Date(2018, 4, 3, 0, 0, 0, 0, time.UTC),
	}
	papers := []model.Paper{lora, specials, titleOnly}
	for i := range papers {
		papers[i].AssignIDs()
	}
	return papers
}

// CheckLoaded asserts what every loader promises: an ID and a title, and
// text fields a terminal can print safely.
func CheckLoaded(t testing.TB, papers []model.Paper) {
	t.Helper()
	for i := range papers {
		if err := PaperProblem(&papers[i]); err != nil {
			t.Fatalf("paper %d (%q): %v", i, papers[i].Title, err)
		}
	}
}

// PaperProblem is what CheckLoaded finds wrong with p, or nil.
func PaperProblem(p *model.Paper) error {
	if p.ID == "" || p.Title == "" {
		return fmt.Errorf("empty ID %q or title %q", p.ID, p.Title)
	}
	fields := []string{p.ID, p.TitleID, p.ArxivID, p.Title, p.Abstract, p.DOI, p.AnnounceType, p.Comments, p.JournalRef, p.BibKey}
	fields = append(fields, p.Authors...)
	fields = append(fields, p.Categories...)
	for _, l := range p.Links {
		fields = append(fields, l.URL, string(l.Kind))
	}
	for _, f := range fields {
		if err := UnsafeText(f); err != nil {
			return fmt.Errorf("field %q: %v", f, err)
		}
	}
	return nil
}
