package ui

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/related"
	"github.com/papertui/papers/model/synthetic"
	"github.com/papertui/papers/model/topics"
	"github.com/papertui/papers/store/segment"
)

// storeCalls counts what the browser asked of the corpus and the store.
type storeCalls struct {
	loads, indexSaves, derivedSaves atomic.Int32
	savedIndex                      *model.Index
	savedTopics                     *topics.Topics
	savedRelated                    *related.Index
	saveErr                         error
}

func storeOptions(t *testing.T, ix *model.Index, stored *Stored, sc *storeCalls) Options {
	opts := testOptions(t, newMemLibrary(), ix, &calls{})
	load := opts.Load
	opts.Load = func(ctx context.Context) ([]model.Paper, []error, error) {
		sc.loads.Add(1)
		return load(ctx)
	}
	opts.Open = func(context.Context) *Stored { return stored }
	opts.SaveIndex = func(ix *model.Index) error {
		sc.indexSaves.Add(1)
		sc.savedIndex = ix
		return sc.saveErr
	}
	opts.SaveDerived = func(ix *model.Index, tp *topics.Topics, r *related.Index) error {
		sc.derivedSaves.Add(1)
		sc.savedIndex, sc.savedTopics, sc.savedRelated = ix, tp, r
		return sc.saveErr
	}
	return opts
}

func startStore(t *testing.T, opts Options) Model {
	t.Helper()
	m := newTestModel(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	return drive(t, m, m.Init()())
}

// A start with a fresh store reads neither the corpus nor computes
// anything: the stored index, topics and related papers are the
// browser's at once, and a search runs on the first keystroke.
func TestWarmStartOpensFromTheStore(t *testing.T) {
	ix := loadSeed(t)
	tp, rel := topics.Compute(ix), related.Build(ix)
	stored := &Stored{Index: ix, Derived: func() (*topics.Topics, *related.Index) { return tp, rel }}
	var sc storeCalls
	m := startStore(t, storeOptions(t, ix, stored, &sc))
	if n := sc.loads.Load(); n != 0 {
		t.Fatalf("the corpus was loaded %d times with a fresh store", n)
	}
	if m.c.Index != ix || m.c.Topics != tp || m.c.related != rel {
		t.Fatal("the browser does not use the stored index, topics and related papers")
	}
	if sc.indexSaves.Load()+sc.derivedSaves.Load() != 0 {
		t.Fatal("a warm start wrote the store again")
	}
	m = drive(t, m, keys("lora")...)
	if m.list.result == nil || m.list.total() == 0 || m.list.total() == ix.Len() {
		t.Fatalf("search for lora at once: %d of %d papers", m.list.total(), ix.Len())
	}
	if strings.Contains(m.View(), "Indexing") {
		t.Fatal("a warm start says it is indexing")
	}
}

// A store without derived data serves the index; topics and related
// papers are computed, then stored.
func TestStoreWithoutDerivedDataStoresIt(t *testing.T) {
	ix := loadSeed(t)
	var sc storeCalls
	m := startStore(t, storeOptions(t, ix, &Stored{Index: ix}, &sc))
	if sc.loads.Load() != 0 || sc.indexSaves.Load() != 0 {
		t.Fatalf("loads %d, index saves %d; want none", sc.loads.Load(), sc.indexSaves.Load())
	}
	if sc.derivedSaves.Load() != 1 || sc.savedIndex != ix || sc.savedTopics != m.c.Topics || sc.savedRelated != m.c.related || m.c.related == nil {
		t.Fatalf("derived data saved %d times, for the right index and data: %v", sc.derivedSaves.Load(), sc.savedIndex == ix)
	}
}

// Without a store the browser loads the corpus as before, then stores its
// word index and its derived data for the next start. A failed write is a
// warning.
func TestColdStartWritesTheStore(t *testing.T) {
	ix := loadSeed(t)
	sc := storeCalls{saveErr: errors.New("disk full")}
	m := startStore(t, storeOptions(t, ix, nil, &sc))
	if sc.loads.Load() != 1 {
		t.Fatalf("loaded %d times", sc.loads.Load())
	}
	if sc.indexSaves.Load() != 1 || sc.derivedSaves.Load() != 1 {
		t.Fatalf("index saved %d times, derived data %d times; want once each", sc.indexSaves.Load(), sc.derivedSaves.Load())
	}
	if sc.savedIndex != m.c.Index || !sc.savedIndex.HasText() || sc.savedTopics != m.c.Topics || sc.savedRelated != m.c.related {
		t.Fatal("the store was written with something else than the browser's index and derived data")
	}
	if len(m.warnings) != 2 || !strings.Contains(m.warnings[0], "disk full") {
		t.Fatalf("warnings %q, want the two failed writes", m.warnings)
	}
	if m.loadErr != nil {
		t.Fatalf("a failed store write is an error: %v", m.loadErr)
	}
}

// Stored topics without stored related papers: the topics are used, the
// related papers computed, and both stored again.
func TestStoreWithPartOfTheDerivedData(t *testing.T) {
	ix := loadSeed(t)
	tp := topics.Compute(ix)
	var sc storeCalls
	stored := &Stored{Index: ix, Derived: func() (*topics.Topics, *related.Index) { return tp, nil }}
	m := startStore(t, storeOptions(t, ix, stored, &sc))
	if m.c.Topics != tp || m.c.related == nil {
		t.Fatal("the stored topics were not used, or related papers not computed")
	}
	if sc.derivedSaves.Load() != 1 || sc.savedTopics != tp || sc.savedRelated != m.c.related {
		t.Fatalf("derived data saved %d times", sc.derivedSaves.Load())
	}
}

// A warm start reads the pages of what it shows, not the corpus: recording
// the papers seen, finding the new ones and counting the days decode none
// of them, so that a million papers open in the time of a screenful.
func TestWarmStartDecodesOnlyWhatItShows(t *testing.T) {
	built, err := model.BuildIndex(context.Background(), synthetic.Zipf(2000, 5))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "corpus.seg")
	if err := segment.Write(path, segment.Source{Name: "corpus.jsonl", Abs: "/corpus.jsonl"}, built); err != nil {
		t.Fatal(err)
	}
	seg, err := segment.Open(path, "corpus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	tp, rel := topics.Compute(built), related.Build(built)
	stored := &Stored{Index: seg.Index, Derived: func() (*topics.Topics, *related.Index) { return tp, rel }}
	var sc storeCalls
	opts := storeOptions(t, seg.Index, stored, &sc)
	// Every paper new, as after the first load of the corpus.
	lib := opts.Library.(*memLibrary)
	lib.load = 1
	for i := range built.Len() {
		lib.newKeys = append(lib.newKeys, built.Paper(i).ID)
	}
	var recorded atomic.Pointer[model.Index]
	opts.RecordSeen = func(ix *model.Index) error {
		recorded.Store(ix)
		return nil
	}
	m := startStore(t, opts)
	if recorded.Load() != seg.Index {
		t.Fatal("the papers seen were not recorded with the stored index")
	}
	if len(m.tags.days) == 0 {
		t.Fatal("the days were not counted")
	}
	if m.c.New == nil || m.c.New.Count() != built.Len() {
		t.Fatal("the new papers were not found")
	}
	// The detail pane's paper and its related papers, at most.
	if n := seg.Decodes(); n > 10 {
		t.Errorf("a warm start decoded %d of %d papers", n, seg.Index.Len())
	}
}
