package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/sahilm/fuzzy"
)

type promptKind int

const (
	promptAddTag promptKind = iota
	promptRemoveTag
	promptExportFormat // exportprompt.go
	promptExportPath
	promptSaveSearch // the name of a saved search (savesearch.go)
)

// promptModel asks for a tag on the bottom line, completing from the tags
// that exist (adding) or the paper's own tags (removing).
type promptModel struct {
	c           *paneState
	kind        promptKind
	paper       int
	input       textinput.Model
	choices     []string
	suggestions []string
	active      bool
}

// promptDoneMsg carries the answer of a prompt.
type promptDoneMsg struct {
	kind  promptKind
	paper int
	value string
}

func newPrompt(c *paneState) promptModel {
	in := textinput.New()
	in.PromptStyle = c.styles.Prompt
	in.TextStyle = c.styles.Query
	in.Cursor.Style = c.styles.Prompt
	in.CharLimit = 128
	return promptModel{c: c, input: in}
}

// Open starts a prompt for paper with the given completion choices.
func (p *promptModel) Open(kind promptKind, paper int, choices []string) tea.Cmd {
	p.kind, p.paper, p.choices, p.active = kind, paper, choices, true
	p.input.Reset()
	switch kind {
	case promptAddTag:
		p.input.Prompt = "Add tag: "
		p.input.Placeholder = "name (tab completes)"
	case promptSaveSearch:
		p.input.Prompt = "Save search as: "
		p.input.Placeholder = "name"
	case promptRemoveTag:
		p.input.Prompt = "Remove tag: "
		p.input.Placeholder = strings.Join(choices, ", ")
	case promptExportFormat:
		p.input.Prompt = "Export as: "
		p.input.Placeholder = strings.Join(choices, ", ") + " (tab completes)"
	case promptExportPath:
		p.input.Prompt = "Export to file: "
		p.input.Placeholder = "path (enter alone: the clipboard)"
	}
	p.suggest()
	return p.input.Focus()
}

func (p *promptModel) Close() {
	p.active = false
	p.input.Blur()
}

// suggest ranks the choices against the input with sahilm/fuzzy, as fzf
// would for a short list of names.
func (p *promptModel) suggest() {
	v := strings.TrimSpace(p.input.Value())
	if v == "" {
		p.suggestions = append(p.suggestions[:0], p.choices...)
		return
	}
	p.suggestions = p.suggestions[:0]
	// A name the input starts comes first: with topics among the choices,
	// "to" must complete to-read, not the fuzzier trade-off.
	lower := strings.ToLower(v)
	for _, c := range p.choices {
		if strings.HasPrefix(c, lower) {
			p.suggestions = append(p.suggestions, c)
		}
	}
	for _, m := range fuzzy.Find(v, p.choices) {
		if !strings.HasPrefix(m.Str, lower) {
			p.suggestions = append(p.suggestions, m.Str)
		}
	}
}

func (p promptModel) Update(msg tea.Msg) (promptModel, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		keys := p.c.keys
		switch {
		case key.Matches(km, keys.Cancel):
			p.Close()
			return p, nil
		case km.Type == tea.KeyEnter:
			// An empty line does nothing: removing a tag takes its name
			// (tab completes it). An export's empty path is the clipboard.
			value := strings.TrimSpace(p.input.Value())
			p.Close()
			if value == "" && p.kind != promptExportPath {
				return p, nil
			}
			done := promptDoneMsg{kind: p.kind, paper: p.paper, value: value}
			return p, func() tea.Msg { return done }
		case key.Matches(km, keys.Complete):
			if len(p.suggestions) > 0 {
				p.input.SetValue(p.suggestions[0])
				p.input.CursorEnd()
				p.suggest()
			}
			return p, nil
		}
	}
	var cmd tea.Cmd
	p.input, cmd = updateInput(p.input, msg)
	p.suggest()
	return p, cmd
}

func (p promptModel) View(width int) string {
	s := p.c.styles
	line := p.input.View()
	if len(p.suggestions) > 0 && p.input.Value() != "" {
		shown := p.suggestions[:min(5, len(p.suggestions))]
		line += "  " + s.Dim.Render("→ ") + s.TagUser.Render(shown[0])
		if len(shown) > 1 {
			line += s.Dim.Render("  " + strings.Join(shown[1:], "  "))
		}
	}
	return ansi.Truncate(line, width, "…")
}
