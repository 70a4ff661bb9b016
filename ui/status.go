package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

func (m *Model) setStatus(text string, isErr bool) {
	// Errors can quote file names and corpus text: never let them carry
	// escape sequences to the terminal.
	m.status, m.statusErr = model.CleanLine(text), isErr
	m.statusSeq++
}

func (m *Model) statusTimer(d time.Duration) tea.Cmd {
	return m.after(d, statusTimeout{seq: m.statusSeq})
}

// after delivers msg after d, unless timers are off.
func (m *Model) after(d time.Duration, msg tea.Msg) tea.Cmd {
	if !m.timers {
		return nil
	}
	return tick(d, msg)
}

type statusMsg struct {
	text string
	err  bool
}
