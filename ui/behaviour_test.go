package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/corpus"
)

func TestLayoutAtEverySize(t *testing.T) {
	lib := newMemLibrary()
	for _, size := range [][2]int{{20, 5}, {29, 8}, {30, 8}, {40, 10}, {80, 24}, {100, 30}, {120, 40}, {139, 40}, {140, 40}, {160, 48}, {220, 60}} {
		w, h := size[0], size[1]
		m := started(t, w, h, lib, nil)
		view := checkScreen(t, m, w, h)
		small := w < minWidth || h < minHeight
		if small != strings.Contains(view, "Too small") {
			t.Errorf("%dx%d: too-small message shown: %v, want %v", w, h, !small, small)
		}
		if small {
			continue
		}
		if !strings.Contains(view, "Papers 202/202") {
			t.Errorf("%dx%d: count not visible:\n%s", w, h, view)
		}
		if got, want := m.tagsVisible, w >= wideWidth; got != want {
			t.Errorf("%dx%d: tag pane visible %v, want %v", w, h, got, want)
		}
		if got, want := m.stacked, w < sideBySideMin; got != want {
			t.Errorf("%dx%d: stacked %v, want %v", w, h, got, want)
		}
	}
}

func TestResizeSmallAndBackKeepsState(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 120, 40, lib, nil)
	m = drive(t, m, keys("jjj")...)
	sel := m.selectedPaper()
	for _, size := range [][2]int{{20, 5}, {1, 1}, {0, 0}, {200, 60}, {120, 40}} {
		m = drive(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		_ = m.View()
	}
	if m.selectedPaper() != sel {
		t.Errorf("selection changed across resizes: %d, want %d", m.selectedPaper(), sel)
	}
}

func TestTypingFiltersOnEveryKeystroke(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	m = drive(t, m, keys("/")...)
	if !m.search.Focused() {
		t.Fatal("/ should focus the search line")
	}
	counts := []int{}
	for _, k := range keys("lora") {
		m = drive(t, m, k)
		counts = append(counts, m.list.total())
	}
	if counts[0] <= counts[3] || counts[3] != 32 {
		t.Errorf("counts while typing lora = %v; want shrinking to 32", counts)
	}
	view := checkScreen(t, m, 120, 40)
	if !strings.Contains(view, "Papers 32/202") {
		t.Errorf("count not updated:\n%s", view)
	}
	// Letters go to the query while typing: q does not quit.
	m = drive(t, m, keys("q")...)
	if m.quitting || m.search.Value() != "loraq" {
		t.Fatalf("q while searching: quitting %v, query %q", m.quitting, m.search.Value())
	}
	m = drive(t, m, press(tea.KeyBackspace), press(tea.KeyEnter))
	if m.search.Focused() || m.list.total() != 32 {
		t.Fatalf("enter should return to the list keeping the filter (focused %v, %d rows)", m.search.Focused(), m.list.total())
	}
	m = drive(t, m, press(tea.KeyEsc))
	if m.search.Value() != "" || m.list.total() != 202 {
		t.Fatalf("esc should clear the search: %q, %d rows", m.search.Value(), m.list.total())
	}
}

func TestOutdatedSearchResultsAreDropped(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	ix := loadSeed(t)
	old, err := model.NewSearcher(ix).Search(t.Context(), model.ParseQuery("adversarial"), model.Facets{}, model.SortRelevance, 10)
	if err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, keys("/lora")...)
	m = drive(t, m, searchDoneMsg{seq: m.seq - 1, result: old, keep: -1})
	if m.list.total() != 32 {
		t.Fatalf("a stale result replaced the current one: %d rows", m.list.total())
	}
}

