package topics

import (
	"strings"
	"sync"

	"github.com/papertui/papers/model/internal/lex"
)

// wordClass says what part a word may play in a topic phrase.
type wordClass uint8

const (
	classPlain     wordClass = iota // may be anywhere, or a topic alone
	classStop                       // function word: breaks phrases
	classGeneric                    // academic boilerplate: breaks phrases
	classHead                       // "model", "learning": may be in a phrase, never a topic alone
	classModifier                   // "large", "efficient": may start a phrase, never end one
	classAdjective                  // "adversarial", "supervised": like a modifier, but says what the phrase is about
	classNumber                     // no letters at all
)

// genericWords are the boilerplate of abstracts: words any paper may
// use whatever its subject. They never take part in a topic.
var genericWords = `paper papers work works study studies method methods approach approaches
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

// headWords may end (or start) a phrase but say too little alone:
// "learning" is no topic, "continual learning" is.
var headWords = `model models learning training fine-tuning finetuning tuning
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

// modifierWords are general adjectives: they may start a phrase but
// not end one or stand alone, and a modifier followed by a head noun is no
// topic ("large models", "efficient training").
var modifierWords = `large small deep efficient robust simple effective strong weak
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

// adjectiveWords are adjectives that say what a phrase is about
// ("sparse fine-tuning", "latent diffusion") but are no tag alone. Most
// such adjectives are found by their ending (adjectiveSuffixes).
var adjectiveWords = `sparse dense latent hidden noisy random online offline
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

// verbWords are verbs of abstracts. They, their -s and -ing forms are
// boilerplate ("predicting", "aligns"); their -ed forms are adjectives
// already. Verbs whose -ing form names a subject ("learning", "pruning",
// "forgetting", "merging", "prompting") are deliberately absent.
var verbWords = `accomplish account act add adjust adopt affect aid align allocate
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

// vagueNouns are nouns too vague for a tag, whatever the field.
var vagueNouns = `top bottom view recipe pitfall strength weakness phase stage step
round cue lens light look line side hand half point bit lot kind sort thing
something anything everything nothing one day year period moment world life
people person sense mind eye sight option choice detail attempt effort trend
tool way means lesson takeaway story picture reason hint clue spirit nature
essence core heart basis term formulation enhancement operation balance
transferring`

// gerunds returns the -ing forms of the verbs: "compose" →
// "composing", "fit" → "fitting"; doubtful spellings are added too, they
// are harmless.
func gerunds(verbs string) string {
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

var wordClasses = sync.OnceValue(func() map[uint64]wordClass {
	classes := map[uint64]wordClass{}
	var sc scanner
	add := func(words string, class wordClass) {
		for _, w := range strings.Fields(words) {
			sc.scan(w)
			if len(sc.comps) == 1 {
				c := sc.comps[0]
				h := lex.Hash(sc.keys[c.key0:c.key1])
				if _, ok := classes[h]; !ok || class == classStop || class == classGeneric {
					classes[h] = class
				}
			}
		}
	}
	add(adjectiveWords, classAdjective)
	add(modifierWords, classModifier)
	add(headWords, classHead)
	add(vagueNouns, classGeneric)
	add(verbWords, classGeneric)
	add(gerunds(verbWords), classGeneric)
	add(genericWords, classGeneric)
	add(lex.StopWords, classStop)
	return classes
})

// adjectiveSuffixes mark words that are adjectives or adverbs far more
// often than nouns. A tag names a thing, so such a word may start a phrase
// ("supervised fine-tuning", "generative models") but is no tag alone.
var adjectiveSuffixes = []string{"ly", "ed", "ive", "ous", "ful", "able", "ible", "al", "ent", "ant"}

// adjectiveNouns are nouns with those endings.
var adjectiveNouns = map[string]bool{
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

// adjectival reports whether a folded word ends like an adjective or an
// adverb (see adjectiveSuffixes).
func adjectival(key []byte) bool {
	if len(key) < 5 || adjectiveNouns[string(key)] {
		return false
	}
	for _, suffix := range adjectiveSuffixes {
		if lex.HasSuffix(key, suffix) {
			switch suffix {
			case "ed":
				return !lex.HasSuffix(key, "eed")
			case "ent":
				return !lex.HasSuffix(key, "ment") // "alignment", "embedding" are nouns
			}
			return true
		}
	}
	return false
}
