package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/internal/storetest"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func byArxivID(papers []model.Paper) map[string]model.Paper {
	m := map[string]model.Paper{}
	for _, p := range papers {
		m[p.ArxivID] = p
	}
	return m
}

func TestRSSListing(t *testing.T) {
	path := sharedSample(t, "arxiv-rss/arxiv_cs_lg.xml")
	papers, _, err := Load([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	p := byArxivID(papers)["2604.21952"]
	if p.Title != "Focus Session: Hardware and Software Techniques for Accelerating Multimodal Foundation Models" {
		t.Errorf("title %q", p.Title)
	}
	if !strings.HasPrefix(p.Abstract, "This work presents a multi-layered methodology") || strings.Contains(p.Abstract, "Announce Type") {
		t.Errorf("abstract keeps the listing prefix: %.80q", p.Abstract)
	}
	if !strings.Contains(p.Abstract, "visual resolution & stride") {
		t.Error("entity not decoded in the abstract")
	}
	if len(p.Authors) != 6 || p.Authors[0] != "Muhammad Shafique" || p.Authors[5] != "Minghao Shao" {
		t.Errorf("authors %q", p.Authors)
	}
	if !slices.Equal(p.Categories, []string{"cs.LG", "cs.AI", "cs.AR", "cs.NE", "cs.RO"}) {
		t.Errorf("categories %q", p.Categories)
	}
	// The channel's pubDate is midnight in New York: the day is the 27th.
	if !p.Announced.Equal(day("2026-04-27")) || p.AnnounceType != "new" {
		t.Errorf("announced %v %q", p.Announced, p.AnnounceType)
	}
}

const rssListing = `<?xml version="1.0"?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
  <channel>
    <title>cs.LG updates on arXiv.org</title>
    <pubDate>Mon, 30 Nov 2026 00:00:00 -0500</pubDate>
    ITEMS
  </channel>
</rss>`

const rssItems = `<item>
      <title>Replaced $\alpha$ paper</title>
      <link>https://arxiv.org/abs/2601.00001</link>
      <description>arXiv:2601.00001v3 Announce Type: replace-cross 
Abstract: Old \"{o} work.</description>
      <guid isPermaLink="false">oai:arXiv.org:2601.00001v3</guid>
      <category>stat.ML</category><category>cs.LG</category>
      <arxiv:announce_type>replace-cross</arxiv:announce_type>
      <dc:creator>A. One, B. Two and C. Three</dc:creator>
    </item>`

func TestRSSVariants(t *testing.T) {
	t.Run("empty weekend feed", func(t *testing.T) {
		papers, err := Parse("sat.xml", strings.NewReader(strings.Replace(rssListing, "ITEMS", "", 1)))
		if err != nil || len(papers) != 0 {
			t.Errorf("%d papers, %v; want none and no error", len(papers), err)
		}
	})
	t.Run("replacement", func(t *testing.T) {
		papers := mustParseCorpus(t, "r.xml", strings.Replace(rssListing, "ITEMS", rssItems, 1))
		p := papers[0]
		if p.Title != "Replaced α paper" || p.Abstract != "Old ö work." || p.AnnounceType != "replace-cross" {
			t.Errorf("%q %q %q", p.Title, p.Abstract, p.AnnounceType)
		}
		if !p.Announced.Equal(day("2026-11-30")) || !p.Published.IsZero() {
			t.Errorf("announced %v, published %v (a replacement's date is not its day)", p.Announced, p.Published)
		}
		if !slices.Equal(p.Authors, []string{"A. One", "B. Two", "C. Three"}) || p.Categories[0] != "stat.ML" {
			t.Errorf("authors %q, categories %q", p.Authors, p.Categories)
		}
	})
	t.Run("RSS 1.0", func(t *testing.T) {
		rdf := `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://arxiv.org/"><title>cs.LG updates on arXiv.org</title><dc:date>2023-01-03T20:30:00-05:00</dc:date></channel>
<item rdf:about="http://arxiv.org/abs/2301.00001">
<title>Old listing title. (arXiv:2301.00001v1 [cs.LG] UPDATED)</title>
<link>http://arxiv.org/abs/2301.00001</link>
<description rdf:parseType="Literal">&lt;p&gt;An abstract where x &lt; y.&lt;/p&gt;</description>
<dc:creator> &lt;a href="http://arxiv.org/find/cs/1/au:+One_A/0/1/0/all/0/1"&gt;A. One&lt;/a&gt;, &lt;a href="x"&gt;B. Two&lt;/a&gt;</dc:creator>
</item></rdf:RDF>`
		papers := mustParseCorpus(t, "old.rdf", rdf)
		p := papers[0]
		if p.ArxivID != "2301.00001" || p.Title != "Old listing title." || p.Abstract != "An abstract where x < y." || p.AnnounceType != "replace" {
			t.Errorf("%q %q %q %q", p.ArxivID, p.Title, p.Abstract, p.AnnounceType)
		}
		if !slices.Equal(p.Authors, []string{"A. One", "B. Two"}) || !p.Announced.Equal(day("2023-01-03")) {
			t.Errorf("authors %q, announced %v", p.Authors, p.Announced)
		}
	})
	t.Run("broken", func(t *testing.T) {
		_, err := Parse("cut.xml", strings.NewReader(strings.Replace(rssListing, "ITEMS", rssItems, 1)[:400]))
		var lerr *LoadError
		if !errors.As(err, &lerr) || lerr.File != "cut.xml" || lerr.Line == 0 {
			t.Errorf("err = %v, want a LoadError with a line", err)
		}
	})
}

func TestAtomListingAndPrimaryCategory(t *testing.T) {
	listing := `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<id>http://rss.arxiv.org/atom/cs.LG</id><title>cs.LG updates on arXiv.org</title>
<entry><id>oai:arXiv.org:2604.21952v1</id><title>A listed paper</title>
<summary>arXiv:2604.21952v1 Announce Type: cross 
Abstract: We list.</summary>
<category term="cs.AI"/><category term="cs.LG"/>
<published>2026-04-27T00:00:00-04:00</published>
<arxiv:announce_type>cross</arxiv:announce_type>
<dc:creator>A. One, B. Two</dc:creator></entry></feed>`
	p := mustParseCorpus(t, "l.xml", listing)[0]
	if p.ArxivID != "2604.21952" || p.Abstract != "We list." || p.AnnounceType != "cross" || !p.Announced.Equal(day("2026-04-27")) {
		t.Errorf("%q %q %q %v", p.ArxivID, p.Abstract, p.AnnounceType, p.Announced)
	}
	if !slices.Equal(p.Authors, []string{"A. One", "B. Two"}) {
		t.Errorf("authors %q", p.Authors)
	}
	// The API lists the categories alphabetically and names the primary
	// one apart: it must come first.
	api := strings.Replace(atom2026Entry, `<arxiv:primary_category term="cs.SE"/>`, `<arxiv:primary_category term="cs.LG"/><arxiv:journal_ref>ICSTW 2022</arxiv:journal_ref>`, 1)
	p = mustParseCorpus(t, "q.xml", api)[0]
	if !slices.Equal(p.Categories, []string{"cs.LG", "cs.SE"}) || p.JournalRef != "ICSTW 2022" || !p.Announced.IsZero() {
		t.Errorf("categories %q, journal ref %q, announced %v", p.Categories, p.JournalRef, p.Announced)
	}
	if p.Comments != "12 pages; data at https://zenodo.org/records/1" {
		t.Errorf("comments %q", p.Comments)
	}
}

func TestDigest(t *testing.T) {
	path := sharedSample(t, "arxiv-digest/2026-01-23.txt")
	papers, _, err := Load([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	ids := paperIDs(papers)
	if !slices.Equal(ids, []string{"2601.15305", "2601.15306", "2601.15307", "2601.15311", "2601.15316"}) {
		t.Errorf("ids %q", ids)
	}
	p := papers[0]
	if p.Title != "Gated Sparse Attention: Combining Computational Efficiency with Training Stability for Long-Context Language Models" {
		t.Errorf("title %q", p.Title)
	}
	if p.Comments != "15 pages, 1 figure, attention mechanism, sparse attention, gating, long-context" || !slices.Equal(p.Authors, []string{"Alfred Shen", "Aaron Shen"}) {
		t.Errorf("comments %q, authors %q", p.Comments, p.Authors)
	}
	if !strings.HasPrefix(p.Abstract, "The computational burden") || !strings.HasSuffix(p.Abstract, "reduced by 98%.") {
		t.Errorf("abstract %q", p.Abstract)
	}
	// Submissions up to Thursday the 22nd are announced on Friday the 23rd.
	if !p.Announced.Equal(day("2026-01-23")) || p.AnnounceType != "new" || !p.Published.Equal(time.Date(2026, 1, 12, 20, 33, 39, 0, time.UTC)) {
		t.Errorf("announced %v %q, published %v", p.Announced, p.AnnounceType, p.Published)
	}
	last := papers[4]
	if last.DOI != "10.1016/j.cosrev.2026.100893" || !slices.Contains(last.Authors, "Keqin Li") || !last.HasCode() {
		t.Errorf("DOI %q, authors %q, links %v", last.DOI, last.Authors, last.Links)
	}
}

func TestDigestSections(t *testing.T) {
	mail := `received from  Thu 26 Nov 26 19:00:00 GMT  to  Fri 27 Nov 26 19:00:00 GMT
------------------------------------------------------------------------------
\\
arXiv:2611.00001
Date: Thu, 26 Nov 2026 10:00:00 GMT   (10kb)

Title: New one
Authors: A. One
Categories: cs.LG
\\
  Abstract one.
\\ ( https://arxiv.org/abs/2611.00001 ,  10kb)
%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-%-
\\
arXiv:2611.00002 (*cross-listing*)
Date: Thu, 26 Nov 2026 11:00:00 GMT   (10kb)

Title: Crossed
Authors: B. Two
Categories: stat.ML cs.LG
\\
  Abstract two.
\\ ( https://arxiv.org/abs/2611.00002 ,  10kb)
%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%
\\
arXiv:2501.00003
replaced with revised version Thu, 26 Nov 2026 12:00:00 GMT   (20kb)

Title: Replaced
Authors: C. Three
Categories: cs.LG
Journal-ref: Nature 1 (2026)
\\ ( https://arxiv.org/abs/2501.00003 ,  20kb)
`
	papers := mustParseCorpus(t, "mail.txt", mail)
	if len(papers) != 3 {
		t.Fatalf("%d papers", len(papers))
	}
	for i, want := range []string{"new", "cross", "replace"} {
		if papers[i].AnnounceType != want || !papers[i].Announced.Equal(day("2026-11-30")) {
			t.Errorf("paper %d: %q %v, want %q on Monday the 30th", i, papers[i].AnnounceType, papers[i].Announced, want)
		}
	}
	if papers[2].Abstract != "" || papers[2].JournalRef != "Nature 1 (2026)" {
		t.Errorf("replacement: abstract %q, journal ref %q", papers[2].Abstract, papers[2].JournalRef)
	}
	broken := strings.Replace(mail, "Title: Crossed\n", "", 1)
	_, err := Parse("mail.txt", strings.NewReader(broken))
	var lerr *LoadError
	if !errors.As(err, &lerr) || lerr.Line != 14 {
		t.Errorf("err = %v, want a LoadError at line 14 (the entry's opening)", err)
	}
}

func TestOAIPages(t *testing.T) {
	page1 := sharedSample(t, "arxiv-oai/listrecords-arxivraw-page1.xml")
	page2 := sharedSample(t, "arxiv-oai/listrecords-arxivraw-page2.xml")
	data, err := os.ReadFile(page1)
	if err != nil {
		t.Fatal(err)
	}
	page, err := ParseOAIPage(page1, data)
	if err != nil {
		t.Fatal(err)
	}
	if page.Token != "6958393|1001" || !slices.Equal(page.Deleted, []string{"0704.9999"}) || len(page.Papers) != 3 {
		t.Errorf("token %q, deleted %q, %d papers", page.Token, page.Deleted, len(page.Papers))
	}
	p := page.Papers[0]
	if p.ID != "0704.0001" || !slices.Equal(p.Authors, []string{"C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"}) {
		t.Errorf("%q %q", p.ID, p.Authors)
	}
	if p.JournalRef != "Phys.Rev.D76:013009,2007" || p.DOI != "10.1103/PhysRevD.76.013009" || p.Comments != "37 pages, 15 figures; published version" {
		t.Errorf("journal ref %q, DOI %q, comments %q", p.JournalRef, p.DOI, p.Comments)
	}
	if !p.Published.Equal(time.Date(2007, 4, 2, 19, 18, 42, 0, time.UTC)) || !p.Updated.Equal(time.Date(2007, 7, 24, 20, 10, 27, 0, time.UTC)) || !p.Announced.Equal(day("2008-11-26")) {
		t.Errorf("published %v, updated %v, announced %v", p.Published, p.Updated, p.Announced)
	}
	if got := page.Papers[1].Categories; !slices.Equal(got, []string{"math.CO", "cs.CG"}) {
		t.Errorf("categories %q", got)
	}
	data, _ = os.ReadFile(page2)
	if page, err := ParseOAIPage(page2, data); err != nil || page.Token != "" || len(page.Papers) != 3 {
		t.Errorf("page 2: token %q, %d papers, %v", page.Token, len(page.Papers), err)
	}
	papers, _, err := Load([]string{page1, page2})
	if err != nil || len(papers) != 6 {
		t.Errorf("both pages: %d papers, %v", len(papers), err)
	}
	// A later page deleting a paper of an earlier one removes it.
	deletion := strings.Replace(string(data), "<header>\n        <identifier>oai:arXiv.org:0704.0011</identifier>", `<header status="deleted">`+"\n        <identifier>oai:arXiv.org:0704.0002</identifier>", 1)
	later := writeTemp(t, filepath.Join(t.TempDir(), "page3.xml"), deletion)
	papers, _, err = Load([]string{page1, later})
	if err != nil || slices.Contains(paperIDs(papers), "0704.0002") || len(papers) != 4 {
		t.Errorf("after a deletion: %q, %v", paperIDs(papers), err)
	}
}

func TestOAIVariants(t *testing.T) {
	head := `<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-11-30T12:00:00Z</responseDate>`
	_, err := Parse("bad.xml", strings.NewReader(head+`<error code="badResumptionToken">The value of the resumptionToken argument is invalid or expired.</error></OAI-PMH>`))
	if err == nil || !strings.Contains(err.Error(), "bad.xml: OAI-PMH error badResumptionToken: The value") {
		t.Errorf("error response: %v", err)
	}
	arxivFormat := head + `<ListRecords><record><header><identifier>oai:arXiv.org:2611.00001</identifier><datestamp>2026-11-27</datestamp></header>
<metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>2611.00001</id><created>2026-11-26</created><updated>2026-11-27</updated>
<authors><author><keyname>Bal\'azs</keyname><forenames>C.</forenames></author><author><keyname>Yuan</keyname><forenames>C.-P.</forenames><suffix>Jr</suffix></author></authors>
<title>An arXiv-format record</title><categories>cs.LG stat.ML</categories><abstract>Text.</abstract></arXiv></metadata></record>
<record><header><identifier>oai:arXiv.org:2611.00002</identifier><datestamp>2026-11-27</datestamp></header>
<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>A Dublin Core record</dc:title>
<dc:creator>One, Alice</dc:creator><dc:description>Words.</dc:description><dc:date>2026-11-26</dc:date><dc:identifier>http://arxiv.org/abs/2611.00002</dc:identifier></oai_dc:dc></metadata></record>
<resumptionToken cursor="0" completeListSize="2"/></ListRecords></OAI-PMH>`
	papers := mustParseCorpus(t, "arxiv.xml", arxivFormat)
	m := byArxivID(papers)
	if p := m["2611.00001"]; !slices.Equal(p.Authors, []string{"C. Balázs", "C.-P. Yuan Jr"}) || !p.Published.Equal(day("2026-11-26")) || !p.Announced.Equal(day("2026-11-27")) {
		t.Errorf("arXiv format: %q %v %v", p.Authors, p.Published, p.Announced)
	}
	if p := m["2611.00002"]; p.Title != "A Dublin Core record" || !slices.Equal(p.Authors, []string{"Alice One"}) {
		t.Errorf("oai_dc: %q %q", p.Title, p.Authors)
	}
}

func TestBibTeX(t *testing.T) {
	path := sharedSample(t, "bibtex/d2l.bib")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	raws, err := parseBibEntries(path, string(data))
	if err != nil || len(raws) != 488 {
		t.Fatalf("%d entries, %v; want 488", len(raws), err)
	}
	papers, _, err := Load([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	// Twelve works are cited under two keys each (Ba.Kiros.Hinton.2016 and
	// ba2016layer, ...): like duplicates in any corpus they are one paper.
	if len(papers) != 476 {
		t.Errorf("%d papers, want 488 entries less 12 duplicates", len(papers))
	}
	storetest.CheckLoaded(t, papers)
	var p model.Paper
	for _, q := range papers {
		if q.BibKey == "Abadi.Barham.Chen.ea.2016" {
			p = q
		}
	}
	if p.Title != "TensorFlow: A system for large-scale machine learning" || len(p.Authors) != 10 || p.Authors[0] != "Martín Abadi" || p.Year() != 2016 {
		t.Errorf("%q %q %d", p.Title, p.Authors, p.Year())
	}
	if p.JournalRef != "12th USENIX Symposium on Operating Systems Design and Implementation (OSDI 16)" {
		t.Errorf("journal ref %q", p.JournalRef)
	}
}

func TestBibTeXSyntax(t *testing.T) {
	bib := `% a comment line with an @ sign
# another comment
@String{ nips = "Advances in Neural " # {Information Processing Systems} }
@preamble{ "\newcommand{\x}{y}" }
@misc{Vaswani2017,
  % a comment inside the entry
  title = "Attention Is {All} You Need",
  author = {Vaswani, Ashish and Shazeer, Noam and others},
  booktitle = nips,
  month = oct, year = 2017,
  eprint = {1706.03762}, archivePrefix = {arXiv}, primaryClass = {cs.CL},
  doi = {10.5555/3295222.3295349},
}
@Article(Schrodinger1926,
  title = {Quantisierung als {E}igenwertproblem},
  author = {Schr{\"o}dinger, Erwin and G{\'{e}}rard {de la} Tour},
  journal = {Annalen der Physik}, year = {1926}, month = {March})
`
	papers := mustParseCorpus(t, "r.bib", bib)
	if len(papers) != 2 {
		t.Fatalf("%d papers", len(papers))
	}
	p := papers[0]
	if p.Title != "Attention Is All You Need" || p.ArxivID != "1706.03762" || p.BibKey != "Vaswani2017" || !slices.Equal(p.Categories, []string{"cs.CL"}) {
		t.Errorf("%q %q %q %q", p.Title, p.ArxivID, p.BibKey, p.Categories)
	}
	if !slices.Equal(p.Authors, []string{"Ashish Vaswani", "Noam Shazeer"}) || p.JournalRef != "Advances in Neural Information Processing Systems" {
		t.Errorf("authors %q, journal ref %q", p.Authors, p.JournalRef)
	}
	if !p.Published.Equal(day("2017-10-01")) || p.DOI != "10.5555/3295222.3295349" {
		t.Errorf("published %v, DOI %q", p.Published, p.DOI)
	}
	q := papers[1]
	if !slices.Equal(q.Authors, []string{"Erwin Schrödinger", "Gérard de la Tour"}) || !q.Published.Equal(day("1926-03-01")) || q.Title != "Quantisierung als Eigenwertproblem" {
		t.Errorf("%q %q %v", q.Title, q.Authors, q.Published)
	}
	for name, c := range map[string]struct {
		text string
		line int
	}{
		"unclosed entry":  {"@article{a,\n  title = {T},\n\n@article{b, title={U}}", 1},
		"unclosed at EOF": {"@article{a, title = {T}}\n\n@article{b,\n title = {U\n}", 3},
		"unbalanced":      {"@article{a, title = {T}}\n@article{b,\n title = {U{V}\n", 3},
		"no title":        {"\n@book{k, author = {A}}", 2},
		"missing equals":  {"@book{k,\n title {A}}", 2},
		"quoted unclosed": {"@book{k, title = \"A}", 1},
	} {
		_, err := Parse("bad.bib", strings.NewReader(c.text))
		var lerr *LoadError
		if !errors.As(err, &lerr) || lerr.File != "bad.bib" || lerr.Line != c.line {
			t.Errorf("%s: err = %v, want a LoadError at line %d", name, err, c.line)
		}
	}
}
