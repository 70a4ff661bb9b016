package store

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/papertui/papers/model"
)

func TestParseExportFormat(t *testing.T) {
	for in, want := range map[string]ExportFormat{
		"bibtex": ExportBibTeX, "BIB": ExportBibTeX, "markdown": ExportMarkdown, "md": ExportMarkdown,
		"json": ExportJSON, " csl-json ": ExportCSLJSON, "csl": ExportCSLJSON,
	} {
		if got, err := ParseExportFormat(in); err != nil || got != want {
			t.Errorf("ParseExportFormat(%q) = %q, %v", in, got, err)
		}
	}
	_, err := ParseExportFormat("ris")
	if err == nil || !strings.Contains(err.Error(), "bibtex, markdown, json, csl-json") {
		t.Errorf("unknown format: %v", err)
	}
	if err := WriteExport(&bytes.Buffer{}, "ris", nil, model.Marks{}); err == nil {
		t.Error("WriteExport accepted an unknown format")
	}
}

// exportPapers are three papers that exercise the exporters: TeX specials,
// mixed-case words, non-ASCII names, a title-only paper without authors.
func exportPapers() []model.Paper {
	lora := model.Paper{
		ArxivID:    "2106.09685",
		Title:      "LoRA: Low-Rank Adaptation of Large Language Models",
		Abstract:   "We propose LoRA.",
		Authors:    []string{"Edward J. Hu", "Yelong Shen", "Phillip Wallis"},
		Categories: []string{"cs.CL", "cs.LG"},
		Published:  time.Date(2021, 6, 17, 0, 0, 0, 0, time.UTC),
		DOI:        "10.48550/arXiv.2106.09685",
		Links:      []model.Link{{Kind: model.LinkAbstract, URL: "https://arxiv.org/abs/2106.09685"}},
	}
	specials := model.Paper{
		ArxivID:    "2405.09673",
		Title:      `100% of {GPT-4} & R_2 #1: $5 ~ x^2 \ Schrödinger's Cat`,
		Authors:    []string{"Balázs Kégl", "Jürgen Schmidhuber", "Research and Development Team"},
		Categories: []string{"cs.LG"},
		Published:  time.Date(2024, 5, 16, 0, 0, 0, 0, time.UTC),
		Links: []model.Link{
			{Kind: model.LinkPDF, URL: "https://example.org/a_b%20c#frag"},
			{Kind: model.LinkCode, URL: "https://github.com/x/y"},
		},
	}
	titleOnly := model.Paper{
		Title:     "The Annotated Transformer",
		Published: time.Date(2018, 4, 3, 0, 0, 0, 0, time.UTC),
	}
	papers := []model.Paper{lora, specials, titleOnly}
	for i := range papers {
		papers[i].AssignIDs()
	}
	return papers
}

// exportLibrary bookmarks and tags the export papers in a fresh library and
// returns its saved papers and marks, as the CLI would export them.
func exportLibrary(t *testing.T) ([]model.Paper, model.Marks) {
	t.Helper()
	l := newLibrary(t)
	papers := exportPapers()
	ptrs := []*model.Paper{&papers[0], &papers[1], &papers[2]}
	noErr(t, l.SetBookmarks(ptrs, true))
	noErr(t, l.AddTags(ptrs[:2], []string{"PEFT", "to read"}))
	noErr(t, l.SetNote(&papers[0], "Rank 8 is enough.\n\nSee *Table 2*."))
	noErr(t, l.SetRead(&papers[2], true))
	saved, err := l.SavedPapers()
	if err != nil {
		t.Fatal(err)
	}
	return saved, mustMarks(t, l)
}

