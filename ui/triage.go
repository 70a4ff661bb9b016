package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/papertui/papers/model"
)

// maxTriage bounds one triage run, and maxTriageScan the rows read to
// collect it: that walk runs in Update, and nobody triages more than a
// day's listing or two in one sitting. Kept and skipped papers are read,
// so the next run goes on where this one stopped.
const (
	maxTriage     = 1000
	maxTriageScan = 20000
)

// triageTextWidth is the widest the paper's text is set, in columns.
const triageTextWidth = 100

// triageState is quick triage: the unread papers of the list as it was
// when the run began, one at a time on the whole screen. The run is a
// snapshot, so marking a paper read does not pull it out from under the
// user even when read papers are hidden.
type triageState struct {
	active bool
	papers []int
	pos    int
	kept   map[int]bool
	scroll scroller // the paper's lines
	capped bool     // the list may have more unread papers than the run
}

func (t *triageState) current() int { return t.papers[t.pos] }

// startTriage begins a run over the unread papers of the current list, in
// its order.
func (m *Model) startTriage() tea.Cmd {
	r := m.list.result
	if r == nil || m.c.Index == nil {
		return nil
	}
	var papers []int
	end := min(m.list.total(), maxTriageScan)
	full := false
	for off := 0; off < end && !full; off += 256 {
		for _, h := range r.Rows(off, min(256, end-off)) {
			if m.c.Mark(h.Paper).Read {
				continue
			}
			if len(papers) == maxTriage {
				full = true
				break
			}
			papers = append(papers, h.Paper)
		}
	}
	capped := full || end < m.list.total()
	if len(papers) == 0 {
		return m.status.set("No unread paper in the list to triage", false)
	}
	m.triage = triageState{active: true, papers: papers, kept: map[int]bool{}, capped: capped}
	m.triage.scroll = scroller{pager: true}
	m.fitTriage()
	return nil
}

// triageKey handles every key while a run is on: only its own keys and
// scrolling, so a stray letter cannot act on the browser behind it.
func (m *Model) triageKey(msg tea.KeyMsg) tea.Cmd {
	keys := m.c.keys
	t := &m.triage
	p := t.current()
	switch {
	case key.Matches(msg, keys.TriageLeave):
		return m.leaveTriage("")
	case key.Matches(msg, keys.TriageKeep):
		paper := m.c.paper(p)
		t.kept[p] = true
		write := m.write("Kept “"+paper.Title+"”", func(lib Library) error {
			if err := lib.SetBookmarks([]*model.Paper{paper}, true); err != nil {
				return err
			}
			return lib.SetRead(paper, true)
		})
		return tea.Batch(write, m.triageNext())
	case key.Matches(msg, keys.TriageSkip):
		paper := m.c.paper(p)
		var write tea.Cmd
		if !m.c.Mark(p).Read {
			write = m.write("", func(lib Library) error { return lib.SetRead(paper, true) })
		}
		return tea.Batch(write, m.triageNext())
	case key.Matches(msg, keys.TriageTag):
		return m.prompt.Open(promptAddTag, p, m.allTags())
	case key.Matches(msg, keys.TriageBack):
		if t.pos == 0 {
			return m.status.set("This is the first paper of the run", false)
		}
		t.pos--
		m.fitTriage()
		return nil
	}
	t.scroll.moveByKey(&m.c.keys, msg)
	return nil
}

// triageNext goes on to the next paper, ending the run after the last.
func (m *Model) triageNext() tea.Cmd {
	t := &m.triage
	if t.pos+1 >= len(t.papers) {
		return m.leaveTriage(fmt.Sprintf("Triage done: %d papers, %d kept", len(t.papers), len(t.kept)))
	}
	t.pos++
	m.fitTriage()
	return nil
}

// leaveTriage ends the run with the list's cursor on the paper the run
// was at, when the filters still show it.
func (m *Model) leaveTriage(done string) tea.Cmd {
	p := m.triage.current()
	m.triage.active = false
	var cmds []tea.Cmd
	if r := m.list.result; r != nil && r.Contains(p) {
		m.list.SetResult(r, p)
		cmds = append(cmds, m.syncDetail(true))
	} else if done == "" {
		done = "“" + m.c.paper(p).Title + "” is hidden by the filters now"
	}
	if done != "" {
		cmds = append(cmds, m.status.set(done, false))
	}
	return tea.Batch(cmds...)
}

