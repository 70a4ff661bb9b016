package library

import (
	"slices"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

func TestRecordSeen(t *testing.T) {
	l := newLibrary(t)
	corpus := synthetic.Papers(500, 7)
	load, added, err := l.RecordSeen(corpus)
	if err != nil || load != 1 || added != 500 {
		t.Fatalf("first load: %d, %d, %v", load, added, err)
	}
	m := mustMarks(t, l)
	if m.LatestLoad != 1 || !isNew(t, l, &corpus[0]) {
		t.Errorf("after the first load: LatestLoad %d, new %v", m.LatestLoad, isNew(t, l, &corpus[0]))
	}

	// Seeing the same papers again adds nothing, and they stay new.
	load, added, err = l.RecordSeen(corpus)
	if err != nil || load != 2 || added != 0 {
		t.Fatalf("second load: %d, %d, %v", load, added, err)
	}
	m = mustMarks(t, l)
	if m.LatestLoad != 1 || !isNew(t, l, &corpus[499]) {
		t.Errorf("after an empty load: LatestLoad %d", m.LatestLoad)
	}

	// New papers, a duplicate, a paper without ID, and a paper seen before
	// under its title only.
	titleOnly := model.Paper{Title: "A Paper First Listed Without Its Id"}
	titleOnly.AssignIDs()
	_, _, err = l.RecordSeen([]model.Paper{titleOnly})
	noErr(t, err)
	withID := model.Paper{Title: titleOnly.Title, ArxivID: "2501.00001"}
	withID.AssignIDs()
	fresh := synthetic.Papers(503, 8)[500:]
	batch := append(slices.Clone(corpus[:10]), fresh[0], fresh[1], fresh[1], fresh[2], model.Paper{Title: "no id"}, withID)
	load, added, err = l.RecordSeen(batch)
	if err != nil || load != 4 || added != 3 {
		t.Fatalf("mixed load: %d, %d, %v; want 4, 3", load, added, err)
	}
	m = mustMarks(t, l)
	if m.LatestLoad != 4 {
		t.Errorf("LatestLoad = %d, want 4", m.LatestLoad)
	}
	for _, p := range fresh {
		if !isNew(t, l, &p) {
			t.Errorf("%s is not new", p.ID)
		}
	}
	for _, p := range []model.Paper{corpus[0], corpus[20], withID} {
		if isNew(t, l, &p) {
			t.Errorf("%s (%s) is new", p.ID, p.Title)
		}
	}
	// The latest load's keys are NewKeys's: marks hold user data only.
	if _, keys, _ := l.NewKeys(); len(keys) != 3 || len(m.ByKey) != 0 {
		t.Errorf("NewKeys has %d keys (want 3), ByKey %d (want 0)", len(keys), len(m.ByKey))
	}
	noErr(t, l.SetBookmarks([]*model.Paper{&withID, &corpus[0]}, true))
	m = mustMarks(t, l)
	if got := m.For(&withID).FirstSeenLoad; got != 3 {
		t.Errorf("FirstSeenLoad of a paper first seen by title = %d, want 3", got)
	}
	if got := m.For(&corpus[0]).FirstSeenLoad; got != 1 {
		t.Errorf("FirstSeenLoad = %d, want 1", got)
	}

	// A paper seen with its arXiv id and later listed by title alone is
	// not new either.
	byTitle := model.Paper{Title: corpus[5].Title}
	byTitle.AssignIDs()
	_, added, err = l.RecordSeen([]model.Paper{byTitle})
	if err != nil || added != 0 {
		t.Errorf("title-only relisting: added %d, %v", added, err)
	}
	if _, _, err := l.RecordSeen(nil); err != nil {
		t.Errorf("empty load: %v", err)
	}
}

func TestRecordSeenLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large load")
	}
	l := newLibrary(t)
	corpus := synthetic.Papers(30000, 3)
	distinct := map[string]bool{}
	for _, p := range corpus {
		distinct[p.ID] = true
	}
	_, added, err := l.RecordSeen(corpus)
	if err != nil || added != len(distinct) {
		t.Fatalf("added %d, %v; want %d", added, err, len(distinct))
	}
	_, added, err = l.RecordSeen(corpus)
	if err != nil || added != 0 {
		t.Fatalf("again: added %d, %v", added, err)
	}
	_, keys, err := l.NewKeys()
	if err != nil || len(keys) != len(distinct) {
		t.Fatalf("NewKeys: %d keys, %v; want %d", len(keys), err, len(distinct))
	}
	for _, k := range keys {
		if !distinct[k] {
			t.Fatalf("NewKeys lists %q, which was not loaded", k)
		}
	}
}

// isNew reports whether p was first seen in the latest load, as is:new
// would say.
func isNew(t testing.TB, l *Library, p *model.Paper) bool {
	t.Helper()
	_, keys, err := l.NewKeys()
	if err != nil {
		t.Fatal(err)
	}
	return slices.Contains(keys, p.ID)
}

// A corpus file's version is recorded once: opening it again reads no key
// and adds no load, so what is new stays what the last new version added;
// a new version of the file records what it adds.
func TestRecordCorpusSeen(t *testing.T) {
	l := newLibrary(t)
	corpus := synthetic.Papers(300, 9)
	reads := 0
	keys := func(papers []model.Paper) func(i int) (string, string) {
		return func(i int) (string, string) {
			reads++
			return papers[i].ID, papers[i].TitleID
		}
	}
	recorded, err := l.RecordCorpusSeen("/c.jsonl", "v1", 200, keys(corpus))
	if err != nil || !recorded || reads != 200 {
		t.Fatalf("first version: recorded %v, %d keys read, %v", recorded, reads, err)
	}
	reads = 0
	recorded, err = l.RecordCorpusSeen("/c.jsonl", "v1", 200, keys(corpus))
	if err != nil || recorded || reads != 0 {
		t.Fatalf("the same version again: recorded %v, %d keys read, %v", recorded, reads, err)
	}
	// No load was added: the next one is the second.
	if load, _, err := l.RecordSeen(nil); err != nil || load != 2 {
		t.Fatalf("load after the skipped one = %d, %v; want 2", load, err)
	}
	if load, keys, _ := l.NewKeys(); load != 1 || len(keys) != 200 || !isNew(t, l, &corpus[0]) {
		t.Fatalf("new after the same version again: load %d, %d keys", load, len(keys))
	}
	// Another file is its own version; the new version of the first
	// adds its 100 new papers, and they alone are new.
	if recorded, err := l.RecordCorpusSeen("/d.jsonl", "v1", 1, keys(corpus)); err != nil || !recorded {
		t.Fatalf("another file: recorded %v, %v", recorded, err)
	}
	recorded, err = l.RecordCorpusSeen("/c.jsonl", "v2", 300, keys(corpus))
	if err != nil || !recorded {
		t.Fatalf("second version: recorded %v, %v", recorded, err)
	}
	if _, keys, _ := l.NewKeys(); len(keys) != 100 || !isNew(t, l, &corpus[250]) || isNew(t, l, &corpus[0]) {
		t.Fatalf("new after the second version: %d keys; want the 100 added", len(keys))
	}
}
