package export

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/papertui/papers/model"
)

type cslItem struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	Title     string    `json:"title,omitempty"`
	Author    []cslName `json:"author,omitempty"`
	Issued    *cslDate  `json:"issued,omitempty"`
	Abstract  string    `json:"abstract,omitempty"`
	URL       string    `json:"URL,omitempty"`
	DOI       string    `json:"DOI,omitempty"`
	Publisher string    `json:"publisher,omitempty"`
	Number    string    `json:"number,omitempty"`
	Keyword   string    `json:"keyword,omitempty"`
}

type cslName struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"`
}

type cslDate struct {
	DateParts [][]int `json:"date-parts"`
}

func writeCSLJSON(w io.Writer, papers []model.Paper, marks model.Marks) error {
	keys := citationKeys(papers)
	items := make([]cslItem, len(papers))
	for i := range papers {
		p := &papers[i]
		item := cslItem{
			ID:       keys[i],
			Type:     "article",
			Title:    p.Title,
			Abstract: p.Abstract,
			URL:      p.MainWebLink(),
			DOI:      p.DOI,
			Keyword:  strings.Join(marks.For(p).Tags, ", "),
		}
		if p.ArxivID != "" {
			// As Zotero exports arXiv preprints.
			item.Publisher = "arXiv"
			item.Number = "arXiv:" + p.ArxivID
		}
		for _, a := range p.Authors {
			if strings.TrimSpace(a) == "" {
				continue
			}
			family, given := splitName(a)
			if given == "" {
				item.Author = append(item.Author, cslName{Literal: family})
			} else {
				item.Author = append(item.Author, cslName{Family: family, Given: given})
			}
		}
		if !p.Published.IsZero() {
			d := p.Published
			item.Issued = &cslDate{DateParts: [][]int{{d.Year(), int(d.Month()), d.Day()}}}
		}
		items[i] = item
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(items)
}
