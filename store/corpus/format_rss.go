package corpus

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/papertui/papers/model"
)

// arXiv's announcement listings (rss.arxiv.org/rss/CAT) are RSS 2.0: one
// <item> per paper, the arXiv id, announce type and abstract packed into
// <description>, the authors one comma-joined <dc:creator>, and the day in
// the channel's <pubDate>. A day without announcements (weekends, holidays)
// is a channel without items: an empty corpus. The RSS 1.0 (RDF) listings
// arXiv served until 2024 are read too: their items sit beside the channel,
// titles end "(arXiv:ID [cat])" and authors and abstracts are HTML.

type rssDoc struct {
	Channel rssChannel `xml:"channel"`
	Items   []rssItem  `xml:"item"` // RSS 1.0 puts them beside the channel
}

type rssChannel struct {
	PubDate       string    `xml:"pubDate"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Date          string    `xml:"http://purl.org/dc/elements/1.1/ date"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title        string   `xml:"title"`
	Link         string   `xml:"link"`
	Description  string   `xml:"description"`
	GUID         string   `xml:"guid"`
	Categories   []string `xml:"category"`
	PubDate      string   `xml:"pubDate"`
	AnnounceType string   `xml:"http://arxiv.org/schemas/atom announce_type"`
	Creator      string   `xml:"http://purl.org/dc/elements/1.1/ creator"`
	Date         string   `xml:"http://purl.org/dc/elements/1.1/ date"`
}

// looksLikeArxivRSS reads up to the root element: an RSS 2.0 <rss> or an
// RSS 1.0 <rdf:RDF> that mentions arXiv.
func looksLikeArxivRSS(b []byte) bool {
	name, ok := rootElement(b)
	return ok && (name.Local == "rss" || name.Local == "RDF") && bytes.Contains(bytes.ToLower(b), []byte("arxiv"))
}

// rootElement is the first element of an XML document.
func rootElement(b []byte) (xml.Name, bool) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	for {
		tok, err := dec.RawToken()
		if err != nil {
			return xml.Name{}, false
		}
		if start, ok := tok.(xml.StartElement); ok {
			return start.Name, true
		}
	}
}

func parseArxivRSS(name string, data []byte) ([]model.Paper, error) {
	var doc rssDoc
	field, err := decodeXML(name, "RSS feed", data, &doc)
	if err != nil {
		return nil, err
	}
	day := announcementDay(firstNonEmpty(doc.Channel.PubDate, doc.Channel.Date, doc.Channel.LastBuildDate))
	items := append(doc.Channel.Items, doc.Items...)
	raws := make([]rawPaper, 0, len(items))
	for i, it := range items {
		raw := rssRaw(it, field)
		if raw.announced.IsZero() {
			raw.announced = day
		}
		if strings.TrimSpace(raw.title) == "" {
			return nil, &LoadError{File: name, Err: fmt.Errorf("item %d has no title", i+1)}
		}
		raws = append(raws, raw)
	}
	return model.MergeInPlace(finishAll(raws, name, true)), nil
}

// decodeXML decodes a document leniently into v, as the Atom loader does,
// and returns the function that restores each text field's control
// characters for cleaning to remove.
func decodeXML(name, what string, data []byte, v any) (field func(string) string, err error) {
	data, repaired := xmlSafe(data)
	if err := newAtomDecoder(data).Decode(v); err != nil {
		return nil, &LoadError{File: name, Line: xmlErrorLine(err), Err: fmt.Errorf("invalid %s: %w", what, err)}
	}
	if !repaired {
		return func(s string) string { return s }, nil
	}
	return restoreControls, nil
}

// rdfTitle is the suffix RSS 1.0 titles carry: "(arXiv:2301.00001v1 [cs.LG])",
// with "UPDATED" or "CROSS LISTED" for the other announce types.
var rdfTitle = regexp.MustCompile(`\s*\(arXiv:(\S+?)\s*\[([^\]]*)\]\s*([A-Z ]*)\)\s*$`)

func rssRaw(it rssItem, field func(string) string) rawPaper {
	raw := rawPaper{
		title:        field(it.Title),
		arxivID:      firstNonEmpty(arxivIDIn(field(it.GUID)), arxivIDIn(field(it.Link))),
		announceType: field(it.AnnounceType),
		announced:    announcementDay(firstNonEmpty(it.PubDate, it.Date)),
	}
	abstract, kind := listingAbstract(field(it.Description))
	raw.abstract = abstract
	if raw.announceType == "" {
		raw.announceType = kind
	}
	if m := rdfTitle.FindStringSubmatch(raw.title); m != nil {
		raw.title = raw.title[:len(raw.title)-len(m[0])]
		raw.arxivID = firstNonEmpty(raw.arxivID, m[1])
		raw.categories = append(raw.categories, m[2])
		switch m[3] {
		case "UPDATED":
			raw.announceType = firstNonEmpty(raw.announceType, "replace")
		case "CROSS LISTED":
			raw.announceType = firstNonEmpty(raw.announceType, "cross")
		default:
			raw.announceType = firstNonEmpty(raw.announceType, "new")
		}
	}
	raw.abstract = stripHTML(raw.abstract)
	for _, c := range it.Categories {
		raw.categories = append(raw.categories, field(c))
	}
	raw.authors = splitAuthors(stripHTML(field(it.Creator)))
	if raw.announceType == "new" || raw.announceType == "cross" {
		// A new paper is announced the day after it is submitted, so the
		// day is a good enough date for it; a replacement is older.
		raw.published = raw.announced
	}
	return raw
}

// arxivIDIn finds the arXiv id in a link or an OAI identifier.
func arxivIDIn(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "oai:arXiv.org:"); i >= 0 {
		return s[i+len("oai:arXiv.org:"):]
	}
	return model.NormalizeArxivID(s)
}

// listingPrefix is how listings start a description or summary:
// "arXiv:2604.21952v1 Announce Type: new \nAbstract: ...".
var listingPrefix = regexp.MustCompile(`^\s*arXiv:\S+\s+Announce Type:\s*(\S+)\s*(?:Abstract:\s*)?`)

// listingAbstract strips the listing prefix and returns the announce type
// it names.
func listingAbstract(s string) (abstract, announceType string) {
	m := listingPrefix.FindStringSubmatchIndex(s)
	if m == nil {
		return s, ""
	}
	return s[m[1]:], s[m[2]:m[3]]
}

// announcementDay is the calendar day of a listing date, taken in the zone
// the date is written in (arXiv's midnight in New York is that day, not
// the previous one in UTC), as midnight UTC.
func announcementDay(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", time.RFC3339, time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		}
	}
	return time.Time{}
}

// htmlTag is a start or end tag: "x < y" in an abstract is not one.
var htmlTag = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>`)

// stripHTML drops the tags of the little HTML old listings carry (author
// links, paragraphs) and decodes its entities; cleaning follows.
func stripHTML(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	return htmlEntities.Replace(htmlTag.ReplaceAllString(s, " "))
}

var htmlEntities = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'", "&apos;", "'", "&nbsp;", " ")
