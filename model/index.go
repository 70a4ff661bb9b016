package model

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/papertui/papers/model/internal/lex"
	"github.com/papertui/papers/model/parallel"
)

// Field is a part of a paper the index holds words of.
type Field uint8

const (
	FieldTitle Field = iota
	FieldAbstract
	FieldAuthor
	numFields
)

// numLetterClasses is the number of first characters with a precomputed
// set: a-z and 0-9. A one-letter term ("l", the first keystroke of nearly
// every query) is then a copy instead of a union of millions of postings.
const numLetterClasses = 36

func letterClass(c byte) int {
	switch {
	case 'a' <= c && c <= 'z':
		return int(c - 'a')
	case '0' <= c && c <= '9':
		return 26 + int(c-'0')
	}
	return -1
}

// Index is the search structure over a corpus: a sorted vocabulary of index
// words with per-field postings, plus the per-paper facts queries filter on.
// It is immutable once built and safe for concurrent readers.
type Index struct {
	n int
	// papers holds the papers of an index built in memory; an index
	// opened from a store reads them through backing instead.
	papers  []Paper
	backing Backing
	// damaged is the first inconsistency found in a stored index's
	// arrays (postings out of order, a key out of range).
	damaged atomic.Pointer[error]
	vocab   []string // sorted, unique
	post    [numFields]postings
	// byLetter[f][c] is the set of papers whose field f has a word starting
	// with letter class c.
	byLetter [numFields][numLetterClasses]Bitset
	// titleInitials and titleLetters are bit masks (bit = letter class) of
	// the letters that start a title piece and of all title letters: a cheap
	// prefilter before fuzzy title matching.
	titleInitials []uint64
	titleLetters  []uint64
	hasCode       Bitset
	years         []uint16
	// days is Paper.Day in days since 1970 (noDay when undated): date:
	// filters, newest-first order and, within a tier, newer first.
	// fieldWeight[f] is the length-normalised weight of a title or
	// abstract word (bm25Weight): the ranking inside a tier (Result.fine).
	days        []int32
	fieldWeight [2][]uint16
	// keyHash holds keyHash of each paper's ID and TitleID, sorted, and
	// keyPaper the paper of each: Lookup's table. The hash has a fixed
	// seed so that a store can keep the table.
	keyHash  []uint64
	keyPaper []uint32
	upvotes  bool // some paper has upvotes
	// titleWords is every vocabulary word found in some title, joined by
	// '\n' (with '\n' at both ends) and titleWordIDs their vocabulary ids in
	// the same order: substring and typo matching scan this, not the corpus.
	titleWords   string
	titleWordIDs []uint32
	titleWordAt  []uint32 // byte offset of each word in titleWords
	// vocabMask holds, per vocabulary word, its letter classes and
	// vocabTextBit: the typo scan's filter.
	vocabMask []uint64

	sortOnce   [numSorts]sync.Once
	sortOrders [numSorts][]uint32
	papersOnce sync.Once

	// parts are the indexes a joined index is over (Join), hidden the
	// copies it leaves out; nil for any other index.
	parts       []indexPart
	hidden      Bitset
	hiddenCount int

	// text is set once the words are indexed (BuildIndex); NewIndex leaves
	// it unset.
	text bool
}

// ErrNotIndexed is what searching for words returns on an index whose
// words are not indexed yet (NewIndex).
var ErrNotIndexed = errors.New("the corpus is still being indexed")

// NewIndex returns an index that can list papers, look them up and filter
// them by marks, tags, year and code links, but holds no words: searching
// for words returns ErrNotIndexed. It takes a small part of BuildIndex's
// time, so a browser can show a large corpus while BuildIndex runs.
func NewIndex(papers []Paper) *Index {
	ix := &Index{papers: papers, n: len(papers)}
	for f := range ix.post {
		ix.post[f] = postings{off: []uint32{0}}
	}
	ix.buildFacts()
	ix.buildKeys()
	return ix
}

// HasText reports whether the words are indexed.
func (ix *Index) HasText() bool { return ix.text }

