// Package ui is the interactive browser: a Bubble Tea program whose root
// model composes a search line, a tag pane, the paper list and a detail
// pane. It reads papers through model and user data through the Library
// interface; it does no I/O in Update.
package ui

import (
	"context"
	"os/exec"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/catalog"
	"github.com/papertui/papers/model/related"
	"github.com/papertui/papers/model/topics"
)

// Options configure the browser. Load and Library are required; the
// functions that reach outside (browser, clipboard, editor) have defaults
// and are replaced in tests.
type Options struct {
	Theme   Theme
	Profile termenv.Profile // colour profile for glamour; lipgloss's own is used for the rest
	// Bare draws no escape sequence at all, not even bold: for a terminal
	// that takes none, and for tests that read the screen as text.
	Bare    bool
	Keys    KeyMap
	Library Library
	// Load loads the corpora; it runs in the background. The browser
	// shows the papers at once and indexes their words meanwhile.
	Load func(ctx context.Context) ([]model.Paper, []error, error)
	// Open, when set, is tried before Load, in the background: it opens
	// the corpora from the persisted store, words indexed, with topics
	// and related papers when those are stored too. It returns nil when
	// the store cannot serve the corpora (none, stale, or not all of the
	// user's papers in it), and Load runs instead.
	Open func(ctx context.Context) *Stored
	// SaveIndex and SaveDerived, when set, persist what a start without a
	// store computed, so that the next start opens from it: the word
	// index once built, then topics and related papers. They run in the
	// background; an error is a warning, never in the way of browsing.
	SaveIndex   func(ix *model.Index) error
	SaveDerived func(ix *model.Index, t *topics.Topics, r *related.Index) error
	// RecordSeen notes which papers the load showed, for is:new. It gets
	// the index, not its papers: an index opened from the store need not
	// decode every paper to be recorded.
	RecordSeen func(ix *model.Index) error
	Query      string // initial query
	// ReadAfter is how long a paper must stay open to count as read: 0
	// means the default (2 s), a negative value never (only the key).
	ReadAfter time.Duration
	PollEvery time.Duration // how often to look for other processes' changes
	OpenURL   func(url string) error
	CopyText  func(text string) error
	// EditNote returns the command that edits the file at path.
	EditNote func(path string) (*exec.Cmd, error)
	// NoteFiles creates and reads the temporary file a note is edited in.
	NoteFiles NoteFiles
	// Refresh fetches every configured feed (what papers fetch does),
	// reporting progress as it goes; nil when no feed is configured. It
	// runs in the background and stops when ctx is cancelled.
	Refresh func(ctx context.Context, progress func(string)) error
	// Hyperlink makes the detail pane's links and arXiv ID OSC 8
	// hyperlinks; the caller decides whether the terminal takes them.
	Hyperlink bool
	// Export writes the selection in the formats of store/export; nil
	// leaves the export key without effect (exportprompt.go).
	Export Exporter
}

// NoteFiles hides the temporary file behind note editing, so tests need no
// editor.
type NoteFiles interface {
	Create(note string) (path string, err error)
	Read(path string) (note string, err error)
	Remove(path string)
}

// indexingStatus is shown while a word search waits for the index.
const indexingStatus = "Indexing the words of the corpus: the search runs as soon as that is done…"

// Minimum usable size; below it the screen says so instead of drawing.
const (
	minWidth  = 30
	minHeight = 8
)

// Layout thresholds, in columns.
const (
	wideWidth     = 140 // tags, list and detail side by side
	sideBySideMin = 90  // list and detail side by side (without tags)
	tagsPaneMin   = 60  // narrowest terminal the tag pane can open in
)

