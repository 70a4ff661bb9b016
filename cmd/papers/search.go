package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/catalog"
	"github.com/papertui/papers/store/corpus"
	"github.com/spf13/cobra"
)

// searchRow is one line of `papers search --json`: a stable contract for
// scripts. Fields are only ever added.
type searchRow struct {
	ID                string       `json:"id"`
	Title             string       `json:"title"`
	Score             int          `json:"score"`
	Tags              []string     `json:"tags"`
	Bookmarked        bool         `json:"bookmarked"`
	Links             []model.Link `json:"links"`
	ArxivID           string       `json:"arxiv_id,omitempty"`
	Authors           []string     `json:"authors,omitempty"`
	Categories        []string     `json:"categories,omitempty"`
	Published         string       `json:"published,omitempty"`
	Abstract          string       `json:"abstract"`
	TitlePositions    []int        `json:"title_positions"`
	AbstractPositions []int        `json:"abstract_positions"`
}

func newSearchCommand(opts *options) *cobra.Command {
	var (
		asJSON   bool
		limit    int
		sortName string
	)
	cmd := &cobra.Command{
		Use:   "search [flags] QUERY...",
		Short: "Print the papers matching a query, best first",
		Long: `Print the papers matching QUERY, best first, one per line as ID<TAB>TITLE
(or, with --json, one JSON object per line). An empty query lists every
paper in corpus order. Flags go before the query: from its first word on,
everything is the query ("lora -adversarial" excludes a word). A query
whose first word starts with - goes after --.

Exit status: 0 when something matched, 1 when nothing did, 2 on error.

Query language:
` + indent(model.QueryHelp, "  "),
		Example: `  papers search lora
  papers search --json --limit 5 'title:"low rank" -adversarial'
  papers --corpus arxiv.jsonl search 'author:hinton year:>=2020'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			order, err := parseSort(sortName)
			if err != nil {
				return err
			}
			if limit < 0 {
				return usageError("--limit must be 0 (no limit) or more, not %d", limit)
			}
			return runSearch(cmd, opts, strings.Join(args, " "), order, limit, asJSON)
		},
	}
	takesQuery(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per line")
	cmd.Flags().IntVarP(&limit, "limit", "n", 0, "print at most `N` papers (0: all)")
	cmd.Flags().StringVarP(&sortName, "sort", "s", "relevance", "order: relevance, title, newest or upvotes")
	return cmd
}

// takesQuery makes cmd read everything from its first query word on as the
// query: "papers search lora -adversarial" excludes a word rather than
// failing over an unknown flag -a. A query starting with "-word" still
// looks like flags, so that error says how to write it.
func takesQuery(cmd *cobra.Command) *cobra.Command {
	cmd.Flags().SetInterspersed(false)
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		if strings.HasPrefix(err.Error(), "unknown flag") || strings.HasPrefix(err.Error(), "unknown shorthand flag") {
			return fmt.Errorf("%w (a query word starting with - goes after --, as in: papers %s -- -word)", err, cmd.Name())
		}
		return err
	})
	return cmd
}

func parseSort(name string) (model.SortOrder, error) {
	for _, o := range model.SortOrders() {
		if o.String() == name {
			return o, nil
		}
	}
	return 0, usageError("--sort must be relevance, title, newest or upvotes, not %q", name)
}

func runSearch(cmd *cobra.Command, opts *options, raw string, order model.SortOrder, limit int, asJSON bool) error {
	ctx := cmd.Context()
	q := model.ParseQuery(raw)
	if hint := q.Hint(); hint != "" {
		// The hint quotes the query through model.Quote; cleaning the
		// line as well keeps any later hint that forgets from reaching
		// the terminal raw.
		fmt.Fprintln(opts.stderr, "papers: note:", model.CleanLine(hint))
	}
	sess, res, err := storeSearch(ctx, opts, q, order, limit, asJSON)
	if err == nil && res == nil {
		sess, res, err = streamingSearch(ctx, opts, q, order, limit, asJSON)
	}
	if err == nil && res == nil {
		sess, res, err = fullSearch(ctx, opts, q, order, asJSON)
	}
	if err != nil {
		return err
	}
	defer sess.Close()
	if note := res.FuzzyNote(); note != "" {
		// Like the browser's header: say what a word not found was taken for.
		fmt.Fprintln(opts.stderr, "papers: note:", note)
	}
	if limit == 0 {
		limit = res.Total
	}
	// The rows first: the total is an upper bound until they are read.
	rows := res.Ranked(0, limit)
	if asJSON {
		rows = res.Rows(0, limit)
	}
	if len(rows) == 0 {
		return errNoMatch
	}
	out := bufio.NewWriterSize(opts.stdout, 1<<16)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	cat := sess.cat
	for _, h := range rows {
		p := cat.Index.Paper(h.Paper)
		if !asJSON {
			fmt.Fprintf(out, "%s\t%s\n", p.ID, p.Title)
			continue
		}
		mark := cat.Mark(h.Paper)
		row := searchRow{
			ID: p.ID, Title: p.Title, Score: h.Score,
			Tags: cat.TagsOf(h.Paper), Bookmarked: mark.Bookmarked(), Links: p.Links,
			ArxivID: p.ArxivID, Authors: p.Authors, Categories: p.Categories,
			Abstract: p.Abstract, TitlePositions: h.TitlePositions, AbstractPositions: h.AbstractPositions,
		}
		if row.Links == nil {
			row.Links = []model.Link{}
		}
		if !p.Published.IsZero() {
			row.Published = p.Published.Format(time.DateOnly)
		}
		if err := enc.Encode(row); err != nil {
			return err
		}
	}
	return out.Flush()
}

// fullSearch loads and indexes every paper, as the browser does.
func fullSearch(ctx context.Context, opts *options, q model.Query, order model.SortOrder, asJSON bool) (*session, *model.Result, error) {
	sess, err := opts.loadSession(ctx)
	if err != nil {
		return nil, nil, err
	}
	res, err := sess.search(ctx, q, order, asJSON || catalog.UsesTags(q), true)
	if err != nil {
		sess.Close()
		return nil, nil, err
	}
	return sess, res, nil
}

// streamingSearch answers a query over named corpus files the way grep
// would (catalog.Stream). It returns a nil result when it cannot stand in
// for the full search: the built-in corpus (it is small), --json (its tags
// include topics, which need the whole corpus), a query Stream cannot
// answer, or OAI-PMH pages that delete papers (a later page may delete a
// paper an earlier one listed).
func streamingSearch(ctx context.Context, opts *options, q model.Query, order model.SortOrder, limit int, asJSON bool) (*session, *model.Result, error) {
	if len(opts.corpora) == 0 || asJSON || !catalog.Streamable(q) || corpus.HasDeletions(opts.corpora) {
		return nil, nil, nil
	}
	lib, err := opts.openLibrary()
	if err != nil {
		return nil, nil, err
	}
	sess := &session{lib: lib, marksRead: true, newRead: q.UsesNew()}
	req := catalog.StreamRequest{Query: q, Order: order, Limit: limit, SingleFile: singleFile(opts.corpora), Saved: lib.MarkedPapers}
	if req.Marks, err = lib.Marks(); err == nil && q.UsesNew() {
		_, req.NewKeys, err = lib.NewKeys()
		if req.NewKeys == nil {
			req.NewKeys = []string{}
		}
	}
	var res *model.Result
	if err == nil {
		source := func(keep func(model.RecordSyntax, []byte, []byte) bool, each func([]model.Paper) bool) error {
			warnings, err := corpus.Stream(opts.corpora, keep, each)
			opts.warn(warnings)
			return err
		}
		sess.cat, res, err = catalog.Stream(ctx, source, req)
	}
	if err != nil || res == nil {
		lib.Close()
		return nil, nil, err
	}
	return sess, res, nil
}

// singleFile reports whether paths name exactly one regular file.
func singleFile(paths []string) bool {
	if len(paths) != 1 {
		return false
	}
	info, err := os.Stat(paths[0])
	return err == nil && info.Mode().IsRegular()
}
