package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

// Measure with:
//
//	go test ./store/corpus -run '^$' -bench 'Load' -benchtime 3x -benchmem
//
// Besides ns/op and B/op, each benchmark reports peak/filesize: the
// largest growth of live heap objects during a load, sampled every
// millisecond, relative to the corpus file size.

var syntheticCorpus = sync.OnceValue(func() []model.Paper { return synthetic.Papers(100_000, 1) })

func BenchmarkLoadJSONL(b *testing.B) {
	b.Run("papers=100000", func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "corpus.jsonl")
		writeSynthetic(b, path, syntheticCorpus(), writeOAIRecord)
		benchmarkLoad(b, path, 100_000)
	})
}

func BenchmarkLoadText(b *testing.B) {
	b.Run("papers=100000", func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "corpus.txt")
		writeSynthetic(b, path, syntheticCorpus(), writeTrendingRecord)
		benchmarkLoad(b, path, 100_000)
	})
}

func benchmarkLoad(b *testing.B, path string, want int) {
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	size := info.Size()
	b.SetBytes(size)
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		sampler := startHeapSampler()
		b.StartTimer()
		papers, _, err := Load([]string{path})
		b.StopTimer()
		peak = max(peak, sampler.stop())
		if err != nil || len(papers) != want {
			b.Fatalf("got %d papers, %v", len(papers), err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(peak)/float64(size), "peak/filesize")
}

// heapSampler tracks the peak of live heap objects above the level at its
// start.
type heapSampler struct {
	done chan struct{}
	peak chan uint64
}

const heapObjects = "/memory/classes/heap/objects:bytes"

func readHeapObjects(sample []metrics.Sample) uint64 {
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

func startHeapSampler() heapSampler {
	s := heapSampler{done: make(chan struct{}), peak: make(chan uint64)}
	sample := []metrics.Sample{{Name: heapObjects}}
	base := readHeapObjects(sample)
	go func() {
		var peak uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if v := readHeapObjects(sample); v > base {
				peak = max(peak, v-base)
			}
			select {
			case <-tick.C:
			case <-s.done:
				s.peak <- peak
				return
			}
		}
	}()
	return s
}

func (s heapSampler) stop() uint64 {
	close(s.done)
	return <-s.peak
}

func writeSynthetic(b testing.TB, path string, papers []model.Paper, write func(*bufio.Writer, int, *model.Paper) error) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := range papers {
		if err := write(w, i, &papers[i]); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}

// oaiRecordOut has the fields of the arXiv snapshot in its order.
type oaiRecordOut struct {
	ID            string       `json:"id"`
	Submitter     string       `json:"submitter"`
	Authors       string       `json:"authors"`
	Title         string       `json:"title"`
	Comments      *string      `json:"comments"`
	JournalRef    *string      `json:"journal-ref"`
	DOI           *string      `json:"doi"`
	ReportNo      *string      `json:"report-no"`
	Categories    string       `json:"categories"`
	License       string       `json:"license"`
	Abstract      string       `json:"abstract"`
	Versions      []oaiVersion `json:"versions"`
	UpdateDate    string       `json:"update_date"`
	AuthorsParsed [][]string   `json:"authors_parsed"`
}

type oaiVersion struct {
	Version string `json:"version"`
	Created string `json:"created"`
}

var benchSurnames = []string{"Smith", "Balázs", "Nguyen", "Müller", "Garcia", "Kowalski", "Chen", "O'Brien"}
var benchCategories = []string{"cs.LG", "cs.CL", "cs.CV stat.ML", "cs.AI cs.LG", "math.OC"}

// writeOAIRecord writes a paper as the snapshot does: title wrapped at 70
// columns with a two-space indent, abstract indented by two spaces,
// wrapped at 80 and ending in a line break, one author string.
func writeOAIRecord(w *bufio.Writer, i int, p *model.Paper) error {
	var authors []string
	var parsed [][]string
	for k := range 1 + i%5 {
		last := benchSurnames[(i+k)%len(benchSurnames)]
		authors = append(authors, fmt.Sprintf("%c. %s", 'A'+rune(k), last))
		parsed = append(parsed, []string{last, fmt.Sprintf("%c.", 'A'+rune(k)), ""})
	}
	created := p.Published.Format("Mon, 2 Jan 2006 15:04:05 GMT")
	rec := oaiRecordOut{
		ID:            p.ArxivID,
		Submitter:     authors[0],
		Authors:       strings.Join(authors, ", "),
		Title:         wrap(p.Title, 70, "\n  "),
		Categories:    benchCategories[i%len(benchCategories)],
		License:       "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
		Abstract:      "  " + wrap(p.Abstract, 80, "\n") + "\n",
		Versions:      []oaiVersion{{"v1", created}},
		UpdateDate:    p.Published.Format(time.DateOnly),
		AuthorsParsed: parsed,
	}
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	w.Write(data)
	return w.WriteByte('\n')
}

func writeTrendingRecord(w *bufio.Writer, i int, p *model.Paper) error {
	if i == 0 {
		w.WriteString("Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\nSubscribe")
	}
	w.WriteString(p.Title)
	w.WriteByte('\n')
	w.WriteString(p.Abstract)
	return w.WriteByte('\n')
}

// wrap breaks s into lines of at most width bytes at spaces.
func wrap(s string, width int, sep string) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(s) {
		if i > 0 {
			if col+1+len(word) > width {
				b.WriteString(sep)
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(word)
		col += len(word)
	}
	return b.String()
}

// TestSyntheticCorpusRoundTrip checks the benchmark's input: both formats
// load back to the generated papers, IDs included (JSON Lines is TeX, so
// its "--" comes back as an en dash).
func TestSyntheticCorpusRoundTrip(t *testing.T) {
	papers := synthetic.Papers(500, 9)
	for name, write := range map[string]func(*bufio.Writer, int, *model.Paper) error{
		"corpus.jsonl": writeOAIRecord, "corpus.txt": writeTrendingRecord,
	} {
		path := filepath.Join(t.TempDir(), name)
		writeSynthetic(t, path, papers, write)
		got, _, err := Load([]string{path})
		if err != nil || len(got) != len(papers) {
			t.Fatalf("%s: %d papers, %v", name, len(got), err)
		}
		tex := name == "corpus.jsonl"
		for i := range got {
			title, abstract := cleanField(papers[i].Title, tex), cleanField(papers[i].Abstract, tex)
			id := papers[i].ID
			if !tex {
				id = papers[i].TitleID // the trending page has no arXiv ids
			}
			if got[i].ID != id || got[i].Title != title || got[i].Abstract != abstract {
				t.Fatalf("%s: paper %d = %q %q, want %q %q", name, i, got[i].ID, got[i].Title, papers[i].ID, papers[i].Title)
			}
		}
	}
}
