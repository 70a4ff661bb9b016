package model

import (
	"net/url"
	"strings"
)

// IsWebLink reports whether s is a link papers may store, export, copy or
// open: an absolute http or https URL with a host, and nothing a terminal
// or a shell could misread (no spaces or control characters). Every other
// scheme (javascript:, file:, data:, ...) is dropped wherever links enter.
func IsWebLink(s string) bool {
	if s == "" || strings.IndexFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f || isInvisibleControl(r) }) >= 0 {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return true
	}
	return false
}

// WebLinks returns the links of links that are web links (IsWebLink), in
// order; it reuses links' storage.
func WebLinks(links []Link) []Link {
	kept := links[:0]
	for _, l := range links {
		if IsWebLink(l.URL) {
			kept = append(kept, l)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	return kept
}

// MainWebLink is MainLink among the web links only: a javascript: link
// of a better kind neither shows up nor hides an http one.
func (p *Paper) MainWebLink() string {
	for _, kind := range []LinkKind{LinkAbstract, LinkPDF, LinkDOI, LinkCode, LinkOther} {
		for _, l := range p.Links {
			if l.Kind == kind && IsWebLink(l.URL) {
				return l.URL
			}
		}
	}
	return ""
}
