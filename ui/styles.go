package ui

import "github.com/charmbracelet/lipgloss"

// Theme is the colour scheme, chosen before the program starts (asking the
// terminal from inside a running program can hang or leak replies into the
// input).
type Theme int

const (
	ThemeDark Theme = iota
	ThemeLight
	// ThemePlain has no colours at all (NO_COLOR); emphasis is bold,
	// reverse and glyphs only.
	ThemePlain
)

// Styles is every style the UI uses, in one place.
type Styles struct {
	App, Header, Prompt, Query, Count, Hint, Filter lipgloss.Style
	PaneTitle, PaneTitleFocused, Rule               lipgloss.Style

	Row, RowSelected, RowSelectedBlurred, Bar, Match lipgloss.Style
	MarkBookmark, MarkRead, MarkNew, Dim             lipgloss.Style

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

// DefaultStyles returns the styles of a theme. lipgloss drops the colours
// by itself when the terminal (or NO_COLOR) says so; ThemePlain also keeps
// the glamour renderer plain.
func DefaultStyles(theme Theme) Styles {
	s := Styles{}
	s.App = lipgloss.NewStyle()
	s.Header = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Prompt = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Query = lipgloss.NewStyle().Foreground(text)
	s.Count = lipgloss.NewStyle().Foreground(subtle)
	s.Hint = lipgloss.NewStyle().Foreground(match).Italic(true)
	s.Filter = lipgloss.NewStyle().Foreground(topic).Bold(true)
	s.PaneTitle = lipgloss.NewStyle().Foreground(subtle).Bold(true)
	s.PaneTitleFocused = lipgloss.NewStyle().Foreground(accent).Bold(true).Underline(true)
	s.Rule = lipgloss.NewStyle().Foreground(faint)

	s.Row = lipgloss.NewStyle().Foreground(text)
	// The selected row is bold and marked by a bar glyph, so it stays
	// obvious without colour; the background is a bonus.
	s.RowSelected = lipgloss.NewStyle().Bold(true).Foreground(text).Background(selected)
	s.RowSelectedBlurred = lipgloss.NewStyle().Bold(true).Foreground(text)
	s.Bar = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Match = lipgloss.NewStyle().Foreground(match).Bold(true).Underline(true)
	s.MarkBookmark = lipgloss.NewStyle().Foreground(star).Bold(true)
	s.MarkRead = lipgloss.NewStyle().Foreground(subtle)
	s.MarkNew = lipgloss.NewStyle().Foreground(ok).Bold(true)
	s.Dim = lipgloss.NewStyle().Foreground(subtle)

	s.TagUser = lipgloss.NewStyle().Foreground(accent)
	s.TagTopic = lipgloss.NewStyle().Foreground(topic).Italic(true)
	s.TagSelected = lipgloss.NewStyle().Bold(true).Reverse(true)
	s.TagCount = lipgloss.NewStyle().Foreground(subtle)

	s.Status = lipgloss.NewStyle().Foreground(subtle)
	s.StatusError = lipgloss.NewStyle().Foreground(danger).Bold(true)
	s.StatusInfo = lipgloss.NewStyle().Foreground(ok)
	s.HelpKey = lipgloss.NewStyle().Foreground(accent)
	s.HelpDesc = lipgloss.NewStyle().Foreground(subtle)
	s.Related = lipgloss.NewStyle().Foreground(text)
	s.RelatedNumber = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.TooSmall = lipgloss.NewStyle().Foreground(danger).Bold(true)

	switch theme {
	case ThemeLight:
		s.GlamourStyle = "light"
	case ThemePlain:
		s.GlamourStyle = "notty"
		// Without colour, a reverse bar is the clearest selection.
		s.RowSelected = lipgloss.NewStyle().Bold(true).Reverse(true)
		s.Match = lipgloss.NewStyle().Bold(true).Underline(true)
	default:
		s.GlamourStyle = "dark"
	}
	return s
}
