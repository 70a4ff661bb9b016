package model_test

import (
	"testing"

	"github.com/papertui/papers/model"
)

// A combining mark right after a hyphen ("T-\u0301") started an empty
// piece, and indexing the title panicked (index out of range).
func TestBuildIndexMarkAfterHyphen(t *testing.T) {
	for _, title := range []string{"T-\u0301 lora", "a-\u0301b", "x-\u0301"} {
		ix, err := model.BuildIndex(t.Context(), []model.Paper{{ID: "p", Title: title}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := model.NewSearcher(ix).Search(t.Context(), model.ParseQuery("a"), model.Facets{}, model.SortRelevance, 0); err != nil {
			t.Fatal(err)
		}
	}
}
