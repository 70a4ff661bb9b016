package ui

import (
	"fmt"
	"hash/fnv"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/related"
)

// renderKey identifies one glamour rendering: the same paper at the same
// width with the same highlights and marks renders the same.
type renderKey struct {
	paper  int
	width  int
	digest uint64 // of the markdown source
}

// maxRenders bounds the rendering cache.
const maxRenders = 256

// detailModel shows the selected paper rendered as Markdown by glamour.
// Rendering takes milliseconds, so it runs in a command and is cached per
// paper, width and content; until it arrives the pane shows plain text.
type detailModel struct {
	c *paneState
	// A pager over lines, the content cut to the pane's width.
	scroller
	lines   []string
	width   int
	focused bool
	paper   int // -1: none
	current renderKey
	cache   map[renderKey]string
	order   []renderKey // insertion order, for eviction
	related []related.Neighbor
	// relatedCursor marks one related paper for the open-related key;
	// relatedLine is the content line of the first one, for mouse clicks.
	relatedCursor int
	relatedLine   int
	base          string // the content above the related papers
	profile       termenv.Profile
	terms         model.Query
	rendered      bool // lines hold the glamour rendering of current
}

func newDetail(c *paneState, profile termenv.Profile) detailModel {
	return detailModel{c: c, scroller: scroller{pager: true}, paper: -1, cache: map[renderKey]string{}, profile: profile}
}

func (d *detailModel) SetSize(w, h int) {
	d.width = max(w, 0)
	d.setHeight(h)
}

// Show selects what the pane displays and returns the command rendering
// it, if the cache does not have it. Scrolling resets for a new paper.
func (d *detailModel) Show(paper int, q model.Query, related []related.Neighbor) tea.Cmd {
	if d.c.Index == nil || paper < 0 || d.width <= 0 {
		d.paper = -1
		d.setLines("")
		return nil
	}
	if paper != d.paper {
		d.top()
		d.relatedCursor = 0
	}
	d.paper, d.terms, d.related = paper, q, related
	src := d.markdown()
	h := fnv.New64a()
	h.Write([]byte(src))
	key := renderKey{paper: paper, width: d.width, digest: h.Sum64()}
	d.current = key
	if out, ok := d.cache[key]; ok {
		d.rendered = true
		d.setContent(out)
		return nil
	}
	d.rendered = false
	d.setContent(d.plain())
	return renderMarkdown(key, src, d.c.styles.GlamourStyle, d.profile, d.width)
}

// Rendered takes a finished rendering; a late one for another paper or
// width is cached but not shown.
func (d *detailModel) Rendered(msg renderedMsg) {
	if _, ok := d.cache[msg.key]; !ok {
		d.cache[msg.key] = msg.content
		d.order = append(d.order, msg.key)
		if len(d.order) > maxRenders {
			delete(d.cache, d.order[0])
			d.order = d.order[1:]
		}
	}
	if msg.key == d.current {
		d.rendered = true
		d.setContent(msg.content)
	}
}

func (d *detailModel) setContent(s string) {
	d.base = s
	d.relatedLine = strings.Count(s, "\n") + 3 // a blank line and the heading come first
	s = s + d.relatedBlock()
	// Lines longer than the pane (glamour's margins, long URLs) would wrap
	// and break the layout: cut them.
	lines := strings.Split(s, "\n")
	var targets []linkTarget
	if d.c.hyperlinks && d.paper >= 0 && d.c.Index != nil {
		targets = hyperlinkTargets(d.c.paper(d.paper))
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > d.width {
			l = ansi.Truncate(l, d.width, "…")
		}
		// After the cut: a URL cut short links nowhere.
		lines[i] = hyperlink(l, targets)
	}
	d.setLines(strings.Join(lines, "\n"))
}

// setLines replaces what the pane shows, keeping the scroll position
// where the new content allows.
func (d *detailModel) setLines(s string) {
	d.lines = strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	d.setCount(len(d.lines))
}

func renderMarkdown(key renderKey, src, style string, profile termenv.Profile, width int) tea.Cmd {
	return func() tea.Msg {
		// Glamour's own word wrap breaks lines early around escaped and
		// styled text, so it renders unwrapped and wrapRendered wraps.
		styleOption := glamour.WithStandardStyle(style)
		if style == plainGlamourStyle {
			styleOption = glamour.WithStyles(plainGlamour())
		}
		r, err := glamour.NewTermRenderer(
			styleOption,
			glamour.WithColorProfile(profile),
			glamour.WithWordWrap(0),
		)
		if err != nil {
			return renderedMsg{key: key, content: src}
		}
		out, err := r.Render(src)
		if err != nil {
			return renderedMsg{key: key, content: src}
		}
		if profile == termenv.Ascii {
			// glamour draws bold and underline whatever the profile.
			out = ansi.Strip(out)
		}
		return renderedMsg{key: key, content: wrapRendered(strings.TrimRight(out, "\n "), width)}
	}
}

