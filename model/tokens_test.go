package model

import (
	"slices"
	"testing"
)

func indexWordsOf(text string) []string {
	var t tokenizer
	var out []string
	t.forEachIndexWord(text, func(w []byte, _ int) { out = append(out, string(w)) })
	return out
}

func TestIndexWords(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"LoRA Learns Less", []string{"lora", "learns", "less"}},
		{"fine-tuning", []string{"fine", "finetuning", "tuning"}},
		{"AutoLoRa", []string{"autolora", "lora"}},
		{"LoRA-based", []string{"lora", "lorabased", "based"}},
		{"LLMAgent", []string{"llmagent", "agent"}},
		{"ResNet50", []string{"resnet50", "net50"}},
		{"GPT-4", []string{"gpt", "gpt4", "4"}},
		{"Balázs", []string{"balazs"}},
		{"LoRA's results", []string{"lora", "results"}},
		{"x -- y", []string{"x", "y"}},
		{"1.5B", []string{"1", "5b"}},
		{"-lead trail-", []string{"lead", "trail"}},
	}
	for _, c := range cases {
		if got := indexWordsOf(c.text); !slices.Equal(got, c.want) {
			t.Errorf("indexWords(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestIndexWordsBoundLongTokens(t *testing.T) {
	long := "a-b-c-d-e-f-g"
	for _, w := range indexWordsOf(long) {
		if len(w) > 1 {
			t.Errorf("compound of 7 parts should not be joined, got %q", w)
		}
	}
	huge := indexWordsOf(string(make([]byte, 0)) + "x" + string(slices.Repeat([]byte("é"), 100)))
	if len(huge) != 1 || len(huge[0]) > maxWordBytes {
		t.Errorf("long word not truncated: %q", huge)
	}
}

// A combining mark right after a hyphen ("T-\u0301") started an empty
// piece, and indexing the title panicked (index out of range).
func TestBuildIndexMarkAfterHyphen(t *testing.T) {
	for _, title := range []string{"T-\u0301 lora", "a-\u0301b", "x-\u0301"} {
		if _, err := BuildIndex(t.Context(), []Paper{{ID: "p", Title: title}}); err != nil {
			t.Fatal(err)
		}
		_ = indexWordsOf(title)
	}
	if got := indexWordsOf("a-\u0301b"); !slices.Equal(got, []string{"a", "ab", "b"}) {
		t.Errorf("indexWords(a-mark-b) = %q", got)
	}
}
