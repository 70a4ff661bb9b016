package model_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/internal/lex"
	"github.com/papertui/papers/model/related"
	"github.com/papertui/papers/model/topics"
)

// Search, topic mining, related papers and the BibTeX export must agree on
// what one word is, or a topic would name a word search cannot find. Each
// case lists the compounds of a text (hyphenated parts together) as
// written; every reader must find exactly these.
var wordCases = []struct {
	text      string
	compounds []string
}{
	{"AutoLoRa", []string{"AutoLoRa"}},
	{"fine-tuning", []string{"fine-tuning"}},
	{"Schrödinger equation", []string{"Schrödinger", "equation"}},
	{"Schro\u0308dinger", []string{"Schro\u0308dinger"}}, // a combining mark, decomposed
	{"S^{2}FT", []string{"S", "2", "FT"}},
	{"LoRA+ and QLoRA", []string{"LoRA", "and", "QLoRA"}},
	{"e.g. this", []string{"e", "g", "this"}},
	{"ViT-B/16", []string{"ViT-B", "16"}},
	{"GPT-4o, 1.5B and 3D", []string{"GPT-4o", "1", "5B", "and", "3D"}},
	{"LoRA's rank", []string{"LoRA", "rank"}}, // a possessive is its word
	{"don't", []string{"don", "t"}},
	{"models’ outputs", []string{"models", "outputs"}},
	{"β-VAE and Αυτοκωδικοποιητές", []string{"β-VAE", "and", "Αυτοκωδικοποιητές"}},
	{"大语言模型的微调", []string{"大语言模型的微调"}}, // no dictionary: one run of letters
	{"state-of-the-art", []string{"state-of-the-art"}},
	{"fine–tuning", []string{"fine", "tuning"}}, // an en dash separates
	{"non‑breaking", []string{"non‑breaking"}},  // a non-breaking hyphen joins
	{"x -- y, -lead trail-", []string{"x", "y", "lead", "trail"}},
	{"٣ arabic digits", []string{"٣", "arabic", "digits"}},
}

// indexCompounds is how the search index splits text.
func indexCompounds(text string) []string {
	var tok lex.Tokenizer
	runes := []rune(text)
	var out []string
	tok.Compounds(text, func() {
		out = append(out, string(runes[tok.Pieces[0].RStart:tok.Pieces[len(tok.Pieces)-1].REnd]))
	})
	return out
}

// hyphenParts splits a compound at its hyphens.
func hyphenParts(compound string) []string { return strings.FieldsFunc(compound, lex.IsHyphen) }

// foldWord folds a word as the index stores it: marks are dropped.
func foldWord(w string) string {
	var b strings.Builder
	for _, r := range w {
		if lex.Classify(r) != lex.KindMark {
			b.WriteRune(model.FoldRune(r))
		}
	}
	return b.String()
}

// exportWords are the runs of word runes BibTeX export sees; the s of a
// possessive is its own run there, and belongs to no word elsewhere.
func exportWords(text string) []string {
	var out []string
	start := -1
	for i, r := range text + " " {
		switch {
		case model.IsWordRune(r) && start < 0:
			start = i
		case !model.IsWordRune(r) && start >= 0:
			before, _ := utf8.DecodeLastRuneInString(text[:start])
			if w := text[start:i]; w != "s" || before != '\'' && before != '’' {
				out = append(out, w)
			}
			start = -1
		}
	}
	return out
}

func TestEveryReaderAgreesOnWords(t *testing.T) {
	for _, c := range wordCases {
		var parts, relatedWant []string
		for _, comp := range c.compounds {
			ps := hyphenParts(comp)
			parts = append(parts, ps...)
			for _, p := range ps {
				relatedWant = append(relatedWant, foldWord(p))
			}
			if len(ps) > 1 {
				relatedWant = append(relatedWant, foldWord(strings.Join(ps, "")))
			}
		}
		if got := indexCompounds(c.text); !slices.Equal(got, c.compounds) {
			t.Errorf("search reads %q as %q, want %q", c.text, got, c.compounds)
		}
		if got := topics.Words(c.text); !slices.Equal(got, c.compounds) {
			t.Errorf("topics read %q as %q, want %q", c.text, got, c.compounds)
		}
		if got := related.Words(c.text); !slices.Equal(got, relatedWant) {
			t.Errorf("related papers read %q as %q, want %q", c.text, got, relatedWant)
		}
		if got := exportWords(c.text); !slices.Equal(got, parts) {
			t.Errorf("export reads %q as %q, want %q", c.text, got, parts)
		}
	}
}
