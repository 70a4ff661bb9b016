package store

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/papertui/papers/model"
)

// ExportFormat names a format WriteExport writes.
type ExportFormat string

// The export formats.
const (
	// ExportBibTeX is a .bib file of @misc entries that bibtex and biber
	// read; non-ASCII text is kept as UTF-8.
	ExportBibTeX ExportFormat = "bibtex"
	// ExportMarkdown is a reading list: each title linked to the paper's
	// main link, with authors, tags and the note.
	ExportMarkdown ExportFormat = "markdown"
	// ExportJSON is the library's own format: papers with their marks,
	// which Library.Import reads back exactly. See exportDoc.
	ExportJSON ExportFormat = "json"
	// ExportCSLJSON is CSL-JSON, for Zotero, pandoc and citeproc.
	ExportCSLJSON ExportFormat = "csl-json"
)

// exportFormats lists the formats in the order error messages show them.
var exportFormats = []ExportFormat{ExportBibTeX, ExportMarkdown, ExportJSON, ExportCSLJSON}

// ParseExportFormat reads a format name, case-insensitively, also accepting
// the usual file extensions (bib, md, csl).
func ParseExportFormat(s string) (ExportFormat, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "bibtex", "bib":
		return ExportBibTeX, nil
	case "markdown", "md":
		return ExportMarkdown, nil
	case "json":
		return ExportJSON, nil
	case "csl-json", "csl", "csljson", "csl_json":
		return ExportCSLJSON, nil
	}
	names := make([]string, len(exportFormats))
	for i, f := range exportFormats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown export format %q (want one of %s)", s, strings.Join(names, ", "))
}

