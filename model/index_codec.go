package model

import (
	"errors"
	"fmt"
	"sync/atomic"
	"unsafe"
)

// IndexFields is the number of fields the word index holds postings for.
const IndexFields = int(numFields)

// IndexLetterClasses is the number of first-letter sets per field.
const IndexLetterClasses = numLetterClasses

// Backing is where an index opened from a store file (IndexFromArrays)
// reads its papers, and how it checks the file's arrays: on demand, so
// that opening costs nothing per paper. It must be safe for concurrent use.
type Backing interface {
	Len() int
	// Paper decodes paper i, once: later calls return the same paper.
	Paper(i int) *Paper
	// Title is paper i's title, read without keeping the paper.
	Title(i int) string
	// Keys are paper i's ID and TitleID, read without keeping the paper
	// ("" for a damaged one).
	Keys(i int) (id, titleID string)
	// Peek returns paper i for one look: the kept paper if there is one,
	// else paper i decoded into scratch.
	Peek(i int, scratch *Paper) *Paper
	// Check reports whether elements [lo, hi) of array a are intact,
	// checking them the first time. A damaged paper or array is
	// remembered for Err; what is read from it is a placeholder.
	Check(a Array, lo, hi int) bool
	// Err is the first damage found, or nil.
	Err() error
}

// Array names the per-paper and postings arrays of IndexArrays that a
// store may check lazily (Backing.Check); the vocabulary-sized ones are
// checked when the file is opened.
type Array uint8

const (
	ArrayPostIDs       Array = iota // IndexFields arrays from here
	ArrayDense               = ArrayPostIDs + Array(IndexFields)
	ArrayByLetter            = ArrayDense + Array(IndexFields)
	ArrayTitleInitials       = ArrayByLetter + Array(IndexFields)
	ArrayTitleLetters        = ArrayTitleInitials + 1
	ArrayHasCode             = ArrayTitleLetters + 1
	ArrayYears               = ArrayHasCode + 1
	ArrayDays                = ArrayYears + 1
	ArrayWeights             = ArrayDays + 1 // the title's, then the abstract's
	ArrayKeyHash             = ArrayWeights + 2
	ArrayKeyPaper            = ArrayKeyHash + 1
	NumArrays                = ArrayKeyPaper + 1
)

// IndexArrays is a word index as flat arrays of fixed-width numbers, the
// form a store writes to disk and maps back: every slice can be a view of
// mapped memory, so opening a persisted index copies nothing but the
// vocabulary's string headers.
type IndexArrays struct {
	// Vocab is the sorted vocabulary, concatenated; VocabEnd[w] is the end
	// of word w in it.
	Vocab    []byte
	VocabEnd []uint32
	PostOff  [IndexFields][]uint32
	PostIDs  [IndexFields][]uint32
	// DenseWords[f] are the words of field f whose papers are a set
	// rather than a list (their list is empty), ascending, and Dense[f]
	// their sets one after the other, (papers+63)/64 words each.
	DenseWords [IndexFields][]uint32
	Dense      [IndexFields][]uint64
	// ByLetter[f] holds the IndexLetterClasses sets of field f one after
	// the other, (papers+63)/64 words each.
	ByLetter      [IndexFields][]uint64
	TitleInitials []uint64
	TitleLetters  []uint64
	HasCode       []uint64
	Years         []uint16
	Days          []int32 // days since 1970, or noDay
	// KeyHash and KeyPaper are the lookup table: the sorted hashes of
	// every paper's ID and TitleID, and the paper of each.
	KeyHash  []uint64
	KeyPaper []uint32
	// Upvotes is whether some paper has upvotes.
	Upvotes bool
	// FieldWeight is the ranking weight of a title and of an abstract word
	// in each paper (its field's length, normalised).
	FieldWeight  [2][]uint16
	TitleWords   []byte
	TitleWordIDs []uint32
	TitleWordAt  []uint32
}

