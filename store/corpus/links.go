package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/papertui/papers/model"
)

// arxivLinks are the landing page and full text of an arXiv paper. The id
// is versionless, so the links always lead to the latest version.
func arxivLinks(id string) []model.Link {
	if id == "" {
		return nil
	}
	return []model.Link{
		{Kind: model.LinkAbstract, URL: "https://arxiv.org/abs/" + id},
		{Kind: model.LinkPDF, URL: "https://arxiv.org/pdf/" + id},
	}
}

// normalizeDOI returns the bare DOI ("10.1103/PhysRevD.76.013009") in s,
// accepting "doi:" prefixes and resolver URLs, or "" when s holds none.
// Records sometimes list several DOIs separated by spaces: the first wins.
func normalizeDOI(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " \t\n"); i >= 0 {
		s = s[:i]
	}
	lower := strings.ToLower(s)
	for _, prefix := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
		if strings.HasPrefix(lower, prefix) {
			s = s[len(prefix):]
			break
		}
	}
	slash := strings.IndexByte(s, '/')
	if !strings.HasPrefix(s, "10.") || slash < 4 || slash == len(s)-1 {
		return ""
	}
	return s
}

// doiLink is the resolver link of a DOI. Characters that would end or
// change the meaning of a URL path are percent-encoded.
func doiLink(doi string) model.Link {
	var b strings.Builder
	b.WriteString("https://doi.org/")
	for i := 0; i < len(doi); i++ {
		c := doi[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"#%<>?\^`+"`{|}", c) >= 0 {
			b.WriteByte('%')
			b.WriteByte("0123456789ABCDEF"[c>>4])
			b.WriteByte("0123456789ABCDEF"[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return model.Link{Kind: model.LinkDOI, URL: b.String()}
}

// codeHosts are the hosts whose links are code repositories. A link to one
// of them counts as code only with a path below the host's front page.
var codeHosts = map[string]string{
	"github.com":     "/",
	"gitlab.com":     "/",
	"bitbucket.org":  "/",
	"codeberg.org":   "/",
	"huggingface.co": "/spaces/",
}

// bareHosts may be written without a scheme ("code at github.com/x/y").
var bareHosts = []string{"www.", "github.com/", "gitlab.com/", "bitbucket.org/", "codeberg.org/", "huggingface.co/"}

// classifyURL makes a link of a URL: resolver URLs become the canonical DOI
// link (so they match the record's DOI), code hosts are code, the rest
// other links.
func classifyURL(u string) model.Link {
	if doi := normalizeDOI(u); doi != "" {
		return doiLink(doi)
	}
	return model.Link{Kind: linkKind(u), URL: u}
}

// linkKind tells code repositories from other links.
func linkKind(u string) model.LinkKind {
	rest := u[strings.Index(u, "://")+3:]
	host, path, _ := strings.Cut(rest, "/")
	path = "/" + path
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	if prefix, ok := codeHosts[host]; ok && strings.HasPrefix(path, prefix) && len(strings.Trim(path[len(prefix):], "/")) > 0 {
		return model.LinkCode
	}
	return model.LinkOther
}

// textLinks extracts the http(s) URLs in cleaned text, in order, as links
// classified by linkKind. A URL must stand on its own (not glued to a
// preceding word), and trailing sentence punctuation is not part of it.
func textLinks(text string) []model.Link {
	if !mayHoldURL(text) {
		return nil
	}
	var links []model.Link
	for i := 0; i < len(text); {
		start, scheme := nextURLStart(text, i)
		if start < 0 {
			break
		}
		end := urlEnd(text, start)
		u := trimURL(text[start:end])
		if full := scheme + u; validURL(full) {
			links = addLink(links, classifyURL(full))
		}
		i = max(end, start+1)
	}
	return links
}

// mayHoldURL is the fast path: most abstracts have no URL at all. Every
// URL has "://" or "www.", or is a bare code host, whose names all end in
// ".co", ".com" or ".org" before a slash.
func mayHoldURL(text string) bool {
	if strings.Contains(text, "://") || strings.Contains(text, "www.") {
		return true
	}
	for rest := text; ; {
		i := strings.IndexByte(rest, '/')
		if i < 0 {
			return false
		}
		before := rest[:i]
		if strings.HasSuffix(before, ".co") || strings.HasSuffix(before, ".com") || strings.HasSuffix(before, ".org") {
			return true
		}
		rest = rest[i+1:]
	}
}

// urlStarts are the strings a URL may start with.
var urlStarts = append([]string{"http://", "https://"}, bareHosts...)

// nextURLStart finds the next URL at or after i: the index where it starts
// and the scheme to put in front when it was written without one.
func nextURLStart(text string, i int) (int, string) {
	for i < len(text) {
		j := indexURLStart(text[i:])
		if j < 0 {
			return -1, ""
		}
		j += i
		if strings.HasPrefix(text[j:], "http://") || strings.HasPrefix(text[j:], "https://") {
			return j, ""
		}
		if standsAlone(text, j) {
			return j, "https://"
		}
		i = j + 1
	}
	return -1, ""
}

// indexURLStart returns the first index in s where a URL may start, or -1.
func indexURLStart(s string) int {
	best := len(s)
	for _, p := range urlStarts {
		// Only search before the best candidate so far.
		if k := strings.Index(s[:min(len(s), best+len(p))], p); k >= 0 && k < best {
			best = k
		}
	}
	if best == len(s) {
		return -1
	}
	return best
}

// standsAlone reports that the scheme-less URL at text[j] is not the tail
// of another word, URL or e-mail address ("foo.github.com/", "user@www.x").
func standsAlone(text string, j int) bool {
	if j == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:j])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("./@-_:", r)
}

// urlEnd returns the end of the URL starting at text[start]: the first
// space, quote, angle bracket or brace, or a character never seen in URLs.
func urlEnd(text string, start int) int {
	for i := start; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r <= ' ' || strings.ContainsRune("\"<>{}|\\^`", r) || unicode.IsSpace(r) || r >= 0x80 && unicode.IsPunct(r) {
			return i
		}
		i += size
	}
	return len(text)
}

// trimURL drops what prose puts after a URL: sentence punctuation, and
// closing brackets that the URL did not open ("(see https://x.org/a)." ).
func trimURL(u string) string {
	for u != "" {
		last := u[len(u)-1]
		switch {
		case strings.IndexByte(".,;:!?'*", last) >= 0:
			u = u[:len(u)-1]
		case last == ')' && strings.Count(u, "(") < strings.Count(u, ")"),
			last == ']' && strings.Count(u, "[") < strings.Count(u, "]"):
			u = u[:len(u)-1]
		default:
			return u
		}
	}
	return u
}

// validURL accepts http(s) URLs whose host has a dot and only host
// characters, so that fragments like "http://" or "https://a" are not links.
func validURL(u string) bool {
	rest, ok := strings.CutPrefix(u, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(u, "http://"); !ok {
			return false
		}
	}
	host, _, _ := strings.Cut(rest, "/")
	host, _, _ = strings.Cut(host, "?")
	host, _, _ = strings.Cut(host, "#")
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i] // a port
	}
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || dot == len(host)-1 {
		return false
	}
	for _, r := range host {
		if r != '.' && r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// addLink appends l unless a link with the same URL is already there.
func addLink(links []model.Link, l model.Link) []model.Link {
	for _, have := range links {
		if have.URL == l.URL {
			return links
		}
	}
	return append(links, l)
}
