package corpus

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/papertui/papers/model"
)

// Hugging Face's /api/daily_papers answers with a JSON array of entries,
// each wrapping a paper: {paper: {id, title, summary, authors, upvotes,
// githubRepo, ...}, title, summary, publishedAt, ...}. paper.id is the arXiv
// id. Text is plain, not TeX.

type hfEntry struct {
	Paper       hfPaper `json:"paper"`
	Title       string  `json:"title"`
	Summary     string  `json:"summary"`
	PublishedAt string  `json:"publishedAt"`
}

type hfPaper struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Authors []struct {
		Name string `json:"name"`
	} `json:"authors"`
	PublishedAt string `json:"publishedAt"`
	Upvotes     int    `json:"upvotes"`
	GithubRepo  string `json:"githubRepo"`
	ProjectPage string `json:"projectPage"`
}

// parseHFDaily parses a daily-papers array. Errors carry the line of the
// offending entry.
func parseHFDaily(name string, data []byte) ([]model.Paper, error) {
	var entries []hfEntry
	if err := json.Unmarshal(data, &entries); err != nil {
		return nil, &LoadError{File: name, Line: jsonErrorLine(data, err), Err: jsonError(err)}
	}
	raws := make([]rawPaper, len(entries))
	for i, e := range entries {
		raws[i] = hfRaw(e)
	}
	papers := finishAll(raws, name, false)
	if len(papers) != len(raws) {
		return nil, &LoadError{File: name, Err: errors.New("an entry has no title")}
	}
	return model.MergeInPlace(papers), nil
}

// hfRaw reads one entry, preferring the paper's own fields to the entry's
// copies.
func hfRaw(e hfEntry) rawPaper {
	p := e.Paper
	raw := rawPaper{
		arxivID:   p.ID,
		title:     firstNonEmpty(p.Title, e.Title),
		abstract:  firstNonEmpty(p.Summary, e.Summary),
		published: parseTime(firstNonEmpty(p.PublishedAt, e.PublishedAt)),
		upvotes:   p.Upvotes,
		// The entry's date is the day the paper was on the daily page.
		announced: announcementDay(e.PublishedAt),
	}
	for _, a := range p.Authors {
		raw.authors = append(raw.authors, a.Name)
	}
	if id := model.NormalizeArxivID(p.ID); id != "" {
		raw.links = append(raw.links, "https://huggingface.co/papers/"+id)
	}
	for _, u := range []string{p.GithubRepo, p.ProjectPage} {
		if u != "" {
			raw.links = append(raw.links, u)
		}
	}
	return raw
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// jsonErrorLine is the line of the byte offset a decoding error reports,
// or 0.
func jsonErrorLine(data []byte, err error) int {
	var offset int64 = -1
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		offset = syn.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
	}
	if offset < 0 || offset > int64(len(data)) {
		return 0
	}
	return bytes.Count(data[:offset], []byte{'\n'}) + 1
}
