package main

import (
	"context"
	"path/filepath"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/catalog"
	"github.com/papertui/papers/model/related"
	"github.com/papertui/papers/model/topics"
	"github.com/papertui/papers/store"
	"github.com/papertui/papers/store/config"
	"github.com/papertui/papers/store/library"
	"github.com/papertui/papers/store/segment"
)

// libraryPath is the --library flag or the default location.
func (o *options) libraryPath() (string, error) {
	if o.library != "" {
		return o.library, nil
	}
	return library.DefaultPath()
}

func (o *options) openLibrary() (*library.Library, error) {
	path, err := o.libraryPath()
	if err != nil {
		return nil, err
	}
	var opts []library.Option
	if cache, err := config.XDGDir("XDG_CACHE_HOME", ".cache"); err == nil {
		// With no cache directory every open checks the library whole.
		opts = append(opts, library.RememberChecks(filepath.Join(cache, libraryChecksFile)))
	}
	return library.Open(path, opts...)
}

// libraryChecksFile, in the cache directory, records the libraries last
// closed sound (library.RememberChecks).
const libraryChecksFile = "library-checks"

// session is a loaded, indexed catalog and the library beside it. What
// the catalog needs from the library is read the first time a command asks
// for it: a million new keys or the topics of a corpus cost seconds.
type session struct {
	lib *library.Library
	cat *catalog.Catalog
	// marksRead and newRead say what of the library cat already holds.
	marksRead, newRead bool
	// store and sources are set when the catalog is exactly the papers
	// of these segments: their derived data (topics, related papers) is
	// then read from the store when fresh.
	store   *segment.Cache
	sources []segment.Source
	derived *segment.Derived // read once, nil until then or if none
	stored  *store.Stored    // what the store served, nil after a load
}

// storedDerived returns the fresh derived data of the session's
// segments, or nil.
func (s *session) storedDerived() *segment.Derived {
	if s.derived == nil && s.store != nil {
		s.derived, _ = s.store.OpenDerived(s.sources, s.cat.Index.Len())
	}
	return s.derived
}

// related returns the related-papers index: the store's when fresh, else
// built now (seconds at 100k papers).
func (s *session) related() *related.Index {
	if d := s.storedDerived(); d != nil {
		return d.Related
	}
	return related.Build(model.WithoutCopies(s.cat.Index))
}

// loadSession opens the library and loads and indexes the corpora. Load
// warnings (skipped files in a directory) go to stderr.
func (o *options) loadSession(ctx context.Context) (*session, error) {
	lib, papers, err := o.openCatalog()
	if err != nil {
		return nil, err
	}
	ix, err := model.BuildIndex(ctx, papers)
	if err != nil {
		lib.Close()
		return nil, err
	}
	return &session{lib: lib, cat: catalog.New(ix)}, nil
}

// openCatalog opens the library and loads the papers a session shows
// (store.LoadCatalog), reporting load warnings on stderr.
func (o *options) openCatalog() (*library.Library, []model.Paper, error) {
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

func (s *session) Close() error { return s.lib.Close() }

// facets gathers what q filters on besides the text.
func (s *session) facets(q model.Query) (model.Facets, error) {
	if !s.marksRead {
		marks, err := s.lib.Marks()
		if err != nil {
			return model.Facets{}, err
		}
		s.cat.Marks, s.marksRead = marks, true
	}
	if q.UsesNew() && !s.newRead {
		load, keys, err := s.lib.NewKeys()
		if err != nil {
			return model.Facets{}, err
		}
		s.cat.SetNew(load, keys)
		s.newRead = true
	}
	return s.cat.Facets(), nil
}

// withTopics computes the corpus's topic tags, which tag: queries and the
// tags of JSON output need. It takes a second or two on 100k papers, so
// only commands that need them call it.
func (s *session) withTopics() error {
	if s.cat.Topics != nil {
		return nil
	}
	hidden, err := s.lib.HiddenTopics()
	if err != nil {
		return err
	}
	s.cat.SetHidden(hidden)
	if d := s.storedDerived(); d != nil {
		s.cat.SetTopics(d.Topics)
		return nil
	}
	s.cat.SetTopics(topics.Compute(model.WithoutCopies(s.cat.Index)))
	return nil
}

// search runs q over the whole catalog, computing topics first when the
// query or the output needs them. A caller that prints rows from the top
// (papers search) sets top: its Total is then an upper bound until the
// rows are read (model.Searcher.SearchTop).
func (s *session) search(ctx context.Context, q model.Query, order model.SortOrder, needTopics, top bool) (*model.Result, error) {
	if needTopics {
		if err := s.withTopics(); err != nil {
			return nil, err
		}
	}
	facets, err := s.facets(q)
	if err != nil {
		return nil, err
	}
	searcher := model.NewSearcher(s.cat.Index)
	if top {
		return searcher.SearchTop(ctx, q, facets, order, 0)
	}
	return searcher.Search(ctx, q, facets, order, 0)
}
