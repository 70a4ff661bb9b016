package model

import (
	"bytes"
	"encoding/binary"
	"slices"
	"unicode/utf8"
)

// Prefilter is a conservative byte-level test that lets a streaming search
// skip most records of a large corpus file without decoding them: a record
// it rejects cannot match the query. It looks at the letters and digits of
// the raw record, lower-cased, with everything else skipped, and requires
// each positive text clause's letters to appear contiguously. That holds
// for every way the matcher can find a word: index words are contiguous
// letters of the decoded text, hyphen joins and TeX braces only remove
// punctuation, and JSON escapes only ever stand between words. What the
// byte view cannot see through (non-ASCII bytes, \u escapes, TeX commands,
// control bytes) makes the record a candidate.
type Prefilter struct {
	words  []prefilterWord
	syntax RecordSyntax
	// titleWords are the words of the positive clauses that may match a
	// title: a paper can rank among the title matches only if one of them
	// is in its title.
	titleWords []prefilterWord
}

// RecordSyntax says how a corpus writes text inside a record, which
// decides how backslashes are read.
type RecordSyntax int

const (
	// SyntaxPlain is text as it is (the trending-page format): a
	// backslash is just punctuation.
	SyntaxPlain RecordSyntax = iota
	// SyntaxJSON is a JSON-encoded record whose strings may hold TeX (the
	// arXiv metadata snapshot).
	SyntaxJSON
)

// NewPrefilter returns the prefilter for q, or nil when q has no positive
// text clause to test (or one the byte view cannot check, such as a
// non-ASCII word).
func NewPrefilter(q Query, syntax RecordSyntax) *Prefilter {
	p := Prefilter{syntax: syntax}
	for _, c := range q.Clauses {
		if c.Kind != ClauseText || c.Negate {
			continue
		}
		var letters []byte
		for _, w := range c.Words {
			for i := 0; i < len(w); i++ {
				if w[i] >= utf8.RuneSelf {
					return nil
				}
			}
			letters = append(letters, w...)
		}
		if len(letters) > 0 {
			p.words = append(p.words, newPrefilterWord(letters))
			if c.Fields&InTitle != 0 {
				p.titleWords = append(p.titleWords, newPrefilterWord(letters))
			}
		}
	}
	if len(p.words) == 0 {
		return nil
	}
	// Longest first: it is the rarest, so most records fail on the first
	// pass.
	slices.SortStableFunc(p.words, func(a, b prefilterWord) int { return b.length - a.length })
	return &p
}

// WithTypos returns a copy of p in which each clause word of typos may
// also appear with as many edits as a typo of it may carry (typoBudget):
// the records that can hold a word a fuzzy term is taken for a typo of,
// or a longer form of one. A swap of two letters counts as one edit, as
// in the search.
func (p *Prefilter) WithTypos(typos []string) *Prefilter {
	q := *p
	q.words = slices.Clone(p.words)
	q.titleWords = slices.Clone(p.titleWords)
	for _, ws := range [][]prefilterWord{q.words, q.titleWords} {
		for i := range ws {
			if slices.Contains(typos, string(ws[i].word)) {
				ws[i].typos = typoBudget(len(ws[i].word))
			}
		}
	}
	return &q
}

// Keep reports whether record may match.
func (p *Prefilter) Keep(record []byte) bool {
	opaque, escapes := p.inspect(record)
	if opaque {
		return true
	}
	for i := range p.words {
		if !p.words[i].in(record, escapes) {
			return false
		}
	}
	return true
}

// KeepTitle reports whether a record whose raw title is title may match
// some word of the query in its title (nil: the title is not known). A
// search that needs only title matches skips the other records.
func (p *Prefilter) KeepTitle(title []byte) bool {
	if title == nil {
		return true
	}
	opaque, escapes := p.inspect(title)
	if opaque {
		return true
	}
	for i := range p.titleWords {
		if p.titleWords[i].in(title, escapes) {
			return true
		}
	}
	return false
}

// inspect reports whether record holds something the letter view cannot
// see through (non-ASCII or control bytes; in JSON a \u escape or a TeX
// command, i.e. an escaped backslash before a letter), and whether it has
// JSON escapes at all.
func (p *Prefilter) inspect(record []byte) (opaque, escapes bool) {
	// Eight bytes at a time: any byte >= 0x80, or < 0x20 (tabs and line
	// breaks are fine: records of the text format span two lines).
	const high, low = 0x8080808080808080, 0x2020202020202020
	i := 0
	for ; i+8 <= len(record); i += 8 {
		x := binary.LittleEndian.Uint64(record[i:])
		if x&high != 0 {
			return true, false
		}
		if (x-low)&^x&high != 0 && hasControl(record[i:i+8]) {
			return true, false
		}
	}
	if hasControl(record[i:]) {
		return true, false
	}
	for ; i < len(record); i++ {
		if record[i] >= utf8.RuneSelf {
			return true, false
		}
	}
	if p.syntax != SyntaxJSON {
		return false, false
	}
	for rest := record; ; {
		i := bytes.IndexByte(rest, '\\')
		if i < 0 || i+1 >= len(rest) {
			return false, escapes
		}
		escapes = true
		switch rest[i+1] {
		case 'u':
			return true, true // \uXXXX may encode any letter
		case '\\':
			// An escaped backslash: a TeX command follows; one spelled
			// with letters (\c{c}, \ss) changes the letters when decoded.
			if i+2 < len(rest) && isASCIILetter(rest[i+2]) {
				return true, true
			}
		}
		rest = rest[i+2:]
	}
}

