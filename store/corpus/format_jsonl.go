package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/parallel"
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
	last      bool // the end of the input: a last line without a line end may be cut off
	result    chan jsonlResult
}

type jsonlResult struct {
	papers []model.Paper
	err    error
}

// parseArxivJSONL parses a JSON Lines stream. Input that fits one chunk is
// parsed directly; larger input goes through a jsonlPipeline. A stream cut
// off in the middle of its last line gives the papers of the lines before
// and a warning (errTruncated).
func parseArxivJSONL(name string, r io.Reader, keep RecordFilter) ([]model.Paper, error) {
	var lists [][]model.Paper
	err := streamArxivJSONL(name, r, keep, func(papers []model.Paper) bool {
		lists = append(lists, papers)
		return true
	})
	if err != nil && !errors.Is(err, errTruncated) {
		return nil, err
	}
	if len(lists) == 1 {
		return model.MergeInPlace(lists[0]), err
	}
	// Merging copies the chunks' papers into one slice of the right size.
	return model.MergePapers(lists...), err
}

// streamArxivJSONL parses a JSON Lines stream and hands each chunk's papers
// to fn, in input order, until fn returns false. A last line cut off gives
// its warning after the papers before it.
func streamArxivJSONL(name string, r io.Reader, keep RecordFilter, fn func([]model.Paper) bool) error {
	workers := parallel.Cores()
	chunks := &lineChunker{r: r, size: firstChunk, free: make(chan []byte, 3*workers+2)}
	first, err := chunks.next()
	if err != nil || first == nil {
		return chunkError(name, err)
	}
	if chunks.eof {
		papers, err := parseJSONLChunk(name, first, keep)
		if err != nil && !errors.Is(err, errTruncated) {
			return err
		}
		fn(papers)
		return err
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
		papers, err := parseJSONLChunk(p.name, job, p.keep)
		p.chunks.recycle(job.data) // the papers hold no reference to it
		job.result <- jsonlResult{papers, err}
	}
}

func (p *jsonlPipeline) collect(fn func([]model.Paper) bool) error {
	for job := range p.ordered {
		res := <-job.result
		if res.err != nil && !errors.Is(res.err, errTruncated) {
			return res.err
		}
		if !fn(res.papers) || res.err != nil {
			return res.err
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
		job := &jsonlJob{data: buf[:cut], firstLine: c.line + 1, last: c.eof, result: make(chan jsonlResult, 1)}
		c.line += bytes.Count(buf[:cut], []byte{'\n'})
		c.carry = append([]byte(nil), buf[cut:n]...)
		return job, nil
	}
	return nil, nil
}

// errTruncated is the cause of the warning for input that ends in the
// middle of a line: a download or a copy cut short. The lines before it
// load.
var errTruncated = errors.New("the file ends in the middle of this line (cut short?): the lines before it are loaded")

// parseJSONLChunk parses the lines of one chunk. When the last line of the
// input does not parse and has no line end, the papers before it come with
// an errTruncated warning.
func parseJSONLChunk(name string, job *jsonlJob, keep RecordFilter) ([]model.Paper, error) {
	data, line := job.data, job.firstLine
	cutShort := job.last && len(data) > 0 && data[len(data)-1] != '\n'

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
			if cutShort && len(data) == 0 {
				return papers, &LoadError{File: name, Line: line, Err: errTruncated}
			}
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
