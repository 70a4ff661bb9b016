package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/papertui/papers/model"
)

// linkChooser lists a paper's web links when it has several, for the
// open key to open the one the user picks rather than a guess.
type linkChooser struct {
	active bool
	title  string
	links  []model.Link // web links only (model.IsWebLink)
	cursor int
	page   page
}

// openLink opens url through Options.OpenURL in the background. url must
// be a web link (model.IsWebLink) or built from escaped parts.
func (m *Model) openLink(url string) tea.Cmd {
	open := m.opts.OpenURL
	return func() tea.Msg {
		if open == nil {
			return statusMsg{text: "No browser configured", err: true}
		}
		if err := open(url); err != nil {
			return statusMsg{text: "Could not open " + url + ": " + err.Error(), err: true}
		}
		return statusMsg{text: "Opened " + url}
	}
}

// openPaper is the open key: the only link at once, a chooser for several,
// arXiv's title search for none.
func (m *Model) openPaper(paper *model.Paper) tea.Cmd {
	links := model.WebLinks(slices.Clone(paper.Links))
	switch len(links) {
	case 0:
		// Most papers of a trending page carry no link: searching arXiv
		// for the title finds the paper nearly always.
		return m.openLink(arxivTitleSearch(paper.Title))
	case 1:
		return m.openLink(links[0].URL)
	}
	m.links = linkChooser{active: true, title: paper.Title, links: links}
	m.links.page.show(len(m.chooserLines()), m.pageHeight())
	return nil
}

// pdfLink is the paper's full text: arXiv's PDF for an arXiv paper, else
// a PDF link of its own, else "".
func pdfLink(p *model.Paper) string {
	if isArxivID(p.ArxivID) {
		return "https://arxiv.org/pdf/" + p.ArxivID
	}
	for _, l := range p.Links {
		if l.Kind == model.LinkPDF && model.IsWebLink(l.URL) {
			return l.URL
		}
	}
	return ""
}

// isArxivID reports whether id can go into an arXiv URL as it is: new
// style (2401.01234) and old style (hep-th/9901001) IDs, with a version
// or not, use only these characters.
func isArxivID(id string) bool {
	if id == "" || strings.HasPrefix(id, ".") || strings.Contains(id, "..") {
		return false
	}
	return strings.IndexFunc(id, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '/')
	}) < 0
}

// openPDF is the open_pdf key.
func (m *Model) openPDF(paper *model.Paper) tea.Cmd {
	u := pdfLink(paper)
	if u == "" {
		return m.status.set("No PDF known for this paper ("+m.c.keys.Open.Help().Key+" opens its page)", false)
	}
	return m.openLink(u)
}

// chooserKey handles the keys while the chooser is open: a number opens
// that link, enter the marked one, esc cancels.
func (m *Model) chooserKey(msg tea.KeyMsg) tea.Cmd {
	keys := m.c.keys
	ch := &m.links
	switch {
	case key.Matches(msg, keys.Cancel), key.Matches(msg, keys.Quit):
		ch.active = false
		return nil
	case key.Matches(msg, keys.Accept):
		ch.active = false
		return m.openLink(ch.links[ch.cursor].URL)
	case key.Matches(msg, keys.ChooseLink):
		n := slices.Index(keys.ChooseLink.Keys(), msg.String())
		if n < 0 || n >= len(ch.links) {
			return m.status.set(fmt.Sprintf("There are %d links", len(ch.links)), false)
		}
		ch.active = false
		return m.openLink(ch.links[n].URL)
	case key.Matches(msg, keys.Up):
		ch.cursor = max(0, ch.cursor-1)
	case key.Matches(msg, keys.Down):
		ch.cursor = min(len(ch.links)-1, ch.cursor+1)
	default:
		ch.page.scroll.moveByKey(&m.c.keys, msg)
	}
	return nil
}

// chooserLines is the chooser's page: the paper's title and its links,
// numbered, with their kind.
func (m *Model) chooserLines() []string {
	s := m.c.styles
	ch := &m.links
	w := max(10, m.width-2)
	lines := []string{s.PaneTitleFocused.Render(ansi.Truncate("Links of “"+ch.title+"”", w, "…")), ""}
	numbers := m.c.keys.ChooseLink.Keys()
	for i, l := range ch.links {
		num := "  "
		if i < len(numbers) {
			num = numbers[i] + " "
		}
		bar := "  "
		style := s.Row
		if i == ch.cursor {
			bar, style = s.Bar.Render("▌")+" ", s.RowSelected
		}
		// Web links have no control characters or spaces (IsWebLink), so
		// they are safe to print; long ones are cut to the screen.
		row := bar + s.RelatedNumber.Render(num) + fmt.Sprintf("%-8s ", linkLabel(l)) + l.URL
		lines = append(lines, style.Render(ansi.Truncate(row, w, "…")))
	}
	lines = append(lines, "", s.Dim.Render(ansi.Truncate(fmt.Sprintf("%s opens that link · %s the marked one · %s cancels",
		m.c.keys.ChooseLink.Help().Key, m.c.keys.Accept.Help().Key, m.c.keys.Cancel.Help().Key), w, "…")))
	return strings.Split(lipgloss.NewStyle().PaddingLeft(1).Render(strings.Join(lines, "\n")), "\n")
}

func (m *Model) chooserHelp() []key.Binding {
	k := m.c.keys
	return []key.Binding{k.ChooseLink, key.NewBinding(key.WithKeys(k.Accept.Keys()...), key.WithHelp(k.Accept.Help().Key, "open the marked link")), k.Cancel}
}