// WriteExport writes papers in format, with what marks holds for each.
func WriteExport(w io.Writer, format ExportFormat, papers []model.Paper, marks model.Marks) error {
	bw := bufio.NewWriter(w)
	var err error
	switch format {
	case ExportBibTeX:
		err = writeBibTeX(bw, papers, marks)
	case ExportMarkdown:
		err = writeMarkdown(bw, papers, marks)
	case ExportJSON:
		err = writeJSONExport(bw, papers, marks)
	case ExportCSLJSON:
		err = writeCSLJSON(bw, papers, marks)
	default:
		_, err = ParseExportFormat(string(format))
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// exportFormatName and exportVersion identify the JSON export. Version
// changes only when a reader of the old version would misread the new one;
// Import refuses versions it does not know.
const (
	exportFormatName = "papers-library"
	exportVersion    = 1
)

// exportDoc is the JSON export:
//
//	{
//	  "format": "papers-library",
//	  "version": 1,
//	  "papers": [
//	    {
//	      "paper": { model.Paper: "id", "title_id", "arxiv_id", "title",
//	                 "abstract", "authors", "categories", "published",
//	                 "updated", "doi", "upvotes", "links", "sources" },
//	      "bookmarked_at": "2024-05-16T10:00:00.123456789Z",  // when bookmarked
//	      "tags": ["lora", "to-read"],                         // normalised, sorted
//	      "note": "text",
//	      "read": true
//	    }
//	  ]
//	}
//
// Absent or empty fields mean "none". Marks are merged over the paper's keys
// (model.Marks.For); load numbers are local to a library and not exported.
type exportDoc struct {
	Format  string        `json:"format"`
	Version int           `json:"version"`
	Papers  []exportEntry `json:"papers"`
	// HiddenTopics are the topic tags the user hid (WriteBackup only).
	HiddenTopics []string `json:"hidden_topics,omitempty"`
}

type exportEntry struct {
	Paper        model.Paper `json:"paper"`
	BookmarkedAt time.Time   `json:"bookmarked_at,omitzero"`
	Tags         []string    `json:"tags,omitempty"`
	Note         string      `json:"note,omitempty"`
	Read         bool        `json:"read,omitempty"`
}

func writeJSONExport(w io.Writer, papers []model.Paper, marks model.Marks) error {
	return encodeExport(w, newExportDoc(papers, marks))
}

func newExportDoc(papers []model.Paper, marks model.Marks) exportDoc {
	doc := exportDoc{Format: exportFormatName, Version: exportVersion, Papers: make([]exportEntry, len(papers))}
	for i := range papers {
		m := marks.For(&papers[i])
		doc.Papers[i] = exportEntry{Paper: papers[i], BookmarkedAt: m.BookmarkedAt, Tags: m.Tags, Note: m.Note, Read: m.Read}
	}
	return doc
}

// WriteBackup writes the whole library as a JSON export: every paper with
// user data (read marks included) and the hidden topics, all Import needs
// to restore it.
func (l *Library) WriteBackup(w io.Writer) error {
	papers, err := l.SavedPapers()
	if err != nil {
		return err
	}
	marks, err := l.Marks()
	if err != nil {
		return err
	}
	hidden, err := l.HiddenTopics()
	if err != nil {
		return err
	}
	doc := newExportDoc(papers, marks)
	for name := range hidden {
		doc.HiddenTopics = append(doc.HiddenTopics, name)
	}
	slices.Sort(doc.HiddenTopics)
	return encodeExport(w, doc)
}

func encodeExport(w io.Writer, doc exportDoc) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// --- BibTeX ---

func writeBibTeX(w *bufio.Writer, papers []model.Paper, marks model.Marks) error {
	keys := citationKeys(papers)
	for i := range papers {
		p := &papers[i]
		if i > 0 {
			w.WriteString("\n")
		}
		var fields [][2]string
		add := func(name, value string) {
			if value != "" {
				fields = append(fields, [2]string{name, "{" + value + "}"})
			}
		}
		title := p.Title
		if title == "" {
			title = p.ID
		}
		add("title", bibTitle(title))
		if len(p.Authors) > 0 {
			add("author", bibAuthors(p.Authors))
		} else {
			// Without an author plain.bst sorts by "key", and warns when
			// neither is there.
			add("key", bibText(title))
		}
		if y := p.Year(); y != 0 {
			add("year", strconv.Itoa(y))
			// A month macro, defined by every standard style.
			fields = append(fields, [2]string{"month", strings.ToLower(p.Published.Month().String()[:3])})
		}
		if p.ArxivID != "" {
			add("eprint", bibVerbatim(p.ArxivID))
			add("archivePrefix", "arXiv")
			if len(p.Categories) > 0 {
				add("primaryClass", bibVerbatim(p.Categories[0]))
			}
		}
		add("url", bibVerbatim(p.MainLink()))
		add("doi", bibVerbatim(p.DOI))
		if tags := marks.For(p).Tags; len(tags) > 0 {
			add("keywords", bibText(strings.Join(tags, ", ")))
		}
		fmt.Fprintf(w, "@misc{%s,\n", keys[i])
		for j, f := range fields {
			sep := ","
			if j == len(fields)-1 {
				sep = ""
			}
			fmt.Fprintf(w, "  %s = %s%s\n", f[0], f[1], sep)
		}
		w.WriteString("}\n")
	}
	return nil
}

// bibEscapes are the characters TeX or BibTeX treat specially. Braces
// become \textbrace... because BibTeX counts every brace, escaped or not:
// a lone \{ would unbalance the field.
var bibEscapes = map[rune]string{
	'\\': `\textbackslash{}`,
	'{':  `\textbraceleft{}`,
	'}':  `\textbraceright{}`,
	'%':  `\%`,
	'&':  `\&`,
	'#':  `\#`,
	'_':  `\_`,
	'$':  `\$`,
	'~':  `\textasciitilde{}`,
	'^':  `\textasciicircum{}`,
}

// bibText escapes s for a BibTeX text field. Non-ASCII stays UTF-8, which
// bibtex passes through and biber reads natively.
func bibText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if e, ok := bibEscapes[r]; ok {
			b.WriteString(e)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bibTitle escapes a title and braces every word with a capital after its
// first letter (LoRA, GPT-4, BERT, ImageNet), which styles would otherwise
// lower-case. The braces go around the word's letters and digits only:
// "{LoRA}:", and never "{\textbraceleft...", which BibTeX would take for
// an accented character and lower-case anyway.
func bibTitle(title string) string {
	words := strings.Split(title, " ")
	for i, word := range words {
		first := strings.IndexFunc(word, isTitleAlnum)
		if first < 0 || !needsProtection(word) {
			words[i] = bibText(word)
			continue
		}
		last := strings.LastIndexFunc(word, isTitleAlnum)
		_, size := utf8.DecodeRuneInString(word[last:])
		end := last + size
		words[i] = bibText(word[:first]) + "{" + bibText(word[first:end]) + "}" + bibText(word[end:])
	}
	return strings.Join(words, " ")
}

func isTitleAlnum(r rune) bool { return model.IsWordRune(r) }

// needsProtection reports an upper-case letter after a word's first letter
// or digit.
func needsProtection(word string) bool {
	seen := false
	for _, r := range word {
		if seen && unicode.IsUpper(r) {
			return true
		}
		if isTitleAlnum(r) {
			seen = true
		}
	}
	return false
}

// bibAuthors joins names with " and ". A name BibTeX would misparse (one
// holding the word "and", or more than two commas) is braced whole, which
// makes it a single literal name.
func bibAuthors(authors []string) string {
	names := make([]string, 0, len(authors))
	for _, a := range authors {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		name := bibText(a)
		words := strings.Fields(strings.ToLower(a))
		if strings.Count(a, ",") > 2 || containsWord(words, "and") || strings.HasSuffix(a, ",") || strings.HasPrefix(a, ",") {
			name = "{" + name + "}"
		}
		names = append(names, name)
	}
	return strings.Join(names, " and ")
}

func containsWord(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}

// bibVerbatim prepares a URL, DOI or identifier: these fields are read
// verbatim by biblatex, so only what would break the .bib syntax changes.
func bibVerbatim(s string) string {
	return strings.NewReplacer(
		"{", "%7B", "}", "%7D", `\`, "%5C", " ", "%20",
		"%", `\%`, "#", `\#`,
	).Replace(s)
}

// titleStopWords are skipped when picking the title word of a citation key.
var titleStopWords = map[string]bool{
	"a": true, "an": true, "the": true, "on": true, "of": true, "in": true, "for": true,
	"to": true, "and": true, "towards": true, "toward": true, "is": true, "are": true,
	"do": true, "does": true, "how": true, "what": true, "why": true, "when": true,
}

// citationKeys makes a unique ASCII key per paper: first author's family
// name, year and first significant title word ("hu2021lora"). Clashes get
// "-2", "-3", ... in input order.
func citationKeys(papers []model.Paper) []string {
	keys := make([]string, len(papers))
	used := map[string]bool{}
	for i := range papers {
		p := &papers[i]
		base := keyPart(familyName(firstAuthor(p)))
		if base == "" {
			base = "anon"
		}
		if y := p.Year(); y != 0 {
			base += strconv.Itoa(y)
		}
		for _, w := range strings.Fields(p.Title) {
			w = keyPart(w)
			if w != "" && !titleStopWords[w] {
				base += w
				break
			}
		}
		key := base
		for n := 2; used[key]; n++ {
			key = base + "-" + strconv.Itoa(n)
		}
		used[key] = true
		keys[i] = key
	}
	return keys
}

func firstAuthor(p *model.Paper) string {
	for _, a := range p.Authors {
		if strings.TrimSpace(a) != "" {
			return a
		}
	}
	return ""
}

// keyPart folds s to lower-case ASCII letters and digits, dropping the rest
// ("Kégl" -> "kegl").
func keyPart(s string) string {
	var b strings.Builder
	for _, r := range model.Fold(s) {
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// splitName returns a name's family and given parts: "Last, First" or
// "First Middle Last". A single word has no given part.
func splitName(name string) (family, given string) {
	name = strings.TrimSpace(name)
	if last, first, ok := strings.Cut(name, ","); ok {
		return strings.TrimSpace(last), strings.TrimSpace(first)
	}
	words := strings.Fields(name)
	if len(words) <= 1 {
		return name, ""
	}
	return words[len(words)-1], strings.Join(words[:len(words)-1], " ")
}

func familyName(name string) string {
	family, _ := splitName(name)
	return family
}

// --- Markdown ---

func writeMarkdown(w *bufio.Writer, papers []model.Paper, marks model.Marks) error {
	w.WriteString("# Reading list\n")
	for i := range papers {
		p := &papers[i]
		m := marks.For(p)
		title := p.Title
		if title == "" {
			title = p.ID
		}
		w.WriteString("\n## ")
		if link := p.MainLink(); link != "" {
			fmt.Fprintf(w, "[%s](<%s>)\n", mdEscape(title), mdURL(link))
		} else {
			w.WriteString(mdEscape(title) + "\n")
		}
		var meta []string
		if len(p.Authors) > 0 {
			meta = append(meta, mdEscape(strings.Join(p.Authors, ", ")))
		}
		if y := p.Year(); y != 0 {
			meta = append(meta, strconv.Itoa(y))
		}
		if p.ArxivID != "" {
			meta = append(meta, "arXiv:"+mdEscape(p.ArxivID))
		}
		if p.DOI != "" {
			meta = append(meta, "doi:"+mdEscape(p.DOI))
		}
		if len(meta) > 0 {
			w.WriteString("\n" + strings.Join(meta, " · ") + "\n")
		}
		var status []string
		if len(m.Tags) > 0 {
			tags := make([]string, len(m.Tags))
			for j, t := range m.Tags {
				tags[j] = "`" + t + "`" // normalised tags hold no backquote
			}
			status = append(status, "Tags: "+strings.Join(tags, " "))
		}
		if m.Bookmarked() {
			status = append(status, "bookmarked "+m.BookmarkedAt.Format("2006-01-02"))
		}
		if m.Read {
			status = append(status, "read")
		}
		if len(status) > 0 {
			w.WriteString("\n" + strings.Join(status, " · ") + "\n")
		}
		if m.Note != "" {
			// The note is the user's own text, Markdown included: quoted,
			// not escaped.
			w.WriteString("\n")
			for _, line := range strings.Split(m.Note, "\n") {
				w.WriteString(strings.TrimRight("> "+line, " ") + "\n")
			}
		}
	}
	return nil
}

// mdEscape backslash-escapes the characters that would make text into
// Markdown markup (CommonMark allows escaping any ASCII punctuation).
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~#", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdURL makes a URL safe inside <...>: no spaces or angle brackets.
func mdURL(u string) string {
	return strings.NewReplacer(" ", "%20", "<", "%3C", ">", "%3E").Replace(u)
}

// --- CSL-JSON ---

type cslItem struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	Title     string    `json:"title,omitempty"`
	Author    []cslName `json:"author,omitempty"`
	Issued    *cslDate  `json:"issued,omitempty"`
	Abstract  string    `json:"abstract,omitempty"`
	URL       string    `json:"URL,omitempty"`
	DOI       string    `json:"DOI,omitempty"`
	Publisher string    `json:"publisher,omitempty"`
	Number    string    `json:"number,omitempty"`
	Keyword   string    `json:"keyword,omitempty"`
}

type cslName struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"`
}

type cslDate struct {
	DateParts [][]int `json:"date-parts"`
}

func writeCSLJSON(w io.Writer, papers []model.Paper, marks model.Marks) error {
	keys := citationKeys(papers)
	items := make([]cslItem, len(papers))
	for i := range papers {
		p := &papers[i]
		item := cslItem{
			ID:       keys[i],
			Type:     "article",
			Title:    p.Title,
			Abstract: p.Abstract,
			URL:      p.MainLink(),
			DOI:      p.DOI,
			Keyword:  strings.Join(marks.For(p).Tags, ", "),
		}
		if p.ArxivID != "" {
			// As Zotero exports arXiv preprints.
			item.Publisher = "arXiv"
			item.Number = "arXiv:" + p.ArxivID
		}
		for _, a := range p.Authors {
			if strings.TrimSpace(a) == "" {
				continue
			}
			family, given := splitName(a)
			if given == "" {
				item.Author = append(item.Author, cslName{Literal: family})
			} else {
				item.Author = append(item.Author, cslName{Family: family, Given: given})
			}
		}
		if !p.Published.IsZero() {
			d := p.Published
			item.Issued = &cslDate{DateParts: [][]int{{d.Year(), int(d.Month()), d.Day()}}}
		}
		items[i] = item
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(items)
}
