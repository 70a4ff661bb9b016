package corpus

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/papertui/papers/model"
)

const atom2026Entry = `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/x</id>
  <title>arXiv Query: search_query=all:testing</title>
  <entry>
    <id>http://arxiv.org/abs/2604.01234v2</id>
    <title>Testing $\alpha$-Nets with
  {LoRA}</title>
    <updated>2026-04-02T10:00:00Z</updated>
    <link href="https://arxiv.org/abs/2604.01234v2" rel="alternate" type="text/html"/>
    <link href="https://arxiv.org/pdf/2604.01234v2" rel="related" type="application/pdf" title="pdf"/>
    <summary>We test. Code: https://github.com/x/alpha-nets.</summary>
    <category term="cs.SE" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <published>2026-04-01T09:00:00Z</published>
    <arxiv:comment>12 pages; data at https://zenodo.org/records/1</arxiv:comment>
    <arxiv:primary_category term="cs.SE"/>
    <author><name>Aurora RamÃ` + "\u00ad" + `rez</name></author>
    <author><name>C. Bal\'azs</name></author>
    <arxiv:doi>10.1109/ICSTW.2022.00035</arxiv:doi>
    <link rel="related" href="https://doi.org/10.1109/ICSTW.2022.00035" title="doi"/>
  </entry>
</feed>`

