package library

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

// BenchmarkToggleBookmark measures one bookmark toggle as the UI does it:
// one SetBookmarks call, one committed and synced transaction, on a library
// in b.TempDir() that already holds about 10,000 marks.
//
//	go test ./store/library -run '^$' -bench 'ToggleBookmark|RecordSeen' -benchtime 2s
func BenchmarkToggleBookmark(b *testing.B) {
	l, err := Open(filepath.Join(b.TempDir(), "library.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	corpus := synthetic.Papers(10000, 1)
	ptrs := make([]*model.Paper, len(corpus))
	for i := range corpus {
		ptrs[i] = &corpus[i]
	}
	if err := l.SetBookmarks(ptrs[:5000], true); err != nil {
		b.Fatal(err)
	}
	if err := l.AddTags(ptrs[4000:10000], []string{"benchmark"}); err != nil {
		b.Fatal(err)
	}
	if _, _, err := l.RecordSeen(corpus); err != nil {
		b.Fatal(err)
	}
	if n := countRows(b, l, "papers"); n != 10000 {
		b.Fatalf("%d papers with marks, want 10000", n)
	}

	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		// Each paper is flipped, then flipped back, so the library keeps
		// its size; the first 5000 start bookmarked.
		j := (i / 2) % len(ptrs)
		on := j >= 5000
		if i%2 == 1 {
			on = !on
		}
		if err := l.SetBookmarks([]*model.Paper{ptrs[j]}, on); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecordSeen records a corpus load: "new" into an empty library,
// "known" when every paper was seen before (the usual start-up). The
// million-paper case uses papers that carry only their keys, which is all
// RecordSeen reads, to spare generating a gigabyte of abstracts.
func BenchmarkRecordSeen(b *testing.B) {
	for _, n := range []int{100000, 1000000} {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			var corpus []model.Paper
			if n <= 100000 {
				corpus = synthetic.Papers(n, 1)
			} else {
				corpus = keyOnlyPapers(n)
			}
			b.Run("new", func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					l, err := Open(filepath.Join(b.TempDir(), "library.db"))
					if err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					if _, added, err := l.RecordSeen(corpus); err != nil || added == 0 {
						b.Fatal(added, err)
					}
					b.StopTimer()
					l.Close()
					b.StartTimer()
				}
			})
			b.Run("known", func(b *testing.B) {
				l, err := Open(filepath.Join(b.TempDir(), "library.db"))
				if err != nil {
					b.Fatal(err)
				}
				defer l.Close()
				if _, _, err := l.RecordSeen(corpus); err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					if _, added, err := l.RecordSeen(corpus); err != nil || added != 0 {
						b.Fatal(added, err)
					}
				}
			})
		})
	}
}

// keyOnlyPapers returns n distinct papers with an arXiv-style ID and a
// title ID, as a large corpus would have.
func keyOnlyPapers(n int) []model.Paper {
	papers := make([]model.Paper, n)
	for i := range papers {
		papers[i].ID = fmt.Sprintf("%02d%02d.%05d", 10+i/1200000, 1+i/100000%12, i%100000)
		papers[i].TitleID = model.TitleID(fmt.Sprintf("synthetic paper number %d", i))
	}
	return papers
}

// BenchmarkMarks reads the marks of a library that has seen a million
// papers and holds a few bookmarks: what every start and every reload after
// a bookmark pays.
func BenchmarkMarks(b *testing.B) {
	l, err := Open(filepath.Join(b.TempDir(), "library.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	corpus := keyOnlyPapers(1000000)
	if _, _, err := l.RecordSeen(corpus); err != nil {
		b.Fatal(err)
	}
	marked := []*model.Paper{&corpus[10], &corpus[500000], &corpus[999999]}
	if err := l.SetBookmarks(marked, true); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		m, err := l.Marks()
		if err != nil || len(m.ByKey) < len(marked) {
			b.Fatal(len(m.ByKey), err)
		}
	}
}
