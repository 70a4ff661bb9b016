package topics

import (
	"cmp"
	_ "embed"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/papertui/papers/model/internal/lex"
)

// common_english.txt gives the size level of the 11,000 most common
// English words in SCOWL (its header says where it comes from): 10 for
// the most common, 20 for the next. A single word among the
// commonRankLimit most common ("search", "batch", "energy") names no topic
// of its own: it is a topic only as a term of art of the corpus.
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
	// coarseLevel is SCOWL's second band of common words.
	coarseLevel = 20
)

var commonLevels = sync.OnceValue(func() map[string]int { return wordNumbers(commonEnglish) })

// wordNumbers reads the "word number" lines of an embedded word list,
// skipping its # header.
func wordNumbers(list string) map[string]int {
	numbers := make(map[string]int, strings.Count(list, "\n"))
	for _, line := range strings.Split(list, "\n") {
		word, number, ok := strings.Cut(line, " ")
		if !ok || line[0] == '#' {
			continue
		}
		if n, err := strconv.Atoi(number); err == nil {
			numbers[word] = n
		}
	}
	return numbers
}

// commonRanks ranks the common words by SCOWL level and, within a level,
// by written-English count: SCOWL sorts words into bands of commonness
// only, and the Zipf expectation needs a rank. A level-20 word that
// written English does not count gets no rank: that band draws on
// university texts and holds learned words ("cosmology", "variance") that
// are rare in general prose, so its rank would be a guess.
var commonRanks = sync.OnceValue(func() map[string]int {
	type entry struct {
		word         string
		level, count int
	}
	var entries []entry
	for word, level := range commonLevels() {
		count := writtenCount(word)
		if level <= 10 || count > 0 {
			entries = append(entries, entry{word, level, count})
		}
	}
	slices.SortFunc(entries, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.level, b.level), cmp.Compare(b.count, a.count), strings.Compare(a.word, b.word))
	})
	ranks := make(map[string]int, len(entries))
	for i, e := range entries {
		ranks[e.word] = i + 1
	}
	return ranks
})

// commonLevel is the SCOWL level of a word or of its singular, whichever
// is lower, or 0 for a word outside the common levels.
func commonLevel(word string) int {
	levels := commonLevels()
	level, ok := levels[word]
	if l, found := levels[lex.Singular(word)]; found && (!ok || l < level) {
		level = l
	}
	return level
}

// commonRank is the rank of a word or of its singular, whichever is more
// frequent: the list ranks word forms, and a plural of a common noun
// ("responses", "properties", "pairs") is as common a word as the noun.
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
// Brown Corpus prose; its header gives the source and licence). It orders
// the words of common_english.txt within a SCOWL level, and judges the
// words of written and academic prose that SCOWL's common levels leave
// out.
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

var writtenCounts = sync.OnceValue(func() map[string]int { return wordNumbers(writtenEnglish) })

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
// in general English (SCOWL's common words, SemCor's written prose).
// Acronyms are judged before this.
func termOfArt(display string, df, titleDF, n int) bool {
	if strings.ContainsFunc(display, unicode.IsUpper) {
		return true
	}
	word := strings.ToLower(display)
	level, count := commonLevel(word), writtenCount(word)
	if level == 0 && count == 0 {
		return true
	}
	share := float64(df) / float64(max(n, 1))
	// SemCor's file leaves out the words tagged once: a common word it
	// does not count is such a word.
	expected := min(1, wordsPerPaper*float64(max(count, 1))/writtenTokens)
	titled := float64(titleDF) >= titledShare*float64(df)
	titledTerm := titled && share >= writtenTitledRatio*expected
	if rank, ok := commonRank(word); ok && rank <= commonRankLimit &&
		share < min(majorityShare, termOfArtRatio*wordsPerPaper*zipfShare/float64(rank)) {
		// SCOWL's second band is too coarse for a rank to say much:
		// its words ("symmetry") that papers put in their titles are
		// judged by written English alone.
		if level < coarseLevel || !titledTerm {
			return false
		}
	}
	return share >= min(majorityShare, writtenRatio*expected) || titledTerm
}