// Arrays returns the flat form of an index with its words indexed
// (BuildIndex). The slices are fresh where the index holds another shape
// (vocabulary, letter sets) and the index's own otherwise: do not modify.
func (ix *Index) Arrays() IndexArrays {
	var a IndexArrays
	size := 0
	for _, w := range ix.vocab {
		size += len(w)
	}
	a.Vocab = make([]byte, 0, size)
	a.VocabEnd = make([]uint32, len(ix.vocab))
	for i, w := range ix.vocab {
		a.Vocab = append(a.Vocab, w...)
		a.VocabEnd[i] = uint32(len(a.Vocab))
	}
	words := (ix.n + 63) / 64
	for f := range a.PostOff {
		a.PostOff[f], a.PostIDs[f] = ix.post[f].off, ix.post[f].ids
		a.DenseWords[f], a.Dense[f] = ix.post[f].denseWords, ix.post[f].dense
		a.ByLetter[f] = make([]uint64, 0, numLetterClasses*words)
		for _, set := range ix.byLetter[f] {
			a.ByLetter[f] = append(a.ByLetter[f], set...)
		}
	}
	a.TitleInitials, a.TitleLetters = ix.titleInitials, ix.titleLetters
	a.HasCode, a.Years, a.Days = ix.hasCode, ix.years, ix.days
	a.KeyHash, a.KeyPaper, a.Upvotes = ix.keyHash, ix.keyPaper, ix.upvotes
	a.FieldWeight = ix.fieldWeight
	a.TitleWords = []byte(ix.titleWords)
	a.TitleWordIDs, a.TitleWordAt = ix.titleWordIDs, ix.titleWordAt
	return a
}

// errArrays is what IndexFromArrays returns for arrays no BuildIndex could
// have made: a store file that passed its checksums but not these checks
// is foreign or from a buggy writer, and is rebuilt rather than trusted.
var errArrays = errors.New("inconsistent index arrays")

// IndexFromArrays returns the index whose papers b holds and whose words
// a are, keeping a's slices (and strings into a.Vocab and a.TitleWords)
// rather than copying them, so a's memory must outlive the index and never
// change. It checks at once, in time linear in the vocabulary, every bound
// the vocabulary-sized arrays must keep; the per-paper arrays and the
// postings are checked by b and by the index as they are first read, so
// that opening costs nothing per paper and bad arrays are an error
// (Index.Err), never a panic.
func IndexFromArrays(b Backing, a IndexArrays) (*Index, error) {
	n := b.Len()
	words := (n + 63) / 64
	if len(a.TitleInitials) != n || len(a.TitleLetters) != n || len(a.Years) != n || len(a.Days) != n || len(a.HasCode) != words ||
		len(a.FieldWeight[0]) != n || len(a.FieldWeight[1]) != n || len(a.KeyHash) != len(a.KeyPaper) {
		return nil, fmt.Errorf("%w: per-paper facts", errArrays)
	}
	ix := &Index{n: n, backing: b, text: true}
	var err error
	if ix.vocab, err = vocabFrom(a.Vocab, a.VocabEnd); err != nil {
		return nil, err
	}
	for f := range a.PostOff {
		off, ids := a.PostOff[f], a.PostIDs[f]
		if len(off) != len(ix.vocab)+1 || off[0] != 0 || int(off[len(off)-1]) != len(ids) {
			return nil, fmt.Errorf("%w: postings offsets", errArrays)
		}
		for w := 1; w < len(off); w++ {
			if off[w] < off[w-1] {
				return nil, fmt.Errorf("%w: postings offsets", errArrays)
			}
		}
		dw := a.DenseWords[f]
		if len(a.Dense[f]) != len(dw)*words {
			return nil, fmt.Errorf("%w: postings sets", errArrays)
		}
		for k, w := range dw {
			if int(w) >= len(ix.vocab) || k > 0 && w <= dw[k-1] || off[w] != off[w+1] {
				return nil, fmt.Errorf("%w: postings sets", errArrays)
			}
		}
		ix.post[f] = postings{off: off, ids: ids, denseWords: dw, dense: a.Dense[f], stored: &storedPostings{
			ix: ix, field: f, checked: make([]atomic.Uint64, (len(ix.vocab)+63)/64),
			denseChecked: make([]atomic.Uint64, (len(dw)+63)/64),
		}}
		if len(a.ByLetter[f]) != numLetterClasses*words {
			return nil, fmt.Errorf("%w: letter sets", errArrays)
		}
		for c := range ix.byLetter[f] {
			ix.byLetter[f][c] = Bitset(a.ByLetter[f][c*words : (c+1)*words : (c+1)*words])
		}
	}
	ix.titleInitials, ix.titleLetters = a.TitleInitials, a.TitleLetters
	ix.hasCode, ix.years, ix.days = Bitset(a.HasCode), a.Years, a.Days
	ix.keyHash, ix.keyPaper, ix.upvotes = a.KeyHash, a.KeyPaper, a.Upvotes
	ix.fieldWeight = a.FieldWeight
	// The typo scan's filter is one pass over the vocabulary: cheaper to
	// make than to store and check.
	ix.buildVocabMasks()
	if err := ix.titleWordsFrom(a); err != nil {
		return nil, err
	}
	return ix, nil
}

