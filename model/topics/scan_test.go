package topics

import (
	"slices"
	"testing"

	"github.com/papertui/papers/model/synthetic"
)

// The fast ASCII path of the scanner must agree with the general one on
// every compound: it is an optimisation, not a second definition.
func TestTopicScannerFastPathAgrees(t *testing.T) {
	texts := []string{
		"LoRA-based fine-tuning of LLMs' weights: ViTs, GANs and the AutoLoRA, SLoRA family.",
		"Studies of classes, patches and biases; x-rays and ai-gps; state-of-the-art CIFAR-10 (top-1).",
		"Café au lait, naïve Bayes, Gödel's theorem — and “quotes” ‐ with odd hyphens‑too.",
		"Fine-Tuning Pre-Trained Models' Robustness With Self-Supervised Pre-training's help.",
		"https://github.com/x/y www.site.org/page e.g. i.e. 3.14 and/or A/B tests.",
	}
	for _, p := range topicSeed(t) {
		texts = append(texts, p.Title, p.Abstract)
	}
	for _, p := range synthetic.Papers(200, 3) {
		texts = append(texts, p.Title, p.Abstract)
	}
	fast, general := newPassScanner(), newScanner()
	for _, text := range texts {
		fast.scan(text)
		general.scan(text)
		if len(fast.comps) != len(general.comps) || len(fast.extras) != len(general.extras) {
			t.Fatalf("%q: %d/%d compounds, %d/%d extras", text, len(fast.comps), len(general.comps), len(fast.extras), len(general.extras))
		}
		for i := range fast.comps {
			a, b := fast.comps[i], general.comps[i]
			// The fast path keeps the key's length, not its bytes.
			a.key0, a.key1 = 0, a.key1-a.key0
			b.key0, b.key1 = 0, b.key1-b.key0
			if a != b {
				t.Errorf("%q: compound %d is %+v on the fast path, %+v on the general one", text, i, a, b)
			}
		}
	}
}

func TestTopicScannerKeys(t *testing.T) {
	sc := newScanner()
	for text, want := range map[string][]string{
		"Vision-Language Models":        {"visionlanguage", "model"},
		"vision language model":         {"vision", "language", "model"},
		"LLMs and LLM's":                {"llm", "and", "llm"},
		"studies of classes":            {"study", "of", "class"},
		"Fine-tuning, finetuning":       {"finetuning", "finetuning"},
		"see https://github.com/a/b ok": {"see", "ok"},
	} {
		sc.scan(text)
		var got []string
		for _, c := range sc.comps {
			got = append(got, string(sc.keys[c.key0:c.key1]))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q gives keys %q, want %q", text, got, want)
		}
	}
	// Acronyms inside compounds are found too.
	sc.scan("Online-LoRA and AutoLoRA use FireBERT")
	var extras []string
	for _, e := range sc.extras {
		extras = append(extras, string(sc.keys[e.key0:e.key1]))
	}
	if want := []string{"lora", "lora", "bert"}; !slices.Equal(extras, want) {
		t.Errorf("extras %q, want %q", extras, want)
	}
}
