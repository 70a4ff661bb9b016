// Package lex is the text kernel of papers: what a word character is, how
// text splits into words, the stop words, the stemmers and the word hashes.
// The search index, topic mining and related papers all read text through
// it, so that they agree on what one word is.
package lex

import (
	"unicode"
	"unicode/utf8"
)

// Kind is the class of a rune as the tokenizer sees it.
type Kind uint8

const (
	KindOther Kind = iota
	KindLower      // a lower-case or uncased letter
	KindUpper      // an upper- or title-case letter
	KindDigit
	KindMark       // a combining mark: continues the current word
	KindHyphen     // joins the parts of a compound: "fine-tuning"
	KindApostrophe // may start a possessive "'s"
	KindNonASCII   // in ByteKinds only: a byte of a multi-byte rune, decode it
)

// Classify is the one definition of a word character: letters, digits and
// combining marks, with hyphens and apostrophes told apart because they
// join or end words.
func Classify(r rune) Kind {
	if r < utf8.RuneSelf {
		return ByteKinds[r]
	}
	switch {
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return KindUpper
	case unicode.IsLetter(r):
		return KindLower
	case unicode.IsDigit(r):
		return KindDigit
	case unicode.Is(unicode.Mn, r):
		return KindMark
	case r == '‐' || r == '‑':
		return KindHyphen
	case r == '’':
		return KindApostrophe
	}
	return KindOther
}

// ByteKinds is Classify for ASCII bytes, as a table: the tokenizers run over
// every byte of up to a million papers. Bytes of multi-byte runes are
// KindNonASCII.
var ByteKinds = func() (t [256]Kind) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z':
			t[c] = KindLower
		case 'A' <= c && c <= 'Z':
			t[c] = KindUpper
		case '0' <= c && c <= '9':
			t[c] = KindDigit
		case c == '-':
			t[c] = KindHyphen
		case c == '\'':
			t[c] = KindApostrophe
		case c >= utf8.RuneSelf:
			t[c] = KindNonASCII
		}
	}
	return t
}()

// IsWord reports a kind that is part of a word.
func IsWord(k Kind) bool { return k >= KindLower && k <= KindMark }

// StartsWord reports a kind that can begin a word: a mark cannot.
func StartsWord(k Kind) bool { return k >= KindLower && k <= KindDigit }

// IsWordRune reports whether r is part of a word.
func IsWordRune(r rune) bool { return IsWord(Classify(r)) }

// IsHyphen reports a hyphen that joins the parts of a compound.
func IsHyphen(r rune) bool { return Classify(r) == KindHyphen }

// KindAt classifies the rune at byte i of text; past the end it is
// KindOther.
func KindAt(text string, i int) Kind {
	if i >= len(text) {
		return KindOther
	}
	if c := text[i]; c < utf8.RuneSelf {
		return ByteKinds[c]
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return Classify(r)
}

// KindBefore classifies the rune ending at byte i of text (inclusive); before
// the start it is KindOther.
func KindBefore(text string, i int) Kind {
	if i < 0 {
		return KindOther
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i+1])
	return Classify(r)
}

// HyphenJoins reports whether a hyphen after a word character, followed by
// text[next:], joins two parts of one compound ("fine-tuning"): a word
// character other than a mark must follow.
func HyphenJoins(text string, next int) bool { return StartsWord(KindAt(text, next)) }

// Possessive reports whether text[i:] is the "s" of a possessive, after an
// apostrophe: an s that no word character follows ("LoRA's").
func Possessive(text string, i int) bool {
	return i < len(text) && (text[i] == 's' || text[i] == 'S') && !StartsWord(KindAt(text, i+1))
}
