package main

import (
	"context"
	"slices"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/topics"
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
	lib    *store.Library
	ix     *model.Index
	marks  *model.Marks   // read once, when already known
	topics *topics.Topics // computed on demand (see withTopics)
	hidden map[string]bool
	// newKeys lists the papers first seen in the latest load, read only
	// for is:new (there can be a million).
	newKeys []string
}

// loadCatalog opens the library and loads and indexes the corpora. Load
// warnings (skipped files in a directory) go to stderr.
func (o *options) loadCatalog(ctx context.Context) (*catalog, error) {
	lib, papers, err := o.openCatalog()
	if err != nil {
		return nil, err
	}
	ix, err := model.BuildIndex(ctx, papers)
	if err != nil {
		lib.Close()
		return nil, err
	}
	return &catalog{lib: lib, ix: ix}, nil
}

// openCatalog opens the library and loads the papers a session shows
// (store.LoadCatalog), reporting load warnings on stderr.
func (o *options) openCatalog() (*store.Library, []model.Paper, error) {
	lib, err := o.openLibrary()
	if err != nil {
		return nil, nil, err
	}
	papers, warnings, err := store.LoadCatalog(o.corpora, lib)
	o.warn(warnings)
	if err != nil {
		lib.Close()
		return nil, nil, err
	}
	return lib, papers, nil
}

func (c *catalog) Close() error { return c.lib.Close() }

// facets gathers what q filters on besides the text.
func (c *catalog) facets(q model.Query) (model.Facets, error) {
	if c.marks == nil {
		marks, err := c.lib.Marks()
		if err != nil {
			return model.Facets{}, err
		}
		c.marks = &marks
	}
	if q.UsesNew() && c.newKeys == nil {
		keys, err := newKeys(c.lib)
		if err != nil {
			return model.Facets{}, err
		}
		c.newKeys = keys
	}
	f := facetsFor(c.ix, *c.marks, c.newKeys)
	if topics, hidden := c.topics, c.hidden; topics != nil {
		f.TopicPapers = topics.Visible(hidden)
	}
	return f, nil
}

// withTopics computes the corpus's topic tags, which tag: queries and the
// tags of JSON output need. It takes a second or two on 100k papers, so
// only commands that need them call it.
func (c *catalog) withTopics() error {
	if c.topics != nil {
		return nil
	}
	hidden, err := c.lib.HiddenTopics()
	if err != nil {
		return err
	}
	c.topics, c.hidden = topics.Compute(c.ix.Papers()), hidden
	return nil
}

// tagsOf returns paper i's user tags, then its visible topic tags.
func (c *catalog) tagsOf(i int, mark model.Mark) []string {
	tags := append([]string{}, mark.Tags...)
	if c.topics != nil {
		for _, t := range c.topics.For(i) {
			if !c.hidden[t.Key] && !slices.Contains(tags, t.Key) {
				tags = append(tags, t.Key)
			}
		}
	}
	return tags
}

// facetsFor returns the facets of ix under marks, with the papers stored
// under newKeys as is:new.
func facetsFor(ix *model.Index, marks model.Marks, newKeys []string) model.Facets {
	f := model.Facets{Marks: marks}
	if newKeys != nil {
		f.New = model.NewPapers(ix, newKeys)
	}
	return f
}

// newKeys returns the keys of the papers first seen in the latest load,
// never nil.
func newKeys(lib *store.Library) ([]string, error) {
	_, keys, err := lib.NewKeys()
	if keys == nil {
		keys = []string{}
	}
	return keys, err
}
