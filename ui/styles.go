package ui

import (
	"io"

	glamouransi "github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Theme is the colour scheme, chosen before the program starts (asking the
// terminal from inside a running program can hang or leak replies into the
// input).
type Theme int

const (
	ThemeDark Theme = iota
	ThemeLight
	// ThemePlain has no colours at all (NO_COLOR); emphasis is bold,
	// underline, reverse, faint and glyphs.
	ThemePlain
)

// Styles is every style the UI uses, in one place.
type Styles struct {
	App, Header, Prompt, Query, Count, Hint, Filter lipgloss.Style
	PaneTitle, PaneTitleFocused, Rule               lipgloss.Style

	Row, RowSelected, RowSelectedBlurred, RowPicked, Bar, Match lipgloss.Style
	MarkBookmark, MarkRead, MarkNew, Dim                        lipgloss.Style

	TagUser, TagTopic, TagSelected, TagCount lipgloss.Style

	Status, StatusError, StatusInfo, HelpKey, HelpDesc lipgloss.Style
	Related, RelatedNumber                             lipgloss.Style
	TooSmall                                           lipgloss.Style

	// GlamourStyle names the glamour style for the detail pane.
	GlamourStyle string
}

var (
	accent   = lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#A78BFA"}
	subtle   = lipgloss.AdaptiveColor{Light: "#9B9B9B", Dark: "#6B6B6B"}
	faint    = lipgloss.AdaptiveColor{Light: "#C8C8C8", Dark: "#3A3A3A"}
	text     = lipgloss.AdaptiveColor{Light: "#1A1A1A", Dark: "#E4E4E4"}
	selected = lipgloss.AdaptiveColor{Light: "#ECE7FF", Dark: "#2E2748"}
	match    = lipgloss.AdaptiveColor{Light: "#B45309", Dark: "#FBBF24"}
	star     = lipgloss.AdaptiveColor{Light: "#CA8A04", Dark: "#FACC15"}
	topic    = lipgloss.AdaptiveColor{Light: "#0E7490", Dark: "#67E8F9"}
	danger   = lipgloss.AdaptiveColor{Light: "#B91C1C", Dark: "#F87171"}
	ok       = lipgloss.AdaptiveColor{Light: "#15803D", Dark: "#86EFAC"}
)

// DefaultStyles returns the styles of a theme, drawn by r. lipgloss
// drops the colours by itself when the terminal says so. ThemePlain
// (NO_COLOR) has no colour at all but keeps bold, underline, reverse and
// faint, which NO_COLOR does not forbid: matches, the selected row, the
// focused pane and read papers stay visible (plainRenderer draws them).
func DefaultStyles(theme Theme, r *lipgloss.Renderer) Styles {
	plain := theme == ThemePlain
	// fg is a style in colour c; without colour, the greys become faint
	// and the rest is left to the attributes set after it.
	fg := func(c lipgloss.AdaptiveColor) lipgloss.Style {
		switch {
		case !plain:
			return r.NewStyle().Foreground(c)
		case c == subtle || c == faint:
			return r.NewStyle().Faint(true)
		}
		return r.NewStyle()
	}
	s := Styles{}
	s.App = r.NewStyle()
	s.Header = fg(accent).Bold(true)
	s.Prompt = fg(accent).Bold(true)
	s.Query = fg(text)
	s.Count = fg(subtle)
	s.Hint = fg(match).Italic(true)
	s.Filter = fg(topic).Bold(true)
	// Bold and faint together show as either on many terminals: without
	// colour a pane title is bold, the focused one underlined too.
	s.PaneTitle = fg(subtle).Bold(true)
	if plain {
		s.PaneTitle = r.NewStyle().Bold(true)
	}
	s.PaneTitleFocused = fg(accent).Bold(true).Underline(true)
	s.Rule = fg(faint)

	s.Row = fg(text)
	// The selected row is bold and marked by a bar glyph, so it stays
	// obvious without colour; the background is a bonus, and reverse
	// takes its place without colour.
	s.RowSelected = fg(text).Bold(true).Background(selected)
	if plain {
		s.RowSelected = r.NewStyle().Bold(true).Reverse(true)
	}
	s.RowSelectedBlurred = fg(text).Bold(true)
	// Picked rows (the multi-selection) carry a ✓ and are bold.
	s.RowPicked = fg(text).Bold(true)
	s.Bar = fg(accent).Bold(true)
	s.Match = fg(match).Bold(true).Underline(true)
	s.MarkBookmark = fg(star).Bold(true)
	s.MarkRead = fg(subtle)
	s.MarkNew = fg(ok).Bold(true)
	s.Dim = fg(subtle)

	s.TagUser = fg(accent)
	s.TagTopic = fg(topic).Italic(true)
	s.TagSelected = r.NewStyle().Bold(true).Reverse(true)
	s.TagCount = fg(subtle)

	s.Status = fg(subtle)
	s.StatusError = fg(danger).Bold(true)
	s.StatusInfo = fg(ok)
	s.HelpKey = fg(accent)
	if plain {
		s.HelpKey = r.NewStyle().Bold(true)
	}
	s.HelpDesc = fg(subtle)
	s.Related = fg(text)
	s.RelatedNumber = fg(accent).Bold(true)
	s.TooSmall = fg(danger).Bold(true)

	switch theme {
	case ThemeLight:
		s.GlamourStyle = "light"
	case ThemePlain:
		s.GlamourStyle = plainGlamourStyle
	default:
		s.GlamourStyle = "dark"
	}
	return s
}

// plainGlamourStyle names plainGlamour, glamour's style without colour.
const plainGlamourStyle = "papers-plain"

// plainGlamour is glamour's notty style with strong text (the query's
// matches) bold and underlined, as the list draws them, instead of wrapped
// in literal asterisks that chop words apart.
func plainGlamour() glamouransi.StyleConfig {
	s := styles.NoTTYStyleConfig
	bold := true
	s.Strong = glamouransi.StylePrimitive{Bold: &bold, Underline: &bold}
	return s
}

// plainRenderer draws the attributes of ThemePlain: NO_COLOR makes
// lipgloss's own renderer drop every escape sequence, bold included, so
// the plain styles have one that keeps them (and has no colour to draw).
func plainRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI)
	return r
}

// bareRenderer draws no escape sequence at all, for Options.Bare.
func bareRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return r
}
