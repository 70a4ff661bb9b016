package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/papertui/papers/model"
)

// The arXiv OAI metadata snapshot (Kaggle "arxiv-metadata-oai-snapshot")
// has one JSON object per line. Titles and abstracts are TeX with hard line
// breaks; authors are one string ("A and B", "A, B, and C (Univ. X)");
// categories are space-separated; versions carry RFC 1123 dates.

// oaiRecord holds the fields papers uses; the rest of the line is skipped.
// titleClean and abstractClean are set by scanOAIRecord when the text is
// already what model.CleanLine would make of it.
type oaiRecord struct {
	titleClean, abstractClean bool

	ID         string `json:"id"`
	Title      string `json:"title"`
	Abstract   string `json:"abstract"`
	Authors    string `json:"authors"`
	Categories string `json:"categories"`
	DOI        string `json:"doi"`
	Comments   string `json:"comments"`
	UpdateDate string `json:"update_date"`
	Versions   []struct {
		Created string `json:"created"`
	} `json:"versions"`
}

const (
	// firstChunk and maxChunk bound how much input one worker parses at a
	// time. Chunks start small, so that small files cost little, and grow
	// to a size that amortises the hand-offs while keeping every CPU busy.
	firstChunk = 64 << 10
	maxChunk   = 1 << 20
	// maxLineBytes bounds one line, so a file without line breaks cannot
	// take all memory. Real records are a few kilobytes.
	maxLineBytes = 64 << 20
)

// jsonlJob is a run of whole lines, parsed by a worker and collected in
// order through its own result channel.
type jsonlJob struct {
	data      []byte
	firstLine int
	result    chan jsonlResult
}

type jsonlResult struct {
	papers []model.Paper
	err    error
}

// parseArxivJSONL parses a JSON Lines stream. Input that fits one chunk is
// parsed directly; larger input goes through a jsonlPipeline.
func parseArxivJSONL(name string, r io.Reader, keep RecordFilter) ([]model.Paper, error) {
	var lists [][]model.Paper
	err := streamArxivJSONL(name, r, keep, func(papers []model.Paper) bool {
		lists = append(lists, papers)
		return true
	})
	if err != nil {
		return nil, err
	}
	if len(lists) == 1 {
		return mergeOwned(lists[0]), nil
	}
	// Merging copies the chunks' papers into one slice of the right size.
	return Merge(lists...), nil
}

// streamArxivJSONL parses a JSON Lines stream and hands each chunk's papers
// to fn, in input order, until fn returns false.
func streamArxivJSONL(name string, r io.Reader, keep RecordFilter, fn func([]model.Paper) bool) error {
	workers := runtime.GOMAXPROCS(0)
	chunks := &lineChunker{r: r, size: firstChunk, free: make(chan []byte, 3*workers+2)}
	first, err := chunks.next()
	if err != nil || first == nil {
		return chunkError(name, err)
	}
	if chunks.eof {
		papers, err := parseJSONLChunk(name, first.data, first.firstLine, keep)
		if err != nil {
			return err
		}
		fn(papers)
		return nil
	}
	p := &jsonlPipeline{
		name:    name,
		keep:    keep,
		chunks:  chunks,
		jobs:    make(chan *jsonlJob, workers),
		ordered: make(chan *jsonlJob, 2*workers),
		done:    make(chan struct{}),
		readErr: make(chan error, 1),
	}
	defer close(p.done)
	go p.feed(first)
	for range workers {
		go p.work()
	}
	return p.collect(fn)
}

// jsonlPipeline parses chunks concurrently: a reader goroutine (feed) cuts
// the stream into chunks of whole lines, GOMAXPROCS workers (work) parse
// them, and the collector receives the results in input order, so the
// first malformed line in file order is the one reported. At most about
// three chunks per worker are in memory at once.
type jsonlPipeline struct {
	name    string
	keep    RecordFilter
	chunks  *lineChunker
	jobs    chan *jsonlJob // to the workers
	ordered chan *jsonlJob // to the collector, in input order
	done    chan struct{}  // closed when the collector returns
	readErr chan error     // a reading error, sent before ordered closes
}

