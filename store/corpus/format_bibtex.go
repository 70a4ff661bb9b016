package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/papertui/papers/model"
)

// BibTeX: "@type{key, field = value, ...}" (or parentheses), where a value
// is {braced text}, "quoted text", a number or a @string macro, joined by
// "#". Everything outside an entry is a comment, as BibTeX has it; lines
// starting with "%" are skipped inside entries too, as biber does. Text is
// TeX, with braces protecting capitals.

// looksLikeBibTeX wants the first thing that is not a comment line to be
// an entry opening: "@word{" or "@word(".
func looksLikeBibTeX(head []byte) bool {
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '%' || line[0] == '#' {
			continue
		}
		if line[0] != '@' {
			return false
		}
		i := 1
		for i < len(line) && isBibIdent(line[i]) {
			i++
		}
		rest := bytes.TrimLeft(line[i:], " \t")
		return i > 1 && len(rest) > 0 && (rest[0] == '{' || rest[0] == '(')
	}
	return false
}

func isBibIdent(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func readBibTeX(name string, r io.Reader, sizeHint int64) ([]model.Paper, error) {
	text, err := readAllString(name, r, sizeHint)
	if err != nil {
		return nil, err
	}
	raws, err := parseBibEntries(name, text)
	if err != nil {
		return nil, err
	}
	return model.MergeInPlace(finishAll(raws, name, true)), nil
}

// bibMonths are BibTeX's predefined month macros.
var bibMonths = map[string]string{
	"jan": "1", "feb": "2", "mar": "3", "apr": "4", "may": "5", "jun": "6",
	"jul": "7", "aug": "8", "sep": "9", "oct": "10", "nov": "11", "dec": "12",
}

// bibParser reads entries from text; pos only moves forward, so parsing
// is linear and needs no recursion.
type bibParser struct {
	name   string
	text   string
	pos    int
	macros map[string]string
}

// parseBibEntries reads every entry, one rawPaper each.
func parseBibEntries(name, text string) ([]rawPaper, error) {
	p := &bibParser{name: name, text: text, macros: map[string]string{}}
	var raws []rawPaper
	for {
		at := strings.IndexByte(p.text[p.pos:], '@')
		if at < 0 {
			return raws, nil
		}
		p.pos += at + 1
		start := p.pos - 1
		kind := strings.ToLower(p.ident())
		p.skipSpace()
		if kind == "" || p.pos >= len(p.text) || (p.text[p.pos] != '{' && p.text[p.pos] != '(') {
			continue // an "@" in a comment, an e-mail address
		}
		closer := byte('}')
		if p.text[p.pos] == '(' {
			closer = ')'
		}
		p.pos++
		switch kind {
		case "comment", "preamble":
			if err := p.skipGroup(start, closer); err != nil {
				return nil, err
			}
			continue
		case "string":
			fields, err := p.fields(start, closer)
			if err != nil {
				return nil, err
			}
			for _, f := range fields {
				p.macros[f.name] = f.value
			}
			continue
		}
		p.skipSpace()
		keyStart := p.pos
		for p.pos < len(p.text) && p.text[p.pos] != ',' && p.text[p.pos] != closer && p.text[p.pos] != '\n' {
			p.pos++
		}
		key := strings.TrimSpace(p.text[keyStart:p.pos])
		if p.pos < len(p.text) && p.text[p.pos] == ',' {
			p.pos++
		}
		fields, err := p.fields(start, closer)
		if err != nil {
			return nil, err
		}
		raw := bibRaw(key, fields)
		if strings.TrimSpace(raw.title) == "" {
			return nil, p.errorAt(start, fmt.Errorf("entry %q has no title", model.CleanLine(key)))
		}
		raws = append(raws, raw)
	}
}

type bibField struct{ name, value string }

func (p *bibParser) errorAt(pos int, err error) error {
	return &LoadError{File: p.name, Line: strings.Count(p.text[:min(pos, len(p.text))], "\n") + 1, Err: err}
}

func (p *bibParser) ident() string {
	start := p.pos
	for p.pos < len(p.text) && (isBibIdent(p.text[p.pos]) || p.text[p.pos] == ':' || p.text[p.pos] == '.' || p.text[p.pos] == '+') {
		p.pos++
	}
	return p.text[start:p.pos]
}

// skipSpace skips blanks and "%" comment lines.
func (p *bibParser) skipSpace() {
	for p.pos < len(p.text) {
		switch c := p.text[p.pos]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.pos++
		case c == '%':
			if nl := strings.IndexByte(p.text[p.pos:], '\n'); nl >= 0 {
				p.pos += nl + 1
			} else {
				p.pos = len(p.text)
			}
		default:
			return
		}
	}
}

// fields reads "name = value" pairs up to the entry's closer.
func (p *bibParser) fields(start int, closer byte) ([]bibField, error) {
	var fields []bibField
	for {
		p.skipSpace()
		if p.pos >= len(p.text) {
			return nil, p.errorAt(start, errors.New("entry not closed"))
		}
		if c := p.text[p.pos]; c == closer {
			p.pos++
			return fields, nil
		} else if c == ',' {
			p.pos++
			continue
		} else if c == '@' {
			return nil, p.errorAt(start, errors.New("entry not closed before the next one"))
		}
		fieldStart := p.pos
		name := strings.ToLower(p.ident())
		p.skipSpace()
		if name == "" || p.pos >= len(p.text) || p.text[p.pos] != '=' {
			return nil, p.errorAt(fieldStart, fmt.Errorf("expected a field name and \"=\", found %q", excerpt(p.text[fieldStart:])))
		}
		p.pos++
		value, err := p.value(start, closer)
		if err != nil {
			return nil, err
		}
		fields = append(fields, bibField{name, value})
	}
}

