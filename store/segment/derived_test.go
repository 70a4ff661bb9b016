package segment

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/related"
	"github.com/papertui/papers/model/synthetic"
	"github.com/papertui/papers/model/topics"
)

// derivedFixture is a corpus file, its identity and its papers.
func derivedFixture(t *testing.T, n int, seed uint64) (Cache, string, []Source, model.PaperList) {
	t.Helper()
	dir := t.TempDir()
	c := Cache{Dir: filepath.Join(dir, "cache")}
	path := filepath.Join(dir, fmt.Sprintf("corpus-%d.jsonl", seed))
	papers := synthetic.Zipf(n, seed)
	writeCorpus(t, path, papers)
	src, err := Identify(path)
	if err != nil {
		t.Fatal(err)
	}
	return c, path, []Source{src}, model.PaperList(papers)
}

// sameDerived checks that read-back topics and related papers answer as
// the computed ones.
func sameDerived(t *testing.T, wantT *topics.Topics, wantR *related.Index, got *Derived) {
	t.Helper()
	if len(got.Topics.List) != len(wantT.List) || len(got.Topics.List) == 0 {
		t.Fatalf("%d topics read back, %d computed", len(got.Topics.List), len(wantT.List))
	}
	for i, tp := range wantT.List {
		g := got.Topics.List[i]
		if g.Name != tp.Name || g.Key != tp.Key || g.Kind != tp.Kind || !slices.Equal(g.Papers, tp.Papers) {
			t.Fatalf("topic %d: %+v, want %+v", i, g, tp)
		}
		spellings := []string{tp.Key}
		if tp.Kind == topics.Phrase {
			spellings = append(spellings, tp.Name) // found by its variant key
		}
		for _, s := range spellings {
			if found, ok := got.Topics.Lookup(s); !ok || found.Key != tp.Key {
				t.Fatalf("Lookup(%q) = %v, %v", s, found.Key, ok)
			}
		}
	}
	for p := range wantT.ByPaper {
		if !slices.Equal(got.Topics.ByPaper[p], wantT.ByPaper[p]) {
			t.Fatalf("paper %d shows topics %v, want %v", p, got.Topics.ByPaper[p], wantT.ByPaper[p])
		}
		if w, g := wantR.Related(p, 5), got.Related.Related(p, 5); !slices.Equal(w, g) {
			t.Fatalf("paper %d: related %v, want %v", p, g, w)
		}
	}
}

func TestDerivedRoundTrip(t *testing.T) {
	c, _, srcs, papers := derivedFixture(t, 600, 3)
	tp, rel := topics.Compute(papers), related.Build(papers)
	if _, err := c.OpenDerived(srcs, papers.Len()); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("empty cache: %v", err)
	}
	if err := c.WriteDerived(srcs, papers.Len(), tp, rel); err != nil {
		t.Fatal(err)
	}
	d, err := c.OpenDerived(srcs, papers.Len())
	if err != nil {
		t.Fatal(err)
	}
	sameDerived(t, tp, rel, d)
	list, err := c.ListDerived()
	if err != nil || len(list) != 1 || list[0].Err != nil || list[0].Papers != 600 || !sameSources(list[0].Sources, srcs) {
		t.Fatalf("ListDerived = %+v, %v", list, err)
	}
}

// Derived data is used only for exactly the corpus file versions it was
// computed from, in the same order.
func TestDerivedFreshness(t *testing.T) {
	c, path, srcs, papers := derivedFixture(t, 300, 5)
	status := func(srcs []Source, n int, want Status) {
		t.Helper()
		_, got, why, err := c.EnsureDerived(srcs, papers[:n])
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("EnsureDerived: %v (%v), want %v", got, why, want)
		}
	}
	status(srcs, 300, Built)
	status(srcs, 300, Fresh)

	// Touched: the file's identity changed.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	now, _ := Identify(path)
	if _, err := c.OpenDerived([]Source{now}, 300); !errors.Is(err, ErrStale) {
		t.Fatalf("touched corpus: %v, want ErrStale", err)
	}
	status([]Source{now}, 300, Rebuilt)
	status([]Source{now}, 300, Fresh)
	// Another paper count for the same files is not trusted either.
	if _, err := c.OpenDerived([]Source{now}, 299); !errors.Is(err, ErrStale) {
		t.Fatalf("another paper count: %v, want ErrStale", err)
	}

	// A set with another file, or the same files in another order, has
	// paper numbers of its own: it never finds this file.
	_, _, other, _ := derivedFixture(t, 50, 6)
	for _, set := range [][]Source{append([]Source{now}, other...), append(other, now)} {
		if _, err := c.OpenDerived(set, 300); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("another set: %v, want ErrNotExist", err)
		}
	}

	// A deleted cache is rebuilt.
	if err := c.Clear(); err != nil {
		t.Fatal(err)
	}
	status([]Source{now}, 300, Built)
}

