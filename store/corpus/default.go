package corpus

import (
	_ "embed"
	"strings"

	"github.com/papertui/papers/model"
)

// defaultCorpus is a saved trending-papers page, so the app has papers to
// show before the user loads any.
//
//go:embed default_corpus.txt
var defaultCorpus string

// Default parses the built-in corpus (202 papers in trending order),
// with Sources ["built-in"]. Each call returns fresh papers the caller may
// modify.
func Default() ([]model.Paper, error) {
	return Parse("built-in", strings.NewReader(defaultCorpus))
}
