package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

// statusDuration is how long a message set with status.set stays.
const statusDuration = 6 * time.Second

// status is the message line: what happened last, shown until it times
// out or the next message replaces it.
type status struct {
	text  string
	isErr bool
	// seq numbers the messages, so a timeout clears only its own.
	seq   int
	clock *clock
	ttl   time.Duration
}

// statusMsg asks for a status message from a command's goroutine.
type statusMsg struct {
	text string
	err  bool
}

func newStatus(c *clock) status { return status{clock: c, ttl: statusDuration} }

// show displays text until the next message replaces it.
func (s *status) show(text string, isErr bool) {
	// Errors can quote file names and corpus text: never let them carry
	// escape sequences to the terminal.
	s.text, s.isErr = model.CleanLine(text), isErr
	s.seq++
}

// set displays text and returns the command that clears it after a while.
func (s *status) set(text string, isErr bool) tea.Cmd {
	s.show(text, isErr)
	return s.clock.after(s.ttl, statusTimeout{seq: s.seq})
}

// setLong is set for a failed write, which the user must not miss: it
// stays twice as long.
func (s *status) setLong(text string, isErr bool) tea.Cmd {
	s.show(text, isErr)
	return s.clock.after(2*s.ttl, statusTimeout{seq: s.seq})
}

// note displays a passing remark (the index is not ready yet). It is no
// message of its own: a timeout still pending clears it too.
func (s *status) note(text string) { s.text, s.isErr = text, false }

// unnote clears the remark text, if it is still shown.
func (s *status) unnote(text string) {
	if s.text == text {
		s.text = ""
	}
}

// clear removes message seq, unless a newer one replaced it.
func (s *status) clear(seq int) {
	if seq == s.seq {
		s.text, s.isErr = "", false
	}
}

// clock delivers messages later. Tests that drive the model step by step
// stop it: no read timer, no polling, no status timeouts.
type clock struct{ stopped bool }

// after delivers msg after d, unless the clock is stopped.
func (c *clock) after(d time.Duration, msg tea.Msg) tea.Cmd {
	if c == nil || c.stopped {
		return nil
	}
	return tick(d, msg)
}