type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return r.w > 0 && x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// Model is the root of the browser.
type Model struct {
	opts   Options
	c      *paneState
	search searchModel
	list   listModel
	detail detailModel
	tags   tagsModel
	prompt promptModel
	help   help.Model

	focus    pane
	helpPage page
	// warnings are the load warnings, cleaned, shown in full by the
	// warnings page (warnings.go).
	warnings     []string
	warningsPage page
	// deriveSave is the index whose topics and related papers are being
	// computed, to be stored once both are in; nil when they need not be.
	deriveSave *model.Index
	width      int
	height     int
	// tagsPref is the user's choice for the tag pane: 0 follows the width,
	// 1 shows it, -1 hides it.
	tagsPref    int
	tagsVisible bool
	stacked     bool
	rects       [numPanes]rect

	searcher      *model.Searcher
	seq           int
	cancel        context.CancelFunc
	query         model.Query // of the result shown
	order         model.SortOrder
	bookmarksOnly bool
	hideRead      bool
	undo          *undoEntry // the last bulk change, until undone
	saved         []model.SavedSearch
	savedSeq      int // the latest count of the saved searches asked for
	// unsavedNotes are, by paper ID, the edits whose save failed: n
	// reopens the file that holds the text rather than the old note.
	unsavedNotes map[string]unsavedNote

	status   status
	loadErr  error
	quitting bool
	// clock is shared with status: a test stopping it stops every timer.
	clock *clock

	writes writeQueue

	refresh    refreshState // refresh.go
	reloadKeep string       // ID of the paper to keep selected after a reload

	triage  triageState // triage.go
	history navHistory  // history.go
	links   linkChooser // links.go
	export  exportState // exportprompt.go
}

// New returns the browser's root model.
func New(opts Options) Model {
	if opts.ReadAfter == 0 {
		opts.ReadAfter = 2 * time.Second
	}
	if opts.PollEvery == 0 {
		opts.PollEvery = 2 * time.Second
	}
	if opts.Keys.Quit.Keys() == nil {
		opts.Keys = DefaultKeyMap()
	}
	clk := &clock{}
	renderer := lipgloss.DefaultRenderer()
	glamourProfile := opts.Profile
	switch {
	case opts.Bare:
		renderer = bareRenderer()
		glamourProfile = termenv.Ascii
	case opts.Theme == ThemePlain:
		// The plain glamour style has no colour to draw, only the
		// attributes that NO_COLOR keeps.
		renderer = plainRenderer()
		glamourProfile = termenv.ANSI
	}
	c := &paneState{styles: DefaultStyles(opts.Theme, renderer), keys: opts.Keys, theme: opts.Theme, picked: selection{}, hyperlinks: opts.Hyperlink, Catalog: catalog.Catalog{Hidden: map[string]bool{}}}
	m := Model{
		opts:   opts,
		c:      c,
		search: newSearch(c, opts.Query),
		list:   newList(c),
		detail: newDetail(c, glamourProfile),
		tags:   newTags(c),
		prompt: newPrompt(c),
		help:   help.New(),
		focus:  paneList,
		clock:  clk,
		status: newStatus(clk),

		unsavedNotes: map[string]unsavedNote{},
	}
	m.help.Styles.ShortKey = c.styles.HelpKey
	m.help.Styles.ShortDesc = c.styles.HelpDesc
	m.help.Styles.FullKey = c.styles.HelpKey
	m.help.Styles.FullDesc = c.styles.HelpDesc
	m.help.Styles.ShortSeparator = c.styles.Dim
	m.help.Styles.FullSeparator = c.styles.Dim
	// The search line starts with focus, as fzf's does: a word typed at
	// the first screen filters instead of firing one command per letter
	// (q quitting, o opening the browser). enter or tab moves to the list.
	m.search.Focus()
	m.list.focused = true
	return m
}

func (m Model) Init() tea.Cmd {
	return tea.Batch(
		textinput.Blink,
		loadCatalog(m.opts, m.opts.Library),
		m.clock.after(m.opts.PollEvery, pollMsg{}),
	)
}

