package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// papersIn is papers with stdin.
func papersIn(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

// lora0 is the ID of a built-in paper.
const lora0 = "t-2e4iwqyjgmrz"

// TestNoteCommandEdges: blank text is refused (item 6), --delete deletes,
// - reads standard input (item 22), and a note over the limit is refused
// without reading it all (item 14).
func TestNoteCommandEdges(t *testing.T) {
	lib := tempLibrary(t)
	note := func() string {
		out, errOut, code := papers(t, "--library", lib, "note", lora0)
		if code != 0 {
			t.Fatalf("note: exit %d: %s", code, errOut)
		}
		return strings.TrimSpace(out)
	}
	if _, errOut, code := papers(t, "--library", lib, "note", lora0, "keep me"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, blank := range []string{"", "   ", "\x1b[31m\u202e \n"} {
		_, errOut, code := papers(t, "--library", lib, "note", lora0, blank)
		if code != 2 || !strings.Contains(errOut, "empty") || !strings.Contains(errOut, "--delete") {
			t.Errorf("note %q: exit %d, %q", blank, code, errOut)
		}
	}
	if got := note(); got != "keep me" {
		t.Errorf("a blank note changed the note to %q", got)
	}
	if _, errOut, code := papersIn(t, "from\nstdin\n", "--library", lib, "note", lora0, "-"); code != 0 {
		t.Fatalf("note -: exit %d: %s", code, errOut)
	}
	if got := note(); got != "from\nstdin" {
		t.Errorf("note - saved %q", got)
	}
	big := strings.Repeat("x", 1<<20+1)
	if _, errOut, code := papersIn(t, big, "--library", lib, "note", lora0, "-"); code != 2 || len(errOut) > 300 {
		t.Errorf("a note over 1 MiB: exit %d, %.300q", code, errOut)
	}
	if _, errOut, code := papers(t, "--library", lib, "note", "--delete", lora0); code != 0 {
		t.Fatalf("note --delete: exit %d: %s", code, errOut)
	}
	if got := note(); got != "" {
		t.Errorf("note after --delete = %q", got)
	}
}

// TestTagCommandEdges: untag of a tag the paper lacks says so, and a tag
// with a comma is refused (item 22); a long bad tag is quoted short (item
// 14).
func TestTagCommandEdges(t *testing.T) {
	lib := tempLibrary(t)
	if _, errOut, code := papers(t, "--library", lib, "tag", lora0, "kept"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	_, errOut, code := papers(t, "--library", lib, "untag", lora0, "Missing", "kept")
	if code != 0 || !strings.Contains(errOut, `had no tag "missing"`) || strings.Contains(errOut, `"kept"`) {
		t.Errorf("untag missing: exit %d, stderr %q", code, errOut)
	}
	if _, errOut, code := papers(t, "--library", lib, "tag", lora0, "a,b"); code != 2 || !strings.Contains(errOut, "comma") {
		t.Errorf("tag a,b: exit %d, %q", code, errOut)
	}
	if _, errOut, code := papers(t, "--library", lib, "tag", lora0, strings.Repeat("y", 100_000)); code != 2 || len(errOut) > 300 {
		t.Errorf("a 100 KB tag: exit %d, stderr of %d bytes", code, len(errOut))
	}
}

// TestImportOfANonExport: a file that is not a papers export is said to be
// one in words, and trailing garbage is an error (item 22).
func TestImportOfANonExport(t *testing.T) {
	lib := tempLibrary(t)
	dir := t.TempDir()
	good := `{"format":"papers-library","version":1,"papers":[{"paper":{"id":"2405.09673","title":"T"},"read":true}]}`
	for _, c := range []struct{ name, data, want string }{
		{"array.json", `[{"id":"2405.09673"}]`, "not a papers library export: the file holds a JSON array"},
		{"garbage.json", good + "\n}{garbage", "there is more after its JSON document"},
	} {
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, []byte(c.data), 0o600); err != nil {
			t.Fatal(err)
		}
		_, errOut, code := papers(t, "--library", lib, "import", path)
		if code != 2 || !strings.Contains(errOut, c.want) || strings.Contains(errOut, "Go value") {
			t.Errorf("import %s: exit %d, %q; want %q", c.name, code, errOut, c.want)
		}
	}
}

// TestNoteFileEndsWithANewline: the editor gets a text file that ends
// with a newline (item 22).
func TestNoteFileEndsWithANewline(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	for _, note := range []string{"one line", "two\n\nlines\n"} {
		path, err := tempNoteFiles{}.Create(note)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(string(b), "\n") || strings.HasSuffix(string(b), "\n\n") && !strings.HasSuffix(note, "\n\n") {
			t.Errorf("note file for %q holds %q", note, b)
		}
		tempNoteFiles{}.Remove(path)
	}
}

// A run that finds the library as the last one left it skips SQLite's
// whole-file check (library.RememberChecks); a library damaged between
// runs, its size and times kept, is still refused and kept.
func TestALibraryDamagedBetweenRunsIsRefused(t *testing.T) {
	lib := tempLibrary(t)
	out, errOut, code := papers(t, "--library", lib, "search", "lora")
	if code != 0 {
		t.Fatalf("search: exit %d: %s", code, errOut)
	}
	id, _, _ := strings.Cut(out, "\t")
	for i := range 2 {
		if _, errOut, code := papers(t, "--library", lib, "tag", id, "first"); code != 0 {
			t.Fatalf("tag, run %d: exit %d: %s", i, code, errOut)
		}
	}
	cache := os.Getenv("XDG_CACHE_HOME")
	if _, err := os.Stat(filepath.Join(cache, "papers", libraryChecksFile)); err != nil {
		t.Fatalf("no check was recorded: %v", err)
	}
	info, err := os.Stat(lib)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(lib, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte{0x5a}, 4096), 2*4096); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Chtimes(lib, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(lib)
	_, errOut, code = papers(t, "--library", lib, "tag", id, "second")
	if code == 0 || !strings.Contains(errOut, lib) || !strings.Contains(errOut, "damaged") {
		t.Fatalf("tag on a damaged library: exit %d, %q", code, errOut)
	}
	if after, _ := os.ReadFile(lib); !bytes.Equal(before, after) {
		t.Error("the damaged library was changed")
	}
}