// wrapRendered wraps styled lines to width at spaces (wrap.go), keeping
// each line's indentation on its continuation lines.
func wrapRendered(s string, width int) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	for _, line := range lines {
		line = strings.TrimRight(line, " ")
		if ansi.StringWidth(line) <= width {
			out = append(out, line)
			continue
		}
		plain := ansi.Strip(line)
		indent := len(plain) - len(strings.TrimLeft(plain, " "))
		if indent > width/3 {
			indent = 0
		}
		for i, w := range wrapAtSpaces(line, width-indent) {
			if i > 0 {
				w = spaces(indent) + strings.TrimLeft(w, " ")
			}
			out = append(out, w)
		}
	}
	return strings.Join(out, "\n")
}

// markdown is the source of the detail view. Corpus text is escaped so it
// renders literally; matched query terms are bold.
func (d *detailModel) markdown() string {
	p := d.c.paper(d.paper)
	mark := d.c.Mark(d.paper)
	titlePos, abstractPos := model.HighlightPaper(p, d.terms)
	var b strings.Builder
	b.WriteString("# ")
	b.WriteString(markdownHighlight(p.Title, titlePos))
	b.WriteString("\n\n")
	// The ID first: it is what papers bookmark, tag and related take.
	meta := []string{"`" + strings.ReplaceAll(p.ID, "`", "") + "`"}
	if len(p.Authors) > 0 {
		authors := p.Authors
		if len(authors) > 8 {
			authors = append(authors[:8:8], fmt.Sprintf("and %d more", len(p.Authors)-8))
		}
		meta = append(meta, "*"+escapeMarkdown(strings.Join(authors, ", "))+"*")
	}
	if !p.Published.IsZero() {
		meta = append(meta, p.Published.Format(time.DateOnly))
	}
	// A category shown as a tag below is not repeated here.
	asTags := map[string]bool{}
	for _, t := range d.c.TopicsOf(d.paper) {
		asTags[t.Key] = true
	}
	var cats []string
	for _, c := range p.Categories {
		if key, err := model.NormalizeTag(c); err != nil || !asTags[key] {
			cats = append(cats, c)
		}
	}
	if len(cats) > 0 {
		meta = append(meta, escapeMarkdown(strings.Join(cats, " ")))
	}
	if len(p.Sources) > 0 {
		// Where the paper was read from: a library snapshot mixed into a
		// corpus says so, and source: can find its siblings.
		var names []string
		for _, src := range p.Sources {
			names = append(names, filepath.Base(src))
		}
		meta = append(meta, "from "+escapeMarkdown(strings.Join(names, ", ")))
	}
	if p.Upvotes > 0 {
		meta = append(meta, fmt.Sprintf("▲ %d", p.Upvotes))
	}
	if mark.Bookmarked() {
		meta = append(meta, "★ bookmarked "+mark.BookmarkedAt.Local().Format(time.DateOnly))
	}
	if len(meta) > 0 {
		b.WriteString(strings.Join(meta, " · "))
		b.WriteString("\n\n")
	}
	// User tags bold, topics italic; without colour glamour would show the
	// asterisks, so user tags get a # instead.
	userTag, topicTag := "**%s**", "*%s*"
	if d.c.theme == ThemePlain {
		userTag, topicTag = "#%s", "%s"
	}
	var tags []string
	for _, t := range mark.Tags {
		tags = append(tags, fmt.Sprintf(userTag, escapeMarkdown(t)))
	}
	for _, t := range d.c.TopicsOf(d.paper) {
		tags = append(tags, fmt.Sprintf(topicTag, escapeMarkdown(t.Name)))
	}
	if len(tags) > 0 {
		b.WriteString("Tags: " + strings.Join(tags, " · ") + "\n\n")
	}
	var links []string
	for _, l := range p.Links {
		links = append(links, fmt.Sprintf("[%s](%s)", linkLabel(l), escapeURL(l.URL)))
	}
	if len(links) > 0 {
		b.WriteString("Links: " + strings.Join(links, " · ") + "\n\n")
	}
	b.WriteString("---\n\n")
	b.WriteString(markdownHighlight(p.Abstract, abstractPos))
	b.WriteString("\n")
	if mark.Note != "" {
		b.WriteString("\n---\n\n**Note**\n\n")
		for _, line := range strings.Split(mark.Note, "\n") {
			b.WriteString(escapeMarkdown(line) + "  \n")
		}
	}
	return b.String()
}

func linkLabel(l model.Link) string {
	switch l.Kind {
	case model.LinkAbstract:
		return "abstract"
	case model.LinkPDF:
		return "PDF"
	case model.LinkCode:
		return "code"
	case model.LinkDOI:
		return "DOI"
	}
	return "link"
}

