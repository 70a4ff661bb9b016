// Package ui is the interactive browser: a Bubble Tea program whose root
// model composes a search line, a tag pane, the paper list and a detail
// pane. It reads papers through model and user data through the Library
// interface; it does no I/O in Update.
package ui

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/related"
	"github.com/papertui/papers/model/topics"
)

// Options configure the browser. Load and Library are required; the
// functions that reach outside (browser, clipboard, editor) have defaults
// and are replaced in tests.
type Options struct {
	Theme   Theme
	Profile termenv.Profile // colour profile for glamour; lipgloss's own is used for the rest
	Keys    KeyMap
	Library Library
	// Load loads the corpora; it runs in the background. The browser
	// shows the papers at once and indexes their words meanwhile.
	Load func(ctx context.Context) ([]model.Paper, []error, error)
	// RecordSeen notes which papers the load showed, for is:new.
	RecordSeen func(papers []model.Paper) error
	Query      string        // initial query
	ReadAfter  time.Duration // how long a paper must stay open to count as read
	PollEvery  time.Duration // how often to look for other processes' changes
	OpenURL    func(url string) error
	CopyText   func(text string) error
	// EditNote returns the command that edits the file at path.
	EditNote func(path string) (*exec.Cmd, error)
	// NoteFiles creates and reads the temporary file a note is edited in.
	NoteFiles NoteFiles
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
	wideWidth      = 140 // tags, list and detail side by side
	sideBySideMin  = 90  // list and detail side by side (without tags)
	tagsPaneMin    = 60  // narrowest terminal the tag pane can open in
	statusDuration = 6 * time.Second
)

type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return r.w > 0 && x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// Model is the root of the browser.
type Model struct {
	opts   Options
	c      *common
	search searchModel
	list   listModel
	detail detailModel
	tags   tagsModel
	prompt promptModel
	help   help.Model

	focus      pane
	showHelp   bool
	helpOffset int // first line of the help shown, when it is taller than the screen
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

	status    string
	statusErr bool
	statusSeq int
	loadErr   error
	quitting  bool
	// timers is off in tests that drive the model step by step: no read
	// timer, no polling, no status timeouts.
	timers bool

	// Library writes run one at a time, in the order the keys were
	// pressed: two quick presses of b must toggle twice, not race.
	writes      []writeJob
	writing     bool
	quitPending bool // quit once the writes are saved
	// intents holds the state a queued toggle asked for, until the marks
	// show the library has it: the next toggle starts from there.
	intents map[intent]bool
}

type writeJob struct {
	done string
	fn   func(lib Library) error
}

type intent struct {
	paper int
	what  string // "bookmark" or "read"
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
	c := &common{styles: DefaultStyles(opts.Theme), keys: opts.Keys, theme: opts.Theme, hidden: map[string]bool{}}
	m := Model{
		opts:   opts,
		c:      c,
		search: newSearch(c, opts.Query),
		list:   newList(c),
		detail: newDetail(c, opts.Profile),
		tags:   newTags(c),
		prompt: newPrompt(c),
		help:   help.New(),
		focus:  paneList,
		timers: true,
	}
	m.help.Styles.ShortKey = c.styles.HelpKey
	m.help.Styles.ShortDesc = c.styles.HelpDesc
	m.help.Styles.FullKey = c.styles.HelpKey
	m.help.Styles.FullDesc = c.styles.HelpDesc
	m.help.Styles.ShortSeparator = c.styles.Dim
	m.help.Styles.FullSeparator = c.styles.Dim
	m.list.focused = true
	return m
}