func TestBookmarkIsSavedAtOnce(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 120, 40, lib, nil)
	m = drive(t, m, keys("jb")...)
	p := m.c.paper(m.selectedPaper())
	if !lib.mark(p.ID).Bookmarked() {
		t.Fatal("b did not bookmark the selected paper in the library")
	}
	if !strings.Contains(m.View(), "★") {
		t.Error("the bookmark mark is not shown")
	}
	m = drive(t, m, keys("B")...)
	if m.list.total() != 1 {
		t.Errorf("B should show only bookmarks, got %d rows", m.list.total())
	}
	m = drive(t, m, keys("bB")...)
	if lib.mark(p.ID).Bookmarked() || m.list.total() != 202 {
		t.Errorf("second b should remove the bookmark (%v) and B show all again (%d)", lib.mark(p.ID).Bookmarked(), m.list.total())
	}
}

func TestFailedWriteIsReportedNotPretended(t *testing.T) {
	lib := newMemLibrary()
	lib.failWrites = errReadOnly
	m := started(t, 120, 40, lib, nil)
	m = drive(t, m, keys("b")...)
	view := checkScreen(t, m, 120, 40)
	if !strings.Contains(view, "not saved") || !strings.Contains(view, "readonly") {
		t.Errorf("the failure is not in the status line:\n%s", view[strings.LastIndex(view, "\n"):])
	}
	if strings.Contains(view, "★") || m.c.Mark(m.selectedPaper()).Bookmarked() {
		t.Error("a bookmark that was not saved is shown")
	}
	// The app keeps working.
	m = drive(t, m, keys("/lora")...)
	if m.list.total() != 32 {
		t.Errorf("searching after a failed write: %d rows", m.list.total())
	}
}

func TestTagPromptCompletesAndRemoves(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 120, 40, lib, nil)
	m = drive(t, m, keys("t")...)
	if !m.prompt.active {
		t.Fatal("t should open the tag prompt")
	}
	m = drive(t, m, keys("To Read")...)
	m = drive(t, m, press(tea.KeyEnter))
	first := m.c.paper(m.selectedPaper())
	if got := lib.mark(first.ID).Tags; len(got) != 1 || got[0] != "to-read" {
		t.Fatalf("tags after adding \"To Read\" = %v, want [to-read]", got)
	}
	// On another paper, tab completes the existing tag.
	m = drive(t, m, keys("jt")...)
	m = drive(t, m, keys("to")...)
	m = drive(t, m, press(tea.KeyTab))
	if m.prompt.input.Value() != "to-read" {
		t.Fatalf("tab completed to %q", m.prompt.input.Value())
	}
	m = drive(t, m, press(tea.KeyEnter))
	second := m.c.paper(m.selectedPaper())
	if got := lib.mark(second.ID).Tags; len(got) != 1 || got[0] != "to-read" {
		t.Fatalf("second paper tags = %v", got)
	}
	// T then enter on an empty line does nothing; tab completes the tag.
	m = drive(t, m, keys("T")...)
	m = drive(t, m, press(tea.KeyEnter))
	if got := lib.mark(second.ID).Tags; len(got) != 1 {
		t.Fatalf("T and enter alone removed a tag: %v", got)
	}
	m = drive(t, m, keys("T")...)
	m = drive(t, m, press(tea.KeyTab), press(tea.KeyEnter))
	if got := lib.mark(second.ID).Tags; len(got) != 0 {
		t.Fatalf("T left tags %v", got)
	}
	// esc cancels without writing.
	writes := lib.writes
	m = drive(t, m, keys("tx")...)
	m = drive(t, m, press(tea.KeyEsc))
	if m.prompt.active || lib.writes != writes {
		t.Error("esc should cancel the prompt without writing")
	}
}

func TestTagPaneFiltersTheList(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 160, 48, lib, nil)
	if len(m.tags.entries) == 0 {
		t.Fatal("no tags in the pane: topics should fill it")
	}
	m = drive(t, m, press(tea.KeyShiftTab))
	if m.focus != paneTags {
		t.Fatalf("shift+tab from the list should reach the tags (focus %v)", m.focus)
	}
	entry := m.tags.entries[0]
	m = drive(t, m, keys(" ")...)
	if m.list.total() != entry.Count {
		t.Errorf("selecting %q shows %d papers, want %d", entry.Name, m.list.total(), entry.Count)
	}
	if !strings.Contains(m.View(), "#"+entry.Key) {
		t.Error("the active tag filter is not visible")
	}
	m = drive(t, m, keys(" ")...)
	if m.list.total() != 202 {
		t.Errorf("unselecting the tag should show all papers, got %d", m.list.total())
	}
}

