package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/papertui/papers/store/corpus"
)

const sharedDataDir = "../../../shared/data"

func sample(t testing.TB, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sharedDataDir, rel))
	if err != nil {
		t.Skipf("shared sample data not available (%s): %v", rel, err)
	}
	return data
}

// fakeClock is a clock whose Sleep advances it and records the waits.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.waits = append(c.waits, d)
		c.now = c.now.Add(d)
	}
	return ctx.Err()
}

func testFetcher(t *testing.T, srv *httptest.Server) (*Fetcher, *fakeClock) {
	t.Helper()
	clock := &fakeClock{now: time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)}
	client := NewClient("test", t.TempDir())
	client.Now, client.Sleep = clock.Now, clock.Sleep
	return &Fetcher{
		Client: client,
		Store:  &Store{Dir: t.TempDir()},
		URLs:   URLs{HF: srv.URL + "/api/daily_papers", ArxivRSS: srv.URL + "/rss/", ArxivAPI: srv.URL + "/api/query", ArxivOAI: srv.URL + "/oai"},
		Today:  clock.Now,
	}, clock
}

func TestHFPaging(t *testing.T) {
	body := sample(t, "hf-daily-papers/daily-papers-30.json")
	var pages []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pages = append(pages, r.URL.Query().Get("p"))
		if r.URL.Query().Get("date") != "2026-06-12" || (r.URL.Query().Get("sort") != "publishedAt" && r.URL.Query().Get("sort") != "trending") || r.URL.Query().Get("limit") != "100" {
			t.Errorf("query %q", r.URL.RawQuery)
		}
		if !strings.HasPrefix(r.Header.Get("User-Agent"), "papers/test (+https://github.com/papertui/papers)") {
			t.Errorf("User-Agent %q", r.Header.Get("User-Agent"))
		}
		if r.URL.Query().Get("p") == "0" {
			w.Write(body)
			return
		}
		w.Write([]byte("[]"))
	}))
	defer srv.Close()
	f, clock := testFetcher(t, srv)
	f.Client.Spacing = time.Hour // HF is not spaced: no wait at all
	res, err := f.HF(context.Background(), time.Date(2026, 6, 12, 0, 0, 0, 0, time.UTC), "published")
	if err != nil {
		t.Fatal(err)
	}
	// 30 papers in a page of up to 100: the last page, no second request.
	if res.Papers != 30 || res.New != 30 || len(pages) != 1 || len(clock.waits) != 0 {
		t.Errorf("%v, pages %q, waits %v", res, pages, clock.waits)
	}
	papers, _, err := corpus.Load([]string{f.Store.FeedDir("hf-daily")})
	if err != nil || len(papers) != 30 {
		t.Fatalf("stored: %d papers, %v", len(papers), err)
	}
	res, _ = f.HF(context.Background(), time.Date(2026, 6, 12, 0, 0, 0, 0, time.UTC), "trending")
	if res.New != 0 || res.String() != "Hugging Face daily papers 2026-06-12: 30 papers, 0 new" {
		t.Errorf("second fetch: %v", res)
	}
}

func TestListingConditionalAndSpaced(t *testing.T) {
	body := sample(t, "arxiv-rss/arxiv_cs_lg.xml")
	var requests int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		if r.URL.Path != "/rss/cs.LG+cs.AI" {
			t.Errorf("path %q", r.URL.Path)
		}
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write(body)
	}))
	defer srv.Close()
	f, clock := testFetcher(t, srv)
	res, err := f.Listing(context.Background(), []string{"cs.LG", "cs.AI"})
	if err != nil {
		t.Fatal(err)
	}
	if res.String() != "cs.LG+cs.AI listing 2026-04-27: 3 papers, 3 new" || filepath.Base(res.Files[0]) != "2026-04-27.xml" {
		t.Errorf("%v %q", res, res.Files)
	}
	res, err = f.Listing(context.Background(), []string{"cs.LG", "cs.AI"})
	if err != nil || !res.NotModified || requests != 2 {
		t.Errorf("second fetch: %v, %v, %d requests", res, err, requests)
	}
	// The second request waited for the rest of the 3 seconds.
	if len(clock.waits) != 1 || clock.waits[0] != ArxivSpacing {
		t.Errorf("waits %v, want one of %v", clock.waits, ArxivSpacing)
	}
}

