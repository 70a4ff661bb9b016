package ui

import "github.com/charmbracelet/bubbles/key"

// KeyMap holds every binding of the browser. It feeds both Update and the
// help view, so the help can never disagree with what the keys do.
type KeyMap struct {
	// Moving
	Up, Down, PageUp, PageDown, HalfUp, HalfDown, Top, Bottom key.Binding
	NextPane, PrevPane                                        key.Binding
	// Searching
	Search, Accept, Clear key.Binding
	// Acting on the selected paper
	Bookmark, AddTag, RemoveTag, Note, Open, Copy, ToggleRead, Related key.Binding
	// The related papers listed in the detail pane
	NextRelated, PrevRelated, OpenRelated key.Binding
	// Views
	BookmarksOnly, Sort, ToggleTags, ToggleTag, HideTopic key.Binding
	ClearFilters, HideRead, NextUnread, PrevUnread        key.Binding
	// Fetching every configured feed again
	Refresh key.Binding
	// Several papers at once
	Select, SelectAll, ClearSelection, MarkVisibleRead, Undo key.Binding
	// Marking read every paper above the list's cursor
	MarkAboveRead key.Binding
	// The hidden topics, listed at the end of the tag pane when shown
	ShowHiddenTopics key.Binding
	// Naming the current query as a saved search
	SaveSearch key.Binding
	// The detail pane's own
	PageDetail           key.Binding
	Warnings, Help, Quit key.Binding
	// Quick triage (triage.go) and the keys read while it runs
	Triage                                                     key.Binding
	TriageKeep, TriageTag, TriageSkip, TriageBack, TriageLeave key.Binding
	// History of jumps (history.go)
	Back, Forward key.Binding
	// The full text (links.go)
	OpenPDF key.Binding
	// Export of the selection (exportprompt.go)
	Export key.Binding
	// Prompts, and the link chooser's numbers (links.go)
	Complete, Cancel, ChooseLink key.Binding
}

// DefaultKeyMap returns the bindings described in the README.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		HalfUp:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "half page up")),
		HalfDown: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "half page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "first")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "last")),
		NextPane: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		PrevPane: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),

		Search: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Accept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "to the list; from the list, to the details")),
		Clear:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear search")),

		Bookmark:   key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "bookmark")),
		AddTag:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "add tag")),
		RemoveTag:  key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "remove tag")),
		Note:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "edit note")),
		Open:       key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open link")),
		Copy:       key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy link")),
		ToggleRead: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark read/unread")),
		Related:    key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"), key.WithHelp("1-5", "go to related paper")),

		NextRelated: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next related paper")),
		PrevRelated: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous related paper")),
		OpenRelated: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to the marked related paper")),

		BookmarksOnly: key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "bookmarks only")),
		Sort:          key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "cycle sort")),
		ToggleTags:    key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "show/hide tags")),
		ToggleTag:     key.NewBinding(key.WithKeys(" ", "enter"), key.WithHelp("space", "filter by tag")),
		HideTopic:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "hide topic")),
		ClearFilters:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "clear every filter")),
		HideRead:      key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "hide/show read papers")),
		NextUnread:    key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "next unread")),
		PrevUnread:    key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "previous unread")),
		Refresh:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh the feeds (again: cancel)")),

		Select:          key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "select/unselect")),
		SelectAll:       key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "select all shown")),
		ClearSelection:  key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "clear selection")),
		MarkVisibleRead: key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "mark all shown read")),
		Undo:            key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo last bulk change")),

		MarkAboveRead:    key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "mark all above read")),
		ShowHiddenTopics: key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "hidden topics")),
		SaveSearch:       key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "save the search")),

		PageDetail: key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "page down")),
		Warnings:   key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "load warnings")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:       key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),

		Complete: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),

		Triage:      key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "quick triage (unread shown)")),
		TriageKeep:  key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "triage: keep (bookmark)")),
		TriageTag:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "triage: tag")),
		TriageSkip:  key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "triage: skip (mark read)")),
		TriageBack:  key.NewBinding(key.WithKeys("backspace"), key.WithHelp("backspace", "triage: previous")),
		TriageLeave: key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc/q", "triage: leave")),

		Back:    key.NewBinding(key.WithKeys("H", "alt+left"), key.WithHelp("H", "back (history)")),
		Forward: key.NewBinding(key.WithKeys("L", "alt+right"), key.WithHelp("L", "forward again")),

		OpenPDF:    key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "open the PDF")),
		Export:     key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "export selection")),
		ChooseLink: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "open that link")),
	}
}
