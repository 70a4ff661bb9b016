package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/catalog"
)

// tagsModel lists user tags, then topic tags, with their paper counts.
// Selecting tags narrows the list to papers carrying all of them.
type tagsModel struct {
	c *paneState
	scroller
	// saved are the saved searches, listed above the tags: rows
	// 0..len(saved)-1 of the pane.
	saved []catalog.SavedCount
	// days are the recent announcement days (days.go), listed between the
	// saved searches and the tags; day is the one chosen, "" for none.
	days     []dayCount
	day      string
	entries  []catalog.Tag
	selected map[string]bool
	// within are the papers of the current result, for counts that say
	// what picking a tag would show (nil: every paper).
	within  model.Bitset
	width   int
	focused bool
	// hidden are the hidden topics, listed after the tags while
	// showHidden is on (hidden.go).
	hidden     []catalog.Tag
	showHidden bool
}

// tagsChangedMsg asks the root to search again with the selected tags.
type tagsChangedMsg struct{}

func newTags(c *paneState) tagsModel { return tagsModel{c: c, selected: map[string]bool{}} }

func (t *tagsModel) SetSize(w, h int) {
	t.width = max(w, 0)
	t.setHeight(h)
}

// Refresh rebuilds the entries from the marks and topics.
func (t *tagsModel) Refresh() {
	entries := t.c.TagsWithin(t.within)
	// A selected tag that disappeared (untagged everywhere) stops filtering.
	present := map[string]bool{}
	for _, e := range entries {
		present[e.Key] = true
	}
	for k := range t.selected {
		if !present[k] {
			delete(t.selected, k)
		}
	}
	t.entries = entries
	t.hidden = nil
	if t.showHidden {
		t.hidden = t.c.HiddenTags()
	}
	t.setCount(t.tagStart() + len(entries) + len(t.hidden))
}

// SetWithin counts the tags within r's papers from now on.
func (t *tagsModel) SetWithin(r *model.Result) {
	t.within = nil
	if r != nil && r.Total < r.Len() {
		t.within = r.Matches()
	}
	t.Refresh()
}

// SetDays replaces the days listed. A chosen day no longer listed still
// filters: it was chosen, and the reload that dropped it must not widen
// the list behind the user's back.
func (t *tagsModel) SetDays(days []dayCount) {
	t.days = days
	t.setCount(t.tagStart() + len(t.entries) + len(t.hidden))
}

// tagStart is the row of the first tag: saved searches and days come
// first.
func (t *tagsModel) tagStart() int { return len(t.saved) + len(t.days) }