func TestSortCycles(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	m = drive(t, m, keys("s")...)
	if m.order != model.SortTitle {
		t.Fatalf("s should sort by title, got %v", m.order)
	}
	rows := m.list.result.Rows(0, 5)
	for i := 1; i < len(rows); i++ {
		a, b := model.Fold(m.c.paper(rows[i-1].Paper).Title), model.Fold(m.c.paper(rows[i].Paper).Title)
		if a > b {
			t.Errorf("not in title order: %q before %q", a, b)
		}
	}
	m = drive(t, m, keys("s")...)
	if m.order != model.SortRelevance || m.list.result.Rows(0, 1)[0].Paper != 0 {
		t.Error("the seed has no dates: the second s should return to corpus order")
	}
}

func TestReadMarkNeedsTheSelectionToStay(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 120, 40, lib, nil)
	stale := readTimerMsg{paper: m.selectedPaper(), selection: m.list.selection}
	m = drive(t, m, keys("jjjk")...) // a wheel burst arriving as arrow keys
	m = drive(t, m, stale)
	if lib.writes != 0 {
		t.Fatal("a paper scrolled past was marked read")
	}
	m = drive(t, m, readTimerMsg{paper: m.selectedPaper(), selection: m.list.selection})
	if !lib.mark(m.c.paper(m.selectedPaper()).ID).Read {
		t.Fatal("a paper that stayed open was not marked read")
	}
}

func TestOpenAndCopyOnlyWebLinks(t *testing.T) {
	c := &calls{}
	papers := []model.Paper{
		{Title: "Safe", Abstract: "a", ArxivID: "2405.09673", Links: []model.Link{{Kind: model.LinkAbstract, URL: "https://arxiv.org/abs/2405.09673"}}},
		{Title: "Hostile", Abstract: "b", Links: []model.Link{{Kind: model.LinkAbstract, URL: "file:///etc/passwd"}}},
	}
	for i := range papers {
		papers[i].AssignIDs()
	}
	ix, err := model.BuildIndex(t.Context(), papers)
	if err != nil {
		t.Fatal(err)
	}
	m := newTestModel(testOptions(t, newMemLibrary(), ix, c))
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(t, m, m.Init()())
	m = drive(t, m, press(tea.KeyEnter)) // from the search line to the list
	m = drive(t, m, keys("oy")...)
	_ = drive(t, m, keys("jo")...)
	// Without a web link, o searches arXiv for the title instead; the
	// file: link is never opened.
	want := []string{"https://arxiv.org/abs/2405.09673", "https://arxiv.org/search/?query=Hostile&searchtype=title"}
	if len(c.opened) != 2 || c.opened[0] != want[0] || c.opened[1] != want[1] {
		t.Errorf("opened %v; want %v", c.opened, want)
	}
	if len(c.copied) != 1 || c.copied[0] != "https://arxiv.org/abs/2405.09673" {
		t.Errorf("copied %v", c.copied)
	}
}

func TestNoteIsEditedInTheEditor(t *testing.T) {
	lib := newMemLibrary()
	m, files := noteEditing(t, lib)
	m = drive(t, m, keys("n")...)
	if files.last == "" {
		t.Fatal("n did not prepare a note file")
	}
	// The editor ran and left text in the file.
	if err := os.WriteFile(files.last, []byte("Read \x1b[31msection 3\n\n\n\nagain"), 0o600); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, editorDoneMsg{paper: m.selectedPaper(), path: files.last})
	got := lib.mark(m.c.paper(m.selectedPaper()).ID).Note
	if got != "Read section 3\n\nagain" {
		t.Errorf("note = %q", got)
	}
	if _, err := os.Stat(files.last); !os.IsNotExist(err) {
		t.Error("the note's temporary file was left behind")
	}
}

