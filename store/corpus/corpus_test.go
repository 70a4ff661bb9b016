package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/internal/storetest"
)

// sharedDataDir is the directory of real sample files shared between
// projects; tests that need it skip when it is absent.
const sharedDataDir = "../../../shared/data"

// fixtureDir is this project's hand-made corpus files.
const fixtureDir = "../../testdata/corpus"

func sharedSample(t testing.TB, rel string) string {
	t.Helper()
	path := filepath.Join(sharedDataDir, rel)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared sample data not available (%s): %v", path, err)
	}
	return path
}

// defaultCorpus is the text of the built-in corpus, which package store
// embeds: a real trending page, the richest fixture of the text loader.
var defaultCorpus = func() string {
	data, err := os.ReadFile("../default_corpus.txt")
	if err != nil {
		panic(err)
	}
	return string(data)
}()

func paperTitles(papers []model.Paper) []string {
	out := make([]string, len(papers))
	for i, p := range papers {
		out[i] = p.Title
	}
	return out
}

func paperIDs(papers []model.Paper) []string {
	out := make([]string, len(papers))
	for i, p := range papers {
		out[i] = p.ID
	}
	return out
}

func writeTemp(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustParseCorpus(t *testing.T, name, content string) []model.Paper {
	t.Helper()
	papers, err := Parse(name, strings.NewReader(content))
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	storetest.CheckLoaded(t, papers)
	return papers
}

// TestSharedDataCounts loads every sample of a supported format with
// exactly the number of records SOURCES.md states.
func TestSharedDataCounts(t *testing.T) {
	cases := []struct {
		file   string
		format Format
		count  int
	}{
		{"arxiv-jsonl/arxiv-metadata-oai-snapshot-200.json", FormatArxivJSONL, 200},
		{"arxiv-atom/search-testing-100.xml", FormatArxivAtom, 100},
		{"arxiv-atom/search-transformer-5.xml", FormatArxivAtom, 5},
		{"arxiv-atom/legacy-search-au-del-maestro.xml", FormatArxivAtom, 10},
		{"arxiv-atom/legacy-id-list-1111.2011v2.xml", FormatArxivAtom, 1},
		{"arxiv-atom/zero-results.xml", FormatArxivAtom, 0},
		{"hf-daily-papers/daily-papers-30.json", FormatHFDaily, 30},
		{"arxiv-rss/arxiv_cs_ai.xml", FormatArxivRSS, 3},
		{"arxiv-rss/arxiv_cs_cl.xml", FormatArxivRSS, 3},
		{"arxiv-rss/arxiv_cs_lg.xml", FormatArxivRSS, 3},
		{"arxiv-digest/2026-01-23.txt", FormatArxivDigest, 5},
		{"arxiv-oai/listrecords-arxivraw-page1.xml", FormatOAIPMH, 3},
		{"arxiv-oai/listrecords-arxivraw-page2.xml", FormatOAIPMH, 3},
		{"arxiv-oai/listrecords-norecordsmatch.xml", FormatOAIPMH, 0},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			path := sharedSample(t, c.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := DetectFormat(data); got != c.format {
				t.Errorf("DetectFormat = %v, want %v", got, c.format)
			}
			papers, warnings, err := Load([]string{path})
			if c.count == 0 && len(warnings) == 1 && warnings[0].Error() == "no papers in "+path {
				warnings = nil // an empty feed is said to be empty
			}
			if err != nil || len(warnings) > 0 {
				t.Fatalf("Load: %v, warnings %v", err, warnings)
			}
			if len(papers) != c.count {
				t.Fatalf("got %d papers, want %d", len(papers), c.count)
			}
			storetest.CheckLoaded(t, papers)
			for _, p := range papers {
				if p.ArxivID == "" || p.ID != p.ArxivID || p.Link(model.LinkAbstract) != "https://arxiv.org/abs/"+p.ArxivID {
					t.Fatalf("%q: ArxivID %q, ID %q, links %v", p.Title, p.ArxivID, p.ID, p.Links)
				}
				if !slices.Equal(p.Sources, []string{path}) {
					t.Fatalf("Sources = %q", p.Sources)
				}
			}
		})
	}
}

