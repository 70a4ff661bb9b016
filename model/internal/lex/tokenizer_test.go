package lex

import (
	"slices"
	"testing"
)

func indexWordsOf(text string) []string {
	var t Tokenizer
	var out []string
	t.ForEachIndexWord(text, func(w []byte, _ int) { out = append(out, string(w)) })
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
	if len(huge) != 1 || len(huge[0]) > MaxWordBytes {
		t.Errorf("long word not truncated: %q", huge)
	}
}
