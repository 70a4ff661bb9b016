package ui

import (
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
)

// writeQueue runs library writes one at a time, in the order the keys were
// pressed: two quick presses of b must toggle twice, not race.
type writeQueue struct {
	jobs    []writeJob
	running bool
	// quitAsked is set when a quit waits for the writes to be saved.
	quitAsked bool
	// intents holds the state a queued toggle asked for, until the marks
	// show the library has it: the next toggle starts from there.
	intents map[intent]bool
}

type writeJob struct {
	done string // what the status line says once it is saved
	fn   func(lib Library) error
}

type intent struct {
	paper int
	what  string // "bookmark" or "read"
}

// push queues a write behind the others.
func (q *writeQueue) push(job writeJob) { q.jobs = append(q.jobs, job) }

// next takes the next write to run, unless one is running.
func (q *writeQueue) next() (writeJob, bool) {
	if q.running || len(q.jobs) == 0 {
		return writeJob{}, false
	}
	job := q.jobs[0]
	q.jobs = q.jobs[1:]
	q.running = true
	return job, true
}

// done records that the running write finished.
func (q *writeQueue) done() { q.running = false }

// pending reports whether a write is running or queued.
func (q *writeQueue) pending() bool { return q.running || len(q.jobs) > 0 }

// toggle returns the state a toggle should set: the opposite of what the
// last queued toggle asked for, or of current when none is queued.
func (q *writeQueue) toggle(paper int, what string, current bool) bool {
	if q.intents == nil {
		q.intents = map[intent]bool{}
	}
	k := intent{paper, what}
	if want, ok := q.intents[k]; ok {
		current = want
	}
	q.intents[k] = !current
	return !current
}

// settle is told that fresh marks arrived. Once no write is pending they
// show every toggle asked for, and the intents are forgotten.
func (q *writeQueue) settle() {
	if !q.pending() {
		q.intents = nil
	}
}

// holdQuit reports whether a quit must wait for the pending writes. It
// holds only the first quit: asked again, the browser leaves at once.
func (q *writeQueue) holdQuit() bool {
	if !q.pending() || q.quitAsked {
		return false
	}
	q.quitAsked = true
	return true
}

// quitDue reports whether a held quit can go ahead: the writes are saved.
func (q *writeQueue) quitDue() bool { return q.quitAsked && !q.pending() }

// writeNotice, returned by a job's fn, is a write that went through but
// not as asked: its text is shown as a warning instead of job.done.
type writeNotice struct{ text string }

func (n *writeNotice) Error() string { return n.text }

// writeReport, returned by a job's fn, is a write that went as asked but
// whose outcome only fn knows (a note saved or removed): its text is shown
// instead of job.done.
type writeReport struct{ text string }

func (r *writeReport) Error() string { return r.text }

// runWrite is the command that performs job against lib.
func runWrite(lib Library, job writeJob) tea.Cmd {
	return func() tea.Msg {
		err := job.fn(lib)
		var notice *writeNotice
		var report *writeReport
		switch {
		case errors.As(err, &notice):
			return writeDoneMsg{warning: notice.text}
		case errors.As(err, &report):
			return writeDoneMsg{done: report.text}
		case err != nil:
			return writeDoneMsg{err: fmt.Errorf("not saved: %w", err)}
		}
		return writeDoneMsg{done: job.done}
	}
}
