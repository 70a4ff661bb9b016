package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/papertui/papers/model"
)

// startedInSearch is started without the enter that takes the tests to
// the list: the screen a user first sees.
func startedInSearch(t *testing.T, w, h int, lib *memLibrary) Model {
	t.Helper()
	m := newTestModel(testOptions(t, lib, loadSeed(t), &calls{}))
	m = drive(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return drive(t, m, m.Init()())
}

func TestTypingAWordAtStartNeitherQuitsNorActs(t *testing.T) {
	lib := newMemLibrary()
	c := &calls{}
	opts := testOptions(t, lib, loadSeed(t), c)
	m := newTestModel(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(t, m, m.Init()())
	if !m.search.Focused() {
		t.Fatal("the search line should have focus at start")
	}
	// quantum has a q; robust an o (open) and a b (bookmark).
	for _, word := range []string{"quantum", " robust"} {
		m = drive(t, m, keys(word)...)
	}
	if m.quitting || lib.writes != 0 || len(c.opened) != 0 || m.prompt.active {
		t.Fatalf("typing fired commands: quitting %v, writes %d, opened %v, prompt %v", m.quitting, lib.writes, c.opened, m.prompt.active)
	}
	if m.search.Value() != "quantum robust" {
		t.Errorf("query = %q", m.search.Value())
	}
}

func TestSlashAndQuestionMarkOnAnEmptySearchLine(t *testing.T) {
	m := startedInSearch(t, 120, 40, newMemLibrary())
	m = drive(t, m, keys("/lora")...)
	if m.search.Value() != "lora" {
		t.Errorf("/ at start should not go into the query: %q", m.search.Value())
	}
	m = drive(t, m, press(tea.KeyEsc))
	m = drive(t, m, keys("/")...)
	m = drive(t, m, keys("?")...)
	if !m.helpPage.open {
		t.Error("? on an empty search line should open the help")
	}
}

func TestEscKeepsTheSelectedPaper(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	m = drive(t, m, keys("/dora")...)
	m = drive(t, m, press(tea.KeyEnter))
	m = drive(t, m, keys("j")...)
	sel := m.selectedPaper()
	m = drive(t, m, press(tea.KeyEsc))
	if m.list.total() != 202 {
		t.Fatalf("esc should clear the query, %d rows", m.list.total())
	}
	if m.selectedPaper() != sel {
		t.Errorf("esc moved the selection from %d to %d", sel, m.selectedPaper())
	}
	if m.list.cursor < m.list.offset || m.list.cursor >= m.list.offset+m.list.height {
		t.Errorf("the selected paper is off screen: cursor %d, offset %d", m.list.cursor, m.list.offset)
	}
}

func TestEnterInTheListFocusesTheDetailAndSpacePagesIt(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	m = drive(t, m, press(tea.KeyEnter))
	if m.focus != paneDetail {
		t.Fatalf("enter in the list: focus %v", m.focus)
	}
	before := m.detail.offset
	m = drive(t, m, keys(" ")...)
	if m.detail.offset <= before && m.detail.count > m.detail.height {
		t.Errorf("space did not page the detail pane (offset %d)", m.detail.offset)
	}
}

func TestSelectThreeAndBookmarkThem(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 120, 40, lib, nil)
	m = drive(t, m, keys("   ")...)
	if len(m.c.picked) != 3 {
		t.Fatalf("three spaces picked %d papers", len(m.c.picked))
	}
	if !strings.Contains(m.View(), "3 selected") || !strings.Contains(m.View(), "✓") {
		t.Errorf("the selection is not shown:\n%s", m.View())
	}
	m = drive(t, m, keys("b")...)
	marks, _ := lib.Marks()
	if n := len(marks.ByKey); n != 3 {
		t.Fatalf("b on three selected papers left %d marks", n)
	}
	for p := range m.c.picked {
		if !m.c.Mark(p).Bookmarked() {
			t.Errorf("selected paper %d not bookmarked", p)
		}
	}
	// Tagging goes to the selection too, and undo takes the tag away.
	m = drive(t, m, keys("t")...)
	m = drive(t, m, keys("batch")...)
	m = drive(t, m, press(tea.KeyEnter))
	for p := range m.c.picked {
		if tags := m.c.Mark(p).Tags; len(tags) != 1 || tags[0] != "batch" {
			t.Errorf("selected paper %d tags %v", p, tags)
		}
	}
	m = drive(t, m, keys("u")...)
	for p := range m.c.picked {
		if tags := m.c.Mark(p).Tags; len(tags) != 0 {
			t.Errorf("undo left tags %v on %d", tags, p)
		}
	}
	m = drive(t, m, keys("X")...)
	if len(m.c.picked) != 0 {
		t.Error("X should clear the selection")
	}
}

func TestMarkVisibleReadThenUndo(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 120, 40, lib, nil)
	// One paper read before: undo must leave it read.
	m = drive(t, m, keys("jm")...)
	already := m.selectedPaper()
	m = drive(t, m, keys("/lora")...)
	m = drive(t, m, press(tea.KeyEnter))
	m = drive(t, m, keys("M")...)
	read := 0
	for _, p := range m.visible() {
		if m.c.Mark(p).Read {
			read++
		}
	}
	if read != m.list.total() || read != 32 {
		t.Fatalf("M marked %d of %d shown papers read", read, m.list.total())
	}
	if !strings.Contains(m.View(), "·") {
		t.Error("read papers carry no glyph")
	}
	m = drive(t, m, keys("u")...)
	marks, _ := lib.Marks()
	for _, p := range m.visible() {
		if m.c.Mark(p).Read {
			t.Errorf("paper %d still read after undo", p)
		}
	}
	if !marks.For(m.c.paper(already)).Read {
		t.Error("undo unmarked a paper read before the bulk change")
	}
}

