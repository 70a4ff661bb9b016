// Package tex decodes the TeX markup of arXiv metadata into plain Unicode.
package tex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Decode turns the TeX markup arXiv metadata is written in into plain
// Unicode text, for titles, abstracts, author names and comments.
//
// Accents and special letters become the letters they stand for, grouping
// braces and ~ disappear, dashes and quotes become typographic ones. Math
// ($...$, $$...$$, \(...\), \[...\]) loses its delimiters — they are noise on
// a terminal and the math stays readable without them — and common commands
// inside it become Unicode (\alpha → α, ^{2} → ², \mathbb{R} → ℝ).
// Subscripts stay as written (x_i, x_{ij}) because Unicode lacks most
// subscript letters. Citations and cross-references (\cite{…}, \ref{…})
// become an elision mark, "[…]": their keys mean nothing to a reader, and
// a mark without letters adds no word to search, topics or related papers
// (a "[ref]" mark made "ref" a topic). Unknown commands keep their name
// without the backslash, and their brace arguments, so nothing is silently
// lost and search finds the name (\XQM is "XQM"). URLs are copied untouched
// so that ~ and -- inside them survive.
//
// The input is untrusted: malformed TeX (unbalanced braces, a trailing
// backslash, unclosed math) never panics, nesting deeper than maxTeXDepth is
// copied rather than recursed into so the stack stays small, and braces are
// matched once up front so that the work stays linear in the input.
// The result may hold combining accents and runs of spaces: callers pass it
// through model.CleanLine, which composes (NFC) and collapses them.
func Decode(s string) string {
	if !hasTeX(s) {
		return s
	}
	d := texDecoder{src: s, match: braceMatches(s), misses: map[string]texMiss{}}
	d.b.Grow(len(s) + 8)
	d.run(0, len(s), false, 0)
	return d.b.String()
}

// maxTeXDepth bounds recursion into groups, arguments and math.
const maxTeXDepth = 24

// texSpecial marks the bytes that can start TeX markup.
var texSpecial = [256]bool{'\\': true, '{': true, '}': true, '$': true, '~': true, '-': true, '`': true, '\'': true}

