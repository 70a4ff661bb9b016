package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/catalog"
	"github.com/papertui/papers/store"
	"github.com/papertui/papers/store/corpus"
	"github.com/papertui/papers/store/library"
	"github.com/papertui/papers/store/segment"
	"github.com/spf13/cobra"
)

func newIndexCommand(opts *options) *cobra.Command {
	return &cobra.Command{
		Use:   "index",
		Short: "Build or refresh the store of the corpora, for instant opens and searches",
		Long: `Build the store of every corpus file (--corpus, or the config's corpora):
the decoded papers and their word index, one file per corpus file under
$XDG_CACHE_HOME/papers, which later runs read in place instead of loading
the corpus. A store that is up to date is left alone; one built from
another version of its file is rebuilt. The store is a cache: deleting it
loses nothing.`,
		Example: `  papers --corpus arxiv.jsonl index
  papers --corpus arxiv.jsonl search --limit 50 transformer`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(opts.corpora) == 0 {
				return usageError("papers index needs --corpus PATH (the built-in corpus needs no store)")
			}
			cache, err := segment.DefaultCache()
			if err != nil {
				return err
			}
			files, err := corpus.Files(opts.corpora)
			if err != nil {
				return err
			}
			limitMemory()
			var segs []*segment.Segment
			for _, file := range files {
				start := time.Now()
				seg, status, why, err := cache.Ensure(cmd.Context(), file)
				if errors.Is(err, corpus.ErrUnknownFormat) {
					opts.warn([]error{err})
					continue
				}
				if err != nil {
					return err
				}
				line := fmt.Sprintf("%s: %s, %d papers, store %s", model.CleanLine(file), status, seg.Index.Len(), byteSize(seg.Size))
				if status != segment.Fresh {
					line += fmt.Sprintf(" from %s of corpus, in %.1fs", byteSize(seg.Source.Size), time.Since(start).Seconds())
				}
				if why != nil {
					line += fmt.Sprintf(" (was %s)", reason(why))
				}
				fmt.Fprintln(opts.stdout, line)
				segs = append(segs, seg)
			}
			return indexDerived(opts, cache, segs)
		},
	}
}

// indexDerived builds or refreshes the topics and related papers of a
// single corpus file after its segment. Those of several files are the
// browser's to build and store, keyed by every file's version.
func indexDerived(opts *options, cache segment.Cache, segs []*segment.Segment) error {
	if len(segs) != 1 {
		if len(segs) > 1 {
			// Over a million papers they take minutes, which a day's
			// listing should not cost here; the browser computes them in
			// the background.
			fmt.Fprintln(opts.stdout, "topics and related papers: left to the browser for several corpus files (it computes and stores them on its next start)")
		}
		return nil
	}
	start := time.Now()
	seg := segs[0]
	d, status, why, err := cache.EnsureDerived([]segment.Source{seg.Source}, seg.Index)
	if err != nil {
		return err
	}
	line := fmt.Sprintf("topics and related papers: %s, %d topics, %s", status, len(d.Topics.List), byteSize(d.Size))
	if status != segment.Fresh {
		line += fmt.Sprintf(", in %.1fs", time.Since(start).Seconds())
	}
	if why != nil {
		line += fmt.Sprintf(" (was %s)", reason(why))
	}
	fmt.Fprintln(opts.stdout, line)
	return nil
}

func reason(err error) string {
	switch {
	case errors.Is(err, segment.ErrStale):
		return "stale"
	case errors.Is(err, segment.ErrCorrupt):
		return "unusable: " + model.CleanLine(err.Error())
	}
	return model.CleanLine(err.Error())
}

