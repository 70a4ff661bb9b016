package corpus

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/papertui/papers/model"
)

// arXiv's OAI-PMH interface answers ListRecords (and GetRecord) with pages
// of <record>s: a header (identifier, datestamp, status="deleted" for a
// removed record, which has no metadata) and the metadata in the format
// asked for. arXivRaw gives authors as one string and one <version> per
// revision; "arXiv" gives structured authors and created/updated dates;
// oai_dc is read too, as any OAI repository serves it. A page ends with a
// <resumptionToken>, empty on the last page. The error noRecordsMatch is an
// empty result; any other OAI error is an error. Text is TeX.

type oaiDoc struct {
	Error *struct {
		Code    string `xml:"code,attr"`
		Message string `xml:",chardata"`
	} `xml:"error"`
	Records []oaiPMHRecord `xml:"ListRecords>record"`
	Single  []oaiPMHRecord `xml:"GetRecord>record"`
	Token   *struct {
		Value string `xml:",chardata"`
		Size  string `xml:"completeListSize,attr"`
	} `xml:"ListRecords>resumptionToken"`
}

type oaiPMHRecord struct {
	Header struct {
		Status     string `xml:"status,attr"`
		Identifier string `xml:"identifier"`
		Datestamp  string `xml:"datestamp"`
	} `xml:"header"`
	Metadata struct {
		Raw   *oaiArxivRaw `xml:"arXivRaw"`
		Arxiv *oaiArxiv    `xml:"arXiv"`
		DC    *oaiDC       `xml:"dc"`
	} `xml:"metadata"`
}

// oaiCommon are the fields arXivRaw and arXiv share.
type oaiCommon struct {
	ID         string `xml:"id"`
	Title      string `xml:"title"`
	Abstract   string `xml:"abstract"`
	Categories string `xml:"categories"`
	Comments   string `xml:"comments"`
	JournalRef string `xml:"journal-ref"`
	DOI        string `xml:"doi"`
}

type oaiArxivRaw struct {
	oaiCommon
	Authors  string `xml:"authors"`
	Versions []struct {
		Date string `xml:"date"`
	} `xml:"version"`
}

type oaiArxiv struct {
	oaiCommon
	Created string `xml:"created"`
	Updated string `xml:"updated"`
	Authors []struct {
		Keyname   string `xml:"keyname"`
		Forenames string `xml:"forenames"`
		Suffix    string `xml:"suffix"`
	} `xml:"authors>author"`
}

type oaiDC struct {
	Titles       []string `xml:"title"`
	Creators     []string `xml:"creator"`
	Descriptions []string `xml:"description"`
	Subjects     []string `xml:"subject"`
	Dates        []string `xml:"date"`
	Identifiers  []string `xml:"identifier"`
}

// OAIPage is what one OAI-PMH response holds.
type OAIPage struct {
	Papers []model.Paper
	// Deleted are the arXiv ids of records the repository removed.
	Deleted []string
	// Token asks for the next page; "" on the last one.
	Token string
}

// looksLikeOAIPMH reads up to the root element.
func looksLikeOAIPMH(b []byte) bool {
	name, ok := rootElement(b)
	return ok && name.Local == "OAI-PMH"
}

func readOAIPMH(name string, r io.Reader, sizeHint int64) ([]model.Paper, error) {
	data, err := readAll(name, r, sizeHint)
	if err != nil {
		return nil, err
	}
	page, err := ParseOAIPage(name, data)
	if err != nil {
		return nil, err
	}
	return page.Papers, nil
}

// ParseOAIPage parses one OAI-PMH response. name labels the papers'
// Sources and any error, a *LoadError.
func ParseOAIPage(name string, data []byte) (OAIPage, error) {
	var doc oaiDoc
	field, err := decodeXML(name, "OAI-PMH response", data, &doc)
	if err != nil {
		return OAIPage{}, err
	}
	if doc.Error != nil && doc.Error.Code != "noRecordsMatch" {
		msg := model.CleanLine(doc.Error.Message)
		return OAIPage{}, &LoadError{File: name, Err: fmt.Errorf("OAI-PMH error %s: %s", model.CleanLine(doc.Error.Code), msg)}
	}
	var page OAIPage
	if doc.Token != nil {
		page.Token = strings.TrimSpace(model.CleanLine(doc.Token.Value))
	}
	records := append(doc.Records, doc.Single...)
	raws := make([]rawPaper, 0, len(records))
	for i, rec := range records {
		id := arxivIDIn(field(rec.Header.Identifier))
		if rec.Header.Status == "deleted" {
			if id = model.NormalizeArxivID(id); id != "" {
				page.Deleted = append(page.Deleted, id)
			}
			continue
		}
		raw, ok := oaiRaw(rec, field)
		if !ok {
			return OAIPage{}, &LoadError{File: name, Err: fmt.Errorf("record %d (%s) has no metadata papers can read", i+1, model.CleanLine(id))}
		}
		raw.arxivID = firstNonEmpty(raw.arxivID, id)
		raw.announced = announcementDay(field(rec.Header.Datestamp))
		if strings.TrimSpace(raw.title) == "" {
			return OAIPage{}, &LoadError{File: name, Err: fmt.Errorf("record %d (%s) has no title", i+1, model.CleanLine(id))}
		}
		raws = append(raws, raw)
	}
	page.Papers = model.MergeInPlace(finishAll(raws, name, true))
	return page, nil
}