// SameCorpus reports whether ix and o index the same papers (the quick
// and the full index of one load), so that paper numbers mean the same.
func (ix *Index) SameCorpus(o *Index) bool {
	if ix == nil || o == nil || ix.n != o.n {
		return false
	}
	if ix.backing != nil || o.backing != nil {
		return ix.backing == o.backing
	}
	return ix.n == 0 || &ix.papers[0] == &o.papers[0]
}

// buildFacts fills the per-paper facts filters use: years and code links.
func (ix *Index) buildFacts() {
	n := len(ix.papers)
	ix.years = make([]uint16, n)
	ix.days = make([]int32, n)
	ix.hasCode = NewBitset(n)
	for i := range ix.papers {
		p := &ix.papers[i]
		ix.upvotes = ix.upvotes || p.Upvotes > 0
		if p.HasCode() {
			ix.hasCode.Set(i)
		}
		if y := p.Year(); y > 0 && y < 65536 {
			ix.years[i] = uint16(y)
		}
		ix.days[i] = dayNumber(p.Day())
	}
}

// keyHash hashes a lookup key, the same in every process.
func keyHash(key string) uint64 { return lex.FastHashString(key, false) }

// Len is the number of papers indexed.
func (ix *Index) Len() int { return ix.n }

// Paper returns paper i (do not modify).
func (ix *Index) Paper(i int) *Paper {
	if ix.backing != nil {
		return ix.backing.Paper(i)
	}
	return &ix.papers[i]
}

// title is paper i's title; a stored index reads it without decoding
// or keeping the paper.
func (ix *Index) title(i int) string {
	if ix.backing != nil {
		return ix.backing.Title(i)
	}
	return ix.papers[i].Title
}

// Keys are paper i's ID and TitleID; a stored index reads them without
// decoding or keeping the paper ("" for a damaged one).
func (ix *Index) Keys(i int) (id, titleID string) {
	if ix.backing != nil {
		return ix.backing.Keys(i)
	}
	return ix.papers[i].ID, ix.papers[i].TitleID
}

// peek returns paper i for a scan that looks at it once: a stored index
// decodes it into scratch rather than keeping it.
func (ix *Index) peek(i int, scratch *Paper) *Paper {
	if ix.backing != nil {
		return ix.backing.Peek(i, scratch)
	}
	return &ix.papers[i]
}

// Papers returns the indexed papers (not a copy: do not modify). An index
// opened from a store decodes every paper the first time: a pass over the
// whole corpus, for the callers that need all of it (topics, related
// papers, a full rebuild).
func (ix *Index) Papers() []Paper {
	if ix.backing != nil {
		ix.papersOnce.Do(func() {
			papers := make([]Paper, ix.n)
			for i := range papers {
				if p := ix.backing.Peek(i, &papers[i]); p != &papers[i] {
					papers[i] = *p
				}
			}
			ix.papers = papers
		})
	}
	return ix.papers
}

// Err is the first damage found in a stored index's file since it was
// opened (its data are checked as they are first read), or nil. Searches
// return it; a caller that reads papers after searching checks it before
// trusting what it read.
func (ix *Index) Err() error {
	if e := ix.damaged.Load(); e != nil {
		return *e
	}
	if ix.backing != nil {
		return ix.backing.Err()
	}
	return nil
}

func (ix *Index) damage(err error) { ix.damaged.CompareAndSwap(nil, &err) }

// intact reports whether elements [lo, hi) of a stored array are intact
// (always, in memory).
func (ix *Index) intact(a Array, lo, hi int) bool {
	return ix.backing == nil || ix.backing.Check(a, lo, hi)
}

// Dated reports whether any paper has a publication date, so that a UI
// can leave out sorting by date when it would change nothing.
func (ix *Index) Dated() bool {
	for i, y := range ix.years {
		if !ix.intact(ArrayYears, i, i+1) {
			return false
		}
		if y != 0 {
			return true
		}
	}
	return false
}

// AllDated reports whether every paper has a publication year.
func (ix *Index) AllDated() bool {
	return ix.intact(ArrayYears, 0, ix.n) && !slices.Contains(ix.years, 0)
}

