package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// keyActions names the bindings a config file may change, in help order.
// The names are the KeyMap fields in snake case. The prompt's Complete and
// Cancel are left out: they mirror tab and esc, which the text input
// handles itself; so is ChooseLink, the link chooser's numbers, which
// like a menu's cannot mean anything else.
var keyActions = []struct {
	name    string
	binding func(*KeyMap) *key.Binding
}{
	{"up", func(k *KeyMap) *key.Binding { return &k.Up }},
	{"down", func(k *KeyMap) *key.Binding { return &k.Down }},
	{"page_up", func(k *KeyMap) *key.Binding { return &k.PageUp }},
	{"page_down", func(k *KeyMap) *key.Binding { return &k.PageDown }},
	{"half_up", func(k *KeyMap) *key.Binding { return &k.HalfUp }},
	{"half_down", func(k *KeyMap) *key.Binding { return &k.HalfDown }},
	{"top", func(k *KeyMap) *key.Binding { return &k.Top }},
	{"bottom", func(k *KeyMap) *key.Binding { return &k.Bottom }},
	{"next_pane", func(k *KeyMap) *key.Binding { return &k.NextPane }},
	{"prev_pane", func(k *KeyMap) *key.Binding { return &k.PrevPane }},
	{"search", func(k *KeyMap) *key.Binding { return &k.Search }},
	{"accept", func(k *KeyMap) *key.Binding { return &k.Accept }},
	{"clear", func(k *KeyMap) *key.Binding { return &k.Clear }},
	{"bookmark", func(k *KeyMap) *key.Binding { return &k.Bookmark }},
	{"add_tag", func(k *KeyMap) *key.Binding { return &k.AddTag }},
	{"remove_tag", func(k *KeyMap) *key.Binding { return &k.RemoveTag }},
	{"note", func(k *KeyMap) *key.Binding { return &k.Note }},
	{"open", func(k *KeyMap) *key.Binding { return &k.Open }},
	{"copy", func(k *KeyMap) *key.Binding { return &k.Copy }},
	{"toggle_read", func(k *KeyMap) *key.Binding { return &k.ToggleRead }},
	{"related", func(k *KeyMap) *key.Binding { return &k.Related }},
	{"next_related", func(k *KeyMap) *key.Binding { return &k.NextRelated }},
	{"prev_related", func(k *KeyMap) *key.Binding { return &k.PrevRelated }},
	{"open_related", func(k *KeyMap) *key.Binding { return &k.OpenRelated }},
	{"bookmarks_only", func(k *KeyMap) *key.Binding { return &k.BookmarksOnly }},
	{"sort", func(k *KeyMap) *key.Binding { return &k.Sort }},
	{"toggle_tags", func(k *KeyMap) *key.Binding { return &k.ToggleTags }},
	{"toggle_tag", func(k *KeyMap) *key.Binding { return &k.ToggleTag }},
	{"hide_topic", func(k *KeyMap) *key.Binding { return &k.HideTopic }},
	{"clear_filters", func(k *KeyMap) *key.Binding { return &k.ClearFilters }},
	{"hide_read", func(k *KeyMap) *key.Binding { return &k.HideRead }},
	{"next_unread", func(k *KeyMap) *key.Binding { return &k.NextUnread }},
	{"prev_unread", func(k *KeyMap) *key.Binding { return &k.PrevUnread }},
	{"refresh", func(k *KeyMap) *key.Binding { return &k.Refresh }},
	{"select", func(k *KeyMap) *key.Binding { return &k.Select }},
	{"select_all", func(k *KeyMap) *key.Binding { return &k.SelectAll }},
	{"clear_selection", func(k *KeyMap) *key.Binding { return &k.ClearSelection }},
	{"mark_visible_read", func(k *KeyMap) *key.Binding { return &k.MarkVisibleRead }},
	{"undo", func(k *KeyMap) *key.Binding { return &k.Undo }},
	{"mark_above_read", func(k *KeyMap) *key.Binding { return &k.MarkAboveRead }},
	{"show_hidden_topics", func(k *KeyMap) *key.Binding { return &k.ShowHiddenTopics }},
	{"save_search", func(k *KeyMap) *key.Binding { return &k.SaveSearch }},
	{"page_detail", func(k *KeyMap) *key.Binding { return &k.PageDetail }},
	{"warnings", func(k *KeyMap) *key.Binding { return &k.Warnings }},
	{"help", func(k *KeyMap) *key.Binding { return &k.Help }},
	{"quit", func(k *KeyMap) *key.Binding { return &k.Quit }},
	{"triage", func(k *KeyMap) *key.Binding { return &k.Triage }},
	{"triage_keep", func(k *KeyMap) *key.Binding { return &k.TriageKeep }},
	{"triage_tag", func(k *KeyMap) *key.Binding { return &k.TriageTag }},
	{"triage_skip", func(k *KeyMap) *key.Binding { return &k.TriageSkip }},
	{"triage_back", func(k *KeyMap) *key.Binding { return &k.TriageBack }},
	{"triage_leave", func(k *KeyMap) *key.Binding { return &k.TriageLeave }},
	{"back", func(k *KeyMap) *key.Binding { return &k.Back }},
	{"forward", func(k *KeyMap) *key.Binding { return &k.Forward }},
	{"open_pdf", func(k *KeyMap) *key.Binding { return &k.OpenPDF }},
	{"export", func(k *KeyMap) *key.Binding { return &k.Export }},
}

