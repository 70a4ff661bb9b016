package export

import (
	"bytes"
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

func TestBibTeXEntry(t *testing.T) {
	papers, marks := exportLibrary(t)
	got := exportString(t, BibTeX, papers[:1], marks)
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
	got := exportString(t, BibTeX, papers, marks)
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
	bib := exportString(t, BibTeX, papers, marks)
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

// Only the characters TeX or BibTeX treat specially are escaped: letters,
// Greek, math symbols and punctuation decoded from TeX pass as they are.
func TestBibTeXEscapesOnlySpecialCharacters(t *testing.T) {
	plain := "Λα ℚ(√5) ⟨r²⟩ λ-intersection Møllskov Deußer † – “q” 90.07 R/D @ ! ? : ; < > | ' \" * + = ,."
	if got := bibText(plain); got != plain {
		t.Errorf("bibText changed characters that are not special:\n got %q\nwant %q", got, plain)
	}
	for r, esc := range bibEscapes {
		if got := bibText(string(r)); got != esc {
			t.Errorf("bibText(%q) = %q, want %q", r, got, esc)
		}
	}
}