type dirNoteFiles struct {
	dir    string
	last   string
	edited []string // the files the editor ran on
}

func (d *dirNoteFiles) Create(note string) (string, error) {
	d.last = filepath.Join(d.dir, "note.md")
	return d.last, os.WriteFile(d.last, []byte(note), 0o600)
}

func (d *dirNoteFiles) Read(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

func (d *dirNoteFiles) Remove(path string) { os.Remove(path) }

func TestMouseWheelScrollsAndClickSelects(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 120, 20, lib, nil) // short, so the detail pane has something to scroll
	list := m.rects[paneList]
	m = drive(t, m, tea.MouseMsg{X: list.x + 2, Y: list.y + 1, Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	if m.list.offset == 0 {
		t.Error("the wheel over the list did not scroll it")
	}
	m = drive(t, m, tea.MouseMsg{X: list.x + 2, Y: list.y + 5, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if m.list.cursor != m.list.offset+5 {
		t.Errorf("click selected row %d, want %d", m.list.cursor, m.list.offset+5)
	}
	detail := m.rects[paneDetail]
	before := m.list.cursor
	m = drive(t, m, tea.MouseMsg{X: detail.x + 2, Y: detail.y + 1, Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	if m.list.cursor != before || m.detail.offset == 0 {
		t.Errorf("the wheel over the detail pane should scroll it (offset %d), not the list", m.detail.offset)
	}
	if lib.writes != 0 {
		t.Error("scrolling marked papers read")
	}
}

func TestHelpShowsKeysAndQueryLanguage(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	m = drive(t, m, keys("?")...)
	view := checkScreen(t, m, 120, 40)
	for _, want := range []string{"Query language", "bookmark", "is:bookmarked", "tag:NAME"} {
		if !strings.Contains(view, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	m = drive(t, m, press(tea.KeyEsc))
	if m.helpPage.open {
		t.Error("esc should close the help")
	}
	// On a small screen the help scrolls.
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = drive(t, m, keys("?")...)
	if strings.Contains(checkScreen(t, m, 80, 24), "has:code") {
		t.Fatal("expected the end of the help to be off screen at 80x24")
	}
	m = drive(t, m, keys(strings.Repeat("j", 40))...)
	if !strings.Contains(checkScreen(t, m, 80, 24), "has:code") {
		t.Error("scrolling did not bring the end of the help into view")
	}
}

func TestHostileCorpusTextNeverReachesTheScreen(t *testing.T) {
	hostile := "Get trending papers in your email inbox!\nEvil \x1b]52;c;aGk=\x07Title \x1b[2J\u202eright\n" +
		"An abstract with \x1b[31mred\x1b[0m, a bell\x07, a NUL \x00 and an OSC 8 \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ that is long enough to be an abstract of a paper for the detector to accept it as such.\n"
	papers, err := corpus.Parse("hostile.txt", strings.NewReader(hostile))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := model.BuildIndex(t.Context(), papers)
	if err != nil {
		t.Fatal(err)
	}
	m := newTestModel(testOptions(t, newMemLibrary(), ix, &calls{}))
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(t, m, m.Init()())
	m = drive(t, m, press(tea.KeyEnter)) // from the search line to the list
	view := checkScreen(t, m, 120, 40)
	for _, bad := range []string{"\x07", "\x00", "\u202e", "]52;"} {
		if strings.Contains(view, bad) {
			t.Errorf("view contains %q", bad)
		}
	}
	if !strings.Contains(view, "Evil") {
		t.Errorf("the paper is not shown:\n%s", view)
	}
}

func TestRelatedPapersInTheDetailPane(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	if len(m.detail.related) != 5 {
		t.Fatalf("the detail pane lists %d related papers, want 5", len(m.detail.related))
	}
	if !strings.Contains(m.View(), "Related papers") {
		t.Fatal("related papers are not shown")
	}
	second := m.detail.related[1].Paper
	m = drive(t, m, press(tea.KeyTab))
	if m.focus != paneDetail {
		t.Fatalf("tab from the list should focus the detail pane, focus %v", m.focus)
	}
	m = drive(t, m, keys("]")...)
	if !strings.Contains(m.View(), "▸") {
		t.Error("the marked related paper is not shown")
	}
	m = drive(t, m, press(tea.KeyEnter))
	if m.selectedPaper() != second {
		t.Errorf("enter went to paper %d, want the second related paper %d", m.selectedPaper(), second)
	}
	// A number key goes to a related paper from the list too.
	third := m.detail.related[2].Paper
	m = drive(t, m, press(tea.KeyShiftTab))
	m = drive(t, m, keys("3")...)
	if m.selectedPaper() != third {
		t.Errorf("3 went to paper %d, want %d", m.selectedPaper(), third)
	}
	// The paper may be hidden by the filter: the filter is then cleared.
	m = drive(t, m, keys("/qqqzzz")...)
	m = drive(t, m, press(tea.KeyEnter))
	if m.list.total() != 0 {
		t.Fatalf("qqqzzz should match nothing, got %d", m.list.total())
	}
	cmd := m.jumpTo(7)
	m = drive(t, m, cmd())
	if m.selectedPaper() != 7 || m.search.Value() != "" {
		t.Errorf("jumping to a filtered-out paper: selected %d, query %q", m.selectedPaper(), m.search.Value())
	}
}

func TestPapersShowBeforeTheirWordsAreIndexed(t *testing.T) {
	var held []tea.Msg
	stillIndexing := func(msg tea.Msg) bool {
		if _, ok := msg.(indexedMsg); ok {
			held = append(held, msg)
			return true
		}
		return false
	}
	m := newTestModel(testOptions(t, newMemLibrary(), loadSeed(t), &calls{}))
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = driveDropping(t, m, stillIndexing, m.Init()())
	if len(held) != 1 || m.c.Index.HasText() {
		t.Fatalf("expected the word index to be pending (held %d)", len(held))
	}
	if view := m.View(); !strings.Contains(view, "Papers 202/202") {
		t.Fatalf("the papers are not listed while indexing:\n%s", view)
	}
	m = driveDropping(t, m, stillIndexing, keys("/lora")...)
	if !strings.Contains(m.View(), "Indexing") || m.list.total() != 202 {
		t.Fatalf("a word search while indexing should say so and keep the list (%d rows)", m.list.total())
	}
	m = drive(t, m, held[0])
	if m.list.total() != 32 || strings.Contains(m.View(), "Indexing") {
		t.Errorf("once indexed the pending search should run: %d rows", m.list.total())
	}
}

func TestIsNewShowsTheLatestLoad(t *testing.T) {
	lib := newMemLibrary()
	ix := loadSeed(t)
	lib.load, lib.newKeys = 3, []string{ix.Paper(5).ID, ix.Paper(9).ID}
	m := started(t, 120, 40, lib, nil)
	m = drive(t, m, keys("/is:new")...)
	if m.list.total() != 2 {
		t.Fatalf("is:new shows %d papers, want 2", m.list.total())
	}
	if got := m.list.result.Rows(0, 2); got[0].Paper != 5 || got[1].Paper != 9 {
		t.Errorf("is:new rows %+v", got)
	}
}

// heldLibrary blocks writes until released, as another process holding
// the library's write lock would.
type heldLibrary struct {
	*memLibrary
	release chan struct{}
}

func (h heldLibrary) SetBookmarks(papers []*model.Paper, on bool) error {
	<-h.release
	return h.memLibrary.SetBookmarks(papers, on)
}

func TestQuitWaitsForPendingWrites(t *testing.T) {
	lib := heldLibrary{newMemLibrary(), make(chan struct{})}
	m := newTestModel(testOptions(t, lib, loadSeed(t), &calls{}))
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(t, m, m.Init()())
	m = drive(t, m, press(tea.KeyEnter)) // from the search line to the list
	next, write := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'b'}})
	m = next.(Model)
	next, quit := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'q'}})
	m = next.(Model)
	if m.quitting || quit != nil {
		t.Fatal("q quit with a bookmark still on its way to the library")
	}
	if !strings.Contains(m.View(), "Saving") {
		t.Error("the wait is not explained")
	}
	close(lib.release)
	next, cmd := m.Update(write())
	m = next.(Model)
	if !m.quitting {
		t.Fatal("the browser did not quit once the write was saved")
	}
	_ = cmd
	if !lib.mark(m.c.paper(0).ID).Bookmarked() {
		t.Error("the bookmark was lost")
	}
}

func TestQuickTogglesAreQueuedInOrder(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 120, 40, lib, nil)
	// Two presses before either write finished: one on, one off.
	next, first := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'b'}})
	m = next.(Model)
	next, second := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'b'}})
	m = next.(Model)
	if second != nil {
		t.Fatal("a second write started while the first was running")
	}
	m = drive(t, m, first())
	if lib.mark(m.c.paper(0).ID).Bookmarked() {
		t.Error("b pressed twice should leave the paper unbookmarked")
	}
	if lib.writes != 2 {
		t.Errorf("%d writes, want 2", lib.writes)
	}
}

