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
	"github.com/papertui/papers/store/corpus"
	"github.com/papertui/papers/store/library"
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
// unread and only the rest is decoded. With relevance order and a limit it
// first reads only the records that may match in the title, since every
// title match outranks every abstract-only one: when there are limit of
// those, the answer is among them, and reading stops as soon as limit
// papers with the best possible score are found (ties keep corpus order,
// so nothing later can outrank them). The answer is the full search's:
// every paper the full search could find by word is among the candidates,
// in corpus order. It returns a nil result when it cannot stand in for the
// full search: no text to filter on, tag: (topics need the whole corpus),
// --json (its tags include topics), or a term that starts no word, whose
// fuzzy matches need every title.
func streamingSearch(ctx context.Context, opts *options, q model.Query, order model.SortOrder, limit int, asJSON bool) (*catalog, *model.Result, error) {
	if len(opts.corpora) == 0 || asJSON || usesTags(q) {
		return nil, nil, nil // the built-in corpus is small
	}
	plain, json := model.NewPrefilter(q, model.SyntaxPlain), model.NewPrefilter(q, model.SyntaxJSON)
	if plain == nil || json == nil {
		return nil, nil, nil
	}
	prefilter := func(syntax model.RecordSyntax) *model.Prefilter {
		if syntax == model.SyntaxJSON {
			return json
		}
		return plain
	}
	lib, err := opts.openLibrary()
	if err != nil {
		return nil, nil, err
	}
	s := &stream{ctx: ctx, opts: opts, q: q, order: order, limit: limit, lib: lib}
	if err := s.readMarks(); err != nil {
		lib.Close()
		return nil, nil, err
	}
	// Stopping early, and answering from the title matches, are only sound
	// within one file: a later file may hold the same paper, and merging
	// would change its ID.
	if order == model.SortRelevance && limit > 0 && singleFile(opts.corpora) {
		titles := func(syntax model.RecordSyntax, record, title []byte) bool {
			pf := prefilter(syntax)
			return pf.Keep(record) && pf.KeepTitle(title)
		}
		cat, res, err := s.run(titles, true)
		if err != nil || res != nil {
			return cat, res, err
		}
	}
	all := func(syntax model.RecordSyntax, record, _ []byte) bool { return prefilter(syntax).Keep(record) }
	cat, res, err := s.run(all, false)
	if res == nil {
		lib.Close()
	}
	return cat, res, err
}

// stream is one streaming search (see streamingSearch).
type stream struct {
	ctx   context.Context
	opts  *options
	q     model.Query
	order model.SortOrder
	limit int
	lib   *library.Library
	marks model.Marks
	fresh []string // is:new keys, when the query asks
}

func (s *stream) readMarks() error {
	var err error
	if s.marks, err = s.lib.Marks(); err == nil && s.q.UsesNew() {
		s.fresh, err = newKeys(s.lib)
	}
	return err
}

func (s *stream) search(papers []model.Paper, rows int) (*model.Index, *model.Result, error) {
	ix, err := model.BuildIndex(s.ctx, papers)
	if err != nil {
		return nil, nil, err
	}
	res, err := model.NewSearcher(ix).Search(s.ctx, s.q, facetsFor(ix, s.marks, s.fresh), s.order, rows)
	return ix, res, err
}

// run reads the corpora through keep. titlesOnly says keep passes only
// records that may match in the title: the result then stands only if it
// has limit title matches. A nil result means run cannot answer.
func (s *stream) run(keep corpus.RecordFilter, titlesOnly bool) (*catalog, *model.Result, error) {
	var kept, best []model.Paper
	early := s.order == model.SortRelevance && s.limit > 0 && singleFile(s.opts.corpora)
	// A repeated record only repeats (same arXiv id, same title): best
	// counts each paper once.
	inBest := map[string]bool{}
	var searchErr error
	warnings, err := corpus.Stream(s.opts.corpora, keep, func(batch []model.Paper) bool {
		kept = append(kept, batch...)
		if !early || len(batch) == 0 {
			return true
		}
		ix, res, err := s.search(batch, s.limit)
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
			if !res.Best(h) || len(best) == s.limit {
				break
			}
			if p := ix.Paper(h.Paper); !inBest[p.ID] {
				inBest[p.ID] = true
				best = append(best, *p)
			}
		}
		return len(best) < s.limit
	})
	s.opts.warn(warnings)
	if err == nil {
		err = searchErr
	}
	if err != nil {
		return nil, nil, err
	}
	var papers []model.Paper
	if early && len(best) >= s.limit {
		papers = corpus.Merge(best)
	} else {
		saved, err := s.lib.MarkedPapers()
		if err != nil {
			return nil, nil, err
		}
		papers = corpus.Merge(kept, saved)
	}
	ix, res, err := s.search(papers, 0)
	if err != nil || res.Fuzzy {
		return nil, nil, err
	}
	if titlesOnly {
		titled := 0
		for _, h := range res.Rows(0, s.limit) {
			if h.InTitle {
				titled++
			}
		}
		if titled < s.limit {
			return nil, nil, nil // abstract-only matches count too: read everything
		}
	}
	return &catalog{lib: s.lib, ix: ix, marks: &s.marks, newKeys: s.fresh}, res, nil
}

// singleFile reports whether paths name exactly one regular file.
func singleFile(paths []string) bool {
	if len(paths) != 1 {
		return false
	}
	info, err := os.Stat(paths[0])
	return err == nil && info.Mode().IsRegular()
}

func usesTags(q model.Query) bool {
	for _, c := range q.Clauses {
		if c.Kind == model.ClauseTag {
			return true
		}
	}
	return false
}
