package corpus

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/papertui/papers/model"
)

// The arXiv subscription e-mail is plain text. Each entry opens with a line
// "\\", then "arXiv:ID" (with "(*cross-listing*)" or a "replaced with
// revised version" line in the later sections), a Date: line, and
// "Field: value" headers whose continuation lines are indented; a second
// "\\" line starts the abstract, and "\\ ( https://arxiv.org/abs/ID ,
// 215kb)" ends the entry. Replacements have no abstract: the end line comes
// straight after the headers. Lines of dashes separate entries, and lines
// of "%-%-%-" and "%%--%%--" open the cross-list and replacement sections.
// Text is TeX.

// looksLikeDigest wants an entry opening: a "\\" line followed by an
// "arXiv:" line, and a Title: header.
func looksLikeDigest(head []byte) bool {
	i := bytes.Index(head, []byte("\\\\\narXiv:"))
	if i < 0 {
		i = bytes.Index(head, []byte("\\\\\r\narXiv:"))
	}
	return i >= 0 && (i == 0 || head[i-1] == '\n') && bytes.Contains(head[i:], []byte("\nTitle:"))
}

// digestReceived is the preamble line that dates a mailing: "received from
// Wed 21 Jan 26 19:00:00 GMT to Thu 22 Jan 26 19:00:00 GMT".
var digestReceived = regexp.MustCompile(`received from .*? to\s+\w{3} (\d{1,2} \w{3} \d{2}) \d\d:\d\d:\d\d`)

// digestAbsLink is the link on an entry's last line.
var digestAbsLink = regexp.MustCompile(`arxiv\.org/abs/(\S+?)[\s,)]`)

func readDigest(name string, r io.Reader, sizeHint int64) ([]model.Paper, error) {
	text, err := readAllString(name, r, sizeHint)
	if err != nil {
		return nil, err
	}
	return parseDigest(name, text)
}

// digestEntry is the entry being read and where it started.
type digestEntry struct {
	raw       rawPaper
	line      int
	key       string // the header a continuation line extends
	delims    int    // "\\" lines seen: 1 in the headers, 2 in the abstract
	abstract  strings.Builder
	authors   string // split when complete: a name may break across lines
	hasFields bool
}

func parseDigest(name string, text string) ([]model.Paper, error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var (
		raws    []rawPaper
		cur     *digestEntry
		section = "new"
		day     time.Time
	)
	finish := func() error {
		if cur == nil {
			return nil
		}
		e := cur
		cur = nil
		if e.delims >= 2 {
			e.raw.abstract = e.abstract.String()
		}
		e.raw.authors = splitAuthors(e.authors)
		if strings.TrimSpace(e.raw.title) == "" {
			return &LoadError{File: name, Line: e.line, Err: errors.New("digest entry without a Title: line")}
		}
		raws = append(raws, e.raw)
		return nil
	}
	for n, line := range strings.Split(text, "\n") {
		lineNo := n + 1
		trimmed := strings.TrimRight(line, " \t\r")
		switch {
		case strings.HasPrefix(trimmed, "%-%-%-"):
			section = "cross"
			continue
		case strings.HasPrefix(trimmed, "%%--%%--"):
			section = "replace"
			continue
		case cur == nil:
			if day.IsZero() {
				if m := digestReceived.FindStringSubmatch(trimmed); m != nil {
					day = digestDay(m[1])
				}
			}
			if trimmed == `\\` {
				cur = &digestEntry{line: lineNo, delims: 1, raw: rawPaper{announceType: section}}
			}
			continue
		case strings.HasPrefix(trimmed, `\\ (`) || strings.HasPrefix(trimmed, `\\ [`):
			if cur.raw.arxivID == "" {
				if m := digestAbsLink.FindStringSubmatch(trimmed); m != nil {
					cur.raw.arxivID = m[1]
				}
			}
			if err := finish(); err != nil {
				return nil, err
			}
			continue
		case trimmed == `\\`:
			if !cur.hasFields {
				// Two openings in a row: the first was a stray line.
				cur.line = lineNo
				continue
			}
			cur.delims++
			continue
		case cur.delims >= 2:
			cur.abstract.WriteString(line)
			cur.abstract.WriteByte('\n')
			continue
		}
		cur.readHeader(trimmed)
	}
	if err := finish(); err != nil {
		return nil, err
	}
	for i := range raws {
		raws[i].announced = day
	}
	return model.MergeInPlace(finishAll(raws, name, true)), nil
}

// readHeader reads one header line of an entry.
func (e *digestEntry) readHeader(line string) {
	if line == "" {
		e.key = ""
		return
	}
	if strings.HasPrefix(line, "arXiv:") && e.raw.arxivID == "" {
		id, rest, _ := strings.Cut(line, " ")
		e.raw.arxivID = id
		if strings.Contains(rest, "cross-list") {
			e.raw.announceType = "cross"
		}
		e.hasFields = true
		return
	}
	if strings.HasPrefix(line, "replaced with revised version") {
		e.raw.announceType = "replace"
		return
	}
	if (line[0] == ' ' || line[0] == '\t') && e.key != "" {
		e.appendHeader(e.key, " "+strings.TrimSpace(line))
		return
	}
	key, value, ok := strings.Cut(line, ":")
	if !ok || strings.ContainsAny(key, " \t") {
		e.key = ""
		return
	}
	e.key = strings.ToLower(key)
	e.hasFields = true
	e.appendHeader(e.key, strings.TrimSpace(value))
}

func (e *digestEntry) appendHeader(key, value string) {
	r := &e.raw
	switch key {
	case "title":
		r.title += value
	case "authors":
		e.authors += value
	case "categories":
		r.categories = append(r.categories, strings.Fields(value)...)
	case "comments":
		r.comments += value
	case "journal-ref":
		r.journalRef += value
	case "doi":
		r.doi += strings.TrimSpace(value)
	case "date":
		if r.published.IsZero() {
			// "Mon, 12 Jan 2026 20:33:39 GMT   (215kb)"
			date, _, _ := strings.Cut(strings.TrimSpace(value), "  ")
			r.published = parseTime(strings.TrimSuffix(date, " (v1)"))
		}
	}
}

// digestDay is the announcement day of a mailing whose submissions end on
// the given day ("22 Jan 26"): the next weekday, as the mailing that night
// is the next listing.
func digestDay(s string) time.Time {
	t, err := time.Parse("2 Jan 06", s)
	if err != nil {
		return time.Time{}
	}
	t = t.AddDate(0, 0, 1)
	for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
		t = t.AddDate(0, 0, 1)
	}
	return t
}
