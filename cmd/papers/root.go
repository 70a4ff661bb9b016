package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/papertui/papers/model"
	"github.com/spf13/cobra"
)

// options are the flags every command shares.
type options struct {
	corpora []string
	library string
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
}

func newRootCommand(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	opts := &options{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "papers",
		Short: "Browse, filter, tag and bookmark research papers in the terminal",
		Long: `papers opens a corpus of papers (the built-in trending page, arXiv metadata
JSON Lines, arXiv API Atom feeds or Hugging Face daily papers) and filters
titles and abstracts as you type. Bookmarks, tags and notes are kept in a
local library and work offline.

Query language:
` + indent(model.QueryHelp, "  "),
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTUI(cmd.Context(), opts)
		},
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetVersionTemplate("papers {{.Version}}\n")
	flags := root.PersistentFlags()
	flags.StringArrayVarP(&opts.corpora, "corpus", "c", nil, "corpus `PATH` to load: a file or a directory (repeatable; default: the built-in corpus)")
	flags.StringVar(&opts.library, "library", "", "library `FILE` holding bookmarks, tags and notes (default: $XDG_DATA_HOME/papers/library.db)")
	root.AddCommand(newSearchCommand(opts))
	root.AddCommand(newBookmarkCommands(opts)...)
	root.AddCommand(newTagCommands(opts)...)
	root.AddCommand(newNoteCommand(opts), newTagsCommand(opts), newExportCommand(opts), newImportCommand(opts))
	return root
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// usageError marks a mistake in the command line (exit 2 like any error,
// but worded as usage).
func usageError(format string, args ...any) error {
	return fmt.Errorf(format, args...)
}
