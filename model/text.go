package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/papertui/papers/model/internal/lex"
)

// CleanLine makes untrusted text safe and tidy for a one-line field (a
// title, an abstract, an author): invalid UTF-8 is repaired, terminal escape
// sequences (CSI, OSC, DCS, ...) and control characters are removed, every
// kind of whitespace becomes one space, and the result is NFC-normalised and
// trimmed. Nothing CleanLine returns can move a terminal's cursor or change
// its state.
func CleanLine(s string) string { return clean(s, cleanLine) }

// CleanText is CleanLine for multi-line text such as notes: line breaks
// survive (normalised to \n), runs of blank lines collapse to one.
func CleanText(s string) string { return clean(s, cleanText) }

// CleanInput is CleanLine for a line being typed, such as the search
// line: escape sequences and invisible controls go, but every space stays
// where it was typed (a trailing space ends the word being typed) and
// nothing is normalised, so an input's cursor keeps its place.
func CleanInput(s string) string { return clean(s, cleanInput) }

type cleanMode uint8

const (
	cleanLine cleanMode = iota
	cleanText
	cleanInput
)

func clean(s string, mode cleanMode) string {
	if isTidyASCII(s) {
		return s
	}
	keepNewlines := mode == cleanText
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is owed before the next visible rune
	newlines := 0  // line breaks owed before the next visible rune
	nonASCII := false
	emit := func(r rune) {
		if b.Len() > 0 {
			if newlines > 0 {
				b.WriteString(strings.Repeat("\n", min(newlines, 2)))
			} else if space {
				b.WriteByte(' ')
			}
		}
		space, newlines = false, 0
		if r >= utf8.RuneSelf {
			nonASCII = true
		}
		b.WriteRune(r)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			emit(utf8.RuneError) // repaired, visibly, rather than dropped
			i++
			continue
		case r == 0x1b: // ESC
			i += escapeLength(s[i:])
			continue
		case r == 0x9b: // C1 CSI: parameters follow as after ESC [
			i += size + csiBodyLength(s[i+size:])
			continue
		case r == 0x90 || r == 0x9d || r == 0x98 || r == 0x9e || r == 0x9f: // C1 DCS, OSC, SOS, PM, APC
			i += size + stringBodyLength(s[i+size:])
			continue
		case mode == cleanInput && unicode.IsSpace(r):
			b.WriteByte(' ')
		case r == '\n' && keepNewlines:
			newlines++
		case r == '\r' && keepNewlines:
			if !strings.HasPrefix(s[i+size:], "\n") {
				newlines++
			}
		case unicode.IsSpace(r):
			space = true
		case isInvisibleControl(r):
			// dropped
		default:
			emit(r)
		}
		i += size
	}
	out := b.String()
	if nonASCII && mode != cleanInput && !norm.NFC.IsNormalString(out) {
		out = norm.NFC.String(out)
	}
	return out
}

// Quote prepares untrusted text (a file name, a query word, a key from a
// config file) for a message: text CleanLine leaves as it is comes back
// unchanged, anything else in double quotes with Go escapes for every C0
// and C1 control, DEL, bidirectional override or isolate, other invisible
// format character, and byte of invalid UTF-8. The result is printable and
// shows what was there without letting a terminal act on it.
func Quote(s string) string {
	if s != "" && CleanLine(s) == s {
		return s
	}
	return quoted(s)
}

// QuotedPrefixRunes is how much of a bad input an error message quotes.
const QuotedPrefixRunes = 40

// QuotePrefix is Quote for an error about the input itself: always in
// quotes, and when long cut to its first QuotedPrefixRunes runes with its
// full length said, so that a 100 KB bad tag does not come back as a 100 KB
// message.
func QuotePrefix(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= QuotedPrefixRunes {
		return quoted(s)
	}
	cut := 0
	for range QuotedPrefixRunes {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
	}
	return fmt.Sprintf("%s… (%d characters)", quoted(s[:cut]), n)
}

// quoted is s in double quotes with every character that may not reach a
// terminal escaped.
func quoted(s string) string {
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b = append(b, `\x`...)
			b = append(b, "0123456789abcdef"[s[i]>>4], "0123456789abcdef"[s[i]&0xf])
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case isInvisibleControl(r) || !strconv.IsPrint(r):
			// Not strconv.Quote's own test alone: what may reach a
			// terminal is this package's decision, not the Unicode tables'.
			q := strconv.QuoteRuneToASCII(r)
			b = append(b, q[1:len(q)-1]...)
		default:
			b = utf8.AppendRune(b, r)
		}
		i += size
	}
	return string(append(b, '"'))
}

// isTidyASCII is the fast path: most corpus text is printable ASCII with
// single spaces, and needs no copy.
func isTidyASCII(s string) bool {
	if len(s) == 0 {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e {
			return false
		}
		if c == ' ' {
			if prevSpace {
				return false
			}
			prevSpace = true
		} else {
			prevSpace = false
		}
	}
	return true
}

// isInvisibleControl reports runes that must never reach a terminal or that
// reorder text on screen: C0/C1 controls, DEL, bidirectional overrides and
// isolates ("Trojan Source"), and other format characters except the joiners
// emoji need.
func isInvisibleControl(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == 0x200d || r == 0xfe0f || r == 0xfe0e:
		return false // ZWJ and variation selectors are part of emoji
	case r == 0xfeff:
		return true // a BOM mid-text
	}
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Co, r)
}

// escapeLength is the byte length of the escape sequence starting at s[0]
// (an ESC), per ECMA-48: CSI runs to its final byte, string sequences (OSC,
// DCS, SOS, PM, APC) to BEL or ST, others are two bytes. An unterminated
// sequence swallows the rest of the string: better to lose text than to let
// half a sequence through.
func escapeLength(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + csiBodyLength(s[2:])
	case ']', 'P', 'X', '^', '_':
		return 2 + stringBodyLength(s[2:])
	}
	// ESC followed by intermediates (0x20-0x2f) then one final byte.
	i := 1
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// csiBodyLength is the length of CSI parameters, intermediates and the final
// byte. A byte outside the CSI grammar ends the sequence without being eaten.
func csiBodyLength(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x30 && c <= 0x3f, c >= 0x20 && c <= 0x2f: // parameters, intermediates
		case c >= 0x40 && c <= 0x7e: // final byte
			return i + 1
		default:
			return i
		}
	}
	return len(s)
}

// stringBodyLength is the length of a control string up to and including its
// terminator: BEL, ESC \ or the C1 ST.
func stringBodyLength(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0x07:
			return i + 1
		case 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case 0xc2:
			if i+1 < len(s) && s[i+1] == 0x9c { // U+009C ST
				return i + 2
			}
		}
	}
	return len(s)
}

// FoldRune lower-cases r and strips its accent: matching is case- and
// accent-insensitive ("balazs" finds "Balázs").
func FoldRune(r rune) rune { return lex.FoldRune(r) }

// Fold returns s with every rune folded by FoldRune. The result has the same
// number of runes as s.
func Fold(s string) string { return lex.Fold(s) }

// IsWordRune reports whether r belongs to a word: a letter, a digit or a
// combining mark. Search, topics, related papers and the BibTeX export
// all split words by it.
func IsWordRune(r rune) bool { return lex.IsWordRune(r) }