func newCacheCommand(opts *options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cache",
		Short: "Show what the store holds and its size",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cache, err := segment.DefaultCache()
			if err != nil {
				return err
			}
			list, err := cache.List()
			if err != nil {
				return err
			}
			fmt.Fprintln(opts.stdout, model.CleanLine(cache.Dir))
			total := int64(0)
			for _, e := range list {
				total += e.Size
				state := "up to date"
				if e.Err != nil {
					state = reason(e.Err)
				} else if now, err := segment.Identify(e.Source.Abs); errors.Is(err, fs.ErrNotExist) {
					state = "corpus file gone"
				} else if err != nil || !now.Same(e.Source) {
					state = "stale"
				}
				fmt.Fprintf(opts.stdout, "  %9s  %8d papers  %s  (%s)\n", byteSize(e.Size), e.Papers, model.CleanLine(e.Source.Abs), state)
			}
			derived, err := cache.ListDerived()
			if err != nil {
				return err
			}
			for _, e := range derived {
				total += e.Size
				state := "up to date"
				names := make([]string, len(e.Sources))
				for i, src := range e.Sources {
					if !src.IsFile() {
						names[i] = model.CleanLine(src.Name)
						continue
					}
					names[i] = model.CleanLine(src.Abs)
					if now, err := segment.Identify(src.Abs); errors.Is(err, fs.ErrNotExist) {
						state = "corpus file gone"
					} else if (err != nil || !now.Same(src)) && state == "up to date" {
						state = "stale"
					}
				}
				if e.Err != nil {
					state = reason(e.Err)
				}
				fmt.Fprintf(opts.stdout, "  %9s  %8d papers  topics and related papers of %s  (%s)\n", byteSize(e.Size), e.Papers, strings.Join(names, ", "), state)
			}
			fmt.Fprintf(opts.stdout, "%d segments, %d derived, %s\n", len(list), len(derived), byteSize(total))
			return nil
		},
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "clear",
		Short: "Remove the store (it is rebuilt when needed)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cache, err := segment.DefaultCache()
			if err != nil {
				return err
			}
			if err := cache.Clear(); err != nil {
				return err
			}
			fmt.Fprintln(opts.stdout, "removed", model.CleanLine(cache.Dir))
			return nil
		},
	})
	return cmd
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// storeSearch answers q from the store when openStoreSession can. It
// returns a nil result when it cannot, and the caller streams or loads as
// without one. The store is read lazily and checked as it is read: the
// rows to print are read here, so that damage found in them, or anywhere
// the search looked, sends the search elsewhere rather than printing a
// wrong answer.
func storeSearch(ctx context.Context, opts *options, q model.Query, order model.SortOrder, limit int, asJSON bool) (*session, *model.Result, error) {
	sess, err := openStoreSession(opts)
	if sess == nil || err != nil {
		return nil, nil, err
	}
	ix := sess.cat.Index
	res, err := sess.search(ctx, q, order, asJSON || catalog.UsesTags(q), true)
	if err == nil {
		if limit == 0 {
			limit = res.Total
		}
		for _, h := range res.Ranked(0, limit) {
			ix.Paper(h.Paper)
		}
		err = ix.Err()
	}
	if errors.Is(err, segment.ErrCorrupt) {
		sess.Close()
		fmt.Fprintln(opts.stderr, "papers: note: the store of", model.CleanLine(strings.Join(opts.corpora, ", ")), "is damaged; the damaged part is removed, and papers index rebuilds it")
		sess.stored.Discard(*sess.store)
		return nil, nil, nil
	}
	if err != nil {
		sess.Close()
		return nil, nil, err
	}
	return sess, res, nil
}

// openStoreSession opens a session on the store when openStored can. It
// returns a nil session when it cannot, and the caller loads the corpus
// instead.
func openStoreSession(opts *options) (*session, error) {
	lib, err := opts.openLibrary()
	if err != nil {
		return nil, err
	}
	cache, st, err := openStored(opts.corpora, lib, false)
	if st == nil || err != nil {
		lib.Close()
		return nil, err
	}
	opts.warn(st.Warnings)
	return &session{lib: lib, cat: catalog.New(st.Index), store: &cache, sources: st.Derived, stored: st}, nil
}

// openStored serves the catalog of corpora from the default store when it
// can (store.OpenStored), or returns nil.
func openStored(corpora []string, lib *library.Library, sameDays bool) (segment.Cache, *store.Stored, error) {
	cache, err := segment.DefaultCache()
	if err != nil {
		return segment.Cache{}, nil, nil
	}
	st, err := store.OpenStored(cache, corpora, lib, sameDays)
	return cache, st, err
}