func TestKeysTypedAheadAreEachHandled(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 120, 40, lib, nil)
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jjb")})
	if m.list.cursor != 2 || !lib.mark(m.c.paper(2).ID).Bookmarked() {
		t.Errorf("\"jjb\" in one message: cursor %d, bookmarked %v", m.list.cursor, lib.mark(m.c.paper(2).ID).Bookmarked())
	}
	m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/lora")})
	if !m.search.Focused() || m.search.Value() != "lora" || m.list.total() != 32 {
		t.Errorf("\"/lora\" in one message: focused %v, query %q, %d rows", m.search.Focused(), m.search.Value(), m.list.total())
	}
}

// failingNotes is a library whose notes cannot be saved.
type failingNotes struct{ *memLibrary }

func (failingNotes) SetNote(*model.Paper, string) error { return errReadOnly }

func (failingNotes) SetNoteIf(*model.Paper, string, string) (bool, string, error) {
	return false, "", errReadOnly
}

func TestANoteThatCannotBeSavedIsKept(t *testing.T) {
	m, files := noteEditing(t, failingNotes{newMemLibrary()})
	m = drive(t, m, keys("n")...)
	if err := os.WriteFile(files.last, []byte("an hour of thoughts"), 0o600); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, editorDoneMsg{paper: m.selectedPaper(), path: files.last})
	if b, err := os.ReadFile(files.last); err != nil || string(b) != "an hour of thoughts" {
		t.Fatalf("the unsaved note's file is gone: %v", err)
	}
	if !strings.Contains(m.status.text, files.last) {
		t.Errorf("the status should say where the note is: %q", m.status.text)
	}
}

