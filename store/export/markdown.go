package export

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/papertui/papers/model"
)

func writeMarkdown(w *bufio.Writer, papers []model.Paper, marks model.Marks) error {
	w.WriteString("# Reading list\n")
	for i := range papers {
		p := &papers[i]
		m := marks.For(p)
		title := p.Title
		if title == "" {
			title = p.ID
		}
		w.WriteString("\n## ")
		if link := p.MainWebLink(); link != "" {
			fmt.Fprintf(w, "[%s](<%s>)\n", mdEscape(title), mdURL(link))
		} else {
			w.WriteString(mdEscape(title) + "\n")
		}
		var meta []string
		if len(p.Authors) > 0 {
			meta = append(meta, mdEscape(strings.Join(p.Authors, ", ")))
		}
		if y := p.Year(); y != 0 {
			meta = append(meta, strconv.Itoa(y))
		}
		if p.ArxivID != "" {
			meta = append(meta, "arXiv:"+mdEscape(p.ArxivID))
		}
		if p.DOI != "" {
			meta = append(meta, "doi:"+mdEscape(p.DOI))
		}
		if len(meta) > 0 {
			w.WriteString("\n" + strings.Join(meta, " · ") + "\n")
		}
		var status []string
		if len(m.Tags) > 0 {
			tags := make([]string, len(m.Tags))
			for j, t := range m.Tags {
				tags[j] = "`" + t + "`" // normalised tags hold no backquote
			}
			status = append(status, "Tags: "+strings.Join(tags, " "))
		}
		if m.Bookmarked() {
			status = append(status, "bookmarked "+m.BookmarkedAt.Format("2006-01-02"))
		}
		if m.Read {
			status = append(status, "read")
		}
		if len(status) > 0 {
			w.WriteString("\n" + strings.Join(status, " · ") + "\n")
		}
		if m.Note != "" {
			// The note is the user's own text, Markdown included: quoted,
			// not escaped.
			w.WriteString("\n")
			for _, line := range strings.Split(m.Note, "\n") {
				w.WriteString(strings.TrimRight("> "+line, " ") + "\n")
			}
		}
	}
	return nil
}

// mdEscape backslash-escapes the characters that would make text into
// Markdown markup (CommonMark allows escaping any ASCII punctuation).
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~#", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdURL makes a URL safe inside <...>: no spaces or angle brackets.
func mdURL(u string) string {
	return strings.NewReplacer(" ", "%20", "<", "%3C", ">", "%3E").Replace(u)
}
