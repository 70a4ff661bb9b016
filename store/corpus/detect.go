package corpus

import (
	"bytes"
	"encoding/xml"
	"unicode/utf8"
)

// DetectFormat tells the format of a corpus from its first bytes (up to
// 64 KiB; more is ignored), never from a file name. Each format is
// recognised by its structure:
//
//   - arXiv JSON Lines: the first line is a JSON object with "title" and
//     "id" or "abstract" keys;
//   - Hugging Face daily papers: a JSON array whose first element is an
//     object, with "paper" and "title" keys;
//   - arXiv Atom: an XML document whose root is an Atom <feed> mentioning
//     arxiv.org (other Atom feeds, RSS and any other XML are unknown);
//   - arXiv RSS listings: an <rss> or RSS 1.0 <rdf:RDF> root mentioning
//     arXiv (the Atom listings are arXiv Atom);
//   - OAI-PMH responses: an <OAI-PMH> root;
//   - the arXiv e-mail digest: a "\\" line followed by an "arXiv:" line;
//   - BibTeX: "@type{" as the first line that is not a comment;
//   - trending-page text: UTF-8 text, not binary, in which title/abstract
//     pairs (see format_text.go) make up three quarters of the text, or
//     nine tenths when there is only one pair and none of the page's
//     boilerplate lines.
//
// Anything else, including an empty array and gzip data (which
// Parse decompresses before detecting), is FormatUnknown.
func DetectFormat(head []byte) Format {
	if len(head) > headSize {
		head = head[:headSize]
	}
	head = bytes.TrimPrefix(head, utf8BOM)
	start := bytes.TrimLeft(head, " \t\r\n")
	if len(start) == 0 {
		return FormatUnknown
	}
	switch start[0] {
	case '{':
		if looksLikeJSONL(start) {
			return FormatArxivJSONL
		}
	case '[':
		if looksLikeHFDaily(start) {
			return FormatHFDaily
		}
	case '<':
		if looksLikeArxivAtom(start) {
			return FormatArxivAtom
		}
		if looksLikeArxivRSS(start) {
			return FormatArxivRSS
		}
		if looksLikeOAIPMH(start) {
			return FormatOAIPMH
		}
	default:
		if looksLikeDigest(head) {
			return FormatArxivDigest
		}
		if looksLikeBibTeX(start) {
			return FormatBibTeX
		}
		if looksLikeTrendingText(head) {
			return FormatTrendingText
		}
	}
	return FormatUnknown
}

// looksLikeJSONL checks the keys of the first line. It does not require the
// line to be complete (OAI lines can be longer than the head), nor valid:
// a broken record is better reported with its line number than as an
// unknown format.
func looksLikeJSONL(b []byte) bool {
	line, _, _ := bytes.Cut(b, []byte{'\n'})
	return hasKey(line, "title") && (hasKey(line, "id") || hasKey(line, "abstract"))
}

// looksLikeHFDaily checks for an array of objects with the keys of
// /api/daily_papers.
func looksLikeHFDaily(b []byte) bool {
	rest := bytes.TrimLeft(b[1:], " \t\r\n")
	return len(rest) > 0 && rest[0] == '{' && hasKey(rest, "paper") && hasKey(rest, "title")
}

// hasKey reports a JSON object key: the quoted name followed by a colon.
func hasKey(b []byte, key string) bool {
	quoted := []byte(`"` + key + `"`)
	for {
		i := bytes.Index(b, quoted)
		if i < 0 {
			return false
		}
		b = b[i+len(quoted):]
		if rest := bytes.TrimLeft(b, " \t\r\n"); len(rest) > 0 && rest[0] == ':' {
			return true
		}
	}
}

const atomNamespace = "http://www.w3.org/2005/Atom"

// looksLikeArxivAtom reads up to the root element.
func looksLikeArxivAtom(b []byte) bool {
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	for {
		tok, err := dec.RawToken()
		if err != nil {
			return false
		}
		if start, ok := tok.(xml.StartElement); ok {
			if start.Name.Local != "feed" || !declaresAtom(start) {
				return false
			}
			return bytes.Contains(bytes.ToLower(b), []byte("arxiv.org"))
		}
	}
}

// declaresAtom reports whether the root element is in the Atom namespace
// (RawToken does not resolve prefixes, so the declarations are read).
func declaresAtom(start xml.StartElement) bool {
	for _, a := range start.Attr {
		if (a.Name.Space == "" && a.Name.Local == "xmlns" || a.Name.Space == "xmlns" && a.Name.Local == start.Name.Space) && a.Value == atomNamespace {
			return true
		}
	}
	return false
}

// looksLikeTrendingText rejects binary data, then requires title/abstract
// pairs to cover most of the text: a README or a log has lines of both
// shapes, but not in strict alternation. A page lists many papers, so a
// single pair must be nearly all of the text: one long line after a short
// one is common in files of every kind. The page's own boilerplate lines
// (the subscription box, a header or footer) vouch for a single pair.
func looksLikeTrendingText(head []byte) bool {
	if len(head) >= headSize {
		// The last line may be cut short: leave it out.
		if nl := bytes.LastIndexByte(head, '\n'); nl >= 0 {
			head = head[:nl+1]
		}
	}
	if looksBinary(head) {
		return false
	}
	records, covered, total, boilerplate := trendingRecords(string(head))
	switch {
	case len(records) == 0:
		return false
	case len(records) == 1 && !boilerplate:
		return covered*10 >= total*9
	}
	return covered*4 >= total*3
}

// looksBinary reports data with more than 1 in 20 bytes that text does not
// have: control characters other than whitespace, and invalid UTF-8. A
// little of either (an escape sequence, a damaged character) is text that
// cleaning will repair.
func looksBinary(b []byte) bool {
	bad := 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
				bad++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			bad++
		}
		i += size
	}
	return bad*20 > len(b)
}