// Selected returns the keys of the selected tags, sorted.
func (t *tagsModel) Selected() []string {
	keys := make([]string, 0, len(t.selected))
	for k := range t.selected {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Current returns the entry under the cursor.
func (t *tagsModel) Current() (catalog.Tag, bool) {
	i := t.cursor - t.tagStart()
	if i < 0 || i >= len(t.entries) {
		return catalog.Tag{}, false
	}
	return t.entries[i], true
}

// toggle acts on row i: a saved search is applied, a tag toggled.
func (t *tagsModel) toggle(i int) tea.Cmd {
	if i >= 0 && i < len(t.saved) {
		q := t.saved[i].Query
		return func() tea.Msg { return applySavedMsg{query: q} }
	}
	if d := i - len(t.saved); d >= 0 && d < len(t.days) {
		// One day at a time: two days together would match nothing.
		if t.day == t.days[d].Day {
			t.day = ""
		} else {
			t.day = t.days[d].Day
		}
		return func() tea.Msg { return tagsChangedMsg{} }
	}
	i -= t.tagStart()
	if i >= len(t.entries) && i < len(t.entries)+len(t.hidden) {
		return statusCmd("A hidden topic filters nothing: " + t.c.keys.HideTopic.Help().Key + " shows it again")
	}
	if i < 0 || i >= len(t.entries) {
		return nil
	}
	k := t.entries[i].Key
	if t.selected[k] {
		delete(t.selected, k)
	} else {
		t.selected[k] = true
	}
	return func() tea.Msg { return tagsChangedMsg{} }
}

// click toggles the tag on line y of the pane.
func (t *tagsModel) click(y int) tea.Cmd {
	if i, ok := t.itemAt(y); ok {
		t.selectItem(i)
		return t.toggle(i)
	}
	return nil
}

func (t tagsModel) Update(msg tea.Msg) (tagsModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return t, nil
	}
	if t.moveByKey(&t.c.keys, km) {
		return t, nil
	}
	if key.Matches(km, t.c.keys.ToggleTag) {
		cmd := t.toggle(t.cursor)
		return t, cmd
	}
	return t, nil
}

func (t tagsModel) View() string {
	if t.width <= 0 || t.height <= 0 {
		return ""
	}
	s := t.c.styles
	var lines []string
	if len(t.entries) == 0 && len(t.saved) == 0 && len(t.days) == 0 && len(t.hidden) == 0 {
		msg := "No tags yet: t tags a paper"
		if t.c.Index == nil || t.c.Topics == nil {
			msg = "Finding topics…"
		}
		lines = append(lines, s.Dim.Render(ansi.Truncate(msg, t.width, "…")))
	}
	end := min(t.tagStart()+len(t.entries)+len(t.hidden), t.offset+t.height)
	for i := t.offset; i < end; i++ {
		switch {
		case i < len(t.saved):
			lines = append(lines, t.savedLine(t.saved[i], i == t.cursor))
		case i < t.tagStart():
			lines = append(lines, t.dayLine(t.days[i-len(t.saved)], i == t.cursor))
		case i >= t.tagStart()+len(t.entries):
			lines = append(lines, t.hiddenLine(t.hidden[i-t.tagStart()-len(t.entries)], i == t.cursor))
		default:
			lines = append(lines, t.line(t.entries[i-t.tagStart()], i == t.cursor))
		}
	}
	return lipgloss.NewStyle().Width(t.width).Height(t.height).MaxHeight(t.height).Render(strings.Join(lines, "\n"))
}

func (t *tagsModel) line(e catalog.Tag, current bool) string {
	s := t.c.styles
	style := s.TagUser
	if e.Topic {
		style = s.TagTopic
	}
	check := "  "
	if t.selected[e.Key] {
		check = "✓ "
		style = style.Bold(true)
	}
	label := e.Name
	if !e.Topic {
		label = "#" + label // the user's own, told apart without colour or italics
	}
	return t.row(current, check, label, fmt.Sprintf(" %d", e.Count), style)
}

// savedLine is a saved search: a ⌕, its name, its count and, when some
// are new, "+N".
func (t *tagsModel) savedLine(sc catalog.SavedCount, current bool) string {
	count := fmt.Sprintf(" %d", sc.Count)
	if sc.New > 0 {
		count += fmt.Sprintf(" +%d", sc.New)
	}
	return t.row(current, "⌕ ", sc.Name, count, t.c.styles.TagUser.Bold(true))
}

// dayLine is an announcement day and its paper count, ✓ when chosen.
func (t *tagsModel) dayLine(d dayCount, current bool) string {
	mark, style := "  ", t.c.styles.TagCount
	if t.day == d.Day {
		mark, style = "✓ ", style.Bold(true)
	}
	return t.row(current, mark, d.Day, fmt.Sprintf(" %d", d.Count), style)
}

// row lays out one line of the pane: the cursor bar, a two-cell mark, the
// name cut to fit and the count at the right edge.
func (t *tagsModel) row(current bool, mark, name, count string, style lipgloss.Style) string {
	s := t.c.styles
	bar := " "
	if current && t.focused {
		bar = s.Bar.Render("▌")
		style = style.Reverse(true)
	} else if current {
		bar = s.Bar.Render("▏")
	}
	nameWidth := t.width - 3 - len(count)
	if nameWidth < 1 {
		return ansi.Truncate(bar+mark, t.width, "")
	}
	name = ansi.Truncate(name, nameWidth, "…")
	pad := strings.Repeat(" ", max(0, nameWidth-ansi.StringWidth(name)))
	return bar + mark + style.Render(name) + pad + s.TagCount.Render(count)
}

func (t tagsModel) ShortHelp() []key.Binding {
	k := t.c.keys
	return []key.Binding{k.Down, k.Up, k.ToggleTag, k.HideTopic, k.ShowHiddenTopics}
}

func (t tagsModel) FullHelp() [][]key.Binding {
	k := t.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfUp, k.HalfDown, k.Top, k.Bottom, k.ToggleTag, k.HideTopic, k.ShowHiddenTopics}}
}
