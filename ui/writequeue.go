package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
)

// write runs a library change in the background and reports it.
func (m *Model) write(done string, fn func(lib Library) error) tea.Cmd {
	m.writes = append(m.writes, writeJob{done: done, fn: fn})
	return m.nextWrite()
}

// nextWrite starts the next queued write unless one is running.
func (m *Model) nextWrite() tea.Cmd {
	if m.writing || len(m.writes) == 0 {
		return nil
	}
	job := m.writes[0]
	m.writes = m.writes[1:]
	m.writing = true
	lib := m.opts.Library
	return func() tea.Msg {
		if err := job.fn(lib); err != nil {
			return writeDoneMsg{err: fmt.Errorf("not saved: %w", err)}
		}
		return writeDoneMsg{done: job.done}
	}
}

func (m *Model) writesPending() bool { return m.writing || len(m.writes) > 0 }

// toggled returns the state a toggle should set: the opposite of what the
// last queued toggle asked for, or of the mark when none is queued.
func (m *Model) toggled(paper int, what string, current bool) bool {
	if m.intents == nil {
		m.intents = map[intent]bool{}
	}
	k := intent{paper, what}
	if want, ok := m.intents[k]; ok {
		current = want
	}
	m.intents[k] = !current
	return !current
}

type writeJob struct {
	done string
	fn   func(lib Library) error
}

type intent struct {
	paper int
	what  string // "bookmark" or "read"
}
