package topics

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/internal/lex"
)

// Subsumption thresholds, as shares of the shorter phrase's papers covered
// by a longer phrase containing it. At shareAbsorb or more the shorter one
// is redundant ("foundation" inside "foundation models"), provided the
// longer one is about as prominent; a hyphenated compound is a modifier
// more often than not ("low-rank"), so the lower shareAbsorbCompound
// applies to it. Between shareRedundant and those, the longer phrase adds
// too little beside the shorter one, which every one of its papers also
// carries ("diffusion models" beside "diffusion"). Below shareRedundant
// both are distinct topics.
const (
	shareAbsorb         = 2.0 / 3
	shareAbsorbCompound = 1.0 / 2
	shareRedundant      = 1.0 / 2
)

// selectTopics turns candidates into topics.
func selectTopics(papers model.PaperSet, cands []candidate) *Topics {
	n := papers.Len()
	minDF, maxDF := dfBounds(n)
	sc := newScanner()
	alive := make([]bool, len(cands))
	compound := make([]bool, len(cands))
	for i := range cands {
		c := &cands[i]
		sc.scan(c.display)
		c.words = int8(len(sc.comps))
		if c.words == 1 {
			compound[i] = strings.ContainsFunc(c.display, lex.IsHyphen)
		}
		c.acronym = false
		for _, w := range sc.comps {
			c.acronym = c.acronym || w.acronym
		}
		// The first pass counted a phrase's papers without its fragments
		// (see eachPhrase), the second with them: check the bounds again.
		alive[i] = int(c.df) >= minDF && int(c.df) <= maxDF && worthy(c) &&
			(c.words > 1 || c.acronym || termOfArt(c.display, int(c.df), int(c.titleDF), n))
	}

	// Longer phrases first, so that a phrase absorbed by a longer one no
	// longer absorbs the words inside it.
	order := make([]int32, len(cands))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(cands[b].words, cands[a].words) })
	var absorbed []int32
	for _, pi := range order {
		if !alive[pi] {
			continue
		}
		p := &cands[pi]
		absorbed = absorbed[:0]
		redundant := false
		for _, si := range p.subs {
			if !alive[si] {
				continue
			}
			sub := &cands[si]
			cover := float64(p.df) / float64(sub.df)
			absorb := shareAbsorb
			if compound[si] {
				absorb = shareAbsorbCompound
			}
			// A longer phrase that is far less prominent than its part is
			// the part plus a stray word ("revisit contrastive decoding"):
			// it never absorbs the part.
			prominent := 2*prominence(p.titleDF, p.repDF, p.df) >= prominence(sub.titleDF, sub.repDF, sub.df)
			switch {
			case cover >= absorb && prominent:
				absorbed = append(absorbed, si)
			case cover >= shareRedundant:
				redundant = true
			}
		}
		// A redundant phrase absorbs nothing: its parts keep its papers.
		if redundant {
			alive[pi] = false
			continue
		}
		for _, si := range absorbed {
			alive[si] = false
		}
	}

	// How good a tag each candidate is for a paper: how much the paper is
	// about it, times how telling the phrase is in general: prominent where
	// it occurs, specific (inverse document frequency), and longer phrases
	// are more specific than their document frequency shows.
	weight := make([]float64, len(cands))
	for i := range cands {
		c := &cands[i]
		w := prominence(c.titleDF, c.repDF, c.df) * math.Log(float64(n+1)/float64(c.df))
		if c.words > 1 {
			w *= 1.5
		}
		weight[i] = w
	}
	abbrevs := make([]abbrev, len(cands))
	for i := range cands {
		abbrevs[i] = newAbbrev(cands[i].display)
	}
	related := func(a, b int32) bool {
		_, ab := slices.BinarySearch(cands[a].subs, b)
		_, ba := slices.BinarySearch(cands[b].subs, a)
		return ab || ba || abbrevs[a].abbreviates(&abbrevs[b]) || abbrevs[b].abbreviates(&abbrevs[a])
	}
	// A topic must be among the best tags of at least two papers: a
	// phrase that recurs but is never what a paper is about is no topic.
	// Dropping topics changes the others' votes (mostly for the better), so
	// this repeats until nothing changes, or a few times.
	var byPaper [][]int32
	votes := make([]int32, len(cands))
	for round := 0; ; round++ {
		byPaper = rankPerPaper(n, cands, alive, weight, related)
		clear(votes)
		for _, picks := range byPaper {
			for _, ci := range picks {
				votes[ci]++
			}
		}
		changed := false
		for i := range cands {
			if alive[i] && votes[i] < minVotes {
				alive[i], changed = false, true
			}
		}
		if !changed || round == maxRounds {
			break
		}
	}

	return assemble(papers, cands, alive, byPaper)
}