// oaiRaw reads a record's metadata in whichever format it is in.
func oaiRaw(rec oaiPMHRecord, field func(string) string) (rawPaper, bool) {
	common := func(c oaiCommon) rawPaper {
		return rawPaper{
			arxivID:    field(c.ID),
			title:      field(c.Title),
			abstract:   field(c.Abstract),
			categories: strings.Fields(field(c.Categories)),
			comments:   field(c.Comments),
			journalRef: field(c.JournalRef),
			doi:        field(c.DOI),
		}
	}
	m := rec.Metadata
	switch {
	case m.Raw != nil:
		raw := common(m.Raw.oaiCommon)
		raw.authors = splitAuthors(field(m.Raw.Authors))
		if n := len(m.Raw.Versions); n > 0 {
			raw.published = parseTime(field(m.Raw.Versions[0].Date))
			raw.updated = parseTime(field(m.Raw.Versions[n-1].Date))
		}
		return raw, true
	case m.Arxiv != nil:
		raw := common(m.Arxiv.oaiCommon)
		for _, a := range m.Arxiv.Authors {
			name := strings.TrimSpace(field(a.Forenames) + " " + field(a.Keyname) + " " + field(a.Suffix))
			raw.authors = append(raw.authors, name)
		}
		raw.published, raw.updated = parseTime(field(m.Arxiv.Created)), parseTime(field(m.Arxiv.Updated))
		return raw, true
	case m.DC != nil:
		dc := m.DC
		raw := rawPaper{
			title:    field(strings.Join(dc.Titles, " ")),
			abstract: field(strings.Join(dc.Descriptions, "\n")),
		}
		for _, c := range dc.Creators {
			// Dublin Core writes "Last, First".
			raw.authors = append(raw.authors, invertName(field(c)))
		}
		for _, id := range dc.Identifiers {
			if a := arxivIDIn(field(id)); a != "" && raw.arxivID == "" {
				raw.arxivID = a
			} else if strings.HasPrefix(id, "http") {
				raw.links = append(raw.links, field(id))
			}
		}
		if len(dc.Dates) > 0 {
			raw.published = parseTime(field(dc.Dates[0]))
		}
		return raw, true
	}
	return rawPaper{}, false
}

// invertName turns "Last, First" into "First Last".
func invertName(s string) string {
	last, first, ok := strings.Cut(s, ",")
	if !ok {
		return s
	}
	return strings.TrimSpace(strings.TrimSpace(first) + " " + strings.TrimSpace(last))
}

// dropDeleted removes from papers those a deleted OAI record among files
// names: a harvest's later page may delete a paper an earlier page (or
// any other file) holds. Only files with a deleted record are read again,
// and only their head is read otherwise.
func dropDeleted(files []string, papers []model.Paper) []model.Paper {
	deleted := map[string]bool{}
	for _, file := range files {
		if !hasDeletedRecords(file) {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		if page, err := ParseOAIPage(file, data); err == nil {
			for _, id := range page.Deleted {
				deleted[id] = true
			}
		}
	}
	if len(deleted) == 0 {
		return papers
	}
	return slices.DeleteFunc(papers, func(p model.Paper) bool { return p.ArxivID != "" && deleted[p.ArxivID] })
}

// hasDeletedRecords reports an OAI-PMH file with a deleted record.
func hasDeletedRecords(file string) bool {
	f, err := os.Open(file)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	if !looksLikeOAIPMH(head[:n]) {
		return false
	}
	rest, err := io.ReadAll(io.LimitReader(f, maxOAIScan))
	return err == nil && bytes.Contains(append(head[:n], rest...), []byte(`status="deleted"`))
}

// maxOAIScan bounds the look for deleted records: OAI pages are a few
// megabytes.
const maxOAIScan = 256 << 20

// HasDeletions reports whether a file named by paths (or one in a
// directory they name) is an OAI-PMH page with a deleted record. Stream
// hands papers out as it reads them and cannot take one back when a later
// page deletes it, so a streaming search first asks this and loads
// instead.
func HasDeletions(paths []string) bool {
	found := false
	_, _ = eachCorpusFile(paths, func(file string) (bool, error) {
		found = hasDeletedRecords(file)
		return !found, nil
	})
	return found
}
