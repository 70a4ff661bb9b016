package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/muesli/mango"
	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/papertui/papers/model"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// newManCommand prints the man page, generated from the command tree so it
// cannot drift from the commands and flags. The release build installs its
// output as papers(1); users have no reason to run it, hence hidden.
func newManCommand(opts *options) *cobra.Command {
	return &cobra.Command{
		Use:                   "man",
		Short:                 "Print the papers(1) man page (roff)",
		Hidden:                true,
		Args:                  cobra.NoArgs,
		DisableFlagsInUseLine: true,
		Annotations:           map[string]string{skipConfig: "true"},
		RunE: func(cmd *cobra.Command, _ []string) error {
			date, err := manDate()
			if err != nil {
				return err
			}
			page, err := manPage(cmd.Root(), date)
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(opts.stdout, page)
			return err
		},
	}
}

func manPage(root *cobra.Command, date time.Time) (string, error) {
	page, err := mcobra.NewManPage(1, root)
	if err != nil {
		return "", err
	}
	// mango starts a paragraph at every newline: join the wrapped lines.
	page.WithLongDescription(strings.Join(strings.Fields(description), " "))
	showFlagArguments(&page.Root, root)
	// mango can only write filled text; these sections need a table and
	// tagged paragraphs, so they are plain roff.
	return page.Build(datedDocument{roff.NewDocument(), date}) + manQueryLanguage() + manTrailer, nil
}

// showFlagArguments names each flag's argument the way --help does
// ("--config FILE"), where mango would print the usage's `FILE` quotes.
func showFlagArguments(m *mango.Command, c *cobra.Command) {
	done := map[string]bool{} // Flags() also holds the persistent flags
	fix := func(f *pflag.Flag) {
		mf, ok := m.Flags[f.Name]
		if !ok || done[f.Name] {
			return
		}
		done[f.Name] = true
		arg, usage := pflag.UnquoteUsage(f)
		if arg != "" {
			mf.Name += " " + arg
		}
		mf.Usage = usage
		m.Flags[f.Name] = mf
	}
	c.Flags().VisitAll(fix)
	c.PersistentFlags().VisitAll(fix)
	for _, sub := range c.Commands() {
		if ms, ok := m.Commands[sub.Name()]; ok {
			showFlagArguments(ms, sub)
		}
	}
}

// manQueryLanguage is model.QueryHelp as a no-fill block: its columns
// would not survive filling.
func manQueryLanguage() string {
	var b strings.Builder
	b.WriteString("\n.SH QUERY LANGUAGE\nThe same in the browser and in papers search:\n.PP\n.nf\n")
	for line := range strings.SplitSeq(model.QueryHelp, "\n") {
		b.WriteString(roffEscape(line) + "\n")
	}
	b.WriteString(".fi\n")
	return b.String()
}

// roffEscape keeps text literal: a backslash starts an escape, and a
// leading dot or quote a request.
func roffEscape(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

const manTrailer = `.SH FILES
.TP
.I $XDG_CONFIG_HOME/papers/config.toml
The config file (default ~/.config/papers/config.toml): default corpora,
theme and key bindings.
.B \-\-config
reads another file.
.TP
.I $XDG_DATA_HOME/papers/library.db
The library (default ~/.local/share/papers/library.db): bookmarks, tags,
notes and read marks.
.B \-\-library
uses another file.
.SH ENVIRONMENT
.TP
.B NO_COLOR
Turns colours off, whatever the config file's theme says; bold, underline, reverse and faint remain.
.TP
.BR VISUAL ", " EDITOR
The editor for notes (default vi).
.TP
.B BROWSER
The program that opens links (default: the platform's opener).
.TP
.B PAPERS_HYPERLINKS
1 makes the detail pane's links OSC 8 hyperlinks, 0 plain text (default:
on, except when TERM is dumb or linux).
.TP
.B PAPERS_DEBUG
A file to write debug logs to.
.SH EXIT STATUS
0 on success; 1 when
.B papers search
found nothing; 2 on error, including a bad config file.
`

// datedDocument stamps the page with a fixed date instead of mango's
// time.Now, so that a release build is reproducible, and puts it in the
// usual manual for section 1 rather than repeating the summary there.
type datedDocument struct {
	*roff.Document
	date time.Time
}

func (d datedDocument) Heading(section uint, title, _ string, _ time.Time) {
	d.Document.Heading(section, title, "User Commands", d.date)
}

// manDate is SOURCE_DATE_EPOCH when set (reproducible builds), else the
// build's commit date, else today.
func manDate() (time.Time, error) {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", s)
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339, date); err == nil {
		return t.UTC(), nil
	}
	return time.Now().UTC(), nil
}
