package topics

import (
	"github.com/papertui/papers/model"
)

// categoriesPerPaper bounds the categories shown for one paper, primary
// first: cross-listings beyond a few say little.
const categoriesPerPaper = 2

// categoryTopics makes one topic per arXiv category found in the papers.
func categoryTopics(papers model.PaperSet) []Topic {
	index := map[string]int{}
	var out []Topic
	for p := range papers.Len() {
		for _, c := range papers.Paper(p).Categories {
			code := model.CleanLine(c)
			key, err := model.NormalizeTag(code)
			if err != nil {
				continue
			}
			i, ok := index[key]
			if !ok {
				i = len(out)
				index[key] = i
				out = append(out, Topic{Name: model.CategoryDisplayName(code), Key: key, Kind: Category})
			}
			if ps := out[i].Papers; len(ps) == 0 || ps[len(ps)-1] != int32(p) {
				out[i].Papers = append(out[i].Papers, int32(p))
			}
		}
	}
	return out
}
