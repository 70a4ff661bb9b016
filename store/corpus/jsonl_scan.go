package corpus

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// scanOAIRecord reads the fields of oaiRecord from one JSON object, several
// times faster than encoding/json: it validates and decodes in one pass,
// skips the fields it does not need without building them, and collapses
// the whitespace of title and abstract while unescaping them. It accepts
// only what encoding/json accepts; any error just sends the line to
// encoding/json for a second opinion.
func scanOAIRecord(line []byte, rec *oaiRecord, scratch *[]byte) error {
	s := jsonScan{b: line, buf: *scratch}
	defer func() { *scratch = s.buf }()
	var seen uint16
	if err := s.object(func(key []byte) error { return s.oaiField(key, rec, &seen) }); err != nil {
		return err
	}
	if s.ws(); s.i != len(s.b) {
		return errJSONScan
	}
	return nil
}

// oaiFieldNames are the keys scanOAIRecord decodes. encoding/json matches
// keys case-insensitively; a key that differs only in case is left to it,
// and so is a repeated key, whose handling has subtleties not worth copying.
var oaiFieldNames = []string{"id", "title", "abstract", "authors", "categories", "doi", "comments", "update_date", "versions"}

func (s *jsonScan) oaiField(key []byte, rec *oaiRecord, seen *uint16) error {
	k := slices.Index(oaiFieldNames, string(key))
	if k < 0 {
		for _, name := range oaiFieldNames {
			if strings.EqualFold(string(key), name) {
				return errJSONScan
			}
		}
		return s.skipValue(0)
	}
	if *seen&(1<<k) != 0 {
		return errJSONScan
	}
	*seen |= 1 << k
	if s.literal("null") == nil {
		return nil // as in encoding/json, null leaves the field alone
	}
	var err error
	switch oaiFieldNames[k] {
	case "id":
		rec.ID, _, err = s.str(false)
	case "title":
		rec.Title, rec.titleClean, err = s.str(true)
	case "abstract":
		rec.Abstract, rec.abstractClean, err = s.str(true)
	case "authors":
		rec.Authors, _, err = s.str(true)
	case "categories":
		rec.Categories, _, err = s.str(false)
	case "doi":
		rec.DOI, _, err = s.str(false)
	case "comments":
		rec.Comments, _, err = s.str(true)
	case "update_date":
		rec.UpdateDate, _, err = s.str(false)
	case "versions":
		err = s.versions(rec)
	}
	return err
}

// versions reads the creation dates of the versions.
func (s *jsonScan) versions(rec *oaiRecord) error {
	rec.Versions = nil
	return s.array(func() error {
		rec.Versions = append(rec.Versions, struct {
			Created string `json:"created"`
		}{})
		if s.literal("null") == nil {
			return nil
		}
		seen := false
		return s.object(func(key []byte) error {
			if string(key) != "created" {
				if strings.EqualFold(string(key), "created") {
					return errJSONScan
				}
				return s.skipValue(0)
			}
			if seen {
				return errJSONScan
			}
			seen = true
			if s.literal("null") == nil {
				return nil
			}
			var err error
			rec.Versions[len(rec.Versions)-1].Created, _, err = s.str(false)
			return err
		})
	})
}

// errJSONScan is the scanner giving up; the caller asks encoding/json.
var errJSONScan = errors.New("JSON scan failed")

// maxJSONDepth is encoding/json's nesting limit.
const maxJSONDepth = 10000

// jsonScan is a position in one JSON text.
type jsonScan struct {
	b   []byte
	i   int
	buf []byte // reused for decoding strings
}

