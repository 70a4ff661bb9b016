package library

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/papertui/papers/model"
)

func TestSavedSearches(t *testing.T) {
	lib, err := Open(filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if err := lib.SaveSearch("Diffusion", `abs:"diffusion" author:ho`); err != nil {
		t.Fatal(err)
	}
	if err := lib.SaveSearch("lora", "lora"); err != nil {
		t.Fatal(err)
	}
	if err := lib.SaveSearch("lora", "lora OR dora"); err != nil {
		t.Fatal(err)
	}
	got, err := lib.SavedSearches()
	if err != nil || len(got) != 2 || got[0].Name != "diffusion" || got[1].Query != "lora OR dora" {
		t.Fatalf("saved searches %+v, %v", got, err)
	}
	if err := lib.SaveSearch("empty", "  "); err == nil {
		t.Error("an empty query was saved")
	}
	if err := lib.RemoveSearch("nope"); err == nil || !strings.Contains(err.Error(), "no saved search") {
		t.Errorf("removing an unknown name: %v", err)
	}
	if err := lib.RemoveSearch("diffusion"); err != nil {
		t.Fatal(err)
	}
	if got, _ := lib.SavedSearches(); len(got) != 1 {
		t.Errorf("after rm: %+v", got)
	}
}

func TestBackupRoundTripKeepsSavedSearches(t *testing.T) {
	src := newLibrary(t)
	noErr(t, src.SetBookmarks([]*model.Paper{testPaper(1)}, true))
	noErr(t, src.SaveSearch("peft", `lora OR dora OR "low-rank adaptation"`))
	noErr(t, src.SaveSearch("Diffusion", `abs:"diffusion" author:ho`))
	var first bytes.Buffer
	noErr(t, src.WriteBackup(&first))
	if !strings.Contains(first.String(), `"saved_searches"`) {
		t.Fatalf("backup lacks the saved searches:\n%s", first.String())
	}

	dst := newLibrary(t)
	noErr(t, dst.SaveSearch("peft", "mine wins"))
	stats, err := dst.Import(bytes.NewReader(first.Bytes()))
	if err != nil || stats.Searches != 1 {
		t.Fatalf("import: %+v, %v; want 1 saved search added", stats, err)
	}
	got, err := dst.SavedSearches()
	noErr(t, err)
	want := []model.SavedSearch{{Name: "diffusion", Query: `abs:"diffusion" author:ho`}, {Name: "peft", Query: "mine wins"}}
	if !slices.Equal(got, want) {
		t.Errorf("saved searches after import = %q, want %q (a name already saved keeps its query)", got, want)
	}

	// Into an empty library the backup restores exactly.
	empty := newLibrary(t)
	_, err = empty.Import(bytes.NewReader(first.Bytes()))
	noErr(t, err)
	var second bytes.Buffer
	noErr(t, empty.WriteBackup(&second))
	if second.String() != first.String() {
		t.Errorf("backup of the restore differs:\n%s\n---\n%s", first.String(), second.String())
	}
	stats, err = empty.Import(bytes.NewReader(first.Bytes()))
	if err != nil || stats.Searches != 0 {
		t.Errorf("second import: %+v, %v", stats, err)
	}
}

func TestImportSkipsBadSavedSearches(t *testing.T) {
	l := newLibrary(t)
	doc := `{"format":"papers-library","version":1,"papers":[],"saved_searches":[{"name":"","query":"x"},{"name":"ok","query":"  "},{"name":"Good One","query":"lora\u001b[31m"}]}`
	stats, err := l.Import(strings.NewReader(doc))
	noErr(t, err)
	got, _ := l.SavedSearches()
	if stats.Searches != 1 || len(got) != 1 || got[0].Name != "good-one" || strings.ContainsRune(got[0].Query, 0x1b) {
		t.Errorf("import of bad saved searches: %+v, %q", stats, got)
	}
}