func (m Model) Init() tea.Cmd {
	load := m.opts.Load
	loadMarks := m.loadMarks
	return tea.Batch(
		func() tea.Msg {
			papers, warnings, err := load(context.Background())
			msg := catalogLoadedMsg{warnings: warnings, err: err}
			if err == nil {
				// Listing needs no word index: show the papers now, index
				// their words in the background (seconds, for a million).
				ix := model.NewIndex(papers)
				msg.index = ix
				// The marks come with the papers, so the first list drawn
				// already shows the bookmarks.
				marks, _ := loadMarks(ix)().(marksLoadedMsg)
				msg.marks = &marks
			}
			return msg
		},
		m.after(m.opts.PollEvery, pollMsg{}),
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
		if msg.seq != m.seq {
			return m, nil // an outdated query: a newer one is on its way
		}
		switch {
		case errors.Is(msg.err, model.ErrNotIndexed):
			// The words are still being indexed: indexedMsg searches again.
			m.status, m.statusErr = indexingStatus, false
			return m, nil
		case errors.Is(msg.err, context.Canceled):
			return m, nil
		case msg.err != nil:
			m.setStatus("Search failed: "+msg.err.Error(), true)
			return m, nil
		}
		m.query = msg.result.Query
		m.list.SetResult(msg.result, msg.keep)
		cmds = append(cmds, m.syncDetail(true))
	case marksLoadedMsg:
		if msg.err != nil {
			m.setStatus("Could not read the library: "+msg.err.Error(), true)
			return m, nil
		}
		if msg.marks.Version < m.c.marks.Version {
			return m, nil // an older read that arrived late
		}
		if !m.writesPending() {
			m.intents = nil // the marks now show every toggle asked for
		}
		dependsOnMarks := m.query.DependsOnMarks() || len(m.tags.Selected()) > 0 || m.bookmarksOnly
		if !maps.Equal(m.c.hidden, msg.hidden) {
			m.c.topicsVersion++
		}
		m.c.marks, m.c.hidden = msg.marks, msg.hidden
		if msg.index.SameCorpus(m.c.index) && msg.newSet != nil {
			m.c.newSet, m.c.newLoad = msg.newSet, msg.newLoad
		}
		m.tags.Refresh()
		if dependsOnMarks || m.query.UsesNew() {
			cmds = append(cmds, m.startSearch(m.selectedPaper()))
		}
		cmds = append(cmds, m.syncDetail(false))
	case indexedMsg:
		if msg.err == nil && msg.index.SameCorpus(m.c.index) {
			m.c.index = msg.index
			m.searcher = model.NewSearcher(msg.index)
			if m.status == indexingStatus {
				m.status = ""
			}
			// Topics and related papers wait for the index: on two cores,
			// running them alongside would delay the search itself.
			ix := msg.index
			cmds = append(cmds, m.startSearch(m.selectedPaper()),
				func() tea.Msg { return topicsReadyMsg{index: ix, topics: topics.Compute(ix.Papers())} },
				func() tea.Msg { return relatedReadyMsg{index: ix, related: related.Build(ix.Papers())} },
			)
		}
	case topicsReadyMsg:
		if msg.index.SameCorpus(m.c.index) {
			m.c.topics = msg.topics
			m.c.topicsVersion++
			m.tags.Refresh()
			cmds = append(cmds, m.syncDetail(false))
			if len(m.query.Clauses) > 0 {
				cmds = append(cmds, m.startSearch(m.selectedPaper()))
			}
		}
	case relatedReadyMsg:
		if msg.index.SameCorpus(m.c.index) {
			m.c.related = msg.related
			cmds = append(cmds, m.syncDetail(false))
		}
	case relatedDoneMsg:
		if p, ok := m.list.Selected(); ok && p == msg.paper && msg.index.SameCorpus(m.c.index) {
			cmds = append(cmds, m.detail.Show(p, m.query, msg.neighbors))
		}
	case seenRecordedMsg:
		if msg.err != nil {
			m.setStatus("Could not record the corpus load: "+msg.err.Error(), true)
		}
		cmds = append(cmds, m.loadMarksCmd())
	case renderedMsg:
		m.detail.Rendered(msg)
	case writeDoneMsg:
		m.writing = false
		if msg.err != nil {
			m.setStatus(msg.err.Error(), true)
			cmds = append(cmds, m.statusTimer(2*statusDuration))
		} else if msg.done != "" {
			m.setStatus(msg.done, false)
			cmds = append(cmds, m.statusTimer(statusDuration))
		}
		cmds = append(cmds, m.loadMarksCmd(), m.nextWrite())
		if m.quitPending && !m.writesPending() {
			next, cmd := m.quit()
			return next, tea.Batch(append(cmds, cmd)...)
		}
	case statusMsg:
		m.setStatus(msg.text, msg.err)
		cmds = append(cmds, m.statusTimer(statusDuration))
	case statusTimeout:
		if msg.seq == m.statusSeq {
			m.status, m.statusErr = "", false
		}
	case readTimerMsg:
		cmds = append(cmds, m.markRead(msg))
	case pollMsg:
		cmds = append(cmds, m.poll(), m.after(m.opts.PollEvery, pollMsg{}))
	case noteReadyMsg:
		if msg.err != nil {
			m.setStatus("Could not prepare the note: "+msg.err.Error(), true)
			return m, nil
		}
		return m, m.editNote(msg)
	case editorDoneMsg:
		return m, m.saveNote(msg)
	case tagsChangedMsg:
		cmds = append(cmds, m.startSearch(-1))
	case promptDoneMsg:
		cmds = append(cmds, m.applyPrompt(msg))
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

func (m Model) catalogLoaded(msg catalogLoadedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.loadErr = msg.err
		m.list.loadErr = model.CleanLine(msg.err.Error())
		m.setStatus("Could not load the corpus: "+msg.err.Error(), true)
		return m, nil
	}
	m.c.index = msg.index
	m.searcher = model.NewSearcher(msg.index)
	var cmds []tea.Cmd
	if msg.marks != nil {
		next, cmd := m.Update(*msg.marks)
		m = next.(Model)
		cmds = append(cmds, cmd)
	}
	if len(msg.warnings) > 0 {
		m.setStatus(fmt.Sprintf("Loaded with %d warning(s): %v", len(msg.warnings), msg.warnings[0]), true)
	}
	ix := msg.index
	cmds = append(cmds,
		m.startSearch(-1),
		func() tea.Msg {
			full, err := model.BuildIndex(context.Background(), ix.Papers())
			return indexedMsg{index: full, err: err}
		},
	)
	if record := m.opts.RecordSeen; record != nil {
		cmds = append(cmds, func() tea.Msg { return seenRecordedMsg{index: ix, err: record(ix.Papers())} })
	}
	return m, tea.Batch(cmds...)
}

// currentQuery is the typed query plus the filters set by keys and the tag
// pane.
func (m *Model) currentQuery() model.Query {
	q := model.ParseQuery(m.search.Value())
	for _, t := range m.tags.Selected() {
		q.Clauses = append(q.Clauses, model.Clause{Kind: model.ClauseTag, Value: t})
	}
	if m.bookmarksOnly {
		q.Clauses = append(q.Clauses, model.Clause{Kind: model.ClauseIs, Value: "bookmarked"})
	}
	return q
}

func (m *Model) facets() model.Facets {
	f := model.Facets{Marks: m.c.marks, New: m.c.newSet}
	if topics, hidden := m.c.topics, m.c.hidden; topics != nil {
		f.TopicPapers = topics.Visible(hidden)
		f.TopicsVersion = m.c.topicsVersion
	}
	return f
}

// startSearch runs the current query in the background. Results of older
// searches are dropped when they arrive (their seq is stale), and the
// older search itself is cancelled.
func (m *Model) startSearch(keep int) tea.Cmd {
	if m.searcher == nil {
		return nil
	}
	m.seq++
	if m.cancel != nil {
		m.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	seq, q, facets, order := m.seq, m.currentQuery(), m.facets(), m.order
	rows := max(64, m.height*2)
	searcher := m.searcher
	return func() tea.Msg {
		r, err := searcher.Search(ctx, q, facets, order, rows)
		return searchDoneMsg{seq: seq, result: r, err: err, keep: keep}
	}
}

func (m *Model) selectedPaper() int {
	if p, ok := m.list.Selected(); ok {
		return p
	}
	return -1
}

// syncDetail shows the selected paper in the detail pane. When the
// selection changed, it also starts the read timer and asks for related
// papers.
func (m *Model) syncDetail(selectionMayHaveChanged bool) tea.Cmd {
	p, ok := m.list.Selected()
	if !ok {
		m.detail.Show(-1, m.query, nil)
		return nil
	}
	var cmds []tea.Cmd
	if p != m.detail.paper || selectionMayHaveChanged {
		cmds = append(cmds, m.after(m.opts.ReadAfter, readTimerMsg{paper: p, selection: m.list.selection}))
	}
	related := m.detail.related
	if p != m.detail.paper {
		related = nil
		if r, ix := m.c.related, m.c.index; r != nil {
			cmds = append(cmds, func() tea.Msg {
				return relatedDoneMsg{index: ix, paper: p, neighbors: r.Related(p, 5)}
			})
		}
	} else if related == nil && m.c.related != nil {
		r, ix := m.c.related, m.c.index
		cmds = append(cmds, func() tea.Msg {
			return relatedDoneMsg{index: ix, paper: p, neighbors: r.Related(p, 5)}
		})
	}
	cmds = append(cmds, m.detail.Show(p, m.query, related))
	return tea.Batch(cmds...)
}

func (m *Model) loadMarksCmd() tea.Cmd { return m.loadMarks(m.c.index) }

// loadMarks reads the user's marks and, when a corpus load added papers
// since the browser last asked, which papers of ix are new.
func (m *Model) loadMarks(ix *model.Index) tea.Cmd {
	lib := m.opts.Library
	known := m.c.newLoad
	if !ix.SameCorpus(m.c.index) {
		known = -1
	}
	return func() tea.Msg {
		marks, err := lib.Marks()
		if err != nil {
			return marksLoadedMsg{err: err}
		}
		hidden, err := lib.HiddenTopics()
		if err != nil {
			return marksLoadedMsg{err: err}
		}
		msg := marksLoadedMsg{marks: marks, hidden: hidden, index: ix}
		if ix != nil && marks.LatestLoad != known {
			load, keys, err := lib.NewKeys()
			if err != nil {
				return marksLoadedMsg{err: err}
			}
			msg.newLoad, msg.newSet = load, model.NewPapers(ix, keys)
		}
		return msg
	}
}

// poll looks for changes made by another papers process.
func (m *Model) poll() tea.Cmd {
	lib := m.opts.Library
	load := m.loadMarksCmd()
	return func() tea.Msg {
		changed, err := lib.Changed()
		if err != nil || !changed {
			return nil
		}
		return load()
	}
}

func (m *Model) markRead(msg readTimerMsg) tea.Cmd {
	if msg.selection != m.list.selection || m.rects[paneDetail].w == 0 || m.c.index == nil {
		return nil // moved on, or the detail pane is not on screen
	}
	p, ok := m.list.Selected()
	if !ok || p != msg.paper || m.c.mark(p).Read {
		return nil
	}
	paper := m.c.paper(p) // resolved here: the command must not read m
	return m.write("", func(lib Library) error { return lib.SetRead(paper, true) })
}

// write runs a library change in the background and reports it.
func (m *Model) write(done string, fn func(lib Library) error) tea.Cmd {
	m.writes = append(m.writes, writeJob{done: done, fn: fn})
	return m.nextWrite()
}

// nextWrite starts the next queued write unless one is running.
func (m *Model) nextWrite() tea.Cmd {
	if m.writing || len(m.writes) == 0 {
		return nil
	}
	job := m.writes[0]
	m.writes = m.writes[1:]
	m.writing = true
	lib := m.opts.Library
	return func() tea.Msg {
		if err := job.fn(lib); err != nil {
			return writeDoneMsg{err: fmt.Errorf("not saved: %w", err)}
		}
		return writeDoneMsg{done: job.done}
	}
}

func (m *Model) writesPending() bool { return m.writing || len(m.writes) > 0 }

// toggled returns the state a toggle should set: the opposite of what the
// last queued toggle asked for, or of the mark when none is queued.
func (m *Model) toggled(paper int, what string, current bool) bool {
	if m.intents == nil {
		m.intents = map[intent]bool{}
	}
	k := intent{paper, what}
	if want, ok := m.intents[k]; ok {
		current = want
	}
	m.intents[k] = !current
	return !current
}

func (m *Model) setStatus(text string, isErr bool) {
	// Errors can quote file names and corpus text: never let them carry
	// escape sequences to the terminal.
	m.status, m.statusErr = model.CleanLine(text), isErr
	m.statusSeq++
}

func (m *Model) statusTimer(d time.Duration) tea.Cmd {
	return m.after(d, statusTimeout{seq: m.statusSeq})
}

// after delivers msg after d, unless timers are off.
func (m *Model) after(d time.Duration, msg tea.Msg) tea.Cmd {
	if !m.timers {
		return nil
	}
	return tick(d, msg)
}

type statusMsg struct {
	text string
	err  bool
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
	if m.showHelp {
		switch {
		case key.Matches(msg, keys.Quit):
			return m.quit()
		case key.Matches(msg, keys.Help), key.Matches(msg, keys.Cancel):
			m.showHelp = false
		case key.Matches(msg, keys.Down):
			m.helpOffset++
		case key.Matches(msg, keys.Up):
			m.helpOffset--
		case key.Matches(msg, keys.PageDown), key.Matches(msg, keys.HalfDown):
			m.helpOffset += max(1, m.height/2)
		case key.Matches(msg, keys.PageUp), key.Matches(msg, keys.HalfUp):
			m.helpOffset -= max(1, m.height/2)
		}
		m.helpOffset = max(0, m.helpOffset)
		return m, nil
	}
	if m.search.Focused() {
		return m.handleSearchKey(msg)
	}
	switch {
	case key.Matches(msg, keys.Quit):
		return m.quit()
	case key.Matches(msg, keys.Help):
		m.showHelp, m.helpOffset = true, 0
		return m, nil
	case key.Matches(msg, keys.Search):
		m.setFocus(paneList)
		return m, m.search.Focus()
	case key.Matches(msg, keys.Clear):
		if m.search.Value() != "" {
			m.search.SetValue("")
			return m, m.startSearch(-1)
		}
		return m, nil
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
		m.order = (m.order + 1) % 3
		if m.order == model.SortNewest && m.c.index != nil && !m.c.index.Dated() {
			m.order = model.SortRelevance // no dates: sorting by date would change nothing
		}
		m.setStatus("Sorted by "+m.order.String(), false)
		return m, tea.Batch(m.startSearch(m.selectedPaper()), m.statusTimer(statusDuration))
	case key.Matches(msg, keys.BookmarksOnly):
		m.bookmarksOnly = !m.bookmarksOnly
		return m, m.startSearch(-1)
	}
	if m.focus == paneTags {
		if key.Matches(msg, keys.HideTopic) {
			return m, m.hideTopic()
		}
		var cmd tea.Cmd
		m.tags, cmd = m.tags.Update(msg)
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
		}
		var cmd tea.Cmd
		m.detail, cmd = m.detail.Update(msg)
		return m, cmd
	default:
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
	case key.Matches(msg, keys.Accept):
		m.search.Blur()
		return m, nil
	case key.Matches(msg, keys.Clear):
		m.search.Blur()
		if m.search.Value() == "" {
			return m, nil
		}
		m.search.SetValue("")
		return m, m.startSearch(-1)
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

// paperAction handles the keys that act on the selected paper.
func (m *Model) paperAction(msg tea.KeyMsg) (tea.Cmd, bool) {
	keys := m.c.keys
	p, ok := m.list.Selected()
	switch {
	case key.Matches(msg, keys.Bookmark), key.Matches(msg, keys.AddTag), key.Matches(msg, keys.RemoveTag),
		key.Matches(msg, keys.Note), key.Matches(msg, keys.Open), key.Matches(msg, keys.Copy),
		key.Matches(msg, keys.ToggleRead), key.Matches(msg, keys.Related):
		if !ok {
			return nil, true
		}
	default:
		return nil, false
	}
	paper := m.c.paper(p)
	mark := m.c.mark(p)
	switch {
	case key.Matches(msg, keys.Bookmark):
		on := m.toggled(p, "bookmark", mark.Bookmarked())
		done := "Bookmarked “" + paper.Title + "”"
		if !on {
			done = "Removed bookmark from “" + paper.Title + "”"
		}
		return m.write(done, func(lib Library) error { return lib.SetBookmarks([]*model.Paper{paper}, on) }), true
	case key.Matches(msg, keys.AddTag):
		return m.prompt.Open(promptAddTag, p, m.allTags()), true
	case key.Matches(msg, keys.RemoveTag):
		if len(mark.Tags) == 0 {
			m.setStatus("This paper has no tags to remove", false)
			return m.statusTimer(statusDuration), true
		}
		return m.prompt.Open(promptRemoveTag, p, slices.Clone(mark.Tags)), true
	case key.Matches(msg, keys.ToggleRead):
		read := m.toggled(p, "read", mark.Read)
		done := "Marked read"
		if !read {
			done = "Marked unread"
		}
		return m.write(done, func(lib Library) error { return lib.SetRead(paper, read) }), true
	case key.Matches(msg, keys.Note):
		files := m.opts.NoteFiles
		if files == nil || m.opts.EditNote == nil {
			m.setStatus("No editor configured", true)
			return nil, true
		}
		lib := m.opts.Library
		return func() tea.Msg {
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
		link := paper.MainLink()
		if !isWebLink(link) {
			m.setStatus("This paper has no web link to open", false)
			return m.statusTimer(statusDuration), true
		}
		open := m.opts.OpenURL
		return func() tea.Msg {
			if open == nil {
				return statusMsg{text: "No browser configured", err: true}
			}
			if err := open(link); err != nil {
				return statusMsg{text: "Could not open " + link + ": " + err.Error(), err: true}
			}
			return statusMsg{text: "Opened " + link}
		}, true
	case key.Matches(msg, keys.Copy):
		link := paper.MainLink()
		if link == "" {
			m.setStatus("This paper has no link to copy", false)
			return m.statusTimer(statusDuration), true
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

// isWebLink allows only http(s) URLs to reach the browser: corpus links
// are untrusted, and file: or custom schemes could run things.
func isWebLink(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// jumpTo selects paper, clearing the filters when they hide it.
func (m *Model) jumpTo(paper int) tea.Cmd {
	if r := m.list.result; r != nil && r.Contains(paper) {
		m.list.SetResult(r, paper)
		return m.syncDetail(true)
	}
	m.search.SetValue("")
	m.tags.selected = map[string]bool{}
	m.bookmarksOnly = false
	m.setStatus("Filters cleared to show the related paper", false)
	return tea.Batch(m.startSearch(paper), m.statusTimer(statusDuration))
}

func (m *Model) allTags() []string {
	seen := map[string]bool{}
	var tags []string
	for _, mark := range m.c.marks.ByKey {
		for _, t := range mark.Tags {
			if !seen[t] {
				seen[t] = true
				tags = append(tags, t)
			}
		}
	}
	slices.Sort(tags)
	return tags
}

func (m *Model) applyPrompt(msg promptDoneMsg) tea.Cmd {
	if m.c.index == nil {
		return nil
	}
	paper := m.c.paper(msg.paper)
	tag, err := model.NormalizeTag(msg.value)
	if err != nil {
		m.setStatus("Not a tag: "+err.Error(), true)
		return m.statusTimer(statusDuration)
	}
	if msg.kind == promptAddTag {
		return m.write("Tagged "+tag, func(lib Library) error { return lib.AddTags([]*model.Paper{paper}, []string{tag}) })
	}
	if !slices.Contains(m.c.mark(msg.paper).Tags, tag) {
		m.setStatus("This paper has no tag "+tag, false)
		return m.statusTimer(statusDuration)
	}
	return m.write("Removed tag "+tag, func(lib Library) error { return lib.RemoveTags([]*model.Paper{paper}, []string{tag}) })
}

func (m *Model) hideTopic() tea.Cmd {
	e, ok := m.tags.Current()
	if !ok || !e.topic {
		m.setStatus("Only topic tags can be hidden", false)
		return m.statusTimer(statusDuration)
	}
	key := e.key
	return m.write("Hid topic "+e.name, func(lib Library) error { return lib.HideTopic(key, true) })
}

func (m Model) quit() (tea.Model, tea.Cmd) {
	if m.writesPending() && !m.quitPending {
		// Quitting now would drop the change on its way to the library.
		m.quitPending = true
		m.setStatus("Saving… (quit again to leave without waiting)", false)
		return m, nil
	}
	m.quitting = true
	if m.cancel != nil {
		m.cancel()
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
			m.setStatus("Too narrow for the tag pane", false)
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
	if m.showHelp || m.prompt.active || m.c.index == nil {
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
				m.list.scroll(wheel)
			} else if click {
				m.setFocus(paneList)
				m.list.clickRow(msg.Y - r.y)
			}
			if m.list.selection != before {
				return m, m.syncDetail(true)
			}
		case paneDetail:
			if wheel < 0 {
				m.detail.vp.ScrollUp(-wheel)
			} else if wheel > 0 {
				m.detail.vp.ScrollDown(wheel)
			} else if click {
				m.setFocus(paneDetail)
				if p, ok := m.detail.relatedAt(msg.Y - r.y); ok {
					return m, m.jumpTo(p)
				}
			}
		case paneTags:
			if wheel != 0 {
				m.tags.scroll(wheel)
			} else if click {
				m.setFocus(paneTags)
				return m, m.tags.click(msg.Y - r.y)
			}
		}
		return m, nil
	}
	return m, nil
}

// layout sizes the panes from the window size: three columns when wide,
// list and detail side by side when medium, stacked when narrow.
func (m *Model) layout() {
	m.rects = [numPanes]rect{}
	w, h := m.width, m.height
	if w < minWidth || h < minHeight {
		return
	}
	m.help.Width = w
	switch {
	case m.tagsPref > 0:
		m.tagsVisible = w >= tagsPaneMin
	case m.tagsPref < 0:
		m.tagsVisible = false
	default:
		m.tagsVisible = w >= wideWidth
	}
	top := 2 // search line, pane titles
	bodyH := h - top - 1
	x := 0
	if m.tagsVisible {
		tw := max(18, min(28, w/6))
		m.rects[paneTags] = rect{0, top, tw, bodyH}
		x = tw + 1
	}
	rest := w - x
	m.stacked = rest < sideBySideMin
	if m.stacked {
		listH := max(3, bodyH*45/100)
		m.rects[paneList] = rect{x, top, rest, listH}
		m.rects[paneDetail] = rect{x, top + listH + 1, rest, bodyH - listH - 1}
	} else {
		lw := rest * 45 / 100
		m.rects[paneList] = rect{x, top, lw, bodyH}
		m.rects[paneDetail] = rect{x + lw + 1, top, rest - lw - 1, bodyH}
	}
	m.tags.SetSize(m.rects[paneTags].w, m.rects[paneTags].h)
	m.list.SetSize(m.rects[paneList].w, m.rects[paneList].h)
	m.detail.SetSize(m.rects[paneDetail].w, m.rects[paneDetail].h)
	if m.rects[m.focus].w == 0 {
		m.setFocus(paneList)
	}
}

func (m Model) View() string {
	if m.quitting {
		return ""
	}
	s := m.c.styles
	if m.width < minWidth || m.height < minHeight {
		msg := fmt.Sprintf("Too small: %d×%d, papers needs %d×%d", m.width, m.height, minWidth, minHeight)
		return lipgloss.NewStyle().Width(max(m.width, 1)).MaxWidth(max(m.width, 0)).MaxHeight(max(m.height, 0)).Render(s.TooSmall.Render(msg))
	}
	header := m.search.View(m.width, m.headerRight())
	var body string
	if m.showHelp {
		body = m.helpView(m.height - 2)
	} else {
		body = m.titlesRow() + "\n" + m.bodyView()
	}
	return lipgloss.NewStyle().MaxWidth(m.width).MaxHeight(m.height).Render(header + "\n" + body + "\n" + m.statusLine())
}

// headerRight shows the sort order and the active filters.
func (m *Model) headerRight() string {
	s := m.c.styles
	var parts []string
	for _, t := range m.tags.Selected() {
		parts = append(parts, s.Filter.Render("#"+t))
	}
	if m.bookmarksOnly {
		parts = append(parts, s.Filter.Render("★ only"))
	}
	parts = append(parts, s.Count.Render("sort: "+m.order.String()))
	return strings.Join(parts, " ")
}

func (m *Model) titlesRow() string {
	s := m.c.styles
	title := func(p pane, text string) string {
		r := m.rects[p]
		style := s.PaneTitle
		if m.focus == p && !m.search.Focused() {
			style = s.PaneTitleFocused
		}
		return lipgloss.NewStyle().Width(r.w).MaxWidth(r.w).Render(ansi.Truncate(style.Render(text), r.w, "…"))
	}
	count := "Papers"
	if m.c.index != nil && m.list.result != nil {
		count = fmt.Sprintf("Papers %d/%d", m.list.result.Total, m.c.index.Len())
	}
	var cells []string
	if m.tagsVisible {
		cells = append(cells, title(paneTags, " Tags"), " ")
	}
	cells = append(cells, title(paneList, " "+count))
	if !m.stacked {
		cells = append(cells, " ", title(paneDetail, " Details"))
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, cells...)
}

func (m *Model) bodyView() string {
	s := m.c.styles
	var cols []string
	bodyH := m.rects[paneList].h
	if m.stacked {
		bodyH = m.rects[paneList].h + 1 + m.rects[paneDetail].h
	}
	sep := s.Rule.Render(strings.TrimRight(strings.Repeat("│\n", bodyH), "\n"))
	if m.tagsVisible {
		cols = append(cols, m.tags.View(), sep)
	}
	if m.stacked {
		rule := m.stackedRule(m.rects[paneList].w)
		cols = append(cols, lipgloss.JoinVertical(lipgloss.Left, m.list.View(), rule, m.detail.View()))
	} else {
		cols = append(cols, m.list.View(), sep, m.detail.View())
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, cols...)
}

func (m *Model) stackedRule(w int) string {
	s := m.c.styles
	style := s.PaneTitle
	if m.focus == paneDetail && !m.search.Focused() {
		style = s.PaneTitleFocused
	}
	label := style.Render(" Details ")
	return s.Rule.Render("──") + label + s.Rule.Render(strings.Repeat("─", max(0, w-2-ansi.StringWidth(label))))
}

func (m *Model) statusLine() string {
	s := m.c.styles
	w := m.width
	switch {
	case m.prompt.active:
		return m.prompt.View(w)
	case m.status != "":
		style := s.StatusInfo
		if m.statusErr {
			style = s.StatusError
		}
		return ansi.Truncate(style.Render(m.status), w, "…")
	case m.query.Hint() != "":
		return ansi.Truncate(s.Hint.Render("note: "+m.query.Hint()), w, "…")
	}
	return ansi.Truncate(m.help.ShortHelpView(m.shortHelp()), w, "…")
}

func (m *Model) shortHelp() []key.Binding {
	k := m.c.keys
	if m.search.Focused() {
		return append(m.search.ShortHelp(), k.Help)
	}
	var bindings []key.Binding
	switch m.focus {
	case paneTags:
		bindings = m.tags.ShortHelp()
	case paneDetail:
		bindings = m.detail.ShortHelp()
	default:
		bindings = m.list.ShortHelp()
	}
	return append([]key.Binding{k.Search}, append(bindings, k.NextPane, k.Help, k.Quit)...)
}

// helpView is the full help: every key, grouped, and the query language.
func (m *Model) helpView(height int) string {
	k := m.c.keys
	s := m.c.styles
	groups := [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfUp, k.HalfDown, k.Top, k.Bottom},
		{k.Search, k.Accept, k.Clear, k.NextPane, k.PrevPane, k.ToggleTags, k.ToggleTag, k.HideTopic},
		{k.Bookmark, k.AddTag, k.RemoveTag, k.Note, k.ToggleRead, k.Open, k.Copy},
		{k.Related, k.NextRelated, k.PrevRelated, k.OpenRelated},
		{k.BookmarksOnly, k.Sort, k.Help, k.Quit},
	}
	keysView := m.helpColumns(groups, m.width-2)
	text := s.PaneTitleFocused.Render("Keys") + "\n\n" + keysView + "\n\n" +
		s.PaneTitleFocused.Render("Query language") + "\n\n" + s.HelpDesc.Render(model.QueryHelp) +
		"\n\n" + s.Dim.Render(k.Help.Help().Key+" or "+k.Cancel.Help().Key+" closes this help")
	lines := strings.Split(lipgloss.NewStyle().Width(m.width).Padding(0, 1).Render(text), "\n")
	if total := len(lines); total > height && height > 1 {
		// Taller than the screen: scroll with the movement keys.
		offset := min(m.helpOffset, total-height+1)
		lines = append(lines[offset:offset+height-1], s.Dim.Render(fmt.Sprintf(" %s/%s scroll · lines %d-%d of %d",
			k.Down.Help().Key, k.Up.Help().Key, offset+1, offset+height-1, total)))
	}
	return lipgloss.NewStyle().Width(m.width).Height(height).MaxHeight(height).Render(strings.Join(lines, "\n"))
}

// helpColumns lays the key groups out as columns, starting a new row of
// columns when the next would not fit the width (bubbles' full help would
// cut it off instead).
func (m *Model) helpColumns(groups [][]key.Binding, width int) string {
	var rows, row []string
	rowWidth := 0
	for _, g := range groups {
		col := m.help.FullHelpView([][]key.Binding{g})
		w := lipgloss.Width(col) + 3
		if rowWidth > 0 && rowWidth+w > width {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowWidth = nil, 0
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(3).Render(col))
		rowWidth += w
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	return strings.Join(rows, "\n\n")
}