// plain is the quick stand-in shown while glamour renders.
func (d *detailModel) plain() string {
	p := d.c.paper(d.paper)
	w := max(10, d.width-2)
	style := lipgloss.NewStyle().Width(w).PaddingLeft(1)
	wrap := func(s string) string { return strings.Join(wrapAtSpaces(s, w-1), "\n") }
	return style.Bold(true).Render(wrap(p.Title)) + "\n\n" + style.Render(wrap(p.Abstract))
}

func (d *detailModel) relatedBlock() string {
	if len(d.related) == 0 || d.c.Index == nil {
		return ""
	}
	s := d.c.styles
	var b strings.Builder
	b.WriteString("\n\n" + s.PaneTitle.Render(" Related papers") + "\n")
	for i, n := range d.related {
		title := d.c.paper(n.Paper).Title
		marker, style := " ", s.Related
		if d.focused && i == d.relatedCursor {
			marker, style = s.Bar.Render("▸"), s.RowSelectedBlurred
		}
		line := marker + s.RelatedNumber.Render(fmt.Sprintf("%d ", i+1)) + style.Render(title)
		b.WriteString(ansi.Truncate(line, d.width, "…") + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// refresh redraws the content, for a change of focus or of the marked
// related paper.
func (d *detailModel) refresh() {
	if d.paper >= 0 {
		d.setContent(d.base)
	}
}

// moveRelated marks the next (delta 1) or previous related paper.
func (d *detailModel) moveRelated(delta int) {
	if len(d.related) == 0 {
		return
	}
	d.relatedCursor = (d.relatedCursor + delta + len(d.related)) % len(d.related)
	d.refresh()
}

// markedRelated returns the marked related paper.
func (d *detailModel) markedRelated() (int, bool) {
	if d.relatedCursor < 0 || d.relatedCursor >= len(d.related) {
		return 0, false
	}
	return d.related[d.relatedCursor].Paper, true
}

// relatedAt returns the related paper on line y of the pane, if any.
func (d *detailModel) relatedAt(y int) (int, bool) {
	i := d.offset + y - d.relatedLine
	if i < 0 || i >= len(d.related) {
		return 0, false
	}
	return d.related[i].Paper, true
}

// markdownHighlight escapes text and makes the runes at positions bold.
func markdownHighlight(text string, positions []int) string {
	var b strings.Builder
	next, i := 0, 0
	in := false
	for _, r := range text {
		for next < len(positions) && positions[next] < i {
			next++
		}
		m := next < len(positions) && positions[next] == i
		if m != in {
			b.WriteString("**")
			in = m
		}
		b.WriteString(escapeMarkdown(string(r)))
		i++
	}
	if in {
		b.WriteString("**")
	}
	return b.String()
}

// escapeMarkdown backslash-escapes what Markdown would read as inline
// syntax in one line of corpus text, so it renders as written. It escapes
// as little as it can: glamour wraps escaped text poorly, and prints the
// backslash of some escapes (\: stays "\:"). Block syntax only matters at
// the start of a line, so only a leading marker is escaped.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for i, r := range s {
		if strings.ContainsRune("`*_[]<", r) || i == 0 && strings.ContainsRune("#>-+=|", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	out := b.String()
	// "1. " or "2) " at the start would become a numbered list.
	if i := strings.IndexFunc(out, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && (out[i] == '.' || out[i] == ')') {
		out = out[:i] + "\\" + out[i:]
	}
	return out
}

func escapeURL(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(u)
}

func (d detailModel) Update(msg tea.Msg) (detailModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return d, nil
	}
	d.moveByKey(&d.c.keys, km)
	return d, nil
}

func (d detailModel) View() string {
	if d.width <= 0 || d.height <= 0 {
		return ""
	}
	if d.paper < 0 {
		return lipgloss.NewStyle().Width(d.width).Height(d.height).Render("")
	}
	top := min(d.offset, len(d.lines))
	shown := d.lines[top:min(max(top, d.offset+d.height), len(d.lines))]
	// Drawn as bubbles' viewport drew it, so the screen is the same.
	page := lipgloss.NewStyle().Width(d.width).Height(d.height).MaxHeight(d.height).MaxWidth(d.width).Render(strings.Join(shown, "\n"))
	return lipgloss.NewStyle().Width(d.width).Height(d.height).MaxHeight(d.height).Render(page)
}

func (d detailModel) ShortHelp() []key.Binding {
	k := d.c.keys
	return []key.Binding{k.Down, k.Up, k.PageDown, k.NextRelated, k.OpenRelated}
}

func (d detailModel) FullHelp() [][]key.Binding {
	k := d.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfUp, k.HalfDown, k.Top, k.Bottom, k.NextRelated, k.PrevRelated, k.OpenRelated, k.Related}}
}