func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return true
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// prefilterWord finds one word's letters in the letter stream of a record
// with the shift-and (bitap) algorithm: bit k of the state is set when the
// last letters seen spell the word's first k+1 letters. Skipped bytes
// leave the state as it is.
type prefilterWord struct {
	letters [256]uint64 // per byte: the positions where the word has it (0 for non-letters)
	keep    [256]uint64 // per byte: all ones for skipped bytes, else 0
	done    uint64      // the bit of the last letter
	length  int
	word    []byte
	typos   int // edits allowed (WithTypos)
}

func newPrefilterWord(word []byte) prefilterWord {
	if len(word) > 64 {
		word = word[:64] // a prefix of the word is still a necessary condition
	}
	w := prefilterWord{done: 1 << (len(word) - 1), length: len(word), word: word}
	for b := 0; b < 256; b++ {
		c := byte(b)
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			w.keep[b] = ^uint64(0)
			continue
		}
		for k := range word {
			if word[k] == c {
				w.letters[b] |= 1 << k
			}
		}
	}
	return w
}

// in reports whether the word's letters appear in record. With escapes,
// the byte after each backslash is skipped: a JSON escape (\n, \") stands
// for whitespace or punctuation, never a letter of a word.
func (w *prefilterWord) in(record []byte, escapes bool) bool {
	if w.typos > 0 {
		return w.near(record, escapes)
	}
	var state, seen uint64
	if !escapes {
		for _, b := range record {
			state = (state<<1|1)&w.letters[b] | state&w.keep[b]
			seen |= state
		}
		return seen&w.done != 0
	}
	escaped := false
	for _, b := range record {
		if skipEscaped(b, &escaped) {
			continue
		}
		state = (state<<1|1)&w.letters[b] | state&w.keep[b]
		seen |= state
	}
	return seen&w.done != 0
}

// skipEscaped reports whether b is a backslash or the byte after one,
// which a JSON record's letter stream skips (see in).
func skipEscaped(b byte, escaped *bool) bool {
	switch {
	case *escaped:
		*escaped = false
		return true
	case b == '\\':
		*escaped = true
		return true
	}
	return false
}

// near is in allowing w.typos edits (one or two): the shift-and automaton
// of Wu and Manber, one state per number of edits, with Hyyrö's step for a
// swap of two adjacent letters. It finds the word with edits anywhere in
// the letter stream, so a typo of a word, of its start, or of a word run
// together with the next all keep the record. Each state holds the one
// with fewer edits, so only the last need be watched, and the scan stops
// at the first match: most records a typo pass keeps hold the word early,
// and the rest must be read to the end whatever the method.
func (w *prefilterWord) near(record []byte, escapes bool) bool {
	if w.typos == 1 {
		return w.near1(record, escapes)
	}
	// r0, r1, r2: the states with 0, 1, 2 edits; q0, q1 the first two one
	// letter earlier (for swaps); last the letter masks of the previous
	// letter. Before the first letter the term's first letter may already
	// be missing with one edit, its first two with two: "fusion" at the
	// start of a record is two edits from "difusion".
	var r0, q0, q1, last uint64
	var r1, r2 uint64 = 1, 3
	escaped := false
	for _, b := range record {
		if escapes && skipEscaped(b, &escaped) {
			continue
		}
		if w.keep[b] != 0 {
			continue // not a letter: the stream skips it
		}
		eq := w.letters[b]
		n0 := (r0<<1 | 1) & eq
		// match | substitution or a letter missing | an extra letter | a swap
		n1 := (r1<<1|1)&eq | (r0|n0)<<1 | 1 | r0 | (q0<<2|2)&(eq<<1)&last
		n2 := (r2<<1|1)&eq | (r1|n1)<<1 | 1 | r1 | (q1<<2|2)&(eq<<1)&last
		if n2&w.done != 0 {
			return true
		}
		q0, q1 = r0, r1
		r0, r1, r2 = n0, n1, n2
		last = eq
	}
	return false
}

// near1 is near for one edit: the automaton without its third state.
func (w *prefilterWord) near1(record []byte, escapes bool) bool {
	var r0, q0, last uint64
	var r1 uint64 = 1 // the first letter missing (see near)
	escaped := false
	for _, b := range record {
		if escapes && skipEscaped(b, &escaped) {
			continue
		}
		if w.keep[b] != 0 {
			continue
		}
		eq := w.letters[b]
		n0 := (r0<<1 | 1) & eq
		n1 := (r1<<1|1)&eq | (r0|n0)<<1 | 1 | r0 | (q0<<2|2)&(eq<<1)&last
		if n1&w.done != 0 {
			return true
		}
		q0 = r0
		r0, r1 = n0, n1
		last = eq
	}
	return false
}