func TestListingEmptyAndBadAnswers(t *testing.T) {
	good := sample(t, "arxiv-rss/arxiv_cs_lg.xml")
	answer := good
	status := 200
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		w.Write(answer)
	}))
	defer srv.Close()
	f, _ := testFetcher(t, srv)
	ctx := context.Background()
	if _, err := f.Listing(ctx, []string{"cs.LG"}); err != nil {
		t.Fatal(err)
	}
	stored := filepath.Join(f.Store.FeedDir("arxiv-cs.LG"), "2026-04-27.xml")
	answer = []byte("<!DOCTYPE html><html><body>We are down for maintenance</body></html>")
	if _, err := f.Listing(ctx, []string{"cs.LG"}); err == nil || !strings.Contains(err.Error(), "an HTML page") {
		t.Errorf("HTML page: %v", err)
	}
	answer = good[:len(good)/2]
	if _, err := f.Listing(ctx, []string{"cs.LG"}); err == nil {
		t.Error("a truncated listing was accepted")
	}
	if data, _ := os.ReadFile(stored); string(data) != string(good) {
		t.Error("good data overwritten by a bad answer")
	}
	answer = []byte(`<rss xmlns:arxiv="http://arxiv.org/schemas/atom" version="2.0"><channel><title>cs.LG updates on arXiv.org</title><pubDate>Sat, 28 Nov 2026 00:00:00 -0500</pubDate></channel></rss>`)
	res, err := f.Listing(ctx, []string{"cs.LG"})
	if err != nil || res.Papers != 0 || len(res.Files) != 0 {
		t.Errorf("weekend: %v, %v", res, err)
	}
	status, answer = 404, []byte("no such category")
	var he *HTTPError
	if _, err := f.Listing(ctx, []string{"cs.XX"}); !errors.As(err, &he) || he.Status != 404 {
		t.Errorf("404: %v", err)
	}
}

func TestRetries(t *testing.T) {
	body := sample(t, "arxiv-rss/arxiv_cs_lg.xml")
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			w.Header().Set("Retry-After", "7")
			w.WriteHeader(http.StatusServiceUnavailable)
		case 2:
			w.WriteHeader(http.StatusBadGateway)
		default:
			w.Write(body)
		}
	}))
	defer srv.Close()
	f, clock := testFetcher(t, srv)
	res, err := f.Listing(context.Background(), []string{"cs.LG"})
	if err != nil || res.Papers != 3 || n.Load() != 3 {
		t.Fatalf("%v, %v after %d requests", res, err, n.Load())
	}
	// Retry-After 7 s, then the backoff's 4 s; each retry also keeps
	// the spacing, which these waits already cover.
	want := []time.Duration{7 * time.Second, 4 * time.Second}
	if len(clock.waits) != 2 || clock.waits[0] != want[0] || clock.waits[1] != want[1] {
		t.Errorf("waits %v, want %v", clock.waits, want)
	}
	n.Store(-100) // every answer a 503 from now on
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	if _, err := f.Listing(context.Background(), []string{"cs.LG"}); err == nil || n.Load() != -96 {
		t.Errorf("persistent 503: %v after %d attempts, want 4", err, n.Load()+100)
	}
}

func TestCancel(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	f, _ := testFetcher(t, srv)
	f.Client.Sleep = sleepContext
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := f.Listing(ctx, []string{"cs.LG"}); !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Errorf("err %v after %v", err, time.Since(start))
	}
}

