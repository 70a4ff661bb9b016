package synthetic

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/papertui/papers/model"
)

// Seed returns the default corpus, read straight from the store package's
// file (model cannot import store): two boilerplate lines, then title and
// abstract lines, "Subscribe" glued to the first title. Tests with exact
// expectations (topic lists, related papers) run on it.
var Seed = sync.OnceValues(func() ([]model.Paper, error) {
	_, here, _, _ := runtime.Caller(0)
	data, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "..", "store", "default_corpus.txt"))
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")[2:]
	lines[0] = strings.TrimPrefix(lines[0], "Subscribe")
	var papers []model.Paper
	for i := 0; i+1 < len(lines); i += 2 {
		p := model.Paper{Title: model.CleanLine(lines[i]), Abstract: model.CleanLine(lines[i+1])}
		p.AssignIDs()
		papers = append(papers, p)
	}
	return papers, nil
})
