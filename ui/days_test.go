package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

// datedSeed is the seed corpus announced over nine days up to
// 2026-11-30, paper i on day i%9 before it.
func datedSeed(t testing.TB) []model.Paper {
	papers := slices.Clone(loadSeed(t).Papers())
	last := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	for i := range papers {
		papers[i].Announced = last.AddDate(0, 0, -(i % 9))
	}
	return papers
}

// startedWith is started with papers as the corpus.
func startedWith(t testing.TB, w, h int, lib *memLibrary, papers []model.Paper) Model {
	t.Helper()
	opts := testOptions(t, lib, loadSeed(t), &calls{})
	opts.Load = func(context.Context) ([]model.Paper, []error, error) { return papers, nil, nil }
	m := newTestModel(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = drive(t, m, m.Init()())
	return drive(t, m, press(tea.KeyEnter))
}

func TestTagPaneListsRecentDaysAndFiltersByOne(t *testing.T) {
	m := startedWith(t, 160, 48, newMemLibrary(), datedSeed(t))
	days := m.tags.days
	if len(days) != recentDays || days[0] != (dayCount{"2026-11-30", 23}) || days[6] != (dayCount{"2026-11-24", 22}) {
		t.Fatalf("the tag pane lists %v, want the 7 days from 2026-11-30 (23 papers) back", days)
	}
	for i := 1; i < len(days); i++ {
		if days[i-1].Day <= days[i].Day {
			t.Fatalf("days not newest first: %v", days)
		}
	}
	view := checkScreen(t, m, 160, 48)
	if !strings.Contains(view, days[0].Day) {
		t.Fatalf("the newest day %s is not on screen:\n%s", days[0].Day, view)
	}
	// The days follow the saved searches (none here): the first rows.
	m = drive(t, m, press(tea.KeyShiftTab))
	m = drive(t, m, press(tea.KeyEnter))
	if m.list.total() != days[0].Count {
		t.Errorf("enter on %s shows %d papers, want its count %d", days[0].Day, m.list.total(), days[0].Count)
	}
	for _, h := range m.list.result.Rows(0, m.list.total()) {
		if got := m.c.paper(h.Paper).Day().Format("2006-01-02"); got != days[0].Day {
			t.Fatalf("a paper of %s in the list of %s", got, days[0].Day)
		}
	}
	if !strings.Contains(m.View(), "date:"+days[0].Day) {
		t.Error("the day filter is not shown in the header")
	}
	// Another day replaces the first; the same day again clears it.
	m = drive(t, m, keys("j ")...)
	if m.tags.day != days[1].Day || m.list.total() != days[1].Count {
		t.Errorf("space on the second day: day %q, %d papers; want %s, %d", m.tags.day, m.list.total(), days[1].Day, days[1].Count)
	}
	m = drive(t, m, keys(" ")...)
	if m.tags.day != "" || m.list.total() != 202 {
		t.Errorf("the chosen day again should clear it: day %q, %d papers", m.tags.day, m.list.total())
	}
	// c clears it with every other filter.
	m = drive(t, m, keys(" c")...)
	if m.tags.day != "" || m.list.total() != 202 {
		t.Errorf("c should clear the day: day %q, %d papers", m.tags.day, m.list.total())
	}
}
