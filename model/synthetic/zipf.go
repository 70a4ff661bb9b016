package synthetic

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/papertui/papers/model"
)

// Zipf generates n papers deterministically from seed with a realistic
// vocabulary: word ranks drawn from a Zipf law over a pool that grows with
// the corpus (about 100k distinct index words at 100k papers, authors included), the top ranks the
// seed corpus's real words and the tail made-up rare words that occur a
// handful of times each, as names, acronyms and typos do in arXiv.
// Papers (the seed words alone) indexes faster than real data; benchmarks
// of the index and the store use this.
func Zipf(n int, seed uint64) []model.Paper {
	titleWords, abstractWords := loadVocab()
	r := rand.New(rand.NewPCG(seed, 0x2545f4914f6cdd1d))
	pool := 20000 + n*4/5
	common := abstractWords.words
	word := func(rank uint64) string {
		if int(rank) < len(common) {
			return common[rank]
		}
		return rareWord(rank)
	}
	zipfWords := rand.NewZipf(r, 1.07, 2, uint64(pool-1))
	zipfAuthors := rand.NewZipf(r, 1.2, 1, uint64(n/3+1000))
	cats := []string{"cs.LG", "cs.CL", "cs.CV", "stat.ML", "cs.AI", "math.OC", "cs.IR", "quant-ph", "hep-th", "cs.RO"}
	base := time.Date(2007, 4, 1, 0, 0, 0, 0, time.UTC)
	papers := make([]model.Paper, n)
	var b strings.Builder
	for i := range papers {
		b.Reset()
		for w := range 6 + r.IntN(9) {
			if w > 0 {
				b.WriteByte(' ')
			}
			t := titleWords.pick(r)
			if r.IntN(3) == 0 {
				t = word(zipfWords.Uint64())
			}
			if w == 0 || r.IntN(2) == 0 {
				t = strings.ToUpper(t[:1]) + t[1:]
			}
			b.WriteString(t)
		}
		title := b.String()
		b.Reset()
		for w := range 100 + r.IntN(120) {
			if w > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(word(zipfWords.Uint64()))
			if r.IntN(14) == 0 {
				b.WriteByte('.')
			}
		}
		authors := make([]string, 1+r.IntN(6))
		for a := range authors {
			k := zipfAuthors.Uint64()
			authors[a] = fmt.Sprintf("%c. %s", 'A'+byte(k%26), strings.ToUpper(rareWord(k)[:1])+rareWord(k)[1:])
		}
		p := model.Paper{
			Title:      title,
			Abstract:   b.String(),
			Authors:    authors,
			Categories: []string{cats[r.IntN(len(cats))]},
			ArxivID:    fmt.Sprintf("%02d%02d.%05d", 7+i/1200000%18, 1+i/100000%12, i%100000),
			Published:  base.Add(time.Duration(r.IntN(18*365*24)) * time.Hour),
		}
		if r.IntN(5) == 0 {
			p.Links = []model.Link{{Kind: model.LinkCode, URL: fmt.Sprintf("https://github.com/lab%d/repo%d", i%977, i)}}
		}
		p.AssignIDs()
		papers[i] = p
	}
	return papers
}

// rareWord spells rank as syllables: distinct ranks give distinct,
// pronounceable, index-sized words ("tokamu", "verilasi").
func rareWord(rank uint64) string {
	const cons, vows = "bdfgklmnprstvz", "aeiou"
	var b strings.Builder
	for v := rank + 1; v > 0 || b.Len() < 4; v /= uint64(len(cons) * len(vows)) {
		x := v % uint64(len(cons)*len(vows))
		b.WriteByte(cons[x/uint64(len(vows))])
		b.WriteByte(vows[x%uint64(len(vows))])
		if v == 0 {
			break
		}
	}
	return b.String()
}