// KeyActions returns the action names Rebind accepts, in help order.
func KeyActions() []string {
	names := make([]string, len(keyActions))
	for i, a := range keyActions {
		names[i] = a.name
	}
	return names
}

// Rebind replaces the keys of a named action (see KeyActions). Keys are
// written as Bubble Tea names them: "b", "B", "ctrl+b", "alt+x", "enter",
// "pgdown", "f5", and "space" for the space bar. The help shows the first
// key; for related, whose nth key goes to the nth related paper, the first
// and the last.
func (k *KeyMap) Rebind(action string, keys []string) error {
	b := k.binding(action)
	if b == nil {
		return fmt.Errorf("unknown action %q (the actions are %s)", action, strings.Join(KeyActions(), ", "))
	}
	if len(keys) == 0 {
		return fmt.Errorf("no keys given for %s (leave it out to keep the default)", action)
	}
	norm := make([]string, len(keys))
	for i, s := range keys {
		n, err := normalizeKey(s)
		if err != nil {
			return err
		}
		// app.go turns a related key into a paper number by its rune, so
		// a key without one (f1, enter) could not work there.
		if action == "related" && !isCharacterKey(n) {
			return fmt.Errorf("%q cannot go to a related paper: use characters, like \"1\" or \"alt+1\"", s)
		}
		norm[i] = n
	}
	helpKey := keyLabel(norm[0])
	if action == "related" && len(norm) > 1 {
		helpKey += "-" + keyLabel(norm[len(norm)-1])
	}
	*b = key.NewBinding(key.WithKeys(norm...), key.WithHelp(helpKey, b.Help().Desc))
	return nil
}

// RelatedIndex returns which related paper msg goes to: the position of
// its key among the Related keys, or -1.
func (k KeyMap) RelatedIndex(msg tea.KeyMsg) int {
	return slices.Index(k.Related.Keys(), msg.String())
}

func (k *KeyMap) binding(action string) *key.Binding {
	for _, a := range keyActions {
		if a.name == action {
			return a.binding(k)
		}
	}
	return nil
}

// namedKeys is every key name Bubble Tea reports (KeyMsg.String), read
// from its own table so the two cannot disagree. "runes" names the type
// of a typed character, not a key.
var namedKeys = func() map[string]bool {
	names := map[string]bool{}
	for t := tea.KeyType(-256); t < 256; t++ {
		if s := t.String(); s != "" && t != tea.KeyRunes && s != " " {
			names[s] = true
		}
	}
	return names
}()

