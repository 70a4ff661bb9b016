package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/papertui/papers/model"
)

const apiErrorFeed = `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>https://arxiv.org/</id><title>arXiv Search Results</title>
<entry><id>https://arxiv.org/api/errors#incorrect_id_format_for_abc</id><title>Error</title>
<summary>incorrect id format for abc</summary><author><name>arXiv api core</name></author></entry></feed>`

const emptyFeed = `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>https://arxiv.org/api/x</id><title>arXiv Query: id_list=0000.0000</title></feed>`

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func warningStrings(warnings []error) []string {
	var out []string
	for _, w := range warnings {
		out = append(out, w.Error())
	}
	slices.Sort(out)
	return out
}

// One arXiv error feed, or one JSON Lines file cut off mid-line, in a
// folder stopped the whole load. Now a failing file is a warning naming it,
// a cut-off file loads its complete lines, and the rest loads.
func TestDirectoryLoadSurvivesBadFiles(t *testing.T) {
	dir := t.TempDir()
	cut := oaiLine("2401.00001", "First", "A") + "\n" + oaiLine("2401.00002", "Second", "B") + "\n" + oaiLine("2401.00003", "Third", "C")
	cut = cut[:len(cut)-20]
	writeFiles(t, dir, map[string]string{
		"a-error.xml":   apiErrorFeed,
		"b-cut.jsonl":   cut,
		"c-good.jsonl":  oaiLine("2401.00004", "Fourth", "D") + "\n",
		"d-broken.json": oaiLine("2401.00005", "Fifth", "E") + "\n{\"title\": x}\n" + oaiLine("2401.00006", "Sixth", "F") + "\n",
	})
	papers, warnings, err := Load([]string{dir})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got := paperTitles(papers); !slices.Equal(got, []string{"First", "Second", "Fourth"}) {
		t.Errorf("titles = %q", got)
	}
	want := []string{
		filepath.Join(dir, "a-error.xml") + ": arXiv API error: incorrect id format for abc",
		filepath.Join(dir, "b-cut.jsonl") + ":3: " + errTruncated.Error(),
		filepath.Join(dir, "d-broken.json") + ":2: ",
	}
	got := warningStrings(warnings)
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || !strings.HasPrefix(got[2], want[2]) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Named alone, the cut-off file still loads its complete lines; the
	// error feed is an error.
	papers, warnings, err = Load([]string{filepath.Join(dir, "b-cut.jsonl")})
	if err != nil || len(papers) != 2 || len(warnings) != 1 || !IsWarning(warnings[0]) {
		t.Errorf("cut-off file alone: %d papers, warnings %v, err %v", len(papers), warnings, err)
	}
	if _, _, err = Load([]string{filepath.Join(dir, "a-error.xml")}); err == nil {
		t.Error("error feed named alone loaded")
	}
}

// A feed without entries and an empty folder loaded nothing and said
// nothing.
func TestNoPapersIsSaid(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o700); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"zero.xml": emptyFeed})
	feed := filepath.Join(dir, "zero.xml")
	for _, path := range []string{feed, empty} {
		papers, warnings, err := Load([]string{path})
		if err != nil || len(papers) != 0 || !slices.Equal(warningStrings(warnings), []string{"no papers in " + path}) {
			t.Errorf("%s: %d papers, warnings %v, err %v", path, len(papers), warnings, err)
		}
	}
	// Streaming (search) says it too for an empty folder.
	warnings, err := Stream([]string{empty}, nil, func(batch []model.Paper) bool { return true })
	if err != nil || len(warnings) != 1 {
		t.Errorf("Stream: warnings %v, err %v", warnings, err)
	}
}
