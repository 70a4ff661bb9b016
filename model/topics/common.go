package topics

import (
	_ "embed"
	"strconv"
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

// written_english.txt counts words in written English (SemCor, sense-tagged
// Brown Corpus prose; its header gives the source and licence). Spoken
// English, which common_english.txt ranks, barely uses the words of
// written and academic prose ("dependence", "variables", "intermediate"),
// so they passed as rare; this list catches them.
//
//go:embed written_english.txt
var writtenEnglish string

const (
	// writtenTokens is the size of SemCor: the sum of all its counts,
	// including the words tagged once that the file leaves out.
	writtenTokens = 240541
	// A common written word is a term of art when its share of the
	// corpus's papers is writtenRatio times what written English leads one
	// to expect, or writtenTitledRatio times and it is in the title of at
	// least titledShare of its papers: what papers are about ("diffusion"
	// in an image-generation corpus) reaches titles, a word of the prose
	// ("dependence") seldom does. SemCor is small, so the ratios are lower
	// than termOfArtRatio, whose expectation comes from Zipf's law.
	writtenRatio       = 50
	writtenTitledRatio = 10
	titledShare        = 0.4
	// A word in most of the corpus's papers is its subject, however
	// common in English (a corpus about capacity).
	majorityShare = 0.5
)

var writtenCounts = sync.OnceValue(func() map[string]int {
	counts := make(map[string]int, 11000)
	for _, line := range strings.Split(writtenEnglish, "\n") {
		word, count, ok := strings.Cut(line, " ")
		if !ok || line[0] == '#' {
			continue
		}
		if n, err := strconv.Atoi(count); err == nil {
			counts[word] = n
		}
	}
	return counts
})

// writtenCount is the written-English count of a word or of its singular,
// whichever is larger (SemCor tags lemmas: "variables" is "variable").
func writtenCount(word string) int {
	counts := writtenCounts()
	return max(counts[word], counts[lex.Singular(word)])
}

// termOfArt reports whether a single-word candidate may be a topic: a word
// outside common English, a name (spelled with a capital by most papers:
// "Adam", "ImageNet"), or a common word far more frequent in this corpus
// (share of papers holding it, df of n, titleDF of them in the title) than
// in general English, spoken and written. Acronyms are judged before this.
func termOfArt(display string, df, titleDF, n int) bool {
	if strings.ContainsFunc(display, unicode.IsUpper) {
		return true
	}
	word := strings.ToLower(display)
	share := float64(df) / float64(max(n, 1))
	if rank, ok := commonRank(word); ok && rank <= commonRankLimit {
		if share < termOfArtRatio*min(1, wordsPerPaper*zipfShare/float64(rank)) {
			return false
		}
	}
	count := writtenCount(word)
	if count == 0 {
		return true
	}
	expected := min(1, wordsPerPaper*float64(count)/writtenTokens)
	titled := float64(titleDF) >= titledShare*float64(df)
	return share >= min(majorityShare, writtenRatio*expected) || (titled && share >= writtenTitledRatio*expected)
}