func TestLateMarksDoNotOverwriteNewerOnes(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 120, 40, lib, nil)
	old := marksLoadedMsg{marks: m.c.Marks, index: m.c.Index}
	m = drive(t, m, keys("b")...)
	m = drive(t, m, old)
	if !m.c.Mark(0).Bookmarked() {
		t.Error("an older snapshot of the marks replaced the newer one")
	}
}

// y puts a link on the clipboard, from where it is pasted into browsers
// and shells: only http(s) links, like o, and a web link of a lesser kind
// is not hidden by a hostile one.
func TestCopyOnlyWebLinks(t *testing.T) {
	c := &calls{}
	papers := []model.Paper{
		{Title: "Hostile", Abstract: "b", Links: []model.Link{{Kind: model.LinkAbstract, URL: "javascript:alert(1)"}, {Kind: model.LinkPDF, URL: "file:///etc/passwd"}}},
		{Title: "Mixed", Abstract: "a", Links: []model.Link{{Kind: model.LinkAbstract, URL: "javascript:alert(2)"}, {Kind: model.LinkCode, URL: "https://github.com/a/b"}}},
	}
	for i := range papers {
		papers[i].AssignIDs()
	}
	ix, err := model.BuildIndex(t.Context(), papers)
	if err != nil {
		t.Fatal(err)
	}
	m := newTestModel(testOptions(t, newMemLibrary(), ix, c))
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(t, m, m.Init()())
	m = drive(t, m, press(tea.KeyEnter)) // from the search line to the list
	m = drive(t, m, keys("y")...)
	if !strings.Contains(m.status.text, "no web link") {
		t.Errorf("refusing to copy a non-web link should say so, status %q", m.status.text)
	}
	m = drive(t, m, keys("jyo")...)
	if len(c.copied) != 1 || c.copied[0] != "https://github.com/a/b" {
		t.Errorf("copied %v; only the https link may be copied", c.copied)
	}
	if len(c.opened) != 1 || c.opened[0] != "https://github.com/a/b" {
		t.Errorf("opened %v; the code link is the paper's web link", c.opened)
	}
}

