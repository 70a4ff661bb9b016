package ui

import (
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/papertui/papers/model"
)

// searchModel is the search line at the top: the query input on the left,
// the count, sort and active filters on the right.
type searchModel struct {
	c     *paneState
	input textinput.Model
}

func newSearch(c *paneState, query string) searchModel {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "type to filter titles and abstracts — ? for help"
	in.PromptStyle = c.styles.Prompt
	in.TextStyle = c.styles.Query
	in.PlaceholderStyle = c.styles.Dim
	in.Cursor.Style = c.styles.Prompt
	in.CharLimit = 512
	in.SetValue(model.CleanInput(query))
	return searchModel{c: c, input: in}
}

func (s *searchModel) Focus() tea.Cmd { return s.input.Focus() }
func (s *searchModel) Blur()          { s.input.Blur() }
func (s *searchModel) Focused() bool  { return s.input.Focused() }
func (s *searchModel) Value() string  { return s.input.Value() }

// SetValue replaces the query and moves the cursor to its end.
func (s *searchModel) SetValue(v string) {
	s.input.SetValue(model.CleanInput(v))
	s.input.CursorEnd()
}

func (s searchModel) Update(msg tea.Msg) (searchModel, tea.Cmd) {
	var cmd tea.Cmd
	s.input, cmd = updateInput(s.input, msg)
	return s, cmd
}

// updateInput is in.Update with what is typed or pasted cleaned like
// corpus text, for the input echoes it to the terminal: textinput drops
// C0 controls but keeps C1 and bidi characters, and keeps the rest of an
// escape sequence whose ESC it dropped. Runes are cleaned before the input
// sees them, so a pasted sequence goes whole; the value is checked after,
// for a clipboard paste (ctrl+v) arrives as textinput's own message.
func updateInput(in textinput.Model, msg tea.Msg) (textinput.Model, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && km.Type == tea.KeyRunes {
		clean := model.CleanInput(string(km.Runes))
		if clean == "" {
			return in, nil
		}
		km.Runes = []rune(clean)
		msg = km
	}
	in, cmd := in.Update(msg)
	if v := in.Value(); model.CleanInput(v) != v {
		before := []rune(v)[:in.Position()]
		in.SetValue(model.CleanInput(v))
		in.SetCursor(utf8.RuneCountInString(model.CleanInput(string(before))))
	}
	return in, cmd
}

// View renders the line with right (count, sort, filters) right-aligned.
func (s searchModel) View(width int, right string) string {
	rightWidth := ansi.StringWidth(right)
	inputWidth := width - rightWidth - 1
	if inputWidth < 8 {
		right, rightWidth = "", 0
		inputWidth = width
	}
	in := s.input
	in.Width = max(1, inputWidth-ansi.StringWidth(in.Prompt)-1)
	left := ansi.Truncate(in.View(), inputWidth, "…")
	gap := max(1, width-ansi.StringWidth(left)-rightWidth)
	return lipgloss.NewStyle().MaxWidth(width).Render(left + spaces(gap) + right)
}

func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	b := make([]byte, n)
	for i := range b {
		b[i] = ' '
	}
	return string(b)
}

func (s searchModel) ShortHelp() []key.Binding {
	k := s.c.keys
	return []key.Binding{k.Accept, k.Clear}
}

func (s searchModel) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
