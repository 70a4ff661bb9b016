package topics

import (
	"slices"
	"testing"

	"github.com/papertui/papers/model/internal/lex"
)

func TestDocSetMarksRepeats(t *testing.T) {
	a, b := keyOf(lex.Hash([]byte("lora"))), keyOf(lex.Hash([]byte("clip")))
	got := docSet([]uint64{a, b | flagTitle, a})
	want := []uint64{a | flagRepeat, b | flagTitle}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("docSet = %x, want %x", got, want)
	}
}