// ws skips JSON whitespace.
func (s *jsonScan) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// next skips whitespace and reports whether c comes next, consuming it.
func (s *jsonScan) next(c byte) bool {
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// object reads {"key": value, ...}, calling field to read each value. The
// key is only valid until field reads the value.
func (s *jsonScan) object(field func(key []byte) error) error {
	if !s.next('{') {
		return errJSONScan
	}
	if s.next('}') {
		return nil
	}
	for {
		s.ws()
		key, err := s.key()
		if err != nil || !s.next(':') {
			return errJSONScan
		}
		s.ws()
		if err := field(key); err != nil {
			return err
		}
		if s.next(',') {
			continue
		}
		if s.next('}') {
			return nil
		}
		return errJSONScan
	}
}

// array reads [value, ...], calling elem to read each value.
func (s *jsonScan) array(elem func() error) error {
	if !s.next('[') {
		return errJSONScan
	}
	if s.next(']') {
		return nil
	}
	for {
		s.ws()
		if err := elem(); err != nil {
			return err
		}
		if s.next(',') {
			continue
		}
		if s.next(']') {
			return nil
		}
		return errJSONScan
	}
}

// literal consumes word (true, false, null) if it comes next.
func (s *jsonScan) literal(word string) error {
	s.ws()
	if !bytes.HasPrefix(s.b[s.i:], []byte(word)) {
		return errJSONScan
	}
	s.i += len(word)
	return nil
}

// key reads an object key: in place when it has no escapes, as keys
// almost never do, else decoded.
func (s *jsonScan) key() ([]byte, error) {
	start := s.i + 1
	if err := s.skipString(); err != nil {
		return nil, err
	}
	raw := s.b[start : s.i-1]
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw, nil
	}
	s.i = start - 1
	k, _, err := s.str(false)
	return []byte(k), err
}

// jsonPlain marks the bytes a string can copy as they are: not the quote,
// the backslash, space, control characters or non-ASCII.
var jsonPlain = func() (t [256]bool) {
	for c := '!'; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str decodes a string. With collapse, runs of whitespace (raw or escaped)
// become one space and the ends are trimmed; clean then reports that the
// result is printable ASCII, which model.CleanLine would return unchanged.
func (s *jsonScan) str(collapse bool) (out string, clean bool, err error) {
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return "", false, errJSONScan
	}
	s.i++
	buf := s.buf[:0]
	clean, space := collapse, false
	emit := func(r rune) {
		if space && len(buf) > 0 {
			buf = append(buf, ' ')
		}
		space = false
		if r < 0x20 || r >= 0x7f {
			clean = false
		}
		buf = utf8.AppendRune(buf, r)
	}
	for s.i < len(s.b) {
		start := s.i
		for s.i < len(s.b) && jsonPlain[s.b[s.i]] {
			s.i++
		}
		if s.i > start {
			if space && len(buf) > 0 {
				buf = append(buf, ' ')
			}
			space = false
			buf = append(buf, s.b[start:s.i]...)
			continue
		}
		switch c := s.b[s.i]; {
		case c == '"':
			s.i++
			s.buf = buf
			return string(buf), clean, nil
		case c == '\\':
			r, n := unescapeJSON(s.b[s.i:])
			if n == 0 {
				return "", false, errJSONScan
			}
			s.i += n
			if collapse && (r == ' ' || r == '\n' || r == '\t' || r == '\r') {
				space = true
				continue
			}
			emit(r)
		case c < 0x20:
			return "", false, errJSONScan // raw control characters are not JSON
		case c == ' ' && collapse:
			space = true
			s.i++
		default: // a space kept as it is, or a byte of a non-ASCII character
			if space && len(buf) > 0 {
				buf = append(buf, ' ')
			}
			space = false
			if c >= 0x7f {
				clean = false
			}
			buf = append(buf, c)
			s.i++
		}
	}
	return "", false, errJSONScan
}

// unescapeJSON decodes the escape at b[0] (a backslash) and returns the
// rune and the escape's length, 0 when it is invalid. Surrogate pairs
// combine; a lone surrogate is U+FFFD, as in encoding/json.
func unescapeJSON(b []byte) (rune, int) {
	if len(b) < 2 {
		return 0, 0
	}
	switch b[1] {
	case '"', '\\', '/':
		return rune(b[1]), 2
	case 'b':
		return '\b', 2
	case 'f':
		return '\f', 2
	case 'n':
		return '\n', 2
	case 'r':
		return '\r', 2
	case 't':
		return '\t', 2
	case 'u':
		r, ok := hex4(b[2:])
		if !ok {
			return 0, 0
		}
		if utf16.IsSurrogate(r) {
			if len(b) >= 12 && b[6] == '\\' && b[7] == 'u' {
				if r2, ok := hex4(b[8:]); ok {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						return dec, 12
					}
				}
			}
			return utf8.RuneError, 6
		}
		return r, 6
	}
	return 0, 0
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// skipValue validates and skips any value.
func (s *jsonScan) skipValue(depth int) error {
	if depth > maxJSONDepth {
		return errJSONScan
	}
	s.ws()
	if s.i >= len(s.b) {
		return errJSONScan
	}
	switch c := s.b[s.i]; {
	case c == '"':
		return s.skipString()
	case c == '{':
		return s.object(func([]byte) error { return s.skipValue(depth + 1) })
	case c == '[':
		return s.array(func() error { return s.skipValue(depth + 1) })
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	case c == '-' || isDigit(c):
		return s.number()
	}
	return errJSONScan
}

