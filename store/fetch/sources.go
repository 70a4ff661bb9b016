package fetch

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/corpus"
)

// URLs are the sources' base URLs, each up to where parameters or
// categories go.
type URLs struct {
	HF, ArxivRSS, ArxivAPI, ArxivOAI string
}

// DefaultURLs are the public services.
func DefaultURLs() URLs {
	return URLs{
		HF:       "https://huggingface.co/api/daily_papers",
		ArxivRSS: "https://rss.arxiv.org/rss/",
		ArxivAPI: "https://export.arxiv.org/api/query",
		ArxivOAI: "https://oaipmh.arxiv.org/oai",
	}
}

// FromEnv overrides u with PAPERS_HF_API_URL, PAPERS_ARXIV_RSS_URL,
// PAPERS_ARXIV_API_URL and PAPERS_ARXIV_OAI_URL when they are set.
func (u URLs) FromEnv() URLs {
	for _, e := range []struct {
		name string
		dst  *string
	}{{"PAPERS_HF_API_URL", &u.HF}, {"PAPERS_ARXIV_RSS_URL", &u.ArxivRSS}, {"PAPERS_ARXIV_API_URL", &u.ArxivAPI}, {"PAPERS_ARXIV_OAI_URL", &u.ArxivOAI}} {
		if v := os.Getenv(e.name); v != "" {
			*e.dst = v
		}
	}
	return u
}

// Fetcher fetches the sources into a Store.
type Fetcher struct {
	Client *Client
	Store  *Store
	URLs   URLs
	// Today is the day fetches are named by when the source gives none.
	Today func() time.Time
}

// Result is what one feed's fetch brought.
type Result struct {
	Feed        string // the feed's directory name
	Label       string // "cs.LG listing 2026-11-30"
	Papers, New int
	Files       []string
	NotModified bool
}

func (r Result) String() string {
	if r.NotModified {
		return r.Label + ": not modified"
	}
	return fmt.Sprintf("%s: %d papers, %d new", r.Label, r.Papers, r.New)
}

const (
	hfPageSize  = 100
	apiPageSize = 2000
	apiMaxTotal = 30000
	maxPages    = 10000 // a server that never ends paging must not loop forever
)

func (f *Fetcher) today() string { return f.Today().Format(time.DateOnly) }

// validate parses a response like any corpus file, so that an HTML error
// page, an API error feed or a broken download is never stored.
func validate(rawURL string, resp *Response) ([]model.Paper, error) {
	if corpus.DetectFormat(resp.Body) == corpus.FormatUnknown {
		what := "an unknown format"
		if bytes.Contains(bytes.ToLower(resp.Body[:min(len(resp.Body), 1024)]), []byte("<html")) {
			what = "an HTML page"
		}
		return nil, fmt.Errorf("GET %s: the answer is %s, not a feed", rawURL, what)
	}
	papers, err := corpus.Parse(rawURL, bytes.NewReader(resp.Body))
	if err != nil {
		return nil, err
	}
	return papers, nil
}

// counter counts a fetch's papers and the new ones among them.
type counter struct {
	known map[string]bool
	seen  map[string]bool
	res   *Result
}

func (f *Fetcher) newCounter(feed, label string) *counter {
	return &counter{known: f.Store.knownIDs(feed), seen: map[string]bool{}, res: &Result{Feed: safeName(feed), Label: label}}
}

func (c *counter) add(papers []model.Paper) {
	for _, p := range papers {
		if c.seen[p.ID] {
			continue
		}
		c.seen[p.ID] = true
		c.res.Papers++
		if !c.known[p.ID] {
			c.res.New++
		}
	}
}

func (f *Fetcher) store(c *counter, feed, name string, body []byte) error {
	path := filepath.Join(f.Store.FeedDir(feed), safeName(name))
	if err := writeAtomic(path, body); err != nil {
		return err
	}
	c.res.Files = append(c.res.Files, path)
	return nil
}

