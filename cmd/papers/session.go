package main

import (
	"context"
	"fmt"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store"
)

// libraryPath is the --library flag or the default location.
func (o *options) libraryPath() (string, error) {
	if o.library != "" {
		return o.library, nil
	}
	return store.DefaultLibraryPath()
}

func (o *options) openLibrary() (*store.Library, error) {
	path, err := o.libraryPath()
	if err != nil {
		return nil, err
	}
	return store.OpenLibrary(path)
}

// catalog is a loaded, indexed set of papers and the library beside it.
type catalog struct {
	lib *store.Library
	ix  *model.Index
}

// loadCatalog opens the library and loads and indexes the corpora. Load
// warnings (skipped files in a directory) go to stderr.
func (o *options) loadCatalog(ctx context.Context) (*catalog, error) {
	lib, err := o.openLibrary()
	if err != nil {
		return nil, err
	}
	papers, warnings, err := store.LoadCatalog(o.corpora, lib)
	for _, w := range warnings {
		fmt.Fprintln(o.stderr, "papers: warning:", w)
	}
	if err != nil {
		lib.Close()
		return nil, err
	}
	ix, err := model.BuildIndex(ctx, papers)
	if err != nil {
		lib.Close()
		return nil, err
	}
	return &catalog{lib: lib, ix: ix}, nil
}

func (c *catalog) Close() error { return c.lib.Close() }

// facets gathers what queries filter on besides the text.
func (c *catalog) facets() (model.Facets, error) {
	marks, err := c.lib.Marks()
	if err != nil {
		return model.Facets{}, err
	}
	return model.Facets{Marks: marks}, nil
}
