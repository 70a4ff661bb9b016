package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/papertui/papers/model"
)

// listModel is the paper list. It renders only the rows on screen, asking
// the result for them by offset, so a million matches scroll like ten.
type listModel struct {
	c *paneState
	// The cursor is the rank of the selected row, the offset that of the
	// first row on screen.
	scroller
	result  *model.Result
	width   int
	focused bool
	// selection changes whenever the selected paper does: a read timer
	// started for an older selection is then ignored.
	selection int
	loadErr   string // why the corpus could not be loaded
	// markNew is set while drawing when some papers, not all, are new
	// (newmark.go).
	markNew bool
}

func newList(c *paneState) listModel { return listModel{c: c} }

func (l *listModel) SetSize(w, h int) {
	l.width = max(w, 0)
	l.setHeight(h)
}

// total is the number of rows.
func (l *listModel) total() int { return l.count }

// Selected returns the selected paper.
func (l *listModel) Selected() (int, bool) {
	if l.total() == 0 {
		return 0, false
	}
	rows := l.result.Rows(l.cursor, 1)
	if len(rows) == 0 {
		return 0, false
	}
	return rows[0].Paper, true
}

// SetResult shows a new result. keep is a paper to keep selected when it
// is still in the result (after a bookmark or a sort change), or -1 to
// start at the top (after the query changed).
func (l *listModel) SetResult(r *model.Result, keep int) {
	before, hadSelection := l.Selected()
	l.result = r
	l.cursor = 0
	if keep >= 0 {
		if pos := r.Position(keep); pos >= 0 {
			l.cursor = pos
		}
	}
	l.setCount(r.Total)
	if after, ok := l.Selected(); ok != hadSelection || after != before {
		l.selection++
	}
}

// track counts a new selection when the cursor left row before. Every
// move of the list's cursor goes through it, so the scroller's moves are
// called through the list's methods only.
func (l *listModel) track(before int) {
	if l.cursor != before {
		l.selection++
	}
}

// scrollBy is the scroller's, counting the selection it drags along.
func (l *listModel) scrollBy(delta int) {
	before := l.cursor
	l.scroller.scrollBy(delta)
	l.track(before)
}

// clickRow selects the row at line y of the pane.
func (l *listModel) clickRow(y int) {
	if rank, ok := l.itemAt(y); ok {
		before := l.cursor
		l.selectItem(rank)
		l.track(before)
	}
}

func (l listModel) Update(msg tea.Msg) (listModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return l, nil
	}
	before := l.cursor
	l.moveByKey(&l.c.keys, km)
	l.track(before)
	return l, nil
}

func (l listModel) View() string {
	if l.height <= 0 || l.width <= 0 {
		return ""
	}
	s := l.c.styles
	lines := make([]string, 0, l.height)
	switch {
	case l.c.Index == nil && l.loadErr != "":
		lines = append(lines, s.StatusError.Render(ansi.Truncate("No papers: "+l.loadErr, l.width, "…")))
	case l.c.Index == nil:
		lines = append(lines, s.Dim.Render(ansi.Truncate("Loading papers…", l.width, "…")))
	case l.total() == 0 && l.result != nil:
		lines = append(lines, s.Dim.Render(ansi.Truncate("No paper matches.", l.width, "…")))
	case l.result != nil:
		l.markNew = l.c.newCount() > 0
		for k, h := range l.result.Rows(l.offset, l.height) {
			lines = append(lines, l.row(h, l.offset+k == l.cursor))
		}
	}
	for len(lines) < l.height {
		lines = append(lines, "")
	}
	return lipgloss.NewStyle().Width(l.width).Height(l.height).MaxHeight(l.height).Render(strings.Join(lines, "\n"))
}

// row renders one paper: selection bar, bookmark mark, title with matched
// letters highlighted and cut with an ellipsis at the pane width, and the
// year when there is room.
func (l *listModel) row(h model.Hit, selected bool) string {
	s := l.c.styles
	p := l.c.paper(h.Paper)
	mark := l.c.Mark(h.Paper)
	base := s.Row
	if selected {
		base = s.RowSelectedBlurred
		if l.focused {
			base = s.RowSelected
		}
	} else if l.c.picked[h.Paper] {
		base = s.RowPicked
	} else if mark.Read {
		base = s.Dim
	}
	matchStyle := s.Match.Inherit(base)

	bar := base.Render(" ")
	if selected {
		bar = s.Bar.Inherit(base).Render("▌")
	}
	// Three glyph columns, so that selection, bookmarks and read marks
	// show without colour too: ✓ picked, ★ bookmarked, · read, • (or +)
	// new since the last load, unless already read.
	pick := base.Render(" ")
	if l.c.picked[h.Paper] {
		pick = s.MarkBookmark.Inherit(base).Render("✓")
	}
	glyph := base.Render(" ")
	if mark.Bookmarked() {
		glyph = s.MarkBookmark.Inherit(base).Render("★")
	}
	read := base.Render(" ")
	if mark.Read {
		read = s.MarkRead.Inherit(base).Render("·")
	} else if l.markNew && l.c.isNew(h.Paper) {
		read = s.MarkNew.Inherit(base).Render(newGlyph(l.c.theme))
	}
	glyph = pick + glyph + read + base.Render(" ")
	year := ""
	if y := p.Year(); y > 0 && l.width >= 50 {
		year = fmt.Sprintf(" %d", y)
	}
	titleWidth := l.width - 5 - ansi.StringWidth(year)
	if titleWidth < 1 {
		return ansi.Truncate(bar+glyph, l.width, "")
	}
	title := ansi.Truncate(highlight(p.Title, h.TitlePositions, base, matchStyle), titleWidth, "…")
	pad := titleWidth - ansi.StringWidth(title)
	return bar + glyph + title + base.Render(strings.Repeat(" ", max(0, pad))+year)
}

// highlight renders text with the runes at positions (ascending rune
// offsets) in match style and the rest in base style.
func highlight(text string, positions []int, base, match lipgloss.Style) string {
	if len(positions) == 0 {
		return base.Render(text)
	}
	var b strings.Builder
	var run strings.Builder
	inMatch := false
	flush := func() {
		if run.Len() == 0 {
			return
		}
		if inMatch {
			b.WriteString(match.Render(run.String()))
		} else {
			b.WriteString(base.Render(run.String()))
		}
		run.Reset()
	}
	next := 0
	i := 0
	for _, r := range text {
		for next < len(positions) && positions[next] < i {
			next++
		}
		m := next < len(positions) && positions[next] == i
		if m != inMatch {
			flush()
			inMatch = m
		}
		run.WriteRune(r)
		i++
	}
	flush()
	return b.String()
}

func (l listModel) ShortHelp() []key.Binding {
	k := l.c.keys
	return []key.Binding{k.Down, k.Up, k.Bookmark, k.AddTag, k.Open}
}

func (l listModel) FullHelp() [][]key.Binding {
	k := l.c.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfUp, k.HalfDown, k.Top, k.Bottom},
		{k.Bookmark, k.AddTag, k.RemoveTag, k.Note, k.ToggleRead, k.Open, k.Copy, k.Related},
	}
}
