package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/papertui/papers/model"
)

// noFeedsStatus answers the refresh key when no feed is configured.
const noFeedsStatus = `No feeds to refresh: add [[feeds]] to the config file (source = "arxiv", categories = ["cs.LG"]), see papers fetch --help`

// refreshState is a refresh of the feeds under way. The fetching runs in
// a goroutine started by a command; its progress comes back through ch,
// one message per read, as bubbles' realtime example does, so Update
// never waits on the network.
type refreshState struct {
	active   bool
	seq      int // tells the messages of an older, cancelled refresh apart
	cancel   context.CancelFunc
	ch       chan tea.Msg
	started  time.Time
	progress string
	spinner  spinner.Model
}

type (
	refreshProgressMsg struct {
		seq  int
		text string
	}
	refreshDoneMsg struct {
		seq int
		err error
	}
	refreshTickMsg struct{ seq int }
)

// refreshKey starts a refresh, or cancels the one under way (the key
// again, or esc).
func (m *Model) refreshKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	keys := m.c.keys
	switch {
	case m.refresh.active && (key.Matches(msg, keys.Refresh) || key.Matches(msg, keys.Clear)):
		m.refresh.cancel()
		m.refresh.progress = "Cancelling…"
		return nil, true
	case key.Matches(msg, keys.Refresh):
		return m.startRefresh(), true
	}
	return nil, false
}

func (m *Model) startRefresh() tea.Cmd {
	run := m.opts.Refresh
	if run == nil {
		return m.status.set(noFeedsStatus, false)
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.refresh.seq++
	seq := m.refresh.seq
	ch := make(chan tea.Msg)
	sp := spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(m.c.styles.StatusInfo))
	m.refresh = refreshState{active: true, seq: seq, cancel: cancel, ch: ch, started: time.Now(), progress: "Refreshing the feeds…", spinner: sp}
	start := func() tea.Msg {
		go func() {
			progress := func(text string) {
				select {
				case ch <- refreshProgressMsg{seq: seq, text: text}:
				case <-ctx.Done():
				}
			}
			err := run(ctx, progress)
			if ctx.Err() != nil {
				err = ctx.Err() // cancelled, whatever the feed's error said
			}
			ch <- refreshDoneMsg{seq: seq, err: err}
		}()
		return <-ch
	}
	return tea.Batch(start, m.clock.after(sp.Spinner.FPS, refreshTickMsg{seq}))
}

// waitRefresh reads the next message of the refresh.
func waitRefresh(ch chan tea.Msg) tea.Cmd {
	return func() tea.Msg { return <-ch }
}

func (m *Model) refreshUpdate(msg tea.Msg) tea.Cmd {
	r := &m.refresh
	switch msg := msg.(type) {
	case refreshTickMsg:
		if !r.active || msg.seq != r.seq {
			return nil
		}
		// The spinner's own tick command is dropped: the clock schedules
		// the next frame, so tests with the clock stopped get none.
		r.spinner, _ = r.spinner.Update(spinner.TickMsg{ID: r.spinner.ID(), Time: time.Now()})
		return m.clock.after(r.spinner.Spinner.FPS, refreshTickMsg{msg.seq})
	case refreshProgressMsg:
		if msg.seq != r.seq {
			return nil
		}
		if r.active && r.progress != "Cancelling…" {
			r.progress = msg.text
		}
		return waitRefresh(r.ch)
	case refreshDoneMsg:
		if msg.seq != r.seq {
			return nil
		}
		r.active = false
		r.cancel()
		var status tea.Cmd
		switch {
		case errors.Is(msg.err, context.Canceled):
			status = m.status.set("Refresh cancelled", false)
		case msg.err != nil:
			status = m.status.set("Refresh: "+msg.err.Error(), true)
		default:
			status = m.status.set(fmt.Sprintf("Feeds refreshed in %s", roundSeconds(time.Since(r.started))), false)
		}
		// Even a failed or cancelled refresh may have stored some feeds:
		// load them, keeping the paper the user is on.
		m.reloadKeep = ""
		if p, ok := m.list.Selected(); ok {
			m.reloadKeep = m.c.paper(p).ID
		}
		return tea.Batch(status, loadCatalog(m.opts, m.opts.Library))
	}
	return nil
}

// reloadSelection is the paper to keep selected in a corpus loaded again
// after a refresh, -1 for none.
func (m *Model) reloadSelection(ix *model.Index) int {
	key := m.reloadKeep
	m.reloadKeep = ""
	if key == "" {
		return -1
	}
	if i, ok := ix.Lookup(key); ok {
		return i
	}
	return -1
}

// refreshLine is the status line while the feeds are fetched:
// "⣾ arXiv cs.LG 2/3 · 3 s".
func (m *Model) refreshLine(w int) string {
	r := &m.refresh
	line := fmt.Sprintf("%s %s · %s  (%s or esc: cancel)", r.spinner.View(), r.progress, roundSeconds(time.Since(r.started)), m.c.keys.Refresh.Help().Key)
	return ansi.Truncate(m.c.styles.StatusInfo.Render(line), w, "…")
}

func roundSeconds(d time.Duration) string {
	return fmt.Sprintf("%d s", int(d.Seconds()))
}
