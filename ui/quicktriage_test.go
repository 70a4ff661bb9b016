package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

func TestQuickTriageKeepsTagsSkipsAndGoesBack(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 80, 24, lib, nil)
	m = drive(t, m, keys("/lora")...)
	m = drive(t, m, press(tea.KeyEnter))
	total := m.list.total()
	if total < 4 {
		t.Fatalf("lora should find several papers, got %d", total)
	}
	first := m.selectedPaper()
	// One paper read already: the run leaves it out.
	m = drive(t, m, keys("m")...)
	m = drive(t, m, keys("v")...)
	if !m.triage.active {
		t.Fatal("v did not start quick triage")
	}
	if len(m.triage.papers) != total-1 || m.triage.current() == first {
		t.Fatalf("the run has %d papers starting at %d; want the %d unread ones", len(m.triage.papers), m.triage.current(), total-1)
	}
	view := checkScreen(t, m, 80, 24)
	p0 := m.triage.current()
	if !strings.Contains(view, "Triage 1/") || !strings.Contains(view, "0 kept") {
		t.Errorf("no progress line:\n%s", view)
	}
	if !strings.Contains(view, m.c.paper(p0).Title[:20]) {
		t.Errorf("the paper's title is not shown:\n%s", view)
	}
	// keep: bookmarked and read, on to the next
	m = drive(t, m, keys("b")...)
	if mk := lib.mark(m.c.paper(p0).ID); !mk.Bookmarked() || !mk.Read {
		t.Errorf("keep: mark %+v, want bookmarked and read", mk)
	}
	p1 := m.triage.current()
	if p1 == p0 || !strings.Contains(m.View(), "Triage 2/") || !strings.Contains(m.View(), "1 kept") {
		t.Fatalf("keep did not go on:\n%s", m.View())
	}
	// tag: the prompt, for this paper; the run stays on it
	m = drive(t, m, keys("t")...)
	if !m.prompt.active {
		t.Fatal("t did not open the tag prompt")
	}
	m = drive(t, m, keys("later")...)
	m = drive(t, m, press(tea.KeyEnter))
	if tags := lib.mark(m.c.paper(p1).ID).Tags; len(tags) != 1 || tags[0] != "later" {
		t.Errorf("tags %v", tags)
	}
	if m.triage.current() != p1 || !m.triage.active {
		t.Fatal("tagging left the paper")
	}
	// skip: read, not bookmarked
	m = drive(t, m, keys(" ")...)
	if mk := lib.mark(m.c.paper(p1).ID); mk.Bookmarked() || !mk.Read {
		t.Errorf("skip: mark %+v, want read only", mk)
	}
	// back
	m = drive(t, m, press(tea.KeyBackspace))
	if m.triage.current() != p1 {
		t.Errorf("back went to %d, want %d", m.triage.current(), p1)
	}
	// Letters of the browser do nothing here: q leaves, it does not quit.
	m = drive(t, m, keys("q")...)
	if m.quitting || m.triage.active {
		t.Fatalf("q in triage: quitting %v, still in triage %v", m.quitting, m.triage.active)
	}
	if m.selectedPaper() != p1 {
		t.Errorf("leaving put the cursor on %d, want %d, where the run was", m.selectedPaper(), p1)
	}
}

func TestQuickTriageEndsAfterTheLastPaper(t *testing.T) {
	m := started(t, 120, 40, newMemLibrary(), nil)
	m = drive(t, m, keys("/lora")...)
	m = drive(t, m, press(tea.KeyEnter))
	m = drive(t, m, keys("v")...)
	n := len(m.triage.papers)
	last := m.triage.papers[n-1]
	for range n {
		m = drive(t, m, keys(" ")...)
	}
	if m.triage.active {
		t.Fatal("the run did not end after its last paper")
	}
	if m.selectedPaper() != last || !strings.Contains(m.status.text, "Triage done") {
		t.Errorf("after the run: cursor %d (want %d), status %q", m.selectedPaper(), last, m.status.text)
	}
	// Everything is read now: a second run has nothing to show.
	m = drive(t, m, keys("v")...)
	if m.triage.active || !strings.Contains(m.status.text, "No unread paper") {
		t.Errorf("a run with nothing unread: active %v, status %q", m.triage.active, m.status.text)
	}
}

func TestQuickTriageScrollsALongAbstractAndFitsEverySize(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 60}, {40, 10}} {
		m := started(t, size[0], size[1], newMemLibrary(), nil)
		m = drive(t, m, keys("v")...)
		checkScreen(t, m, size[0], size[1])
		if size[1] == 10 {
			before := m.triage.scroll.offset
			m = drive(t, m, keys("j")...)
			if m.triage.scroll.offset == before {
				t.Error("j does not scroll the paper in a short terminal")
			}
			if !strings.Contains(m.View(), "lines 2-") {
				t.Errorf("no position in the progress line:\n%s", m.View())
			}
		}
		m = drive(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
		checkScreen(t, m, 100, 30)
	}
}

// The read timer of the paper the list was on when triage began does not
// mark it read behind the run: the user is reading another paper.
func TestNoReadTimerMarkDuringTriage(t *testing.T) {
	lib := newMemLibrary()
	m := started(t, 120, 40, lib, nil)
	m = drive(t, m, keys("j")...)
	p := m.selectedPaper()
	m = drive(t, m, keys("v")...)
	m = drive(t, m, readTimerMsg{paper: p, selection: m.list.selection})
	if lib.mark(m.c.paper(p).ID).Read {
		t.Error("the list's paper was marked read while triage ran")
	}
}

func TestQuickTriageRunIsBounded(t *testing.T) {
	ix, err := model.BuildIndex(t.Context(), synthetic.Papers(maxTriage+50, 1))
	if err != nil {
		t.Fatal(err)
	}
	m := newTestModel(testOptions(t, newMemLibrary(), ix, &calls{}))
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = drive(t, m, m.Init()())
	m = drive(t, m, press(tea.KeyEnter), keys("v")[0])
	if len(m.triage.papers) != maxTriage || !strings.Contains(m.View(), "more below: v again") {
		t.Errorf("a run over %d unread papers has %d:\n%s", maxTriage+50, len(m.triage.papers), m.View())
	}
}
