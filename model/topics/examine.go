package topics

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/internal/lex"
)

// candidate gathers what the second pass learns about a frequent
// phrase.
type candidate struct {
	key      uint64
	df       int32 // papers containing it
	titleDF  int32 // papers with it in the title
	wordDF   int32 // papers where it is a word or hyphen part, not only embedded
	repDF    int32 // papers where it occurs at least twice
	words    int8  // compounds in the phrase
	acronym  bool
	papers   []int32
	strength []float32 // per paper: how much the paper is about it, see strengthOf
	subs     []int32   // candidates that are proper sub-phrases of this one
	display  string
}

// examinePass scans the papers again for the candidate phrases only,
// recording where each occurs, how it is spelled and which candidates it
// contains.
func examinePass(papers model.PaperSet, workers int, keys []uint64) []candidate {
	index := lex.NewTable(len(keys))
	for i, key := range keys {
		index.Put(key, int32(i))
	}
	type worker struct {
		sc    scanner
		last  []int32 // per candidate: the last paper it was seen in
		slot  []int32 // per candidate: its entry in occ for that paper
		forms []uint8 // per candidate: lengths (bit n-1) whose sub-phrases are recorded
		occ   []occurrence
		subs  [][2]int32
	}
	// Each chunk's occurrences, in paper order: read back in chunk order
	// they are sorted by paper without sorting.
	chunks := make([][]occurrence, (papers.Len()+chunkPapers-1)/chunkPapers)
	ws := make([]worker, workers)
	for k := range ws {
		ws[k].sc = newPassScanner()
		ws[k].last = make([]int32, len(keys))
		for i := range ws[k].last {
			ws[k].last[i] = -1
		}
		ws[k].slot = make([]int32, len(keys))
		ws[k].forms = make([]uint8, len(keys))
	}
	forChunks(papers.Len(), workers, func(k, lo, hi int) {
		w := &ws[k]
		sc := &w.sc
		w.occ = w.occ[:0]
		for p := lo; p < hi; p++ {
			for field, text := range [2]string{papers.Paper(p).Title, papers.Paper(p).Abstract} {
				title := field == 0
				sc.scan(text)
				sc.eachPhrase(true, func(h uint64, i, j int, extra bool) {
					ci, ok := index.Get(keyOf(h))
					if !ok {
						return
					}
					if w.last[ci] != int32(p) {
						w.last[ci] = int32(p)
						w.slot[ci] = int32(len(w.occ))
						w.occ = append(w.occ, occurrence{paper: int32(p), cand: ci, level: levelEmbedded})
					}
					o := &w.occ[w.slot[ci]]
					switch {
					case !title:
						o.abstractTF = min(o.abstractTF+1, math.MaxUint16-1) // saturate: one paper may be huge
					case sc.titleEvidence(i, j, extra):
						o.titleTF = min(o.titleTF+1, math.MaxUint16-1)
					default:
						// Counted once, as if in the abstract: the paper has
						// the phrase, the title position proves nothing.
						o.abstractTF = max(o.abstractTF, 1)
					}
					var start, end int32
					lower := title
					if extra {
						e := &sc.extras[i]
						start, end = e.start, e.end
						o.level = min(o.level, e.level)
					} else {
						start, end = sc.comps[i].start, sc.comps[j].end
						// Capitals in a phrase of several words are mostly
						// those of a definition ("we propose Weight-Decomposed
						// Low-Rank Adaptation"): a tag reads better without.
						lower = lower || sc.comps[i].sentence || i != j || sc.comps[i].parts > 1
						o.level = levelWord
					}
					o.noteSurface(text, field, start, end, lower)
					if extra || w.forms[ci]&(1<<(j-i)) != 0 {
						return
					}
					// Record which candidates this one contains: its
					// sub-phrases and the acronyms inside its compounds.
					// They are the same wherever it occurs in this form, so
					// once is enough.
					w.forms[ci] |= 1 << (j - i)
					for a := i; a <= j; a++ {
						var sh uint64
						for b := a; b <= j; b++ {
							sh = lex.HashConcat(sh, sc.comps[b].hash, sc.comps[b].key1-sc.comps[b].key0)
							if a == i && b == j {
								continue
							}
							if si, ok := index.Get(keyOf(sh)); ok && si != ci {
								w.subs = append(w.subs, [2]int32{ci, si})
							}
						}
					}
					for e := range sc.extras {
						x := &sc.extras[e]
						if x.start >= start && x.end <= end {
							if si, ok := index.Get(keyOf(x.hash)); ok && si != ci {
								w.subs = append(w.subs, [2]int32{ci, si})
							}
						}
					}
				})
			}
		}
		chunks[lo/chunkPapers] = slices.Clone(w.occ)
	})

	cands := make([]candidate, len(keys))
	for i, key := range keys {
		cands[i].key = key
	}
	var subs [][2]int32
	for k := range ws {
		subs = append(subs, ws[k].subs...)
		ws[k] = worker{}
	}
	// Postings by counting sort: sizes, then one pass in paper order.
	for _, chunk := range chunks {
		for _, o := range chunk {
			cands[o.cand].df++
		}
	}
	var sample [][]occurrence = make([][]occurrence, len(cands))
	for i := range cands {
		c := &cands[i]
		c.papers = make([]int32, 0, c.df)
		c.strength = make([]float32, 0, c.df)
		sample[i] = make([]occurrence, 0, min(int(c.df), displaySample))
	}
	for ci, chunk := range chunks {
		for _, o := range chunk {
			c := &cands[o.cand]
			c.papers = append(c.papers, o.paper)
			c.strength = append(c.strength, strengthOf(o.titleTF, o.abstractTF))
			if o.titleTF > 0 {
				c.titleDF++
			}
			if o.level < levelEmbedded {
				c.wordDF++
			}
			if o.titleTF+o.abstractTF >= 2 {
				c.repDF++
			}
			if len(sample[o.cand]) < displaySample {
				sample[o.cand] = append(sample[o.cand], o)
			}
		}
		chunks[ci] = nil
	}
	// The display form is the most common spelling in a sample of the
	// papers, the first ones by index: deterministic, and bounded work for
	// phrases on thousands of papers.
	forChunks(len(cands), workers, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			cands[i].display = displayName(papers, sample[i])
		}
	})
	for _, pair := range subs {
		cands[pair[0]].subs = append(cands[pair[0]].subs, pair[1])
	}
	for i := range cands {
		slices.Sort(cands[i].subs)
		cands[i].subs = slices.Compact(cands[i].subs)
	}
	return cands
}

