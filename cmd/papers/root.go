package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/config"
	"github.com/papertui/papers/ui"
	"github.com/spf13/cobra"
)

// options are the flags every command shares, and the settings of the
// config file.
type options struct {
	corpora []string
	library string
	config  string
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
	warned  map[string]bool // warnings already printed

	// From the config file (see loadConfig).
	theme string
	keys  ui.KeyMap
	feeds []config.Feed
	urls  map[string]string
	// cfg is the config when the corpora are its default ones, which a
	// refresh may change (the first fetch creates the feeds directory).
	cfg *config.Config
	// readAfter is ui.Options.ReadAfter: 0 the default, negative never.
	readAfter time.Duration
}

// description is what papers does, for --help and the man page.
const description = `papers opens a corpus of papers (the built-in trending page, arXiv metadata
JSON Lines, arXiv API Atom feeds or Hugging Face daily papers) and filters
titles and abstracts as you type. Bookmarks, tags and notes are kept in a
local library and work offline.`

func newRootCommand(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	opts := &options{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:           "papers",
		Short:         "Browse, filter, tag and bookmark research papers in the terminal",
		Long:          description + "\n\nQuery language:\n" + indent(model.QueryHelp, "  "),
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if !needsConfig(cmd) {
				return nil
			}
			return opts.loadConfig()
		},
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
	flags.StringVar(&opts.config, "config", "", "config `FILE` with default corpora, theme and keys (default: $XDG_CONFIG_HOME/papers/config.toml)")
	root.AddCommand(newSearchCommand(opts))
	root.AddCommand(newBookmarkCommands(opts)...)
	root.AddCommand(newTagCommands(opts)...)
	root.AddCommand(newNoteCommand(opts), newTagsCommand(opts), takesQuery(newExportCommand(opts)), newImportCommand(opts))
	root.AddCommand(newRelatedCommand(opts), newManCommand(opts), newFetchCommand(opts), newWatchCommand(opts))
	root.AddCommand(newIndexCommand(opts), newCacheCommand(opts))
	return root
}

// skipConfig annotates a command that must work whatever the config file
// holds.
const skipConfig = "papers/skip-config"

// needsConfig reports whether cmd reads the config file. Help, the man page
// and completion scripts do not: a shell start-up file that runs
// "papers completion bash" should not fail over a typo in config.toml.
func needsConfig(cmd *cobra.Command) bool {
	for c := cmd; c != nil; c = c.Parent() {
		if c.Annotations[skipConfig] != "" {
			return false
		}
		if c.HasParent() && !c.Parent().HasParent() && (c.Name() == "completion" || c.Name() == "help") {
			return false
		}
	}
	return true
}

// loadConfig reads the config file (--config, or the default one) before
// any command runs: its corpora are the default for every command, not
// just the browser.
func (o *options) loadConfig() error {
	keys := ui.DefaultKeyMap()
	// Rebind both checks each [keys] entry, so a mistake is reported with
	// its line, and applies it to keys.
	cfg, err := config.Load(o.config, keys.Rebind)
	if err != nil {
		return err
	}
	if conflicts := keys.Conflicts(); len(conflicts) > 0 {
		return keyConflictError(cfg, conflicts[0])
	}
	if len(o.corpora) == 0 {
		o.corpora = defaultCorpora(cfg)
		o.cfg = cfg
	}
	o.feeds, o.urls = cfg.Feeds, cfg.URLs
	o.theme = cfg.Theme
	o.keys = keys
	if d := cfg.ReadAfter; d != nil {
		o.readAfter = *d
		if *d == 0 {
			o.readAfter = -1 // "0" in the file: only the key marks papers read
		}
	}
	return nil
}

// keyConflictError reports c at the [keys] entry that made it: the one
// overriding a default, or the later of two entries, naming the other's
// line. The default keys have no conflicts (ui tests check it), so one of
// the two actions is in the file.
func keyConflictError(cfg *config.Config, c ui.KeyConflict) error {
	line := map[string]int{}
	for _, o := range cfg.Keys {
		line[o.Action] = config.KeyLine(cfg.Path, "keys", o.Action)
	}
	at, other := c.Actions[1], c.Actions[0]
	if _, ok := line[at]; !ok || line[other] > line[at] {
		at, other = other, at
	}
	where := "by default"
	if n, ok := line[other]; ok {
		where = fmt.Sprintf("on line %d", n)
	}
	return &config.Error{
		Path: cfg.Path, Line: line[at], Key: "keys." + at,
		Problem: fmt.Sprintf("%s is bound to both %s and %s (%s) in %s: a key does one thing in one place; give one of them other keys",
			strconv.Quote(c.Key), at, other, where, c.Context),
	}
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// usageError marks a mistake in the command line (exit 2 like any error,
// but worded as usage).
func usageError(format string, args ...any) error {
	return fmt.Errorf(format, args...)
}
