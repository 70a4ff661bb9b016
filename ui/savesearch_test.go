package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

func savedQuery(lib *memLibrary, name string) (string, bool) {
	saved, _ := lib.SavedSearches()
	for _, s := range saved {
		if s.Name == name {
			return s.Query, true
		}
	}
	return "", false
}

// TestSaveSearchFromTheBrowser: S names the search shown (with its
// filters), saves it in the library as papers watch add does, and the tag
// pane lists it at once with its count. No query: a message, no save; a
// name taken by another query: refused, the old one kept.
func TestSaveSearchFromTheBrowser(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 160, 48, lib, nil)
	m = drive(t, m, keys("S")...)
	if m.prompt.active || !strings.Contains(m.status.text, "Nothing to save") || len(lib.saved) != 0 {
		t.Fatalf("S without a query: prompt %v, status %q, saved %v", m.prompt.active, m.status.text, lib.saved)
	}

	m = drive(t, m, keys("/lora")...)
	m = drive(t, m, press(tea.KeyEnter))
	m = drive(t, m, keys("S")...)
	if !m.prompt.active || m.prompt.input.Value() != "lora" {
		t.Fatalf("S did not suggest the name lora: prompt %v %q", m.prompt.active, m.prompt.input.Value())
	}
	m = drive(t, m, press(tea.KeyEnter))
	if q, ok := savedQuery(lib, "lora"); !ok || q != "lora" {
		t.Fatalf("saved %v", lib.saved)
	}
	if len(m.tags.saved) != 1 || m.tags.saved[0].Name != "lora" || m.tags.saved[0].Count != 32 {
		t.Errorf("the tag pane lists %+v", m.tags.saved)
	}
	if !strings.Contains(m.tags.View(), "⌕ lora") {
		t.Errorf("the tag pane does not show the saved search:\n%s", m.tags.View())
	}
	m = drive(t, m, keys("S")...)
	m = drive(t, m, press(tea.KeyEnter))
	if !strings.Contains(m.status.text, "Already saved as lora") {
		t.Errorf("saving again says %q", m.status.text)
	}

	// Another query under the same name is refused.
	m = drive(t, m, keys("/ adapter")...)
	m = drive(t, m, press(tea.KeyEnter))
	m = drive(t, m, keys("S")...)
	if got := m.prompt.input.Value(); got != "lora-adapter" {
		t.Errorf("suggested %q for lora adapter", got)
	}
	for range len("-adapter") {
		m = drive(t, m, press(tea.KeyBackspace))
	}
	m = drive(t, m, press(tea.KeyEnter))
	if q, _ := savedQuery(lib, "lora"); q != "lora" || !m.status.isErr || !strings.Contains(m.status.text, "exists") {
		t.Errorf("a taken name: saved query %q, status %q", q, m.status.text)
	}

	// The filters keys add are saved with the query.
	m = drive(t, m, keys("R")...)
	m = drive(t, m, keys("S")...)
	m = drive(t, m, press(tea.KeyEnter))
	if q, ok := savedQuery(lib, "lora-adapter-is-unread"); !ok || q != "lora adapter is:unread" {
		t.Errorf("with read papers hidden, saved %v (status %q)", lib.saved, m.status.text)
	}
}

func TestSuggestSearchName(t *testing.T) {
	for query, want := range map[string]string{
		"lora OR dora OR \"low-rank adaptation\"": "lora-or-dora-or-low-rank",
		`abs:"diffusion" author:ho`:               "abs-diffusion-author-ho",
		"date:2026-11-30..2026-11-30":             "date-2026-11-30-2026-11-30",
		"((()))":                                  "search",
	} {
		got := suggestSearchName(query)
		if got != want {
			t.Errorf("suggestSearchName(%q) = %q, want %q", query, got, want)
		}
		if _, err := model.NormalizeTag(got); err != nil || len(got) > maxSuggestedName {
			t.Errorf("suggestSearchName(%q) = %q, not a short name: %v", query, got, err)
		}
	}
}