func TestCorruptDerivedIsRejected(t *testing.T) {
	c, _, srcs, papers := derivedFixture(t, 300, 7)
	if _, _, _, err := c.EnsureDerived(srcs, papers); err != nil {
		t.Fatal(err)
	}
	path := c.derivedPath(srcs)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, b []byte) {
		t.Helper()
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := c.OpenDerived(srcs, 300); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: OpenDerived = %v, want ErrCorrupt", name, err)
		}
		// And it is computed again, not trusted.
		if _, status, _, err := c.EnsureDerived(srcs, papers); err != nil || status != Rebuilt {
			t.Errorf("%s: EnsureDerived = %v, %v; want rebuilt", name, status, err)
		}
	}
	for _, n := range []int{0, 7, 31, 32, 100, len(data) / 2, len(data) - 1} {
		check(fmt.Sprintf("truncated to %d", n), data[:n])
	}
	for _, at := range []int{0, 9, 20, 40, 200, len(data) / 3, len(data) - 3} {
		b := append([]byte(nil), data...)
		b[at] ^= 0x5a
		check(fmt.Sprintf("byte %d flipped", at), b)
	}
	v := append([]byte(nil), data...)
	v[8] = derivedVersion + 1
	check("another version", v)
	check("a segment instead", mustSegmentBytes(t))
	check("foreign file", []byte(strings.Repeat("not derived data\n", 100)))
}

func mustSegmentBytes(t *testing.T) []byte {
	_, _, path := writeOpen(t, synthetic.Zipf(50, 1))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Sections whose checksums hold but whose numbers point out of range are
// errors, not crashes.
func TestDerivedOutOfRangeIsRejected(t *testing.T) {
	c, _, srcs, papers := derivedFixture(t, 200, 8)
	tp, rel := topics.Compute(papers), related.Build(papers)
	bad := *tp
	bad.ByPaper = slices.Clone(tp.ByPaper)
	bad.ByPaper[3] = []int32{int32(len(tp.List))}
	if err := c.WriteDerived(srcs, 200, &bad, rel); err != nil {
		t.Fatal(err)
	}
	if _, err := c.OpenDerived(srcs, 200); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("topic out of range: %v, want ErrCorrupt", err)
	}
	// A name with an escape sequence would reach the terminal.
	evil := *tp
	evil.List = slices.Clone(tp.List)
	evil.List[0].Name = "\x1b]52;c;aGk=\x07LoRA"
	if err := c.WriteDerived(srcs, 200, &evil, rel); err != nil {
		t.Fatal(err)
	}
	if _, err := c.OpenDerived(srcs, 200); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("topic name with an escape sequence: %v, want ErrCorrupt", err)
	}
	a := rel.Arrays()
	a.PostDoc = slices.Clone(a.PostDoc)
	a.PostDoc[0] = 200
	if _, err := related.FromArrays(200, a); err == nil {
		t.Fatal("related paper out of range accepted")
	}
}

func TestConcurrentDerivedWriters(t *testing.T) {
	c, _, srcs, papers := derivedFixture(t, 400, 9)
	tp, rel := topics.Compute(papers), related.Build(papers)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { errs[i] = c.WriteDerived(srcs, 400, tp, rel) })
	}
	// Readers meanwhile see either nothing or a whole file.
	for range 20 {
		if d, err := c.OpenDerived(srcs, 400); err == nil {
			if len(d.Topics.List) != len(tp.List) {
				t.Fatal("a reader saw part of a file")
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("reader during writes: %v", err)
		}
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	d, err := c.OpenDerived(srcs, 400)
	if err != nil {
		t.Fatal(err)
	}
	sameDerived(t, tp, rel, d)
	des, _ := os.ReadDir(c.Dir)
	if len(des) != 1 {
		t.Fatalf("cache holds %d files, want 1 (temporary files left?)", len(des))
	}
}