// Day is paper i's day (Paper.Day), read from the index's own facts: a
// pass over every paper's day decodes none of them. A damaged day reads as
// undated.
func (ix *Index) Day(i int) time.Time {
	if !ix.intact(ArrayDays, i, i+1) || ix.days[i] == noDay {
		return time.Time{}
	}
	return time.Unix(int64(ix.days[i])*86400, 0).UTC()
}

// HasUpvotes reports whether any paper has upvotes (a Hugging Face
// source), so that a UI offers sorting by them only where it means
// something.
func (ix *Index) HasUpvotes() bool { return ix.upvotes }

// Useful reports whether sorting by order can change anything on ix: by
// date only when papers are dated, by upvotes only when they have some.
func (ix *Index) Useful(order SortOrder) bool {
	switch order {
	case SortNewest:
		return ix.Dated()
	case SortUpvotes:
		return ix.HasUpvotes()
	}
	return true
}

// Lookup finds the paper stored under key (its ID or its TitleID).
func (ix *Index) Lookup(key string) (int, bool) {
	if ix.parts != nil {
		return ix.lookupParts(key)
	}
	h := keyHash(key)
	hashAt := func(i int) (uint64, bool) {
		return ix.keyHash[i], ix.intact(ArrayKeyHash, i, i+1)
	}
	lo, hi := 0, len(ix.keyHash)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		v, ok := hashAt(mid)
		if !ok {
			return 0, false
		}
		if v < h {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for i := lo; i < len(ix.keyHash); i++ {
		if v, ok := hashAt(i); !ok || v != h || !ix.intact(ArrayKeyPaper, i, i+1) {
			break
		}
		k := int(ix.keyPaper[i])
		if k >= ix.n {
			ix.damage(fmt.Errorf("%w: lookup keys", errArrays))
			break
		}
		// The keys alone: is:new looks up a load's worth of papers,
		// a million at a time, which need not be decoded.
		if id, titleID := ix.Keys(k); id == key || titleID == key {
			return k, true
		}
	}
	return 0, false
}

// wordRange returns the vocabulary ids of words starting with prefix.
func (ix *Index) wordRange(prefix string) (lo, hi int) {
	lo = sort.SearchStrings(ix.vocab, prefix)
	hi = lo
	for hi < len(ix.vocab) && strings.HasPrefix(ix.vocab[hi], prefix) {
		// Ranges are usually short; gallop for the long ones.
		step := 1
		for hi+step < len(ix.vocab) && strings.HasPrefix(ix.vocab[hi+step], prefix) {
			hi += step
			step *= 2
		}
		hi++
	}
	return lo, hi
}

// wordID returns the vocabulary id of word, or -1.
func (ix *Index) wordID(word string) int {
	i := sort.SearchStrings(ix.vocab, word)
	if i < len(ix.vocab) && ix.vocab[i] == word {
		return i
	}
	return -1
}

// chunkEntries is what one build worker produces for its papers: for each
// field, the local word ids of each paper (deduplicated), flattened.
type chunkEntries struct {
	first  int // index of the chunk's first paper
	local  map[string]uint32
	words  []string // local id -> word
	ids    [numFields][]uint32
	ends   [numFields][]uint32 // per paper, end offset into ids
	global []uint32            // local id -> global id, filled after merge
}

// BuildIndex indexes papers using every core. It returns ctx.Err() if
// cancelled (a newer corpus load supersedes an older one).
func BuildIndex(ctx context.Context, papers []Paper) (*Index, error) {
	ix := &Index{papers: papers, n: len(papers)}
	n := len(papers)
	workers := parallel.Workers(n)
	chunkSize := max(1024, (n+workers*4-1)/(workers*4))
	var chunks []*chunkEntries
	for first := 0; first < n; first += chunkSize {
		chunks = append(chunks, &chunkEntries{first: first})
	}
	ix.titleInitials = make([]uint64, n)
	ix.titleLetters = make([]uint64, n)
	ix.fieldWeight = [2][]uint16{make([]uint16, n), make([]uint16, n)}
	ix.buildFacts()

	if err := parallel.ForEach(ctx, len(chunks), func(c int) {
		ch := chunks[c]
		end := min(ch.first+chunkSize, n)
		ix.tokenizeChunk(ch, end)
	}); err != nil {
		return nil, err
	}

	// Merge the chunk vocabularies into one sorted vocabulary.
	total := 0
	for _, ch := range chunks {
		total += len(ch.words)
	}
	all := make([]string, 0, total)
	for _, ch := range chunks {
		all = append(all, ch.words...)
	}
	slices.Sort(all)
	ix.vocab = slices.Compact(all)
	if err := parallel.ForEach(ctx, len(chunks), func(c int) {
		ch := chunks[c]
		ch.global = make([]uint32, len(ch.words))
		for l, w := range ch.words {
			g, _ := slices.BinarySearch(ix.vocab, w)
			ch.global[l] = uint32(g)
		}
		ch.local, ch.words = nil, nil
	}); err != nil {
		return nil, err
	}

	// Postings, one field per worker: counting pass, then a fill pass that
	// visits papers in order so every list comes out sorted.
	if err := parallel.ForEach(ctx, int(numFields), func(f int) {
		ix.post[f] = buildPostings(chunks, Field(f), len(ix.vocab)).densify(n)
	}); err != nil {
		return nil, err
	}
	if err := parallel.ForEach(ctx, int(numFields), func(f int) {
		ix.buildLetterSets(Field(f))
	}); err != nil {
		return nil, err
	}
	ix.buildTitleWords()
	ix.buildVocabMasks()
	ix.buildKeys()
	ix.text = true
	return ix, ctx.Err()
}

func (ix *Index) tokenizeChunk(ch *chunkEntries, end int) {
	var tok lex.Tokenizer
	ch.local = make(map[string]uint32, 4096)
	seen := make([]int32, 0, 4096) // local id -> last (paper*numFields+field)+1
	for i := ch.first; i < end; i++ {
		p := &ix.papers[i]
		for f := Field(0); f < numFields; f++ {
			stamp := int32((i-ch.first)*int(numFields) + int(f) + 1)
			length := 0
			add := func(word []byte, _ int) {
				length++
				id, ok := ch.local[string(word)]
				if !ok {
					id = uint32(len(ch.words))
					w := string(word)
					ch.local[w] = id
					ch.words = append(ch.words, w)
					seen = append(seen, 0)
				}
				if seen[id] != stamp {
					seen[id] = stamp
					ch.ids[f] = append(ch.ids[f], id)
				}
			}
			switch f {
			case FieldTitle:
				var initials, letters uint64
				tok.Compounds(p.Title, func() {
					for _, pc := range tok.Pieces {
						if c := letterClass(tok.Folded[pc.FStart]); c >= 0 {
							initials |= 1 << c
						}
					}
					for _, b := range tok.Folded {
						if c := letterClass(b); c >= 0 {
							letters |= 1 << c
						}
					}
					tok.IndexWords(add)
				})
				ix.titleInitials[i], ix.titleLetters[i] = initials, letters
			case FieldAbstract:
				tok.ForEachIndexWord(p.Abstract, add)
			case FieldAuthor:
				for _, a := range p.Authors {
					tok.ForEachIndexWord(a, add)
				}
			}
			ch.ends[f] = append(ch.ends[f], uint32(len(ch.ids[f])))
			if f < 2 {
				ix.fieldWeight[f][i] = bm25Weight(f, length)
			}
		}
	}
}

func buildPostings(chunks []*chunkEntries, f Field, vocabSize int) postings {
	off := make([]uint32, vocabSize+1)
	for _, ch := range chunks {
		for _, l := range ch.ids[f] {
			off[ch.global[l]+1]++
		}
	}
	for w := 0; w < vocabSize; w++ {
		off[w+1] += off[w]
	}
	ids := make([]uint32, off[vocabSize])
	cursor := slices.Clone(off[:vocabSize])
	for _, ch := range chunks {
		start := uint32(0)
		for pi, end := range ch.ends[f] {
			paper := uint32(ch.first + pi)
			for _, l := range ch.ids[f][start:end] {
				g := ch.global[l]
				ids[cursor[g]] = paper
				cursor[g]++
			}
			start = end
		}
	}
	return postings{off: off, ids: ids}
}

func (ix *Index) buildLetterSets(f Field) {
	n := ix.n
	for w, word := range ix.vocab {
		c := letterClass(word[0])
		if c < 0 {
			continue
		}
		set := ix.byLetter[f][c]
		if set == nil {
			set = NewBitset(n)
			ix.byLetter[f][c] = set
		}
		ix.post[f].orInto(set, w)
	}
	for c := range ix.byLetter[f] {
		if ix.byLetter[f][c] == nil {
			ix.byLetter[f][c] = NewBitset(n)
		}
	}
}

func (ix *Index) buildTitleWords() {
	var b strings.Builder
	b.WriteByte('\n')
	for w, word := range ix.vocab {
		if ix.post[FieldTitle].empty(w) {
			continue
		}
		ix.titleWordIDs = append(ix.titleWordIDs, uint32(w))
		ix.titleWordAt = append(ix.titleWordAt, uint32(b.Len()))
		b.WriteString(word)
		b.WriteByte('\n')
	}
	ix.titleWords = b.String()
}

func (ix *Index) buildVocabMasks() {
	ix.vocabMask = make([]uint64, len(ix.vocab))
	for w, word := range ix.vocab {
		m := letterMask(word)
		if !ix.post[FieldTitle].empty(w) || !ix.post[FieldAbstract].empty(w) {
			m |= vocabTextBit
		}
		ix.vocabMask[w] = m
	}
}

func (ix *Index) buildKeys() {
	type entry struct {
		hash  uint64
		paper uint32
	}
	keys := make([]entry, 0, 2*len(ix.papers))
	for i := range ix.papers {
		p := &ix.papers[i]
		keys = append(keys, entry{keyHash(p.ID), uint32(i)})
		if p.TitleID != "" && p.TitleID != p.ID {
			keys = append(keys, entry{keyHash(p.TitleID), uint32(i)})
		}
	}
	slices.SortFunc(keys, func(a, b entry) int { return cmp.Or(cmp.Compare(a.hash, b.hash), cmp.Compare(a.paper, b.paper)) })
	ix.keyHash, ix.keyPaper = make([]uint64, len(keys)), make([]uint32, len(keys))
	for k, e := range keys {
		ix.keyHash[k], ix.keyPaper[k] = e.hash, e.paper
	}
}

// SizeBytes estimates the memory the index holds beyond the papers
// themselves, for the memory budget (search structures under 1.5x the
// corpus text).
func (ix *Index) SizeBytes() int {
	size := 0
	for _, w := range ix.vocab {
		size += len(w) + 16
	}
	for f := range ix.post {
		size += 4*(len(ix.post[f].off)+len(ix.post[f].ids)+len(ix.post[f].denseWords)) + 8*len(ix.post[f].dense)
		for _, set := range ix.byLetter[f] {
			size += 8 * len(set)
		}
	}
	size += 8 * (len(ix.titleInitials) + len(ix.titleLetters) + len(ix.hasCode))
	size += 2*len(ix.years) + 4*len(ix.days) + 2*(len(ix.fieldWeight[0])+len(ix.fieldWeight[1])) + 12*len(ix.keyHash)
	size += len(ix.titleWords) + 4*(len(ix.titleWordIDs)+len(ix.titleWordAt)) + 8*len(ix.vocabMask)
	for _, order := range ix.sortOrders {
		size += 4 * len(order)
	}
	return size
}

// TextBytes is the size of the corpus text the index covers.
func (ix *Index) TextBytes() int {
	size := 0
	var scratch Paper
	for i := range ix.n {
		p := ix.peek(i, &scratch)
		size += len(p.Title) + len(p.Abstract)
		for _, a := range p.Authors {
			size += len(a)
		}
	}
	return size
}