// hasTeX is the fast path: most text has no markup, and decoding it would
// only copy it.
func hasTeX(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !texSpecial[c] {
			continue
		}
		switch c {
		case '-', '`', '\'':
			if i+1 < len(s) && s[i+1] == c {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// texDecoder decodes src into b. Every method works on a range [i, end) of
// src, so that nested groups share one brace table.
type texDecoder struct {
	src    string
	match  []int32            // for each '{' in src, the index of its '}', or -1
	misses map[string]texMiss // closing delimiters known to be absent, shared with sub-decoders
	b      strings.Builder
}

// texMiss records that a closing delimiter does not occur in src[from:end]:
// a later opener in the same range cannot be closed either, and searching
// again for each of many openers would make decoding quadratic.
type texMiss struct{ from, end int }

// find returns the index of the closing delim at or after from and before
// end, stepping over backslash escapes, or -1.
func (d *texDecoder) find(from, end int, delim string) int {
	if m, ok := d.misses[delim]; ok && m.end == end && from >= m.from {
		return -1
	}
	s := d.src[:end]
	for i := from; i < len(s); i++ {
		if strings.HasPrefix(s[i:], delim) {
			return i
		}
		if s[i] == '\\' {
			i++
		}
	}
	d.misses[delim] = texMiss{from, end}
	return -1
}

// braceMatches pairs the braces of s in one pass, skipping escaped ones.
func braceMatches(s string) []int32 {
	if strings.IndexByte(s, '{') < 0 || len(s) > 1<<30 {
		return nil
	}
	match := make([]int32, len(s))
	var open []int32
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			match[i] = -1
			open = append(open, int32(i))
		case '}':
			if n := len(open); n > 0 {
				match[open[n-1]] = int32(i)
				open = open[:n-1]
			}
		}
	}
	return match
}

// closing returns the index of the brace closing the one at open, or -1
// when it is not closed before end.
func (d *texDecoder) closing(open, end int) int {
	if d.match == nil || open >= len(d.match) {
		return -1
	}
	if c := int(d.match[open]); c > open && c < end {
		return c
	}
	return -1
}

// run decodes src[i:end] in text or math mode.
func (d *texDecoder) run(i, end int, math bool, depth int) {
	s := d.src
	for i < end {
		c := s[i]
		switch {
		case c == '\\':
			i = d.command(i, end, math, depth)
		case c == '{':
			close := d.closing(i, end)
			if close < 0 {
				i++ // an unbalanced brace is dropped
				continue
			}
			d.nested(i+1, close, math, depth)
			i = close + 1
		case c == '}':
			i++
		case c == '$' && !math:
			i = d.dollarMath(i, end, depth)
		case c == '~':
			d.b.WriteByte(' ')
			i++
		case math && (c == '^' || c == '_'):
			i = d.script(i, end, depth)
		case math:
			d.b.WriteByte(c)
			i++
		default:
			i = d.textByte(i, end)
		}
	}
}

// textByte handles the ligatures of text mode: dashes, quotes and URLs.
func (d *texDecoder) textByte(i, end int) int {
	rest := d.src[i:end]
	switch {
	case strings.HasPrefix(rest, "---"):
		d.b.WriteString("—")
		return i + 3
	case strings.HasPrefix(rest, "--"):
		d.b.WriteString("–")
		return i + 2
	case strings.HasPrefix(rest, "``"):
		d.b.WriteString("“")
		return i + 2
	case strings.HasPrefix(rest, "''"):
		d.b.WriteString("”")
		return i + 2
	case (rest[0] == 'h' || rest[0] == 'w') && urlStartsAt(d.src[:end], i):
		return d.url(i, end)
	}
	d.b.WriteByte(rest[0])
	return i + 1
}

// nested decodes a group or argument one level deeper, or copies it when
// the nesting is already too deep to recurse safely.
func (d *texDecoder) nested(i, end int, math bool, depth int) {
	if depth >= maxTeXDepth {
		d.b.WriteString(d.src[i:end])
		return
	}
	d.run(i, end, math, depth+1)
}

// decoded returns src[i:end] decoded on its own, for arguments that are
// transformed after decoding (accents, superscripts, fractions).
func (d *texDecoder) decoded(i, end int, math bool, depth int) string {
	sub := texDecoder{src: d.src, match: d.match, misses: d.misses}
	sub.nested(i, end, math, depth)
	return sub.b.String()
}

// urlStartsAt reports an http(s):// or www. URL at s[i], so that the URL can
// be copied verbatim.
func urlStartsAt(s string, i int) bool {
	rest := s[i:]
	if !strings.HasPrefix(rest, "http://") && !strings.HasPrefix(rest, "https://") && !strings.HasPrefix(rest, "www.") {
		return false
	}
	return i == 0 || !isASCIILetter(s[i-1]) && !isDigit(s[i-1])
}

// url copies a URL up to whitespace or a brace, undoing the escapes TeX
// needs for URL characters (\_ \% \& \# \~).
func (d *texDecoder) url(i, end int) int {
	s := d.src
	for i < end {
		c := s[i]
		switch c {
		case ' ', '\t', '\n', '\r', '{', '}', '$':
			return i
		case '\\':
			if i+1 < end && strings.IndexByte("_%&#~$", s[i+1]) >= 0 {
				d.b.WriteByte(s[i+1])
				i += 2
				continue
			}
			return i
		}
		d.b.WriteByte(c)
		i++
	}
	return i
}

// dollarMath decodes $...$ or $$...$$ starting at src[i]. A dollar without
// its closing partner is a literal dollar sign.
func (d *texDecoder) dollarMath(i, end int, depth int) int {
	delim := "$"
	if strings.HasPrefix(d.src[i:end], "$$") {
		delim = "$$"
	}
	start := i + len(delim)
	close := d.find(start, end, delim)
	if close < 0 {
		d.b.WriteByte('$')
		return i + 1
	}
	d.nested(start, close, true, depth)
	return close + len(delim)
}

// command handles a backslash at src[i] and returns where decoding resumes.
func (d *texDecoder) command(i, end int, math bool, depth int) int {
	s := d.src
	if i+1 >= end {
		d.b.WriteByte('\\') // a trailing backslash is kept as written
		return i + 1
	}
	if !isASCIILetter(s[i+1]) {
		return d.controlSymbol(i, end, math, depth)
	}
	j := i + 1
	for j < end && isASCIILetter(s[j]) {
		j++
	}
	name := s[i+1 : j]
	if mark, ok := texAccents[name]; ok {
		return d.accent(i, j, end, mark, math, depth)
	}
	if sym, ok := texSymbols[name]; ok {
		d.b.WriteString(sym)
		if !math && texLetters[name] || math && texOpeners[name] {
			// TeX swallows the spaces after a control word: "\o bro" is
			// "øbro", and "\la r\ra" is "⟨r⟩".
			j = skipSpaces(s[:end], j)
		}
		return j
	}
	if texWrappers[name] {
		return d.unwrap(j, end, math, depth)
	}
	if texDropped[name] {
		if (name == "left" || name == "right") && j < end && s[j] == '.' {
			j++ // \left. is an invisible delimiter
		}
		return j
	}
	switch name {
	case "mathbb":
		return d.blackboard(j, end, math, depth)
	case "frac", "dfrac", "tfrac":
		return d.fraction(j, end, math, depth)
	case "sqrt":
		return d.root(j, end, math, depth)
	}
	if texReferences[name] {
		return d.reference(j, end)
	}
	return d.unknown(i, j, end, math, depth)
}

// controlSymbol handles a backslash followed by a non-letter.
func (d *texDecoder) controlSymbol(i, end int, math bool, depth int) int {
	c := d.src[i+1]
	if mark, ok := texSymbolAccents[c]; ok {
		return d.accent(i, i+2, end, mark, math, depth)
	}
	switch c {
	case '&', '%', '_', '$', '#', '{', '}':
		d.b.WriteByte(c)
	case '\\', ' ', '\t', '\n', ';', ':', '>':
		d.b.WriteByte(' ')
	case ',':
		if !math {
			d.b.WriteByte(' ')
		}
	case '!', '-', '@', '/':
		// negative space, discretionary hyphen, spacing hints: invisible
	case '|':
		d.b.WriteString("‖")
	case '(', '[':
		return d.bracketMath(i, end, depth)
	default:
		// Unknown: keep the backslash and let the next rune be read normally
		// (it may be the first byte of a multi-byte rune).
		d.b.WriteByte('\\')
		return i + 1
	}
	return i + 2
}

// bracketMath decodes \(...\) and \[...\]; unclosed, the opener is kept.
func (d *texDecoder) bracketMath(i, end int, depth int) int {
	closer := `\)`
	if d.src[i+1] == '[' {
		closer = `\]`
	}
	start := i + 2
	close := d.find(start, end, closer)
	if close < 0 {
		d.b.WriteString(d.src[i : i+2])
		return i + 2
	}
	d.nested(start, close, true, depth)
	return close + 2
}

// argument finds the argument of a command at or after src[j]: a brace
// group (its inside), a control sequence, or one rune. ok is false when
// there is none before end.
func (d *texDecoder) argument(j, end int) (from, to, next int, ok bool) {
	s := d.src
	j = skipSpaces(s[:end], j)
	if j >= end {
		return j, j, j, false
	}
	switch s[j] {
	case '{':
		close := d.closing(j, end)
		if close < 0 {
			return j, j, j + 1, false
		}
		return j + 1, close, close + 1, true
	case '}':
		return j, j, j, false
	case '\\':
		k := j + 1
		for k < end && isASCIILetter(s[k]) {
			k++
		}
		if k == j+1 && k < end {
			_, size := utf8.DecodeRuneInString(s[k:end])
			k += size
		}
		return j, k, k, true
	}
	_, size := utf8.DecodeRuneInString(s[j:end])
	return j, j + size, j + size, true
}

// accent puts a combining mark on the first letter of the argument after
// src[j]; model.CleanLine later composes the pair (o + ¨ → ö). Without an
// argument the command is kept as written.
func (d *texDecoder) accent(i, j, end int, mark rune, math bool, depth int) int {
	from, to, next, ok := d.argument(j, end)
	if !ok {
		d.b.WriteString(d.src[i:j])
		return j
	}
	base := strings.TrimLeft(d.decoded(from, to, math, depth), " ")
	r, size := utf8.DecodeRuneInString(base)
	if size == 0 {
		return next
	}
	// Dotless i and j exist so that accents replace their dot: \'\i is í.
	switch r {
	case 'ı':
		r = 'i'
	case 'ȷ':
		r = 'j'
	}
	d.b.WriteRune(r)
	d.b.WriteRune(mark)
	d.b.WriteString(base[size:])
	return next
}

// unwrap drops a style command (\textbf, \emph, \mathrm, ...) and keeps
// its argument; a switch without a brace argument is simply dropped.
func (d *texDecoder) unwrap(j, end int, math bool, depth int) int {
	k := skipSpaces(d.src[:end], j)
	if k < end && d.src[k] == '{' {
		if close := d.closing(k, end); close >= 0 {
			d.nested(k+1, close, math, depth)
			return close + 1
		}
	}
	return j
}

// blackboard maps \mathbb{R} to ℝ, letter by letter.
func (d *texDecoder) blackboard(j, end int, math bool, depth int) int {
	from, to, next, ok := d.argument(j, end)
	if !ok {
		return j
	}
	for _, r := range d.decoded(from, to, math, depth) {
		d.b.WriteRune(doubleStruck(r))
	}
	return next
}

// doubleStruck returns the blackboard-bold form of an ASCII letter or digit,
// using the letterlike symbols where Unicode put them (ℝ, ℕ, ℤ, ...).
func doubleStruck(r rune) rune {
	switch r {
	case 'C':
		return 'ℂ'
	case 'H':
		return 'ℍ'
	case 'N':
		return 'ℕ'
	case 'P':
		return 'ℙ'
	case 'Q':
		return 'ℚ'
	case 'R':
		return 'ℝ'
	case 'Z':
		return 'ℤ'
	}
	switch {
	case 'A' <= r && r <= 'Z':
		return 0x1d538 + r - 'A'
	case 'a' <= r && r <= 'z':
		return 0x1d552 + r - 'a'
	case '0' <= r && r <= '9':
		return 0x1d7d8 + r - '0'
	}
	return r
}

// fraction writes \frac{a}{b} as a/b, parenthesising compound parts.
func (d *texDecoder) fraction(j, end int, math bool, depth int) int {
	from, to, next, ok := d.argument(j, end)
	if !ok {
		d.b.WriteString(`\frac`)
		return j
	}
	d.b.WriteString(parenthesise(d.decoded(from, to, math, depth)))
	from, to, next2, ok := d.argument(next, end)
	if !ok {
		return next
	}
	d.b.WriteByte('/')
	d.b.WriteString(parenthesise(d.decoded(from, to, math, depth)))
	return next2
}

// root writes \sqrt{x} as √x or √(x+1); an index ([3]) is dropped.
func (d *texDecoder) root(j, end int, math bool, depth int) int {
	k := skipSpaces(d.src[:end], j)
	if k < end && d.src[k] == '[' {
		// Look only a little way ahead, so a stray [ cannot make decoding
		// quadratic.
		window := d.src[k:min(end, k+64)]
		if close := strings.IndexByte(window, ']'); close >= 0 {
			j = k + close + 1
		}
	}
	d.b.WriteString("√")
	from, to, next, ok := d.argument(j, end)
	if !ok {
		return j
	}
	d.b.WriteString(parenthesise(d.decoded(from, to, math, depth)))
	return next
}

// parenthesise wraps anything longer than one token in parentheses, so
// that a/b and √x stay unambiguous.
func parenthesise(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= 1 || isAlnumWord(s) {
		return s
	}
	return "(" + s + ")"
}

func isAlnumWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// script handles ^ and _ in math. Superscripts become Unicode superscripts
// when every character has one (x^{2} → x²); otherwise they, and all
// subscripts, are kept as written with braces only around several runes.
func (d *texDecoder) script(i, end int, depth int) int {
	op := d.src[i]
	from, to, next, ok := d.argument(i+1, end)
	if !ok {
		d.b.WriteByte(op)
		return i + 1
	}
	text := strings.TrimSpace(d.decoded(from, to, true, depth))
	if op == '^' {
		if sup, ok := superscript(text); ok {
			d.b.WriteString(sup)
			return next
		}
	}
	d.b.WriteByte(op)
	if utf8.RuneCountInString(text) == 1 {
		d.b.WriteString(text)
	} else {
		d.b.WriteString("{" + text + "}")
	}
	return next
}

// superscript maps s to Unicode superscripts, or reports that it cannot.
func superscript(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	var b strings.Builder
	for _, r := range s {
		sup, ok := superscripts[r]
		if !ok {
			return "", false
		}
		b.WriteRune(sup)
	}
	return b.String(), true
}

var superscripts = map[rune]rune{
	'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
	'+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', 'n': 'ⁿ', 'i': 'ⁱ', 'T': 'ᵀ', '⊤': 'ᵀ',
	'*': '*', '∗': '*', '′': '′', '∘': '°', '†': '†',
}

// reference writes the mark of a citation or cross-reference and skips its
// optional [...] and brace arguments.
func (d *texDecoder) reference(j, end int) int {
	s := d.src
	d.b.WriteString("[…]")
	for {
		k := skipSpaces(s[:end], j)
		switch {
		case k < end && s[k] == '[':
			close := strings.IndexByte(s[k:end], ']')
			if close < 0 {
				return j
			}
			j = k + close + 1
		case k < end && s[k] == '{':
			close := d.closing(k, end)
			if close < 0 {
				return j
			}
			return close + 1
		default:
			return j
		}
	}
}

// unknown keeps an unrecognised command's name, without the backslash
// (a reader and a search both want the name, not the markup), and the
// brace groups directly after it (their content is still decoded).
func (d *texDecoder) unknown(i, j, end int, math bool, depth int) int {
	d.b.WriteString(d.src[i+1 : j])
	for j < end && d.src[j] == '{' {
		close := d.closing(j, end)
		if close < 0 {
			break
		}
		d.b.WriteByte('{')
		d.nested(j+1, close, math, depth)
		d.b.WriteByte('}')
		j = close + 1
	}
	return j
}

func skipSpaces(s string, j int) int {
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
		j++
	}
	return j
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// texSymbolAccents are the accents written with a symbol (\'a, \"o).
var texSymbolAccents = map[byte]rune{
	'\'': '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307',
}

// texAccents are the accents written with a word, in text (\c{c}) and math
// (\hat{x}).
var texAccents = map[string]rune{
	"c": '\u0327', "v": '\u030c', "H": '\u030b', "u": '\u0306', "k": '\u0328', "r": '\u030a',
	"d": '\u0323', "b": '\u0331', "t": '\u0361',
	"hat": '\u0302', "widehat": '\u0302', "tilde": '\u0303', "widetilde": '\u0303', "bar": '\u0304',
	"overline": '\u0305', "vec": '\u20d7', "dot": '\u0307', "ddot": '\u0308', "acute": '\u0301',
	"grave": '\u0300', "breve": '\u0306', "check": '\u030c',
}

// texLetters are the symbols that are letters of a word, after which TeX
// swallows spaces.
var texLetters = map[string]bool{
	"ss": true, "o": true, "O": true, "ae": true, "AE": true, "aa": true, "AA": true,
	"l": true, "L": true, "i": true, "j": true, "oe": true, "OE": true,
}

// texSymbols maps commands to the text they print, in text and math alike:
// "\alpha" outside math is a common slip, and printing α is what was meant.
var texSymbols = map[string]string{
	// letters
	"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "aa": "å", "AA": "Å",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "oe": "œ", "OE": "Œ",
	// text symbols
	"S": "§", "P": "¶", "dag": "†", "ddag": "‡", "copyright": "©", "pounds": "£",
	"textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "cdots": "⋯", "textbackslash": `\`,
	"textasciitilde": "~", "LaTeX": "LaTeX", "TeX": "TeX", "textregistered": "®", "texttrademark": "™",
	"textdegree": "°", "quad": " ", "qquad": " ", "textless": "<", "textgreater": ">",
	// Greek
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
	"zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
	"lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
	"varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
	"varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
	"Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	// math symbols
	"ell": "ℓ", "hbar": "ℏ", "infty": "∞", "partial": "∂", "nabla": "∇", "emptyset": "∅",
	"varnothing": "∅", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠",
	"ll": "≪", "gg": "≫", "lesssim": "≲", "gtrsim": "≳", "times": "×", "cdot": "·", "div": "÷",
	"sim": "∼", "simeq": "≃", "approx": "≈", "cong": "≅", "equiv": "≡", "propto": "∝",
	"pm": "±", "mp": "∓", "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←",
	"leftrightarrow": "↔", "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔",
	"longrightarrow": "⟶", "mapsto": "↦", "uparrow": "↑", "downarrow": "↓",
	"in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
	"supseteq": "⊇", "cup": "∪", "cap": "∩", "setminus": "∖", "forall": "∀", "exists": "∃",
	"neg": "¬", "lnot": "¬", "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨",
	"oplus": "⊕", "otimes": "⊗", "circ": "∘", "star": "⋆", "ast": "∗", "bullet": "•",
	"sum": "∑", "prod": "∏", "int": "∫", "oint": "∮", "langle": "⟨", "rangle": "⟩",
	"lceil": "⌈", "rceil": "⌉", "lfloor": "⌊", "rfloor": "⌋", "mid": "|", "vert": "|",
	"Vert": "‖", "parallel": "∥", "perp": "⊥", "top": "⊤", "bot": "⊥", "prime": "′",
	"deg": "deg", "angle": "∠", "triangle": "△", "square": "□", "aleph": "ℵ", "Re": "ℜ", "Im": "ℑ",
	"lbrace": "{", "rbrace": "}", "backslash": `\`, "colon": ":", "vdots": "⋮", "ddots": "⋱",
	"log": "log", "ln": "ln", "exp": "exp", "sin": "sin", "cos": "cos", "tan": "tan",
	"max": "max", "min": "min", "lim": "lim", "sup": "sup", "inf": "inf", "det": "det",
	"dim": "dim", "ker": "ker", "arg": "arg", "gcd": "gcd", "Pr": "Pr", "argmax": "argmax", "argmin": "argmin",
	// shorthands authors define for the common ones (\Q(√5), \la r² \ra)
	"Q": "ℚ", "R": "ℝ", "N": "ℕ", "Z": "ℤ", "C": "ℂ", "la": "⟨", "ra": "⟩", "lam": "λ",
}

// texOpeners are opening delimiters, written flush with what they open.
var texOpeners = map[string]bool{"la": true, "langle": true, "lceil": true, "lfloor": true}

// texReferences are citations and cross-references, shown as a mark.
var texReferences = map[string]bool{
	"cite": true, "citep": true, "citet": true, "citealp": true, "citeauthor": true, "citeyear": true,
	"footcite": true, "parencite": true, "textcite": true, "nocite": true,
	"ref": true, "eqref": true, "autoref": true, "cref": true, "Cref": true, "pageref": true,
}

// texWrappers only style their argument: the argument is kept. Font
// switches ({\em x}, {\bf x}) are wrappers without a brace argument.
var texWrappers = map[string]bool{
	"textbf": true, "textit": true, "emph": true, "texttt": true, "textrm": true, "textsf": true,
	"textsc": true, "textup": true, "textsl": true, "textmd": true, "textnormal": true,
	"mathrm": true, "mathbf": true, "mathit": true, "mathsf": true, "mathtt": true,
	"mathnormal": true, "mathcal": true, "mathscr": true, "mathfrak": true, "boldsymbol": true,
	"bm": true, "text": true, "mbox": true, "hbox": true, "operatorname": true, "url": true,
	"underline": true, "uline": true, "em": true, "it": true, "bf": true, "rm": true, "tt": true,
	"sf": true, "sc": true, "sl": true, "cal": true, "small": true, "large": true, "Large": true,
	"footnotesize": true, "scriptsize": true, "tiny": true, "normalsize": true,
}

// texDropped are layout commands with nothing to show.
var texDropped = map[string]bool{
	"left": true, "right": true, "big": true, "Big": true, "bigg": true, "Bigg": true,
	"bigl": true, "bigr": true, "Bigl": true, "Bigr": true, "biggl": true, "biggr": true,
	"displaystyle": true, "textstyle": true, "scriptstyle": true, "limits": true, "nolimits": true,
	"noindent": true, "newline": true, "relax": true, "protect": true, "xspace": true,
	"nobreak": true, "hfill": true, "centering": true,
}
