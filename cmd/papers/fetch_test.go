package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/papertui/papers/store/config"
)

const sharedDataDir = "../../../shared/data"

func sharedSample(t *testing.T, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sharedDataDir, rel))
	if err != nil {
		t.Skipf("shared sample data not available (%s): %v", rel, err)
	}
	return data
}

// listingServer replays the real cs.LG listing at /rss/cs.LG, as
// rss.arxiv.org would serve it, until the test ends.
func listingServer(t *testing.T) *httptest.Server {
	t.Helper()
	rss := sharedSample(t, "arxiv-rss/arxiv_cs_lg.xml")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/rss/cs.LG" {
			http.NotFound(w, r)
			return
		}
		w.Write(rss)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// fetchEnv gives the test its own config, data and cache directories and
// points every source at srv.
func fetchEnv(t *testing.T, srv *httptest.Server) (lib string) {
	t.Helper()
	lib = tempLibrary(t)
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("PAPERS_HF_API_URL", srv.URL+"/api/daily_papers")
	t.Setenv("PAPERS_ARXIV_RSS_URL", srv.URL+"/rss/")
	t.Setenv("PAPERS_ARXIV_API_URL", srv.URL+"/api/query")
	t.Setenv("PAPERS_ARXIV_OAI_URL", srv.URL+"/oai")
	return lib
}

func TestFetchArxivThenSearch(t *testing.T) {
	srv := listingServer(t)
	lib := fetchEnv(t, srv)
	_, errOut, code := papers(t, "--library", lib, "fetch", "arxiv", "cs.LG")
	if code != 0 || errOut != "cs.LG listing 2026-04-27: 3 papers, 3 new\n" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	// The fetched feed is what papers opens by default now.
	out, errOut, code := papers(t, "--library", lib, "search", "anomaly detection")
	if code != 0 || strings.Count(out, "\n") != 2 {
		t.Errorf("search: exit %d\n%s%s", code, out, errOut)
	}
	out, _, _ = papers(t, "--library", lib, "search", "--json", "")
	if strings.Count(out, "\n") != 3 {
		t.Errorf("default corpus should be the 3 fetched papers, got\n%s", out)
	}
	if out, _, _ = papers(t, "--library", lib, "search", "date:2026-04-27"); strings.Count(out, "\n") != 3 {
		t.Errorf("date:2026-04-27 should list the day's 3 papers:\n%s", out)
	}
	if _, _, code = papers(t, "--library", lib, "search", "date:2026-04-26"); code != 1 {
		t.Errorf("date:2026-04-26: exit %d, want 1 (no match)", code)
	}
	// A category the server does not know fails, naming the feed: exit 2.
	_, errOut, code = papers(t, "--library", lib, "fetch", "arxiv", "cs.XX")
	if code != 2 || !strings.Contains(errOut, "fetch cs.XX listing failed") || !strings.Contains(errOut, "404") {
		t.Errorf("bad category: exit %d, stderr %q", code, errOut)
	}
}

func TestFetchConfiguredFeeds(t *testing.T) {
	rss := sharedSample(t, "arxiv-rss/arxiv_cs_ai.xml")
	hf := sharedSample(t, "hf-daily-papers/daily-papers-30.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/rss/cs.AI":
			w.Write(rss)
		case r.URL.Path == "/api/daily_papers" && r.URL.Query().Get("p") == "0":
			w.Write(hf)
		case r.URL.Path == "/api/daily_papers":
			w.Write([]byte("[]"))
		default:
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	lib := fetchEnv(t, srv)
	_, errOut, code := papers(t, "--library", lib, "fetch")
	if code != 2 || !strings.Contains(errOut, "no feeds configured") || !strings.Contains(errOut, "[[feeds]]") {
		t.Errorf("no feeds: exit %d, stderr %q", code, errOut)
	}
	cfg := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(cfg, []byte("[[feeds]]\nsource = \"arxiv\"\ncategories = [\"cs.AI\"]\n\n[[feeds]]\nsource = \"hf\"\n"), 0o600)
	_, errOut, code = papers(t, "--library", lib, "--config", cfg, "fetch")
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if code != 0 || len(lines) != 2 || lines[0] != "cs.AI listing 2026-04-27: 3 papers, 3 new" || !strings.HasSuffix(lines[1], ": 30 papers, 30 new") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	out, _, _ := papers(t, "--library", lib, "--config", cfg, "search", "--json", "")
	if strings.Count(out, "\n") != 33 {
		t.Errorf("want the 33 fetched papers, got %d lines", strings.Count(out, "\n"))
	}
}

func TestFetchQueryErrorFeedAndOAI(t *testing.T) {
	errFeed := sharedSample(t, "arxiv-atom/error-400-feed.xml")
	html := "<!DOCTYPE html><html><body>Service unavailable</body></html>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/query":
			w.Write(errFeed)
		default:
			w.Write([]byte(html))
		}
	}))
	defer srv.Close()
	lib := fetchEnv(t, srv)
	_, errOut, code := papers(t, "--library", lib, "fetch", "arxiv", "--query", "id:abc")
	if code != 2 || !strings.Contains(errOut, "arXiv API error: incorrect id format for abc") {
		t.Errorf("error feed: exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = papers(t, "--library", lib, "fetch", "hf", "--date", "2026-11-30")
	if code != 2 || !strings.Contains(errOut, "an HTML page") {
		t.Errorf("HTML page: exit %d, stderr %q", code, errOut)
	}
	if _, errOut, code = papers(t, "--library", lib, "fetch", "oai"); code != 2 || !strings.Contains(errOut, "--set is required") {
		t.Errorf("oai without --set: exit %d, %q", code, errOut)
	}
	if _, errOut, code = papers(t, "--library", lib, "fetch", "hf", "--sort", "random"); code != 2 || !strings.Contains(errOut, "--sort") {
		t.Errorf("bad sort: exit %d, %q", code, errOut)
	}
	feeds := filepath.Join(os.Getenv("XDG_DATA_HOME"), "papers", "feeds")
	if entries, _ := filepath.Glob(filepath.Join(feeds, "*", "*")); len(entries) != 0 {
		t.Errorf("bad answers were stored: %q", entries)
	}
	// With nothing fetched, papers still opens the built-in corpus.
	if out, _, _ := papers(t, "--library", lib, "search", "--json", ""); strings.Count(out, "\n") != 202 {
		t.Errorf("want the built-in 202 papers, got %d lines", strings.Count(out, "\n"))
	}
}

// TestOnlyFetchDials runs the other commands with every source pointed at
// a server that fails the test on any request.
func TestOnlyFetchDials(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected request %s", r.URL)
	}))
	defer srv.Close()
	lib := fetchEnv(t, srv)
	for _, args := range [][]string{
		{"search", "lora"},
		{"search", "--json", ""},
		{"tags"},
		{"export", "--format", "json", "lora"},
		{"bookmark", "2405.09673"},
		{"related", "2405.09673"},
	} {
		papers(t, append([]string{"--library", lib}, args...)...)
	}
}