func TestDetectFormat(t *testing.T) {
	cases := []struct {
		name string
		head string
		want Format
	}{
		{"seed", defaultCorpus, FormatTrendingText},
		{"seed with BOM and CRLF", "\ufeff" + strings.ReplaceAll(defaultCorpus[:20000], "\n", "\r\n"), FormatTrendingText},
		{"JSON Lines", oaiLine("0704.0001", "A title", "A. B") + "\n", FormatArxivJSONL},
		{"JSON Lines cut mid-line", `{"id":"0704.0001","submitter":"x","title":"A long`, FormatArxivJSONL},
		{"JSON Lines, leading blank line", "\n\n" + oaiLine("0704.0001", "A title", "A. B"), FormatArxivJSONL},
		{"Hugging Face", `[{"paper":{"id":"2606.00467","title":"T"},"title":"T"}]`, FormatHFDaily},
		{"Hugging Face pretty", "[\n  {\n    \"paper\": {\"id\": \"1\"},\n    \"title\": \"T\"\n  }\n]", FormatHFDaily},
		{"Atom 2026", atom2026Entry, FormatArxivAtom},
		{"Atom 2016", `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<feed xmlns="http://www.w3.org/2005/Atom"><link href="http://arxiv.org/api/query?x"/><title type="html">ArXiv Query</title></feed>`, FormatArxivAtom},
		{"Atom feed not from arXiv", `<feed xmlns="http://www.w3.org/2005/Atom"><title>My blog</title><entry><title>Post</title></entry></feed>`, FormatUnknown},
		{"feed outside the Atom namespace", `<feed><id>arxiv.org</id></feed>`, FormatUnknown},
		{"RSS", `<rss xmlns:arxiv="http://arxiv.org/schemas/atom" version="2.0"><channel><title>cs.AI updates on arXiv.org</title></channel></rss>`, FormatArxivRSS},
		{"RSS not from arXiv", `<rss version="2.0"><channel><title>My blog</title></channel></rss>`, FormatUnknown},
		{"OAI-PMH", `<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords/></OAI-PMH>`, FormatOAIPMH},
		{"digest", "Submissions to:\n\\\\\narXiv:2601.15305\nDate: x\n\nTitle: T\n", FormatArxivDigest},
		{"HTML", "<!DOCTYPE html><html><body>arxiv.org</body></html>", FormatUnknown},
		{"BibTeX", "@InProceedings{ Abadi.2016,\n  title = {Tensor{F}low},\n  author = {Abadi, Mart{\\'\\i}n}\n}\n", FormatBibTeX},
		{"BibTeX after comments", "% my papers\n\n@string{ nips = \"NeurIPS\" }\n", FormatBibTeX},
		{"an e-mail address", "@someone said hello\n", FormatUnknown},
		{"JSON object", `{"name": "papers", "version": "1.0"}`, FormatUnknown},
		{"pretty JSON object", "{\n  \"id\": 1,\n  \"title\": \"x\"\n}", FormatUnknown},
		{"empty array", "[]", FormatUnknown},
		{"array of numbers", "[1, 2, 3]", FormatUnknown},
		{"empty", "", FormatUnknown},
		{"blank", " \n\r\n\t", FormatUnknown},
		{"gzip magic", "\x1f\x8b\x08\x00\x00\x00\x00\x00", FormatUnknown},
		{"Go source", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello, world, this is a long line of a Go program that prints a greeting to everyone.\")\n}\n", FormatUnknown},
		{"CSV", "id,title,abstract\n1,A title,An abstract that is long enough to be an abstract of a paper with many words in it and more words here.\n", FormatUnknown},
		{"log", strings.Repeat("2024-01-01T00:00:00Z INFO server started on port 8080 with 4 workers and the default configuration loaded from /etc/app.conf\n", 20), FormatUnknown},
		{"one short line", "hello world", FormatUnknown},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := DetectFormat([]byte(c.head)); got != c.want {
				t.Errorf("DetectFormat = %v, want %v", got, c.want)
			}
		})
	}
	for _, name := range []string{"readme.md", "prose.txt", "garbage.bin"} {
		data, err := os.ReadFile(filepath.Join(fixtureDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := DetectFormat(data); got != FormatUnknown {
			t.Errorf("%s: DetectFormat = %v, want unknown", name, got)
		}
	}
}

func TestFormatString(t *testing.T) {
	names := map[string]bool{}
	for f := FormatUnknown; f <= FormatHFDaily; f++ {
		names[f.String()] = true
	}
	if len(names) != 5 || Format(99).String() != "unknown" || FormatArxivAtom.String() != "arXiv Atom" {
		t.Errorf("names = %v", names)
	}
}

func TestTrendingTextVariants(t *testing.T) {
	want := mustParseCorpus(t, "seed", defaultCorpus)
	body := strings.SplitN(defaultCorpus, "\n", 3)[2] // without the boilerplate
	variants := map[string]string{
		"CRLF, BOM, blank lines": "\ufeff" + strings.ReplaceAll(strings.ReplaceAll(defaultCorpus, "\n", "\r\n\r\n"), "\r\n\r\nSubscribe", "\r\nSubscribe"),
		"other boilerplate": "Trending Papers\nSign in\nPapers with Code\n\n" + strings.TrimPrefix(body, "Subscribe") +
			"\n\nTerms\nData policy\nCookies policy\nfrom Facebook AI\n",
		"Subscribe on its own line": "Subscribe\n" + strings.TrimPrefix(body, "Subscribe"),
		"trailing spaces and tabs":  strings.ReplaceAll(defaultCorpus, "\n", " \t\n"),
	}
	for name, text := range variants {
		t.Run(name, func(t *testing.T) {
			got := mustParseCorpus(t, "seed", text)
			if !slices.Equal(paperTitles(got), paperTitles(want)) || !slices.Equal(paperIDs(got), paperIDs(want)) {
				t.Fatalf("got %d papers starting %q", len(got), paperTitles(got[:min(3, len(got))]))
			}
			for i := range got {
				if got[i].Abstract != want[i].Abstract {
					t.Fatalf("abstract %d differs", i)
				}
			}
		})
	}
}

func TestTrendingTextShape(t *testing.T) {
	abstract := "We study a problem that matters. Our method is simple and works well on every benchmark we tried, which we report in detail below."
	text := "Get trending papers in your email inbox!\nSubscribeNet: A Title\n" + abstract + "\n" +
		"Subscribe Later: Not Glued\n" + abstract + " Second.\n" +
		"An orphan line without an abstract\n" +
		"$5 Models: Cheap Training\nThe cost is $5 per run, or $10 with tuning. " + abstract + "\n"
	got := mustParseCorpus(t, "t.txt", text)
	want := []string{"Net: A Title", "Subscribe Later: Not Glued", "$5 Models: Cheap Training"}
	if !slices.Equal(paperTitles(got), want) {
		t.Fatalf("titles = %q, want %q", paperTitles(got), want)
	}
	if !strings.HasPrefix(got[2].Abstract, "The cost is $5 per run, or $10") {
		t.Errorf("plain text was TeX-decoded: %q", got[2].Abstract)
	}
}

func TestJSONLRecord(t *testing.T) {
	line := `{"id":"0704.0001","submitter":"Pavel Nadolsky","authors":"C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan","title":"Calculation of prompt diphoton production cross sections at Tevatron and\n  LHC energies","comments":"37 pages; code at github.com/pnadolsky/diphox.","journal-ref":"Phys.Rev.D76:013009,2007","doi":"10.1103/PhysRevD.76.013009","report-no":"ANL-HEP-PR-07-12","categories":"hep-ph  hep-ex","license":null,"abstract":"  A fully differential calculation in perturbative\nquantum chromodynamics with $\\alpha_s^{2}$ --- see\nhttp://example.org/x~y/z.\n","versions":[{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"},{"version":"v2","created":"Tue, 24 Jul 2007 20:10:27 GMT"}],"update_date":"2008-11-26","authors_parsed":[]}`
	papers := mustParseCorpus(t, "one.jsonl", "\n"+line+"\n\n")
	if len(papers) != 1 {
		t.Fatalf("got %d papers", len(papers))
	}
	p := papers[0]
	checks := []struct {
		field     string
		got, want any
	}{
		{"ID", p.ID, "0704.0001"},
		{"Title", p.Title, "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies"},
		{"Abstract", p.Abstract, "A fully differential calculation in perturbative quantum chromodynamics with α_s² — see http://example.org/x~y/z."},
		{"Authors", strings.Join(p.Authors, "|"), "C. Balázs|E. L. Berger|P. M. Nadolsky|C.-P. Yuan"},
		{"Categories", strings.Join(p.Categories, "|"), "hep-ph|hep-ex"},
		{"Published", p.Published, time.Date(2007, 4, 2, 19, 18, 42, 0, time.UTC)},
		{"Updated", p.Updated, time.Date(2008, 11, 26, 0, 0, 0, 0, time.UTC)},
		{"DOI", p.DOI, "10.1103/PhysRevD.76.013009"},
		{"abs", p.Link(model.LinkAbstract), "https://arxiv.org/abs/0704.0001"},
		{"pdf", p.Link(model.LinkPDF), "https://arxiv.org/pdf/0704.0001"},
		{"doi", p.Link(model.LinkDOI), "https://doi.org/10.1103/PhysRevD.76.013009"},
		{"link", p.Link(model.LinkOther), "http://example.org/x~y/z"},
		{"code", p.Link(model.LinkCode), "https://github.com/pnadolsky/diphox"},
		{"Sources", strings.Join(p.Sources, "|"), "one.jsonl"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.field, c.got, c.want)
		}
	}
}