// value reads one value: parts joined by "#".
func (p *bibParser) value(start int, closer byte) (string, error) {
	var b strings.Builder
	for {
		p.skipSpace()
		if p.pos >= len(p.text) {
			return "", p.errorAt(start, errors.New("entry not closed"))
		}
		partStart := p.pos
		switch c := p.text[p.pos]; {
		case c == '{':
			end := p.groupEnd(p.pos+1, '}')
			if end < 0 {
				return "", p.errorAt(partStart, errors.New("unbalanced braces in a value"))
			}
			b.WriteString(p.text[p.pos+1 : end])
			p.pos = end + 1
		case c == '"':
			end := p.groupEnd(p.pos+1, '"')
			if end < 0 {
				return "", p.errorAt(partStart, errors.New("unterminated quoted value"))
			}
			b.WriteString(p.text[p.pos+1 : end])
			p.pos = end + 1
		case isBibIdent(c):
			word := p.ident()
			if v, ok := p.macros[strings.ToLower(word)]; ok {
				b.WriteString(v)
			} else if v, ok := bibMonths[strings.ToLower(word)]; ok {
				b.WriteString(v)
			} else {
				b.WriteString(word) // a number, or an undefined macro kept as written
			}
		default:
			return "", p.errorAt(partStart, fmt.Errorf("unexpected %q in a value", excerpt(p.text[partStart:])))
		}
		p.skipSpace()
		if p.pos < len(p.text) && p.text[p.pos] == '#' {
			p.pos++
			continue
		}
		return b.String(), nil
	}
}

// groupEnd finds the byte closing a group opened just before from: the
// matching "}" for braces, or for quotes the next '"' outside braces.
// -1 when there is none.
func (p *bibParser) groupEnd(from int, closer byte) int {
	depth := 0
	for i := from; i < len(p.text); i++ {
		switch c := p.text[i]; {
		case c == '\\':
			i++ // \{ and \" do not count
		case c == '{':
			depth++
		case c == '}':
			if depth == 0 {
				if closer == '}' {
					return i
				}
				return -1
			}
			depth--
		case c == closer && depth == 0:
			return i
		}
	}
	return -1
}

// skipGroup skips a @comment or @preamble body.
func (p *bibParser) skipGroup(start int, closer byte) error {
	end := p.groupEnd(p.pos, closer)
	if end < 0 {
		return p.errorAt(start, errors.New("entry not closed"))
	}
	p.pos = end + 1
	return nil
}

func excerpt(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 20 {
		s = s[:20]
	}
	return model.CleanLine(s)
}

// bibRaw maps an entry's fields to a paper.
func bibRaw(key string, fields []bibField) rawPaper {
	f := map[string]string{}
	for _, field := range fields {
		if _, dup := f[field.name]; !dup {
			f[field.name] = field.value
		}
	}
	raw := rawPaper{
		bibKey:   key,
		title:    f["title"],
		abstract: f["abstract"],
		doi:      f["doi"],
		comments: f["note"],
	}
	if raw.authors = bibAuthors(f["author"]); len(raw.authors) == 0 {
		raw.authors = bibAuthors(f["editor"])
	}
	raw.journalRef = firstNonEmpty(f["journal"], f["booktitle"], f["journaltitle"])
	if v := f["volume"]; v != "" && raw.journalRef != "" {
		raw.journalRef += " " + v
	}
	if year, err := strconv.Atoi(strings.TrimSpace(f["year"])); err == nil && year > 0 && year < 10000 {
		raw.published = time.Date(year, bibMonth(f["month"]), 1, 0, 0, 0, 0, time.UTC)
	}
	if strings.EqualFold(f["archiveprefix"], "arxiv") || strings.EqualFold(f["eprinttype"], "arxiv") {
		raw.arxivID = f["eprint"]
		if c := f["primaryclass"]; c != "" {
			raw.categories = []string{c}
		}
	}
	for _, name := range []string{"url", "journal", "howpublished"} {
		if id := model.NormalizeArxivID(strings.TrimPrefix(strings.TrimSpace(f[name]), "\\url")); id != "" && raw.arxivID == "" {
			raw.arxivID = id
		}
	}
	if u := f["url"]; u != "" {
		raw.links = append(raw.links, u)
	}
	return raw
}

// bibMonth reads "10" (what the oct macro gives) or "October"; January
// when there is none.
func bibMonth(s string) time.Month {
	s = strings.TrimSpace(s)
	if m, err := strconv.Atoi(s); err == nil && m >= 1 && m <= 12 {
		return time.Month(m)
	}
	if len(s) >= 3 {
		if m, ok := bibMonths[strings.ToLower(s[:3])]; ok {
			n, _ := strconv.Atoi(m)
			return time.Month(n)
		}
	}
	return time.January
}

// bibAuthors splits "Last, First and First Last and others" at "and"
// outside braces and writes each name first-name first.
func bibAuthors(s string) []string {
	var names []string
	depth, start := 0, 0
	flush := func(end int) {
		name := strings.Join(strings.Fields(s[start:end]), " ")
		if name != "" && !isEtAl(name) {
			names = append(names, invertName(name))
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case depth == 0 && (c == ' ' || c == '\t' || c == '\n') && len(s)-i > 5 && strings.EqualFold(s[i+1:i+4], "and") && (s[i+4] == ' ' || s[i+4] == '\t' || s[i+4] == '\n'):
			flush(i)
			start = i + 5
			i += 4
		}
	}
	flush(len(s))
	return names
}
