package topics

import (
	"cmp"
	"slices"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/internal/lex"
	"github.com/papertui/papers/model/parallel"
)

// workersFor is how many goroutines the passes use: a few hundred papers
// are not worth a goroutine's per-worker tables.
func workersFor(n int) int { return parallel.Workers(n/500 + 1) }

// chunkPapers is the number of papers a worker takes at a time: large enough
// to amortise the hand-out, small enough to balance two cores.
const chunkPapers = 512

// forChunks runs fn over consecutive chunks of n papers on w workers.
// fn gets the worker number, so it can use per-worker state.
func forChunks(n, w int, fn func(worker, lo, hi int)) { parallel.Chunks(n, chunkPapers, w, fn) }

// maxCandidates bounds the phrases examined in the second pass: a
// tenth of the number of papers, within limits. On a large corpus hundreds
// of thousands of phrases recur; the second pass costs in proportion to
// the candidates' occurrences, and a topic on fewer than one paper in a
// few thousand is too narrow to browse by anyway.
func maxCandidates(papers int) int { return min(max(papers/10, 2000), 20000) }

// A phrase's key carries flags in its low bits while papers are counted,
// so that one sort groups a phrase's papers and tells which had it in the
// title and which had it twice. keyOf makes a key from a phrase's
// hash, with the flag bits clear; keyBits recovers it from a flagged
// value.
const (
	flagTitle  = 1 << 0
	flagRepeat = 1 << 1
	flagMask   = 3
)

func keyOf(h uint64) uint64 { return lex.Mix(h) &^ flagMask }

func keyBits(v uint64) uint64 { return v &^ flagMask }

// phraseStats are what the first pass counts for a phrase.
type phraseStats struct {
	df, titleDF, repDF int32
	multi              bool // seen as a phrase of several compounds
}

func (st *phraseStats) add(flags uint64) {
	st.df++
	if flags&flagTitle != 0 {
		st.titleDF++
	}
	if flags&flagRepeat != 0 {
		st.repDF++
	}
}

// docSet turns one paper's phrase occurrences (flagged hashes) into
// one entry per phrase, with the repeat flag set where it occurred twice.
// It sorts in place and returns the compacted prefix.
func docSet(occ []uint64) []uint64 {
	slices.Sort(occ)
	out := occ[:0]
	for i := 0; i < len(occ); {
		key := keyBits(occ[i])
		flags := uint64(0)
		j := i
		for j < len(occ) && keyBits(occ[j]) == key {
			flags |= occ[j] & flagMask
			j++
		}
		if j-i >= 2 {
			flags |= flagRepeat
		}
		out = append(out, key|flags)
		i = j
	}
	return out
}

