package model

import (
	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/papertui/papers/model/parallel"
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

// TopicKind tells mined topics from the arXiv categories a source supplied.
type TopicKind string

const (
	TopicPhrase   TopicKind = "topic"    // mined from titles and abstracts
	TopicCategory TopicKind = "category" // an arXiv category from the metadata
)

// Topic is one tag computed for a corpus.
type Topic struct {
	// Name is the display form: the spelling most papers use ("LoRA",
	// "vision-language models"), or for a category its code and its name
	// ("cs.LG · Machine Learning").
	Name string
	// Key is what a `tag:` query matches: NormalizeTag of the short name
	// ("lora", "vision-language-models", "cs.lg").
	Key  string
	Kind TopicKind
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
	if k, err := NormalizeTag(key); err == nil {
		if i, ok := t.byKey[k]; ok {
			return t.List[i], true
		}
	}
	if i, ok := t.byKey[topicVariantKey(key)]; ok {
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

// topicVariantKey is the key variants of a phrase share: folded, singular,
// with spaces and hyphens removed, so that "Vision-Language Models",
// "vision language model" and "vision-language-models" agree. It is prefixed
// so that it can never equal a NormalizeTag key.
func topicVariantKey(s string) string {
	var sc topicScanner // keys only: no word classes needed
	sc.scan(s)
	var b strings.Builder
	b.WriteByte('\x00')
	for _, c := range sc.comps {
		b.Write(sc.keys[c.key0:c.key1])
	}
	return b.String()
}

// ---------------------------------------------------------------------------
// Word classes

// topicClass says what part a word may play in a topic phrase.
type topicClass uint8

const (
	topicPlain     topicClass = iota // may be anywhere, or a topic alone
	topicStop                        // function word: breaks phrases
	topicGeneric                     // academic boilerplate: breaks phrases
	topicHead                        // "model", "learning": may be in a phrase, never a topic alone
	topicModifier                    // "large", "efficient": may start a phrase, never end one
	topicAdjective                   // "adversarial", "supervised": like a modifier, but says what the phrase is about
	topicNumber                      // no letters at all
)

// topicStopWords are English function words and words too vague to anchor
// any phrase.
var topicStopWords = `a about above across after again against all almost along already also
although always am among an and another any anyone anything are around as at
be became because become becomes been before being below besides between beyond both
but by can cannot could did do does doing done down due during each either else
enough especially etc even ever every few for from further furthermore had has
have having he hence her here hers herein hereby him his how however i ie eg if in
indeed instead into is it its itself just last least less let like likely many
may me might more moreover most mostly much must my namely near nearly neither
never nevertheless no nor not now of off often on once one only onto or other
others otherwise our ours out over own per perhaps rather same several shall she
should since so some still such than that the their theirs them themselves then
there thereby therefore these they this those though through throughout thus to
together too toward towards under unless unlike until up upon us very via was we
well were what whatever when whenever where whereas wherever whether which while
who whom whose why will with within without would yet you your yours
i.e e.g vs versus et al`

// topicGenericWords are the boilerplate of abstracts: words any paper may
// use whatever its subject. They never take part in a topic.
var topicGenericWords = `paper papers work works study studies method methods approach approaches
result results propose proposes proposed proposing present presents presented
introduce introduces introduced introducing show shows showed shown showing
demonstrate demonstrates demonstrated demonstrating achieve achieves achieved
achieving performance performances state-of-the-art sota novel new task tasks
data dataset datasets experiment experiments experimental extensive extensively
significant significantly improve improves improved improving improvement
improvements effective effectively effectiveness existing exist exists various
different however furthermore addition additionally specifically particular
particularly respectively finally first second third two three four five six
seven eight nine ten several multiple many numerous large-scale wide range variety
use uses used using usage based leverage leverages leveraging utilize utilizes
utilizing enable enables enabling allow allows allowing provide provides provided
providing make makes making made remain remains remaining consider considered
considering find finds found finding findings observe observed observation
observations evaluate evaluates evaluated evaluating evaluation evaluations
analysis analyze analyse analyzed investigate investigates investigated
investigating investigation explore explores explored exploring exploration
outperform outperforms outperformed outperforming compare compared comparing
comparison comparable superior better best good high higher highest low lower
lowest small smaller large larger largest recent recently prior previous
previously current currently key main important importance crucial critical
challenge challenges challenging problem problems issue issues question questions
limitation limitations benefit benefits advantage advantages potential
promising simple simply easy straightforward general generally common commonly
standard typical typically popular widely well-known so-called real-world
practical practice scenario scenarios setting settings way ways number numbers
amount set sets part parts type types kind level levels order case cases
example examples instance instances term terms aspect aspects factor factors
fact manner context contexts idea ideas insight insights goal goals purpose
objective aim aims need needs require requires required requiring
ability capability capabilities strategy strategies technique techniques
framework frameworks system systems process procedure mechanism mechanisms
component components module modules design designs designed pipeline
solution solutions alternative alternatives extension variant variants version
baseline baselines benchmark benchmarks metric metrics score scores accuracy
accurate cost costs time times effort overall total average entire full
whole given specific certain various diverse broad additional original
further future empirical empirically theoretical theoretically theory
experimentally extensive notably consistently substantially considerably
greatly highly strongly relatively slightly largely mainly primarily
able capable possible impossible available necessary sufficient
effect effects impact impacts role roles influence contribution contributions
code codes github project page available source open-source publicly
paper's authors we our us art field fields area areas domain domains community
research researchers literature survey overview
recent advances advance advancement advancements progress development developments
success successful successfully remarkable impressive strong stronger
robustly efficiently simultaneously jointly
underlying inherent key-value input inputs output outputs
respect terms toward address addresses addressed addressing tackle tackles
mitigate mitigates mitigating enhance enhances enhanced enhancing boost boosts
boosting increase increases increased increasing decrease decreases reduce
reduces reduced reducing reduction gain gains obtain obtains obtained
yield yields yielding lead leads leading led result resulting help helps
maintain maintains maintaining preserve preserves preserving retain retains
ensure ensures ensuring apply applies applied applying application applications
train trains trained learn learns learned learnt
parameter parameters pretrained pre-trained finetuned fine-tuned trained
deep deep-learning machine
approximately roughly around nearly almost`

// topicHeadWords may end (or start) a phrase but say too little alone:
// "learning" is no topic, "continual learning" is.
var topicHeadWords = `model models learning training fine-tuning finetuning tuning
adaptation representation representations feature features generation
attack attacks defense defenses classification classifier classifiers
transformer transformers architecture architectures optimization
inference estimation prediction predictions detection segmentation
recognition retrieval alignment distillation regularization augmentation
transfer generalization robustness efficiency encoder encoders decoder
decoders layer layers weight weights embedding embeddings objective loss
function functions space spaces rate rates distribution distributions
image images text texts video videos language languages knowledge
sample samples example label labels prompt prompts token tokens
algorithm algorithms agent agents policy policies reward rewards
network networks
update updates gradient gradients matrix matrices vector vectors
pre-training pretraining vision visual rank`

// topicModifierWords are general adjectives: they may start a phrase but
// not end one or stand alone, and a modifier followed by a head noun is no
// topic ("large models", "efficient training").
var topicModifierWords = `large small deep efficient robust simple effective strong weak
fast slow low high multi single joint global local new novel better improved
pre-trained pretrained fine-tuned finetuned open generalizable scalable
lightweight unified generic universal clean smooth hard soft early late long
short top bottom upper lower basic external internal real rich poor safe
modern classic conventional traditional vanilla naive partial complete flat
wide narrow tiny huge massive full extra extreme clear easy same similar
distinct separate specific rare frequent next final initial explicit implicit
direct indirect true false correct incorrect bad worse worst optimal
suboptimal fixed flexible free powerful fundamental further important
meaningful reliable minimal maximal heavy light cheap expensive accurate
stable unstable versatile original neural`

// topicAdjectiveWords are adjectives that say what a phrase is about
// ("sparse fine-tuning", "latent diffusion") but are no tag alone. Most
// such adjectives are found by their ending (topicAdjectiveSuffixes).
var topicAdjectiveWords = `sparse dense latent hidden noisy random online offline
continual federated adversarial synthetic semantic dynamic static discrete
continuous linear nonlinear convex non-convex stochastic deterministic causal
visual textual multimodal multi-modal cross-modal cross-lingual multilingual
monolingual zero-shot few-shot one-shot low-rank high-dimensional
black-box white-box open-source open-vocabulary self-supervised semi-supervised
unsupervised supervised weakly-supervised out-of-distribution in-distribution
parameter-efficient memory-efficient compute-efficient task-specific
task-agnostic model-agnostic class-incremental task-incremental
text-to-image image-to-image text-to-video image-text vision-language
vision-and-language audio-visual end-to-end fine-grained coarse-grained
multi-task multitask multi-view multi-scale in-domain cross-domain out-of-domain
layer-wise channel-wise token-level sentence-level pixel-level
instance-level test-time real-time long-tailed long-range short-term
long-term data-efficient sample-efficient data-free training-free
tuning-free plug-and-play off-the-shelf state-of-the-art well-known
so-called large-scale small-scale high-quality low-quality high-resolution
low-resolution`

// topicVerbs are verbs of abstracts. They, their -s and -ing forms are
// boilerplate ("predicting", "aligns"); their -ed forms are adjectives
// already. Verbs whose -ing form names a subject ("learning", "pruning",
// "forgetting", "merging", "prompting") are deliberately absent.
var topicVerbs = `accomplish account act add adjust adopt affect aid align allocate
alleviate alter analyze analyse answer appear argue arise ask assess assign
assist assume attain attempt attract avoid become begin believe belong bring
build calculate call capture carry cause change check choose claim collect
combine come compare compete complete comprise compute concentrate conclude
conduct confirm connect consist constitute construct contain continue
contribute convert convey correct correspond create cover craft deal decide
declare define deliver demand depend derive describe design determine develop
differ discover discuss display distinguish divide draw drive drop earn elicit
eliminate emerge emphasize emphasise employ encounter encourage end engage
enter establish estimate examine exceed execute exhibit expand expect explain
exploit express extend extract face facilitate fail fall fill focus follow
form formulate foster gain gather generate get give go grow guarantee guide
handle happen harness highlight hinder hold hope identify ignore illustrate
imply incorporate incur indicate induce inform inject inspire integrate intend
interact introduce involve keep know lack lay let live look lose maintain
manage maximize maximise measure meet mention mimic minimize minimise mitigate
modify motivate move need note obtain occur offer operate outline overcome own
perform permit place play point possess predict prefer prepare present
prevent produce promote prove pursue push put raise reach read realize
realise receive recognize recognise recommend record recover reduce refer
reflect regard reject relate release rely remain remove render replace report
represent request require resolve respond restrict result reveal review run
save say see seek seem select send serve set share show solve specify spend
stand start stay stem stop store strengthen strive struggle submit succeed
suffer suggest suit support suppose surpass sustain take talk tend think
threaten treat trigger try turn uncover undergo underline underscore
understand undertake unify unleash unlock uphold use validate vary verify
revisit rethink reconsider reexamine re-examine
want warrant widen win wish work write yield fit break compose consider
demonstrate deploy enable explore investigate leverage make utilize utilise
benefit boost enhance improve increase decrease achieve allow ensure apply
address tackle provide study outperform propose introduce evaluate`

// topicVagueNouns are nouns too vague for a tag, whatever the field.
var topicVagueNouns = `top bottom view recipe pitfall strength weakness phase stage step
round cue lens light look line side hand half point bit lot kind sort thing
something anything everything nothing one day year period moment world life
people person sense mind eye sight option choice detail attempt effort trend
tool way means lesson takeaway story picture reason hint clue spirit nature
essence core heart basis term formulation enhancement operation balance
transferring`

// topicGerunds returns the -ing forms of the verbs: "compose" →
// "composing", "fit" → "fitting"; doubtful spellings are added too, they
// are harmless.
func topicGerunds(verbs string) string {
	var b strings.Builder
	for _, v := range strings.Fields(verbs) {
		b.WriteString(v + "ing ")
		if strings.HasSuffix(v, "e") && !strings.HasSuffix(v, "ee") {
			b.WriteString(v[:len(v)-1] + "ing ")
		}
		if n := len(v); n >= 3 && !strings.ContainsRune("aeiouwxy", rune(v[n-1])) &&
			strings.ContainsRune("aeiou", rune(v[n-2])) && !strings.ContainsRune("aeiou", rune(v[n-3])) {
			b.WriteString(v + v[n-1:] + "ing ")
		}
	}
	return b.String()
}

var topicClasses = sync.OnceValue(func() map[uint64]topicClass {
	classes := map[uint64]topicClass{}
	var sc topicScanner
	add := func(words string, class topicClass) {
		for _, w := range strings.Fields(words) {
			sc.scan(w)
			if len(sc.comps) == 1 {
				c := sc.comps[0]
				h := topicHash(sc.keys[c.key0:c.key1])
				if _, ok := classes[h]; !ok || class == topicStop || class == topicGeneric {
					classes[h] = class
				}
			}
		}
	}
	add(topicAdjectiveWords, topicAdjective)
	add(topicModifierWords, topicModifier)
	add(topicHeadWords, topicHead)
	add(topicVagueNouns, topicGeneric)
	add(topicVerbs, topicGeneric)
	add(topicGerunds(topicVerbs), topicGeneric)
	add(topicGenericWords, topicGeneric)
	add(topicStopWords, topicStop)
	return classes
})

// ---------------------------------------------------------------------------
// Scanning

// topicCompound is one word as topics see it: a run of letters and digits,
// with hyphenated parts joined ("vision-language" is one compound).
type topicCompound struct {
	start, end int32  // surface bytes in the text
	key0, key1 int32  // key bytes in topicScanner.keys; key1-key0 is the key's length
	hash       uint64 // of the key, see topicHash
	class      topicClass
	acronym    bool // a part is written like an acronym (LoRA, CLIP, ViT): keep its casing
	brk        bool // punctuation separates it from the previous compound
	sentence   bool // first word of a sentence: its capital says nothing
	level      uint8
	parts      uint8 // hyphen-separated parts, up to 255
}

// Levels of a compound: a whole word, an acronym that is a hyphen part of one
// ("LoRA" in "Online-LoRA"), or an acronym that ends a camelCase word
// ("LoRA" in "AutoLoRA", "BERT" in "FireBERT").
const (
	topicLevelWord uint8 = iota
	topicLevelPart
	topicLevelEmbedded
)

// topicScanner splits text into compounds and computes their keys: folded,
// hyphens dropped, the last part made singular. It is reused across texts
// and is not safe for concurrent use. A scanner with a word cache
// (newTopicPassScanner) keeps the key bytes of acronyms and non-ASCII
// words only; the others' keys are known by hash and length.
type topicScanner struct {
	comps   []topicCompound
	extras  []topicCompound // acronyms found inside compounds: unigrams only
	keys    []byte
	tmp     []byte
	classes map[uint64]topicClass // nil while the word lists themselves are scanned
	cache   []topicWordEntry      // nil: no cache
}

func newTopicScanner() topicScanner { return topicScanner{classes: topicClasses()} }

// newTopicPassScanner is a scanner for a pass over the corpus, with a class
// cache.
func newTopicPassScanner() topicScanner {
	return topicScanner{classes: topicClasses(), cache: make([]topicWordEntry, topicClassCacheSize)}
}

// Keys are hashed polynomially, h(s) = Σ s[i]·P^(len-1-i) mod 2^64, so the
// hash of a concatenation follows from the parts' hashes in O(1):
// h(ab) = h(a)·P^len(b) + h(b). A phrase of several compounds thus costs
// no rehashing, and "fine tuning" meets "finetuning".
const topicHashP uint64 = 0x9e3779b97f4a7c15 // odd, with well-spread bits

// topicHash returns the hash of b.
func topicHash(b []byte) (h uint64) {
	for _, c := range b {
		h = h*topicHashP + uint64(c)
	}
	return h
}

// topicPowers holds P^n for short keys.
var topicPowers = func() (t [64]uint64) {
	t[0] = 1
	for i := 1; i < len(t); i++ {
		t[i] = t[i-1] * topicHashP
	}
	return t
}()

// topicHashConcat is the hash of a+b given a's hash and b's hash and length.
func topicHashConcat(ha, hb uint64, lenb int32) uint64 {
	if lenb < int32(len(topicPowers)) {
		return ha*topicPowers[lenb] + hb
	}
	pw := topicPowers[len(topicPowers)-1]
	for n := lenb - int32(len(topicPowers)-1); n > 0; n-- {
		pw *= topicHashP
	}
	return ha*pw + hb
}

// topicURLLike reports whether a whitespace-delimited chunk holding a slash
// is a URL or a path: host names and paths are not topics. URLs without a
// slash are rare enough in abstracts to be left alone.
func topicURLLike(chunk string) bool {
	if strings.Contains(chunk, "://") || strings.Contains(chunk, "www.") {
		return true
	}
	// A dot inside the chunk, not one ending a sentence: "github.com/x".
	for i := 0; i+1 < len(chunk); i++ {
		if chunk[i] == '.' && ('a' <= chunk[i+1] && chunk[i+1] <= 'z' || 'A' <= chunk[i+1] && chunk[i+1] <= 'Z') {
			return true
		}
	}
	return false
}

func topicIsHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// scan splits text into compounds.
func (s *topicScanner) scan(text string) {
	s.comps, s.extras, s.keys = s.comps[:0], s.extras[:0], s.keys[:0]
	brk, sentence := true, true
	// Where the current whitespace-delimited chunk began, in the text and
	// in the output, so that a chunk found to be a URL can be taken back.
	chunk, chunkComps, chunkExtras, chunkKeys := 0, 0, 0, 0
	for i := 0; i < len(text); {
		b := text[i]
		if b < utf8.RuneSelf {
			switch {
			case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
				i = s.compound(text, i, brk, sentence)
				brk, sentence = false, false
				continue
			case b == ' ':
				chunk, chunkComps, chunkExtras, chunkKeys = i+1, len(s.comps), len(s.extras), len(s.keys)
			case b == '.' || b == '!' || b == '?' || b == ':':
				brk, sentence = true, true
			case b == '/':
				end := strings.IndexByte(text[i:], ' ')
				if end < 0 {
					end = len(text)
				} else {
					end += i
				}
				if topicURLLike(text[chunk:end]) {
					s.comps, s.extras, s.keys = s.comps[:chunkComps], s.extras[:chunkExtras], s.keys[:chunkKeys]
					i = end
				}
				brk = true
			default:
				brk = true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) && !unicode.Is(unicode.Mn, r) {
			i = s.compound(text, i, brk, sentence)
			brk, sentence = false, false
			continue
		}
		if unicode.IsSpace(r) {
			chunk, chunkComps, chunkExtras, chunkKeys = i+size, len(s.comps), len(s.extras), len(s.keys)
		} else {
			brk = true
		}
		i += size
	}
}

// compound reads the compound starting at text[i] and returns where
// scanning resumes.
func (s *topicScanner) compound(text string, i int, brk, sentence bool) int {
	if s.cache != nil {
		if next, ok := s.compoundASCII(text, i, brk, sentence); ok {
			return next
		}
	}
	return s.compoundAny(text, i, brk, sentence)
}

// Byte classes for compoundASCII.
const (
	topicByteOther = iota
	topicByteLower
	topicByteDigit
	topicByteUpper
	topicByteHyphen
	topicByteQuote
	topicByteHigh // not ASCII
)

var topicByteClass = func() (t [256]uint8) {
	for b := range 256 {
		switch {
		case 'a' <= b && b <= 'z':
			t[b] = topicByteLower
		case '0' <= b && b <= '9':
			t[b] = topicByteDigit
		case 'A' <= b && b <= 'Z':
			t[b] = topicByteUpper
		case b == '-':
			t[b] = topicByteHyphen
		case b == '\'':
			t[b] = topicByteQuote
		case b >= utf8.RuneSelf:
			t[b] = topicByteHigh
		}
	}
	return t
}()

// compoundASCII is the scanner's fast path, for the compounds that make up
// most text: ASCII, no acronym. The key's singular form, hash and class
// come from the word cache, keyed by a hash of the text; the key's bytes
// are not stored (key0 and key1 only give its length), since the passes
// over a corpus need no more. It reports false, having consumed nothing,
// for any other compound.
func (s *topicScanner) compoundASCII(text string, i int, brk, sentence bool) (int, bool) {
	start := i
	partStart := i
	upper, inner := 0, false
	letters := false
	parts := uint8(1)
	next := -1
	s.tmp = s.tmp[:0] // the earlier parts' keys, when the compound has hyphens
scan:
	for i < len(text) {
		// Runs of lower-case letters are most of the text.
		for i < len(text) && topicByteClass[text[i]] == topicByteLower {
			letters = true
			i++
		}
		if i == len(text) {
			break
		}
		switch topicByteClass[text[i]] {
		case topicByteDigit:
		case topicByteUpper:
			letters = true
			upper++
			if i > partStart {
				inner = true
			}
		case topicByteHyphen:
			if i == partStart || i+1 == len(text) {
				break scan
			}
			switch topicByteClass[text[i+1]] {
			case topicByteLower, topicByteDigit, topicByteUpper:
			case topicByteHigh:
				return 0, false
			default:
				break scan
			}
			if upper >= 2 || inner {
				return 0, false
			}
			s.tmp = topicAppendLower(s.tmp, text[partStart:i], upper > 0)
			parts = min(parts+1, 254)
			partStart, upper = i+1, 0
		case topicByteQuote:
			if topicPossessive(text, i+1) {
				next = i + 2
			}
			break scan
		case topicByteHigh:
			return 0, false
		default:
			break scan
		}
		i++
	}
	if upper >= 2 || inner {
		return 0, false
	}
	if next < 0 {
		next = i
	}
	lastPart := text[partStart:i]
	c := topicCompound{start: int32(start), end: int32(i), brk: brk, sentence: sentence, parts: parts}
	// The cache key: the folded text, and the last part's length, since
	// the singular depends on the last part alone.
	var raw uint64
	if parts == 1 {
		raw = topicFastHashString(lastPart, upper > 0)
	} else {
		raw = topicFastHash(topicAppendLower(s.tmp, lastPart, upper > 0))
	}
	raw ^= uint64(len(lastPart)) << 56
	e := &s.cache[(raw^raw>>29)&(topicClassCacheSize-1)]
	if !e.ok || e.raw != raw {
		s.tmp = topicAppendLower(s.tmp, lastPart, upper > 0)
		key := s.tmp
		if !letters {
			*e = topicWordEntry{raw: raw, hash: topicHash(key), class: topicNumber, ok: true}
		} else {
			before := len(key)
			if key[len(key)-1] == 's' {
				last := len(key) - len(lastPart)
				key = append(key[:last], stemSingularBytes(key[last:])...)
			}
			h := topicHash(key)
			cut := before - len(key)
			*e = topicWordEntry{raw: raw, hash: h, cut: uint8(cut), ok: true,
				y: cut > 0 && key[len(key)-1] == 'y', class: s.wordClass(h, key, false)}
			if len(key) == 1 {
				e.class = topicStop
			}
		}
	}
	c.key1 = int32(int(c.end) - int(c.start) - int(parts) + 1 - int(e.cut))
	c.hash, c.class = e.hash, e.class
	s.comps = append(s.comps, c)
	return next, true
}

// topicAppendLower appends an ASCII word to b, its first letter lower-cased
// if capital (the fast path sees no other capitals).
func topicAppendLower(b []byte, word string, capital bool) []byte {
	n := len(b)
	b = append(b, word...)
	if capital {
		b[n] |= 0x20
	}
	return b
}

// topicFastHashString is topicFastHash of word with its first letter
// lower-cased if capital, without copying it.
func topicFastHashString(word string, capital bool) uint64 {
	h := uint64(len(word)) * 0x9e3779b97f4a7c15
	first := true
	for len(word) >= 8 {
		x := uint64(word[0]) | uint64(word[1])<<8 | uint64(word[2])<<16 | uint64(word[3])<<24 |
			uint64(word[4])<<32 | uint64(word[5])<<40 | uint64(word[6])<<48 | uint64(word[7])<<56
		if first && capital {
			x |= 0x20
		}
		first = false
		h = (h ^ x) * 0xbf58476d1ce4e5b9
		h ^= h >> 31
		word = word[8:]
	}
	if len(word) > 0 {
		var t uint64
		for i := 0; i < len(word); i++ {
			t |= uint64(word[i]) << (8 * i)
		}
		if first && capital {
			t |= 0x20
		}
		h = (h ^ t) * 0x94d049bb133111eb
		h ^= h >> 31
	}
	return h
}

// topicFastHash hashes a word eight bytes at a time, for the word cache.
func topicFastHash(b []byte) uint64 {
	h := uint64(len(b)) * 0x9e3779b97f4a7c15
	for len(b) >= 8 {
		h = (h ^ binary.LittleEndian.Uint64(b)) * 0xbf58476d1ce4e5b9
		h ^= h >> 31
		b = b[8:]
	}
	if len(b) > 0 {
		var t uint64
		for i, c := range b {
			t |= uint64(c) << (8 * i)
		}
		h = (h ^ t) * 0x94d049bb133111eb
		h ^= h >> 31
	}
	return h
}

// compoundAny reads any compound, character by character: the general
// case behind compoundASCII, for acronyms and non-ASCII text.
func (s *topicScanner) compoundAny(text string, i int, brk, sentence bool) int {
	s.comps = append(s.comps, topicCompound{})
	c := &s.comps[len(s.comps)-1]
	*c = topicCompound{start: int32(i), key0: int32(len(s.keys)), brk: brk, sentence: sentence}
	letters := false
	var p topicPart
	p.begin(i, len(s.keys))
	next := -1 // where scanning resumes, when it is not the compound's end
scan:
	for i < len(text) {
		b := text[i]
		if b < utf8.RuneSelf {
			switch {
			case 'a' <= b && b <= 'z':
				letters = true
			case '0' <= b && b <= '9':
			case 'A' <= b && b <= 'Z':
				p.upperAt(text, i, 1, len(s.keys))
				letters = true
				b += 'a' - 'A'
			case b == '-':
				if i+1 < len(text) && topicStartsWord(text[i+1:]) {
					s.endPart(text, &p, i, false, true)
					c.parts = min(c.parts+1, 254)
					i++
					p.begin(i, len(s.keys))
					continue
				}
				break scan
			case b == '\'':
				if topicPossessive(text, i+1) {
					next = i + 2
				}
				break scan
			default:
				break scan
			}
			s.keys = append(s.keys, b)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '‐' || r == '‑':
			if i+size < len(text) && topicStartsWord(text[i+size:]) {
				s.endPart(text, &p, i, false, true)
				c.parts = min(c.parts+1, 254)
				i += size
				p.begin(i, len(s.keys))
				continue
			}
			break scan
		case r == '’':
			if topicPossessive(text, i+size) {
				next = i + size + 1
			}
			break scan
		case !isWordRune(r):
			break scan
		}
		switch topicRuneKind(r) {
		case runeKindUpper:
			p.upperAt(text, i, size, len(s.keys))
			letters = true
		case runeKindLower:
			letters = true
		}
		s.keys = utf8.AppendRune(s.keys, FoldRune(r))
		i += size
	}
	if next < 0 {
		next = i
	}
	c.end = int32(i)
	c.parts++
	switch {
	case !letters:
		c.key1 = int32(len(s.keys))
		c.hash = topicHash(s.keys[c.key0:c.key1])
		c.class = topicNumber
	default:
		c.acronym = s.endPart(text, &p, i, true, c.parts > 1) || p.anyAcronym
		c.key1 = int32(len(s.keys))
		c.hash = topicHash(s.keys[c.key0:c.key1])
		if c.key1-c.key0 == 1 {
			c.class = topicStop
		} else {
			c.class = s.wordClass(c.hash, s.keys[c.key0:c.key1], c.acronym)
		}
	}
	return next
}

// wordClass is the class of a word from the word lists, or for a word
// missing from them, adjective or plain by its ending.
func (s *topicScanner) wordClass(h uint64, key []byte, acronym bool) topicClass {
	class := s.classes[h]
	if class == topicPlain && !acronym && s.classes != nil && topicAdjectival(key) {
		class = topicAdjective
	}
	return class
}

// topicPossessive reports whether text[i:] starts with the "s" of a
// possessive: an s that ends the word.
func topicPossessive(text string, i int) bool {
	return i < len(text) && (text[i] == 's' || text[i] == 'S') && (i+1 == len(text) || !topicStartsWord(text[i+1:]))
}

// topicPart tracks one hyphen-separated part of a compound while it is read.
type topicPart struct {
	start      int // surface offset
	k0         int // key offset
	upper      int // capitals seen
	inner      bool
	ncamel     int
	camel      [4][2]int32 // key and surface offsets of camelCase boundaries
	anyAcronym bool        // an earlier part of the compound was an acronym
}

func (p *topicPart) begin(start, k0 int) {
	*p = topicPart{start: start, k0: k0, anyAcronym: p.anyAcronym}
}

// upperAt records a capital at text[i], whose folded form will start at key
// offset k.
func (p *topicPart) upperAt(text string, i, size, k int) {
	p.upper++
	if i == p.start {
		return
	}
	p.inner = true
	if p.ncamel == len(p.camel) {
		return
	}
	// A camelCase boundary: a capital after a lower-case letter ("AutoLoRA"
	// at L), or the last capital of a run followed by a lower-case letter
	// ("SLoRA" at L).
	prev := topicRuneKindAt(text, i-1)
	nextLower := false
	if i+size < len(text) {
		r, _ := utf8.DecodeRuneInString(text[i+size:])
		nextLower = topicRuneKind(r) == runeKindLower
	}
	if prev == runeKindLower || prev == runeKindUpper && nextLower {
		p.camel[p.ncamel] = [2]int32{int32(k), int32(i)}
		p.ncamel++
	}
}

// endPart finishes the part ending at surface offset end: an acronym's
// plural s is dropped ("LLMs"), the last part of a word is made singular,
// and acronyms inside the compound are recorded as extras. It reports
// whether the part is written as an acronym.
func (s *topicScanner) endPart(text string, p *topicPart, end int, last, multiPart bool) bool {
	acronym := p.upper >= 2 || p.inner
	if last {
		n := len(s.keys)
		switch {
		case acronym && end-p.start >= 3 && text[end-1] == 's' && topicRuneKindAt(text, end-2) == runeKindUpper:
			s.keys = s.keys[:n-1]
		case !acronym && n > p.k0 && s.keys[n-1] == 's':
			s.keys = append(s.keys[:p.k0], stemSingularBytes(s.keys[p.k0:])...)
		}
	}
	if acronym {
		k1 := len(s.keys)
		if multiPart && k1-p.k0 >= 2 {
			s.addExtra(int32(p.start), int32(end), p.k0, k1, topicLevelPart)
		}
		for _, cm := range p.camel[:p.ncamel] {
			suffix := text[cm[1]:end]
			if utf8.RuneCountInString(suffix) >= 3 && topicAcronymLike(suffix) {
				s.addExtra(cm[1], int32(end), int(cm[0]), k1, topicLevelEmbedded)
			}
		}
		p.anyAcronym = true
	}
	return acronym
}

// topicClassCacheSize is the number of entries of a scanner's word cache:
// enough for the common vocabulary of a corpus, small enough for the L2
// cache.
const topicClassCacheSize = 1 << 14

// topicWordEntry is what a plain word with a given folded form resolves to.
type topicWordEntry struct {
	raw   uint64 // hash of the folded form
	hash  uint64 // of the key: the folded form made singular
	cut   uint8  // bytes the singular drops from the folded form
	y     bool   // and the last remaining byte becomes y ("studies")
	class topicClass
	ok    bool
}

// topicAdjectiveSuffixes mark words that are adjectives or adverbs far more
// often than nouns. A tag names a thing, so such a word may start a phrase
// ("supervised fine-tuning", "generative models") but is no tag alone.
var topicAdjectiveSuffixes = []string{"ly", "ed", "ive", "ous", "ful", "able", "ible", "al", "ent", "ant"}

// topicAdjectiveNouns are nouns with those endings.
var topicAdjectiveNouns = map[string]bool{
	"family": true, "anomaly": true, "assembly": true, "supply": true, "reply": true,
	"monopoly": true, "ally": true, "rely": true, "apply": true, "fly": true,
	"seed": true, "speed": true, "need": true, "feed": true, "embed": true, "bed": true,
	"red": true, "shed": true, "hundred": true, "breed": true,
	"objective": true, "alternative": true, "derivative": true, "incentive": true,
	"initiative": true, "perspective": true, "archive": true, "narrative": true,
	"directive": true, "executive": true, "relative": true, "representative": true,
	"primitive": true, "adjective": true, "detective": true, "drive": true, "hive": true,
	"variable": true, "table": true, "cable": true, "observable": true, "timetable": true,
	"retrieval": true, "signal": true, "removal": true, "interval": true, "proposal": true,
	"tutorial": true, "material": true, "animal": true, "journal": true, "trial": true,
	"arrival": true, "survival": true, "rival": true, "terminal": true, "manual": true,
	"potential": true, "capital": true, "hospital": true, "festival": true,
	"crystal": true, "metal": true, "portal": true, "principal": true, "goal": true,
	"appraisal": true, "rehearsal": true, "referral": true, "denial": true,
	"approval": true, "renewal": true, "withdrawal": true, "disposal": true,
	"dismissal": true, "reversal": true, "recital": true, "vital": true, "pal": true,
	"handful": true, "medal": true, "pedal": true, "canal": true, "total": true,
	"deal": true, "meal": true, "seal": true, "heal": true,
	"agent": true, "gradient": true, "client": true, "patient": true, "parent": true,
	"content": true, "event": true, "constant": true, "descent": true, "student": true,
	"component": true, "variant": true, "assistant": true, "participant": true,
	"tenant": true, "talent": true, "accident": true, "incident": true, "president": true,
	"resident": true, "respondent": true, "ingredient": true, "coefficient": true,
	"quotient": true, "torrent": true, "percent": true, "intent": true, "extent": true,
	"consent": true, "advent": true, "accent": true, "opponent": true, "descendant": true,
	"defendant": true, "servant": true, "merchant": true, "infant": true, "elephant": true,
	"giant": true, "plant": true, "grant": true, "implant": true, "restaurant": true,
	"migrant": true, "mutant": true, "pollutant": true, "reactant": true, "oxidant": true,
	"determinant": true, "invariant": true, "covariant": true, "quadrant": true,
	"occupant": true, "applicant": true, "consultant": true, "exponent": true,
	"continent": true, "current": true, "tangent": true, "solvent": true,
}

// topicAdjectival reports whether a folded word ends like an adjective or an
// adverb (see topicAdjectiveSuffixes).
func topicAdjectival(key []byte) bool {
	if len(key) < 5 || topicAdjectiveNouns[string(key)] {
		return false
	}
	for _, suffix := range topicAdjectiveSuffixes {
		if stemHasSuffix(key, suffix) {
			switch suffix {
			case "ed":
				return !stemHasSuffix(key, "eed")
			case "ent":
				return !stemHasSuffix(key, "ment") // "alignment", "embedding" are nouns
			}
			return true
		}
	}
	return false
}

func (s *topicScanner) addExtra(start, end int32, k0, k1 int, level uint8) {
	h := topicHash(s.keys[k0:k1])
	if s.wordClass(h, s.keys[k0:k1], true) != topicPlain {
		return
	}
	s.extras = append(s.extras, topicCompound{
		start: start, end: end, key0: int32(k0), key1: int32(k1), hash: h,
		acronym: true, level: level,
	})
}

const (
	runeKindOther = iota
	runeKindLower
	runeKindUpper
	runeKindDigit
)

func topicRuneKind(r rune) int {
	switch {
	case 'a' <= r && r <= 'z':
		return runeKindLower
	case 'A' <= r && r <= 'Z':
		return runeKindUpper
	case '0' <= r && r <= '9':
		return runeKindDigit
	case r < utf8.RuneSelf:
		return runeKindOther
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return runeKindUpper
	case unicode.IsLetter(r):
		return runeKindLower
	case unicode.IsDigit(r):
		return runeKindDigit
	}
	return runeKindOther
}

func topicRuneKindAt(text string, i int) int {
	if i < 0 {
		return runeKindOther
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i+1])
	return topicRuneKind(r)
}

func topicStartsWord(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	return isWordRune(r) && !unicode.Is(unicode.Mn, r)
}

// topicAcronymLike reports whether a word is written as an acronym or a
// coined name: two capitals or more (CLIP, LLM), or a capital after the
// first letter (LoRA, ViT, mGPT).
func topicAcronymLike(w string) bool {
	upper := 0
	for i, r := range w {
		if topicRuneKind(r) == runeKindUpper {
			upper++
			if i > 0 {
				return true
			}
		}
	}
	return upper >= 2
}

// ---------------------------------------------------------------------------
// Candidate phrases

// eachPhrase calls fn for every eligible phrase of the scanned text, as its
// hash and its compounds [i, j]: one to three compounds with no punctuation
// between them, no stop word or boilerplate in them, ending on a noun (not a
// modifier or adjective), not made of modifiers and a head noun only, and a
// single word only if it is a plain word of three letters or more or an
// acronym. Acronyms inside compounds come last, as unigrams (extra, with i
// indexing the scanner's extras). With fragments false, phrases that look
// like the tail of a longer phrase are left out.
func (s *topicScanner) eachPhrase(fragments bool, fn func(h uint64, i, j int, extra bool)) {
	comps := s.comps
	for i := range comps {
		c := &comps[i]
		if c.class == topicStop || c.class == topicGeneric || c.class == topicNumber {
			continue
		}
		if c.class == topicPlain && (c.acronym || c.key1-c.key0 >= 3) {
			fn(c.hash, i, i, false)
		}
		if !fragments && c.class == topicHead && i > 0 && !c.brk && comps[i-1].class != topicStop {
			// A phrase starting on a head noun right after another word
			// is usually the tail of a longer one: "learning models" of
			// "machine learning models", "rank adaptation" of "low rank
			// adaptation".
			continue
		}
		// content: a word before the last that says what the phrase is
		// about. "prompt tuning" and "adversarial training" have one,
		// "deep learning" and "efficient training" do not.
		h := c.hash
		content := false
		prev := c.class
		for j := i + 1; j < len(comps) && j < i+3; j++ {
			d := &comps[j]
			if d.brk || d.class == topicStop || d.class == topicGeneric || d.class == topicNumber {
				break
			}
			h = topicHashConcat(h, d.hash, d.key1-d.key0)
			content = content || prev != topicModifier
			if (content || d.class == topicPlain) && d.class != topicModifier && d.class != topicAdjective {
				fn(h, i, j, false)
			}
			prev = d.class
		}
	}
	for i := range s.extras {
		fn(s.extras[i].hash, i, i, true)
	}
}

// titleEvidence reports whether an occurrence in a title says the phrase
// matters to the paper. A title's first word is often its verb
// ("Defending Against ...", "Transferring Knowledge ..."), so a lone word
// in that position does not count, unless it is an acronym.
func (s *topicScanner) titleEvidence(i, j int, extra bool) bool {
	return extra || i != j || s.comps[i].acronym || !s.comps[i].sentence
}

// topicCandidate gathers what the second pass learns about a frequent
// phrase.
type topicCandidate struct {
	key      uint64
	df       int32 // papers containing it
	titleDF  int32 // papers with it in the title
	wordDF   int32 // papers where it is a word or hyphen part, not only embedded
	repDF    int32 // papers where it occurs at least twice
	words    int8  // compounds in the phrase
	acronym  bool
	papers   []int32
	strength []float32 // per paper: how much the paper is about it, see topicStrength
	subs     []int32   // candidates that are proper sub-phrases of this one
	display  string
}

// topicTable maps 64-bit hashes to int32, by open addressing: the passes
// look a key up for every phrase of every paper, and a specialised table
// is several times faster than a Go map at that. The lowest bit of a key is
// ignored (it marks occupied slots), so keys must not differ only there.
type topicTable struct {
	keys  []uint64 // key|1; 0 marks an empty slot
	vals  []int32
	shift uint
	n     int
}

func newTopicTable(n int) *topicTable {
	bits := uint(4)
	for 1<<bits < 2*n {
		bits++
	}
	return &topicTable{keys: make([]uint64, 1<<bits), vals: make([]int32, 1<<bits), shift: 64 - bits}
}

func (t *topicTable) slot(key uint64) uint64 { return ((key | 1) * 0xbf58476d1ce4e5b9) >> t.shift }

func (t *topicTable) get(key uint64) (int32, bool) {
	mask := uint64(len(t.keys) - 1)
	for i := t.slot(key); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key | 1:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

func (t *topicTable) put(key uint64, v int32) {
	if 2*(t.n+1) > len(t.keys) {
		old := *t
		*t = *newTopicTable(len(old.keys))
		for i, k := range old.keys {
			if k != 0 {
				t.put(k&^1, old.vals[i])
			}
		}
	}
	mask := uint64(len(t.keys) - 1)
	for i := t.slot(key); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key | 1:
			t.vals[i] = v
			return
		case 0:
			t.keys[i], t.vals[i] = key|1, v
			t.n++
			return
		}
	}
}

// each calls fn for every entry, in table order.
func (t *topicTable) each(fn func(key uint64, v int32)) {
	for i, k := range t.keys {
		if k != 0 {
			fn(k&^1, t.vals[i])
		}
	}
}

// topicWorkers is how many goroutines the passes use: a few hundred papers
// are not worth a goroutine's per-worker tables.
func topicWorkers(n int) int { return parallel.Workers(n/500 + 1) }

// topicChunk is the number of papers a worker takes at a time: large enough
// to amortise the hand-out, small enough to balance two cores.
const topicChunk = 512

// topicParallel runs fn over consecutive chunks of n papers on w workers.
// fn gets the worker number, so it can use per-worker state.
func topicParallel(n, w int, fn func(worker, lo, hi int)) { parallel.Chunks(n, topicChunk, w, fn) }

// topicMaxCandidates bounds the phrases examined in the second pass: a
// tenth of the number of papers, within limits. On a large corpus hundreds
// of thousands of phrases recur; the second pass costs in proportion to
// the candidates' occurrences, and a topic on fewer than one paper in a
// few thousand is too narrow to browse by anyway.
func topicMaxCandidates(papers int) int { return min(max(papers/10, 2000), 20000) }

// A phrase's key carries flags in its low bits while papers are counted,
// so that one sort groups a phrase's papers and tells which had it in the
// title and which had it twice. topicKeyOf makes a key from a phrase's
// hash, with the flag bits clear; topicKeyBits recovers it from a flagged
// value.
const (
	topicFlagTitle  = 1 << 0
	topicFlagRepeat = 1 << 1
	topicFlagMask   = 3
)

func topicKeyOf(h uint64) uint64 { return topicMix(h) &^ topicFlagMask }

func topicKeyBits(v uint64) uint64 { return v &^ topicFlagMask }

// topicMix scrambles a hash bijectively (the splitmix64 finaliser). A
// polynomial hash keeps the last character in its low bits, which the flags
// overwrite: without this, "gan" and "gap" would share a key.
func topicMix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// topicStats are what the first pass counts for a phrase.
type topicStats struct {
	df, titleDF, repDF int32
	multi              bool // seen as a phrase of several compounds
}

func (st *topicStats) add(flags uint64) {
	st.df++
	if flags&topicFlagTitle != 0 {
		st.titleDF++
	}
	if flags&topicFlagRepeat != 0 {
		st.repDF++
	}
}

// topicDocSet turns one paper's phrase occurrences (flagged hashes) into
// one entry per phrase, with the repeat flag set where it occurred twice.
// It sorts in place and returns the compacted prefix.
func topicDocSet(occ []uint64) []uint64 {
	slices.Sort(occ)
	out := occ[:0]
	for i := 0; i < len(occ); {
		key := topicKeyBits(occ[i])
		flags := uint64(0)
		j := i
		for j < len(occ) && topicKeyBits(occ[j]) == key {
			flags |= occ[j] & topicFlagMask
			j++
		}
		if j-i >= 2 {
			flags |= topicFlagRepeat
		}
		out = append(out, key|flags)
		i = j
	}
	return out
}

// topicCountPass counts, for every eligible phrase, the papers containing
// it, and returns the keys of those worth examining, most frequent first.
func topicCountPass(papers []Paper, workers, minDF, maxDF int) []uint64 {
	type worker struct {
		sc    topicScanner
		uni   *topicTable // single-compound phrase → slot in stats
		stats []topicStats
		docU  []uint64 // the current paper's single compounds
		docM  []uint64 // the current paper's multi-compound phrases
		multi []uint64 // every paper's distinct multi-compound phrases, flagged
	}
	ws := make([]worker, workers)
	for k := range ws {
		ws[k].sc = newTopicPassScanner()
		ws[k].uni = newTopicTable(1 << 12)
	}
	topicParallel(len(papers), workers, func(k, lo, hi int) {
		w := &ws[k]
		sc := &w.sc
		for p := lo; p < hi; p++ {
			w.docU, w.docM = w.docU[:0], w.docM[:0]
			for field, text := range [2]string{papers[p].Title, papers[p].Abstract} {
				var title uint64
				if field == 0 {
					title = topicFlagTitle
				}
				sc.scan(text)
				sc.eachPhrase(false, func(h uint64, i, j int, extra bool) {
					var flags uint64
					if title != 0 && sc.titleEvidence(i, j, extra) {
						flags = topicFlagTitle
					}
					if i == j {
						w.docU = append(w.docU, topicKeyOf(h)|flags)
						return
					}
					w.docM = append(w.docM, topicKeyOf(h)|flags)
				})
			}
			w.docU = topicDocSet(w.docU)
			for _, h := range w.docU {
				slot, ok := w.uni.get(topicKeyBits(h))
				if !ok {
					slot = int32(len(w.stats))
					w.uni.put(topicKeyBits(h), slot)
					w.stats = append(w.stats, topicStats{})
				}
				w.stats[slot].add(h)
			}
			// A phrase of several compounds may have the key of a single one
			// ("fine tuning", "finetuning"): count the paper once.
			for _, h := range topicDocSet(w.docM) {
				if _, found := slices.BinarySearchFunc(w.docU, topicKeyBits(h), func(u, key uint64) int {
					return cmp.Compare(topicKeyBits(u), key)
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
		st  topicStats
	}
	uniTable := map[uint64]topicStats{}
	for k := range ws {
		ws[k].uni.each(func(key uint64, slot int32) {
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
	consider := func(key uint64, st topicStats) {
		if int(st.df) < minDF || int(st.df) > maxDF {
			return
		}
		// A word seen only alone must be prominent in enough of its papers
		// (see topicWorthy; this is its loosest threshold) to be worth a
		// second look.
		if !st.multi && topicProminence(st.titleDF, st.repDF, st.df) < topicMinProminenceAcronym {
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
			if m := ws[k].multi; cursor[k] < len(m) && (!found || topicKeyBits(m[cursor[k]]) < key) {
				key, found = topicKeyBits(m[cursor[k]]), true
			}
		}
		if !found {
			break
		}
		var st topicStats
		if u < len(uni) && uni[u].key == key {
			st = uni[u].st
			u++
		}
		for k := range ws {
			m := ws[k].multi
			for ; cursor[k] < len(m) && topicKeyBits(m[cursor[k]]) == key; cursor[k]++ {
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
	if limit := topicMaxCandidates(len(papers)); len(out) > limit {
		out = out[:limit]
	}
	keys := make([]uint64, len(out))
	for i, c := range out {
		keys[i] = c.key
	}
	return keys
}

// topicProminence is the share of a phrase's papers where it stands out: in
// the title, or written more than once. Technical terms stand out where they
// occur; the verbs and adjectives of abstracts ("despite", "perform",
// "conventional") do not. The +1 and +2 keep a phrase seen in two papers
// from scoring 0 or 1 on that evidence alone.
func topicProminence(titleDF, repDF, df int32) float64 {
	return min(1, float64(titleDF+repDF+1)/float64(df+2))
}

// Thresholds of topicProminence for a single word to become a topic. An
// acronym is a coined term already, so it needs less evidence.
const (
	topicMinProminence        = 0.5
	topicMinProminenceAcronym = 0.3
)

// ComputeTopics mines topic tags from the titles and abstracts of papers
// and adds the arXiv categories they are filed under. The result depends
// only on the papers and their order. It takes about 1.3 s for 100,000
// papers on two cores, so callers run it in the background.
func ComputeTopics(papers []Paper) *Topics {
	n := len(papers)
	workers := topicWorkers(n)
	minDF, maxDF := topicDFBounds(n)
	keys := topicCountPass(papers, workers, minDF, maxDF)
	cands := topicExaminePass(papers, workers, keys)
	return topicSelect(papers, cands)
}

// topicDFBounds are the fewest and most papers a mined topic may have: two,
// since a tag on one paper groups nothing, and a third of the corpus,
// since a tag on more distinguishes little.
func topicDFBounds(n int) (minDF, maxDF int) {
	return 2, max(2, n/3)
}

// topicExaminePass scans the papers again for the candidate phrases only,
// recording where each occurs, how it is spelled and which candidates it
// contains.
func topicExaminePass(papers []Paper, workers int, keys []uint64) []topicCandidate {
	index := newTopicTable(len(keys))
	for i, key := range keys {
		index.put(key, int32(i))
	}
	type worker struct {
		sc    topicScanner
		last  []int32 // per candidate: the last paper it was seen in
		slot  []int32 // per candidate: its entry in occ for that paper
		forms []uint8 // per candidate: lengths (bit n-1) whose sub-phrases are recorded
		occ   []topicOccurrence
		subs  [][2]int32
	}
	// Each chunk's occurrences, in paper order: read back in chunk order
	// they are sorted by paper without sorting.
	chunks := make([][]topicOccurrence, (len(papers)+topicChunk-1)/topicChunk)
	ws := make([]worker, workers)
	for k := range ws {
		ws[k].sc = newTopicPassScanner()
		ws[k].last = make([]int32, len(keys))
		for i := range ws[k].last {
			ws[k].last[i] = -1
		}
		ws[k].slot = make([]int32, len(keys))
		ws[k].forms = make([]uint8, len(keys))
	}
	topicParallel(len(papers), workers, func(k, lo, hi int) {
		w := &ws[k]
		sc := &w.sc
		w.occ = w.occ[:0]
		for p := lo; p < hi; p++ {
			for field, text := range [2]string{papers[p].Title, papers[p].Abstract} {
				title := field == 0
				sc.scan(text)
				sc.eachPhrase(true, func(h uint64, i, j int, extra bool) {
					ci, ok := index.get(topicKeyOf(h))
					if !ok {
						return
					}
					if w.last[ci] != int32(p) {
						w.last[ci] = int32(p)
						w.slot[ci] = int32(len(w.occ))
						w.occ = append(w.occ, topicOccurrence{paper: int32(p), cand: ci, level: topicLevelEmbedded})
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
						o.level = topicLevelWord
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
							sh = topicHashConcat(sh, sc.comps[b].hash, sc.comps[b].key1-sc.comps[b].key0)
							if a == i && b == j {
								continue
							}
							if si, ok := index.get(topicKeyOf(sh)); ok && si != ci {
								w.subs = append(w.subs, [2]int32{ci, si})
							}
						}
					}
					for e := range sc.extras {
						x := &sc.extras[e]
						if x.start >= start && x.end <= end {
							if si, ok := index.get(topicKeyOf(x.hash)); ok && si != ci {
								w.subs = append(w.subs, [2]int32{ci, si})
							}
						}
					}
				})
			}
		}
		chunks[lo/topicChunk] = slices.Clone(w.occ)
	})

	cands := make([]topicCandidate, len(keys))
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
	var sample [][]topicOccurrence = make([][]topicOccurrence, len(cands))
	for i := range cands {
		c := &cands[i]
		c.papers = make([]int32, 0, c.df)
		c.strength = make([]float32, 0, c.df)
		sample[i] = make([]topicOccurrence, 0, min(int(c.df), topicDisplaySample))
	}
	for ci, chunk := range chunks {
		for _, o := range chunk {
			c := &cands[o.cand]
			c.papers = append(c.papers, o.paper)
			c.strength = append(c.strength, topicStrength(o.titleTF, o.abstractTF))
			if o.titleTF > 0 {
				c.titleDF++
			}
			if o.level < topicLevelEmbedded {
				c.wordDF++
			}
			if o.titleTF+o.abstractTF >= 2 {
				c.repDF++
			}
			if len(sample[o.cand]) < topicDisplaySample {
				sample[o.cand] = append(sample[o.cand], o)
			}
		}
		chunks[ci] = nil
	}
	// The display form is the most common spelling in a sample of the
	// papers, the first ones by index: deterministic, and bounded work for
	// phrases on thousands of papers.
	topicParallel(len(cands), workers, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			cands[i].display = topicDisplay(papers, sample[i])
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

// topicDisplaySample is how many papers' spellings choose a display form.
const topicDisplaySample = 64

// topicOccurrence is what the second pass records for one candidate in one
// paper.
type topicOccurrence struct {
	paper, cand int32
	titleTF     uint16
	abstractTF  uint16
	level       uint8
	// One spelling of the phrase in the paper, the most telling one seen:
	// see topicSurfaceRank.
	surfaceRank  uint8
	surfaceField uint8 // 0 title, 1 abstract
	surfaceLower bool  // to be lower-cased: from a title or a sentence start
	surfaceStart int32
	surfaceLen   int32
}

func (o *topicOccurrence) noteSurface(text string, field int, start, end int32, lower bool) {
	if o.surfaceRank == topicBestSurface {
		return
	}
	rank := topicSurfaceRank(text[start:end], lower)
	if rank <= o.surfaceRank {
		return
	}
	o.surfaceRank, o.surfaceField, o.surfaceLower = rank, uint8(field), lower
	o.surfaceStart, o.surfaceLen = start, end-start
}

// topicSurfaceRank says how much a spelling tells about how a phrase is
// written: one in a title or at a sentence start only says which words
// they are (1); one in running text is better (2), and best if it has no
// capitalised word (3), since capitals in running text are often those of
// a definition ("we propose Salient Channel Tuning") while a proper noun
// is never seen in lower case anyway.
func topicSurfaceRank(surface string, lower bool) uint8 {
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
			if unicode.IsUpper(r) && !topicAcronymLike(word) {
				return 2
			}
		}
		w = end + 1
	}
	return topicBestSurface
}

// topicBestSurface is the best rank of topicSurfaceRank.
const topicBestSurface = 3

// topicDisplay picks the spelling most of the sampled occurrences use;
// ties go to the first in byte order.
func topicDisplay(papers []Paper, occ []topicOccurrence) string {
	type variant struct {
		s string
		n int
	}
	var vs []variant
	for _, o := range occ {
		text := papers[o.paper].Title
		if o.surfaceField == 1 {
			text = papers[o.paper].Abstract
		}
		s := text[o.surfaceStart : o.surfaceStart+o.surfaceLen]
		if o.surfaceLower {
			s = topicLowerSurface(s)
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

// topicStrength measures how much a paper is about a phrase: a mention in
// the title counts twice a mention in the abstract, repeated mentions add
// less and less.
func topicStrength(titleTF, abstractTF uint16) float32 {
	var s float32
	if titleTF > 0 {
		s = 2
	}
	if abstractTF > 0 {
		s += 1 + float32(math.Log2(float64(abstractTF)))
	}
	return s
}

// topicLowerSurface lower-cases the words of a phrase seen in a title or at
// the start of a sentence, keeping acronyms as written: "Robust CLIP" is
// "robust CLIP".
func topicLowerSurface(s string) string {
	var b strings.Builder
	// A compound keeps its casing when a part of it is an acronym:
	// "DALL-E", "GPT-4", "CLIP-based".
	for i, w := range strings.Split(s, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		parts := strings.FieldsFunc(w, topicIsHyphen)
		if slices.ContainsFunc(parts, topicAcronymLike) {
			b.WriteString(w)
		} else {
			b.WriteString(strings.ToLower(w))
		}
	}
	return b.String()
}

// Subsumption thresholds, as shares of the shorter phrase's papers covered
// by a longer phrase containing it. At topicAbsorb or more the shorter one
// is redundant ("foundation" inside "foundation models"), provided the
// longer one is about as prominent; a hyphenated compound is a modifier
// more often than not ("low-rank"), so the lower topicAbsorbCompound
// applies to it. Between topicRedundant and those, the longer phrase adds
// too little beside the shorter one, which every one of its papers also
// carries ("diffusion models" beside "diffusion"). Below topicRedundant
// both are distinct topics.
const (
	topicAbsorb         = 2.0 / 3
	topicAbsorbCompound = 1.0 / 2
	topicRedundant      = 1.0 / 2
)

// topicSelect turns candidates into topics.
func topicSelect(papers []Paper, cands []topicCandidate) *Topics {
	n := len(papers)
	minDF, maxDF := topicDFBounds(n)
	sc := newTopicScanner()
	alive := make([]bool, len(cands))
	compound := make([]bool, len(cands))
	for i := range cands {
		c := &cands[i]
		sc.scan(c.display)
		c.words = int8(len(sc.comps))
		if c.words == 1 {
			compound[i] = strings.ContainsFunc(c.display, topicIsHyphen)
		}
		c.acronym = false
		for _, w := range sc.comps {
			c.acronym = c.acronym || w.acronym
		}
		// The first pass counted a phrase's papers without its fragments
		// (see eachPhrase), the second with them: check the bounds again.
		alive[i] = int(c.df) >= minDF && int(c.df) <= maxDF && topicWorthy(c)
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
			absorb := topicAbsorb
			if compound[si] {
				absorb = topicAbsorbCompound
			}
			// A longer phrase that is far less prominent than its part is
			// the part plus a stray word ("revisit contrastive decoding"):
			// it never absorbs the part.
			prominent := 2*topicProminence(p.titleDF, p.repDF, p.df) >= topicProminence(sub.titleDF, sub.repDF, sub.df)
			switch {
			case cover >= absorb && prominent:
				absorbed = append(absorbed, si)
			case cover >= topicRedundant:
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
		w := topicProminence(c.titleDF, c.repDF, c.df) * math.Log(float64(n+1)/float64(c.df))
		if c.words > 1 {
			w *= 1.5
		}
		weight[i] = w
	}
	abbrevs := make([]topicAbbrev, len(cands))
	for i := range cands {
		abbrevs[i] = newTopicAbbrev(cands[i].display)
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
		byPaper = topicRank(n, cands, alive, weight, related)
		clear(votes)
		for _, picks := range byPaper {
			for _, ci := range picks {
				votes[ci]++
			}
		}
		changed := false
		for i := range cands {
			if alive[i] && votes[i] < topicMinVotes {
				alive[i], changed = false, true
			}
		}
		if !changed || round == topicMaxRounds {
			break
		}
	}

	return topicAssemble(papers, cands, alive, byPaper)
}

// topicAssemble builds the Topics: the chosen phrases, then the arXiv
// categories, sorted, with each paper's picks mapped to list indices.
func topicAssemble(papers []Paper, cands []topicCandidate, alive []bool, byPaper [][]int32) *Topics {
	type pending struct {
		topic Topic
		cand  int32 // -1 for a category
	}
	var list []pending
	seen := map[string]bool{}
	// Categories first: where a mined phrase has a category's key
	// ("hep-th"), the metadata wins.
	for _, c := range topicCategories(papers) {
		list = append(list, pending{c, -1})
		seen[c.Key] = true
	}
	for i := range cands {
		if !alive[i] {
			continue
		}
		key, err := NormalizeTag(cands[i].display)
		if err != nil || seen[key] {
			alive[i] = false
			continue
		}
		seen[key] = true
		list = append(list, pending{Topic{Name: cands[i].display, Key: key, Kind: TopicPhrase, Papers: cands[i].papers}, int32(i)})
	}
	slices.SortFunc(list, func(a, b pending) int {
		if c := cmp.Compare(len(b.topic.Papers), len(a.topic.Papers)); c != 0 {
			return c
		}
		return cmp.Compare(a.topic.Key, b.topic.Key)
	})
	t := &Topics{List: make([]Topic, len(list)), ByPaper: make([][]int32, len(papers)), byKey: map[string]int32{}}
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
	// Keys first, then variant keys, so that a key always finds its own
	// topic even if another topic has a variant spelled the same way.
	for i, tp := range t.List {
		t.byKey[tp.Key] = int32(i)
	}
	for i, tp := range t.List {
		if tp.Kind == TopicPhrase {
			if _, ok := t.byKey[topicVariantKey(tp.Name)]; !ok {
				t.byKey[topicVariantKey(tp.Name)] = int32(i)
			}
		}
	}
	for p := range papers {
		var picks []int32
		for _, ci := range byPaper[p] {
			if alive[ci] {
				picks = append(picks, candTopic[ci])
			}
		}
		added := 0
		for _, c := range papers[p].Categories {
			key, err := NormalizeTag(c)
			if err != nil {
				continue
			}
			if ti, ok := catTopic[key]; ok && !slices.Contains(picks, ti) && added < topicCategoriesPerPaper {
				picks = append(picks, ti)
				added++
			}
		}
		t.ByPaper[p] = picks
	}
	return t
}

// topicCategoriesPerPaper bounds the categories shown for one paper, primary
// first: cross-listings beyond a few say little.
const topicCategoriesPerPaper = 2

// topicCategories makes one topic per arXiv category found in the papers.
func topicCategories(papers []Paper) []Topic {
	index := map[string]int{}
	var out []Topic
	for p := range papers {
		for _, c := range papers[p].Categories {
			code := CleanLine(c)
			key, err := NormalizeTag(code)
			if err != nil {
				continue
			}
			i, ok := index[key]
			if !ok {
				i = len(out)
				index[key] = i
				out = append(out, Topic{Name: CategoryDisplayName(code), Key: key, Kind: TopicCategory})
			}
			if ps := out[i].Papers; len(ps) == 0 || ps[len(ps)-1] != int32(p) {
				out[i].Papers = append(out[i].Papers, int32(p))
			}
		}
	}
	return out
}

// topicMinVotes is how many papers must count a topic among their best
// tags; topicMaxRounds bounds the rounds of voting (one or two suffice in
// practice).
const (
	topicMinVotes  = 2
	topicMaxRounds = 4
)

// topicRank picks, for every paper, its best tags among the live
// candidates: by score, at most topicsPerPaper, skipping a candidate
// related to (containing, contained in, abbreviating) one already picked.
func topicRank(n int, cands []topicCandidate, alive []bool, weight []float64, related func(a, b int32) bool) [][]int32 {
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
	topicParallel(n, topicWorkers(n), func(_, lo, hi int) {
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

// topicAbbreviates reports whether acronym abbreviates phrase, as in
// "LoRA" and "low-rank adaptation" or "VLMs" and "vision-language models":
// the acronym's letters appear in order in the phrase, the first starting
// it, and every word of the phrase gives at least one letter.
func topicAbbreviates(acronym, phrase string) bool {
	a, p := newTopicAbbrev(acronym), newTopicAbbrev(phrase)
	return a.abbreviates(&p)
}

// topicAbbrev is a display name prepared for topicAbbreviates.
type topicAbbrev struct {
	letters []rune   // an acronym's letters, folded, without a plural s
	words   []string // a phrase's words, folded, split at spaces and hyphens
}

func newTopicAbbrev(name string) topicAbbrev {
	isSep := func(r rune) bool { return r == ' ' || topicIsHyphen(r) }
	if strings.IndexFunc(name, isSep) >= 0 {
		return topicAbbrev{words: strings.FieldsFunc(Fold(name), isSep)}
	}
	if !topicAcronymLike(name) {
		return topicAbbrev{}
	}
	a := []rune(Fold(name))
	if n := len(a); n > 2 && a[n-1] == 's' && unicode.IsUpper([]rune(name)[n-2]) {
		a = a[:n-1] // a plural: "LLMs"
	}
	return topicAbbrev{letters: a}
}

func (a *topicAbbrev) abbreviates(p *topicAbbrev) bool {
	if len(a.letters) == 0 || len(p.words) == 0 || p.words[0] == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(p.words[0])
	return first == a.letters[0] && topicAbbrevMatch(a.letters, p.words, 0, 0)
}

// topicAbbrevMatch matches letters a against words[w][i:], where word w has
// already given a letter if i > 0.
func topicAbbrevMatch(a []rune, words []string, w, i int) bool {
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
		return len(word) > 0 && word[0] == a[0] && topicAbbrevMatch(a[1:], words, w, 1)
	}
	// Take the next letter later in this word, or move to the next word.
	for k := i; k < len(word); k++ {
		if word[k] == a[0] && topicAbbrevMatch(a[1:], words, w, k+1) {
			return true
		}
	}
	return topicAbbrevMatch(a, words, w+1, 0)
}

// topicWorthy applies the rules a candidate must pass whatever the others:
// it is written as a word somewhere (not only inside a camelCase name), and
// a single word is either an acronym of three letters or more or a word
// that is prominent (in the title, or repeated) in at least half of its
// papers, which is what separates "overfitting" from "despite".
func topicWorthy(c *topicCandidate) bool {
	if c.wordDF == 0 {
		return false
	}
	if c.words > 1 {
		return true
	}
	q := topicProminence(c.titleDF, c.repDF, c.df)
	if c.acronym {
		letters := 0
		for _, r := range c.display {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		first, _ := utf8.DecodeRuneInString(c.display)
		return letters >= 3 && unicode.IsLetter(first) && q >= topicMinProminenceAcronym
	}
	return q >= topicMinProminence
}
