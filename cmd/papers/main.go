// Command papers is a terminal paper browser: it loads a corpus of papers,
// filters titles and abstracts as you type, and keeps bookmarks, tags and
// notes in a local library. This package holds flags and wiring only.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/papertui/papers/model"
)

// Set by the release build (-ldflags -X main.version=...).
var (
	version = "dev"
	commit  = ""
	date    = ""
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses, as grep and fzf --filter use them.
const (
	exitMatch   = 0
	exitNoMatch = 1
	exitError   = 2
)

// errNoMatch ends a command that ran fine but found nothing.
var errNoMatch = errors.New("no match")

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCommand(stdin, stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	switch {
	case err == nil:
		return exitMatch
	case errors.Is(err, errNoMatch):
		return exitNoMatch
	}
	printError(stderr, "papers:", err)
	return exitError
}

// warn prints load warnings, each once: a search may load a corpus twice
// (streaming, then in full).
func (o *options) warn(warnings []error) {
	for _, w := range warnings {
		if o.warned == nil {
			o.warned = map[string]bool{}
		}
		if msg := w.Error(); !o.warned[msg] {
			o.warned[msg] = true
			printError(o.stderr, "papers: warning:", w)
		}
	}
}

// printError prints err after prefix with every control and escape
// sequence removed: messages quote file names and corpus text, and a file
// named to set the terminal's title must not get to.
func printError(w io.Writer, prefix string, err error) {
	fmt.Fprintln(w, prefix, model.CleanText(err.Error()))
}

func versionString() string {
	s := version
	if commit != "" {
		s += " (" + commit
		if date != "" {
			s += ", " + date
		}
		s += ")"
	}
	return s
}
