// Package synthetic holds the corpora tests and benchmarks run on: generated
// ones of any size, and the seed corpus. Only _test.go files import it, so
// its vocabulary is never linked into the program.
package synthetic

import (
	_ "embed"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/papertui/papers/model"
)

// synthetic_vocab.txt holds the word frequencies of the seed corpus, so
// generated corpora have the word lengths, the Zipf-like skew and the
// technical terms (LoRA, fine-tuning, CLIP) of real machine-learning papers.
//
//go:embed synthetic_vocab.txt
var syntheticVocab string

type weightedWords struct {
	words []string
	cum   []uint32 // cumulative counts, for sampling by binary search
}

func (w *weightedWords) pick(r *rand.Rand) string {
	x := uint32(r.IntN(int(w.cum[len(w.cum)-1])))
	lo, hi := 0, len(w.cum)
	for lo < hi {
		m := (lo + hi) / 2
		if w.cum[m] <= x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return w.words[lo]
}

var loadVocab = sync.OnceValues(func() (titles, abstracts *weightedWords) {
	titles, abstracts = &weightedWords{}, &weightedWords{}
	for _, line := range strings.Split(syntheticVocab, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.SplitN(line, " ", 3)
		if len(fields) != 3 {
			continue
		}
		n, err := strconv.Atoi(fields[1])
		if err != nil {
			continue
		}
		dst := abstracts
		if fields[0] == "t" {
			dst = titles
		}
		total := uint32(n)
		if k := len(dst.cum); k > 0 {
			total += dst.cum[k-1]
		}
		dst.words = append(dst.words, fields[2])
		dst.cum = append(dst.cum, total)
	}
	return titles, abstracts
})

// Papers generates n papers deterministically from seed: titles of
// about 10 words and abstracts of about 170, drawn with the word frequencies
// of the seed corpus. Benchmarks and load tests use it; the same (n, seed)
// always gives the same corpus.
func Papers(n int, seed uint64) []model.Paper {
	titleWords, abstractWords := loadVocab()
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	papers := make([]model.Paper, n)
	var b strings.Builder
	base := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range papers {
		b.Reset()
		words := 7 + r.IntN(7)
		for w := 0; w < words; w++ {
			if w > 0 {
				b.WriteByte(' ')
			}
			// Titles mix title words with abstract words, as real titles do.
			word := titleWords.pick(r)
			if r.IntN(3) == 0 {
				word = abstractWords.pick(r)
			}
			if w == 0 || r.IntN(2) == 0 {
				word = strings.ToUpper(word[:1]) + word[1:]
			}
			b.WriteString(word)
			if w == words/2 && r.IntN(4) == 0 {
				b.WriteByte(':')
			}
		}
		title := b.String()

		b.Reset()
		words = 130 + r.IntN(80)
		sentence := 0
		for w := 0; w < words; w++ {
			word := abstractWords.pick(r)
			if sentence == 0 {
				if w > 0 {
					b.WriteByte(' ')
				}
				word = strings.ToUpper(word[:1]) + word[1:]
			} else {
				b.WriteByte(' ')
			}
			b.WriteString(word)
			sentence++
			if sentence > 12 && r.IntN(8) == 0 || w == words-1 {
				b.WriteByte('.')
				sentence = 0
			} else if r.IntN(15) == 0 {
				b.WriteByte(',')
			}
		}
		p := model.Paper{
			Title:     title,
			Abstract:  b.String(),
			ArxivID:   fmt.Sprintf("%02d%02d.%05d", 15+i%10, 1+i%12, i%100000),
			Published: base.Add(time.Duration(r.IntN(10*365*24)) * time.Hour),
		}
		if i%100000 != i {
			// Beyond 100k the synthetic arXiv ids would repeat: fall back to
			// title ids, as a corpus without ids would.
			p.ArxivID = ""
		}
		p.AssignIDs()
		papers[i] = p
	}
	return papers
}

var shared sync.Map // n → []model.Paper

// Shared is Papers(n, 1), generated once per n in a test binary, for
// benchmarks that measure something other than generating 100,000 papers.
// Callers share the slice and must not modify it.
func Shared(n int) []model.Paper {
	if c, ok := shared.Load(n); ok {
		return c.([]model.Paper)
	}
	c, _ := shared.LoadOrStore(n, Papers(n, 1))
	return c.([]model.Paper)
}
