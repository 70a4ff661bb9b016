package topics

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/papertui/papers/model/internal/lex"
)

// comp is one word as topics see it: a run of letters and digits,
// with hyphenated parts joined ("vision-language" is one compound).
type comp struct {
	start, end int32  // surface bytes in the text
	key0, key1 int32  // key bytes in scanner.keys; key1-key0 is the key's length
	hash       uint64 // of the key, see lex.Hash
	class      wordClass
	acronym    bool // a part is written like an acronym (LoRA, CLIP, ViT): keep its casing
	brk        bool // punctuation separates it from the previous compound
	sentence   bool // first word of a sentence: its capital says nothing
	level      uint8
	parts      uint8 // hyphen-separated parts, up to 255
}

// Levels of a compound: a whole word, an acronym that is a hyphen part of one
// ("LoRA" in "Online-LoRA"), or an acronym that ends a camelCase word
// ("LoRA" in "AutoLoRA", "BERT" in "FireBERT").
const (
	levelWord uint8 = iota
	levelPart
	levelEmbedded
)

// scanner splits text into compounds and computes their keys: folded,
// hyphens dropped, the last part made singular. It is reused across texts
// and is not safe for concurrent use. A scanner with a word cache
// (newPassScanner) keeps the key bytes of acronyms and non-ASCII
// words only; the others' keys are known by hash and length.
type scanner struct {
	comps   []comp
	extras  []comp // acronyms found inside compounds: unigrams only
	keys    []byte
	tmp     []byte
	classes map[uint64]wordClass // nil while the word lists themselves are scanned
	cache   []wordEntry          // nil: no cache
}

func newScanner() scanner { return scanner{classes: wordClasses()} }

// newPassScanner is a scanner for a pass over the corpus, with a class
// cache.
func newPassScanner() scanner {
	return scanner{classes: wordClasses(), cache: make([]wordEntry, wordCacheSize)}
}

// urlLike reports whether a whitespace-delimited chunk holding a slash
// is a URL or a path: host names and paths are not topics. URLs without a
// slash are rare enough in abstracts to be left alone.
func urlLike(chunk string) bool {
	if strings.Contains(chunk, "://") || strings.Contains(chunk, "www.") {
		return true
	}
	// A dot inside the chunk, not one ending a sentence: "github.com/x".
	for i := 0; i+1 < len(chunk); i++ {
		if chunk[i] == '.' && ('a' <= chunk[i+1] && chunk[i+1] <= 'z' || 'A' <= chunk[i+1] && chunk[i+1] <= 'Z') {
			return true
		}
	}
	return false
}