// normalizeKey checks that s is a key Bubble Tea can report and returns it
// the way KeyMsg.String spells it.
func normalizeKey(s string) (string, error) {
	base, alt := strings.CutPrefix(s, "alt+")
	prefix := ""
	if alt {
		prefix = "alt+"
	}
	if base == "space" {
		// Bubble Tea spells the space bar " ", which a config file should
		// not have to.
		return prefix + " ", nil
	}
	if namedKeys[base] {
		return s, nil
	}
	if r, size := utf8.DecodeRuneInString(base); size > 0 && size == len(base) && r != utf8.RuneError && unicode.IsPrint(r) {
		return s, nil
	}
	return "", fmt.Errorf("%q is not a key (write keys like \"b\", \"ctrl+b\", \"alt+b\", \"enter\", \"space\", \"pgdown\" or \"f5\")", s)
}

func isCharacterKey(k string) bool {
	base := strings.TrimPrefix(k, "alt+")
	return utf8.RuneCountInString(base) == 1 && !namedKeys[base]
}

// keyLabel is how the help shows a key.
func keyLabel(k string) string {
	return strings.Replace(k, " ", "space", 1)
}

// keyContexts lists, for each place the browser reads keys, the actions
// it checks there (see Model.handleKey): a key bound to two actions of one
// context would only ever do the one checked first. The same key may do
// different things in different contexts, as enter does by default
// (accept in the search line, open_related in the detail pane,
// toggle_tag in the tag pane). The help reads quit, help and the
// movement keys, a subset of the list's.
var keyContexts = func() []struct {
	name    string
	actions []string
} {
	global := []string{"quit", "help", "warnings", "search", "clear", "next_pane", "prev_pane", "toggle_tags", "sort", "bookmarks_only",
		"clear_filters", "hide_read", "next_unread", "prev_unread", "select_all", "clear_selection", "mark_visible_read", "undo", "refresh",
		"triage", "back", "forward", "mark_above_read", "save_search"}
	move := []string{"up", "down", "page_up", "page_down", "half_up", "half_down", "top", "bottom"}
	paper := []string{"bookmark", "add_tag", "remove_tag", "note", "open", "copy", "toggle_read", "related",
		"open_pdf", "export"}
	with := func(lists ...[]string) []string { return slices.Concat(lists...) }
	return []struct {
		name    string
		actions []string
	}{
		{"the search line", []string{"accept", "clear", "next_pane", "prev_pane"}},
		{"the list", with(global, paper, []string{"select", "accept"}, move)},
		{"the detail pane", with(global, paper, []string{"next_related", "prev_related", "open_related", "page_detail"}, move)},
		{"the tag pane", with(global, []string{"hide_topic", "toggle_tag", "show_hidden_topics"}, move)},
		// Quick triage reads only its own keys, and scrolls with the
		// movement keys.
		{"quick triage", with([]string{"triage_keep", "triage_tag", "triage_skip", "triage_back", "triage_leave"}, move)},
	}
}()

// KeyConflict is a key bound to two actions that are read in the same
// context.
type KeyConflict struct {
	Key     string    // as a config file writes it ("j", "space")
	Actions [2]string // in the order of KeyActions
	Context string    // "the list", "the detail pane", ...
}

// Conflicts returns every key bound to two actions of one context, each
// pair once, in the order of the contexts and of KeyActions.
func (k *KeyMap) Conflicts() []KeyConflict {
	var out []KeyConflict
	seen := map[[3]string]bool{}
	for _, ctx := range keyContexts {
		owner := map[string]string{} // key → the first action of ctx bound to it
		for _, a := range keyActions {
			if !slices.Contains(ctx.actions, a.name) {
				continue
			}
			for _, kk := range a.binding(k).Keys() {
				first, taken := owner[kk]
				if !taken {
					owner[kk] = a.name
					continue
				}
				if id := [3]string{kk, first, a.name}; !seen[id] && first != a.name {
					seen[id] = true
					out = append(out, KeyConflict{Key: keyLabel(kk), Actions: [2]string{first, a.name}, Context: ctx.name})
				}
			}
		}
	}
	return out
}
