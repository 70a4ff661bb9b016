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
// classified by linkKind, at most maxLinks of them. A URL must stand on
// its own (not glued to a preceding word), and trailing sentence
// punctuation is not part of it. One pass: however often the text repeats
// a URL, each byte is looked at a bounded number of times.
func textLinks(text string) []model.Link {
	if !mayHoldURL(text) {
		return nil
	}
	var set linkSet
	f := newURLFinder(text)
	for i := 0; i < len(text) && !set.full(); {
		start, scheme := f.nextURLStart(i)
		if start < 0 {
			break
		}
		end := urlEnd(text, start)
		u := trimURL(text[start:end])
		if full := scheme + u; validURL(full) {
			set.add(classifyURL(full))
		}
		i = max(end, start+1)
	}
	return set.links
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

// urlFinder finds URL starts in text, remembering where each of urlStarts
// next occurs: searches only move forward, so no stretch of text is
// searched twice for the same start string (searching afresh after every
// URL was quadratic).
type urlFinder struct {
	text string
	next []int // per urlStarts: its first index at or after the last search, -1 for none
}

func newURLFinder(text string) *urlFinder {
	f := &urlFinder{text: text, next: make([]int, len(urlStarts))}
	for k := range f.next {
		f.next[k] = -2 // not searched yet
	}
	return f
}

// index returns the first index at or after i where urlStarts[k] occurs,
// or -1. i never decreases from one call to the next.
func (f *urlFinder) index(k, i int) int {
	if n := f.next[k]; n == -1 || n >= i {
		return n
	}
	j := strings.Index(f.text[i:], urlStarts[k])
	if j >= 0 {
		j += i
	}
	f.next[k] = j
	return j
}

// nextURLStart finds the next URL at or after i: the index where it starts
// and the scheme to put in front when it was written without one.
func (f *urlFinder) nextURLStart(i int) (int, string) {
	text := f.text
	for i < len(text) {
		j := -1
		for k := range urlStarts {
			if at := f.index(k, i); at >= 0 && (j < 0 || at < j) {
				j = at
			}
		}
		if j < 0 {
			return -1, ""
		}
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
// The brackets are counted once, not per character trimmed.
func trimURL(u string) string {
	opens, closes := strings.Count(u, "("), strings.Count(u, ")")
	openSq, closeSq := strings.Count(u, "["), strings.Count(u, "]")
	for u != "" {
		last := u[len(u)-1]
		switch {
		case strings.IndexByte(".,;:!?'*", last) >= 0:
		case last == ')' && opens < closes:
			closes--
		case last == ']' && openSq < closeSq:
			closeSq--
		default:
			return u
		}
		u = u[:len(u)-1]
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

// maxLinks caps the links of one paper: real abstracts name a handful,
// and a record repeating URLs by the thousand should not fill the detail
// pane and every export with them.
const maxLinks = 32

// linkSet gathers up to maxLinks links in order, each URL once.
type linkSet struct {
	links []model.Link
	seen  map[string]bool
}

func (s *linkSet) full() bool { return len(s.links) >= maxLinks }

// add appends l unless its URL is there already or the set is full.
func (s *linkSet) add(l model.Link) {
	if s.full() || s.seen[l.URL] {
		return
	}
	if s.seen == nil {
		s.seen = make(map[string]bool, 4)
	}
	s.seen[l.URL] = true
	s.links = append(s.links, l)
}
