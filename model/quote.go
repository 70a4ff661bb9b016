package model

import (
	"fmt"
	"unicode/utf8"
)

// QuotedPrefixRunes is how much of a bad input an error message quotes.
const QuotedPrefixRunes = 40

// QuotePrefix quotes untrusted input for an error message: escaped (%q
// escapes C0, C1, bidi and invalid UTF-8) and, when long, cut to its first
// QuotedPrefixRunes runes with its full length said, so that a 100 KB bad
// tag does not come back as a 100 KB message.
func QuotePrefix(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= QuotedPrefixRunes {
		return fmt.Sprintf("%q", s)
	}
	cut := 0
	for i := 0; i < QuotedPrefixRunes; i++ {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
	}
	return fmt.Sprintf("%q… (%d characters)", s[:cut], n)
}
