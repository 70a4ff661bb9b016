package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/config"
	"github.com/papertui/papers/store/fetch"
	"github.com/spf13/cobra"
)

// fetchJob is one feed to fetch.
type fetchJob struct {
	name string
	run  func(context.Context, *fetch.Fetcher) (fetch.Result, error)
}

const addFeedHelp = `no feeds configured. Add some to the config file, e.g.:

  [[feeds]]
  source = "arxiv"
  categories = ["cs.LG", "cs.AI"]

  [[feeds]]
  source = "hf"

or fetch one directly: papers fetch arxiv cs.LG, papers fetch hf`

func newFetchCommand(opts *options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "fetch",
		Short: "Fetch today's papers from arXiv and Hugging Face (every configured feed)",
		Long: `fetch downloads the configured [[feeds]] (or the feed a subcommand names) into
$XDG_DATA_HOME/papers/feeds/, one file per day or page, which papers then
opens by default. Requests to arXiv are at least 3 seconds apart. The base
URLs can be changed with PAPERS_HF_API_URL, PAPERS_ARXIV_RSS_URL,
PAPERS_ARXIV_API_URL and PAPERS_ARXIV_OAI_URL, or [urls] in the config.
Exit status: 0 when every feed was fetched, 2 when any failed.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var jobs []fetchJob
			for _, f := range opts.feeds {
				jobs = append(jobs, feedJob(f))
			}
			if len(jobs) == 0 {
				return errors.New(addFeedHelp)
			}
			return runFetch(cmd.Context(), opts, jobs)
		},
	}
	cmd.AddCommand(newFetchHFCommand(opts), newFetchArxivCommand(opts), newFetchOAICommand(opts))
	return cmd
}

// feedJob turns a [[feeds]] entry into a job.
func feedJob(f config.Feed) fetchJob {
	switch f.Source {
	case "hf":
		return fetchJob{"Hugging Face daily papers", func(ctx context.Context, fe *fetch.Fetcher) (fetch.Result, error) {
			return fe.HF(ctx, fe.Today(), f.Sort)
		}}
	case "query":
		return fetchJob{"arXiv query " + f.Query, func(ctx context.Context, fe *fetch.Fetcher) (fetch.Result, error) {
			return fe.Query(ctx, f.Query, f.Max, f.Sort)
		}}
	case "oai":
		return fetchJob{"OAI-PMH " + f.Set, func(ctx context.Context, fe *fetch.Fetcher) (fetch.Result, error) {
			return fe.OAI(ctx, f.Set, "", "")
		}}
	}
	return fetchJob{strings.Join(f.Categories, "+") + " listing", func(ctx context.Context, fe *fetch.Fetcher) (fetch.Result, error) {
		return fe.Listing(ctx, f.Categories)
	}}
}

func newFetchHFCommand(opts *options) *cobra.Command {
	var date, sort string
	var days int
	cmd := &cobra.Command{
		Use:   "hf [--date YYYY-MM-DD | --days N] [--sort trending|published]",
		Short: "Fetch Hugging Face daily papers",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if sort != "trending" && sort != "published" {
				return usageError("--sort: want trending or published, not %q", sort)
			}
			if date != "" && days > 0 {
				return usageError("--date and --days cannot be combined")
			}
			today := time.Now()
			var dates []time.Time
			switch {
			case date != "":
				d, err := time.Parse(time.DateOnly, date)
				if err != nil {
					return usageError("--date: want YYYY-MM-DD, not %q", date)
				}
				dates = []time.Time{d}
			case days > 0:
				for i := days - 1; i >= 0; i-- {
					dates = append(dates, today.AddDate(0, 0, -i))
				}
			case days < 0:
				return usageError("--days: want a positive number")
			default:
				dates = []time.Time{today}
			}
			var jobs []fetchJob
			for _, d := range dates {
				jobs = append(jobs, fetchJob{"Hugging Face daily papers " + d.Format(time.DateOnly), func(ctx context.Context, fe *fetch.Fetcher) (fetch.Result, error) {
					return fe.HF(ctx, d, sort)
				}})
			}
			return runFetch(cmd.Context(), opts, jobs)
		},
	}
	cmd.Flags().StringVar(&date, "date", "", "the `DAY` to fetch (YYYY-MM-DD; default today)")
	cmd.Flags().IntVar(&days, "days", 0, "fetch the last `N` days, today included")
	cmd.Flags().StringVar(&sort, "sort", "trending", "order of the pages: trending or published")
	return cmd
}

func newFetchArxivCommand(opts *options) *cobra.Command {
	var query, sort string
	var limit int
	cmd := &cobra.Command{
		Use:   "arxiv CATEGORY... | arxiv --query Q [--max N] [--sort submitted|updated|relevance]",
		Short: "Fetch the newest arXiv listing of categories, or an arXiv API search",
		RunE: func(cmd *cobra.Command, args []string) error {
			var job fetchJob
			switch {
			case query != "" && len(args) > 0:
				return usageError("give categories or --query, not both")
			case query != "":
				job = fetchJob{"arXiv query " + query, func(ctx context.Context, fe *fetch.Fetcher) (fetch.Result, error) {
					return fe.Query(ctx, query, limit, sort)
				}}
			case len(args) == 0:
				return usageError("name at least one category (papers fetch arxiv cs.LG cs.AI) or give --query")
			default:
				for _, c := range args {
					if c == "" || strings.ContainsAny(c, "/?#&+ ") {
						return usageError("%q is not an arXiv category (like cs.LG or hep-ph)", model.CleanLine(c))
					}
				}
				job = feedJob(config.Feed{Source: "arxiv", Categories: args})
			}
			return runFetch(cmd.Context(), opts, []fetchJob{job})
		},
	}
	cmd.Flags().StringVar(&query, "query", "", "an arXiv API `QUERY` (ti: au: abs: cat: all:, AND OR ANDNOT)")
	cmd.Flags().IntVar(&limit, "max", 200, "at most `N` papers (up to 30000)")
	cmd.Flags().StringVar(&sort, "sort", "submitted", "submitted, updated or relevance")
	return cmd
}

func newFetchOAICommand(opts *options) *cobra.Command {
	var set, from, until string
	cmd := &cobra.Command{
		Use:   "oai --set SET [--from YYYY-MM-DD] [--until YYYY-MM-DD]",
		Short: "Harvest an arXiv set through OAI-PMH (resumable)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if set == "" {
				return usageError("--set is required (like cs:cs:LG or physics:hep-ph)")
			}
			for _, d := range []string{from, until} {
				if _, err := time.Parse(time.DateOnly, d); d != "" && err != nil {
					return usageError("want a YYYY-MM-DD date, not %q", model.CleanLine(d))
				}
			}
			job := fetchJob{"OAI-PMH " + set, func(ctx context.Context, fe *fetch.Fetcher) (fetch.Result, error) {
				return fe.OAI(ctx, set, from, until)
			}}
			return runFetch(cmd.Context(), opts, []fetchJob{job})
		},
	}
	cmd.Flags().StringVar(&set, "set", "", "the OAI `SET` (cs:cs:LG, physics:hep-ph, ...)")
	cmd.Flags().StringVar(&from, "from", "", "records changed since `DAY` (default: where the last harvest ended)")
	cmd.Flags().StringVar(&until, "until", "", "records changed until `DAY`")
	return cmd
}

// runFetch runs the jobs one after the other, printing one line each.
func runFetch(ctx context.Context, opts *options, jobs []fetchJob) error {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	return fetchJobs(ctx, opts, jobs, nil, func(res fetch.Result, job fetchJob, err error) {
		if err != nil {
			printError(opts.stderr, "papers: fetch "+model.CleanLine(job.name)+" failed:", err)
			return
		}
		fmt.Fprintln(opts.stderr, model.CleanLine(res.String()))
	})
}

// fetchJobs runs the jobs one after the other, saying which it starts
// (start may be nil) and how each ended; the error names the failed ones.
// papers fetch and the browser's refresh key share it.
func fetchJobs(ctx context.Context, opts *options, jobs []fetchJob, start func(i int, job fetchJob), done func(fetch.Result, fetchJob, error)) error {
	fe, err := newFetcher(opts)
	if err != nil {
		return err
	}
	var failed []string
	for i, job := range jobs {
		if start != nil {
			start(i, job)
		}
		res, err := job.run(ctx, fe)
		done(res, job, err)
		if err != nil {
			failed = append(failed, job.name)
			if ctx.Err() != nil {
				break // stopped: the rest would fail the same way
			}
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d feeds failed: %s", len(failed), len(jobs), strings.Join(failed, ", "))
	}
	return nil
}

// refreshFeeds is the browser's refresh: every configured feed, as papers
// fetch with no arguments fetches them, progress reported instead of
// printed (the terminal is the browser's). nil without feeds, so the key
// says how to add one.
func refreshFeeds(opts *options) func(ctx context.Context, progress func(string)) error {
	if len(opts.feeds) == 0 {
		return nil
	}
	return func(ctx context.Context, progress func(string)) error {
		var jobs []fetchJob
		for _, f := range opts.feeds {
			jobs = append(jobs, feedJob(f))
		}
		return fetchJobs(ctx, opts, jobs, func(i int, job fetchJob) {
			progress(fmt.Sprintf("Fetching %s %d/%d", model.CleanLine(job.name), i+1, len(jobs)))
		}, func(res fetch.Result, job fetchJob, err error) {
			if err == nil {
				progress(model.CleanLine(res.String()))
			}
		})
	}
}

func newFetcher(opts *options) (*fetch.Fetcher, error) {
	feeds, err := feedsDir()
	if err != nil {
		return nil, err
	}
	cache, err := config.XDGDir("XDG_CACHE_HOME", ".cache")
	if err != nil {
		return nil, fmt.Errorf("cannot find the cache directory: %w", err)
	}
	urls := fetch.DefaultURLs()
	for key, dst := range map[string]*string{"hf": &urls.HF, "arxiv_rss": &urls.ArxivRSS, "arxiv_api": &urls.ArxivAPI, "arxiv_oai": &urls.ArxivOAI} {
		if v := opts.urls[key]; v != "" {
			*dst = v
		}
	}
	return &fetch.Fetcher{
		Client: fetch.NewClient(version, cache),
		Store:  &fetch.Store{Dir: feeds},
		URLs:   urls.FromEnv(),
		Today:  time.Now,
	}, nil
}

// feedsDir is where fetched feeds are kept: $XDG_DATA_HOME/papers/feeds.
func feedsDir() (string, error) {
	data, err := config.XDGDir("XDG_DATA_HOME", ".local/share")
	if err != nil {
		return "", fmt.Errorf("cannot find the data directory: %w", err)
	}
	return filepath.Join(data, "feeds"), nil
}

// defaultCorpora is what papers opens without --corpus: the config's
// corpora and every fetched feed. Empty means the built-in corpus.
func defaultCorpora(cfg *config.Config) []string {
	corpora := cfg.Corpora
	if dir, err := feedsDir(); err == nil && holdsFeedFile(dir) {
		corpora = append(corpora[:len(corpora):len(corpora)], dir)
	}
	return corpora
}

// holdsFeedFile reports a fetched file under dir: a feed that has only
// its state (a harvest that found nothing) must not replace the built-in
// corpus with an empty one.
func holdsFeedFile(dir string) bool {
	found := errors.New("found")
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			return found
		}
		return nil
	})
	return err == found
}
