package ui

import (
	"fmt"
	"strings"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

// Saving the current search from the browser (S): what papers watch add
// does, named on the prompt line, listed in the tag pane once saved.

// queryToSave is the search as shown: the typed query and the filters
// the keys and the tag pane add to it (currentQuery), written back in
// query syntax so a saved search finds what the list shows.
func (m *Model) queryToSave() string {
	typed := strings.TrimSpace(m.search.Value())
	parts := []string{typed}
	extra := m.currentQuery().Clauses[len(model.ParseQuery(typed).Clauses):]
	for _, c := range extra {
		parts = append(parts, c.String())
	}
	return strings.TrimSpace(strings.Join(parts, " "))
}

// maxSuggestedName bounds the name the prompt suggests; a longer one can
// still be typed.
const maxSuggestedName = 32

// suggestSearchName makes a saved search's name from its query: its
// words, lowercased and joined by hyphens ("lora OR dora" → lora-or-dora),
// cut at a hyphen to stay short.
func suggestSearchName(query string) string {
	words := strings.FieldsFunc(query, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	name, err := model.NormalizeTag(strings.Join(words, " "))
	if err != nil {
		return "search"
	}
	for len([]rune(name)) > maxSuggestedName {
		i := strings.LastIndexByte(name, '-')
		if i <= 0 {
			name = string([]rune(name)[:maxSuggestedName])
			break
		}
		name = name[:i]
	}
	return name
}

// startSaveSearch opens the prompt for the saved search's name, with a
// name suggested from the query; without a query there is nothing to save.
func (m *Model) startSaveSearch() tea.Cmd {
	query := m.queryToSave()
	if query == "" {
		return m.status.set("Nothing to save: type a query (or pick a filter) first", false)
	}
	cmd := m.prompt.Open(promptSaveSearch, -1, nil)
	m.prompt.input.SetValue(suggestSearchName(query))
	m.prompt.input.CursorEnd()
	return cmd
}

// saveSearch saves the current search under name. A name already taken
// by another query is refused, not replaced: the old query may be hours
// of tuning, and papers watch rm removes it on purpose.
func (m *Model) saveSearch(name string) tea.Cmd {
	norm, err := model.NormalizeTag(name)
	if err != nil {
		return m.status.set("Not a name: "+err.Error(), true)
	}
	query := m.queryToSave()
	if query == "" {
		return m.status.set("Nothing to save: type a query (or pick a filter) first", false)
	}
	for _, s := range m.saved {
		if s.Name != norm {
			continue
		}
		if s.Query == query {
			return m.status.set("Already saved as "+norm, false)
		}
		return m.status.set(fmt.Sprintf("A saved search %s exists (%s): choose another name", norm, s.Query), true)
	}
	return m.write(fmt.Sprintf("Saved search %s: %s", norm, query), func(lib Library) error { return lib.SaveSearch(norm, query) })
}
