package model

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/papertui/papers/model/internal/lex"
)

// TestHoldsPhraseAgreesWithMatchPhrase: the filtering pass finds a phrase
// exactly where the highlighting one does, over every title and abstract
// of the seed corpus and phrases that occur, glue or nearly occur.
func TestHoldsPhraseAgreesWithMatchPhrase(t *testing.T) {
	phrases := [][]string{
		{"language", "model"}, {"low", "rank"}, {"lowrank"}, {"fine", "tun"}, {"of", "the"},
		{"neural", "network"}, {"large", "language", "models"}, {"re", "inforcement"}, {"a"},
		{"diffusion", "model"}, {"model", "language"}, {"zzz", "qqq"}, {"state", "of", "the", "art"},
	}
	var tok lex.Tokenizer
	var open []int
	found := 0
	for _, p := range seedSearcher(t).Index().Papers() {
		for _, text := range []string{p.Title, p.Abstract, strings.ToUpper(p.Title)} {
			for _, words := range phrases {
				want, _ := matchPhrase(&tok, text, words, false)
				if got := holdsPhrase(&tok, text, strings.Join(words, ""), &open); got != want {
					t.Fatalf("%q in %q: holdsPhrase %v, matchPhrase %v", words, text, got, want)
				}
				if want {
					found++
				}
			}
		}
	}
	if found < 100 {
		t.Fatalf("only %d phrase occurrences: the test checks too little", found)
	}
}

// TestNarrowToPhraseKeepsEveryHolder: the index lookups that spare a
// phrase search from reading papers never drop one whose field holds the
// phrase, for phrases taken from the corpus itself and then split ("net
// work"), glued ("finetuning") or cut short, over the seed corpus and
// papers written to glue, split, hyphenate, accent and overrun words.
func TestNarrowToPhraseKeepsEveryHolder(t *testing.T) {
	seed, err := seedPapers()
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 60)
	papers := append(slices.Clone(seed),
		Paper{Title: "Net Work of Neural-Networks", Abstract: "A neuralnetwork and a neural net work; NeuralNetWork."},
		Paper{Title: "Fine-Tuning LoRA's adapters", Abstract: "fine tuning, finetuning and Fine-tuned models"},
		Paper{Title: "Schrödinger Bridges", Abstract: "schrodinger bridge problems in the Schrö dinger sense"},
		Paper{Title: "Words " + long + "y overrun", Abstract: long + "yz " + long + " yz"},
	)
	for i := range papers {
		papers[i].Authors = []string{"Ada Lovelace", "Jean-Luc Godard"}
	}
	ix, err := BuildIndex(context.Background(), papers)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSearcher(ix)
	phrases := [][]string{
		{"neural", "network"}, {"net", "work"}, {"neural", "net", "work"}, {"neu", "ralnetwork"},
		{"fine", "tuning"}, {"fi", "netuning"}, {"lora", "s"}, {"lora", "adapters"}, {"schro", "dinger"},
		{"schrodinger", "bridge"}, {long, "y"}, {long + "y", "z"}, {"words", long}, {"ada", "lovelace"},
		{"jean", "luc", "godard"}, {"luc", "go"}, {"state", "of", "the", "art"}, {"of", "the"}, {"a", "n"},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var tok lex.Tokenizer
	for _, p := range seed {
		var words []string
		tok.ForEachIndexWord(p.Abstract, func(w []byte, _ int) { words = append(words, string(w)) })
		if len(words) < 4 {
			continue
		}
		k := rng.IntN(len(words) - 3)
		phrase := slices.Clone(words[k : k+2+rng.IntN(2)])
		switch w := phrase[0]; rng.IntN(4) {
		case 0: // split the first word
			if len(w) > 2 {
				cut := 1 + rng.IntN(len(w)-1)
				phrase = append([]string{w[:cut], w[cut:]}, phrase[1:]...)
			}
		case 1: // glue the first two
			phrase = append([]string{w + phrase[1]}, phrase[2:]...)
			if len(phrase) == 1 {
				phrase = append(phrase, "a")
			}
		case 2: // cut the last short, as while typing
			if last := phrase[len(phrase)-1]; len(last) > 1 {
				phrase[len(phrase)-1] = last[:1+rng.IntN(len(last)-1)]
			}
		}
		phrases = append(phrases, phrase)
	}
	var open []int
	held := 0
	for _, words := range phrases {
		letters := strings.Join(words, "")
		for f := Field(0); f < numFields; f++ {
			kept := NewBitset(ix.Len())
			kept.Fill(ix.Len())
			s.narrowToPhrase(kept, f, words, letters)
			for i, p := range papers {
				texts := []string{p.Title}
				switch f {
				case FieldAbstract:
					texts = []string{p.Abstract}
				case FieldAuthor:
					texts = p.Authors
				}
				for _, text := range texts {
					if !holdsPhrase(&tok, text, letters, &open) {
						continue
					}
					held++
					if !kept.Has(i) {
						t.Fatalf("%q in field %d of %q: dropped without reading", words, f, text)
					}
				}
			}
		}
	}
	if held < 200 {
		t.Fatalf("only %d fields hold a phrase: the test checks too little", held)
	}
}
