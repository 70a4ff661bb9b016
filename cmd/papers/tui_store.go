package main

import (
	"context"
	"sync"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/related"
	"github.com/papertui/papers/model/topics"
	"github.com/papertui/papers/store"
	"github.com/papertui/papers/store/library"
	"github.com/papertui/papers/store/segment"
	"github.com/papertui/papers/ui"
)

// browserStore connects the browser to the persisted store: it opens the
// corpora from it when it can serve them (store.OpenStored), and after a
// load the store could not serve, it stores what the browser computed so
// that the next start is warm. Only a catalog that is one corpus file's
// papers as the file holds them is stored as a segment
// (store.LoadCatalogPure): what the library adds is not the file's.
type browserStore struct {
	corpora func() []string
	lib     *library.Library

	mu sync.Mutex
	// loaded is the last load's corpus file version, and its first paper
	// and count to recognise its index by; nil when it cannot be stored.
	loaded *loadedCorpus
	// opened is what the last open served, nil before one.
	opened *store.Stored
	// writes are the segment writes open started.
	writes sync.WaitGroup
}

type loadedCorpus struct {
	src   segment.Source
	first *model.Paper
	n     int
}

// open is ui.Options.Open.
func (b *browserStore) open(context.Context) *ui.Stored {
	cache, st, err := openStored(b.corpora(), b.lib, true)
	if st == nil || err != nil {
		return nil
	}
	b.mu.Lock()
	b.opened = st
	b.mu.Unlock()
	// The files loaded at open are stored for the next, in the background:
	// a write is atomic, so one cut short by quitting leaves nothing.
	b.writes.Add(1)
	go func() {
		defer b.writes.Done()
		_ = st.WriteLoaded(cache)
	}()
	return &ui.Stored{Index: st.Index, Warnings: st.Warnings, Derived: func() (*topics.Topics, *related.Index) {
		d, err := cache.OpenDerived(st.Derived, st.Index.Len())
		if err != nil {
			return nil, nil
		}
		return d.Topics, d.Related
	}}
}

// load is ui.Options.Load. The file's identity is taken before it is
// read, so that a file changed meanwhile leaves a stale store.
func (b *browserStore) load(context.Context) ([]model.Paper, []error, error) {
	corpora := b.corpora()
	var src *segment.Source
	if len(corpora) == 1 && singleFile(corpora) {
		if s, err := segment.Identify(corpora[0]); err == nil {
			src = &s
		}
	}
	papers, warnings, pure, err := store.LoadCatalogPure(corpora, b.lib)
	var loaded *loadedCorpus
	if err == nil && pure && src != nil && len(papers) > 0 {
		loaded = &loadedCorpus{src: *src, first: &papers[0], n: len(papers)}
	}
	b.mu.Lock()
	b.loaded = loaded
	b.mu.Unlock()
	return papers, warnings, err
}

// recordSeen is ui.Options.RecordSeen. The papers of one corpus file
// version are recorded once (library.RecordCorpusSeen): a warm start of a
// million papers then reads none of them, and the first start of a version
// opened from the store reads only their keys.
func (b *browserStore) recordSeen(ix *model.Index) error {
	b.mu.Lock()
	st, l := b.opened, b.loaded
	b.mu.Unlock()
	var src *segment.Source
	switch {
	case st != nil && st.Index == ix:
		// Each file version once; the merged copies and the marked papers
		// added are papers those files and the library have seen.
		parts := ix.Parts()
		for k, f := range st.Files {
			if _, err := b.lib.RecordCorpusSeen(f.Abs, f.Version(), parts[k].Len(), parts[k].Keys); err != nil {
				return err
			}
		}
		return nil
	case b.isLoaded(l, ix):
		src = &l.src
	default:
		_, _, err := b.lib.RecordSeen(ix.Papers())
		return err
	}
	_, err := b.lib.RecordCorpusSeen(src.Abs, src.Version(), ix.Len(), ix.Keys)
	return err
}

// isLoaded reports whether ix is the index of load l.
func (b *browserStore) isLoaded(l *loadedCorpus, ix *model.Index) bool {
	return l != nil && ix.Len() == l.n && ix.Paper(0) == l.first
}

// storable returns the corpus file version ix was loaded from, if ix is
// the last load's and it can be stored.
func (b *browserStore) storable(ix *model.Index) (segment.Cache, *segment.Source, error) {
	b.mu.Lock()
	l := b.loaded
	b.mu.Unlock()
	if !b.isLoaded(l, ix) {
		return segment.Cache{}, nil, nil
	}
	cache, err := segment.DefaultCache()
	if err != nil {
		return segment.Cache{}, nil, err
	}
	return cache, &l.src, nil
}

// saveIndex is ui.Options.SaveIndex.
func (b *browserStore) saveIndex(ix *model.Index) error {
	cache, src, err := b.storable(ix)
	if src == nil {
		return err
	}
	return cache.WriteSegment(*src, ix)
}

// saveDerived is ui.Options.SaveDerived: after a load, or an open whose
// derived data was not stored.
func (b *browserStore) saveDerived(ix *model.Index, t *topics.Topics, r *related.Index) error {
	b.mu.Lock()
	st := b.opened
	b.mu.Unlock()
	if st != nil && st.Index == ix {
		cache, err := segment.DefaultCache()
		if err != nil {
			return err
		}
		return cache.WriteDerived(st.Derived, ix.Len(), t, r)
	}
	cache, src, err := b.storable(ix)
	if src == nil {
		return err
	}
	return cache.WriteDerived([]segment.Source{*src}, ix.Len(), t, r)
}
