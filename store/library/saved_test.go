package library

import (
	"path/filepath"
	"strings"
	"testing"
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