// countPass counts, for every eligible phrase, the papers containing
// it, and returns the keys of those worth examining, most frequent first.
func countPass(papers model.PaperSet, workers, minDF, maxDF int) []uint64 {
	type worker struct {
		sc    scanner
		uni   *lex.Table // single-compound phrase → slot in stats
		stats []phraseStats
		docU  []uint64 // the current paper's single compounds
		docM  []uint64 // the current paper's multi-compound phrases
		multi []uint64 // every paper's distinct multi-compound phrases, flagged
	}
	ws := make([]worker, workers)
	for k := range ws {
		ws[k].sc = newPassScanner()
		ws[k].uni = lex.NewTable(1 << 12)
	}
	forChunks(papers.Len(), workers, func(k, lo, hi int) {
		w := &ws[k]
		sc := &w.sc
		for p := lo; p < hi; p++ {
			w.docU, w.docM = w.docU[:0], w.docM[:0]
			for field, text := range [2]string{papers.Paper(p).Title, papers.Paper(p).Abstract} {
				var title uint64
				if field == 0 {
					title = flagTitle
				}
				sc.scan(text)
				sc.eachPhrase(false, func(h uint64, i, j int, extra bool) {
					var flags uint64
					if title != 0 && sc.titleEvidence(i, j, extra) {
						flags = flagTitle
					}
					if i == j {
						w.docU = append(w.docU, keyOf(h)|flags)
						return
					}
					w.docM = append(w.docM, keyOf(h)|flags)
				})
			}
			w.docU = docSet(w.docU)
			for _, h := range w.docU {
				slot, ok := w.uni.Get(keyBits(h))
				if !ok {
					slot = int32(len(w.stats))
					w.uni.Put(keyBits(h), slot)
					w.stats = append(w.stats, phraseStats{})
				}
				w.stats[slot].add(h)
			}
			// A phrase of several compounds may have the key of a single one
			// ("fine tuning", "finetuning"): count the paper once.
			for _, h := range docSet(w.docM) {
				if _, found := slices.BinarySearchFunc(w.docU, keyBits(h), func(u, key uint64) int {
					return cmp.Compare(keyBits(u), key)
				}); !found {
					w.multi = append(w.multi, h)
				}
			}
		}
	})

	// Sort each worker's multi-compound phrases, in parallel, then merge
	// them with the single compounds, key by key.
	sorted := make(chan struct{})
	go func() {
		defer close(sorted)
		parallel.Chunks(len(ws), 1, len(ws), func(_, k, _ int) { slices.Sort(ws[k].multi) })
	}()
	type keyed struct {
		key uint64
		st  phraseStats
	}
	uniTable := map[uint64]phraseStats{}
	for k := range ws {
		ws[k].uni.Each(func(key uint64, slot int32) {
			st := uniTable[key]
			o := ws[k].stats[slot]
			st.df += o.df
			st.titleDF += o.titleDF
			st.repDF += o.repDF
			uniTable[key] = st
		})
		ws[k].uni, ws[k].stats = nil, nil
	}
	uni := make([]keyed, 0, len(uniTable))
	for key, st := range uniTable {
		uni = append(uni, keyed{key, st})
	}
	slices.SortFunc(uni, func(a, b keyed) int { return cmp.Compare(a.key, b.key) })
	<-sorted

	type counted struct {
		key uint64
		df  int32
	}
	var out []counted
	consider := func(key uint64, st phraseStats) {
		if int(st.df) < minDF || int(st.df) > maxDF {
			return
		}
		// A word seen only alone must be prominent in enough of its papers
		// (see worthy; this is its loosest threshold) to be worth a
		// second look.
		if !st.multi && prominence(st.titleDF, st.repDF, st.df) < minProminenceAcronym {
			return
		}
		out = append(out, counted{key, st.df})
	}
	cursor := make([]int, len(ws))
	u := 0
	for {
		// The smallest key at any cursor.
		key, found := uint64(0), false
		if u < len(uni) {
			key, found = uni[u].key, true
		}
		for k := range ws {
			if m := ws[k].multi; cursor[k] < len(m) && (!found || keyBits(m[cursor[k]]) < key) {
				key, found = keyBits(m[cursor[k]]), true
			}
		}
		if !found {
			break
		}
		var st phraseStats
		if u < len(uni) && uni[u].key == key {
			st = uni[u].st
			u++
		}
		for k := range ws {
			m := ws[k].multi
			for ; cursor[k] < len(m) && keyBits(m[cursor[k]]) == key; cursor[k]++ {
				st.add(m[cursor[k]])
				st.multi = true
			}
		}
		consider(key, st)
	}
	for k := range ws {
		ws[k].multi = nil
	}
	slices.SortFunc(out, func(a, b counted) int {
		if c := cmp.Compare(b.df, a.df); c != 0 {
			return c
		}
		return cmp.Compare(a.key, b.key)
	})
	if limit := maxCandidates(papers.Len()); len(out) > limit {
		out = out[:limit]
	}
	keys := make([]uint64, len(out))
	for i, c := range out {
		keys[i] = c.key
	}
	return keys
}

// prominence is the share of a phrase's papers where it stands out: in
// the title, or written more than once. Technical terms stand out where they
// occur; the verbs and adjectives of abstracts ("despite", "perform",
// "conventional") do not. The +1 and +2 keep a phrase seen in two papers
// from scoring 0 or 1 on that evidence alone.
func prominence(titleDF, repDF, df int32) float64 {
	return min(1, float64(titleDF+repDF+1)/float64(df+2))
}

// Thresholds of prominence for a single word to become a topic. An
// acronym is a coined term already, so it needs less evidence.
const (
	minProminence        = 0.5
	minProminenceAcronym = 0.3
)
