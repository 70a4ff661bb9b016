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

// fakeRefresh stands for fetching the feeds: it reports each step sent on
// steps and returns when done is closed or its context is cancelled.
type fakeRefresh struct {
	steps chan string
	done  chan struct{}
}

func (f fakeRefresh) run(ctx context.Context, progress func(string)) error {
	for {
		select {
		case s := <-f.steps:
			progress(s)
		case <-f.done:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// step runs cmd as the program would, handing its message to the model,
// and returns the commands it produced. Batches are flattened; commands
// still waiting (the refresh's reads) are returned, not run.
func stepRefresh(t *testing.T, m Model, msg tea.Msg) (Model, []tea.Cmd) {
	t.Helper()
	next, cmd := m.Update(msg)
	if cmd == nil {
		return next.(Model), nil
	}
	return next.(Model), []tea.Cmd{cmd}
}

// runUntil runs cmds, feeding their messages to m, until one of them is a
// message of the kind stop reports, which it returns with the model.
func runUntil(t *testing.T, m Model, cmds []tea.Cmd, stop func(tea.Msg) bool) (Model, []tea.Cmd) {
	t.Helper()
	for len(cmds) > 0 {
		cmd := cmds[0]
		cmds = cmds[1:]
		got := make(chan tea.Msg, 1)
		go func() { got <- cmd() }()
		var msg tea.Msg
		select {
		case msg = <-got:
		case <-time.After(5 * time.Second):
			t.Fatal("a command never returned")
		}
		if batch, ok := msg.(tea.BatchMsg); ok {
			cmds = append(cmds, batch...)
			continue
		}
		if msg == nil {
			continue
		}
		var more []tea.Cmd
		m, more = stepRefresh(t, m, msg)
		if stop(msg) {
			return m, append(cmds, more...)
		}
		cmds = append(cmds, more...)
	}
	return m, nil
}

func isMsg[T any](msg tea.Msg) bool { _, ok := msg.(T); return ok }

func TestRefreshShowsProgressAndKeepsTheSelection(t *testing.T) {
	lib := newMemLibrary()
	fake := fakeRefresh{steps: make(chan string), done: make(chan struct{})}
	ix := loadSeed(t)
	papers := ix.Papers()[:150]
	loads := 0
	opts := testOptions(t, lib, ix, &calls{})
	opts.Refresh = fake.run
	opts.Load = func(context.Context) ([]model.Paper, []error, error) {
		loads++
		if loads > 1 {
			// The refresh fetched more papers, listed before the old ones:
			// the selected paper's number changes.
			more := slices.Clone(ix.Papers())
			slices.Reverse(more)
			return more, nil, nil
		}
		return papers, nil, nil
	}
	m := newTestModel(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(t, m, m.Init()())
	m = drive(t, m, press(tea.KeyEnter))
	m = drive(t, m, keys("jjjj")...)
	selected := m.c.paper(m.selectedPaper()).ID

	m, cmds := stepRefresh(t, m, keys("r")[0])
	if !m.refresh.active {
		t.Fatal("r did not start a refresh")
	}
	go func() { fake.steps <- "Fetching cs.LG listing 2/3" }()
	m, cmds = runUntil(t, m, cmds, isMsg[refreshProgressMsg])
	line := strings.Split(checkScreen(t, m, 120, 40), "\n")
	if status := line[len(line)-1]; !strings.Contains(status, "Fetching cs.LG listing 2/3 · 0 s") {
		t.Errorf("the status line does not show the progress: %q", status)
	}
	close(fake.done)
	m, _ = runUntil(t, m, cmds, func(tea.Msg) bool { return false })
	m = drive(t, m) // nothing left: the reload and its search ran above
	if m.refresh.active || loads != 2 {
		t.Fatalf("after the refresh: active %v, %d loads (want 2)", m.refresh.active, loads)
	}
	if m.list.total() != ix.Len() {
		t.Errorf("the list shows %d papers after the reload, want %d", m.list.total(), ix.Len())
	}
	if got := m.c.paper(m.selectedPaper()).ID; got != selected {
		t.Errorf("the selection moved from %s to %s", selected, got)
	}
}

func TestRefreshIsCancelled(t *testing.T) {
	for _, cancelKey := range []tea.Msg{keys("r")[0], press(tea.KeyEsc)} {
		fake := fakeRefresh{steps: make(chan string), done: make(chan struct{})}
		opts := testOptions(t, newMemLibrary(), loadSeed(t), &calls{})
		opts.Refresh = fake.run
		m := newTestModel(opts)
		m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
		m = drive(t, m, m.Init()())
		m = drive(t, m, press(tea.KeyEnter))
		m, cmds := stepRefresh(t, m, keys("r")[0])
		var more []tea.Cmd
		m, more = stepRefresh(t, m, cancelKey)
		m, _ = runUntil(t, m, append(cmds, more...), isMsg[refreshDoneMsg])
		if m.refresh.active || !strings.Contains(m.View(), "Refresh cancelled") {
			t.Errorf("%v did not cancel the refresh: active %v\n%s", cancelKey, m.refresh.active, m.View())
		}
	}
}

func TestRefreshWithoutFeedsSaysHowToAddOne(t *testing.T) {
	m := started(t, 200, 40, newMemLibrary(), nil)
	m = drive(t, m, keys("r")...)
	if m.refresh.active || !strings.Contains(m.View(), "No feeds to refresh: add [[feeds]]") {
		t.Errorf("r without feeds:\n%s", m.View())
	}
}
