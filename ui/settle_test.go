package ui

import (
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// trackedModel wraps the model under a teatest program and counts the
// work in flight: commands not yet returned, and messages they returned
// (or the test sent) not yet through Update. When the count is zero, the
// program has nothing left to do, which a quiet period on the output
// cannot tell on a loaded machine (related papers can take longer than
// any quiet period while drawing nothing).
type trackedModel struct {
	inner    tea.Model
	inFlight *atomic.Int64
}

// trackedMsg is a message whose arrival in Update ends a unit of work.
type trackedMsg struct{ msg tea.Msg }

var teaPackage = reflect.TypeOf(tea.QuitMsg{}).PkgPath()

// Init ends the unit of work newTrackedProgram counts for the start.
func (m trackedModel) Init() tea.Cmd {
	defer m.inFlight.Add(-1)
	return m.track(m.inner.Init())
}

func (m trackedModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	tracked, ok := msg.(trackedMsg)
	if ok {
		msg = tracked.msg
		defer m.inFlight.Add(-1)
	}
	next, cmd := m.inner.Update(msg)
	m.inner = next
	return m, m.track(cmd)
}

func (m trackedModel) View() string { return m.inner.View() }

// track counts cmd in flight until what it returns has been handled.
// The runtime's own messages (batches, quitting) pass as they are, a
// batch's commands each counted.
func (m trackedModel) track(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	m.inFlight.Add(1)
	return func() tea.Msg {
		msg := cmd()
		switch msg := msg.(type) {
		case nil:
			m.inFlight.Add(-1)
			return nil
		case tea.BatchMsg:
			batch := make(tea.BatchMsg, len(msg))
			for i, c := range msg {
				batch[i] = m.track(c)
			}
			m.inFlight.Add(-1)
			return batch
		}
		if reflect.TypeOf(msg).PkgPath() == teaPackage {
			m.inFlight.Add(-1)
			return msg
		}
		return trackedMsg{msg}
	}
}

var (
	trackersMu sync.Mutex
	trackers   = map[*teatest.TestModel]*atomic.Int64{}
)

// newTrackedProgram starts m under teatest in a width x height terminal,
// its work counted so that settle knows when it is done: the start
// counts until Init has run, the terminal's size until Update took it.
func newTrackedProgram(t *testing.T, m tea.Model, width, height int) *teatest.TestModel {
	t.Helper()
	inFlight := new(atomic.Int64)
	inFlight.Add(1)
	tm := teatest.NewTestModel(t, trackedModel{inner: m, inFlight: inFlight})
	trackersMu.Lock()
	trackers[tm] = inFlight
	trackersMu.Unlock()
	t.Cleanup(func() {
		trackersMu.Lock()
		delete(trackers, tm)
		trackersMu.Unlock()
	})
	send(tm, tea.WindowSizeMsg{Width: width, Height: height})
	return tm
}

func trackerOf(tm *teatest.TestModel) *atomic.Int64 {
	trackersMu.Lock()
	defer trackersMu.Unlock()
	return trackers[tm]
}

// send delivers msg to the program, counted as work until Update has
// taken it.
func send(tm *teatest.TestModel, msg tea.Msg) {
	if inFlight := trackerOf(tm); inFlight != nil {
		inFlight.Add(1)
		msg = trackedMsg{msg}
	}
	tm.Send(msg)
}

// finalModel quits the program and returns the model it ended with.
func finalModel(t *testing.T, tm *teatest.TestModel) Model {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
	if tracked, ok := final.(trackedModel); ok {
		final = tracked.inner
	}
	return final.(Model)
}

// settle waits until the program has no work in flight (for a program
// from newTrackedProgram), else until it has drawn nothing new for a while.
func settle(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	buf := make([]byte, 1<<16)
	if inFlight := trackerOf(tm); inFlight != nil {
		for time.Now().Before(deadline) {
			tm.Output().Read(buf) // keep the output from growing
			if inFlight.Load() == 0 {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
		t.Fatalf("the program never settled: %d pieces of work in flight", inFlight.Load())
	}
	const quiet = 400 * time.Millisecond
	last := time.Now()
	for time.Now().Before(deadline) {
		n, _ := tm.Output().Read(buf)
		if n > 0 {
			last = time.Now()
		} else if time.Since(last) > quiet {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the program never settled")
}

// slowWork draws nothing while its one command works longer than any
// quiet period: what related papers do on a loaded machine.
type slowWork struct{ done bool }

type slowWorkDone struct{}

func (m slowWork) Init() tea.Cmd {
	return tea.Batch(func() tea.Msg { return nil }, func() tea.Msg {
		time.Sleep(700 * time.Millisecond)
		return slowWorkDone{}
	})
}

func (m slowWork) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(slowWorkDone); ok {
		m.done = true
	}
	return m, nil
}

func (m slowWork) View() string {
	if m.done {
		return "done"
	}
	return "working"
}

func TestSettleWaitsForWorkThatDrawsNothing(t *testing.T) {
	tm := newTrackedProgram(t, slowWork{}, 20, 2)
	settle(t, tm)
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(trackedModel)
	if !final.inner.(slowWork).done {
		t.Fatal("settle returned while a command was still working")
	}
}