func TestQueryPagesAndErrorFeed(t *testing.T) {
	page := string(sample(t, "arxiv-atom/search-transformer-5.xml"))
	errFeed := sample(t, "arxiv-atom/error-400-feed.xml")
	var starts []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("search_query") == "bad" {
			w.Write(errFeed)
			return
		}
		starts = append(starts, q.Get("start")+"/"+q.Get("max_results"))
		// Two pages of 5: the second one reuses the sample with other ids.
		body := page
		if q.Get("start") == "5" {
			body = strings.ReplaceAll(page, "2606.", "2607.")
		}
		w.Write([]byte(body))
	}))
	defer srv.Close()
	f, _ := testFetcher(t, srv)
	res, err := f.Query(context.Background(), "ti:transformer", 10, "submitted")
	if err != nil {
		t.Fatal(err)
	}
	if res.Papers != 10 || len(res.Files) != 2 || strings.Join(starts, " ") != "0/10 5/5" {
		// The sample holds 5 of the 10 asked for, so the first page ends
		// the query unless totalResults says there are more.
		t.Errorf("%v, starts %q", res, starts)
	}
	if _, err := f.Query(context.Background(), "bad", 10, ""); err == nil || !strings.Contains(err.Error(), "incorrect id format for abc") {
		t.Errorf("error feed: %v", err)
	}
	if _, err := f.Query(context.Background(), "x", 10, "sideways"); err == nil {
		t.Error("unknown sort accepted")
	}
}

func TestOAIResumes(t *testing.T) {
	page1 := sample(t, "arxiv-oai/listrecords-arxivraw-page1.xml")
	page2 := sample(t, "arxiv-oai/listrecords-arxivraw-page2.xml")
	empty := sample(t, "arxiv-oai/listrecords-norecordsmatch.xml")
	fail := true
	var queries []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.RawQuery)
		q := r.URL.Query()
		switch {
		case q.Get("resumptionToken") == "6958393|1001":
			if fail {
				fail = false
				w.WriteHeader(http.StatusForbidden) // not retried: the harvest stops
				return
			}
			w.Write(page2)
		case q.Get("from") == "2026-11-30":
			w.Write(empty)
		default:
			w.Write(page1)
		}
	}))
	defer srv.Close()
	f, _ := testFetcher(t, srv)
	ctx := context.Background()
	res, err := f.OAI(ctx, "physics:hep-ph", "2007-01-01", "")
	if err == nil || res.Papers != 3 {
		t.Fatalf("interrupted harvest: %v, %v", res, err)
	}
	res, err = f.OAI(ctx, "physics:hep-ph", "", "")
	if err != nil || res.Papers != 3 || queries[len(queries)-1] != "resumptionToken=6958393%7C1001&verb=ListRecords" {
		t.Fatalf("resumed: %v, %v, queries %q", res, err, queries)
	}
	papers, _, err := corpus.Load([]string{f.Store.FeedDir("oai-physics:hep-ph")})
	if err != nil || len(papers) != 6 {
		t.Errorf("stored pages: %d papers, %v", len(papers), err)
	}
	// The next harvest starts where this one ended; nothing new is empty.
	res, err = f.OAI(ctx, "physics:hep-ph", "", "")
	if err != nil || res.Papers != 0 || !strings.Contains(queries[len(queries)-1], "from=2026-11-30") {
		t.Errorf("next harvest: %v, %v, %q", res, err, queries[len(queries)-1])
	}
}

// TestRealSpacing measures the spacing of two arXiv requests on the real
// clock, through the lock file: at least 3 s apart.
func TestRealSpacing(t *testing.T) {
	if testing.Short() {
		t.Skip("waits 3 s")
	}
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		times = append(times, time.Now())
		w.Write([]byte(`<rss version="2.0"><channel><title>arXiv</title></channel></rss>`))
	}))
	defer srv.Close()
	lockDir := t.TempDir()
	for range 2 {
		// A new client each time, as a second process would be: only the
		// lock file remembers the first request.
		c := NewClient("test", lockDir)
		if _, err := c.Get(context.Background(), Request{URL: srv.URL + "/rss/cs.LG", Spaced: true}); err != nil {
			t.Fatal(err)
		}
	}
	if gap := times[1].Sub(times[0]); gap < ArxivSpacing {
		t.Errorf("requests %v apart, want at least %v", gap, ArxivSpacing)
	}
}
