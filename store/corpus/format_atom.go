package corpus

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/papertui/papers/model"
)

// The arXiv API answers queries with an Atom feed: one <entry> per paper,
// with the arXiv extensions (arxiv:doi, arxiv:comment, ...) in their own
// namespace. The 2016 and 2026 generations differ in layout only (namespace
// declarations repeated per element, element order, hard-wrapped
// summaries), which the decoder does not care about. Text is TeX.

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Entries []atomEntry `xml:"http://www.w3.org/2005/Atom entry"`
}

type atomEntry struct {
	ID        string `xml:"id"`
	Title     string `xml:"title"`
	Summary   string `xml:"summary"`
	Published string `xml:"published"`
	Updated   string `xml:"updated"`
	Authors   []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Categories []struct {
		Term string `xml:"term,attr"`
	} `xml:"category"`
	Links []struct {
		Href  string `xml:"href,attr"`
		Rel   string `xml:"rel,attr"`
		Title string `xml:"title,attr"`
	} `xml:"link"`
	DOI             string `xml:"http://arxiv.org/schemas/atom doi"`
	Comment         string `xml:"http://arxiv.org/schemas/atom comment"`
	JournalRef      string `xml:"http://arxiv.org/schemas/atom journal_ref"`
	PrimaryCategory struct {
		Term string `xml:"term,attr"`
	} `xml:"http://arxiv.org/schemas/atom primary_category"`
	// The listing feeds (rss.arxiv.org/atom/...) name the announce type
	// and give the authors as one Dublin Core string.
	AnnounceType string `xml:"http://arxiv.org/schemas/atom announce_type"`
	Creator      string `xml:"http://purl.org/dc/elements/1.1/ creator"`
}

// parseArxivAtom parses an arXiv API feed. A feed without entries is an
// empty corpus; an API error feed is an error carrying arXiv's message.
func parseArxivAtom(name string, data []byte) ([]model.Paper, error) {
	data, repaired := xmlSafe(data)
	var feed atomFeed
	if err := newAtomDecoder(data).Decode(&feed); err != nil {
		return nil, &LoadError{File: name, Line: xmlErrorLine(err), Err: fmt.Errorf("invalid Atom feed: %w", err)}
	}
	field := func(s string) string {
		if repaired {
			s = restoreControls(s)
		}
		return repairMojibake(s)
	}
	raws := make([]rawPaper, 0, len(feed.Entries))
	for i, e := range feed.Entries {
		if strings.Contains(e.ID, "arxiv.org/api/errors") {
			return nil, &LoadError{File: name, Err: fmt.Errorf("arXiv API error: %s", model.CleanLine(field(e.Summary)))}
		}
		raw := atomRaw(e, field)
		if strings.TrimSpace(raw.title) == "" {
			return nil, &LoadError{File: name, Err: fmt.Errorf("entry %d has no title", i+1)}
		}
		raws = append(raws, raw)
	}
	papers := finishAll(raws, name, true)
	if len(papers) != len(raws) {
		return nil, &LoadError{File: name, Err: errors.New("an entry has no title")}
	}
	return model.MergeInPlace(papers), nil
}

// newAtomDecoder is lenient where arXiv's feeds or their copies may be
// sloppy: HTML entities, markup errors, an ASCII charset label.
func newAtomDecoder(data []byte) *xml.Decoder {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	dec.CharsetReader = func(charset string, input io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "us-ascii", "ascii", "utf8":
			return input, nil
		}
		return nil, fmt.Errorf("unsupported character set %q", charset)
	}
	return dec
}

