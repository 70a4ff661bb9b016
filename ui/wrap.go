package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// wrapAtSpaces wraps a styled line to width at spaces only. Wrapping at
// hyphens too (what lipgloss and ansi.Wordwrap do) splits dates
// (2007-04-/02), categories (cond-/mat.other), IDs and URLs, which are
// read and copied whole; prose loses little by moving a hyphenated word
// to the next line. A word wider than width, a long URL say, is cut into
// pieces of width rather than lost past the pane's edge. Escape sequences
// never hold a space, so they stay with their words.
func wrapAtSpaces(line string, width int) []string {
	width = max(1, width)
	var out []string
	cur, curW := "", 0
	started := false // cur holds a word (perhaps empty, for leading spaces)
	for _, word := range strings.Split(line, " ") {
		w := ansi.StringWidth(word)
		switch {
		case !started:
			cur, curW, started = word, w, true
		case curW+1+w <= width:
			cur, curW = cur+" "+word, curW+1+w
		default:
			out = append(out, cur)
			cur, curW = word, w
		}
		if curW > width {
			// One word alone is too wide: cut it, carrying the rest on.
			pieces := strings.Split(ansi.Hardwrap(cur, width, true), "\n")
			out = append(out, pieces[:len(pieces)-1]...)
			cur = pieces[len(pieces)-1]
			curW = ansi.StringWidth(cur)
		}
	}
	return append(out, cur)
}