func TestSharedDataErrors(t *testing.T) {
	t.Run("error feed", func(t *testing.T) {
		path := sharedSample(t, "arxiv-atom/error-400-feed.xml")
		papers, _, err := Load([]string{path})
		var lerr *LoadError
		if !errors.As(err, &lerr) || lerr.File != path {
			t.Fatalf("err = %v, want a LoadError for %s", err, path)
		}
		if !strings.Contains(err.Error(), "incorrect id format for abc") || papers != nil {
			t.Errorf("err = %v, papers = %d; want the API's message and no papers", err, len(papers))
		}
	})
}

func TestLoadErrorMessage(t *testing.T) {
	cause := errors.New("boom")
	withLine := &LoadError{File: "a.jsonl", Line: 3, Err: cause}
	if got := withLine.Error(); got != "a.jsonl:3: boom" {
		t.Errorf("Error() = %q", got)
	}
	if got := (&LoadError{File: "a.xml", Err: cause}).Error(); got != "a.xml: boom" {
		t.Errorf("Error() = %q", got)
	}
	if !errors.Is(withLine, cause) {
		t.Error("errors.Is does not see the cause")
	}
}

func TestLoadCorpusErrors(t *testing.T) {
	garbage := filepath.Join(fixtureDir, "garbage.bin")
	readme := filepath.Join(fixtureDir, "readme.md")
	prose := filepath.Join(fixtureDir, "prose.txt")
	missing := filepath.Join(t.TempDir(), "missing.jsonl")
	for _, path := range []string{garbage, readme, prose, missing} {
		papers, _, err := Load([]string{path})
		var lerr *LoadError
		if !errors.As(err, &lerr) || lerr.File != path || !strings.HasPrefix(err.Error(), path+": ") {
			t.Errorf("%s: err = %v, want a LoadError naming the file", path, err)
		}
		if papers != nil {
			t.Errorf("%s: %d papers returned with an error", path, len(papers))
		}
	}
	// A good file before a bad one does not make the load succeed.
	good := writeTemp(t, filepath.Join(t.TempDir(), "good.txt"), defaultCorpus)
	if _, _, err := Load([]string{good, garbage}); err == nil {
		t.Error("no error for a bad file after a good one")
	}
}

func TestLoadCorpusBrokenLine(t *testing.T) {
	path := filepath.Join(fixtureDir, "broken-line3.jsonl")
	_, _, err := Load([]string{path})
	var lerr *LoadError
	if !errors.As(err, &lerr) || lerr.Line != 3 || !strings.Contains(err.Error(), path+":3:") {
		t.Fatalf("err = %v, want %s:3: ...", err, path)
	}
}

func TestLoadCorpusDirectory(t *testing.T) {
	dir := t.TempDir()
	writeTemp(t, filepath.Join(dir, "b-seed.txt"), defaultCorpus)
	writeTemp(t, filepath.Join(dir, "a", "one.jsonl"), oaiLine("2401.00001", "First paper", "Alice Smith")+"\n")
	writeTemp(t, filepath.Join(dir, "c-notes.md"), "# notes\n\nnothing to see\n")
	writeTemp(t, filepath.Join(dir, ".hidden.jsonl"), oaiLine("2401.00009", "Hidden file", "X")+"\n")
	writeTemp(t, filepath.Join(dir, ".git", "x.jsonl"), oaiLine("2401.00008", "Hidden dir", "X")+"\n")
	if err := os.Symlink(filepath.Join(dir, "a", "one.jsonl"), filepath.Join(dir, "d-link.jsonl")); err != nil {
		t.Fatal(err)
	}

	papers, warnings, err := Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	// a/one.jsonl, then b-seed.txt; the link repeats a/one.jsonl and merges.
	if len(papers) != 203 || papers[0].Title != "First paper" || papers[1].Title != "Universal Adversarial Triggers Are Not Universal" {
		t.Fatalf("got %d papers starting %q", len(papers), paperTitles(papers[:min(2, len(papers))]))
	}
	wantSources := []string{filepath.Join(dir, "a", "one.jsonl"), filepath.Join(dir, "d-link.jsonl")}
	if !slices.Equal(papers[0].Sources, wantSources) {
		t.Errorf("Sources = %q, want %q", papers[0].Sources, wantSources)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0].Error(), "c-notes.md") {
		t.Errorf("warnings = %v, want one for c-notes.md", warnings)
	}
	// Named explicitly, the unrecognised file is an error.
	if _, _, err := Load([]string{filepath.Join(dir, "c-notes.md")}); err == nil {
		t.Error("no error for a named unrecognised file")
	}
}

func TestLoadCorpusGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(defaultCorpus)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, filepath.Join(t.TempDir(), "corpus.dat"), buf.String())
	papers, _, err := Load([]string{path})
	if err != nil || len(papers) != 202 {
		t.Fatalf("gzip: %d papers, %v", len(papers), err)
	}
	// A corrupt gzip stream is an error, not a panic.
	broken := writeTemp(t, filepath.Join(t.TempDir(), "broken.gz"), buf.String()[:buf.Len()/2])
	if _, _, err := Load([]string{broken}); err == nil {
		t.Error("no error for a truncated gzip file")
	}
}

func TestControlCharactersRemoved(t *testing.T) {
	for _, name := range []string{"controls.txt", "controls.jsonl"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(fixtureDir, name)
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(raw, []byte{0x1b}) && !bytes.Contains(raw, []byte(`\u001b`)) || !bytes.Contains(raw, []byte{0xff}) {
				t.Fatal("fixture lost its control characters")
			}
			papers, _, err := Load([]string{path})
			if err != nil {
				t.Fatal(err)
			}
			storetest.CheckLoaded(t, papers)
			for _, p := range papers {
				all := strings.Join(append([]string{p.Title, p.Abstract}, p.Authors...), " ")
				for _, leak := range []string{"[31m", "evil.example", "52;c", "ZWNob", "pwned", "[2J", "#0;2"} {
					if strings.Contains(all, leak) {
						t.Errorf("%q leaked into %q", leak, all)
					}
				}
				for _, l := range p.Links {
					if strings.Contains(l.URL, "evil") {
						t.Errorf("link from inside an escape sequence: %v", l)
					}
				}
			}
			got := paperTitles(papers)
			want := map[string][]string{
				"controls.txt":   {"Red Titles Considered Harmful", "Nul And Bell In A Title", "A Hidden Mark And A Bidi Isolate Title"},
				"controls.jsonl": {"Red Titles in TeX", "Invalid \ufffd\ufffd UTF-8 in a title"},
			}[name]
			if !slices.Equal(got, want) {
				t.Errorf("titles = %q, want %q", got, want)
			}
			if name == "controls.txt" && !strings.Contains(papers[0].Abstract, "hyperlink click here and") {
				t.Errorf("visible text of a hyperlink lost: %q", papers[0].Abstract)
			}
		})
	}
}

// oaiLine is a minimal arXiv snapshot record.
func oaiLine(id, title, authors string) string {
	return fmt.Sprintf(`{"id":%q,"title":%q,"abstract":"  An abstract\nwrapped.\n","authors":%q,"categories":"cs.LG"}`, id, title, authors)
}