// assemble builds the Topics: the chosen phrases, then the arXiv
// categories, sorted, with each paper's picks mapped to list indices.
func assemble(papers model.PaperSet, cands []candidate, alive []bool, byPaper [][]int32) *Topics {
	type pending struct {
		topic Topic
		cand  int32 // -1 for a category
	}
	var list []pending
	seen := map[string]bool{}
	// Categories first: where a mined phrase has a category's key
	// ("hep-th"), the metadata wins.
	for _, c := range categoryTopics(papers) {
		list = append(list, pending{c, -1})
		seen[c.Key] = true
	}
	for i := range cands {
		if !alive[i] {
			continue
		}
		key, err := model.NormalizeTag(cands[i].display)
		if err != nil || seen[key] {
			alive[i] = false
			continue
		}
		seen[key] = true
		list = append(list, pending{Topic{Name: cands[i].display, Key: key, Kind: Phrase, Papers: cands[i].papers}, int32(i)})
	}
	slices.SortFunc(list, func(a, b pending) int {
		if c := cmp.Compare(len(b.topic.Papers), len(a.topic.Papers)); c != 0 {
			return c
		}
		return cmp.Compare(a.topic.Key, b.topic.Key)
	})
	t := &Topics{List: make([]Topic, len(list)), ByPaper: make([][]int32, papers.Len())}
	candTopic := make([]int32, len(cands))
	catTopic := map[string]int32{}
	for i, p := range list {
		t.List[i] = p.topic
		if p.cand >= 0 {
			candTopic[p.cand] = int32(i)
		} else {
			catTopic[p.topic.Key] = int32(i)
		}
	}
	t.indexKeys()
	for p := range papers.Len() {
		var picks []int32
		for _, ci := range byPaper[p] {
			if alive[ci] {
				picks = append(picks, candTopic[ci])
			}
		}
		added := 0
		for _, c := range papers.Paper(p).Categories {
			key, err := model.NormalizeTag(c)
			if err != nil {
				continue
			}
			if ti, ok := catTopic[key]; ok && !slices.Contains(picks, ti) && added < categoriesPerPaper {
				picks = append(picks, ti)
				added++
			}
		}
		t.ByPaper[p] = picks
	}
	return t
}

// minVotes is how many papers must count a topic among their best
// tags; maxRounds bounds the rounds of voting (one or two suffice in
// practice).
const (
	minVotes  = 2
	maxRounds = 4
)

// rankPerPaper picks, for every paper, its best tags among the live
// candidates: by score, at most topicsPerPaper, skipping a candidate
// related to (containing, contained in, abbreviating) one already picked.
func rankPerPaper(n int, cands []candidate, alive []bool, weight []float64, related func(a, b int32) bool) [][]int32 {
	type entry struct {
		cand  int32
		score float64
	}
	counts := make([]int32, n+1)
	for i := range cands {
		if alive[i] {
			for _, p := range cands[i].papers {
				counts[p+1]++
			}
		}
	}
	for p := 1; p <= n; p++ {
		counts[p] += counts[p-1]
	}
	entries := make([]entry, counts[n])
	fill := slices.Clone(counts[:n])
	for i := range cands {
		if !alive[i] {
			continue
		}
		for k, p := range cands[i].papers {
			entries[fill[p]] = entry{int32(i), float64(cands[i].strength[k]) * weight[i]}
			fill[p]++
		}
	}
	out := make([][]int32, n)
	forChunks(n, workersFor(n), func(_, lo, hi int) {
		for p := lo; p < hi; p++ {
			es := entries[counts[p]:counts[p+1]]
			slices.SortFunc(es, func(a, b entry) int {
				if c := cmp.Compare(b.score, a.score); c != 0 {
					return c
				}
				return cmp.Compare(a.cand, b.cand)
			})
			var picks []int32
		next:
			for _, e := range es {
				for _, q := range picks {
					if related(e.cand, q) {
						continue next
					}
				}
				picks = append(picks, e.cand)
				if len(picks) == topicsPerPaper {
					break
				}
			}
			out[p] = picks
		}
	})
	return out
}

