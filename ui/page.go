package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// page is a full-screen view of lines drawn over the panes (the help, the
// load warnings): open or not, scrolled by the movement keys, its last line
// saying which lines show when it is taller than the screen.
type page struct {
	open   bool
	scroll scroller
}

// show opens the page at its first line.
func (p *page) show(total, height int) {
	p.open = true
	p.scroll = scroller{pager: true}
	p.fit(total, height)
}

// fit sizes the scroller to total lines on height rows, keeping the last
// row for the position line when they do not fit.
func (p *page) fit(total, height int) {
	shown := total
	if total > height && height > 1 {
		shown = height - 1
	}
	p.scroll.setHeight(shown)
	p.scroll.setCount(total)
}

// handleKey closes the page on closing (or cancel) and scrolls it on the
// movement keys; it reports whether the key asks to quit.
func (p *page) handleKey(keys *KeyMap, closing key.Binding, msg tea.KeyMsg) (quit bool) {
	switch {
	case key.Matches(msg, keys.Quit):
		return true
	case key.Matches(msg, closing), key.Matches(msg, keys.Cancel):
		p.open = false
	default:
		p.scroll.moveByKey(keys, msg)
	}
	return false
}

// view draws lines on width×height, scrolled when they are taller.
func (p *page) view(c *paneState, lines []string, width, height int) string {
	if total := len(lines); total > height && height > 1 {
		k := c.keys
		offset := min(p.scroll.offset, total-height+1)
		lines = append(lines[offset:offset+height-1], c.styles.Dim.Render(fmt.Sprintf(" %s/%s scroll · lines %d-%d of %d",
			k.Down.Help().Key, k.Up.Help().Key, offset+1, offset+height-1, total)))
	}
	return lipgloss.NewStyle().Width(width).Height(height).MaxHeight(height).Render(strings.Join(lines, "\n"))
}
