package export

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/papertui/papers/model"
)

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
		add("url", bibVerbatim(p.MainWebLink()))
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
