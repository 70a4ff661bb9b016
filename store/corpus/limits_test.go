package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gzipFile writes data gzip-compressed to a file in a test directory.
func gzipFile(t *testing.T, name string, parts ...string) string {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	for _, p := range parts {
		if _, err := zw.Write([]byte(p)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const hfDoc = `[{"paper":{"id":"2606.00001","title":"A small paper","summary":"s","authors":[{"name":"A"}]},"title":"A small paper"}]`

// A small gzip file decompressed to gigabytes (a daily-papers document
// followed by 2 GB of spaces) and every byte was held in memory. The
// document formats now stop at a bound, here lowered through the
// environment to keep the test small, and name the file.
func TestGzipBombIsRefused(t *testing.T) {
	t.Setenv(documentLimitEnv, "1000000")
	spaces := strings.Repeat(" ", 4<<20)
	for name, doc := range map[string]string{
		"bomb.json.gz": hfDoc,
		"bomb.xml.gz":  atom2026Entry,
		"bomb.txt.gz":  "Title of a paper\n" + strings.Repeat("word ", 30) + "end.\n",
	} {
		path := gzipFile(t, name, doc, spaces)
		papers, _, err := Load([]string{path})
		if err == nil {
			t.Errorf("%s: loaded %d papers, want an error", name, len(papers))
			continue
		}
		if !errors.Is(err, errDocumentTooLarge) || !strings.HasPrefix(err.Error(), path+": ") ||
			!strings.Contains(err.Error(), "decompresses to more than") || !strings.Contains(err.Error(), documentLimitEnv) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// Without the override the bound is 64 times the compressed size (at
// least 64 MiB): a document 1000 times its gzip is refused, a real one
// loads, and JSON Lines, read line by line, is not bounded as a whole.
func TestDocumentLimitFollowsCompressedSize(t *testing.T) {
	if testing.Short() {
		t.Skip("decompresses 80 MiB")
	}
	t.Setenv(documentLimitEnv, "")
	bomb := gzipFile(t, "bomb.json.gz", hfDoc, strings.Repeat(" ", 80<<20))
	if _, _, err := Load([]string{bomb}); !errors.Is(err, errDocumentTooLarge) || !strings.Contains(err.Error(), "64 MiB") {
		t.Errorf("bomb: err = %v", err)
	}
	ok := gzipFile(t, "ok.json.gz", hfDoc, strings.Repeat(" ", 1<<20))
	if papers, _, err := Load([]string{ok}); err != nil || len(papers) != 1 {
		t.Errorf("real document: %d papers, %v", len(papers), err)
	}
	t.Setenv(documentLimitEnv, "1000")
	lines := gzipFile(t, "lines.jsonl.gz", oaiLine("2401.00001", "T", "A")+"\n"+strings.Repeat(" \n", 1<<20))
	if papers, _, err := Load([]string{lines}); err != nil || len(papers) != 1 {
		t.Errorf("JSON Lines: %d papers, %v", len(papers), err)
	}
	t.Setenv(documentLimitEnv, "lots")
	if _, _, err := Load([]string{ok}); err == nil || !strings.Contains(err.Error(), documentLimitEnv) {
		t.Errorf("bad override: err = %v", err)
	}
}