// fitTriage shows the current paper from its top.
func (m *Model) fitTriage() {
	m.resizeTriage()
	m.triage.scroll.top()
}

// resizeTriage sizes the scroller to the screen and the current paper.
func (m *Model) resizeTriage() {
	m.triage.scroll.setHeight(max(1, m.pageHeight()-1))
	m.triage.scroll.setCount(len(m.triageLines()))
}

// triageProgress is the run's progress line: 12/48 · 3 kept.
func (m *Model) triageProgress() string {
	t := &m.triage
	s := fmt.Sprintf("Triage %d/%d · %d kept", t.pos+1, len(t.papers), len(t.kept))
	if t.capped {
		s += " · more below: " + m.c.keys.Triage.Help().Key + " again after these"
	}
	return s
}

// triageLines is the current paper, wrapped to the screen: title, what
// is known of it, its marks, the whole abstract.
func (m *Model) triageLines() []string {
	s := m.c.styles
	p := m.c.paper(m.triage.current())
	mark := m.c.Mark(m.triage.current())
	// Lines much longer than a book's are hard to read: on a wide
	// terminal the text keeps a reading width.
	w := max(10, min(m.width-2, triageTextWidth))
	wrap := lipgloss.NewStyle().Width(w)
	var meta []string
	meta = append(meta, p.ID)
	if len(p.Authors) > 0 {
		authors := p.Authors
		if len(authors) > 8 {
			authors = append(authors[:8:8], fmt.Sprintf("and %d more", len(p.Authors)-8))
		}
		meta = append(meta, strings.Join(authors, ", "))
	}
	if d := p.Day(); !d.IsZero() {
		meta = append(meta, d.Format(time.DateOnly))
	}
	if len(p.Categories) > 0 {
		meta = append(meta, strings.Join(p.Categories, " "))
	}
	var marks []string
	if mark.Bookmarked() {
		marks = append(marks, "★ bookmarked")
	}
	if mark.Read {
		marks = append(marks, "· read")
	}
	for _, t := range mark.Tags {
		marks = append(marks, "#"+t)
	}
	text := s.PaneTitleFocused.Render(wrap.Render(p.Title)) + "\n" + s.Dim.Render(wrap.Render(strings.Join(meta, " · ")))
	if len(marks) > 0 {
		text += "\n" + s.Filter.Render(wrap.Render(strings.Join(marks, "  ")))
	}
	text += "\n\n" + wrap.Render(p.Abstract)
	return strings.Split(lipgloss.NewStyle().PaddingLeft(1).Render(text), "\n")
}

// triageView is the run's screen below the search line: the progress line
// and the paper, scrolled.
func (m *Model) triageView() string {
	s := m.c.styles
	h := m.pageHeight()
	lines := m.triageLines()
	sc := &m.triage.scroll
	progress := " " + m.triageProgress()
	if len(lines) > sc.height {
		progress += fmt.Sprintf(" · lines %d-%d of %d", sc.offset+1, min(len(lines), sc.offset+sc.height), len(lines))
	}
	shown := lines[min(sc.offset, len(lines)):min(len(lines), sc.offset+sc.height)]
	head := ansi.Truncate(s.PaneTitleFocused.Render(progress), m.width, "…")
	return lipgloss.NewStyle().Width(m.width).Height(h).MaxHeight(h).Render(head + "\n" + strings.Join(shown, "\n"))
}

// triageHelp is the short help while a run is on: the bindings' keys with
// one word each, as the full help's descriptions would not fit a line.
func (m *Model) triageHelp() []key.Binding {
	k := m.c.keys
	short := func(b key.Binding, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
	}
	return []key.Binding{short(k.TriageKeep, "keep"), short(k.TriageTag, "tag"), short(k.TriageSkip, "skip"),
		short(k.TriageBack, "back"), short(k.TriageLeave, "leave"), short(k.Down, "scroll")}
}
