package lex

import "unicode/utf8"

// Text is matched word by word. A compound such as "LoRA-based" or
// "AutoLoRa" is split into pieces at hyphens and camelCase boundaries, and
// the index holds every word a reader could mean by it: each hyphen part
// ("lora", "based"), the hyphen-less join ("lorabased", so "finetuning"
// finds "fine-tuning"), and camelCase suffixes of three or more letters
// ("lora" in "AutoLoRa"). A query term matches the start of any of these.

// Piece is one run of word runes inside a compound.
type Piece struct {
	FStart, FEnd   int32 // byte span in Tokenizer.Folded (word runes only, folded)
	FRStart, FREnd int32 // the same span counted in runes
	RStart, REnd   int32 // rune span in the original text
	PartStart      bool  // begins the compound or a hyphen-separated part
}

// MaxWordBytes bounds an index word: longer runs are identifiers, hashes or
// URLs, and only their prefix is worth searching.
const MaxWordBytes = 48

// maxJoinedParts bounds the hyphen-less joins of long compounds
// ("state-of-the-art-...") so that one token cannot flood the index.
const maxJoinedParts = 5

// Tokenizer splits text into compounds. It is reused across texts to avoid
// allocating per word; it is not safe for concurrent use.
type Tokenizer struct {
	Folded []byte
	Pieces []Piece
	// RuneAt maps each folded rune of the compound to its rune offset in
	// the original text; only kept when TrackRunes is set (highlighting),
	// since indexing does not need it.
	TrackRunes  bool
	RuneAt      []int32
	foldedRunes int32
}

// Compounds calls fn once per compound of text, with t.Pieces and t.Folded
// describing it. fn must not keep references to them.
func (t *Tokenizer) Compounds(text string, fn func()) {
	flush := func() {
		if len(t.Pieces) > 0 {
			fn()
		}
		t.Folded = t.Folded[:0]
		t.Pieces = t.Pieces[:0]
		t.RuneAt = t.RuneAt[:0]
		t.foldedRunes = 0
	}
	flush()
	prev := KindOther
	newPart := false
	var runeIndex int32
	for i := 0; i < len(text); {
		if c := text[i]; 'a' <= c && c <= 'z' && IsWord(prev) && !newPart && len(t.Pieces) > 0 {
			// Inside a word, lower-case ASCII letters start nothing: take
			// the whole run at once, as the general case below would one
			// letter at a time. Most text is such runs.
			j := i + 1
			for j < len(text) && 'a' <= text[j] && text[j] <= 'z' {
				j++
			}
			n := int32(j - i)
			t.Folded = append(t.Folded, text[i:j]...)
			if t.TrackRunes {
				for x := range n {
					t.RuneAt = append(t.RuneAt, runeIndex+x)
				}
			}
			t.foldedRunes += n
			runeIndex += n
			p := &t.Pieces[len(t.Pieces)-1]
			p.FEnd, p.FREnd, p.REnd = int32(len(t.Folded)), t.foldedRunes, runeIndex
			prev, i = KindLower, j
			continue
		}
		r, size := rune(text[i]), 1
		var k Kind
		if r < utf8.RuneSelf {
			k = ByteKinds[r]
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			k = Classify(r)
		}
		switch {
		case IsWord(k):
			startPiece := false
			partStart := false
			switch {
			case len(t.Pieces) == 0 || !IsWord(prev) && !newPart:
				flush()
				startPiece, partStart = true, true
			case newPart:
				startPiece, partStart = true, true
			case k == KindUpper && prev == KindLower,
				k == KindUpper && prev == KindUpper && KindAt(text, i+size) == KindLower,
				k == KindDigit && (prev == KindLower || prev == KindUpper):
				startPiece = true
			}
			newPart = false
			if k == KindMark && len(t.Pieces) == 0 {
				break // a stray mark cannot start a word
			}
			if startPiece {
				t.Pieces = append(t.Pieces, Piece{
					FStart: int32(len(t.Folded)), FEnd: int32(len(t.Folded)),
					FRStart: t.foldedRunes, FREnd: t.foldedRunes,
					RStart: runeIndex, REnd: runeIndex, PartStart: partStart,
				})
			}
			if k != KindMark {
				if r < utf8.RuneSelf {
					if k == KindUpper {
						r += 'a' - 'A'
					}
					t.Folded = append(t.Folded, byte(r))
				} else {
					t.Folded = utf8.AppendRune(t.Folded, FoldRune(r))
				}
				t.foldedRunes++
				if t.TrackRunes {
					t.RuneAt = append(t.RuneAt, runeIndex)
				}
			}
			p := &t.Pieces[len(t.Pieces)-1]
			p.FEnd = int32(len(t.Folded))
			p.FREnd = t.foldedRunes
			p.REnd = runeIndex + 1
		case k == KindHyphen && IsWord(prev) && HyphenJoins(text, i+size):
			newPart = true
		case k == KindApostrophe && IsWord(prev) && Possessive(text, i+size):
			// A possessive "LoRA's" is the word "LoRA": skip the "'s".
			i += size + 1
			runeIndex += 2
			prev = KindOther
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

// Part returns the folded hyphen part of the current compound that starts
// at piece k, camelCase pieces together ("autolora" in "AutoLoRA-based"),
// and the piece that starts the next part. The whole compound without its
// hyphens is t.Folded.
func (t *Tokenizer) Part(k int) (word []byte, next int) {
	e := k + 1
	for e < len(t.Pieces) && !t.Pieces[e].PartStart {
		e++
	}
	return t.Folded[t.Pieces[k].FStart:t.Pieces[e-1].FEnd], e
}

// IndexWords calls emit with every index word of the current compound and
// the piece it starts at. The slice passed to emit is only valid during the
// call.
func (t *Tokenizer) IndexWords(emit func(word []byte, start int)) {
	n := len(t.Pieces)
	parts := 0
	for _, p := range t.Pieces {
		if p.PartStart {
			parts++
		}
	}
	for k := 0; k < n; k++ {
		e := k + 1
		for e < n && !t.Pieces[e].PartStart {
			e++
		}
		pk := t.Pieces[k]
		if pk.PartStart || t.Pieces[e-1].REnd-pk.RStart >= 3 {
			emit(TruncateWord(t.Folded[pk.FStart:t.Pieces[e-1].FEnd]), k)
		}
		if pk.PartStart && e < n && parts <= maxJoinedParts {
			if joined := t.Folded[pk.FStart:t.Pieces[n-1].FEnd]; len(joined) <= MaxWordBytes {
				emit(joined, k)
			}
		}
	}
}

// TruncateWord cuts w to MaxWordBytes on a rune boundary.
func TruncateWord(w []byte) []byte {
	if len(w) <= MaxWordBytes {
		return w
	}
	w = w[:MaxWordBytes]
	for len(w) > 0 && !utf8.Valid(w) {
		w = w[:len(w)-1]
	}
	return w
}

// ForEachIndexWord calls emit for every index word of text.
func (t *Tokenizer) ForEachIndexWord(text string, emit func(word []byte, start int)) {
	t.Compounds(text, func() { t.IndexWords(emit) })
}