func TestIDsStable(t *testing.T) {
	t.Run("JSON Lines reordered and rewrapped", func(t *testing.T) {
		lines := []string{
			`{"id":"2401.00001v2","title":"Scaling Laws for\n  Neural Language Models","abstract":"a","authors":"A"}`,
			`{"id":"","title":"A Paper Without\n  an arXiv Identifier","abstract":"b","authors":"B"}`,
			`{"id":"hep-th/9901001","title":"Old Style","abstract":"c","authors":"C"}`,
		}
		rewrapped := []string{
			`{"id":"hep-th/9901001v3","title":"Old\n Style","abstract":"c","authors":"C"}`,
			`{"id":"","title":"A Paper\n  Without an arXiv\nIdentifier","abstract":"b","authors":"B"}`,
			`{"id":"2401.00001","title":"Scaling Laws for Neural Language Models","abstract":"a","authors":"A"}`,
		}
		before := idsByTitle(mustParseCorpus(t, "a.jsonl", strings.Join(lines, "\n")))
		after := idsByTitle(mustParseCorpus(t, "b.jsonl", strings.Join(rewrapped, "\n")))
		if !maps.Equal(before, after) {
			t.Errorf("IDs changed:\n%v\n%v", before, after)
		}
		if before["Scaling Laws for Neural Language Models"] != "2401.00001" || before["Old Style"] != "hep-th/9901001" {
			t.Errorf("arXiv IDs not used: %v", before)
		}
		if id := before["A Paper Without an arXiv Identifier"]; id != model.TitleID("A Paper Without an arXiv Identifier") {
			t.Errorf("title ID = %q", id)
		}
	})
	t.Run("trending text reordered", func(t *testing.T) {
		papers := mustParseCorpus(t, "seed", defaultCorpus)
		r := rand.New(rand.NewPCG(1, 2))
		r.Shuffle(len(papers), func(i, j int) { papers[i], papers[j] = papers[j], papers[i] })
		var b strings.Builder
		for _, p := range papers {
			fmt.Fprintf(&b, "%s\r\n\r\n%s\r\n", p.Title, p.Abstract)
		}
		shuffled := mustParseCorpus(t, "shuffled", b.String())
		if !maps.Equal(idsByTitle(papers), idsByTitle(shuffled)) || len(shuffled) != 202 {
			t.Error("IDs changed when the papers were reordered")
		}
	})
}

func idsByTitle(papers []model.Paper) map[string]string {
	m := map[string]string{}
	for _, p := range papers {
		m[p.Title] = p.ID
	}
	return m
}

func TestMergeHFAndJSONL(t *testing.T) {
	dir := t.TempDir()
	hf := writeTemp(t, filepath.Join(dir, "hf.json"), `[{"paper":{"id":"2606.13392","title":"MiniMax Sparse Attention","summary":"We present MSA.",
		"authors":[{"name":"Ada Lovelace","hidden":false}],"upvotes":103,"githubRepo":"https://github.com/MiniMax-AI/MSA","publishedAt":"2026-06-11T00:00:00.000Z"},
		"title":"MiniMax Sparse Attention","publishedAt":"2026-06-11T00:00:00.000Z"}]`)
	jsonl := writeTemp(t, filepath.Join(dir, "arxiv.jsonl"), `{"id":"2606.13392","title":"MiniMax Sparse\n  Attention","abstract":"  We present MSA.\n","authors":"Ada Lovelace and Charles Babbage","categories":"cs.LG cs.CL","doi":null,"versions":[{"version":"v1","created":"Thu, 11 Jun 2026 17:00:00 GMT"}],"update_date":"2026-06-12"}`+"\n")
	papers, _, err := Load([]string{hf, jsonl})
	if err != nil {
		t.Fatal(err)
	}
	if len(papers) != 1 {
		t.Fatalf("got %d papers, want the two copies merged", len(papers))
	}
	p := papers[0]
	if p.Upvotes != 103 || !p.HasCode() || !slices.Equal(p.Categories, []string{"cs.LG", "cs.CL"}) ||
		!slices.Equal(p.Authors, []string{"Ada Lovelace", "Charles Babbage"}) || !slices.Equal(p.Sources, []string{hf, jsonl}) {
		t.Errorf("merged paper = %+v", p)
	}
	if !p.Updated.Equal(time.Date(2026, 6, 12, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Updated = %v, want the JSONL update_date", p.Updated)
	}
}

func TestDuplicatesWithinOneFile(t *testing.T) {
	content := oaiLine("2401.00001", "Same", "A") + "\n" + oaiLine("2401.00002", "Other", "B") + "\n" +
		strings.Replace(oaiLine("2401.00001v2", "Same", "A and C"), `"cs.LG"`, `"cs.AI"`, 1) + "\n"
	papers := mustParseCorpus(t, "dups.jsonl", content)
	if len(papers) != 2 || papers[0].ID != "2401.00001" {
		t.Fatalf("ids = %q", paperIDs(papers))
	}
	if !slices.Equal(papers[0].Categories, []string{"cs.LG", "cs.AI"}) || !slices.Equal(papers[0].Authors, []string{"A", "C"}) {
		t.Errorf("merged = %+v", papers[0])
	}
	if !slices.Equal(papers[0].Sources, []string{"dups.jsonl"}) {
		t.Errorf("sources = %q, want the file once", papers[0].Sources)
	}
}
