package ui

import (
	"context"
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

// BenchmarkUIKeystroke measures the keystroke path a user waits for: the
// key through Update, the search it starts (run here in line), the result
// through Update, and the View of the new frame. Glamour rendering and
// related papers are left out: they arrive later and do not hold up the
// frame. Target: one frame (16 ms) at 100k papers.
func BenchmarkUIKeystroke(b *testing.B) {
	for _, n := range []int{100_000} {
		b.Run(fmt.Sprintf("papers=%d", n), func(b *testing.B) {
			ix, err := model.BuildIndex(context.Background(), synthetic.Papers(n, 1))
			if err != nil {
				b.Fatal(err)
			}
			m := newTestModel(testOptions(b, newMemLibrary(), ix, &calls{}))
			m = drive(b, m, tea.WindowSizeMsg{Width: 160, Height: 48})
			next, _ := m.Update(catalogLoadedMsg{index: ix})
			m = next.(Model)
			m = drive(b, m, keys("/")...)
			seq := []rune("lora adapter")
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				k := i % (len(seq) + 1)
				msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{seq[min(k, len(seq)-1)]}}
				if k == len(seq) {
					msg = tea.KeyMsg{Type: tea.KeyCtrlU} // clear the line, start typing again
				}
				next, cmd := m.Update(msg)
				m = next.(Model)
				m = runSearches(m, cmd)
				_ = m.View()
			}
		})
	}
}

// runSearches runs the searches among cmd's commands and hands their
// results to m; other commands (cursor, rendering) are dropped.
func runSearches(m Model, cmd tea.Cmd) Model {
	if cmd == nil {
		return m
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			m = runSearches(m, c)
		}
	case searchDoneMsg:
		next, _ := m.Update(msg)
		m = next.(Model)
	}
	return m
}
