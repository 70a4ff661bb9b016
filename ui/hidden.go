package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model/catalog"
)

// Hidden topics: x hides a topic from the tag pane and the papers' tags;
// z lists the hidden ones after the tags, where x shows one again. The
// library keeps both, as it keeps hiding.

// currentHidden returns the hidden topic under the cursor, if the cursor
// is on one.
func (t *tagsModel) currentHidden() (catalog.Tag, bool) {
	i := t.cursor - t.tagStart() - len(t.entries)
	if i < 0 || i >= len(t.hidden) {
		return catalog.Tag{}, false
	}
	return t.hidden[i], true
}

// hiddenLine is a hidden topic: marked x, dim, with its paper count.
func (t *tagsModel) hiddenLine(e catalog.Tag, current bool) string {
	return t.row(current, "x ", e.Name, fmt.Sprintf(" %d", e.Count), t.c.styles.Dim)
}

// toggleHiddenTopics lists or unlists the hidden topics; listing them
// moves the cursor to the first, where x shows it again.
func (m *Model) toggleHiddenTopics() tea.Cmd {
	t := &m.tags
	t.showHidden = !t.showHidden
	t.Refresh()
	if !t.showHidden {
		return m.status.set("Hidden topics unlisted", false)
	}
	n := len(t.hidden)
	if n == 0 {
		return m.status.set("No hidden topics", false)
	}
	t.selectItem(t.tagStart() + len(t.entries))
	return m.status.set(fmt.Sprintf("%d hidden topic(s) listed at the end (%s shows one again)", n, m.c.keys.HideTopic.Help().Key), false)
}

// unhideTopic shows a hidden topic again; u hides it back.
func (m *Model) unhideTopic(e catalog.Tag) tea.Cmd {
	key := e.Key
	m.undo = &undoEntry{what: "showed topic " + e.Name, fn: func(lib Library) error { return lib.HideTopic(key, true) }}
	return m.write("Showing topic "+e.Name+" again (u undoes)", func(lib Library) error { return lib.HideTopic(key, false) })
}

// statusCmd is a command asking for a status message.
func statusCmd(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text} }
}
