package corpus

import (
	"strings"
	"testing"
)

// The feed formats' fuzz targets start from small hand-made seeds, so that
// each execution is cheap and a few seconds explore thousands of inputs.

func FuzzRSS(f *testing.F) {
	f.Add(`<rss><channel><pubDate>Mon, 30 Nov 2026 00:00:00 -0500</pubDate><item><title>$x$</title><guid>oai:arXiv.org:2601.00001v3</guid><category>cs.LG</category><arxiv:announce_type>cross</arxiv:announce_type><dc:creator>A, B</dc:creator></item></channel></rss>`)
	f.Add(`<rss><channel><item><title>T</title><description>arXiv:1 Announce Type: new Abstract: x</description></item></channel></rss>`)
	f.Add(`<rdf:RDF xmlns:rdf="r"><item><title>T. (arXiv:2301.00001v1 [cs.LG])</title><dc:creator>&lt;a&gt;A&lt;/a&gt;</dc:creator></item></rdf:RDF>`)
	f.Fuzz(func(t *testing.T, data string) {
		papers, err := parseArxivRSS("fuzz", []byte(data))
		checkResult(t, papers, err)
	})
}

func FuzzDigest(f *testing.F) {
	f.Add("received from  Thu 26 Nov 26 19:00:00 GMT  to  Fri 27 Nov 26 19:00:00 GMT\n\\\\\narXiv:2611.00001\nDate: Thu, 26 Nov 2026 10:00:00 GMT   (10kb)\n\nTitle: T\n  more\nAuthors: A, B\n  and C\nCategories: cs.LG\n\\\\\n  Abs.\n\\\\ ( https://arxiv.org/abs/2611.00001 ,  10kb)\n")
	f.Add("%-%-%-\n\\\\\narXiv:1 (*cross-listing*)\nTitle: X\n\\\\ ( https://arxiv.org/abs/1 ,  1kb)\n%%--%%--\n\\\\\n\\\\\nTitle: Y\n")
	f.Fuzz(func(t *testing.T, data string) {
		papers, err := parseDigest("fuzz", data)
		checkResult(t, papers, err)
	})
}

func FuzzOAI(f *testing.F) {
	f.Add(`<OAI-PMH><ListRecords><record><header><identifier>oai:arXiv.org:0704.0001</identifier><datestamp>2008-11-26</datestamp></header><metadata><arXivRaw><id>0704.0001</id><version><date>Mon, 2 Apr 2007 19:18:42 GMT</date></version><title>T $x$</title><authors>A and B</authors><categories>hep-ph</categories></arXivRaw></metadata></record><record><header status="deleted"><identifier>oai:arXiv.org:0704.9999</identifier></header></record><resumptionToken>1|2</resumptionToken></ListRecords></OAI-PMH>`)
	f.Add(`<OAI-PMH><error code="noRecordsMatch">none</error></OAI-PMH>`)
	f.Add(`<OAI-PMH><GetRecord><record><metadata><arXiv><title>T</title><authors><author><keyname>K</keyname></author></authors></arXiv></metadata></record></GetRecord></OAI-PMH>`)
	f.Fuzz(func(t *testing.T, data string) {
		page, err := ParseOAIPage("fuzz", []byte(data))
		if err != nil {
			page.Papers = nil
		}
		checkResult(t, page.Papers, err)
	})
}

func FuzzBibTeX(f *testing.F) {
	f.Add("@string{n = \"N\" # {x}}\n% c\n@misc{k, title = {T{\\\"o}}, author = {B, A and C D and others}, month = oct, year = 2017, journal = n # \" y\"}")
	f.Add("@article(k, title = \"Q {\\\"}\" , eprint={1706.03762}, archivePrefix={arXiv})\n@comment{x}@preamble{\"y\"}")
	f.Add("@book{k,\n title {A}}")
	f.Fuzz(func(t *testing.T, data string) {
		papers, err := readBibTeX("fuzz", strings.NewReader(data), 0)
		checkResult(t, papers, err)
	})
}