// What is typed or pasted into the search line or the tag prompt is
// echoed to the terminal: it is cleaned like corpus text.
func TestTypedControlsAreNotEchoed(t *testing.T) {
	hostile := "lo\u202era\x1b]0;PWNED\x07 \x1b[31mx\u009b1m\u2066y\u2069 "
	bad := []string{"\u202e", "\u2066", "\u2069", "\u009b", "\x1b", "\x07", "]0;", "[31m"}
	check := func(what, s string) {
		t.Helper()
		for _, b := range bad {
			if strings.Contains(s, b) {
				t.Errorf("%s holds %q: %q", what, b, s)
			}
		}
	}
	for _, paste := range []bool{false, true} {
		m := started(t, 120, 40, newMemLibrary(), nil)
		m = drive(t, m, keys("/")...)
		m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(hostile), Paste: paste})
		if got := m.search.Value(); got != "lora xy " {
			t.Errorf("search value %q, want the visible text as typed", got)
		}
		check("the search line", m.search.Value())
		check("the view", m.View())

		m = drive(t, m, tea.KeyMsg{Type: tea.KeyEsc}) // clears the search: a paper to tag
		m = drive(t, m, keys("t")...)
		if !m.prompt.active {
			t.Fatal("t did not open the tag prompt")
		}
		m = drive(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(hostile), Paste: paste})
		check("the tag prompt", m.prompt.input.Value())
		check("the view with the prompt", m.View())
	}
}

func TestHeaderSaysWhatATypoWasTakenFor(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	m = drive(t, m, keys("/loar")...)
	view := checkScreen(t, m, 120, 40)
	if !strings.Contains(view, "Papers 32/202 · row 1 · loar ≈ lora") {
		t.Errorf("the header should name the word the typo was taken for:\n%s", view)
	}
	m = drive(t, m, press(tea.KeyBackspace), press(tea.KeyBackspace), press(tea.KeyBackspace), press(tea.KeyBackspace))
	m = drive(t, m, keys("lora")...)
	if view := checkScreen(t, m, 120, 40); strings.Contains(view, "≈") {
		t.Errorf("a word found as typed needs no note:\n%s", view)
	}
}

func TestSortCycleOffersUpvotesWhenASourceHasThem(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	m.c.Index = model.NewIndex([]model.Paper{{Title: "A", Upvotes: 5}, {Title: "B"}})
	m.order = model.SortTitle
	if got := m.nextOrder(); got != model.SortUpvotes {
		t.Errorf("after title, undated but upvoted: got %v, want upvotes", got)
	}
	m.order = model.SortUpvotes
	if got := m.nextOrder(); got != model.SortRelevance {
		t.Errorf("after upvotes: got %v, want relevance", got)
	}
}
