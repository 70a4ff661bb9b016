package lex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps accented Latin letters to their base letter, lower case.
// It maps one rune to one rune so that positions found in folded text are
// positions in the original (highlighting depends on it).
var foldTable = buildFoldTable()

func buildFoldTable() map[rune]rune {
	t := map[rune]rune{
		'ø': 'o', 'Ø': 'o', 'đ': 'd', 'Đ': 'd', 'ł': 'l', 'Ł': 'l', 'ħ': 'h', 'Ħ': 'h',
		'ı': 'i', 'ß': 's', 'æ': 'a', 'Æ': 'a', 'œ': 'o', 'Œ': 'o', 'þ': 't', 'Þ': 't',
		'ð': 'd', 'Ð': 'd', 'ŀ': 'l', 'Ŀ': 'l', 'ŧ': 't', 'Ŧ': 't',
		'‐': '-', '‑': '-', '–': '-', '—': '-', '’': '\'', '‘': '\'',
	}
	ranges := [][2]rune{{0x00c0, 0x024f}, {0x1e00, 0x1eff}}
	for _, rg := range ranges {
		for r := rg[0]; r <= rg[1]; r++ {
			if _, ok := t[r]; ok {
				continue
			}
			d := norm.NFD.String(string(r))
			base, _ := utf8.DecodeRuneInString(d)
			if base < utf8.RuneSelf && unicode.IsLetter(base) {
				t[r] = unicode.ToLower(base)
			}
		}
	}
	return t
}

// FoldRune lower-cases r and strips its accent: matching is case- and
// accent-insensitive ("balazs" finds "Balázs").
func FoldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if f, ok := foldTable[r]; ok {
		return f
	}
	return unicode.ToLower(r)
}

// Fold returns s with every rune folded by FoldRune. The result has the same
// number of runes as s.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(FoldRune(r))
	}
	return b.String()
}