// isAbbreviation reports whether acronym abbreviates phrase, as in
// "LoRA" and "low-rank adaptation" or "VLMs" and "vision-language models":
// the acronym's letters appear in order in the phrase, the first starting
// it, and every word of the phrase gives at least one letter.
func isAbbreviation(acronym, phrase string) bool {
	a, p := newAbbrev(acronym), newAbbrev(phrase)
	return a.abbreviates(&p)
}

// abbrev is a display name prepared for isAbbreviation.
type abbrev struct {
	letters []rune   // an acronym's letters, folded, without a plural s
	words   []string // a phrase's words, folded, split at spaces and hyphens
}

func newAbbrev(name string) abbrev {
	isSep := func(r rune) bool { return r == ' ' || lex.IsHyphen(r) }
	if strings.IndexFunc(name, isSep) >= 0 {
		return abbrev{words: strings.FieldsFunc(model.Fold(name), isSep)}
	}
	if !acronymLike(name) {
		return abbrev{}
	}
	a := []rune(model.Fold(name))
	if n := len(a); n > 2 && a[n-1] == 's' && unicode.IsUpper([]rune(name)[n-2]) {
		a = a[:n-1] // a plural: "LLMs"
	}
	return abbrev{letters: a}
}

func (a *abbrev) abbreviates(p *abbrev) bool {
	if len(a.letters) == 0 || len(p.words) == 0 || p.words[0] == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(p.words[0])
	return first == a.letters[0] && abbrevMatch(a.letters, p.words, 0, 0)
}

// abbrevMatch matches letters a against words[w][i:], where word w has
// already given a letter if i > 0.
func abbrevMatch(a []rune, words []string, w, i int) bool {
	if len(a) == 0 {
		// Every word must have given a letter: the current one has (i > 0)
		// and it must be the last.
		return w == len(words)-1 && i > 0
	}
	if w >= len(words) {
		return false
	}
	word := []rune(words[w])
	if i == 0 {
		// A word's first letter must start its contribution.
		return len(word) > 0 && word[0] == a[0] && abbrevMatch(a[1:], words, w, 1)
	}
	// Take the next letter later in this word, or move to the next word.
	for k := i; k < len(word); k++ {
		if word[k] == a[0] && abbrevMatch(a[1:], words, w, k+1) {
			return true
		}
	}
	return abbrevMatch(a, words, w+1, 0)
}

// worthy applies the rules a candidate must pass whatever the others:
// it is written as a word somewhere (not only inside a camelCase name), and
// a single word is either an acronym of three letters or more or a word
// that is prominent (in the title, or repeated) in at least half of its
// papers, which is what separates "overfitting" from "despite".
func worthy(c *candidate) bool {
	if c.wordDF == 0 {
		return false
	}
	if c.words > 1 {
		return true
	}
	q := prominence(c.titleDF, c.repDF, c.df)
	if c.acronym {
		letters := 0
		for _, r := range c.display {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		first, _ := utf8.DecodeRuneInString(c.display)
		return letters >= 3 && unicode.IsLetter(first) && q >= minProminenceAcronym
	}
	return q >= minProminence
}

// indexKeys fills byKey from List: keys first, then variant keys, so that
// a key always finds its own topic even if another topic has a variant
// spelled the same way.
func (t *Topics) indexKeys() {
	t.byKey = make(map[string]int32, len(t.List))
	for i, tp := range t.List {
		t.byKey[tp.Key] = int32(i)
	}
	for i, tp := range t.List {
		if tp.Kind == Phrase {
			if _, ok := t.byKey[variantKey(tp.Name)]; !ok {
				t.byKey[variantKey(tp.Name)] = int32(i)
			}
		}
	}
}

// FromParts makes the Topics of n papers from a List and ByPaper that
// Compute made (read back from the store, say). It checks that every index
// is in range, so that parts which are not topics are an error rather than
// a crash later.
func FromParts(n int, list []Topic, byPaper [][]int32) (*Topics, error) {
	if len(byPaper) != n {
		return nil, fmt.Errorf("topics: %d papers' topics for %d papers", len(byPaper), n)
	}
	for _, tp := range list {
		for _, p := range tp.Papers {
			if p < 0 || int(p) >= n {
				return nil, fmt.Errorf("topics: paper %d of %d", p, n)
			}
		}
	}
	for _, picks := range byPaper {
		for _, ti := range picks {
			if ti < 0 || int(ti) >= len(list) {
				return nil, fmt.Errorf("topics: topic %d of %d", ti, len(list))
			}
		}
	}
	t := &Topics{List: list, ByPaper: byPaper}
	t.indexKeys()
	return t, nil
}
