package model

import (
	"unicode"
	"unicode/utf8"
)

// Text is matched word by word. A compound such as "LoRA-based" or
// "AutoLoRa" is split into pieces at hyphens and camelCase boundaries, and
// the index holds every word a reader could mean by it: each hyphen part
// ("lora", "based"), the hyphen-less join ("lorabased", so "finetuning"
// finds "fine-tuning"), and camelCase suffixes of three or more letters
// ("lora" in "AutoLoRa"). A query term matches the start of any of these.

// piece is one run of word runes inside a compound.
type piece struct {
	fstart, fend   int32 // byte span in tokenizer.folded (word runes only, folded)
	frstart, frend int32 // the same span counted in runes
	rstart, rend   int32 // rune span in the original text
	partStart      bool  // begins the compound or a hyphen-separated part
}

// maxWordBytes bounds an index word: longer runs are identifiers, hashes or
// URLs, and only their prefix is worth searching.
const maxWordBytes = 48

// maxJoinedParts bounds the hyphen-less joins of long compounds
// ("state-of-the-art-...") so that one token cannot flood the index.
const maxJoinedParts = 5

type runeKind uint8

const (
	kindOther runeKind = iota
	kindLower
	kindUpper
	kindDigit
	kindMark // combining mark: continues the current piece
	kindHyphen
	kindApostrophe
)

func classify(r rune) runeKind {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z':
			return kindLower
		case 'A' <= r && r <= 'Z':
			return kindUpper
		case '0' <= r && r <= '9':
			return kindDigit
		case r == '-':
			return kindHyphen
		case r == '\'':
			return kindApostrophe
		}
		return kindOther
	}
	switch {
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return kindUpper
	case unicode.IsLetter(r):
		return kindLower
	case unicode.IsDigit(r):
		return kindDigit
	case unicode.Is(unicode.Mn, r):
		return kindMark
	case r == '‐' || r == '‑':
		return kindHyphen
	case r == '’':
		return kindApostrophe
	}
	return kindOther
}

// asciiKinds is classify for ASCII, as a table: the tokenizer and the acronym
// check run over every byte of up to a million papers.
var asciiKinds = func() (t [128]runeKind) {
	for c := range t {
		t[c] = classify(rune(c))
	}
	return t
}()

func isWordKind(k runeKind) bool { return k >= kindLower && k <= kindMark }

// tokenizer splits text into compounds. It is reused across texts to avoid
// allocating per word; it is not safe for concurrent use.
type tokenizer struct {
	folded []byte
	pieces []piece
	// runeAt maps each folded rune of the compound to its rune offset in
	// the original text; only kept when trackRunes is set (highlighting),
	// since indexing does not need it.
	trackRunes  bool
	runeAt      []int32
	foldedRunes int32
}

// compounds calls fn once per compound of text, with t.pieces and t.folded
// describing it. fn must not keep references to them.
func (t *tokenizer) compounds(text string, fn func()) {
	flush := func() {
		if len(t.pieces) > 0 {
			fn()
		}
		t.folded = t.folded[:0]
		t.pieces = t.pieces[:0]
		t.runeAt = t.runeAt[:0]
		t.foldedRunes = 0
	}
	flush()
	// kindAt classifies the rune at byte j; most text is ASCII, read from
	// a table.
	kindAt := func(j int) runeKind {
		if j >= len(text) {
			return kindOther
		}
		if c := text[j]; c < utf8.RuneSelf {
			return asciiKinds[c]
		}
		r, _ := utf8.DecodeRuneInString(text[j:])
		return classify(r)
	}
	prev := kindOther
	newPart := false
	var runeIndex int32
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		var k runeKind
		if r < utf8.RuneSelf {
			k = asciiKinds[r]
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			k = classify(r)
		}
		switch {
		case isWordKind(k):
			startPiece := false
			partStart := false
			switch {
			case len(t.pieces) == 0 || !isWordKind(prev) && !newPart:
				flush()
				startPiece, partStart = true, true
			case newPart:
				startPiece, partStart = true, true
			case k == kindUpper && prev == kindLower,
				k == kindUpper && prev == kindUpper && kindAt(i+size) == kindLower,
				k == kindDigit && (prev == kindLower || prev == kindUpper):
				startPiece = true
			}
			afterHyphen := newPart
			newPart = false
			if k == kindMark && (len(t.pieces) == 0 || afterHyphen) {
				// A stray mark cannot start a word, nor a part: an empty
				// piece would have no folded letter to read.
				newPart = afterHyphen
				break
			}
			if startPiece {
				t.pieces = append(t.pieces, piece{
					fstart: int32(len(t.folded)), fend: int32(len(t.folded)),
					frstart: t.foldedRunes, frend: t.foldedRunes,
					rstart: runeIndex, rend: runeIndex, partStart: partStart,
				})
			}
			if k != kindMark {
				if r < utf8.RuneSelf {
					if k == kindUpper {
						r += 'a' - 'A'
					}
					t.folded = append(t.folded, byte(r))
				} else {
					t.folded = utf8.AppendRune(t.folded, FoldRune(r))
				}
				t.foldedRunes++
				if t.trackRunes {
					t.runeAt = append(t.runeAt, runeIndex)
				}
			}
			p := &t.pieces[len(t.pieces)-1]
			p.fend = int32(len(t.folded))
			p.frend = t.foldedRunes
			p.rend = runeIndex + 1
		case k == kindHyphen && isWordKind(prev) && isWordKind(kindAt(i+size)):
			newPart = true
		case k == kindApostrophe && isWordKind(prev) && i+size < len(text) &&
			(text[i+size] == 's' || text[i+size] == 'S') &&
			!isWordKind(kindAt(i+size+1)):
			// A possessive "LoRA's" is the word "LoRA": skip the "'s".
			i += size + 1
			runeIndex += 2
			prev = kindOther
			continue
		default:
			newPart = false
			flush()
		}
		prev = k
		i += size
		runeIndex++
	}
	flush()
}

// indexWords calls emit with every index word of the current compound and
// the piece it starts at. The slice passed to emit is only valid during the
// call.
func (t *tokenizer) indexWords(emit func(word []byte, start int)) {
	n := len(t.pieces)
	parts := 0
	for _, p := range t.pieces {
		if p.partStart {
			parts++
		}
	}
	for k := 0; k < n; k++ {
		e := k + 1
		for e < n && !t.pieces[e].partStart {
			e++
		}
		pk := t.pieces[k]
		if pk.partStart || t.pieces[e-1].rend-pk.rstart >= 3 {
			emit(truncateWord(t.folded[pk.fstart:t.pieces[e-1].fend]), k)
		}
		if pk.partStart && e < n && parts <= maxJoinedParts {
			if joined := t.folded[pk.fstart:t.pieces[n-1].fend]; len(joined) <= maxWordBytes {
				emit(joined, k)
			}
		}
	}
}

// truncateWord cuts w to maxWordBytes on a rune boundary.
func truncateWord(w []byte) []byte {
	if len(w) <= maxWordBytes {
		return w
	}
	w = w[:maxWordBytes]
	for len(w) > 0 && !utf8.Valid(w) {
		w = w[:len(w)-1]
	}
	return w
}

// forEachIndexWord calls emit for every index word of text.
func (t *tokenizer) forEachIndexWord(text string, emit func(word []byte, start int)) {
	t.compounds(text, func() { t.indexWords(emit) })
}
