package ui

import (
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
			send(tm, tea.KeyMsg{Type: tea.KeyTab})
			for range 6 {
				send(tm, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'j'}})
			}
		}},
		{"help", func(tm *teatest.TestModel) { typeSlowly(tm, "?") }},
		{"triage", func(tm *teatest.TestModel) {
			send(tm, tea.KeyMsg{Type: tea.KeyEnter})
			typeSlowly(tm, "v")
		}},
	}
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		for _, step := range steps {
			t.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], step.name), func(t *testing.T) {
				m := newTestModel(testOptions(t, newMemLibrary(), loadSeed(t), &calls{}))
				tm := newTrackedProgram(t, m, size[0], size[1])
				settle(t, tm)
				step.act(tm)
				settle(t, tm)
				golden.RequireEqual(t, []byte(finalModel(t, tm).View()))
			})
		}
	}
}

func typeSlowly(tm *teatest.TestModel, s string) {
	for _, r := range s {
		send(tm, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		time.Sleep(10 * time.Millisecond)
	}
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
			tm := newTrackedProgram(t, newTestModel(opts), 80, 24)
			settle(t, tm)
			send(tm, tea.KeyMsg{Type: tea.KeyEnter})
			step.act(tm)
			settle(t, tm)
			golden.RequireEqual(t, []byte(finalModel(t, tm).View()))
		})
	}
}
