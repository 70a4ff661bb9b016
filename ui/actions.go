package ui

import (
	"fmt"
	"net/url"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

func (m *Model) markRead(msg readTimerMsg) tea.Cmd {
	if msg.selection != m.list.selection || m.rects[paneDetail].w == 0 || m.c.Index == nil || m.triage.active {
		return nil // moved on, or the detail pane is not on screen
	}
	p, ok := m.list.Selected()
	if !ok || p != msg.paper || m.c.Mark(p).Read {
		return nil
	}
	if m.search.Focused() {
		// Typing, not reading (the search line has focus at start);
		// leaving the search line starts the timer again.
		return nil
	}
	paper := m.c.paper(p) // resolved here: the command must not read m
	return m.write("", func(lib Library) error { return lib.SetRead(paper, true) })
}

// paperAction handles the keys that act on the selected paper.
func (m *Model) paperAction(msg tea.KeyMsg) (tea.Cmd, bool) {
	keys := m.c.keys
	p, ok := m.list.Selected()
	switch {
	case key.Matches(msg, keys.Bookmark), key.Matches(msg, keys.AddTag), key.Matches(msg, keys.RemoveTag),
		key.Matches(msg, keys.Note), key.Matches(msg, keys.Open), key.Matches(msg, keys.Copy),
		key.Matches(msg, keys.ToggleRead), key.Matches(msg, keys.Related), key.Matches(msg, keys.OpenPDF):
		if !ok {
			return nil, true
		}
	default:
		return nil, false
	}
	paper := m.c.paper(p)
	mark := m.c.Mark(p)
	switch {
	case key.Matches(msg, keys.Bookmark):
		on := m.writes.toggle(p, "bookmark", mark.Bookmarked())
		done := "Bookmarked “" + paper.Title + "”"
		if !on {
			done = "Removed bookmark from “" + paper.Title + "”"
		}
		return m.write(done, func(lib Library) error { return lib.SetBookmarks([]*model.Paper{paper}, on) }), true
	case key.Matches(msg, keys.AddTag):
		return m.prompt.Open(promptAddTag, p, m.allTags()), true
	case key.Matches(msg, keys.RemoveTag):
		if len(mark.Tags) == 0 {
			return m.status.set("This paper has no tags to remove", false), true
		}
		return m.prompt.Open(promptRemoveTag, p, slices.Clone(mark.Tags)), true
	case key.Matches(msg, keys.ToggleRead):
		read := m.writes.toggle(p, "read", mark.Read)
		done := "Marked read"
		if !read {
			done = "Marked unread"
		}
		return m.write(done, func(lib Library) error { return lib.SetRead(paper, read) }), true
	case key.Matches(msg, keys.Note):
		files := m.opts.NoteFiles
		if files == nil || m.opts.EditNote == nil {
			m.status.show("No editor configured", true)
			return nil, true
		}
		lib := m.opts.Library
		unsaved, hasUnsaved := m.unsavedNotes[paper.ID]
		return func() tea.Msg {
			// A file that is still there was not saved (a save removes
			// it): the text in it is the user's latest, and the note it
			// started from is what a save must find in the library.
			if hasUnsaved {
				if _, err := files.Read(unsaved.path); err == nil {
					return noteReadyMsg{paper: p, path: unsaved.path, original: unsaved.original, unsaved: true}
				}
			}
			// The library's note, not the marks' copy, which may be a
			// poll behind another process.
			note, err := lib.Note(paper)
			if err != nil {
				return noteReadyMsg{err: err}
			}
			path, err := files.Create(note)
			return noteReadyMsg{paper: p, path: path, original: note, err: err}
		}, true
	case key.Matches(msg, keys.Open):
		return m.openPaper(paper), true
	case key.Matches(msg, keys.OpenPDF):
		return m.openPDF(paper), true
	case key.Matches(msg, keys.Copy):
		// Copied links get pasted into browsers and shells: the same
		// http(s) rule as for opening them.
		link := paper.MainWebLink()
		if link == "" {
			return m.status.set("This paper has no web link to copy", false), true
		}
		copyText := m.opts.CopyText
		return func() tea.Msg {
			if copyText == nil {
				return statusMsg{text: "No clipboard available", err: true}
			}
			if err := copyText(link); err != nil {
				return statusMsg{text: "Could not copy: " + err.Error(), err: true}
			}
			return statusMsg{text: "Copied " + link}
		}, true
	case key.Matches(msg, keys.Related):
		n := keys.RelatedIndex(msg)
		if n < 0 || n >= len(m.detail.related) {
			return nil, true
		}
		return m.jumpTo(m.detail.related[n].Paper), true
	}
	return nil, true
}

// jumpTo selects paper, clearing the filters when they hide it.
func (m *Model) jumpTo(paper int) tea.Cmd {
	m.jump()
	if r := m.list.result; r != nil && r.Contains(paper) {
		m.list.SetResult(r, paper)
		return m.syncDetail(true)
	}
	m.search.SetValue("")
	m.tags.selected = map[string]bool{}
	m.bookmarksOnly = false
	return tea.Batch(m.startSearch(paper), m.status.set("Filters cleared to show the related paper", false))
}

func (m *Model) allTags() []string {
	seen := map[string]bool{}
	var tags []string
	for _, mark := range m.c.Marks.ByKey {
		for _, t := range mark.Tags {
			if !seen[t] {
				seen[t] = true
				tags = append(tags, t)
			}
		}
	}
	slices.Sort(tags)
	// Topic names complete too: tagging a paper with a topic's name makes
	// the topic one's own.
	if m.c.Topics != nil {
		for _, t := range m.c.Topics.List {
			if !seen[t.Key] && !m.c.Hidden[t.Key] {
				seen[t.Key] = true
				tags = append(tags, t.Key)
			}
		}
	}
	return tags
}

func (m *Model) applyPrompt(msg promptDoneMsg) tea.Cmd {
	if m.c.Index == nil {
		return nil
	}
	switch msg.kind {
	case promptExportFormat, promptExportPath:
		return m.exportPrompted(msg)
	case promptSaveSearch:
		return m.saveSearch(msg.value)
	}
	tag, err := model.NormalizeTag(msg.value)
	if err != nil {
		return m.status.set("Not a tag: "+err.Error(), true)
	}
	if msg.paper < 0 {
		// The prompt was opened for the selection.
		papers := m.papersOf(m.selected())
		if msg.kind == promptAddTag {
			m.undo = &undoEntry{what: "tagged " + tag, fn: func(lib Library) error { return lib.RemoveTags(papers, []string{tag}) }}
			return m.write(fmt.Sprintf("Tagged %d papers %s", len(papers), tag), func(lib Library) error { return lib.AddTags(papers, []string{tag}) })
		}
		m.undo = &undoEntry{what: "untagged " + tag, fn: func(lib Library) error { return lib.AddTags(papers, []string{tag}) }}
		return m.write(fmt.Sprintf("Removed tag %s from %d papers", tag, len(papers)), func(lib Library) error { return lib.RemoveTags(papers, []string{tag}) })
	}
	paper := m.c.paper(msg.paper)
	if msg.kind == promptAddTag {
		return m.write("Tagged "+tag, func(lib Library) error { return lib.AddTags([]*model.Paper{paper}, []string{tag}) })
	}
	if !slices.Contains(m.c.Mark(msg.paper).Tags, tag) {
		return m.status.set("This paper has no tag "+tag, false)
	}
	return m.write("Removed tag "+tag, func(lib Library) error { return lib.RemoveTags([]*model.Paper{paper}, []string{tag}) })
}

func (m *Model) hideTopic() tea.Cmd {
	if e, ok := m.tags.currentHidden(); ok {
		return m.unhideTopic(e)
	}
	e, ok := m.tags.Current()
	if !ok || !e.Topic {
		return m.status.set("Only topic tags can be hidden", false)
	}
	key := e.Key
	m.undo = &undoEntry{what: "hid topic " + e.Name, fn: func(lib Library) error { return lib.HideTopic(key, false) }}
	return m.write("Hid topic "+e.Name+" (u undoes)", func(lib Library) error { return lib.HideTopic(key, true) })
}

// write runs a library change in the background and reports it.
func (m *Model) write(done string, fn func(lib Library) error) tea.Cmd {
	m.writes.push(writeJob{done: done, fn: fn})
	return m.nextWrite()
}

// nextWrite starts the next queued write unless one is running.
func (m *Model) nextWrite() tea.Cmd {
	job, ok := m.writes.next()
	if !ok {
		return nil
	}
	return runWrite(m.opts.Library, job)
}

// writeDone reports a finished write and starts the next; a quit that
// waited for the writes goes ahead once they are saved.
func (m Model) writeDone(msg writeDoneMsg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	m.writes.done()
	if msg.err != nil {
		cmds = append(cmds, m.status.setLong(msg.err.Error(), true))
	} else if msg.warning != "" {
		cmds = append(cmds, m.status.setLong(msg.warning, true))
	} else if msg.done != "" {
		cmds = append(cmds, m.status.set(msg.done, false))
	}
	cmds = append(cmds, m.reloadMarks(), m.nextWrite())
	if m.writes.quitDue() {
		next, cmd := m.quit()
		return next, tea.Batch(append(cmds, cmd)...)
	}
	return m, tea.Batch(cmds...)
}

// arxivTitleSearch is arXiv's search for papers with this title.
func arxivTitleSearch(title string) string {
	return "https://arxiv.org/search/?query=" + url.QueryEscape(title) + "&searchtype=title"
}
