package ui

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/bubbles/cursor"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store"
)

func TestMain(m *testing.M) {
	// Goldens and assertions read plain text: no colour codes.
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

var seedIndex = sync.OnceValues(func() (*model.Index, error) {
	papers, err := store.DefaultCorpus()
	if err != nil {
		return nil, err
	}
	return model.BuildIndex(context.Background(), papers)
})

func loadSeed(t testing.TB) *model.Index {
	t.Helper()
	ix, err := seedIndex()
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// calls records what the browser asked the outside world to do.
type calls struct {
	mu     sync.Mutex
	opened []string
	copied []string
}

func (c *calls) open(u string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.opened = append(c.opened, u)
	return nil
}

func (c *calls) copy(s string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.copied = append(c.copied, s)
	return nil
}

func testOptions(t testing.TB, lib Library, ix *model.Index, c *calls) Options {
	return Options{
		Theme:   ThemePlain,
		Profile: termenv.Ascii,
		Bare:    true,
		Keys:    DefaultKeyMap(),
		Library: lib,
		Load: func(context.Context) ([]model.Paper, []error, error) {
			return ix.Papers(), nil, nil
		},
		OpenURL:  c.open,
		CopyText: c.copy,
	}
}

// newTestModel returns a model whose timers are off and whose cursors do
// not blink, so that driving it step by step terminates.
func newTestModel(opts Options) Model {
	m := New(opts)
	m.clock.stopped = true
	m.search.input.Cursor.SetMode(cursor.CursorStatic)
	m.prompt.input.Cursor.SetMode(cursor.CursorStatic)
	return m
}

// drive feeds msgs to m and runs every command they produce, and the
// commands those produce, to completion: the test is the event loop.
func drive(t testing.TB, m Model, msgs ...tea.Msg) Model {
	t.Helper()
	return driveDropping(t, m, nil, msgs...)
}

// driveDropping is drive, losing the messages drop picks: work that has
// not finished yet.
func driveDropping(t testing.TB, m Model, drop func(tea.Msg) bool, msgs ...tea.Msg) Model {
	t.Helper()
	queue := append([]tea.Msg(nil), msgs...)
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatal("the model keeps producing messages")
		}
		msg := queue[0]
		queue = queue[1:]
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, cmd := range batch {
				if cmd != nil {
					queue = append(queue, cmd())
				}
			}
			continue
		}
		if msg == nil || drop != nil && drop(msg) {
			continue
		}
		if _, ok := msg.(tea.QuitMsg); ok {
			continue
		}
		next, cmd := m.Update(msg)
		m = next.(Model)
		if cmd != nil {
			if out := cmd(); out != nil && !isExec(out) {
				queue = append(queue, out)
			}
		}
	}
	return m
}

// isExec reports Bubble Tea's internal message for running a process,
// which only a real program can act on.
func isExec(msg tea.Msg) bool {
	return strings.Contains(fmt.Sprintf("%T", msg), "exec")
}

// started returns a model sized w×h with the seed corpus loaded.
func started(t testing.TB, w, h int, lib *memLibrary, c *calls) Model {
	t.Helper()
	if c == nil {
		c = &calls{}
	}
	m := newTestModel(testOptions(t, lib, loadSeed(t), c))
	m = drive(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = drive(t, m, m.Init()())
	// The browser starts in the search line; these tests start in the
	// list, as enter takes a user there.
	return drive(t, m, press(tea.KeyEnter))
}

func keys(s string) []tea.Msg {
	var msgs []tea.Msg
	for _, r := range s {
		msgs = append(msgs, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return msgs
}

func press(t tea.KeyType) tea.Msg { return tea.KeyMsg{Type: t} }

func checkScreen(t *testing.T, m Model, w, h int) string {
	t.Helper()
	view := m.View()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%dx%d: view has %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			t.Errorf("%dx%d: line %d is %d cells wide: %q", w, h, i, ansi.StringWidth(l), l)
		}
	}
	if strings.ContainsRune(view, '\x1b') {
		t.Errorf("%dx%d: escape sequence in a plain-profile view", w, h)
	}
	return view
}
