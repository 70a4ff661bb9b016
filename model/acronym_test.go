package model

import (
	"strings"
	"testing"

	"github.com/papertui/papers/model/internal/lex"
)

// The bit-parallel check and the rune aligner must agree: the aligner is
// the readable definition of the run rule, the automaton the fast one.
func TestAcronymFastPathAgreesWithAligner(t *testing.T) {
	papers, err := seedPapers()
	if err != nil {
		t.Fatal(err)
	}
	terms := []string{"lrlf", "lora", "lorlea", "afl", "ft", "llm", "vlm", "rfa", "dora", "pefft", "xq", "aa", "tt", "ss", "mmm", "clip", "lrla"}
	var st acronymState
	var tok lex.Tokenizer
	tok.TrackRunes = true
	checked := 0
	for _, term := range terms {
		pattern := newAcronymPattern(term)
		for _, p := range papers {
			fast, ok := pattern.matchASCII(&st, p.Title)
			if !ok {
				continue
			}
			checked++
			slow := alignRuns(&tok, p.Title, term) != nil
			if fast != slow {
				t.Errorf("term %q, title %q: automaton says %v, aligner says %v", term, p.Title, fast, slow)
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d ASCII title checks: the fast path is not being exercised", checked)
	}
}

func FuzzAcronymFastPath(f *testing.F) {
	f.Add("LoRA Learns Less and Forgets Less", "lrlf")
	f.Add("AutoLoRa: A Parameter-Free Automated Robust Fine-Tuning Framework", "alrf")
	f.Add("ResNet50-v2 GPT-4o x", "rn5")
	f.Fuzz(func(t *testing.T, title, term string) {
		// Query terms are folded letters and digits (see queryWords).
		term = Fold(term)
		if term == "" || len(term) > 20 || strings.Trim(term, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
			return
		}
		var st acronymState
		var tok lex.Tokenizer
		tok.TrackRunes = true
		fast, ok := newAcronymPattern(term).matchASCII(&st, title)
		if !ok {
			return
		}
		slow := alignRuns(&tok, title, term) != nil
		if fast != slow {
			t.Fatalf("title %q term %q: automaton %v aligner %v", title, term, fast, slow)
		}
	})
}

func TestAlignRunsPositions(t *testing.T) {
	var tok lex.Tokenizer
	tok.TrackRunes = true
	cases := []struct {
		title, term string
		want        []int
	}{
		{"LoRA Learns Less and Forgets Less", "lrlf", []int{0, 2, 5, 21}},
		{"LoRA Learns Less", "lorlea", []int{0, 1, 2, 5, 6, 7}},
		{"Schrödinger Bridges", "schrob", []int{0, 1, 2, 3, 4, 12}},
		{"Fine-Tuning", "ft", []int{0, 5}},
		{"Fine-Tuning", "fx", nil},
		{"Learning", "ln", nil}, // n is inside the word
	}
	for _, c := range cases {
		got := alignRuns(&tok, c.title, c.term)
		if len(got) != len(c.want) {
			t.Errorf("alignRuns(%q, %q) = %v, want %v", c.title, c.term, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("alignRuns(%q, %q) = %v, want %v", c.title, c.term, got, c.want)
				break
			}
		}
	}
}
