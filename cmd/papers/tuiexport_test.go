package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/papertui/papers/model"
)

func TestBrowserExporterUsesStoreExport(t *testing.T) {
	var ex tuiExporter
	if got := ex.Formats(); !slices.Equal(got, []string{"bibtex", "markdown", "json", "csl-json"}) {
		t.Errorf("formats %v", got)
	}
	papers := []model.Paper{{ID: "2401.99992", ArxivID: "2401.99992", Title: "Zebrafish fins", Authors: []string{"B. Author"}}}
	text, err := ex.Text("markdown", papers, model.Marks{})
	if err != nil || !strings.Contains(text, "Zebrafish fins") {
		t.Fatalf("markdown: %q, %v", text, err)
	}
	path := filepath.Join(t.TempDir(), "out.bib")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ex.WriteFile(path, "bibtex", papers, model.Marks{}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), "@misc{") || !strings.Contains(string(b), "Zebrafish") {
		t.Errorf("out.bib:\n%s", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("the atomic write left %d files behind", len(entries))
	}
	if err := ex.WriteFile(filepath.Dir(path), "bibtex", papers, model.Marks{}); err == nil {
		t.Error("writing over a directory should fail")
	}
	if err := ex.WriteFile(path, "docx", papers, model.Marks{}); err == nil {
		t.Error("an unknown format should fail")
	}
}
