package model

import (
	"net/url"
	"strings"
)

// IsWebLink reports whether u is an absolute http or https URL with a host:
// the only links papers lets reach a browser, a clipboard or an export.
// Links come from untrusted corpora, and javascript:, file: or a custom
// scheme could run something where the link is followed.
func IsWebLink(u string) bool {
	if strings.IndexFunc(u, func(r rune) bool { return r <= ' ' || isInvisibleControl(r) }) >= 0 {
		return false
	}
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != "" && p.Opaque == ""
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