func (p *jsonlPipeline) feed(job *jsonlJob) {
	defer close(p.jobs)
	defer close(p.ordered)
	for job != nil {
		select {
		case p.ordered <- job:
		case <-p.done:
			return
		}
		select {
		case p.jobs <- job:
		case <-p.done:
			return
		}
		var err error
		if job, err = p.chunks.next(); err != nil {
			p.readErr <- err
			return
		}
	}
}

func (p *jsonlPipeline) work() {
	for job := range p.jobs {
		papers, err := parseJSONLChunk(p.name, job.data, job.firstLine, p.keep)
		p.chunks.recycle(job.data) // the papers hold no reference to it
		job.result <- jsonlResult{papers, err}
	}
}

func (p *jsonlPipeline) collect(fn func([]model.Paper) bool) error {
	for job := range p.ordered {
		res := <-job.result
		if res.err != nil {
			return res.err
		}
		if !fn(res.papers) {
			return nil
		}
	}
	select {
	case err := <-p.readErr:
		return chunkError(p.name, err)
	default:
		return nil
	}
}

// chunkError names the file in a reading error.
func chunkError(name string, err error) error {
	if err == nil {
		return nil
	}
	var lerr *LoadError
	if errors.As(err, &lerr) {
		lerr.File = name
		return lerr
	}
	return &LoadError{File: name, Err: err}
}

// lineChunker cuts a stream into chunks that end at a line end.
type lineChunker struct {
	r     io.Reader
	size  int    // size of the next chunk
	carry []byte // the start of a line that did not fit the last chunk
	line  int    // lines handed out so far
	eof   bool
	free  chan []byte // parsed chunks' buffers, for reuse
}

// recycle offers a parsed chunk's buffer for reuse.
func (c *lineChunker) recycle(buf []byte) {
	select {
	case c.free <- buf[:cap(buf)]:
	default:
	}
}

// buffer returns a buffer of at least n bytes, reused when one is free.
func (c *lineChunker) buffer(n int) []byte {
	select {
	case buf := <-c.free:
		if len(buf) >= n {
			return buf[:n]
		}
	default:
	}
	return make([]byte, n)
}

// next returns the next chunk, or nil at the end of the input.
func (c *lineChunker) next() (*jsonlJob, error) {
	for !c.eof {
		want := max(c.size, 2*len(c.carry))
		c.size = min(2*c.size, maxChunk)
		buf := c.buffer(want)
		n := copy(buf, c.carry)
		m, err := io.ReadFull(c.r, buf[n:])
		n += m
		c.eof = err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !c.eof {
			return nil, err
		}
		cut := n
		if !c.eof {
			cut = bytes.LastIndexByte(buf[:n], '\n') + 1
		}
		if cut == 0 {
			// No line end in the whole buffer: one long line; grow and read on.
			if n >= maxLineBytes {
				return nil, &LoadError{Line: c.line + 1, Err: fmt.Errorf("line longer than %d MiB", maxLineBytes>>20)}
			}
			c.carry = buf[:n]
			continue
		}
		job := &jsonlJob{data: buf[:cut], firstLine: c.line + 1, result: make(chan jsonlResult, 1)}
		c.line += bytes.Count(buf[:cut], []byte{'\n'})
		c.carry = append([]byte(nil), buf[cut:n]...)
		return job, nil
	}
	return nil, nil
}

// parseJSONLChunk parses the lines of one chunk.
func parseJSONLChunk(name string, data []byte, line int, keep RecordFilter) ([]model.Paper, error) {
	papers := make([]model.Paper, 0, bytes.Count(data, []byte{'\n'})+1)
	var scratch []byte // reused by every line's string decoding
	for ; len(data) > 0; line++ {
		text := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			text, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		text = bytes.TrimSpace(text)
		if len(text) == 0 || keep != nil && !keep(model.SyntaxJSON, text, jsonTitle(text)) {
			continue
		}
		p, err := parseOAILine(name, text, &scratch)
		if err != nil {
			return nil, &LoadError{File: name, Line: line, Err: err}
		}
		papers = append(papers, p)
	}
	return papers, nil
}

