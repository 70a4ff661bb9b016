package export

import (
	"time"

	"github.com/papertui/papers/model"
)

// Record is a paper as the JSON export writes it. It is not model.Paper:
// these json tags are the backup format, which renaming or retagging a
// domain field must not change behind the back of every backup already
// written. A change here needs a new Version.
type Record struct {
	ID         string    `json:"id"`
	TitleID    string    `json:"title_id"`
	ArxivID    string    `json:"arxiv_id,omitempty"`
	Title      string    `json:"title"`
	Abstract   string    `json:"abstract"`
	Authors    []string  `json:"authors,omitempty"`
	Categories []string  `json:"categories,omitempty"`
	Published  time.Time `json:"published,omitzero"`
	Updated    time.Time `json:"updated,omitzero"`
	DOI        string    `json:"doi,omitempty"`
	Upvotes    int       `json:"upvotes,omitempty"`
	// Added after Version 1 was written: optional, so older backups read
	// the same and older readers ignore them.
	Announced    time.Time `json:"announced,omitzero"`
	AnnounceType string    `json:"announce_type,omitempty"`
	Comments     string    `json:"comments,omitempty"`
	JournalRef   string    `json:"journal_ref,omitempty"`
	BibKey       string    `json:"bib_key,omitempty"`
	Links        []Link    `json:"links,omitempty"`
	Sources      []string  `json:"sources,omitempty"`
}

// Link is a paper's link in a Record.
type Link struct {
	Kind string `json:"kind"`
	URL  string `json:"url"`
}

// NewRecord is p as the export writes it. The slices are shared with p.
func NewRecord(p *model.Paper) Record {
	r := Record{
		ID: p.ID, TitleID: p.TitleID, ArxivID: p.ArxivID, Title: p.Title, Abstract: p.Abstract,
		Authors: p.Authors, Categories: p.Categories, Published: p.Published, Updated: p.Updated,
		DOI: p.DOI, Upvotes: p.Upvotes,
		Announced: p.Announced, AnnounceType: p.AnnounceType, Comments: p.Comments, JournalRef: p.JournalRef, BibKey: p.BibKey,
	}
	if p.Links != nil {
		r.Links = make([]Link, 0, len(p.Links))
		for _, l := range p.Links {
			// A backup is imported and exported again: a link that
			// could run something where it is followed never leaves.
			if model.IsWebLink(l.URL) {
				r.Links = append(r.Links, Link{Kind: string(l.Kind), URL: l.URL})
			}
		}
	}
	r.Sources = cleanSources(p.Sources)
	return r
}

// cleanSources cleans file names for the export like any other text:
// JSON escapes C0 controls but writes C1 and bidi characters as they are.
// The slice is shared with the paper when nothing needed cleaning.
func cleanSources(sources []string) []string {
	for i, s := range sources {
		if model.CleanLine(s) == s {
			continue
		}
		out := make([]string, 0, len(sources))
		out = append(out, sources[:i]...)
		for _, s := range sources[i:] {
			if s = model.CleanLine(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return sources
}

// Paper is the paper r records. The slices are shared with r.
func (r *Record) Paper() model.Paper {
	p := model.Paper{
		ID: r.ID, TitleID: r.TitleID, ArxivID: r.ArxivID, Title: r.Title, Abstract: r.Abstract,
		Authors: r.Authors, Categories: r.Categories, Published: r.Published, Updated: r.Updated,
		DOI: r.DOI, Upvotes: r.Upvotes, Sources: r.Sources,
		Announced: r.Announced, AnnounceType: r.AnnounceType, Comments: r.Comments, JournalRef: r.JournalRef, BibKey: r.BibKey,
	}
	if r.Links != nil {
		p.Links = make([]model.Link, len(r.Links))
		for i, l := range r.Links {
			p.Links[i] = model.Link{Kind: model.LinkKind(l.Kind), URL: l.URL}
		}
	}
	return p
}