// HF fetches a day of Hugging Face daily papers, page by page until an
// empty page. sort is "trending" or "published".
func (f *Fetcher) HF(ctx context.Context, day time.Time, sort string) (Result, error) {
	date := day.Format(time.DateOnly)
	const feed = "hf-daily"
	c := f.newCounter(feed, "Hugging Face daily papers "+date)
	apiSort := "trending"
	if sort == "published" {
		apiSort = "publishedAt"
	}
	for page := 0; page < maxPages; page++ {
		q := url.Values{"date": {date}, "sort": {apiSort}, "p": {strconv.Itoa(page)}, "limit": {strconv.Itoa(hfPageSize)}}
		u := withQuery(f.URLs.HF, q)
		resp, err := f.Client.Get(ctx, Request{URL: u})
		if err != nil {
			return *c.res, err
		}
		if string(bytes.TrimSpace(resp.Body)) == "[]" {
			break
		}
		papers, err := validate(u, resp)
		if err != nil {
			return *c.res, err
		}
		name := date + ".json"
		if page > 0 {
			name = fmt.Sprintf("%s-p%d.json", date, page)
		}
		if err := f.store(c, feed, name, resp.Body); err != nil {
			return *c.res, err
		}
		c.add(papers)
		if len(papers) < hfPageSize {
			break
		}
	}
	return *c.res, nil
}

// Listing fetches the newest announcement listing of arXiv categories,
// conditionally: an unchanged listing is not downloaded again.
func (f *Fetcher) Listing(ctx context.Context, categories []string) (Result, error) {
	cats := strings.Join(categories, "+")
	feed := "arxiv-" + cats
	c := f.newCounter(feed, cats+" listing")
	st, err := f.Store.loadState(feed)
	if err != nil {
		return *c.res, err
	}
	u := f.URLs.ArxivRSS + cats
	v := st.Validators[u]
	if v.File != "" {
		if _, err := os.Stat(v.File); err != nil {
			v = validators{} // the stored copy is gone: fetch it whole
		}
	}
	resp, err := f.Client.Get(ctx, Request{URL: u, Spaced: true, ETag: v.ETag, LastModified: v.LastModified})
	if err != nil {
		return *c.res, err
	}
	if resp.NotModified {
		c.res.NotModified = true
		return *c.res, nil
	}
	papers, err := validate(u, resp)
	if err != nil {
		return *c.res, err
	}
	c.add(papers)
	if len(papers) == 0 {
		c.res.Label += " (no announcements: a weekend or holiday)"
		return *c.res, nil
	}
	date := f.today()
	if d := papers[0].Announced; !d.IsZero() {
		date = d.Format(time.DateOnly)
	}
	c.res.Label += " " + date
	if err := f.store(c, feed, date+".xml", resp.Body); err != nil {
		return *c.res, err
	}
	if st.Validators == nil {
		st.Validators = map[string]validators{}
	}
	st.Validators[u] = validators{ETag: resp.ETag, LastModified: resp.LastModified, File: c.res.Files[0]}
	return *c.res, f.Store.saveState(feed, st)
}

var totalResults = regexp.MustCompile(`<opensearch:totalResults[^>]*>\s*(\d+)\s*<`)

