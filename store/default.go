package store

import (
	_ "embed"
	"strings"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/corpus"
)

// defaultCorpus is a saved trending-papers page, so the app has papers to
// show before the user loads any. It is embedded here rather than in
// package corpus because model's tests and synthetic corpus read the file
// at store/default_corpus.txt.
//
//go:embed default_corpus.txt
var defaultCorpus string

// DefaultCorpus parses the built-in corpus (202 papers in trending order),
// with Sources ["built-in"]. Each call returns fresh papers the caller may
// modify.
func DefaultCorpus() ([]model.Paper, error) {
	return corpus.Parse("built-in", strings.NewReader(defaultCorpus))
}
