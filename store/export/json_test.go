package export

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/papertui/papers/model"
)

func TestJSONExportSchema(t *testing.T) {
	papers, marks := exportLibrary(t)
	var doc struct {
		Format  string           `json:"format"`
		Version int              `json:"version"`
		Papers  []map[string]any `json:"papers"`
	}
	if err := json.Unmarshal([]byte(exportString(t, JSON, papers, marks)), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Format != "papers-library" || doc.Version != 1 || len(doc.Papers) != 3 {
		t.Fatalf("header: %q %d, %d papers", doc.Format, doc.Version, len(doc.Papers))
	}
	first := doc.Papers[0]
	if first["note"] != "Rank 8 is enough.\n\nSee *Table 2*." || first["bookmarked_at"] == nil {
		t.Errorf("first entry: %v", first)
	}
	if paper := first["paper"].(map[string]any); paper["id"] != "2106.09685" || paper["title"] == nil {
		t.Errorf("paper: %v", paper)
	}
	if doc.Papers[2]["read"] != true {
		t.Errorf("third entry: %v", doc.Papers[2])
	}
}

// backupFixture sets every field the JSON export has, on one paper, and
// none on another, so that backupGolden pins each field's name and when it
// is left out.
func backupFixture() ([]model.Paper, model.Marks, []string) {
	full := model.Paper{
		ID:         "2106.09685",
		TitleID:    "lora low rank adaptation of large language models",
		ArxivID:    "2106.09685",
		Title:      "LoRA: Low-Rank Adaptation of Large Language Models",
		Abstract:   "We propose <LoRA> & more.",
		Authors:    []string{"Edward J. Hu", "Yelong Shen"},
		Categories: []string{"cs.CL", "cs.LG"},
		Published:  time.Date(2021, 6, 17, 17, 37, 18, 0, time.UTC),
		Updated:    time.Date(2021, 10, 16, 0, 0, 0, 5, time.UTC),
		DOI:        "10.48550/arXiv.2106.09685",
		Upvotes:    42,
		Links: []model.Link{
			{Kind: model.LinkAbstract, URL: "https://arxiv.org/abs/2106.09685"},
			{Kind: model.LinkCode, URL: "https://github.com/microsoft/LoRA"},
		},
		Sources: []string{"arxiv.jsonl", "hf.json"},
	}
	bare := model.Paper{ID: "t-the-annotated-transformer", Title: "The Annotated Transformer"}
	marks := model.Marks{ByKey: map[string]model.Mark{
		full.ID: {BookmarkedAt: time.Date(2024, 5, 16, 10, 30, 0, 123456789, time.UTC), Tags: []string{"peft", "to-read"}, Note: "Rank 8.\n\n«enough»", Read: true},
	}}
	return []model.Paper{full, bare}, marks, []string{"benchmarks", "surveys"}
}

// backupGolden is a backup as this format version writes it. A change to
// it breaks every backup file already written: it needs a new Version and
// a reader for the old one, not a new golden file.
const backupGolden = "testdata/backup-v1.json"

func TestBackupFormatIsPinned(t *testing.T) {
	papers, marks, hidden := backupFixture()
	doc := NewDocument(papers, marks)
	doc.HiddenTopics = hidden
	var buf bytes.Buffer
	noErr(t, WriteDocument(&buf, doc))
	want, err := os.ReadFile(backupGolden)
	noErr(t, err)
	if got := buf.String(); got != string(want) {
		t.Errorf("the backup format changed: got\n%s\nwant (%s)\n%s", got, backupGolden, want)
	}
}

// TestBackupRoundTrips reads the pinned backup back: the same papers and
// marks, and written again, the same bytes.
func TestBackupRoundTrips(t *testing.T) {
	data, err := os.ReadFile(backupGolden)
	noErr(t, err)
	doc, err := ReadDocument(bytes.NewReader(data))
	noErr(t, err)
	papers, marks, hidden := backupFixture()
	if len(doc.Papers) != len(papers) || !slices.Equal(doc.HiddenTopics, hidden) {
		t.Fatalf("read %d papers, hidden %q", len(doc.Papers), doc.HiddenTopics)
	}
	for i, e := range doc.Papers {
		if got := e.Paper.Paper(); !reflect.DeepEqual(got, papers[i]) {
			t.Errorf("paper %d:\n got %+v\nwant %+v", i, got, papers[i])
		}
		m := marks.For(&papers[i])
		if !e.BookmarkedAt.Equal(m.BookmarkedAt) || !slices.Equal(e.Tags, m.Tags) || e.Note != m.Note || e.Read != m.Read {
			t.Errorf("marks of paper %d: %+v, want %+v", i, e, m)
		}
	}
	var again bytes.Buffer
	noErr(t, WriteDocument(&again, doc))
	if again.String() != string(data) {
		t.Errorf("written again, the backup differs:\n%s", again.String())
	}
}

// TestRecordHasEveryPaperField catches a field added to model.Paper that
// backups would silently drop: it needs a Record field (and NewRecord and
// Paper lines), or a decision that backups do not keep it.
func TestRecordHasEveryPaperField(t *testing.T) {
	rec := reflect.TypeFor[Record]()
	for f := range reflect.TypeFor[model.Paper]().Fields() {
		if _, ok := rec.FieldByName(f.Name); !ok {
			t.Errorf("model.Paper.%s has no Record field: backups would lose it", f.Name)
		}
	}
}
