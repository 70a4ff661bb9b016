package topics

import (
	"strings"

	"github.com/papertui/papers/model"
)

// Topic tags are mined from the corpus itself, with no model weights and no
// network. A candidate topic is an acronym ("LoRA", "CLIP") or a short
// noun-ish phrase of one to three words ("adversarial training",
// "vision-language models") that recurs across papers. Candidates are
// counted by document frequency in one parallel pass, the frequent ones are
// examined in a second pass (where they occur, how they are spelled, which
// contains which) and the survivors are chosen by rules a reader would
// apply: no stop words or academic boilerplate, no phrase that is on more
// than a third of the corpus, and no word kept beside the longer phrase that
// almost always carries it.

// Kind tells mined topics from the arXiv categories a source supplied.
type Kind string

const (
	Phrase   Kind = "topic"    // mined from titles and abstracts
	Category Kind = "category" // an arXiv category from the metadata
)

// Topic is one tag computed for a corpus.
type Topic struct {
	// Name is the display form: the spelling most papers use ("LoRA",
	// "vision-language models"), or for a category its code and its name
	// ("cs.LG Machine Learning").
	Name string
	// Key is what a `tag:` query matches: NormalizeTag of the short name
	// ("lora", "vision-language-models", "cs.lg").
	Key  string
	Kind Kind
	// Papers are the indices, ascending, of every paper whose title or
	// abstract contains the phrase in any of its variants (case, plural,
	// hyphenation), or that is filed under the category.
	Papers []int32
}

// Topics are the tags of one corpus.
type Topics struct {
	// List holds every topic, most papers first, then by Key.
	List []Topic
	// ByPaper[i] lists the topics shown for paper i, as indices into List,
	// best first: up to topicsPerPaper mined topics (a topic in the title
	// before one in the abstract only, a specific one before a broad one),
	// then the paper's categories. A paper may belong to more topics than
	// are shown: Topic.Papers is what searching by tag uses.
	ByPaper [][]int32

	byKey map[string]int32
}

// topicsPerPaper bounds the mined topics shown for one paper.
const topicsPerPaper = 5

// Lookup finds a topic by key. Any spelling that normalises to the key is
// accepted ("Adversarial Training", "adversarial-training"), and so are the
// variants the topic merged: "LLM" finds the topic shown as "LLMs".
func (t *Topics) Lookup(key string) (Topic, bool) {
	if t == nil {
		return Topic{}, false
	}
	if k, err := model.NormalizeTag(key); err == nil {
		if i, ok := t.byKey[k]; ok {
			return t.List[i], true
		}
	}
	if i, ok := t.byKey[variantKey(key)]; ok {
		return t.List[i], true
	}
	return Topic{}, false
}

// For returns the topics shown for a paper, best first.
// Visible returns what Facets.TopicPapers needs: the papers of a topic
// given by any spelling of its key, unless the user hid it.
func (t *Topics) Visible(hidden map[string]bool) func(key string) []int32 {
	return func(key string) []int32 {
		if topic, ok := t.Lookup(key); ok && !hidden[topic.Key] {
			return topic.Papers
		}
		return nil
	}
}

func (t *Topics) For(paper int) []Topic {
	if t == nil || paper < 0 || paper >= len(t.ByPaper) {
		return nil
	}
	out := make([]Topic, len(t.ByPaper[paper]))
	for i, ti := range t.ByPaper[paper] {
		out[i] = t.List[ti]
	}
	return out
}

// Words returns the compounds topic mining reads in text, as written, in
// order ("vision-language" is one compound). It shows what topics read as
// words, so that a test can hold it to what search reads.
func Words(text string) []string {
	sc := newPassScanner()
	sc.scan(text)
	out := make([]string, len(sc.comps))
	for i, c := range sc.comps {
		out[i] = text[c.start:c.end]
	}
	return out
}

// variantKey is the key variants of a phrase share: folded, singular,
// with spaces and hyphens removed, so that "Vision-Language Models",
// "vision language model" and "vision-language-models" agree. It is prefixed
// so that it can never equal a NormalizeTag key.
func variantKey(s string) string {
	var sc scanner // keys only: no word classes needed
	sc.scan(s)
	var b strings.Builder
	b.WriteByte('\x00')
	for _, c := range sc.comps {
		b.Write(sc.keys[c.key0:c.key1])
	}
	return b.String()
}

// Compute mines topic tags from the titles and abstracts of papers
// and adds the arXiv categories they are filed under. The result depends
// only on the papers and their order. It takes about 1.3 s for 100,000
// papers on two cores, so callers run it in the background.
func Compute(papers model.PaperSet) *Topics {
	n := papers.Len()
	workers := workersFor(n)
	minDF, maxDF := dfBounds(n)
	keys := countPass(papers, workers, minDF, maxDF)
	cands := examinePass(papers, workers, keys)
	return selectTopics(papers, cands)
}

// dfBounds are the fewest and most papers a mined topic may have: two,
// since a tag on one paper groups nothing, and a third of the corpus,
// since a tag on more distinguishes little.
func dfBounds(n int) (minDF, maxDF int) {
	return 2, max(2, n/3)
}
