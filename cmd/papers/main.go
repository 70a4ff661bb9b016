// Command papers is a terminal paper browser: it loads a corpus of papers,
// filters titles and abstracts as you type, and keeps bookmarks, tags and
// notes in a local library. This package holds flags and wiring only.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
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
	fmt.Fprintln(stderr, "papers:", err)
	return exitError
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
