package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// snakeCase turns a KeyMap field name into its config name; an acronym
// is one word (OpenPDF is open_pdf).
func snakeCase(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && !unicode.IsUpper(rs[i-1]) {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestEveryKeyMapFieldCanBeRebound(t *testing.T) {
	promptOnly := map[string]bool{"Complete": true, "Cancel": true, "ChooseLink": true}
	var want []string
	typ := reflect.TypeFor[KeyMap]()
	for i := range typ.NumField() {
		if name := typ.Field(i).Name; !promptOnly[name] {
			want = append(want, snakeCase(name))
		}
	}
	got := KeyActions()
	if !slices.Equal(got, want) {
		t.Errorf("KeyActions() = %v\nwant the KeyMap fields in order: %v", got, want)
	}
	// Each name must reach its own field, not a neighbour's.
	for i, action := range got {
		k := DefaultKeyMap()
		if err := k.Rebind(action, []string{"f12"}); err != nil {
			if action == "related" {
				continue // related takes characters only, checked below
			}
			t.Fatalf("Rebind(%q): %v", action, err)
		}
		field := reflect.ValueOf(k).Field(i).Interface().(key.Binding)
		if !slices.Equal(field.Keys(), []string{"f12"}) {
			t.Errorf("Rebind(%q) changed another field: %s has %v", action, typ.Field(i).Name, field.Keys())
		}
	}
}

func TestRebindReplacesKeysAndHelp(t *testing.T) {
	k := DefaultKeyMap()
	if err := k.Rebind("bookmark", []string{"ctrl+b", "z"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		msg  tea.KeyMsg
		want bool
	}{
		{tea.KeyMsg{Type: tea.KeyCtrlB}, true},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("z")}, true},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("b")}, false},
	} {
		msg, want := tc.msg, tc.want
		if got := key.Matches(msg, k.Bookmark); got != want {
			t.Errorf("bookmark matches %q = %v, want %v", msg.String(), got, want)
		}
	}
	if h := k.Bookmark.Help(); h.Key != "ctrl+b" || h.Desc != "bookmark" {
		t.Errorf("help = %q %q, want the first key and the old description", h.Key, h.Desc)
	}
	if !key.Matches(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("t")}, k.AddTag) {
		t.Error("rebinding bookmark changed add_tag")
	}

	if err := k.Rebind("toggle_tag", []string{"space"}); err != nil {
		t.Fatal(err)
	}
	if !key.Matches(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")}, k.ToggleTag) || k.ToggleTag.Help().Key != "space" {
		t.Errorf("space should match the space bar and show as space, got %q / %q", k.ToggleTag.Keys(), k.ToggleTag.Help().Key)
	}

	if err := k.Rebind("related", []string{"a", "s", "d"}); err != nil {
		t.Fatal(err)
	}
	if h := k.Related.Help().Key; h != "a-d" {
		t.Errorf("related help key = %q, want the first and last key, a-d", h)
	}
	for r, want := range map[rune]int{'a': 0, 's': 1, 'd': 2, '1': -1} {
		if got := k.RelatedIndex(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}); got != want {
			t.Errorf("RelatedIndex(%c) = %d, want %d", r, got, want)
		}
	}
}

func TestRebindRefusesWhatCannotWork(t *testing.T) {
	for _, tc := range []struct {
		action string
		keys   []string
		want   string
	}{
		{"bokmark", []string{"b"}, `unknown action "bokmark"`},
		{"complete", []string{"tab"}, "unknown action"},
		{"quit", nil, "no keys"},
		{"quit", []string{"ctrl+"}, `"ctrl+" is not a key`},
		{"quit", []string{"qq"}, `"qq" is not a key`},
		{"quit", []string{"Ctrl+Q"}, "is not a key"},
		{"quit", []string{"alt+alt+q"}, "is not a key"},
		{"quit", []string{""}, "is not a key"},
		{"quit", []string{"\t"}, "is not a key"},
		{"related", []string{"f1"}, "cannot go to a related paper"},
	} {
		k := DefaultKeyMap()
		before := k.Quit.Keys()
		err := k.Rebind(tc.action, tc.keys)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Rebind(%q, %q) = %v, want an error containing %q", tc.action, tc.keys, err, tc.want)
		}
		if !slices.Equal(k.Quit.Keys(), before) {
			t.Errorf("a refused Rebind(%q, %q) still changed quit to %q", tc.action, tc.keys, k.Quit.Keys())
		}
	}
	for _, ok := range []string{"B", "alt+b", "ctrl+@", "pgdown", "shift+tab", "f20", "ctrl+shift+up", "é", "alt+space"} {
		k := DefaultKeyMap()
		if err := k.Rebind("quit", []string{ok}); err != nil {
			t.Errorf("Rebind(quit, %q): %v", ok, err)
		}
	}
}