// Query pages through an arXiv API search, up to limit papers (at most
// 30000, as the API allows). sort is submitted, updated or relevance.
func (f *Fetcher) Query(ctx context.Context, query string, limit int, sort string) (Result, error) {
	feed := "arxiv-query-" + query
	c := f.newCounter(feed, "arXiv query "+strconv.Quote(query))
	if limit <= 0 || limit > apiMaxTotal {
		limit = apiMaxTotal
	}
	sortBy := map[string]string{"submitted": "submittedDate", "updated": "lastUpdatedDate", "relevance": "relevance", "": "submittedDate"}[sort]
	if sortBy == "" {
		return *c.res, fmt.Errorf("unknown sort %q (want submitted, updated or relevance)", sort)
	}
	total := -1
	for start, page := 0, 1; start < limit && (total < 0 || start < total); page++ {
		n := min(apiPageSize, limit-start)
		q := url.Values{"search_query": {query}, "start": {strconv.Itoa(start)}, "max_results": {strconv.Itoa(n)}, "sortBy": {sortBy}, "sortOrder": {"descending"}}
		u := withQuery(f.URLs.ArxivAPI, q)
		resp, err := f.Client.Get(ctx, Request{URL: u, Spaced: true})
		if err != nil {
			return *c.res, err
		}
		papers, err := validate(u, resp)
		if err != nil {
			return *c.res, err
		}
		if m := totalResults.FindSubmatch(resp.Body); m != nil {
			total, _ = strconv.Atoi(string(m[1]))
		}
		if len(papers) == 0 {
			break
		}
		if err := f.store(c, feed, fmt.Sprintf("%s-p%04d.xml", f.today(), page), resp.Body); err != nil {
			return *c.res, err
		}
		c.add(papers)
		// The API sometimes returns short pages before the end: the total
		// it announces decides, when it announces one.
		if total < 0 && len(papers) < n {
			break
		}
		start += len(papers)
	}
	return *c.res, nil
}

// OAI harvests a set through OAI-PMH in arXivRaw, following resumption
// tokens. The state is saved after every page: an interrupted harvest
// resumes from its token, and the next harvest starts from the day the last
// one finished when from is "".
func (f *Fetcher) OAI(ctx context.Context, set, from, until string) (Result, error) {
	feed := "oai-" + set
	c := f.newCounter(feed, "OAI-PMH "+set)
	st, err := f.Store.loadState(feed)
	if err != nil {
		return *c.res, err
	}
	h := st.Harvest
	resume := h != nil && h.Token != "" && h.Set == set && (from == "" || from == h.From) && (until == "" || until == h.Until)
	if !resume {
		if from == "" && h != nil && h.Set == set {
			from = h.Done
		}
		h = &harvestState{Set: set, From: from, Until: until}
	}
	started := f.today()
	for page := 0; page < maxPages; page++ {
		var q url.Values
		if h.Token != "" {
			q = url.Values{"verb": {"ListRecords"}, "resumptionToken": {h.Token}}
		} else {
			q = url.Values{"verb": {"ListRecords"}, "metadataPrefix": {"arXivRaw"}, "set": {set}}
			if h.From != "" {
				q.Set("from", h.From)
			}
			if h.Until != "" {
				q.Set("until", h.Until)
			}
		}
		u := withQuery(f.URLs.ArxivOAI, q)
		resp, err := f.Client.Get(ctx, Request{URL: u, Spaced: true})
		if err != nil {
			return *c.res, err
		}
		if corpus.DetectFormat(resp.Body) != corpus.FormatOAIPMH {
			_, err := validate(u, resp)
			if err == nil {
				err = fmt.Errorf("GET %s: the answer is not an OAI-PMH response", u)
			}
			return *c.res, err
		}
		result, err := corpus.ParseOAIPage(u, resp.Body)
		if err != nil {
			return *c.res, err
		}
		if len(result.Papers) > 0 || len(result.Deleted) > 0 {
			h.Page++
			if err := f.store(c, feed, fmt.Sprintf("%s-p%04d.xml", started, h.Page), resp.Body); err != nil {
				return *c.res, err
			}
		}
		c.add(result.Papers)
		h.Token = result.Token
		if h.Token == "" {
			h.Done = firstNonEmpty(h.Until, started)
			h.Page = 0
		}
		st.Harvest = h
		if err := f.Store.saveState(feed, st); err != nil {
			return *c.res, err
		}
		if h.Token == "" {
			break
		}
	}
	return *c.res, nil
}

func withQuery(base string, q url.Values) string {
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + q.Encode()
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
