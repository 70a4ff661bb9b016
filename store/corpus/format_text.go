package corpus

import (
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/papertui/papers/model"
)

// The trending-page format is the text of a "trending papers" web page
// saved as plain text: some page boilerplate, then each paper as a title
// line followed by an abstract line, in trending order. Captures differ in
// their boilerplate, line ends (CRLF), blank lines and BOM, so records are
// recognised by shape rather than by position: a record is a title-like
// line directly followed (blank lines aside) by an abstract-like line, and
// every other line is ignored. The page glues "Subscribe" to the first
// title; that is undone.
//
// The text is plain: no TeX decoding ("$" may be a price).

// pageBoilerplate are lines of the trending pages that are never records:
// the subscription box, and the header and footer of another capture.
// Besides being skipped, they tell the format: a page that lists a single
// paper is mostly boilerplate.
var pageBoilerplate = map[string]bool{
	"Get trending papers in your email inbox once a day!": true,
	"Get trending papers in your email inbox!":            true,
	"Subscribe":        true,
	"Trending Papers":  true,
	"Papers with Code": true,
	"Data policy":      true,
	"Cookies policy":   true,
	"from Facebook AI": true,
}

// textLine is one non-blank line and how it may be used.
type textLine struct {
	text            string
	title, abstract bool
	boilerplate     bool // a line of pageBoilerplate: not text, nor a record
}

// trendingRecord is one title and abstract found in the text.
type trendingRecord struct {
	title, abstract string
}

// readTrendingText reads the whole stream and parses it. The text is kept
// in one string that the papers' fields share where cleaning changes
// nothing, which keeps a large corpus at about its file size in memory.
func readTrendingText(name string, r io.Reader, sizeHint int64, keep RecordFilter) ([]model.Paper, error) {
	data, err := readAllString(name, r, sizeHint)
	if err != nil {
		return nil, err
	}
	return parseTrendingText(name, data, keep)
}

// parseTrendingText parses a whole trending-page text. It fails only when
// no record is found.
func parseTrendingText(name, data string, keep RecordFilter) ([]model.Paper, error) {
	records, _, _, _ := trendingRecords(data)
	if len(records) == 0 {
		return nil, &LoadError{File: name, Err: errUnknownFormat}
	}
	raws := make([]rawPaper, len(records))
	for i, rec := range records {
		// classifyPiece cleaned the lines already.
		raws[i] = rawPaper{title: rec.title, abstract: rec.abstract, titleClean: true, abstractClean: true}
	}
	if title, ok := strings.CutPrefix(raws[0].title, "Subscribe"); ok && startsUpper(title) {
		raws[0].title = title
	}
	if keep != nil {
		var record []byte
		raws = slices.DeleteFunc(raws, func(raw rawPaper) bool {
			record = append(append(append(record[:0], raw.title...), '\n'), raw.abstract...)
			return !keep(model.SyntaxPlain, record, record[:len(raw.title)])
		})
	}
	return model.MergeInPlace(finishAll(raws, name, false)), nil
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// trendingRecords pairs the title and abstract lines of data. It also
// returns how many bytes of non-blank, non-boilerplate lines there are,
// how many of them the records cover and whether the page's boilerplate
// is there, which DetectFormat uses to tell this format from other text.
func trendingRecords(data string) (records []trendingRecord, covered, total int, boilerplate bool) {
	lines := classifyLines(data)
	lines = slices.DeleteFunc(lines, func(l textLine) bool {
		boilerplate = boilerplate || l.boilerplate
		return l.boilerplate
	})
	for _, l := range lines {
		total += len(l.text)
	}
	for i := 0; i+1 < len(lines); {
		t, a := lines[i], lines[i+1]
		// A long title can pass for a short abstract: when the line after
		// it is an abstract that cannot be a title, it is the title.
		shifted := a.title && i+2 < len(lines) && lines[i+2].abstract && !lines[i+2].title
		if !t.title || !a.abstract || shifted {
			i++
			continue
		}
		records = append(records, trendingRecord{title: t.text, abstract: a.text})
		covered += len(t.text) + len(a.text)
		i += 2
	}
	return records, covered, total, boilerplate
}

// classifyLines splits data into its non-blank lines, cleaned, and
// classifies each (boilerplate, title, abstract). Large texts are
// classified in parallel pieces cut at line ends.
func classifyLines(data string) []textLine {
	const piece = 1 << 20
	var pieces []string
	for len(data) > piece {
		cut := strings.IndexByte(data[piece:], '\n')
		if cut < 0 {
			break
		}
		pieces = append(pieces, data[:piece+cut+1])
		data = data[piece+cut+1:]
	}
	pieces = append(pieces, data)
	parts := make([][]textLine, len(pieces))
	parallelRanges(len(pieces), 1, func(lo, hi int) {
		for k := lo; k < hi; k++ {
			parts[k] = classifyPiece(pieces[k])
		}
	})
	return slices.Concat(parts...)
}

// classifyPiece classifies the lines of a piece of text.
func classifyPiece(data string) []textLine {
	lines := make([]textLine, 0, strings.Count(data, "\n")/2+1)
	for data != "" {
		line := data
		if i := strings.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = ""
		}
		// Cleaning first means escape sequences or a BOM cannot hide the
		// shape of a line.
		line = model.CleanLine(line)
		if line == "" {
			continue
		}
		if pageBoilerplate[line] {
			lines = append(lines, textLine{text: line, boilerplate: true})
			continue
		}
		lines = append(lines, textLine{text: line, title: isTitleLine(line), abstract: isAbstractLine(line)})
	}
	return lines
}

