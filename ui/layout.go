package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/papertui/papers/model"
)

// layout sizes the panes from the window size: three columns when wide,
// list and detail side by side when medium, stacked when narrow.
func (m *Model) layout() {
	m.rects = [numPanes]rect{}
	w, h := m.width, m.height
	if w < minWidth || h < minHeight {
		return
	}
	m.help.Width = w
	switch {
	case m.tagsPref > 0:
		m.tagsVisible = w >= tagsPaneMin
	case m.tagsPref < 0:
		m.tagsVisible = false
	default:
		m.tagsVisible = w >= wideWidth
	}
	top := 2 // search line, pane titles
	bodyH := h - top - 1
	x := 0
	if m.tagsVisible {
		tw := max(18, min(28, w/6))
		m.rects[paneTags] = rect{0, top, tw, bodyH}
		x = tw + 1
	}
	rest := w - x
	m.stacked = rest < sideBySideMin
	if m.stacked {
		listH := max(3, bodyH*45/100)
		m.rects[paneList] = rect{x, top, rest, listH}
		m.rects[paneDetail] = rect{x, top + listH + 1, rest, bodyH - listH - 1}
	} else {
		lw := rest * 45 / 100
		if rest >= 160 {
			lw = rest / 2 // titles are long: give them half of a wide screen
		}
		m.rects[paneList] = rect{x, top, lw, bodyH}
		m.rects[paneDetail] = rect{x + lw + 1, top, rest - lw - 1, bodyH}
	}
	m.tags.SetSize(m.rects[paneTags].w, m.rects[paneTags].h)
	m.list.SetSize(m.rects[paneList].w, m.rects[paneList].h)
	m.detail.SetSize(m.rects[paneDetail].w, m.rects[paneDetail].h)
	if m.rects[m.focus].w == 0 {
		m.setFocus(paneList)
	}
	if m.helpPage.open {
		m.helpPage.fit(len(m.helpLines()), m.pageHeight())
	}
	if m.warningsPage.open {
		m.warningsPage.fit(len(m.warningLines()), m.pageHeight())
	}
	if m.triage.active {
		m.resizeTriage()
	}
	if m.links.active {
		m.links.page.fit(len(m.chooserLines()), m.pageHeight())
	}
}

func (m Model) View() string {
	if m.quitting {
		return ""
	}
	s := m.c.styles
	if m.width < minWidth || m.height < minHeight {
		msg := fmt.Sprintf("Too small: %d×%d, papers needs %d×%d", m.width, m.height, minWidth, minHeight)
		return lipgloss.NewStyle().Width(max(m.width, 1)).MaxWidth(max(m.width, 0)).MaxHeight(max(m.height, 0)).Render(s.TooSmall.Render(msg))
	}
	header := m.search.View(m.width, m.headerRight())
	var body string
	switch {
	case m.triage.active:
		body = m.triageView()
	case m.links.active:
		body = m.links.page.view(m.c, m.chooserLines(), m.width, m.pageHeight())
	case m.helpPage.open:
		body = m.helpPage.view(m.c, m.helpLines(), m.width, m.pageHeight())
	case m.warningsPage.open:
		body = m.warningsPage.view(m.c, m.warningLines(), m.width, m.pageHeight())
	default:
		body = m.titlesRow() + "\n" + m.bodyView()
	}
	return lipgloss.NewStyle().MaxWidth(m.width).MaxHeight(m.height).Render(header + "\n" + body + "\n" + m.statusLine())
}

// nextOrder is the sort after the current one, passing over those that
// would change nothing (by date with no dates, by upvotes with none).
func (m *Model) nextOrder() model.SortOrder {
	orders := model.SortOrders()
	at := slices.Index(orders, m.order)
	for k := 1; k < len(orders); k++ {
		o := orders[(at+k)%len(orders)]
		if m.c.Index == nil || m.c.Index.Useful(o) {
			return o
		}
	}
	return model.SortRelevance
}

