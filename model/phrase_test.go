package model

import (
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
