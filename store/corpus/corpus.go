// Package corpus reads corpus files in the formats papers are published
// in.
//
// A corpus is loaded by content, never by file name: DetectFormat looks at
// the first bytes and picks one of the formats below, each parsed in its own
// file (format_*.go). Every loader returns papers whose text is sanitised
// (model.CleanLine), TeX-decoded where the source is TeX, and given links,
// IDs (Paper.AssignIDs) and Sources; Merge then folds duplicates.
package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/parallel"
	"github.com/papertui/papers/store/corpus/tex"
)

// LoadError reports a corpus that could not be loaded. Error() is
// "FILE:LINE: message", or "FILE: message" when no line applies (Line 0).
// Err is the cause; errors.Is and errors.As see through a LoadError.
type LoadError struct {
	File string
	Line int
	Err  error
}

func (e *LoadError) Error() string {
	// A file name can hold anything but "/" and NUL: one with control
	// characters is quoted, so it is shown, escaped, but never acted on.
	name := model.Quote(e.File)
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", name, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", name, e.Err)
}

func (e *LoadError) Unwrap() error { return e.Err }

// errUnknownFormat is the cause of a LoadError for a file that is not in
// any known format. Load turns it into a warning inside directories.
var errUnknownFormat = errors.New("not a known corpus format (trending-page text, arXiv JSON Lines, arXiv Atom, arXiv RSS, arXiv e-mail digest, OAI-PMH, Hugging Face daily papers, BibTeX)")

// Format is a corpus file format, as told by DetectFormat.
type Format int

const (
	FormatUnknown      Format = iota
	FormatTrendingText        // a saved trending-papers page: title and abstract lines alternating
	FormatArxivJSONL          // the arXiv OAI metadata snapshot, one JSON object per line
	FormatArxivAtom           // an arXiv API search result (Atom XML)
	FormatHFDaily             // a Hugging Face /api/daily_papers response (JSON array)
	FormatArxivRSS            // an arXiv announcement listing (RSS)
	FormatArxivDigest         // the arXiv subscription e-mail
	FormatOAIPMH              // an OAI-PMH ListRecords or GetRecord response
	FormatBibTeX              // a BibTeX database
)

// String names the format for messages.
func (f Format) String() string {
	switch f {
	case FormatTrendingText:
		return "trending-page text"
	case FormatArxivJSONL:
		return "arXiv JSON Lines"
	case FormatArxivAtom:
		return "arXiv Atom"
	case FormatHFDaily:
		return "Hugging Face daily papers"
	case FormatArxivRSS:
		return "arXiv RSS listing"
	case FormatArxivDigest:
		return "arXiv e-mail digest"
	case FormatOAIPMH:
		return "OAI-PMH"
	case FormatBibTeX:
		return "BibTeX"
	}
	return "unknown"
}

// headSize is how much of a stream DetectFormat sees: enough for dozens of
// trending-page records, and for the opening of a JSON line or a feed.
const headSize = 64 << 10

// Parse detects the format of one stream and parses it. name labels
// the papers' Sources and any error. Gzip-compressed input is decompressed.
// Duplicates within the stream are merged (Merge). An unrecognised or
// malformed stream gives a *LoadError and no papers; JSON Lines cut off
// mid-line gives the papers of its complete lines and a warning, a
// *LoadError for which IsWarning holds.
func Parse(name string, r io.Reader) ([]model.Paper, error) {
	return parseStream(name, r, 0, true, nil)
}

