package ui

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
)

// Golden files of whole screens, produced by the real Bubble Tea program
// (teatest) at two sizes. Refresh with: go test ./ui -run Golden -update
func TestGolden(t *testing.T) {
	steps := []struct {
		name string
		act  func(tm *teatest.TestModel)
	}{
		{"initial", func(*teatest.TestModel) {}},
		{"typed-lora", func(tm *teatest.TestModel) { typeSlowly(tm, "/lora") }},
		{"detail-scrolled", func(tm *teatest.TestModel) {
			tm.Send(tea.KeyMsg{Type: tea.KeyTab})
			for range 6 {
				tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'j'}})
			}
		}},
		{"help", func(tm *teatest.TestModel) { typeSlowly(tm, "?") }},
		{"triage", func(tm *teatest.TestModel) {
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			typeSlowly(tm, "v")
		}},
	}
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		for _, step := range steps {
			t.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], step.name), func(t *testing.T) {
				m := newTestModel(testOptions(t, newMemLibrary(), loadSeed(t), &calls{}))
				tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(size[0], size[1]))
				// The topics first: computing them can take longer than
				// settle's quiet time on a loaded machine (under -race).
				teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
					return bytes.Contains(b, []byte("Tags: jailbreak"))
				}, teatest.WithDuration(20*time.Second))
				settle(t, tm)
				step.act(tm)
				settle(t, tm)
				if err := tm.Quit(); err != nil {
					t.Fatal(err)
				}
				final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
				golden.RequireEqual(t, []byte(final.View()))
			})
		}
	}
}

func typeSlowly(tm *teatest.TestModel, s string) {
	for _, r := range s {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		time.Sleep(10 * time.Millisecond)
	}
}

// settle waits until the program has drawn nothing new for a while: with
// timers off, the background work (loading, searching, rendering, topics,
// related papers) is then done.
func settle(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	const quiet = 400 * time.Millisecond
	deadline := time.Now().Add(20 * time.Second)
	last := time.Now()
	buf := make([]byte, 1<<16)
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

// Goldens of the screens over papers with several links: the link
// chooser and the export prompt. Refresh with -update too.
func TestGoldenLinks(t *testing.T) {
	steps := []struct {
		name string
		act  func(tm *teatest.TestModel)
	}{
		{"chooser", func(tm *teatest.TestModel) { typeSlowly(tm, "o") }},
		{"export-prompt", func(tm *teatest.TestModel) { typeSlowly(tm, "Eb") }},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			opts := testOptions(t, newMemLibrary(), linkIndex(t), &calls{})
			opts.Export = &fakeExporter{files: map[string]string{}}
			tm := teatest.NewTestModel(t, newTestModel(opts), teatest.WithInitialTermSize(80, 24))
			settle(t, tm)
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			step.act(tm)
			settle(t, tm)
			if err := tm.Quit(); err != nil {
				t.Fatal(err)
			}
			final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
			golden.RequireEqual(t, []byte(final.View()))
		})
	}
}