// scan splits text into compounds.
func (s *scanner) scan(text string) {
	s.comps, s.extras, s.keys = s.comps[:0], s.extras[:0], s.keys[:0]
	brk, sentence := true, true
	// Where the current whitespace-delimited chunk began, in the text and
	// in the output, so that a chunk found to be a URL can be taken back.
	chunk, chunkComps, chunkExtras, chunkKeys := 0, 0, 0, 0
	for i := 0; i < len(text); {
		b := text[i]
		if b < utf8.RuneSelf {
			switch {
			case lex.StartsWord(lex.ByteKinds[b]):
				i = s.compound(text, i, brk, sentence)
				brk, sentence = false, false
				continue
			case b == ' ':
				chunk, chunkComps, chunkExtras, chunkKeys = i+1, len(s.comps), len(s.extras), len(s.keys)
			case b == '.' || b == '!' || b == '?' || b == ':':
				brk, sentence = true, true
			case b == '/':
				end := strings.IndexByte(text[i:], ' ')
				if end < 0 {
					end = len(text)
				} else {
					end += i
				}
				if urlLike(text[chunk:end]) {
					s.comps, s.extras, s.keys = s.comps[:chunkComps], s.extras[:chunkExtras], s.keys[:chunkKeys]
					i = end
				}
				brk = true
			default:
				brk = true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if lex.StartsWord(lex.Classify(r)) {
			i = s.compound(text, i, brk, sentence)
			brk, sentence = false, false
			continue
		}
		if unicode.IsSpace(r) {
			chunk, chunkComps, chunkExtras, chunkKeys = i+size, len(s.comps), len(s.extras), len(s.keys)
		} else {
			brk = true
		}
		i += size
	}
}

// compound reads the compound starting at text[i] and returns where
// scanning resumes.
func (s *scanner) compound(text string, i int, brk, sentence bool) int {
	if s.cache != nil {
		if next, ok := s.compoundASCII(text, i, brk, sentence); ok {
			return next
		}
	}
	return s.compoundAny(text, i, brk, sentence)
}

// compoundASCII is the scanner's fast path, for the compounds that make up
// most text: ASCII, no acronym. The key's singular form, hash and class
// come from the word cache, keyed by a hash of the text; the key's bytes
// are not stored (key0 and key1 only give its length), since the passes
// over a corpus need no more. It reports false, having consumed nothing,
// for any other compound.
func (s *scanner) compoundASCII(text string, i int, brk, sentence bool) (int, bool) {
	start := i
	partStart := i
	upper, inner := 0, false
	letters := false
	parts := uint8(1)
	next := -1
	s.tmp = s.tmp[:0] // the earlier parts' keys, when the compound has hyphens
scan:
	for i < len(text) {
		// Runs of lower-case letters are most of the text.
		for i < len(text) && lex.ByteKinds[text[i]] == lex.KindLower {
			letters = true
			i++
		}
		if i == len(text) {
			break
		}
		switch lex.ByteKinds[text[i]] {
		case lex.KindDigit:
		case lex.KindUpper:
			letters = true
			upper++
			if i > partStart {
				inner = true
			}
		case lex.KindHyphen:
			if i == partStart || i+1 == len(text) {
				break scan
			}
			switch lex.ByteKinds[text[i+1]] {
			case lex.KindLower, lex.KindDigit, lex.KindUpper:
			case lex.KindNonASCII:
				return 0, false
			default:
				break scan
			}
			if upper >= 2 || inner {
				return 0, false
			}
			s.tmp = appendLower(s.tmp, text[partStart:i], upper > 0)
			parts = min(parts+1, 254)
			partStart, upper = i+1, 0
		case lex.KindApostrophe:
			if lex.Possessive(text, i+1) {
				next = i + 2
			}
			break scan
		case lex.KindNonASCII:
			return 0, false
		default:
			break scan
		}
		i++
	}
	if upper >= 2 || inner {
		return 0, false
	}
	if next < 0 {
		next = i
	}
	lastPart := text[partStart:i]
	c := comp{start: int32(start), end: int32(i), brk: brk, sentence: sentence, parts: parts}
	// The cache key: the folded text, and the last part's length, since
	// the singular depends on the last part alone.
	var raw uint64
	if parts == 1 {
		raw = lex.FastHashString(lastPart, upper > 0)
	} else {
		raw = lex.FastHash(appendLower(s.tmp, lastPart, upper > 0))
	}
	raw ^= uint64(len(lastPart)) << 56
	e := &s.cache[(raw^raw>>29)&(wordCacheSize-1)]
	if !e.ok || e.raw != raw {
		s.tmp = appendLower(s.tmp, lastPart, upper > 0)
		key := s.tmp
		if !letters {
			*e = wordEntry{raw: raw, hash: lex.Hash(key), class: classNumber, ok: true}
		} else {
			before := len(key)
			if key[len(key)-1] == 's' {
				last := len(key) - len(lastPart)
				key = append(key[:last], lex.SingularBytes(key[last:])...)
			}
			h := lex.Hash(key)
			cut := before - len(key)
			*e = wordEntry{raw: raw, hash: h, cut: uint8(cut), ok: true,
				y: cut > 0 && key[len(key)-1] == 'y', class: s.classOf(h, key, false)}
			if len(key) == 1 {
				e.class = classStop
			}
		}
	}
	c.key1 = int32(int(c.end) - int(c.start) - int(parts) + 1 - int(e.cut))
	c.hash, c.class = e.hash, e.class
	s.comps = append(s.comps, c)
	return next, true
}

// appendLower appends an ASCII word to b, its first letter lower-cased
// if capital (the fast path sees no other capitals).
func appendLower(b []byte, word string, capital bool) []byte {
	n := len(b)
	b = append(b, word...)
	if capital {
		b[n] |= 0x20
	}
	return b
}

// compoundAny reads any compound, character by character: the general
// case behind compoundASCII, for acronyms and non-ASCII text.
func (s *scanner) compoundAny(text string, i int, brk, sentence bool) int {
	s.comps = append(s.comps, comp{})
	c := &s.comps[len(s.comps)-1]
	*c = comp{start: int32(i), key0: int32(len(s.keys)), brk: brk, sentence: sentence}
	letters := false
	var p part
	p.begin(i, len(s.keys))
	next := -1 // where scanning resumes, when it is not the compound's end
scan:
	for i < len(text) {
		r, size := rune(text[i]), 1
		var k lex.Kind
		if r < utf8.RuneSelf {
			k = lex.ByteKinds[r]
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			k = lex.Classify(r)
		}
		switch k {
		case lex.KindLower:
			letters = true
		case lex.KindDigit, lex.KindMark:
		case lex.KindUpper:
			p.upperAt(text, i, size, len(s.keys))
			letters = true
		case lex.KindHyphen:
			if lex.HyphenJoins(text, i+size) {
				s.endPart(text, &p, i, false, true)
				c.parts = min(c.parts+1, 254)
				i += size
				p.begin(i, len(s.keys))
				continue
			}
			break scan
		case lex.KindApostrophe:
			if lex.Possessive(text, i+size) {
				next = i + size + 1
			}
			break scan
		default:
			break scan
		}
		if r < utf8.RuneSelf {
			if k == lex.KindUpper {
				r += 'a' - 'A'
			}
			s.keys = append(s.keys, byte(r))
		} else {
			s.keys = utf8.AppendRune(s.keys, lex.FoldRune(r))
		}
		i += size
	}
	if next < 0 {
		next = i
	}
	c.end = int32(i)
	c.parts++
	switch {
	case !letters:
		c.key1 = int32(len(s.keys))
		c.hash = lex.Hash(s.keys[c.key0:c.key1])
		c.class = classNumber
	default:
		c.acronym = s.endPart(text, &p, i, true, c.parts > 1) || p.anyAcronym
		c.key1 = int32(len(s.keys))
		c.hash = lex.Hash(s.keys[c.key0:c.key1])
		if c.key1-c.key0 == 1 {
			c.class = classStop
		} else {
			c.class = s.classOf(c.hash, s.keys[c.key0:c.key1], c.acronym)
		}
	}
	return next
}

// classOf is the class of a word from the word lists, or for a word
// missing from them, adjective or plain by its ending.
func (s *scanner) classOf(h uint64, key []byte, acronym bool) wordClass {
	class := s.classes[h]
	if class == classPlain && !acronym && s.classes != nil && adjectival(key) {
		class = classAdjective
	}
	return class
}

// part tracks one hyphen-separated part of a compound while it is read.
type part struct {
	start      int // surface offset
	k0         int // key offset
	upper      int // capitals seen
	inner      bool
	ncamel     int
	camel      [4][2]int32 // key and surface offsets of camelCase boundaries
	anyAcronym bool        // an earlier part of the compound was an acronym
}

func (p *part) begin(start, k0 int) {
	*p = part{start: start, k0: k0, anyAcronym: p.anyAcronym}
}

// upperAt records a capital at text[i], whose folded form will start at key
// offset k.
func (p *part) upperAt(text string, i, size, k int) {
	p.upper++
	if i == p.start {
		return
	}
	p.inner = true
	if p.ncamel == len(p.camel) {
		return
	}
	// A camelCase boundary: a capital after a lower-case letter ("AutoLoRA"
	// at L), or the last capital of a run followed by a lower-case letter
	// ("SLoRA" at L).
	prev := lex.KindBefore(text, i-1)
	if prev == lex.KindLower || prev == lex.KindUpper && lex.KindAt(text, i+size) == lex.KindLower {
		p.camel[p.ncamel] = [2]int32{int32(k), int32(i)}
		p.ncamel++
	}
}

// endPart finishes the part ending at surface offset end: an acronym's
// plural s is dropped ("LLMs"), the last part of a word is made singular,
// and acronyms inside the compound are recorded as extras. It reports
// whether the part is written as an acronym.
func (s *scanner) endPart(text string, p *part, end int, last, multiPart bool) bool {
	acronym := p.upper >= 2 || p.inner
	if last {
		n := len(s.keys)
		switch {
		case acronym && end-p.start >= 3 && text[end-1] == 's' && lex.KindBefore(text, end-2) == lex.KindUpper:
			s.keys = s.keys[:n-1]
		case !acronym && n > p.k0 && s.keys[n-1] == 's':
			s.keys = append(s.keys[:p.k0], lex.SingularBytes(s.keys[p.k0:])...)
		}
	}
	if acronym {
		k1 := len(s.keys)
		if multiPart && k1-p.k0 >= 2 {
			s.addExtra(int32(p.start), int32(end), p.k0, k1, levelPart)
		}
		for _, cm := range p.camel[:p.ncamel] {
			suffix := text[cm[1]:end]
			if utf8.RuneCountInString(suffix) >= 3 && acronymLike(suffix) {
				s.addExtra(cm[1], int32(end), int(cm[0]), k1, levelEmbedded)
			}
		}
		p.anyAcronym = true
	}
	return acronym
}

// wordCacheSize is the number of entries of a scanner's word cache:
// enough for the common vocabulary of a corpus, small enough for the L2
// cache.
const wordCacheSize = 1 << 14

// wordEntry is what a plain word with a given folded form resolves to.
type wordEntry struct {
	raw   uint64 // hash of the folded form
	hash  uint64 // of the key: the folded form made singular
	cut   uint8  // bytes the singular drops from the folded form
	y     bool   // and the last remaining byte becomes y ("studies")
	class wordClass
	ok    bool
}

func (s *scanner) addExtra(start, end int32, k0, k1 int, level uint8) {
	h := lex.Hash(s.keys[k0:k1])
	if s.classOf(h, s.keys[k0:k1], true) != classPlain {
		return
	}
	s.extras = append(s.extras, comp{
		start: start, end: end, key0: int32(k0), key1: int32(k1), hash: h,
		acronym: true, level: level,
	})
}

// acronymLike reports whether a word is written as an acronym or a
// coined name: two capitals or more (CLIP, LLM), or a capital after the
// first letter (LoRA, ViT, mGPT).
func acronymLike(w string) bool {
	upper := 0
	for i, r := range w {
		if lex.Classify(r) == lex.KindUpper {
			upper++
			if i > 0 {
				return true
			}
		}
	}
	return upper >= 2
}
