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
	"github.com/papertui/papers/store"
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
paper in corpus order.

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
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per line")
	cmd.Flags().IntVarP(&limit, "limit", "n", 0, "print at most `N` papers (0: all)")
	cmd.Flags().StringVarP(&sortName, "sort", "s", "relevance", "order: relevance, title or newest")
	return cmd
}

func parseSort(name string) (model.SortOrder, error) {
	for o := model.SortRelevance; o <= model.SortNewest; o++ {
		if o.String() == name {
			return o, nil
		}
	}
	return 0, usageError("--sort must be relevance, title or newest, not %q", name)
}

func runSearch(cmd *cobra.Command, opts *options, raw string, order model.SortOrder, limit int, asJSON bool) error {
	ctx := cmd.Context()
	q := model.ParseQuery(raw)
	if hint := q.Hint(); hint != "" {
		fmt.Fprintln(opts.stderr, "papers: note:", hint)
	}
	cat, res, err := streamingSearch(ctx, opts, q, order, limit, asJSON)
	if err == nil && res == nil {
		cat, res, err = fullSearch(ctx, opts, q, order, asJSON)
	}
	if err != nil {
		return err
	}
	defer cat.Close()
	if res.Total == 0 {
		return errNoMatch
	}
	if limit == 0 {
		limit = res.Total
	}
	facets, err := cat.facets(q)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(opts.stdout, 1<<16)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for _, h := range res.Rows(0, limit) {
		p := cat.ix.Paper(h.Paper)
		if !asJSON {
			fmt.Fprintf(out, "%s\t%s\n", p.ID, p.Title)
			continue
		}
		mark := facets.Marks.For(p)
		row := searchRow{
			ID: p.ID, Title: p.Title, Score: h.Score,
			Tags: cat.tagsOf(h.Paper, mark), Bookmarked: mark.Bookmarked(), Links: p.Links,
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
func fullSearch(ctx context.Context, opts *options, q model.Query, order model.SortOrder, asJSON bool) (*catalog, *model.Result, error) {
	cat, err := opts.loadCatalog(ctx)
	if err != nil {
		return nil, nil, err
	}
	if asJSON || usesTags(q) {
		if err := cat.withTopics(); err != nil {
			cat.Close()
			return nil, nil, err
		}
	}
	facets, err := cat.facets(q)
	if err != nil {
		cat.Close()
		return nil, nil, err
	}
	res, err := model.NewSearcher(cat.ix).Search(ctx, q, facets, order, 0)
	if err != nil {
		cat.Close()
		return nil, nil, err
	}
	return cat, res, nil
}

// streamingSearch answers a query over named corpus files the way grep
// would: records whose bytes cannot match (model.Prefilter) are skipped
// unread, only the rest is decoded, and when the order is relevance and
// the output limited, reading stops as soon as limit papers with the best
// possible score are found, since nothing later can outrank them (ties
// keep corpus order). The answer is the full search's: every paper the
// full search could find by word is among the candidates, in corpus
// order. It returns a nil result when it cannot stand in for the full
// search: no text to filter on, tag: (topics need the whole corpus),
// --json (its tags include topics), or a term that starts no word, whose
// fuzzy matches need every title.
func streamingSearch(ctx context.Context, opts *options, q model.Query, order model.SortOrder, limit int, asJSON bool) (*catalog, *model.Result, error) {
	if len(opts.corpora) == 0 || asJSON {
		return nil, nil, nil // the built-in corpus is small
	}
	if usesTags(q) {
		return nil, nil, nil
	}
	plain, json := model.NewPrefilter(q, model.SyntaxPlain), model.NewPrefilter(q, model.SyntaxJSON)
	if plain == nil || json == nil {
		return nil, nil, nil
	}
	keep := func(syntax model.RecordSyntax, record []byte) bool {
		if syntax == model.SyntaxJSON {
			return json.Keep(record)
		}
		return plain.Keep(record)
	}
	lib, err := opts.openLibrary()
	if err != nil {
		return nil, nil, err
	}
	marks, err := lib.Marks()
	var fresh []string
	if err == nil && q.UsesNew() {
		fresh, err = newKeys(lib)
	}
	if err != nil {
		lib.Close()
		return nil, nil, err
	}
	search := func(papers []model.Paper, rows int) (*model.Index, *model.Result, error) {
		ix, err := model.BuildIndex(ctx, papers)
		if err != nil {
			return nil, nil, err
		}
		res, err := model.NewSearcher(ix).Search(ctx, q, facetsFor(ix, marks, fresh), order, rows)
		return ix, res, err
	}
	var kept, best []model.Paper
	// Stopping early is only sound within one file: a later file may hold
	// the same paper, and merging would change its ID. Within one file a
	// repeated record only repeats (same arXiv id, same title), so best
	// counts each paper once.
	early := order == model.SortRelevance && limit > 0 && singleFile(opts.corpora)
	inBest := map[string]bool{}
	var searchErr error
	warnings, err := store.StreamCorpus(opts.corpora, keep, func(batch []model.Paper) bool {
		kept = append(kept, batch...)
		if !early || len(batch) == 0 {
			return true
		}
		ix, res, err := search(batch, limit)
		if err != nil {
			searchErr = err
			return false
		}
		if res.Fuzzy {
			early = false
			return true
		}
		// Rows come best first, ties in corpus order.
		for _, h := range res.Rows(0, res.Total) {
			if !res.Best(h) || len(best) == limit {
				break
			}
			if p := ix.Paper(h.Paper); !inBest[p.ID] {
				inBest[p.ID] = true
				best = append(best, *p)
			}
		}
		return len(best) < limit
	})
	opts.warn(warnings)
	if err == nil {
		err = searchErr
	}
	if err != nil {
		lib.Close()
		return nil, nil, err
	}
	var papers []model.Paper
	if early && len(best) >= limit {
		papers = store.MergePapers(best)
	} else {
		saved, err := lib.MarkedPapers()
		if err != nil {
			lib.Close()
			return nil, nil, err
		}
		papers = store.MergePapers(kept, saved)
	}
	ix, res, err := search(papers, 0)
	if err != nil || res.Fuzzy {
		lib.Close()
		return nil, nil, err
	}
	return &catalog{lib: lib, ix: ix, marks: &marks, newKeys: fresh}, res, nil
}

func usesTags(q model.Query) bool {
	for _, c := range q.Clauses {
		if c.Kind == model.ClauseTag {
			return true
		}
	}
	return false
}

// singleFile reports whether paths name exactly one regular file.
func singleFile(paths []string) bool {
	if len(paths) != 1 {
		return false
	}
	info, err := os.Stat(paths[0])
	return err == nil && info.Mode().IsRegular()
}