// The browser acts on the rebound keys and its help bar shows them.
func TestReboundKeysDriveTheBrowser(t *testing.T) {
	k := DefaultKeyMap()
	if err := k.Rebind("bookmark", []string{"z"}); err != nil {
		t.Fatal(err)
	}
	lib := newMemLibrary()
	opts := testOptions(t, lib, loadSeed(t), &calls{})
	opts.Keys = k
	m := newTestModel(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(t, m, m.Init()())
	m = drive(t, m, press(tea.KeyEnter)) // from the search line to the list
	if line := m.statusLine(); !strings.Contains(line, "z bookmark") {
		t.Errorf("help bar %q does not show the rebound key", line)
	}

	m = drive(t, m, keys("b")...)
	p := m.c.paper(m.selectedPaper())
	if lib.mark(p.ID).Bookmarked() {
		t.Fatal("b still bookmarks after bookmark was rebound to z")
	}
	m = drive(t, m, keys("z")...)
	if !lib.mark(p.ID).Bookmarked() {
		t.Fatal("z did not bookmark")
	}
}

// keyTable is the README's table of keys, from the default key map.
func keyTable() string {
	k := DefaultKeyMap()
	var b strings.Builder
	b.WriteString("| keys | what they do | name in the config |\n| --- | --- | --- |\n")
	for _, name := range KeyActions() {
		binding := k.binding(name)
		var keys []string
		for _, key := range binding.Keys() {
			keys = append(keys, "`"+keyLabel(key)+"`")
		}
		fmt.Fprintf(&b, "| %s | %s | `%s` |\n", strings.Join(keys, " "), binding.Help().Desc, name)
	}
	return b.String()
}

func TestReadmeKeyTableIsTheDefaultKeyMap(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := keyTable()
	if !strings.Contains(string(readme), want) {
		t.Errorf("README.md's table of keys differs from DefaultKeyMap; it should read:\n\n%s", want)
	}
}

func TestKeyConflictsAreFoundPerContext(t *testing.T) {
	def := DefaultKeyMap()
	if c := def.Conflicts(); len(c) != 0 {
		t.Fatalf("the default keys conflict: %+v", c)
	}
	for _, a := range KeyActions() {
		in := false
		for _, ctx := range keyContexts {
			in = in || slices.Contains(ctx.actions, a)
		}
		if !in {
			t.Errorf("action %s is in no key context: its conflicts would go unnoticed", a)
		}
	}
	cases := []struct {
		action string
		keys   []string
		want   []KeyConflict
	}{
		{"bookmark", []string{"j"}, []KeyConflict{{"j", [2]string{"down", "bookmark"}, "the list"}}},
		{"open_related", []string{"b"}, []KeyConflict{{"b", [2]string{"bookmark", "open_related"}, "the detail pane"}}},
		{"toggle_tag", []string{"x"}, []KeyConflict{{"x", [2]string{"toggle_tag", "hide_topic"}, "the tag pane"}}},
		{"accept", []string{"esc"}, []KeyConflict{{"esc", [2]string{"accept", "clear"}, "the search line"}}},
		{"quit", []string{"space"}, []KeyConflict{
			{"space", [2]string{"select", "quit"}, "the list"},
			{"space", [2]string{"page_detail", "quit"}, "the detail pane"},
			{"space", [2]string{"toggle_tag", "quit"}, "the tag pane"},
		}},
		// The same key in different contexts is fine, as enter is by default.
		{"hide_topic", []string{"b"}, nil},
		{"accept", []string{"x"}, nil},
		{"page_detail", []string{"x"}, nil},
		{"bookmark", []string{"b", "b"}, nil},
	}
	for _, c := range cases {
		k := DefaultKeyMap()
		if err := k.Rebind(c.action, c.keys); err != nil {
			t.Fatal(err)
		}
		if got := k.Conflicts(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s = %q: conflicts %+v, want %+v", c.action, c.keys, got, c.want)
		}
	}
}
