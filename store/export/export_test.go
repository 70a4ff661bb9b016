package export

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/internal/storetest"
)

func TestParseExportFormat(t *testing.T) {
	for in, want := range map[string]Format{
		"bibtex": BibTeX, "BIB": BibTeX, "markdown": Markdown, "md": Markdown,
		"json": JSON, " csl-json ": CSLJSON, "csl": CSLJSON,
	} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	_, err := ParseFormat("ris")
	if err == nil || !strings.Contains(err.Error(), "bibtex, markdown, json, csl-json") {
		t.Errorf("unknown format: %v", err)
	}
	if err := Write(&bytes.Buffer{}, "ris", nil, model.Marks{}); err == nil {
		t.Error("Write accepted an unknown format")
	}
}

// exportLibrary returns the export papers with the marks a library holds
// after bookmarking all three, tagging the first two "PEFT" and "to read",
// writing a note on the first and marking the third read. The library
// package's tests export from a real library.
func exportLibrary(t *testing.T) ([]model.Paper, model.Marks) {
	t.Helper()
	papers := storetest.ExportPapers()
	at := time.Date(2024, 5, 16, 10, 30, 0, 123456789, time.UTC)
	tags := []string{"peft", "to-read"}
	marks := model.Marks{ByKey: map[string]model.Mark{
		papers[0].ID: {BookmarkedAt: at, Tags: tags, Note: "Rank 8 is enough.\n\nSee *Table 2*."},
		papers[1].ID: {BookmarkedAt: at.Add(time.Second), Tags: tags},
		papers[2].ID: {BookmarkedAt: at.Add(2 * time.Second), Read: true},
	}}
	return papers, marks
}

func exportString(t *testing.T, format Format, papers []model.Paper, marks model.Marks) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, papers, marks); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Links come from untrusted corpora and imports: only http(s) ones reach
// an export, where a reader's tool may follow them.
func TestExportsKeepOnlyWebLinks(t *testing.T) {
	hostile := model.Paper{ID: "x1", Title: "Hostile links", Links: []model.Link{
		{Kind: model.LinkAbstract, URL: "javascript:alert(document.cookie)"},
		{Kind: model.LinkPDF, URL: "file:///etc/passwd"},
		{Kind: model.LinkOther, URL: "https://example.org/paper"},
	}}
	for _, f := range []Format{Markdown, BibTeX, CSLJSON, JSON} {
		out := exportString(t, f, []model.Paper{hostile}, model.Marks{})
		if strings.Contains(out, "javascript:") || strings.Contains(out, "file:") {
			t.Errorf("%s export keeps a non-web link:\n%s", f, out)
		}
		if !strings.Contains(out, "https://example.org/paper") {
			t.Errorf("%s export lost the web link:\n%s", f, out)
		}
	}
}

// JSON escapes C0 controls only: source file names with C1 or bidi
// characters must be cleaned before they are written.
func TestJSONExportCleansSourceNames(t *testing.T) {
	p := model.Paper{ID: "x1", Title: "T", Sources: []string{"ok.jsonl", "evil\u202egnp.jsonl", "c1\u009b31m\u0085.jsonl"}}
	out := exportString(t, JSON, []model.Paper{p}, model.Marks{})
	for _, bad := range []string{"\u202e", "\u009b", "\u0085"} {
		if strings.Contains(out, bad) {
			t.Errorf("the JSON export writes %U raw:\n%s", []rune(bad)[0], out)
		}
	}
	if !strings.Contains(out, `"ok.jsonl"`) || !strings.Contains(out, `"evilgnp.jsonl"`) {
		t.Errorf("source names lost:\n%s", out)
	}
	if p.Sources[1] != "evil\u202egnp.jsonl" {
		t.Error("the export changed the paper's own Sources")
	}
}