// parseStream is Parse with a size hint (for reading whole files
// without regrowing buffers; for gzip, the compressed size) and a guard
// against gzip inside gzip.
func parseStream(name string, r io.Reader, sizeHint int64, gunzip bool, keep RecordFilter) ([]model.Paper, error) {
	limit, err := documentLimit(0)
	if !gunzip {
		limit, err = documentLimit(sizeHint)
		sizeHint = 0
	}
	if err != nil {
		return nil, &LoadError{File: name, Err: err}
	}
	br := bufio.NewReaderSize(r, headSize)
	head, err := br.Peek(headSize)
	if err != nil && err != io.EOF {
		return nil, &LoadError{File: name, Err: err}
	}
	if gunzip && len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, &LoadError{File: name, Err: fmt.Errorf("gzip: %w", err)}
		}
		defer zr.Close()
		return parseStream(name, zr, sizeHint, false, keep)
	}
	if bytes.HasPrefix(head, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
		head = head[len(utf8BOM):]
		sizeHint -= int64(len(utf8BOM))
	}
	var papers []model.Paper
	doc := newLimitedDocument(name, br, limit, !gunzip)
	switch DetectFormat(head) {
	case FormatTrendingText:
		papers, err = readTrendingText(name, doc, sizeHint, keep)
	case FormatArxivJSONL:
		papers, err = parseArxivJSONL(name, br, keep)
	case FormatArxivAtom:
		papers, err = readDocument(name, doc, sizeHint, parseArxivAtom)
	case FormatHFDaily:
		papers, err = readDocument(name, doc, sizeHint, parseHFDaily)
	case FormatArxivRSS:
		papers, err = readDocument(name, doc, sizeHint, parseArxivRSS)
	case FormatArxivDigest:
		papers, err = readDigest(name, doc, sizeHint)
	case FormatOAIPMH:
		papers, err = readOAIPMH(name, doc, sizeHint)
	case FormatBibTeX:
		papers, err = readBibTeX(name, doc, sizeHint)
	default:
		return nil, &LoadError{File: name, Err: errUnknownFormat}
	}
	if err != nil && !IsWarning(err) {
		return nil, err
	}
	return papers, err
}

var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// readDocument reads a format that is one document, not records (an API
// answer, a day's papers: megabytes at most), and parses it whole.
func readDocument(name string, r io.Reader, sizeHint int64, parse func(name string, data []byte) ([]model.Paper, error)) ([]model.Paper, error) {
	data, err := readAll(name, r, sizeHint)
	if err != nil {
		return nil, err
	}
	return parse(name, data)
}

// readAllString reads a whole stream into a string without the copy that
// converting a byte slice would make: the text format keeps the whole file
// in memory, and its papers' fields point into it.
func readAllString(name string, r io.Reader, sizeHint int64) (string, error) {
	var b strings.Builder
	if sizeHint > 0 && sizeHint < 1<<34 {
		b.Grow(int(sizeHint) + 1)
		if _, err := io.Copy(&b, r); err != nil {
			return "", fileError(name, err)
		}
		return b.String(), nil
	}
	chunks, total, err := readChunks(r)
	if err != nil {
		return "", fileError(name, err)
	}
	b.Grow(total)
	for _, c := range chunks {
		b.Write(c)
	}
	return b.String(), nil
}