func vocabFrom(data []byte, ends []uint32) ([]string, error) {
	vocab := make([]string, len(ends))
	start := uint32(0)
	for i, end := range ends {
		if end <= start || int(end) > len(data) {
			return nil, fmt.Errorf("%w: vocabulary", errArrays)
		}
		vocab[i] = unsafe.String(&data[start], int(end-start))
		if i > 0 && vocab[i-1] >= vocab[i] {
			return nil, fmt.Errorf("%w: vocabulary order", errArrays)
		}
		start = end
	}
	if int(start) != len(data) {
		return nil, fmt.Errorf("%w: vocabulary", errArrays)
	}
	return vocab, nil
}

// titleWordsFrom checks that the title word list is what buildTitleWords
// makes of the vocabulary: every title word, '\n'-separated, at its
// offset, so that the substring scans can slice it without bounds doubts.
func (ix *Index) titleWordsFrom(a IndexArrays) error {
	if len(a.TitleWordIDs) != len(a.TitleWordAt) || len(a.TitleWords) == 0 || a.TitleWords[0] != '\n' {
		return fmt.Errorf("%w: title words", errArrays)
	}
	at := uint32(1)
	for k, id := range a.TitleWordIDs {
		if int(id) >= len(ix.vocab) || k > 0 && id <= a.TitleWordIDs[k-1] || a.TitleWordAt[k] != at {
			return fmt.Errorf("%w: title words", errArrays)
		}
		w := ix.vocab[id]
		end := int(at) + len(w)
		if end >= len(a.TitleWords) || string(a.TitleWords[at:end]) != w || a.TitleWords[end] != '\n' {
			return fmt.Errorf("%w: title words", errArrays)
		}
		at = uint32(end + 1)
	}
	if int(at) != len(a.TitleWords) {
		return fmt.Errorf("%w: title words", errArrays)
	}
	ix.titleWords = unsafe.String(&a.TitleWords[0], len(a.TitleWords))
	ix.titleWordIDs, ix.titleWordAt = a.TitleWordIDs, a.TitleWordAt
	return nil
}

// CheckAll reads every array and postings list of an index opened from a
// store once, so that damage anywhere is found now rather than when a
// search reaches it, and returns the first found (Err).
func (ix *Index) CheckAll() error {
	if ix.backing == nil {
		return nil
	}
	words := (ix.n + 63) / 64
	for f := range ix.post {
		for w := range ix.vocab {
			ix.post[f].list(w)
			ix.post[f].set(w)
		}
		ix.intact(ArrayByLetter+Array(f), 0, numLetterClasses*words)
	}
	for _, a := range []Array{ArrayTitleInitials, ArrayTitleLetters, ArrayYears, ArrayDays, ArrayWeights, ArrayWeights + 1} {
		ix.intact(a, 0, ix.n)
	}
	ix.intact(ArrayHasCode, 0, words)
	if ix.intact(ArrayKeyHash, 0, len(ix.keyHash)) && ix.intact(ArrayKeyPaper, 0, len(ix.keyPaper)) {
		for k, p := range ix.keyPaper {
			if int(p) >= ix.n || k > 0 && ix.keyHash[k] < ix.keyHash[k-1] {
				ix.damage(fmt.Errorf("%w: lookup keys", errArrays))
				break
			}
		}
	}
	return ix.Err()
}