func TestJSONLErrors(t *testing.T) {
	good := oaiLine("2401.00001", "Good", "A")
	cases := map[string]string{
		"broken line 3":  good + "\n" + good + "\n{\"id\": \"x\", \"title\": \n" + good,
		"wrong type":     good + "\n\n{\"id\": \"2401.1\", \"title\": \"x\", \"authors\": [\"a\"]}\n",
		"no title":       good + "\n\n{\"id\": \"2401.00002\", \"title\": \"  \"}\n",
		"not an object":  good + "\n\n[1, 2]\n",
		"trailing bytes": good + "\n\n{\"id\": \"2401.1\", \"title\": \"x\"} junk\n",
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("f.jsonl", strings.NewReader(content))
			var lerr *LoadError
			if !errors.As(err, &lerr) || lerr.Line != 3 || !strings.HasPrefix(err.Error(), "f.jsonl:3: ") {
				t.Errorf("err = %v, want f.jsonl:3: ...", err)
			}
		})
	}
}

func TestJSONLLongLinesAndManyChunks(t *testing.T) {
	long := strings.Repeat("word ", 1_000_000) // 5 MB abstract
	var b strings.Builder
	for i := range 3000 {
		if i == 1500 {
			b.WriteString(`{"id":"2401.99999","title":"Long","abstract":"` + long + `"}` + "\n")
		}
		b.WriteString(oaiLine("2401."+leftPad(i), "Paper "+leftPad(i), "A") + "\n")
	}
	b.WriteString(`{"id":"2402.00001","title":"Last, no newline","abstract":"x"}`)
	papers := mustParseCorpus(t, "big.jsonl", b.String())
	if len(papers) != 3002 || papers[1500].Title != "Long" || len(papers[1500].Abstract) != len(long)-1 || papers[3001].Title != "Last, no newline" {
		t.Fatalf("got %d papers", len(papers))
	}
	for i := 0; i < 1500; i++ {
		if papers[i].Title != "Paper "+leftPad(i) {
			t.Fatalf("paper %d out of order: %q", i, papers[i].Title)
		}
	}
	// An error after many chunks still reports its own line.
	_, err := Parse("big.jsonl", strings.NewReader(b.String()+"\n{broken\n"))
	if err == nil || !strings.Contains(err.Error(), "big.jsonl:3003:") {
		t.Errorf("err = %v, want line 3003", err)
	}
}