// readAll reads a whole stream, sized by the hint when there is one.
func readAll(name string, r io.Reader, sizeHint int64) ([]byte, error) {
	if sizeHint > 0 && sizeHint < 1<<34 {
		var buf bytes.Buffer
		buf.Grow(int(sizeHint) + bytes.MinRead)
		if _, err := buf.ReadFrom(r); err != nil {
			return nil, fileError(name, err)
		}
		return buf.Bytes(), nil
	}
	chunks, _, err := readChunks(r)
	if err != nil {
		return nil, fileError(name, err)
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	return bytes.Join(chunks, nil), nil
}

// readChunks reads a stream of unknown size (decompressed data) in chunks
// of growing size. Unlike a doubling buffer, which holds the old and the
// new copy while it grows, it never holds more than what it read until
// the end, so a stream stopped at the document limit costs the limit.
func readChunks(r io.Reader) (chunks [][]byte, total int, err error) {
	for size := 64 << 10; ; size = min(2*size, 8<<20) {
		buf := make([]byte, size)
		n := 0
		for n < len(buf) && err == nil {
			var m int
			m, err = r.Read(buf[n:])
			n += m
		}
		if n > 0 {
			chunks = append(chunks, buf[:n])
			total += n
		}
		if err == io.EOF {
			return chunks, total, nil
		}
		if err != nil {
			return nil, 0, err
		}
	}
}

// fileError makes err a *LoadError naming the file, unless it is one.
func fileError(name string, err error) error {
	var lerr *LoadError
	if errors.As(err, &lerr) {
		return err
	}
	return &LoadError{File: name, Err: err}
}

// Load loads the corpus files and directories in paths, in order, and
// merges the result (Merge).
//
// A directory loads every regular, non-hidden file below it, recursively,
// in lexical order of path; hidden files and directories (".name") are
// skipped, and so are symbolic links to directories. A file inside a
// directory that fails to load (an unknown format, an arXiv error feed, a
// malformed record) is skipped with a warning naming it, and the rest
// loads. A file named in paths that fails is an error (a *LoadError), and
// then no papers are returned. JSON Lines cut off mid-line loads its
// complete lines, with a warning; a file or directory without papers is
// a warning too (*NoPapersError). A deleted record in an OAI-PMH page
// removes the paper, whichever file held it.
func Load(paths []string) (papers []model.Paper, warnings []error, err error) {
	return loadCorpus(paths, nil)
}

// RecordFilter decides from a record's raw bytes whether to decode it, so
// that a search streaming through a large file can skip the records that
// cannot match (see model.Prefilter). title is the raw title within the
// record, or nil when it cannot be told apart cheaply. It must be safe for
// concurrent use.
type RecordFilter func(syntax model.RecordSyntax, record, title []byte) bool

// LoadFiltered is Load decoding only the records keep accepts,
// in the formats made of records (arXiv JSON Lines, trending-page text);
// documents in the other formats are decoded whole. A malformed record that
// keep rejects is skipped unread, as grep would.
func LoadFiltered(paths []string, keep RecordFilter) (papers []model.Paper, warnings []error, err error) {
	return loadCorpus(paths, keep)
}

func loadCorpus(paths []string, keep RecordFilter) (papers []model.Paper, warnings []error, err error) {
	var lists [][]model.Paper
	var files []string
	warnings, err = eachCorpusFile(paths, func(file string) (bool, error) {
		list, err := loadFile(file, keep)
		if err == nil || IsWarning(err) {
			lists = append(lists, list)
			files = append(files, file)
		}
		return true, err
	})
	if err != nil {
		return nil, warnings, err
	}
	if len(lists) == 1 {
		return dropDeleted(files, lists[0]), warnings, nil // parseStream merged it already
	}
	return dropDeleted(files, model.MergePapers(lists...)), warnings, nil
}

// Stream reads the corpora at paths like LoadFiltered, but
// hands the papers to fn in batches, in corpus order, as they are decoded,
// and stops reading when fn returns false. Batches are not merged: the same
// paper may come twice. A search that has found all it needs can stop
// without reading the rest of a large file.
func Stream(paths []string, keep RecordFilter, fn func(batch []model.Paper) bool) (warnings []error, err error) {
	return eachCorpusFile(paths, func(file string) (bool, error) {
		f, err := os.Open(file)
		if err != nil {
			return false, &LoadError{File: file, Err: pathCause(err)}
		}
		defer f.Close()
		more := true
		var size int64
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			size = info.Size()
		}
		err = streamFormats(file, f, size, keep, func(batch []model.Paper) bool {
			more = fn(batch)
			return more
		})
		return more, err
	})
}