func TestFetchOAIHarvest(t *testing.T) {
	if testing.Short() {
		t.Skip("two arXiv requests, 3 s apart")
	}
	page1 := sharedSample(t, "arxiv-oai/listrecords-arxivraw-page1.xml")
	page2 := sharedSample(t, "arxiv-oai/listrecords-arxivraw-page2.xml")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("resumptionToken") != "" {
			w.Write(page2)
			return
		}
		if r.URL.Query().Get("set") != "physics:hep-ph" || r.URL.Query().Get("from") != "2007-01-01" {
			t.Errorf("query %q", r.URL.RawQuery)
		}
		w.Write(page1)
	}))
	defer srv.Close()
	lib := fetchEnv(t, srv)
	_, errOut, code := papers(t, "--library", lib, "fetch", "oai", "--set", "physics:hep-ph", "--from", "2007-01-01")
	if code != 0 || errOut != "OAI-PMH physics:hep-ph: 6 papers, 6 new\n" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if out, _, _ := papers(t, "--library", lib, "search", "author:balázs"); !strings.Contains(out, "diphoton") {
		t.Errorf("harvested papers not searchable:\n%s", out)
	}
}

// The browser's refresh key runs what papers fetch runs: every configured
// feed, stored where papers opens it.
func TestRefreshFetchesTheConfiguredFeeds(t *testing.T) {
	srv := listingServer(t)
	lib := fetchEnv(t, srv)
	if refreshFeeds(&options{}) != nil {
		t.Error("without feeds the refresh should be nil, for the key to say how to add one")
	}
	refresh := refreshFeeds(&options{feeds: []config.Feed{{Source: "arxiv", Categories: []string{"cs.LG"}}}})
	var progress []string
	if err := refresh(t.Context(), func(s string) { progress = append(progress, s) }); err != nil {
		t.Fatal(err)
	}
	want := []string{"Fetching cs.LG listing 1/1", "cs.LG listing 2026-04-27: 3 papers, 3 new"}
	if !slices.Equal(progress, want) {
		t.Errorf("progress %q, want %q", progress, want)
	}
	if out, _, _ := papers(t, "--library", lib, "search", "--json", ""); strings.Count(out, "\n") != 3 {
		t.Errorf("the refreshed feed is not what papers opens:\n%s", out)
	}
}

// An OAI-PMH page that deletes a paper removes it whichever file listed
// it, in papers search too: streaming cannot take back a paper it has
// handed out, so it gives way to the full load.
func TestSearchHonoursOAIDeletions(t *testing.T) {
	page := sharedSample(t, "arxiv-oai/listrecords-arxivraw-page1.xml") // deletes 0704.9999
	dir := t.TempDir()
	writeFile(t, dir, "a.jsonl", `{"id":"0704.9999","title":"Withdrawn zebrafish study","abstract":"x","authors":"A","categories":"q-bio.PE"}`+"\n"+
		`{"id":"2401.00001","title":"Kept zebrafish study","abstract":"y","authors":"B","categories":"q-bio.PE"}`+"\n")
	writeFile(t, dir, "b.xml", string(page))
	lib := tempLibrary(t)
	for _, args := range [][]string{{"search", "zebrafish"}, {"search", "--limit", "5", "zebrafish"}, {"search", "--json", "zebrafish"}} {
		out, errOut, code := papers(t, append([]string{"--library", lib, "--corpus", dir}, args...)...)
		if code != 0 || strings.Contains(out, "0704.9999") || !strings.Contains(out, "2401.00001") {
			t.Errorf("%q: exit %d, stderr %q\n%s", args, code, errOut, out)
		}
	}
}
