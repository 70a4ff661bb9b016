package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/internal/storetest"
)

// Run each target with, for example:
//
//	go test ./store/corpus -run '^$' -fuzz '^FuzzParseCorpus$' -fuzztime 10s
//
// Crashers land in testdata/fuzz/<Target>/ and then run as regression
// inputs with every `go test`.

// seedInputs are the inputs every fuzz target starts from: records cut
// from the built-in corpus, the hand-made fixtures and, when present, the
// shared samples. Whole files as seeds made some targets run a dozen
// inputs in 30 s: each mutation re-parsed megabytes.
func seedInputs(tb testing.TB) [][]byte {
	seeds := [][]byte{smallSeed([]byte(defaultCorpus)), []byte(atom2026Entry)}
	for _, pattern := range []string{filepath.Join(fixtureDir, "*"), filepath.Join(sharedDataDir, "*", "*")} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			if data, err := os.ReadFile(f); err == nil {
				seeds = append(seeds, smallSeed(data))
			}
		}
	}
	return append(seeds,
		[]byte(oaiLine("2401.00001", `T\'e{x} $\alpha^{2}$ -- \"o`, "A and B (C), D")+"\n\n{"),
		[]byte(`[{"paper":{"id":"2606.1","title":"T","summary":"s","authors":[{"name":"A"}],"githubRepo":"github.com/x/y"},"title":"T"}]`),
		[]byte("Title\n"+strings.Repeat("word ", 30)+"end.\n"),
	)
}

// maxSeedBytes bounds a fuzz seed: a few records of any format.
const maxSeedBytes = 8 << 10

// smallSeed cuts a real file down to a few records that keep its format:
// an Atom feed to its first entry, a JSON array to its first element,
// text and JSON Lines to their first lines.
func smallSeed(data []byte) []byte {
	if len(data) <= maxSeedBytes {
		return data
	}
	if end := bytes.Index(data, []byte("</entry>")); end >= 0 && end < 1<<16 {
		return append(data[:end+len("</entry>"):end+len("</entry>")], "\n</feed>\n"...)
	}
	var array []json.RawMessage
	if json.Unmarshal(data, &array) == nil && len(array) > 0 && len(array[0]) < maxSeedBytes {
		return append(append([]byte("[\n"), array[0]...), "\n]\n"...)
	}
	cut := data[:maxSeedBytes]
	if nl := bytes.LastIndexByte(cut, '\n'); nl > 0 {
		cut = cut[:nl+1]
	}
	return cut
}

// checkResult asserts the invariants of every parse: a failure is a
// *LoadError, and success gives safe, identified, unique papers.
func checkResult(t *testing.T, papers []model.Paper, err error) {
	t.Helper()
	if err != nil && !IsWarning(err) {
		var lerr *LoadError
		if !errors.As(err, &lerr) {
			t.Fatalf("error %v is not a *LoadError", err)
		}
		if papers != nil {
			t.Fatal("papers returned with an error")
		}
		return
	}
	seen := map[string]bool{}
	for i := range papers {
		if problem := storetest.PaperProblem(&papers[i]); problem != nil {
			t.Fatalf("paper %d: %v", i, problem)
		}
		if seen[papers[i].ID] {
			t.Fatalf("ID %q twice after merging", papers[i].ID)
		}
		seen[papers[i].ID] = true
	}
}

func FuzzParseCorpus(f *testing.F) {
	for _, s := range seedInputs(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		papers, err := Parse("fuzz", bytes.NewReader(data))
		checkResult(t, papers, err)
	})
}

func FuzzTrendingText(f *testing.F) {
	for _, s := range seedInputs(f) {
		f.Add(string(s))
	}
	f.Fuzz(func(t *testing.T, data string) {
		papers, err := parseTrendingText("fuzz", data, nil)
		checkResult(t, papers, err)
	})
}

func FuzzArxivJSONL(f *testing.F) {
	for _, s := range seedInputs(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		papers, err := parseArxivJSONL("fuzz", bytes.NewReader(data), nil)
		checkResult(t, papers, err)
	})
}

func FuzzArxivAtom(f *testing.F) {
	for _, s := range seedInputs(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		papers, err := parseArxivAtom("fuzz", data)
		checkResult(t, papers, err)
	})
}

func FuzzHFDaily(f *testing.F) {
	for _, s := range seedInputs(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		papers, err := parseHFDaily("fuzz", data)
		checkResult(t, papers, err)
	})
}

// FuzzOAIScanner checks the fast JSON scanner against encoding/json: what
// the scanner accepts, encoding/json must accept, with the same fields.
func FuzzOAIScanner(f *testing.F) {
	for _, s := range seedInputs(f) {
		for _, line := range bytes.Split(s, []byte{'\n'}) {
			if len(line) > 0 && line[0] == '{' && len(line) < 1<<16 {
				f.Add(line)
			}
		}
	}
	f.Add([]byte(`{"id":"1","title":"a","title":null,"versions":[null,{"created":"x"}]}`))
	f.Add([]byte(`{"Title":"case","id":"\ud83d\ude00\ud800","abstract":" a \n\t b ","x":[1,-0.5e+3,{"y":[true,false,null]}]}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		var fast, slow oaiRecord
		var scratch []byte
		if scanOAIRecord(line, &fast, &scratch) != nil {
			return // left to encoding/json
		}
		if err := json.Unmarshal(line, &slow); err != nil {
			t.Fatalf("scanner accepted what encoding/json rejects (%v): %q", err, line)
		}
		norm := func(r *oaiRecord) []string {
			out := []string{r.ID, r.Categories, r.DOI, r.UpdateDate}
			for _, text := range []string{r.Title, r.Abstract, r.Authors, r.Comments} {
				out = append(out, cleanField(text, false))
			}
			for _, v := range r.Versions {
				out = append(out, model.CleanLine(v.Created))
			}
			for i := range out[:4] {
				out[i] = model.CleanLine(out[i])
			}
			return out
		}
		if a, b := norm(&fast), norm(&slow); !slices.Equal(a, b) {
			t.Fatalf("scanner %q\njson    %q\ninput %q", a, b, line)
		}
		if fast.titleClean && model.CleanLine(fast.Title) != fast.Title {
			t.Fatalf("title marked clean but is not: %q", fast.Title)
		}
		if fast.abstractClean && model.CleanLine(fast.Abstract) != fast.Abstract {
			t.Fatalf("abstract marked clean but is not: %q", fast.Abstract)
		}
	})
}

// The fuzz seeds are small and still in their format, so that the targets
// run thousands of inputs a second and start from every format.
func TestFuzzSeedsAreSmall(t *testing.T) {
	formats := map[Format]int{}
	for _, s := range seedInputs(t) {
		if len(s) > maxSeedBytes+1<<10 {
			t.Errorf("seed of %d bytes starting %q", len(s), s[:min(len(s), 40)])
		}
		formats[DetectFormat(s)]++
	}
	for _, f := range []Format{FormatTrendingText, FormatArxivJSONL, FormatArxivAtom, FormatHFDaily} {
		if formats[f] == 0 {
			t.Errorf("no seed in %v", f)
		}
	}
}
