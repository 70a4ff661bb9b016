package ui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/papertui/papers/model"
)

// linkTarget is text of the detail pane that links somewhere: a URL shown
// as itself, or the arXiv ID linking to its abstract page.
type linkTarget struct{ text, url string }

// hyperlinkTargets are the paper's web links and its arXiv ID. Only web
// links (model.IsWebLink: no control characters, no spaces) are ever put
// into an OSC 8 sequence, where a control character would end it early
// and let the rest reach the terminal as commands.
func hyperlinkTargets(p *model.Paper) []linkTarget {
	var out []linkTarget
	for _, l := range p.Links {
		if model.IsWebLink(l.URL) {
			out = append(out, linkTarget{l.URL, l.URL})
		}
	}
	if isArxivID(p.ArxivID) {
		out = append(out, linkTarget{p.ArxivID, "https://arxiv.org/abs/" + p.ArxivID})
	}
	// Longest first: a URL containing the ID wins over the ID alone.
	slices.SortStableFunc(out, func(a, b linkTarget) int { return len(b.text) - len(a.text) })
	return out
}

// hyperlink makes the occurrences of targets in line OSC 8 hyperlinks,
// each opened and closed on the line. It runs on lines already cut to
// the pane's width, so no cut can fall between the opening and the
// closing sequence; the sequences take no cells, so widths do not change.
func hyperlink(line string, targets []linkTarget) string {
	type span struct {
		start, end int
		url        string
	}
	var spans []span
	for _, t := range targets {
		if t.text == "" || !model.IsWebLink(t.url) {
			continue
		}
		for from := 0; ; {
			i := strings.Index(line[from:], t.text)
			if i < 0 {
				break
			}
			s := span{from + i, from + i + len(t.text), t.url}
			from = s.end
			overlaps := slices.ContainsFunc(spans, func(o span) bool { return s.start < o.end && o.start < s.end })
			if !overlaps {
				spans = append(spans, s)
			}
		}
	}
	if len(spans) == 0 {
		return line
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	var b strings.Builder
	at := 0
	for _, s := range spans {
		b.WriteString(line[at:s.start])
		b.WriteString(ansi.SetHyperlink(s.url))
		b.WriteString(line[s.start:s.end])
		b.WriteString(ansi.ResetHyperlink())
		at = s.end
	}
	b.WriteString(line[at:])
	return b.String()
}