// skipString validates a string without decoding it.
func (s *jsonScan) skipString() error {
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return errJSONScan
	}
	s.i++
	for s.i < len(s.b) {
		switch c := s.b[s.i]; {
		case c == '"':
			s.i++
			return nil
		case c == '\\':
			_, n := unescapeJSON(s.b[s.i:])
			if n == 0 {
				return errJSONScan
			}
			s.i += n
		case c < 0x20:
			return errJSONScan
		default:
			s.i++
		}
	}
	return errJSONScan
}

// number validates a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *jsonScan) number() error {
	b := s.b
	i := s.i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	default:
		return errJSONScan
	}
	digits := func() bool {
		start := i
		for i < len(b) && isDigit(b[i]) {
			i++
		}
		return i > start
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return errJSONScan
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return errJSONScan
		}
	}
	s.i = i
	return nil
}

// jsonTitle returns the raw value of the "title" key of a one-line JSON
// record, escapes and all, or nil when it cannot tell it cheaply. It must
// over-approximate encoding/json, which takes the last key equal to
// "title" ignoring case, escapes decoded: a record where another key might
// decode to that gets nil. Without a \u escape of one of its letters, such
// a key is spelled out between two quotes and followed by a colon, and its
// opening quote follows no backslash (a structural quote follows "{", ","
// or space): so the raw title is known when exactly one such spelling
// exists and it is "title" itself.
func jsonTitle(record []byte) []byte {
	if hasTitleLetterEscape(record) {
		return nil
	}
	at := -1
	for j := 0; j+7 <= len(record); j++ {
		if record[j] != '"' || !isTitleKeyAt(record, j) {
			continue
		}
		if at >= 0 {
			return nil // a repeated key, maybe in another case
		}
		at = j
	}
	if at < 0 || string(record[at+1:at+6]) != "title" {
		return nil
	}
	rest := bytes.TrimLeft(record[at+7:], " \t\r\n")[1:] // after the colon
	rest = bytes.TrimLeft(rest, " \t\r\n")
	if len(rest) == 0 || rest[0] != '"' {
		return nil
	}
	for j := 1; j < len(rest); j++ {
		switch rest[j] {
		case '\\':
			j++
		case '"':
			return rest[1:j]
		}
	}
	return nil
}

// isTitleKeyAt reports that b[j], a quote no backslash precedes, opens
// "title" in any ASCII case, closed and followed by a colon. No letter of
// "title" has a non-ASCII case variant (unlike k and s), so ASCII folding
// is all of encoding/json's.
func isTitleKeyAt(b []byte, j int) bool {
	if j > 0 && b[j-1] == '\\' || j+7 > len(b) || b[j+6] != '"' {
		return false
	}
	w := b[j+1 : j+6]
	if w[0]|0x20 != 't' || w[1]|0x20 != 'i' || w[2]|0x20 != 't' || w[3]|0x20 != 'l' || w[4]|0x20 != 'e' {
		return false
	}
	rest := bytes.TrimLeft(b[j+7:], " \t\r\n")
	return len(rest) > 0 && rest[0] == ':'
}

// hasTitleLetterEscape reports a \u escape of a letter of "title", in
// either case, through which a key could spell it without its bytes.
func hasTitleLetterEscape(b []byte) bool {
	for {
		j := bytes.Index(b, []byte(`\u00`))
		if j < 0 || j+6 > len(b) {
			return false
		}
		if r, ok := hex4(b[j+2:]); ok && strings.IndexByte("tileTILE", byte(r)) >= 0 {
			return true
		}
		b = b[j+2:]
	}
}