// Shape limits of titles and abstracts. Real titles have under 30 words and
// do not end like a sentence; real abstracts have well over 20 words of
// prose and, as arXiv caps them at 1920 characters, are far shorter than
// the generated lines of code and data files. Markdown headings, list
// items and code start with punctuation and so are neither.
const (
	maxTitleWords    = 40
	maxTitleBytes    = 400
	minAbstractWords = 20
	minAbstractBytes = 100
	maxAbstractBytes = 10_000
	maxMeanWordBytes = 15 // longer "words" are data (base64, hashes), not prose
)

func isTitleLine(line string) bool {
	if len(line) > maxTitleBytes {
		return false
	}
	words := strings.Count(line, " ") + 1
	if words > maxTitleWords || len(line) > words*maxMeanWordBytes+8 {
		return false
	}
	if strings.IndexByte(".,;:", line[len(line)-1]) >= 0 || looksDelimited(line) {
		return false
	}
	return startsLikeProse(line)
}

func isAbstractLine(line string) bool {
	if len(line) < minAbstractBytes || len(line) > maxAbstractBytes {
		return false
	}
	words := strings.Count(line, " ") + 1
	if words < minAbstractWords || len(line) > words*maxMeanWordBytes || looksDelimited(line) {
		return false
	}
	if !startsLikeProse(line) || !mostlyWords(line) {
		return false
	}
	return strings.IndexByte(line, '.') >= 0 || strings.IndexByte(line, '?') >= 0 || strings.IndexByte(line, '!') >= 0
}

// startsLikeProse rejects lines that open like markup or code (#, -, //,
// [, <, {, `): text starts with a letter, a digit, a quote or a bracket.
func startsLikeProse(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("\"'“‘($¿¡", r)
}

// proseBytes marks letters and spaces; bytes of non-ASCII characters count
// as letters.
var proseBytes = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c == ' ' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
	}
	return t
}()

// mostlyWords reports a line that is at least three quarters letters and
// spaces. Abstracts are over nine tenths (TeX-heavy arXiv ones over three
// quarters); code and data lines, full of symbols, fall below.
func mostlyWords(line string) bool {
	prose := 0
	for i := 0; i < len(line); i++ {
		if proseBytes[line[i]] {
			prose++
		}
	}
	return prose*4 >= len(line)*3
}

// looksDelimited reports a row of comma-separated data: prose puts a space
// after most of its commas ("ImageNet-C,R,S,A" is an exception, numbers
// like 1,000 another), data after none.
func looksDelimited(line string) bool {
	commas, glued := 0, 0
	for rest := line; ; {
		i := strings.IndexByte(rest, ',')
		if i < 0 || i+1 == len(rest) {
			break
		}
		commas++
		if c := rest[i+1]; c != ' ' && !isDigit(c) {
			glued++
		}
		rest = rest[i+1:]
	}
	return glued >= 2 && glued*2 > commas
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