// headerRight shows the sort order and the active filters.
func (m *Model) headerRight() string {
	s := m.c.styles
	var parts []string
	if n := len(m.warnings); n > 0 {
		parts = append(parts, m.c.styles.StatusError.Render(fmt.Sprintf("%d warning(s): %s", n, m.c.keys.Warnings.Help().Key)))
	}
	if n := m.c.newCount(); n > 0 {
		parts = append(parts, s.MarkNew.Render(fmt.Sprintf("%s %d new", newGlyph(m.c.theme), n)))
	}
	for _, t := range m.tags.Selected() {
		parts = append(parts, s.Filter.Render("#"+t))
	}
	if d := m.tags.day; d != "" {
		parts = append(parts, s.Filter.Render("date:"+d))
	}
	if m.bookmarksOnly {
		parts = append(parts, s.Filter.Render("★ only"))
	}
	if m.hideRead {
		parts = append(parts, s.Filter.Render("unread only"))
	}
	if n := len(m.c.picked); n > 0 {
		parts = append(parts, s.Filter.Render(fmt.Sprintf("%d selected", n)))
	}
	parts = append(parts, s.Count.Render("sort: "+m.order.String()))
	return strings.Join(parts, " ")
}

func (m *Model) titlesRow() string {
	s := m.c.styles
	title := func(p pane, text string) string {
		r := m.rects[p]
		style := s.PaneTitle
		if m.focus == p && !m.search.Focused() {
			style = s.PaneTitleFocused
		}
		return lipgloss.NewStyle().Width(r.w).MaxWidth(r.w).Render(ansi.Truncate(style.Render(text), r.w, "…"))
	}
	count := "Papers"
	if m.c.Index != nil && m.list.result != nil {
		count = fmt.Sprintf("Papers %d/%d", m.list.result.Total, m.c.Index.Shown())
		if m.list.result.Total > 0 {
			// A count alone does not say where the cursor is.
			count += fmt.Sprintf(" · row %d", m.list.cursor+1)
		}
		// Say when a word was not found as typed, and what it was taken for.
		if note := m.list.result.FuzzyNote(); note != "" {
			count += " · " + note
		}
	}
	var cells []string
	if m.tagsVisible {
		cells = append(cells, title(paneTags, " Tags"), " ")
	}
	cells = append(cells, title(paneList, " "+count))
	if !m.stacked {
		cells = append(cells, " ", title(paneDetail, " "+m.detailTitle()))
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, cells...)
}

func (m *Model) bodyView() string {
	s := m.c.styles
	var cols []string
	bodyH := m.rects[paneList].h
	if m.stacked {
		bodyH = m.rects[paneList].h + 1 + m.rects[paneDetail].h
	}
	sep := s.Rule.Render(strings.TrimRight(strings.Repeat("│\n", bodyH), "\n"))
	if m.tagsVisible {
		cols = append(cols, m.tags.View(), sep)
	}
	if m.stacked {
		rule := m.stackedRule(m.rects[paneList].w)
		cols = append(cols, lipgloss.JoinVertical(lipgloss.Left, m.list.View(), rule, m.detail.View()))
	} else {
		cols = append(cols, m.list.View(), sep, m.detail.View())
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, cols...)
}

func (m *Model) stackedRule(w int) string {
	s := m.c.styles
	style := s.PaneTitle
	if m.focus == paneDetail && !m.search.Focused() {
		style = s.PaneTitleFocused
	}
	label := style.Render(" " + m.detailTitle() + " ")
	return s.Rule.Render("──") + label + s.Rule.Render(strings.Repeat("─", max(0, w-2-ansi.StringWidth(label))))
}

func (m *Model) statusLine() string {
	s := m.c.styles
	w := m.width
	switch {
	case m.prompt.active:
		return m.prompt.View(w)
	case m.refresh.active:
		return m.refreshLine(w)
	case m.status.text != "":
		style := s.StatusInfo
		if m.status.isErr {
			style = s.StatusError
		}
		return ansi.Truncate(style.Render(m.status.text), w, "…")
	case m.query.Hint() != "":
		return ansi.Truncate(s.Hint.Render("note: "+m.query.Hint()), w, "…")
	}
	return ansi.Truncate(m.help.ShortHelpView(m.shortHelp()), w, "…")
}

func (m *Model) shortHelp() []key.Binding {
	k := m.c.keys
	if m.triage.active {
		return m.triageHelp()
	}
	if m.links.active {
		return m.chooserHelp()
	}
	if m.search.Focused() {
		return append(m.search.ShortHelp(), k.Help)
	}
	var bindings []key.Binding
	switch m.focus {
	case paneTags:
		bindings = m.tags.ShortHelp()
	case paneDetail:
		bindings = m.detail.ShortHelp()
	default:
		bindings = m.list.ShortHelp()
	}
	return append([]key.Binding{k.Search}, append(bindings, k.NextPane, k.Help, k.Quit)...)
}
