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

func TestCompoundsTrackRunes(t *testing.T) {
	// Runs of lower-case letters are taken whole; the spans and rune
	// offsets must be those of one letter at a time.
	text := "Schrödinger's fine-tuning of AutoLoRA"
	var tok Tokenizer
	tok.TrackRunes = true
	type span struct {
		folded string
		runes  []int32
		pieces []Piece
	}
	var got []span
	tok.Compounds(text, func() {
		got = append(got, span{string(tok.Folded), slices.Clone(tok.RuneAt), slices.Clone(tok.Pieces)})
	})
	want := []span{
		{"schrodinger", []int32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, []Piece{{0, 11, 0, 11, 0, 11, true}}},
		{"finetuning", []int32{14, 15, 16, 17, 19, 20, 21, 22, 23, 24}, []Piece{{0, 4, 0, 4, 14, 18, true}, {4, 10, 4, 10, 19, 25, true}}},
		{"of", []int32{26, 27}, []Piece{{0, 2, 0, 2, 26, 28, true}}},
		{"autolora", []int32{29, 30, 31, 32, 33, 34, 35, 36}, []Piece{{0, 4, 0, 4, 29, 33, true}, {4, 6, 4, 6, 33, 35, false}, {6, 8, 6, 8, 35, 37, false}}},
	}
	if len(got) != len(want) {
		t.Fatalf("%d compounds, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].folded != want[i].folded || !slices.Equal(got[i].runes, want[i].runes) || !slices.Equal(got[i].pieces, want[i].pieces) {
			t.Errorf("compound %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
