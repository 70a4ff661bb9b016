package topics

import (
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

func topicSeed(t testing.TB) []model.Paper {
	t.Helper()
	papers, err := synthetic.Seed()
	if err != nil {
		t.Fatal(err)
	}
	if len(papers) != 202 || papers[0].Title != "Universal Adversarial Triggers Are Not Universal" {
		t.Fatalf("seed corpus parsed as %d papers, first %q", len(papers), papers[0].Title)
	}
	return papers
}

var topicSeedTopics = sync.OnceValue(func() *Topics {
	papers, _ := synthetic.Seed()
	return Compute(model.PaperList(papers))
})

func topicMustLookup(t *testing.T, topics *Topics, key string) Topic {
	t.Helper()
	topic, ok := topics.Lookup(key)
	if !ok {
		t.Fatalf("no topic %q", key)
	}
	return topic
}

// topicWords splits a topic name into lower-case words. A hyphenated
// compound is one word: "semi-supervised learning" does not contain
// "supervised learning", and "text-to-image" is no stop word.
func topicWords(name string) []string {
	return strings.Fields(strings.ToLower(name))
}

func TestComputeTopicsFindsTheSeedsSubjects(t *testing.T) {
	topic := topicSeedTopics()
	for _, want := range []string{"LoRA", "PEFT", "CLIP", "adversarial training", "continual learning", "vision-language models", "diffusion"} {
		key, _ := model.NormalizeTag(want)
		i := slices.IndexFunc(topic.List, func(tp Topic) bool { return tp.Key == key })
		if i < 0 {
			t.Errorf("no topic with key %q", key)
			continue
		}
		if got := topic.List[i]; got.Kind != Phrase || !strings.EqualFold(got.Name, want) {
			t.Errorf("topic %q is %+v", key, got)
		}
	}
}

func TestComputeTopicsDisplaysTheUsualSpelling(t *testing.T) {
	topics := topicSeedTopics()
	for key, want := range map[string]string{
		"lora": "LoRA", "peft": "PEFT", "clip": "CLIP", "vit": "ViT",
		// Titles capitalise every word; the abstracts' running text does not.
		"adversarial-training":   "adversarial training",
		"vision-language-models": "vision-language models",
	} {
		if got := topicMustLookup(t, topics, key).Name; got != want {
			t.Errorf("topic %q is shown as %q, want %q", key, got, want)
		}
	}
}

func TestComputeTopicsMergesVariants(t *testing.T) {
	topics := topicSeedTopics()
	for _, spellings := range [][]string{
		{"LLM", "LLMs", "llms"},
		{"ViT", "ViTs"},
		{"GAN", "GANs"},
		{"vision-language model", "Vision-Language Models", "vision language models", "vision-language-models"},
		{"Adversarial Training", "adversarial-training"},
	} {
		first := topicMustLookup(t, topics, spellings[0])
		for _, s := range spellings[1:] {
			if got := topicMustLookup(t, topics, s); got.Key != first.Key {
				t.Errorf("%q finds %q, %q finds %q", spellings[0], first.Name, s, got.Name)
			}
		}
	}
	// No two topics are spellings of one phrase: same words once case,
	// hyphens and a plural s are ignored.
	seen := map[string]string{}
	for _, tp := range topics.List {
		var b strings.Builder
		for _, w := range strings.FieldsFunc(strings.ToLower(tp.Name), func(r rune) bool { return r == ' ' || r == '-' }) {
			b.WriteString(strings.TrimSuffix(w, "s"))
		}
		if other, ok := seen[b.String()]; ok {
			t.Errorf("topics %q and %q are variants of one phrase", other, tp.Name)
		}
		seen[b.String()] = tp.Name
	}
}

func TestComputeTopicsTagsEveryPaperThatSaysIt(t *testing.T) {
	papers := topicSeed(t)
	topics := topicSeedTopics()
	for _, c := range []struct {
		key string
		// says: the paper certainly uses the phrase (whole words);
		// mentions: it may, as part of a longer name (AutoLoRA).
		says, mentions *regexp.Regexp
	}{
		{"lora", regexp.MustCompile(`(?i)\blora\b`), regexp.MustCompile(`(?i)lora`)},
		{"llms", regexp.MustCompile(`\bLLMs?\b`), regexp.MustCompile(`(?i)llm`)},
		{"adversarial-training", regexp.MustCompile(`(?i)\badversarial[- ]training\b`), regexp.MustCompile(`(?i)adversarial[- ]training`)},
		{"continual-learning", regexp.MustCompile(`(?i)\bcontinual[- ]learning\b`), regexp.MustCompile(`(?i)continual[- ]learning`)},
	} {
		topic := topicMustLookup(t, topics, c.key)
		tagged := map[int32]bool{}
		for _, p := range topic.Papers {
			tagged[p] = true
			if text := papers[p].Title + " " + papers[p].Abstract; !c.mentions.MatchString(text) {
				t.Errorf("%q tags %q, which does not mention it", topic.Name, papers[p].Title)
			}
		}
		for i := range papers {
			if text := papers[i].Title + " " + papers[i].Abstract; c.says.MatchString(text) && !tagged[int32(i)] {
				t.Errorf("%q does not tag %q, which says it", topic.Name, papers[i].Title)
			}
		}
	}
}

// topicBoilerplate are words no topic may contain: stop words and the
// vocabulary of any abstract.
var topicBoilerplate = strings.Fields(`a an the of and or in on for to with by from as at is are be
we our this that these which paper papers method methods result results propose proposed
proposes performance state-of-the-art approach approaches novel data show shows
demonstrate experiments extensive significantly existing`)

// topicTooGenericAlone are words that may end a phrase ("vision-language
// models") but are no topic alone.
var topicTooGenericAlone = strings.Fields(`model models task tasks learning training network networks
method image images framework dataset datasets benchmark accuracy`)

func TestComputeTopicsFollowsTheQualityRules(t *testing.T) {
	papers := topicSeed(t)
	topics := topicSeedTopics()
	n := len(papers)
	keys := map[string]bool{}
	for i, tp := range topics.List {
		if tp.Kind != Phrase {
			t.Errorf("seed topic %q has kind %q", tp.Name, tp.Kind)
		}
		if key, _ := model.NormalizeTag(tp.Name); tp.Key != key {
			t.Errorf("topic %q has key %q, want %q", tp.Name, tp.Key, key)
		}
		if keys[tp.Key] {
			t.Errorf("key %q used twice", tp.Key)
		}
		keys[tp.Key] = true
		words := topicWords(tp.Name)
		for _, w := range words {
			if slices.Contains(topicBoilerplate, w) {
				t.Errorf("topic %q contains %q", tp.Name, w)
			}
		}
		if len(words) == 1 && slices.Contains(topicTooGenericAlone, words[0]) {
			t.Errorf("topic %q is too generic", tp.Name)
		}
		if len(tp.Papers) < 2 || len(tp.Papers) > n/3 {
			t.Errorf("topic %q is on %d of %d papers", tp.Name, len(tp.Papers), n)
		}
		if !slices.IsSorted(tp.Papers) || len(slices.Compact(slices.Clone(tp.Papers))) != len(tp.Papers) {
			t.Errorf("topic %q papers not ascending and distinct", tp.Name)
		}
		if i > 0 {
			prev := topics.List[i-1]
			if len(prev.Papers) < len(tp.Papers) || len(prev.Papers) == len(tp.Papers) && prev.Key >= tp.Key {
				t.Errorf("list out of order at %q, %q", prev.Name, tp.Name)
			}
		}
	}
}

func TestComputeTopicsTagsMostPapersWithAFew(t *testing.T) {
	papers := topicSeed(t)
	topics := topicSeedTopics()
	if len(topics.ByPaper) != len(papers) {
		t.Fatalf("ByPaper has %d entries for %d papers", len(topics.ByPaper), len(papers))
	}
	tagged := 0
	for p, picks := range topics.ByPaper {
		if len(picks) > topicsPerPaper {
			t.Errorf("%q has %d topics", papers[p].Title, len(picks))
		}
		if len(picks) > 0 {
			tagged++
		}
		for _, ti := range picks {
			if _, ok := slices.BinarySearch(topics.List[ti].Papers, int32(p)); !ok {
				t.Errorf("%q shows topic %q, which does not list it", papers[p].Title, topics.List[ti].Name)
			}
		}
		if got := topics.For(p); len(got) != len(picks) {
			t.Errorf("For(%d) gives %d topics, ByPaper %d", p, len(got), len(picks))
		}
	}
	if tagged*10 < len(papers)*9 {
		t.Errorf("%d of %d papers have a topic, want 90%%", tagged, len(papers))
	}
}

// topicContainsWords reports whether the words of inner appear, in order
// and together, in outer.
func topicContainsWords(outer, inner []string) bool {
	for i := 0; i+len(inner) <= len(outer); i++ {
		if slices.Equal(outer[i:i+len(inner)], inner) {
			return true
		}
	}
	return false
}

func TestComputeTopicsPrefersThePhraseToItsWords(t *testing.T) {
	papers := topicSeed(t)
	topics := topicSeedTopics()
	// A word kept beside a phrase containing it must stand for clearly more
	// papers: if the phrase covered two thirds of them, the word would be
	// redundant ("vision-language" beside "vision-language models").
	for _, short := range topics.List {
		for _, long := range topics.List {
			sw, lw := topicWords(short.Name), topicWords(long.Name)
			if len(lw) > len(sw) && topicContainsWords(lw, sw) && 3*len(long.Papers) >= 2*len(short.Papers) {
				t.Errorf("%q (%d papers) kept beside %q (%d papers)", short.Name, len(short.Papers), long.Name, len(long.Papers))
			}
		}
	}
	// And a paper never shows both.
	for p := range papers {
		shown := topics.For(p)
		for _, a := range shown {
			for _, b := range shown {
				if a.Key != b.Key && topicContainsWords(topicWords(a.Name), topicWords(b.Name)) {
					t.Errorf("%q shows both %q and %q", papers[p].Title, a.Name, b.Name)
				}
			}
		}
	}
	if _, ok := topics.Lookup("vision-language"); ok {
		t.Error(`"vision-language" kept beside "vision-language models"`)
	}
}

func TestComputeTopicsIsDeterministic(t *testing.T) {
	papers := topicSeed(t)
	synthetic := synthetic.Papers(3000, 5)
	for _, corpus := range [][]model.Paper{papers, synthetic} {
		want := Compute(model.PaperList(corpus))
		if got := Compute(model.PaperList(corpus)); !reflect.DeepEqual(got, want) {
			t.Fatal("two runs differ")
		}
		// One worker instead of several: chunks go to other goroutines in
		// another order, maps are filled in another order.
		old := runtime.GOMAXPROCS(1)
		got := Compute(model.PaperList(corpus))
		runtime.GOMAXPROCS(old)
		if !reflect.DeepEqual(got, want) {
			t.Fatal("result depends on the number of workers")
		}
	}
}

func TestComputeTopicsAddsCategories(t *testing.T) {
	papers := []model.Paper{
		{Title: "A", Abstract: "x", Categories: []string{"cs.LG", "stat.ML"}},
		{Title: "B", Abstract: "x", Categories: []string{"cs.lg"}},
		{Title: "C", Abstract: "x", Categories: []string{"cs.CV", "cs.LG"}},
		{Title: "D", Abstract: "x", Categories: []string{"q-bio.XY"}},
		{Title: "E", Abstract: "x"},
	}
	topics := Compute(model.PaperList(papers))
	lg := topicMustLookup(t, topics, "CS.LG")
	if lg.Name != "cs.LG Machine Learning" || lg.Key != "cs.lg" || lg.Kind != Category || !slices.Equal(lg.Papers, []int32{0, 1, 2}) {
		t.Errorf("cs.LG is %+v", lg)
	}
	// A category is metadata, not a mined phrase: the third-of-the-corpus
	// bound does not apply, nor does the two-paper minimum.
	if unknown := topicMustLookup(t, topics, "q-bio.XY"); unknown.Name != "q-bio.XY" || len(unknown.Papers) != 1 {
		t.Errorf("unknown category is %+v", unknown)
	}
	var names []string
	for _, tp := range topics.For(0) {
		names = append(names, tp.Name)
	}
	if want := []string{"cs.LG Machine Learning", "stat.ML Machine Learning"}; !slices.Equal(names, want) {
		t.Errorf("paper 0 shows %q, want %q", names, want)
	}
	if len(topics.For(4)) != 0 {
		t.Errorf("paper without categories shows %v", topics.For(4))
	}
	if cv := topicMustLookup(t, topics, "cs.cv"); cv.Name != "cs.CV Computer Vision and Pattern Recognition" {
		t.Errorf("cs.CV is %q", cv.Name)
	}
}

func TestComputeTopicsEdgeCases(t *testing.T) {
	empty := Compute(model.PaperList(nil))
	if empty == nil || len(empty.List) != 0 || len(empty.ByPaper) != 0 {
		t.Errorf("empty corpus gives %+v", empty)
	}
	if _, ok := empty.Lookup("lora"); ok {
		t.Error("empty corpus has a topic")
	}
	var none *Topics
	if _, ok := none.Lookup("lora"); ok || none.For(0) != nil {
		t.Error("nil Topics answers")
	}
	topics := topicSeedTopics()
	if topics.For(-1) != nil || topics.For(len(topics.ByPaper)) != nil {
		t.Error("For out of range answers")
	}
	if _, ok := topics.Lookup(""); ok {
		t.Error(`Lookup("") found a topic`)
	}
	if _, ok := topics.Lookup("paper"); ok {
		t.Error(`"paper" is a topic`)
	}
}

func TestComputeTopicsIgnoresURLs(t *testing.T) {
	var papers []model.Paper
	subjects := []string{"contrastive decoding", "speculative sampling", "graph transformers", "protein folding"}
	for i := range 12 {
		subject := subjects[i%len(subjects)]
		papers = append(papers, model.Paper{
			Title:    fmt.Sprintf("Notes %d on %s", i, subject),
			Abstract: "We revisit " + subject + ". Code: https://github.com/lab/repo-name and www.example.org/demo, see also gitlab.com/x/y.",
		})
	}
	topics := Compute(model.PaperList(papers))
	for _, subject := range subjects {
		if _, ok := topics.Lookup(subject); !ok {
			t.Errorf("topic %q is missing", subject)
		}
	}
	for _, tp := range topics.List {
		for _, w := range []string{"github", "http", "www", "com", "gitlab", "example", "lab", "repo"} {
			if strings.Contains(strings.ToLower(tp.Name), w) {
				t.Errorf("topic %q comes from a URL", tp.Name)
			}
		}
	}
}