// parseOAILine turns one JSON line into a paper. The fast scanner reads
// nearly every line; what it does not accept goes to encoding/json, which
// either reads it (an unusual but valid spelling) or says what is wrong.
func parseOAILine(name string, line []byte, scratch *[]byte) (model.Paper, error) {
	line = bytes.TrimPrefix(line, utf8BOM)
	var rec oaiRecord
	if scanOAIRecord(line, &rec, scratch) != nil {
		rec = oaiRecord{}
		if err := json.Unmarshal(line, &rec); err != nil {
			return model.Paper{}, jsonError(err)
		}
	}
	raw := rawPaper{
		arxivID:       rec.ID,
		title:         rec.Title,
		titleClean:    rec.titleClean,
		abstract:      rec.Abstract,
		abstractClean: rec.abstractClean,
		authors:       splitAuthors(model.CleanLine(rec.Authors)),
		categories:    strings.Fields(rec.Categories),
		doi:           rec.DOI,
		comments:      rec.Comments,
	}
	if len(rec.Versions) > 0 {
		raw.published = parseTime(rec.Versions[0].Created)
	}
	raw.updated = parseTime(rec.UpdateDate)
	p, ok := raw.finish(name, true)
	if !ok {
		return p, errors.New("record has no title")
	}
	return p, nil
}

// jsonError words a decoding error without Go type names.
func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return fmt.Errorf("invalid JSON record: %q is a JSON %s, want %s", typeErr.Field, typeErr.Value, typeErr.Type.Kind())
	}
	return fmt.Errorf("invalid JSON: %w", err)
}

// parseTime returns the UTC time in s, or the zero time when s is empty or
// unparseable: a bad date should not cost the paper. The sources write ISO
// dates (arXiv update_date), RFC 3339 (Atom, Hugging Face) and RFC 1123 in
// GMT with or without a leading zero (arXiv versions); the layout is
// chosen by shape, as failed attempts and zone names cost allocations per
// record.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	var t time.Time
	var err error
	switch {
	case s == "":
		return t
	case len(s) == len(time.DateOnly):
		t, err = time.Parse(time.DateOnly, s)
	case strings.HasSuffix(s, " GMT") || strings.HasSuffix(s, " UTC"):
		t, err = time.ParseInLocation("Mon, 2 Jan 2006 15:04:05", s[:len(s)-4], time.UTC)
	default:
		t, err = time.Parse(time.RFC3339, s)
	}
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

// splitAuthors splits an arXiv author string into names. Names are
// separated by commas, semicolons, "&" and the word "and"; parentheses hold
// affiliations ("A. Smith (MIT)", "(1) CERN") and are dropped; braces and
// math group TeX, so separators inside them do not count.
func splitAuthors(s string) []string {
	var names []string
	var b strings.Builder
	flush := func() {
		name := strings.TrimSpace(b.String())
		b.Reset()
		if name != "" && !isEtAl(name) {
			names = append(names, name)
		}
	}
	parens, braces, math := 0, 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			if parens == 0 {
				b.WriteString(s[i : i+2])
			}
			i++
			continue
		case c == '(' && !math && braces == 0:
			parens++
			continue
		case c == ')' && parens > 0 && braces == 0:
			parens--
			continue
		case parens > 0:
			continue
		case c == '{':
			braces++
		case c == '}' && braces > 0:
			braces--
		case c == '$':
			math = !math
		case braces == 0 && !math && (c == ',' || c == ';' || c == '&'):
			flush()
			continue
		case braces == 0 && !math && c == ' ' && strings.HasPrefix(s[i:], " and "):
			flush()
			i += len(" and") - 1
			continue
		}
		b.WriteByte(c)
	}
	flush()
	return names
}

// isEtAl reports the placeholders some author lists end with.
func isEtAl(name string) bool {
	switch strings.ToLower(strings.TrimSuffix(name, ".")) {
	case "et al", "and others", "others", "and":
		return true
	}
	return strings.HasPrefix(name, "and ") && isEtAl(name[len("and "):])
}

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
// record, escapes and all, or nil when it cannot tell it cheaply: no such
// key, or more than one. A quote inside a JSON string is escaped, so a
// quoted "title" followed by a colon can only be a key.
func jsonTitle(record []byte) []byte {
	const key = `"title"`
	i := bytes.Index(record, []byte(key))
	if i < 0 || bytes.Contains(record[i+len(key):], []byte(key)) {
		return nil
	}
	rest := bytes.TrimLeft(record[i+len(key):], " \t")
	if len(rest) == 0 || rest[0] != ':' {
		return nil
	}
	rest = bytes.TrimLeft(rest[1:], " \t")
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