// displaySample is how many papers' spellings choose a display form.
const displaySample = 64

// occurrence is what the second pass records for one candidate in one
// paper.
type occurrence struct {
	paper, cand int32
	titleTF     uint16
	abstractTF  uint16
	level       uint8
	// One spelling of the phrase in the paper, the most telling one seen:
	// see rankSurface.
	surfaceRank  uint8
	surfaceField uint8 // 0 title, 1 abstract
	surfaceLower bool  // to be lower-cased: from a title or a sentence start
	surfaceStart int32
	surfaceLen   int32
}

func (o *occurrence) noteSurface(text string, field int, start, end int32, lower bool) {
	if o.surfaceRank == bestSurface {
		return
	}
	rank := rankSurface(text[start:end], lower)
	if rank <= o.surfaceRank {
		return
	}
	o.surfaceRank, o.surfaceField, o.surfaceLower = rank, uint8(field), lower
	o.surfaceStart, o.surfaceLen = start, end-start
}

// rankSurface says how much a spelling tells about how a phrase is
// written: one in a title or at a sentence start only says which words
// they are (1); one in running text is better (2), and best if it has no
// capitalised word (3), since capitals in running text are often those of
// a definition ("we propose Salient Channel Tuning") while a proper noun
// is never seen in lower case anyway.
func rankSurface(surface string, lower bool) uint8 {
	if lower {
		return 1
	}
	for w := 0; w < len(surface); {
		end := w
		for end < len(surface) && surface[end] != ' ' && surface[end] != '-' {
			end++
		}
		if word := surface[w:end]; word != "" {
			r, _ := utf8.DecodeRuneInString(word)
			if unicode.IsUpper(r) && !acronymLike(word) {
				return 2
			}
		}
		w = end + 1
	}
	return bestSurface
}

// bestSurface is the best rank of rankSurface.
const bestSurface = 3

// displayName picks the spelling most of the sampled occurrences use;
// ties go to the first in byte order.
func displayName(papers model.PaperSet, occ []occurrence) string {
	type variant struct {
		s string
		n int
	}
	var vs []variant
	for _, o := range occ {
		text := papers.Paper(int(o.paper)).Title
		if o.surfaceField == 1 {
			text = papers.Paper(int(o.paper)).Abstract
		}
		s := text[o.surfaceStart : o.surfaceStart+o.surfaceLen]
		if o.surfaceLower {
			s = lowerSurface(s)
		}
		if k := slices.IndexFunc(vs, func(v variant) bool { return v.s == s }); k >= 0 {
			vs[k].n++
		} else {
			vs = append(vs, variant{s, 1})
		}
	}
	best := variant{n: -1}
	for _, v := range vs {
		if v.n > best.n || v.n == best.n && v.s < best.s {
			best = v
		}
	}
	return best.s
}

// strengthOf measures how much a paper is about a phrase: a mention in
// the title counts twice a mention in the abstract, repeated mentions add
// less and less.
func strengthOf(titleTF, abstractTF uint16) float32 {
	var s float32
	if titleTF > 0 {
		s = 2
	}
	if abstractTF > 0 {
		s += 1 + float32(math.Log2(float64(abstractTF)))
	}
	return s
}

// lowerSurface lower-cases the words of a phrase seen in a title or at
// the start of a sentence, keeping acronyms as written: "Robust CLIP" is
// "robust CLIP".
func lowerSurface(s string) string {
	var b strings.Builder
	// A compound keeps its casing when a part of it is an acronym:
	// "DALL-E", "GPT-4", "CLIP-based".
	for i, w := range strings.Split(s, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		parts := strings.FieldsFunc(w, lex.IsHyphen)
		if slices.ContainsFunc(parts, acronymLike) {
			b.WriteString(w)
		} else {
			b.WriteString(strings.ToLower(w))
		}
	}
	return b.String()
}
