// Package model holds the domain of papers: the paper record, identity,
// text normalisation, queries, matching, ranking and topics. It does no I/O
// and knows nothing of terminals, so it can be tested and benchmarked alone.
package model

import (
	"time"
)

// LinkKind says what a link points at, so the UI can pick the main link and
// `has:code` can find code repositories.
type LinkKind string

const (
	LinkAbstract LinkKind = "abs"  // the paper's landing page (arXiv abs)
	LinkPDF      LinkKind = "pdf"  // the full text
	LinkCode     LinkKind = "code" // a code repository (GitHub, GitLab, ...)
	LinkDOI      LinkKind = "doi"  // the publisher's DOI resolver
	LinkOther    LinkKind = "link" // any other URL found in the metadata
)

// Link is one URL known for a paper.
type Link struct {
	Kind LinkKind `json:"kind"`
	URL  string   `json:"url"`
}

// Paper is one record of a corpus after loading (it has no JSON form of its
// own: the library and backups write export.Record): every text field is already
// sanitised (no control or escape sequences), NFC-normalised and, for TeX
// sources, decoded. Later code may print any field to a terminal.
type Paper struct {
	// ID is the stable key user data is stored under: the arXiv id without
	// version when known, else TitleID.
	ID string
	// TitleID is derived from the normalised title alone. It is kept even when
	// the arXiv id is known, so data saved against a title-only source still
	// finds the paper once a richer source supplies its arXiv id.
	TitleID    string
	ArxivID    string
	Title      string
	Abstract   string
	Authors    []string
	Categories []string
	Published  time.Time
	Updated    time.Time
	DOI        string
	Upvotes    int
	// Announced is the day a listing, digest, daily page or OAI datestamp
	// gave the paper (midnight UTC), which date: filters and the newest-first
	// order use; zero when the source does not know it.
	Announced time.Time
	// AnnounceType is how an arXiv listing announced the paper: "new",
	// "cross", "replace" or "replace-cross"; "" elsewhere.
	AnnounceType string
	Comments     string // the authors' comments (pages, venue, code)
	JournalRef   string // where the paper was published, as arXiv or BibTeX says
	BibKey       string // the citation key of a BibTeX entry
	Links        []Link
	// Sources names the corpus files the paper was read from, in load order.
	Sources []string
}

// Keys returns every key user data may be stored under for p, primary first.
func (p *Paper) Keys() []string {
	if p.TitleID == "" || p.TitleID == p.ID {
		return []string{p.ID}
	}
	return []string{p.ID, p.TitleID}
}

// MainLink is the link `open` and `copy` use: the abstract page, else the
// PDF, else the first code link, else any link. Empty when none is known.
func (p *Paper) MainLink() string {
	for _, kind := range []LinkKind{LinkAbstract, LinkPDF, LinkDOI, LinkCode, LinkOther} {
		if u := p.Link(kind); u != "" {
			return u
		}
	}
	return ""
}

// Link returns the first link of the given kind, or "".
func (p *Paper) Link(kind LinkKind) string {
	for _, l := range p.Links {
		if l.Kind == kind {
			return l.URL
		}
	}
	return ""
}

// HasCode reports whether a code repository is linked.
func (p *Paper) HasCode() bool { return p.Link(LinkCode) != "" }

// Year is the publication year, or 0 when the paper is undated.
func (p *Paper) Year() int {
	if p.Published.IsZero() {
		return 0
	}
	return p.Published.Year()
}

// Day is the day the paper belongs to when browsing by day: its
// announcement day, else the day it was published; zero when undated.
func (p *Paper) Day() time.Time {
	t := p.Announced
	if t.IsZero() {
		t = p.Published
	}
	if t.IsZero() {
		return t
	}
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