func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		cmds = append(cmds, m.syncDetail(false))
	case tea.KeyMsg:
		return m.handleKey(msg)
	case tea.MouseMsg:
		return m.handleMouse(msg)

	case catalogLoadedMsg:
		return m.catalogLoaded(msg)
	case searchDoneMsg:
		cmd := m.searchDone(msg)
		return m, cmd
	case marksLoadedMsg:
		cmd := m.marksLoaded(msg)
		return m, cmd
	case indexedMsg:
		cmd := m.indexed(msg)
		return m, cmd
	case refreshProgressMsg, refreshDoneMsg, refreshTickMsg:
		return m, m.refreshUpdate(msg)
	case daysReadyMsg:
		m.daysReady(msg)
		return m, nil
	case topicsReadyMsg:
		cmd := m.topicsReady(msg)
		return m, cmd
	case relatedReadyMsg:
		if msg.index.SameCorpus(m.c.Index) {
			if msg.stored {
				m.deriveSave = nil
			}
			m.c.related = msg.related
			cmds = append(cmds, m.syncDetail(false), m.saveDerived())
		}
	case storeSavedMsg:
		if msg.err != nil {
			m.addWarning("Could not write the store (the next start loads the corpus again): " + msg.err.Error())
		}
	case relatedDoneMsg:
		if p, ok := m.list.Selected(); ok && p == msg.paper && msg.index.SameCorpus(m.c.Index) {
			cmds = append(cmds, m.detail.Show(p, m.query, msg.neighbors))
		}
	case seenRecordedMsg:
		if msg.err != nil {
			m.status.show("Could not record the corpus load: "+msg.err.Error(), true)
		}
		cmds = append(cmds, m.reloadMarks())
	case renderedMsg:
		m.detail.Rendered(msg)
	case writeDoneMsg:
		return m.writeDone(msg)
	case statusMsg:
		cmds = append(cmds, m.status.set(msg.text, msg.err))
	case statusTimeout:
		m.status.clear(msg.seq)
	case readTimerMsg:
		cmds = append(cmds, m.markRead(msg))
	case pollMsg:
		cmds = append(cmds, m.poll())
	case noteReadyMsg:
		if msg.err != nil {
			m.status.show("Could not prepare the note: "+msg.err.Error(), true)
			return m, nil
		}
		return m, m.editNote(msg)
	case editorDoneMsg:
		return m, m.saveNote(msg)
	case tagsChangedMsg:
		m.jump() // the list starts again at its top
		cmds = append(cmds, m.startSearch(-1))
	case promptDoneMsg:
		cmds = append(cmds, m.applyPrompt(msg))
	case exportDoneMsg:
		cmds = append(cmds, m.status.setLong(msg.text, msg.err))
	case savedCountedMsg:
		m.savedCounted(msg)
	case applySavedMsg:
		cmds = append(cmds, m.applySaved(msg))
	default:
		// Cursor blinks and other input internals.
		var cmd tea.Cmd
		if m.prompt.active {
			m.prompt, cmd = m.prompt.Update(msg)
		} else {
			m.search, cmd = m.search.Update(msg)
		}
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

