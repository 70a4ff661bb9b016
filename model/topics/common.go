package topics

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"

	"github.com/papertui/papers/model/internal/lex"
)

// common_english.txt ranks the 20,000 most frequent words of general
// English (its header says where it comes from). A single word among the
// commonRankLimit most frequent ("search", "batch", "energy") names no
// topic of its own: it is a topic only as a term of art of the corpus.
//
//go:embed common_english.txt
var commonEnglish string

const (
	commonRankLimit = 12000
	// termOfArtRatio is how many times more papers must hold a common word
	// than general English would lead one to expect for it to count as a
	// term of art of the corpus anyway.
	termOfArtRatio = 100
	// Zipf's law: the word of rank r makes up about zipfShare/r of English
	// text; a paper (title and abstract) has about wordsPerPaper words.
	zipfShare     = 0.1
	wordsPerPaper = 150
)

var commonRanks = sync.OnceValue(func() map[string]int {
	ranks := make(map[string]int, 20000)
	for _, line := range strings.Split(commonEnglish, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		if _, ok := ranks[line]; !ok {
			ranks[line] = len(ranks) + 1
		}
	}
	return ranks
})

// commonRank is the rank of a word or of its singular, whichever is more
// frequent: the list ranks word forms, and a plural of a common noun
// ("responses", "properties", "pairs") is as common a word as the noun,
// though spoken English uses it less.
func commonRank(word string) (int, bool) {
	ranks := commonRanks()
	rank, ok := ranks[word]
	if s := lex.Singular(word); s != word {
		if r, found := ranks[s]; found && (!ok || r < rank) {
			rank, ok = r, true
		}
	}
	return rank, ok
}

// termOfArt reports whether a single-word candidate may be a topic: a word
// outside common English, a name (spelled with a capital by most papers:
// "Adam", "ImageNet"), or a common word far more frequent in this corpus
// (share of papers holding it, df of n) than in general English. Acronyms
// are judged before this.
func termOfArt(display string, df, n int) bool {
	if strings.ContainsFunc(display, unicode.IsUpper) {
		return true
	}
	rank, ok := commonRank(strings.ToLower(display))
	if !ok || rank > commonRankLimit {
		return true
	}
	expected := min(1, wordsPerPaper*zipfShare/float64(rank))
	return float64(df)/float64(max(n, 1)) >= termOfArtRatio*expected
}
