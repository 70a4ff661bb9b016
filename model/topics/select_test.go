package topics

import (
	"testing"
)

func TestTopicAbbreviates(t *testing.T) {
	for _, c := range []struct {
		acronym, phrase string
		want            bool
	}{
		{"LoRA", "low-rank adaptation", true},
		{"PEFT", "parameter-efficient fine-tuning", true},
		{"VLMs", "vision-language models", true},
		{"LLMs", "large language models", true},
		{"OOD", "out-of-distribution", true},
		{"GAN", "generative adversarial networks", true},
		{"LoRA", "adversarial training", false},
		{"CLIP", "low-rank adaptation", false},
		{"SFT", "supervised learning", false},
		{"adversarial", "adversarial training", false},
	} {
		if got := isAbbreviation(c.acronym, c.phrase); got != c.want {
			t.Errorf("isAbbreviation(%q, %q) = %v", c.acronym, c.phrase, got)
		}
	}
}