func (m Model) handleKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	keys := m.c.keys
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !m.search.Focused() && !m.prompt.active {
		// Keys typed ahead (a slow link, key repeat) arrive as one
		// message; each is a command of its own. "/lora" typed fast is
		// "/" then "lora" into the search line.
		var cmds []tea.Cmd
		var next tea.Model = m
		for i, r := range msg.Runes {
			if cur := next.(Model); cur.search.Focused() || cur.prompt.active {
				rest := msg
				rest.Runes = msg.Runes[i:]
				var cmd tea.Cmd
				next, cmd = cur.handleKey(rest)
				return next, tea.Batch(append(cmds, cmd)...)
			}
			var cmd tea.Cmd
			next, cmd = next.(Model).handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
			cmds = append(cmds, cmd)
		}
		return next, tea.Batch(cmds...)
	}
	if msg.Type == tea.KeyCtrlC {
		return m.quit()
	}
	if m.prompt.active {
		var cmd tea.Cmd
		m.prompt, cmd = m.prompt.Update(msg)
		return m, cmd
	}
	if m.triage.active {
		return m, m.triageKey(msg)
	}
	if m.links.active {
		return m, m.chooserKey(msg)
	}
	if m.helpPage.open {
		if m.helpPage.handleKey(&m.c.keys, keys.Help, msg) {
			return m.quit()
		}
		return m, nil
	}
	if m.warningsPage.open {
		if m.warningsPage.handleKey(&m.c.keys, keys.Warnings, msg) {
			return m.quit()
		}
		return m, nil
	}
	if m.search.Focused() {
		return m.handleSearchKey(msg)
	}
	if cmd, handled := m.refreshKey(msg); handled {
		return m, cmd
	}
	switch {
	case key.Matches(msg, keys.Quit):
		return m.quit()
	case key.Matches(msg, keys.Help):
		m.helpPage.show(len(m.helpLines()), m.pageHeight())
		return m, nil
	case key.Matches(msg, keys.Warnings) && len(m.warnings) > 0:
		m.warningsPage.show(len(m.warningLines()), m.pageHeight())
		return m, nil
	case key.Matches(msg, keys.Search):
		m.setFocus(paneList)
		return m, m.search.Focus()
	case key.Matches(msg, keys.Clear):
		return m, m.clearFilters(false)
	case key.Matches(msg, keys.ClearFilters):
		return m, m.clearFilters(true)
	case key.Matches(msg, keys.NextPane):
		m.cycleFocus(1)
		return m, nil
	case key.Matches(msg, keys.PrevPane):
		m.cycleFocus(-1)
		return m, nil
	case key.Matches(msg, keys.ToggleTags):
		m.toggleTags()
		return m, m.syncDetail(false)
	case key.Matches(msg, keys.Sort):
		m.order = m.nextOrder()
		return m, tea.Batch(m.startSearch(keepSelection), m.status.set("Sorted by "+m.order.String(), false))
	case key.Matches(msg, keys.BookmarksOnly):
		m.bookmarksOnly = !m.bookmarksOnly
		return m, m.startSearch(-1)
	case key.Matches(msg, keys.SaveSearch):
		return m, m.startSaveSearch()
	case key.Matches(msg, keys.Triage):
		return m, m.startTriage()
	case key.Matches(msg, keys.Back):
		return m, m.goBack()
	case key.Matches(msg, keys.Forward):
		return m, m.goForward()
	}
	if cmd, handled := m.bulkKey(msg); handled {
		return m, cmd
	}
	if m.focus == paneTags {
		if key.Matches(msg, keys.HideTopic) {
			return m, m.hideTopic()
		}
		if key.Matches(msg, keys.ShowHiddenTopics) {
			return m, m.toggleHiddenTopics()
		}
		var cmd tea.Cmd
		m.tags, cmd = m.tags.Update(msg)
		return m, cmd
	}
	if key.Matches(msg, keys.Export) {
		return m, m.startExport()
	}
	if cmd, handled := m.bulkPaperAction(msg); handled {
		return m, cmd
	}
	if cmd, handled := m.paperAction(msg); handled {
		return m, cmd
	}
	switch m.focus {
	case paneDetail:
		switch {
		case key.Matches(msg, keys.NextRelated):
			m.detail.moveRelated(1)
			return m, nil
		case key.Matches(msg, keys.PrevRelated):
			m.detail.moveRelated(-1)
			return m, nil
		case key.Matches(msg, keys.OpenRelated):
			if p, ok := m.detail.markedRelated(); ok {
				return m, m.jumpTo(p)
			}
			return m, nil
		case key.Matches(msg, keys.PageDetail):
			m.detail.pageDown()
			return m, nil
		}
		var cmd tea.Cmd
		m.detail, cmd = m.detail.Update(msg)
		return m, cmd
	default:
		if key.Matches(msg, keys.Accept) && m.rects[paneDetail].w > 0 {
			m.setFocus(paneDetail)
			return m, nil
		}
		before := m.list.selection
		var cmd tea.Cmd
		m.list, cmd = m.list.Update(msg)
		if m.list.selection != before {
			return m, tea.Batch(cmd, m.syncDetail(true))
		}
		return m, cmd
	}
}