// streamFormats decodes one stream, chunk by chunk for JSON Lines and
// whole for the other formats. size is the file's, 0 when unknown.
func streamFormats(name string, r io.Reader, size int64, keep RecordFilter, fn func([]model.Paper) bool) error {
	br := bufio.NewReaderSize(r, headSize)
	head, err := br.Peek(headSize)
	if err != nil && err != io.EOF {
		return &LoadError{File: name, Err: err}
	}
	if DetectFormat(bytes.TrimPrefix(head, utf8BOM)) != FormatArxivJSONL {
		papers, err := parseStream(name, br, size, true, keep)
		if err == nil {
			fn(papers)
		}
		return err
	}
	_, _ = br.Discard(len(head) - len(bytes.TrimPrefix(head, utf8BOM)))
	return streamArxivJSONL(name, br, keep, fn)
}

// eachCorpusFile calls fn for every corpus file named by paths, in order:
// files as given, directories as corpusFiles lists them. A file inside a
// directory that fails becomes a warning, and so does a warning from fn
// anywhere; fn returning false stops.
func eachCorpusFile(paths []string, fn func(file string) (more bool, err error)) (warnings []error, err error) {
	for _, path := range paths {
		info, err := os.Stat(path)
		if err != nil {
			return warnings, &LoadError{File: path, Err: pathCause(err)}
		}
		if !info.IsDir() {
			more, err := fn(path)
			if IsWarning(err) {
				warnings = append(warnings, err)
				err = nil
			}
			if err != nil || !more {
				return warnings, err
			}
			continue
		}
		files, err := corpusFiles(path)
		if err != nil {
			return warnings, err
		}
		if len(files) == 0 {
			warnings = append(warnings, &NoPapersError{Path: path})
		}
		for _, file := range files {
			more, err := fn(file)
			if err != nil {
				// One bad file in a folder of downloads should not cost
				// the others.
				warnings = append(warnings, err)
				continue
			}
			if !more {
				return warnings, nil
			}
		}
	}
	return warnings, nil
}

// loadFile parses one file, named in Sources and errors as given.
func loadFile(path string, keep RecordFilter) ([]model.Paper, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &LoadError{File: path, Err: pathCause(err)}
	}
	defer f.Close()
	var size int64
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		size = info.Size()
	}
	papers, err := parseStream(path, f, size, true, keep)
	if err == nil && len(papers) == 0 && keep == nil {
		// A feed without entries loads fine, and silently.
		err = &NoPapersError{Path: path}
	}
	return papers, err
}

// pathCause drops the path from an *fs.PathError: LoadError names the file
// already.
func pathCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// corpusFiles lists the files Load reads from a directory.
func corpusFiles(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return &LoadError{File: path, Err: pathCause(err)}
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, path)
		} else if d.Type()&fs.ModeSymlink != 0 {
			if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
				files = append(files, path)
			}
		}
		return nil
	})
	return files, err
}

// rawPaper is a record as a format reads it, before normalisation.
type rawPaper struct {
	arxivID    string
	title      string
	abstract   string
	authors    []string
	categories []string
	published  time.Time
	updated    time.Time
	doi        string
	upvotes    int
	comments   string // the authors' comments, also searched for links
	journalRef string
	bibKey     string
	// announced is the announcement day, announceType how (new, cross, ...).
	announced    time.Time
	announceType string
	links        []string // URLs the source names outright (a code repository, a project page)
	// titleClean and abstractClean mark text already equal to what
	// model.CleanLine makes of it, so that large corpora are not scanned
	// twice.
	titleClean, abstractClean bool
}