func leftPad(i int) string { return fmt.Sprintf("%05d", i) }

func TestSplitAuthors(t *testing.T) {
	cases := map[string][]string{
		"Ileana Streinu and Louis Theran":             {"Ileana Streinu", "Louis Theran"},
		"A.A. Serga, M. Kostylev, and B. Hillebrands": {"A.A. Serga", "M. Kostylev", "B. Hillebrands"},
		"V. M. Biryukov (Serpukhov, IHEP)":            {"V. M. Biryukov"},
		"A. S. Mishchenko (1 and 2) and N. Nagaosa (1 and 3) ((1) CREST, Japan Science and Technology Agency, (2) Russian Research Centre ``Kurchatov Institute'', (3) The University of Tokyo)": {"A. S. Mishchenko", "N. Nagaosa"},
		"Mikkel {\\O}bro":                             {"Mikkel {\\O}bro"},
		"{Smith, Jr.}, John and Ann Lee":              {"{Smith, Jr.}", "John", "Ann Lee"},
		"Jane Doe; John Roe & Ann Lee":                {"Jane Doe", "John Roe", "Ann Lee"},
		"Alexander Anderson, Sandra Andersen, et al.": {"Alexander Anderson", "Sandra Andersen"},
		"R. Tom\\`as and J. W. F. Valle":              {"R. Tom\\`as", "J. W. F. Valle"},
		"The ATLAS Collaboration":                     {"The ATLAS Collaboration"},
		"A. Smith (MIT":                               {"A. Smith"},
		", , and ":                                    nil,
	}
	for in, want := range cases {
		if got := splitAuthors(in); !slices.Equal(got, want) {
			t.Errorf("splitAuthors(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitAuthorsMatchesAuthorsParsed(t *testing.T) {
	path := sharedSample(t, "arxiv-jsonl/arxiv-metadata-oai-snapshot-200.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	papers := mustParseCorpus(t, path, string(data))
	// The snapshot's own authors_parsed field is an independent split.
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		parsed := line[strings.Index(line, `"authors_parsed":`):]
		want := strings.Count(parsed, "[") - 1
		if got := len(papers[i].Authors); got != want {
			t.Errorf("%s: %d authors %q, authors_parsed has %d", papers[i].ID, got, papers[i].Authors, want)
		}
	}
	byID := map[string]model.Paper{}
	for _, p := range papers {
		byID[p.ID] = p
	}
	if got := byID["0704.0001"].Authors[0]; got != "C. Balázs" {
		t.Errorf("first author = %q", got)
	}
	found := false
	for _, p := range papers {
		found = found || slices.Contains(p.Authors, "Mikkel Øbro")
	}
	if !found {
		t.Error(`no author "Mikkel Øbro" (from "Mikkel {\\O}bro")`)
	}
}

func TestAtomEntry(t *testing.T) {
	papers := mustParseCorpus(t, "q.xml", atom2026Entry)
	if len(papers) != 1 {
		t.Fatalf("got %d papers", len(papers))
	}
	p := papers[0]
	if p.ID != "2604.01234" || p.Title != "Testing α-Nets with LoRA" || p.Abstract != "We test. Code: https://github.com/x/alpha-nets." {
		t.Errorf("paper = %q %q %q", p.ID, p.Title, p.Abstract)
	}
	if !slices.Equal(p.Authors, []string{"Aurora Ramírez", "C. Balázs"}) {
		t.Errorf("authors = %q (mojibake and TeX should be repaired)", p.Authors)
	}
	if !slices.Equal(p.Categories, []string{"cs.SE", "cs.LG"}) || p.DOI != "10.1109/ICSTW.2022.00035" {
		t.Errorf("categories %q, DOI %q", p.Categories, p.DOI)
	}
	if !p.Published.Equal(time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)) || !p.Updated.Equal(time.Date(2026, 4, 2, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("dates %v %v", p.Published, p.Updated)
	}
	var urls []string
	for _, l := range p.Links {
		urls = append(urls, string(l.Kind)+" "+l.URL)
	}
	want := []string{
		"abs https://arxiv.org/abs/2604.01234", "pdf https://arxiv.org/pdf/2604.01234",
		"doi https://doi.org/10.1109/ICSTW.2022.00035", "code https://github.com/x/alpha-nets",
		"link https://zenodo.org/records/1",
	}
	if !slices.Equal(urls, want) {
		t.Errorf("links = %q, want %q", urls, want)
	}
}

func TestAtomLegacy(t *testing.T) {
	path := sharedSample(t, "arxiv-atom/legacy-id-list-1111.2011v2.xml")
	papers, _, err := Load([]string{path})
	if err != nil || len(papers) != 1 {
		t.Fatalf("%d papers, %v", len(papers), err)
	}
	p := papers[0]
	if p.ID != "1111.2011" || p.Title != "Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit" {
		t.Errorf("ID %q, title %q", p.ID, p.Title)
	}
	if !strings.HasPrefix(p.Abstract, "Theoretical description of anisotropic systems, such as layered superconductors and") ||
		!strings.Contains(p.Abstract, "indicating that–at least for the purposes") {
		t.Errorf("abstract not unwrapped and decoded: %q", p.Abstract)
	}
	if !slices.Equal(p.Authors, []string{"James M. Murray", "Adrian Del Maestro", "Zlatko Tesanovic"}) || p.DOI != "10.1103/PhysRevB.85.115117" {
		t.Errorf("authors %q, DOI %q", p.Authors, p.DOI)
	}
	if !slices.Equal(p.Categories, []string{"cond-mat.str-el", "cond-mat.stat-mech"}) || p.Year() != 2011 {
		t.Errorf("categories %q, year %d", p.Categories, p.Year())
	}
}

func TestAtomMojibakeSample(t *testing.T) {
	path := sharedSample(t, "arxiv-atom/search-testing-100.xml")
	papers, _, err := Load([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	var authors, text []string
	for _, p := range papers {
		authors = append(authors, p.Authors...)
		text = append(text, p.Title, p.Abstract)
	}
	all := strings.Join(append(authors, text...), "\n")
	for _, want := range []string{"C. Lämmerzahl", "Aurora Ramírez", "Oliver Weißl", "ωTest: WebView-Oriented Testing"} {
		if !strings.Contains(all, want) {
			t.Errorf("%q not found: mojibake not repaired", want)
		}
	}
	if strings.Contains(all, "Ã") || strings.Contains(all, "Î") {
		t.Error("mojibake left in the text")
	}
}

func TestAtomSpecialFeeds(t *testing.T) {
	empty := `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>https://arxiv.org/api/x</id><title>arXiv Query: id_list=0000.0000</title></feed>`
	papers, err := Parse("empty.xml", strings.NewReader(empty))
	if err != nil || len(papers) != 0 {
		t.Errorf("empty feed: %d papers, %v", len(papers), err)
	}
	apiError := `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>https://arxiv.org/</id><title>arXiv Search Results</title>
<entry><id>https://arxiv.org/api/errors#incorrect_id_format_for_abc</id><title>Error</title>
<summary>incorrect id format for abc</summary><author><name>arXiv api core</name></author></entry></feed>`
	_, err = Parse("err.xml", strings.NewReader(apiError))
	if err == nil || err.Error() != "err.xml: arXiv API error: incorrect id format for abc" {
		t.Errorf("error feed: %v", err)
	}
	truncated := atom2026Entry[:len(atom2026Entry)/2]
	_, err = Parse("cut.xml", strings.NewReader(truncated))
	var lerr *LoadError
	if !errors.As(err, &lerr) || lerr.File != "cut.xml" {
		t.Errorf("truncated feed: %v", err)
	}
}

func TestAtomControlCharacters(t *testing.T) {
	// Control characters are not even legal XML; the feed still loads and
	// the escape sequences they start are removed with them.
	feed := strings.Replace(atom2026Entry, "We test.", "We \x1b[31mtest\x1b[0m\x00 \xff\x1b]8;;http://evil.example/\x07it\x1b]8;;\x07.", 1)
	papers := mustParseCorpus(t, "c.xml", feed)
	if got := papers[0].Abstract; !strings.HasPrefix(got, "We test \uFFFDit.") {
		t.Errorf("abstract = %q", got)
	}
}

func TestHFDaily(t *testing.T) {
	path := sharedSample(t, "hf-daily-papers/daily-papers-30.json")
	papers, _, err := Load([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]model.Paper{}
	for _, p := range papers {
		byID[p.ID] = p
	}
	p := byID["2606.13392"]
	if p.Title != "MiniMax Sparse Attention" || p.Upvotes != 103 || p.Link(model.LinkCode) != "https://github.com/MiniMax-AI/MSA" {
		t.Errorf("paper = %+v", p)
	}
	if !p.Published.Equal(time.Date(2026, 6, 11, 0, 0, 0, 0, time.UTC)) || p.Link(model.LinkAbstract) != "https://arxiv.org/abs/2606.13392" {
		t.Errorf("published %v, links %v", p.Published, p.Links)
	}
	if got := byID["2606.12575"].Authors; !slices.Contains(got, "Dengyang Jiang") {
		t.Errorf("hidden author dropped: %q", got)
	}
	code := 0
	for _, p := range papers {
		if p.HasCode() {
			code++
		}
	}
	// 16 githubRepo fields, and one repository named only in an abstract.
	if code != 17 {
		t.Errorf("%d papers with code, want 17", code)
	}
	if p := byID["2606.12488"]; p.Link(model.LinkCode) != "https://github.com/miccunifi/iamcl2r" {
		t.Errorf("code link from the abstract: %v", p.Links)
	}
}

func TestHFDailyErrors(t *testing.T) {
	_, err := Parse("hf.json", strings.NewReader("[\n{\"paper\": {\"id\": \"1\", \"title\": \"x\"}, \"title\": \"x\"},\n{\"paper\": {\"title\": 5}, \"title\": \"y\"}\n]"))
	if err == nil || !strings.HasPrefix(err.Error(), "hf.json:3: ") {
		t.Errorf("err = %v, want hf.json:3: ...", err)
	}
	papers := mustParseCorpus(t, "hf.json", `[{"paper":{"id":"2606.1","title":"","summary":"s"},"title":"Entry Title","summary":"s"}]`)
	if papers[0].Title != "Entry Title" {
		t.Errorf("title = %q, want the entry's when the paper's is empty", papers[0].Title)
	}
	if _, err := Parse("hf.json", strings.NewReader(`[{"paper":{"id":"2606.1"},"title":""}]`)); err == nil {
		t.Error("no error for an entry without a title")
	}
}

// endlessLine is a JSON line that never ends.
type endlessLine struct{ started bool }

func (e *endlessLine) Read(p []byte) (int, error) {
	n := copy(p, strings.Repeat("x", len(p)))
	if !e.started {
		e.started = true
		n = copy(p, `{"id":"1","title":"`)
	}
	return n, nil
}

func TestJSONLLineTooLong(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 64 MiB")
	}
	_, err := parseArxivJSONL("endless.jsonl", io.MultiReader(strings.NewReader(oaiLine("2401.1", "ok", "A")+"\n"), &endlessLine{}), nil)
	if err == nil || !strings.HasPrefix(err.Error(), "endless.jsonl:2: line longer than 64 MiB") {
		t.Errorf("err = %v", err)
	}
}

func TestJSONTitleFindsTheRawTitle(t *testing.T) {
	cases := map[string]string{
		`{"id":"1","title":"A \"quoted\" Title","abstract":"x"}`:   `A \"quoted\" Title`,
		`{"abstract":"the word \"title\": here","title" : "Real"}`: "Real", // an escaped "title" is not the key
		`{"id":"1","abstract":"no title key"}`:                     "",     // unknown
		`{"title":"a","title":"b"}`:                                "",     // repeated key: unknown
		`{"title":"end\\"}`:                                        `end\\`,
		`{"title":"fake","TITLE":"LoRA"}`:                          "", // encoding/json takes the last, any case
		`{"k\"title":"fake","tit\u006ce":"LoRA"}`:                  "", // an escaped letter may spell the key
		`{"title":"x \"title\": y"}`:                               `x \"title\": y`,
	}
	for record, want := range cases {
		got := jsonTitle([]byte(record))
		if want == "" {
			if got != nil {
				t.Errorf("jsonTitle(%s) = %q, want unknown (nil)", record, got)
			}
			continue
		}
		if string(got) != want {
			t.Errorf("jsonTitle(%s) = %q, want %q", record, got, want)
		}
	}
}

// A trending page listing one paper is mostly boilerplate, which counted
// against it, and the page was refused as an unknown format. The page's
// own boilerplate lines now tell the format.
func TestOnePaperTrendingPage(t *testing.T) {
	lines := strings.Split(defaultCorpus, "\n")
	// The paper with the shortest abstract of the seed (570 bytes).
	title, abstract := lines[190], lines[191]
	pages := map[string]string{
		"subscription box": strings.Join(lines[:2], "\n") + "\nSubscribe" + title + "\n" + abstract + "\n",
		"header and footer": "Trending Papers\nSign in\nPapers with Code\n\n" + title + "\n" + abstract +
			"\n\nTerms\nData policy\nCookies policy\nfrom Facebook AI\n",
	}
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			if f := DetectFormat([]byte(page)); f != FormatTrendingText {
				t.Fatalf("detected %v", f)
			}
			got := mustParseCorpus(t, "one.txt", page)
			if !slices.Equal(paperTitles(got), []string{title}) {
				t.Fatalf("titles = %q", paperTitles(got))
			}
		})
	}
}