// handleSearchKey routes keys while the search line has focus: letters
// edit the query (q does not quit), arrows still move the list.
func (m Model) handleSearchKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	keys := m.c.keys
	switch {
	// Leaving the search line starts the read timer: no paper counts as
	// read while the user types (markRead).
	case key.Matches(msg, keys.Accept):
		m.search.Blur()
		return m, m.readTimer()
	case key.Matches(msg, keys.Clear):
		m.search.Blur()
		if m.search.Value() == "" {
			return m, m.readTimer()
		}
		m.search.SetValue("")
		// The paper the user was on stays selected: esc after /dora and
		// enter must not throw them back to the first paper.
		return m, tea.Batch(m.startSearch(keepSelection), m.readTimer())
	case key.Matches(msg, keys.NextPane), key.Matches(msg, keys.PrevPane):
		m.search.Blur()
		if key.Matches(msg, keys.NextPane) {
			m.cycleFocus(1)
		} else {
			m.cycleFocus(-1)
		}
		return m, m.readTimer()
	case m.search.Value() == "" && (key.Matches(msg, keys.Search) || key.Matches(msg, keys.Help)):
		// On an empty line / and ? keep the meaning the first screen
		// gives them, rather than starting the query with a symbol.
		if key.Matches(msg, keys.Help) {
			m.search.Blur()
			m.helpPage.show(len(m.helpLines()), m.pageHeight())
		}
		return m, nil
	case msg.Type == tea.KeyUp, msg.Type == tea.KeyDown, msg.Type == tea.KeyPgUp, msg.Type == tea.KeyPgDown:
		before := m.list.selection
		m.list, _ = m.list.Update(msg)
		if m.list.selection != before {
			return m, m.syncDetail(true)
		}
		return m, nil
	}
	before := m.search.Value()
	var cmd tea.Cmd
	m.search, cmd = m.search.Update(msg)
	if m.search.Value() != before {
		return m, tea.Batch(cmd, m.startSearch(-1))
	}
	return m, cmd
}

func (m Model) quit() (tea.Model, tea.Cmd) {
	if m.writes.holdQuit() {
		// Quitting now would drop the change on its way to the library.
		m.status.show("Saving… (quit again to leave without waiting)", false)
		return m, nil
	}
	m.quitting = true
	if m.cancel != nil {
		m.cancel()
	}
	if m.refresh.active {
		m.refresh.cancel()
	}
	return m, tea.Quit
}

func (m *Model) setFocus(p pane) {
	m.focus = p
	m.list.focused = p == paneList
	if focused := p == paneDetail; focused != m.detail.focused {
		m.detail.focused = focused
		m.detail.refresh() // the marked related paper shows only with focus
	}
	m.tags.focused = p == paneTags
}

func (m *Model) cycleFocus(dir int) {
	p := m.focus
	for range numPanes {
		p = (p + pane(dir) + numPanes) % numPanes
		if m.rects[p].w > 0 {
			break
		}
	}
	m.setFocus(p)
}

func (m *Model) toggleTags() {
	if m.tagsVisible {
		m.tagsPref = -1
	} else {
		m.tagsPref = 1
		if m.width < tagsPaneMin {
			m.status.show("Too narrow for the tag pane", false)
		}
	}
	m.layout()
	if m.tagsVisible {
		m.setFocus(paneTags)
	} else if m.focus == paneTags {
		m.setFocus(paneList)
	}
}

func (m Model) handleMouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	if m.helpPage.open || m.warningsPage.open || m.prompt.active || m.triage.active || m.links.active || m.c.Index == nil {
		return m, nil
	}
	wheel := 0
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		wheel = -3
	case tea.MouseButtonWheelDown:
		wheel = 3
	}
	for p := pane(0); p < numPanes; p++ {
		r := m.rects[p]
		if !r.contains(msg.X, msg.Y) {
			continue
		}
		click := msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft
		switch p {
		case paneList:
			before := m.list.selection
			if wheel != 0 {
				m.list.scrollBy(wheel)
			} else if click {
				m.setFocus(paneList)
				m.list.clickRow(msg.Y - r.y)
			}
			if m.list.selection != before {
				return m, m.syncDetail(true)
			}
		case paneDetail:
			if wheel != 0 {
				m.detail.scrollBy(wheel)
			} else if click {
				m.setFocus(paneDetail)
				if p, ok := m.detail.relatedAt(msg.Y - r.y); ok {
					return m, m.jumpTo(p)
				}
			}
		case paneTags:
			if wheel != 0 {
				m.tags.scrollBy(wheel)
			} else if click {
				m.setFocus(paneTags)
				return m, m.tags.click(msg.Y - r.y)
			}
		}
		return m, nil
	}
	return m, nil
}