// atomRaw reads one entry; field prepares each text field.
func atomRaw(e atomEntry, field func(string) string) rawPaper {
	raw := rawPaper{
		arxivID:    field(e.ID),
		title:      field(e.Title),
		abstract:   field(e.Summary),
		published:  parseTime(e.Published),
		updated:    parseTime(e.Updated),
		doi:        field(e.DOI),
		comments:   field(e.Comment),
		journalRef: field(e.JournalRef),
	}
	if e.AnnounceType != "" {
		// A listing entry: its id is an OAI identifier, its summary starts
		// with the id and the announce type, and its date is the day.
		raw.arxivID = strings.TrimPrefix(raw.arxivID, "oai:arXiv.org:")
		raw.abstract, raw.announceType = listingAbstract(raw.abstract)
		if raw.announceType == "" {
			raw.announceType = field(e.AnnounceType)
		}
		raw.announced = announcementDay(e.Published)
		if raw.announced.IsZero() {
			raw.announced = announcementDay(e.Updated)
		}
		raw.published, raw.updated = time.Time{}, time.Time{}
	}
	for _, a := range e.Authors {
		raw.authors = append(raw.authors, field(a.Name))
	}
	if len(e.Authors) == 0 && e.Creator != "" {
		raw.authors = splitAuthors(field(e.Creator))
	}
	// The primary category comes first, wherever the feed lists it.
	if primary := field(e.PrimaryCategory.Term); primary != "" {
		raw.categories = append(raw.categories, primary)
	}
	for _, c := range e.Categories {
		raw.categories = append(raw.categories, field(c.Term))
	}
	for _, l := range e.Links {
		switch {
		case l.Title == "doi":
			if raw.doi == "" {
				raw.doi = field(l.Href)
			}
		case l.Rel == "related" && l.Title != "pdf":
			raw.links = append(raw.links, field(l.Href))
		}
	}
	return raw
}

// xmlErrorLine is the line of a syntax error, or 0.
func xmlErrorLine(err error) int {
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return syn.Line
	}
	return 0
}

// controlBase is where xmlSafe parks the control characters XML forbids:
// the private use area, which cleaning drops anyway, so moving them back
// cannot reveal anything the text did not hold.
const controlBase = 0xf700

// xmlSafe makes data acceptable to encoding/xml, which rejects invalid
// UTF-8 and most control characters: invalid bytes become U+FFFD, and
// control characters are parked in the private use area so that
// restoreControls can bring them back for model.CleanLine to remove —
// together with the escape sequences they start. repaired reports a change.
func xmlSafe(data []byte) (out []byte, repaired bool) {
	if !needsXMLRepair(data) {
		return data, false
	}
	out = make([]byte, 0, len(data)+len(data)/8)
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1, r == 0xfffe, r == 0xffff:
			out = utf8.AppendRune(out, utf8.RuneError)
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
			out = utf8.AppendRune(out, controlBase+r)
		default:
			out = append(out, data[i:i+size]...)
		}
		i += size
	}
	return out, true
}

func needsXMLRepair(data []byte) bool {
	for _, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return true
		}
	}
	return !utf8.Valid(data) || bytes.Contains(data, []byte("\uFFFE")) || bytes.Contains(data, []byte("\uFFFF"))
}

// restoreControls undoes the parking of xmlSafe.
func restoreControls(s string) string {
	if !strings.ContainsFunc(s, isParkedControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isParkedControl(r) {
			return r - controlBase
		}
		return r
	}, s)
}

func isParkedControl(r rune) bool { return r >= controlBase && r < controlBase+0x20 }

// repairMojibake undoes UTF-8 that was decoded as Latin-1 ("LÃ¤mmerzahl"
// for "Lämmerzahl"), as in recorded API answers. It only acts when the
// whole field is made of Latin-1 characters whose bytes form valid UTF-8
// with at least one multi-byte character: genuine Latin-1 text practically
// never has that shape, so correct text is left alone.
func repairMojibake(s string) string {
	high := false
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			high = true
			break
		}
	}
	if !high {
		return s
	}
	buf := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			return s
		}
		buf = append(buf, byte(r))
	}
	if !utf8.Valid(buf) {
		return s
	}
	return string(buf)
}