func TestNextUnreadAndHideRead(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	m = drive(t, m, keys("mjmk")...) // rows 0 and 1 read, back on row 0
	m = drive(t, m, keys("N")...)
	if m.list.cursor != 2 {
		t.Errorf("N went to row %d, want the first unread, 2", m.list.cursor)
	}
	m = drive(t, m, keys("P")...)
	if !strings.Contains(m.status.text, "No unread") {
		t.Errorf("P with no unread above: status %q", m.status.text)
	}
	m = drive(t, m, keys("R")...)
	if m.list.total() != 200 {
		t.Errorf("R should hide the 2 read papers: %d rows", m.list.total())
	}
	m = drive(t, m, keys("c")...)
	if m.list.total() != 202 || m.hideRead {
		t.Errorf("c should clear every filter: %d rows", m.list.total())
	}
}

func TestReadDelayZeroMeansOnlyTheKey(t *testing.T) {
	lib := newMemLibrary()
	opts := testOptions(t, lib, loadSeed(t), &calls{})
	opts.ReadAfter = -1
	m := newTestModel(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(t, m, m.Init()())
	m.clock.stopped = false // only around this call: the poll would tick forever
	cmd := m.syncDetail(true)
	m.clock.stopped = true
	for _, msg := range flatten(cmd) {
		if _, ok := msg.(readTimerMsg); ok {
			t.Error("a read timer started with read_after = 0")
		}
	}
	m = drive(t, m, press(tea.KeyEnter))
	m = drive(t, m, keys("?")...)
	if !strings.Contains(m.View(), "only with m") {
		t.Errorf("the help does not say papers are read only with m:\n%s", m.View())
	}
}

// flatten runs cmd and the commands of any batch it returns.
func flatten(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, flatten(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func TestTagCompletionOffersTopics(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	m = drive(t, m, keys("t")...)
	if len(m.prompt.choices) == 0 || !containsTopic(m, m.prompt.choices) {
		t.Errorf("tag completion lacks the topics: %v", m.prompt.choices)
	}
}

func containsTopic(m Model, choices []string) bool {
	for _, c := range choices {
		if tag, err := model.NormalizeTag(c); err == nil && m.c.Topics != nil {
			for _, tp := range m.c.Topics.List {
				if tp.Key == tag {
					return true
				}
			}
		}
	}
	return false
}

func TestSavedSearchInTheTagPane(t *testing.T) {
	lib := newMemLibrary()
	lib.saved = []model.SavedSearch{{Name: "lora-watch", Query: "lora"}}
	m := started(t, 160, 48, lib, nil)
	view := checkScreen(t, m, 160, 48)
	if !strings.Contains(view, "⌕ lora-watch") || !strings.Contains(view, " 32") {
		t.Fatalf("the saved search and its count are not in the tag pane:\n%s", view)
	}
	m = drive(t, m, press(tea.KeyShiftTab))
	if m.focus != paneTags {
		t.Fatalf("focus %v", m.focus)
	}
	m = drive(t, m, press(tea.KeyEnter))
	if m.search.Value() != "lora" || m.list.total() != 32 {
		t.Errorf("enter on the saved search: query %q, %d rows", m.search.Value(), m.list.total())
	}
}

func TestHideTopicCanBeUndone(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 160, 48, lib, nil)
	m = drive(t, m, press(tea.KeyShiftTab))
	e, ok := m.tags.Current()
	if !ok || !e.Topic {
		t.Fatalf("the first tag is not a topic: %+v", e)
	}
	m = drive(t, m, keys("x")...)
	if !lib.hidden[e.Key] {
		t.Fatal("x did not hide the topic")
	}
	m = drive(t, m, keys("u")...)
	if lib.hidden[e.Key] || !strings.Contains(m.status.text, "Undone") {
		t.Errorf("u did not unhide %s (status %q)", e.Key, m.status.text)
	}
}

// TestTagCountsAreCountsWithinTheResult: the tag pane counts papers of
// the current result, so picking a tag shows as many papers as its count
// said, and so does picking a second one; c clears every filter.
func TestTagCountsAreCountsWithinTheResult(t *testing.T) {
	m := startedInSearch(t, 160, 48, newMemLibrary())
	m = drive(t, m, keys("lora")...)
	m = drive(t, m, press(tea.KeyEnter))
	if m.list.total() != 32 {
		t.Fatalf("lora: %d rows", m.list.total())
	}
	for _, e := range m.tags.entries {
		if e.Count > 32 {
			t.Fatalf("%s counts %d of a result of 32", e.Key, e.Count)
		}
	}
	m = drive(t, m, press(tea.KeyShiftTab))
	for pick := range 2 {
		for {
			e, ok := m.tags.Current()
			if !ok {
				t.Fatalf("pick %d: no tag with papers in the result", pick)
			}
			if e.Count > 0 && !m.tags.selected[e.Key] {
				break
			}
			m = drive(t, m, keys("j")...)
		}
		e, _ := m.tags.Current()
		m = drive(t, m, keys(" ")...)
		if m.list.total() != e.Count {
			t.Errorf("pick %d: %q counted %d, the list shows %d", pick, e.Key, e.Count, m.list.total())
		}
	}
	m = drive(t, m, keys("c")...)
	if m.list.total() != 202 || m.search.Value() != "" {
		t.Errorf("c left %d rows, query %q", m.list.total(), m.search.Value())
	}
}

// TestEscClearsTheQueryThenTheTagFilters: outside the search line esc
// undoes one layer of filtering at a time, the query first, then the
// tags, and the paper the reader is on stays selected.
func TestEscClearsTheQueryThenTheTagFilters(t *testing.T) {
	m := startedInSearch(t, 160, 48, newMemLibrary())
	m = drive(t, m, keys("lora")...)
	m = drive(t, m, press(tea.KeyEnter), press(tea.KeyShiftTab))
	for {
		e, ok := m.tags.Current()
		if !ok {
			t.Fatal("no tag with papers in the result")
		}
		if e.Count > 1 && e.Count < 32 {
			break
		}
		m = drive(t, m, keys("j")...)
	}
	tag, _ := m.tags.Current()
	m = drive(t, m, keys(" ")...)
	m = drive(t, m, press(tea.KeyTab))
	selected := m.selectedPaper()
	m = drive(t, m, press(tea.KeyEsc))
	if m.search.Value() != "" || !m.tags.selected[tag.Key] {
		t.Fatalf("first esc: query %q, tag %q picked %v; want the query gone, the tag kept", m.search.Value(), tag.Key, m.tags.selected[tag.Key])
	}
	if m.selectedPaper() != selected {
		t.Errorf("first esc moved the selection from paper %d to %d", selected, m.selectedPaper())
	}
	m = drive(t, m, press(tea.KeyEsc))
	if len(m.tags.selected) != 0 || m.list.total() != 202 {
		t.Fatalf("second esc: tags %v, %d rows; want no filter, 202 rows", m.tags.selected, m.list.total())
	}
	if m.selectedPaper() != selected {
		t.Errorf("second esc moved the selection from paper %d to %d", selected, m.selectedPaper())
	}
}

// TestWaitingAtTheSearchLineMarksNothingRead: at start the search line
// has focus and the user is typing, not reading: the top paper is not
// marked read however long they wait, until they leave the search line.
func TestWaitingAtTheSearchLineMarksNothingRead(t *testing.T) {
	lib := newMemLibrary()
	m := startedInSearch(t, 120, 40, lib)
	timer := readTimerMsg{paper: m.selectedPaper(), selection: m.list.selection}
	m = drive(t, m, timer)
	if lib.writes != 0 {
		t.Fatal("waiting at the search line marked the top paper read")
	}
	m = drive(t, m, press(tea.KeyEnter)) // to the list, on the same paper
	m = drive(t, m, timer)
	if !lib.mark(m.c.paper(m.selectedPaper()).ID).Read {
		t.Fatal("the paper that stayed open in the list was not marked read")
	}
}

// TestSavedSearchCountsItsNewPapers: a saved search's line in the tag
// pane says how many of its papers the latest load added ("+N").
func TestSavedSearchCountsItsNewPapers(t *testing.T) {
	lib := newMemLibrary()
	ix := loadSeed(t)
	var lora []string
	for i := range ix.Len() {
		if p := ix.Paper(i); strings.HasPrefix(p.Title, "LoRA") && len(lora) < 2 {
			lora = append(lora, p.ID)
		}
	}
	lib.load, lib.newKeys = 3, append(lora, ix.Paper(0).ID) // paper 0 is not about LoRA
	lib.saved = []model.SavedSearch{{Name: "lora-watch", Query: "lora"}}
	m := started(t, 160, 48, lib, nil)
	for _, l := range strings.Split(checkScreen(t, m, 160, 48), "\n") {
		if strings.Contains(l, "⌕ lora-watch") {
			if tag, _, _ := strings.Cut(l, "│"); !strings.Contains(tag, "32 +2") {
				t.Errorf("the saved search's line does not say 32 papers, 2 new: %q", tag)
			}
			return
		}
	}
	t.Fatal("the saved search is not in the tag pane")
}

// TestAnOlderSavedCountDoesNotOverwriteANewerOne: a count of the saved
// searches started before the load was recorded (no new papers known) may
// finish after the one started once it was; the pane keeps the newer.
func TestAnOlderSavedCountDoesNotOverwriteANewerOne(t *testing.T) {
	lib := newMemLibrary()
	ix := loadSeed(t)
	lib.saved = []model.SavedSearch{{Name: "lora-watch", Query: "lora"}}
	m := started(t, 160, 48, lib, nil)
	stale := m.countSaved()
	var lora []string
	for i := range ix.Len() {
		if p := ix.Paper(i); strings.HasPrefix(p.Title, "LoRA") && len(lora) < 2 {
			lora = append(lora, p.ID)
		}
	}
	lib.load, lib.newKeys = 3, lora
	m = drive(t, m, seenRecordedMsg{index: m.c.Index})
	savedLine := func() string {
		for _, l := range strings.Split(checkScreen(t, m, 160, 48), "\n") {
			if tag, _, _ := strings.Cut(l, "│"); strings.Contains(tag, "⌕ lora-watch") {
				return tag
			}
		}
		t.Fatal("the saved search is not in the tag pane")
		return ""
	}
	if tag := savedLine(); !strings.Contains(tag, "32 +2") {
		t.Fatalf("after the load was recorded: %q, want 32 +2", tag)
	}
	m = drive(t, m, stale())
	if tag := savedLine(); !strings.Contains(tag, "32 +2") {
		t.Errorf("the older count overwrote the newer: %q, want 32 +2", tag)
	}
}

// TestHelpListsTheDailySkimKeys: ? lists every action of issue 14 with
// its key, triage mode and saving a search among them.
func TestHelpListsTheDailySkimKeys(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	m = drive(t, m, keys("?")...)
	help := ansi.Strip(strings.Join(m.helpLines(), "\n"))
	k := m.c.keys
	for _, b := range []key.Binding{k.Select, k.SelectAll, k.ClearSelection, k.MarkVisibleRead, k.Undo,
		k.NextUnread, k.PrevUnread, k.HideRead, k.Triage, k.Back, k.Forward, k.OpenPDF, k.ClearFilters,
		k.SaveSearch, k.TriageKeep, k.TriageSkip} {
		if !strings.Contains(help, b.Help().Desc) {
			t.Errorf("? does not list %q (%s)", b.Help().Desc, b.Help().Key)
		}
	}
}

// TestMovingWhileASearchRunsKeepsTheNewSelection: a search that keeps the
// selection (a re-sort, the index arriving) keeps the paper selected when
// its result arrives, not the one selected when it started: the cursor
// does not jump back under the user's keys.
func TestMovingWhileASearchRunsKeepsTheNewSelection(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	model, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("s")})
	m = model.(Model)
	m = drive(t, m, keys("jj")...)
	want := m.selectedPaper()
	m = drive(t, m, flatten(cmd)...)
	if got := m.selectedPaper(); got != want {
		t.Errorf("the re-sort's result moved the selection from paper %d back to %d", want, got)
	}
}