func exportString(t *testing.T, format ExportFormat, papers []model.Paper, marks model.Marks) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteExport(&buf, format, papers, marks); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestBibTeXEntry(t *testing.T) {
	papers, marks := exportLibrary(t)
	got := exportString(t, ExportBibTeX, papers[:1], marks)
	want := `@misc{hu2021lora,
  title = {{LoRA}: {Low-Rank} Adaptation of Large Language Models},
  author = {Edward J. Hu and Yelong Shen and Phillip Wallis},
  year = {2021},
  month = jun,
  eprint = {2106.09685},
  archivePrefix = {arXiv},
  primaryClass = {cs.CL},
  url = {https://arxiv.org/abs/2106.09685},
  doi = {10.48550/arXiv.2106.09685},
  keywords = {peft, to-read}
}
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestBibTeXEscaping(t *testing.T) {
	papers, marks := exportLibrary(t)
	got := exportString(t, ExportBibTeX, papers, marks)
	for _, want := range []string{
		`title = {100\% of \textbraceleft{}{GPT-4}\textbraceright{} \& R\_2 \#1: \$5 \textasciitilde{} x\textasciicircum{}2 \textbackslash{} Schrödinger's Cat}`,
		`author = {Balázs Kégl and Jürgen Schmidhuber and {Research and Development Team}}`,
		`url = {https://example.org/a_b\%20c\#frag}`,
		`@misc{kegl2024100,`,
		`@misc{anon2018annotated,`,
		`key = {The Annotated Transformer}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s", want)
		}
	}
	// Every field's braces balance, whatever the text held.
	for _, line := range strings.Split(got, "\n") {
		if strings.Count(line, "{") != strings.Count(line, "}") && !strings.HasPrefix(line, "@") && line != "}" {
			t.Errorf("unbalanced braces: %s", line)
		}
	}
}

func TestCitationKeys(t *testing.T) {
	p := func(title string, year int, authors ...string) model.Paper {
		x := model.Paper{Title: title, Authors: authors}
		if year != 0 {
			x.Published = time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		return x
	}
	papers := []model.Paper{
		p("LoRA: Low-Rank Adaptation", 2021, "Edward J. Hu"),
		p("LoRA Again", 2021, "Edward Hu"),
		p("LoRA, a third time", 2021, "Hu, E."),
		p("On the Ωmega of Ærodynamics", 2020, "Łukasz Kaiser"),
		p("", 0),
		p("The", 0, "村上 春樹"),
	}
	got := citationKeys(papers)
	want := []string{"hu2021lora", "hu2021lora-2", "hu2021lora-3", "kaiser2020mega", "anon", "anon-2"}
	if !slices.Equal(got, want) {
		t.Errorf("keys = %q, want %q", got, want)
	}
	ascii := regexp.MustCompile(`^[a-z0-9-]+$`)
	for _, k := range got {
		if !ascii.MatchString(k) {
			t.Errorf("key %q is not plain ASCII", k)
		}
	}
}

// TestBibTeXAcceptedByBibtex runs the real bibtex over an export of three
// bookmarked papers, with a minimal .aux that cites every key in the plain
// style: no error, no warning. CI installs it with
//
//	apt-get install -y --no-install-recommends texlive-binaries texlive-base
//
// (texlive-base supplies plain.bst).
func TestBibTeXAcceptedByBibtex(t *testing.T) {
	bibtex, err := exec.LookPath("bibtex")
	if err != nil {
		t.Skip("bibtex not installed (apt-get install -y --no-install-recommends texlive-binaries texlive-base)")
	}
	if out, err := exec.Command("kpsewhich", "plain.bst").Output(); err != nil || len(bytes.TrimSpace(out)) == 0 {
		t.Skip("plain.bst not installed (apt-get install -y --no-install-recommends texlive-base)")
	}
	papers, marks := exportLibrary(t)
	if len(papers) != 3 {
		t.Fatalf("%d saved papers", len(papers))
	}
	bib := exportString(t, ExportBibTeX, papers, marks)
	dir := t.TempDir()
	noErr(t, os.WriteFile(filepath.Join(dir, "papers.bib"), []byte(bib), 0o600))
	aux := "\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{papers}\n"
	for _, key := range citationKeys(papers) {
		aux += "\\citation{" + key + "}\n"
	}
	noErr(t, os.WriteFile(filepath.Join(dir, "doc.aux"), []byte(aux), 0o600))

	cmd := exec.Command(bibtex, "doc")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("Warning")) || bytes.Contains(out, []byte("error")) {
		t.Fatalf("bibtex: %v\n%s\n--- papers.bib:\n%s", err, out, bib)
	}
	bbl, err := os.ReadFile(filepath.Join(dir, "doc.bbl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`\bibitem{hu2021lora}`, `\bibitem{kegl2024100}`, `\bibitem{anon2018annotated}`,
		"{LoRA}:", "{GPT-4}", "Balázs Kégl", `\&`} {
		if !bytes.Contains(bbl, []byte(want)) {
			t.Errorf("doc.bbl lacks %s:\n%s", want, bbl)
		}
	}
}

func TestMarkdownExport(t *testing.T) {
	papers, marks := exportLibrary(t)
	got := exportString(t, ExportMarkdown, papers, marks)
	for _, want := range []string{
		"# Reading list\n",
		"\n## [LoRA: Low-Rank Adaptation of Large Language Models](<https://arxiv.org/abs/2106.09685>)\n",
		"\nEdward J. Hu, Yelong Shen, Phillip Wallis · 2021 · arXiv:2106.09685 · doi:10.48550/arXiv.2106.09685\n",
		"\nTags: `peft` `to-read` · bookmarked ",
		"\n> Rank 8 is enough.\n>\n> See *Table 2*.\n",
		`## [100% of {GPT-4} & R\_2 \#1: $5 \~ x^2 \\ Schrödinger's Cat](<https://example.org/a_b%20c#frag>)`,
		"\n## The Annotated Transformer\n\n2018\n\nbookmarked ",
		" · read\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func TestCSLJSONExport(t *testing.T) {
	papers, marks := exportLibrary(t)
	var items []map[string]any
	if err := json.Unmarshal([]byte(exportString(t, ExportCSLJSON, papers, marks)), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 3 {
		t.Fatalf("%d items", len(items))
	}
	lora := items[0]
	want := map[string]any{
		"id":       "hu2021lora",
		"type":     "article",
		"title":    "LoRA: Low-Rank Adaptation of Large Language Models",
		"URL":      "https://arxiv.org/abs/2106.09685",
		"DOI":      "10.48550/arXiv.2106.09685",
		"abstract": "We propose LoRA.",
		"keyword":  "peft, to-read",
		"number":   "arXiv:2106.09685",
	}
	for k, v := range want {
		if lora[k] != v {
			t.Errorf("%s = %v, want %v", k, lora[k], v)
		}
	}
	authors, _ := json.Marshal(lora["author"])
	if string(authors) != `[{"family":"Hu","given":"Edward J."},{"family":"Shen","given":"Yelong"},{"family":"Wallis","given":"Phillip"}]` {
		t.Errorf("author = %s", authors)
	}
	issued, _ := json.Marshal(lora["issued"])
	if string(issued) != `{"date-parts":[[2021,6,17]]}` {
		t.Errorf("issued = %s", issued)
	}
	if _, ok := items[2]["author"]; ok {
		t.Errorf("paper without authors has %v", items[2]["author"])
	}
}

func TestJSONExportSchema(t *testing.T) {
	papers, marks := exportLibrary(t)
	var doc struct {
		Format  string           `json:"format"`
		Version int              `json:"version"`
		Papers  []map[string]any `json:"papers"`
	}
	if err := json.Unmarshal([]byte(exportString(t, ExportJSON, papers, marks)), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Format != "papers-library" || doc.Version != 1 || len(doc.Papers) != 3 {
		t.Fatalf("header: %q %d, %d papers", doc.Format, doc.Version, len(doc.Papers))
	}
	first := doc.Papers[0]
	if first["note"] != "Rank 8 is enough.\n\nSee *Table 2*." || first["bookmarked_at"] == nil {
		t.Errorf("first entry: %v", first)
	}
	if paper := first["paper"].(map[string]any); paper["id"] != "2106.09685" || paper["title"] == nil {
		t.Errorf("paper: %v", paper)
	}
	if doc.Papers[2]["read"] != true {
		t.Errorf("third entry: %v", doc.Papers[2])
	}
}