// finish turns a raw record into a Paper: every text field cleaned, TeX
// decoded when tex is set, links gathered and IDs assigned. ok is false
// when no title is left, as a paper without a title cannot be shown.
func (raw *rawPaper) finish(source string, tex bool) (p model.Paper, ok bool) {
	p.Title = cleanText(raw.title, raw.titleClean, tex)
	if p.Title == "" {
		return p, false
	}
	p.ArxivID = model.CleanLine(raw.arxivID) // AssignIDs normalises it
	p.Abstract = cleanText(raw.abstract, raw.abstractClean, tex)
	for _, a := range raw.authors {
		if a = cleanField(a, tex); a != "" {
			p.Authors = append(p.Authors, a)
		}
	}
	for _, c := range raw.categories {
		if c = model.CleanLine(c); c != "" && !slices.Contains(p.Categories, c) {
			p.Categories = append(p.Categories, c)
		}
	}
	p.Published, p.Updated, p.Upvotes = raw.published, raw.updated, max(raw.upvotes, 0)
	p.DOI = normalizeDOI(model.CleanLine(raw.doi))
	p.Comments = cleanField(raw.comments, tex)
	p.JournalRef = cleanField(raw.journalRef, tex)
	p.BibKey = model.CleanLine(raw.bibKey)
	p.Announced, p.AnnounceType = raw.announced, model.CleanLine(raw.announceType)
	p.AssignIDs()
	p.Links = raw.paperLinks(p)
	p.Sources = []string{source}
	return p, true
}

// paperLinks gathers the links of p: arXiv pages, DOI, the URLs the source
// names, and the URLs in the abstract and the comments.
func (raw *rawPaper) paperLinks(p model.Paper) []model.Link {
	var set linkSet
	for _, l := range arxivLinks(p.ArxivID) {
		set.add(l)
	}
	if p.DOI != "" {
		set.add(doiLink(p.DOI))
	}
	texts := make([]string, 0, len(raw.links)+2)
	for _, u := range raw.links {
		texts = append(texts, model.CleanLine(u))
	}
	texts = append(texts, p.Abstract)
	if p.Comments != "" {
		texts = append(texts, p.Comments)
	}
	for _, text := range texts {
		for _, l := range textLinks(text) {
			if set.full() {
				return set.links
			}
			set.add(l)
		}
	}
	return set.links
}

// cleanField sanitises one text field. TeX is decoded after cleaning, so it
// never sees escape sequences, and the result is cleaned again because
// decoding leaves combining accents to compose and spaces to collapse.
func cleanField(s string, texMarkup bool) string { return cleanText(s, false, texMarkup) }

// cleanText is cleanField for text that may be known to be clean already.
func cleanText(s string, clean, texMarkup bool) string {
	if !clean {
		s = model.CleanLine(collapseASCIISpace(s))
	}
	if texMarkup {
		if d := tex.Decode(s); d != s {
			s = model.CleanLine(d)
		}
	}
	return s
}

// finishAll finishes raws in parallel, keeping their order and dropping
// records without a title.
func finishAll(raws []rawPaper, source string, tex bool) []model.Paper {
	papers := make([]model.Paper, len(raws))
	keep := make([]bool, len(raws))
	parallelRanges(len(raws), 128, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			papers[i], keep[i] = raws[i].finish(source, tex)
		}
	})
	out := papers[:0]
	for i := range papers {
		if keep[i] {
			out = append(out, papers[i])
		}
	}
	return out
}

// parallelRanges splits [0, n) into one contiguous range per CPU and runs
// fn on each concurrently. Inputs under two grains run inline: goroutines
// would cost more than they save.
func parallelRanges(n, grain int, fn func(lo, hi int)) {
	if n < 2*grain {
		fn(0, n)
		return
	}
	w := parallel.Workers(n)
	parallel.Chunks(n, (n+w-1)/w, w, func(_, lo, hi int) { fn(lo, hi) })
}

// collapseASCIISpace joins the hard-wrapped lines of printable ASCII text
// (most titles and abstracts) into one line with single spaces, exactly as
// model.CleanLine would, but in one cheap pass, so that CleanLine then
// takes its fast path. Any other text is returned unchanged for CleanLine
// to handle in full.
func collapseASCIISpace(s string) string {
	need := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x7f:
			return s
		case c == ' ':
			need = need || i == 0 || i == len(s)-1 || s[i+1] == ' ' || s[i+1] < 0x20
		case c == '\n' || c == '\t' || c == '\r':
			need = true
		case c < 0x20:
			return s
		}
	}
	if !need {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c > ' ' {
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = append(b, c)
		} else {
			space = true
		}
	}
	return string(b)
}
