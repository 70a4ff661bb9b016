package corpus

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/papertui/papers/model"
)

func linkStrings(links []model.Link) []string {
	var out []string
	for _, l := range links {
		out = append(out, string(l.Kind)+" "+l.URL)
	}
	return out
}

func TestTextLinks(t *testing.T) {
	cases := map[string][]string{
		"no links here, just e.g. a.b and 3.14":                              nil,
		"Code is at https://github.com/a/b.":                                 {"code https://github.com/a/b"},
		"Project page can be found here (https://wuw2019.github.io/R-AMT/).": {"link https://wuw2019.github.io/R-AMT/"},
		"See (https://en.wikipedia.org/wiki/Set_(mathematics)) for more":     {"link https://en.wikipedia.org/wiki/Set_(mathematics)"},
		"Code: github.com/x/y, data: huggingface.co/datasets/x/y; demo: huggingface.co/spaces/x/demo!": {
			"code https://github.com/x/y", "link https://huggingface.co/datasets/x/y", "code https://huggingface.co/spaces/x/demo"},
		"gitlab.com/g/p bitbucket.org/t/r codeberg.org/u/r":               {"code https://gitlab.com/g/p", "code https://bitbucket.org/t/r", "code https://codeberg.org/u/r"},
		"https://github.com/SKDDJ/LoLDU{https://github.com/SKDDJ/LoLDU}.": {"code https://github.com/SKDDJ/LoLDU"},
		"twice: https://x.org/a and https://x.org/a.":                     {"link https://x.org/a"},
		"https://github.com is not a repository":                          {"link https://github.com"},
		"visit www.example.com/page, now":                                 {"link https://www.example.com/page"},
		"mail me at someone@www.example.com or foo.github.com/x":          nil,
		"ftp://files.example.com/x and javascript:alert(1) and http://":   nil,
		"http://localhost/x and https://a and https://bad_host.com/x":     nil,
		"“https://quoted.example/x” and <https://angle.example/y>":        {"link https://quoted.example/x", "link https://angle.example/y"},
		"http://dx.doi.org/10.1214/07-AAP481 resolver":                    {"doi https://doi.org/10.1214/07-AAP481"},
		"port https://example.com:8080/x?q=1#frag.":                       {"link https://example.com:8080/x?q=1#frag"},
	}
	for text, want := range cases {
		if got := linkStrings(textLinks(text)); !slices.Equal(got, want) {
			t.Errorf("textLinks(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestDOI(t *testing.T) {
	for in, want := range map[string]string{
		"10.1103/PhysRevD.76.013009":    "10.1103/PhysRevD.76.013009",
		" doi:10.1000/xyz ":             "10.1000/xyz",
		"https://doi.org/10.1000/xyz":   "10.1000/xyz",
		"HTTP://DX.DOI.ORG/10.1000/xyz": "10.1000/xyz",
		"10.1000/a 10.1000/b":           "10.1000/a",
		"not a doi":                     "",
		"10.1000/":                      "",
		"11.1000/x":                     "",
	} {
		if got := normalizeDOI(in); got != want {
			t.Errorf("normalizeDOI(%q) = %q, want %q", in, got, want)
		}
	}
	if got := doiLink("10.1002/(SICI)1097-4571#x?y\"z"); got != (model.Link{Kind: model.LinkDOI, URL: "https://doi.org/10.1002/(SICI)1097-4571%23x%3Fy%22z"}) {
		t.Errorf("doiLink = %v", got)
	}
}

func TestArxivLinks(t *testing.T) {
	got := linkStrings(arxivLinks("hep-th/9901001"))
	want := []string{"abs https://arxiv.org/abs/hep-th/9901001", "pdf https://arxiv.org/pdf/hep-th/9901001"}
	if !slices.Equal(got, want) || arxivLinks("") != nil {
		t.Errorf("arxivLinks = %q", got)
	}
}

func TestPaperLinksOrderAndDedupe(t *testing.T) {
	raw := rawPaper{
		arxivID:  "2401.00001v3",
		title:    "T",
		abstract: "Code at https://github.com/a/b and https://doi.org/10.1/x.",
		doi:      "10.1/x",
		comments: "See https://github.com/a/b; slides https://slides.example/s",
		links:    []string{"https://github.com/a/b", "javascript:alert(1)", "https://project.example/"},
	}
	p, ok := raw.finish("f", true)
	if !ok {
		t.Fatal("no paper")
	}
	want := []string{
		"abs https://arxiv.org/abs/2401.00001", "pdf https://arxiv.org/pdf/2401.00001", "doi https://doi.org/10.1/x",
		"code https://github.com/a/b", "link https://project.example/", "link https://slides.example/s",
	}
	if got := linkStrings(p.Links); !slices.Equal(got, want) {
		t.Errorf("links = %q\nwant %q", got, want)
	}
	if p.MainLink() != "https://arxiv.org/abs/2401.00001" {
		t.Errorf("MainLink = %q", p.MainLink())
	}
}

// repeatedURLAbstract is an abstract made of n copies of one URL, the
// shape that made link extraction quadratic.
func repeatedURLAbstract(n int) string {
	return strings.Repeat("see https://example.org/page ", n)
}

// Link extraction rescanned the rest of the text for every URL it found
// (3.6 s for 575 KB of one repeated URL, 46 s for 2.3 MB): one pass now.
func TestTextLinksLinear(t *testing.T) {
	start := time.Now()
	links := textLinks(repeatedURLAbstract(40_000)) // 1.1 MB
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("textLinks over 1.1 MB took %v", elapsed)
	}
	if got := linkStrings(links); !slices.Equal(got, []string{"link https://example.org/page"}) {
		t.Errorf("links = %q", got)
	}
	start = time.Now()
	trimURL("https://example.org/" + strings.Repeat(")", 200_000))
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("trimURL of 200,000 closing brackets took %v", elapsed)
	}
}

// A paper keeps at most maxLinks links, however many URLs its text names.
func TestPaperLinksCapped(t *testing.T) {
	var b strings.Builder
	for i := range 100 {
		fmt.Fprintf(&b, "https://example.org/%d ", i)
	}
	raw := rawPaper{arxivID: "2401.00001", title: "T", abstract: b.String()}
	p, ok := raw.finish("x", false)
	if !ok || len(p.Links) != maxLinks {
		t.Fatalf("%d links, want %d", len(p.Links), maxLinks)
	}
	if p.Links[0].Kind != model.LinkAbstract || p.Links[2].URL != "https://example.org/0" {
		t.Errorf("links start %q", linkStrings(p.Links[:3]))
	}
}

func BenchmarkTextLinksRepeatedURL(b *testing.B) {
	for _, n := range []int{20_000, 80_000} { // 575 KB, 2.3 MB
		text := repeatedURLAbstract(n)
		b.Run(fmt.Sprintf("%dKB", len(text)>>10), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				textLinks(text)
			}
		})
	}
}
