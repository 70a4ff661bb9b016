package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/catalog"
	"github.com/papertui/papers/model/topics"
	"github.com/papertui/papers/store/export"
	"github.com/papertui/papers/store/library"
	"github.com/spf13/cobra"
)

// papersByID loads the catalog (without indexing it) and resolves IDs.
type papersByID struct {
	lib    *library.Library
	papers []model.Paper
	byKey  map[string]int
}

func (o *options) openPapers() (*papersByID, error) {
	lib, papers, err := o.openCatalog()
	if err != nil {
		return nil, err
	}
	byKey := make(map[string]int, 2*len(papers))
	for i := range papers {
		for _, k := range papers[i].Keys() {
			byKey[k] = i
		}
	}
	return &papersByID{lib: lib, papers: papers, byKey: byKey}, nil
}

func (p *papersByID) Close() error { return p.lib.Close() }

// resolve finds every ID (an arXiv id with or without version, an arXiv
// URL, or a title ID) or reports all unknown ones at once, so nothing is
// half-applied.
func (p *papersByID) resolve(ids []string) ([]*model.Paper, error) {
	var found []*model.Paper
	var unknown []string
	for _, id := range ids {
		key := id
		if a := model.NormalizeArxivID(id); a != "" {
			key = a
		}
		i, ok := p.byKey[key]
		if !ok {
			unknown = append(unknown, id)
			continue
		}
		found = append(found, &p.papers[i])
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("unknown paper ID(s): %s (see `papers search` for IDs; --corpus loads other corpora)", strings.Join(unknown, ", "))
	}
	return found, nil
}

// withPapers resolves ids in the catalog and hands the papers to fn with
// the library: an unknown ID fails the command before anything is written.
func (o *options) withPapers(ids []string, fn func(lib *library.Library, papers []*model.Paper) error) error {
	ps, err := o.openPapers()
	if err != nil {
		return err
	}
	defer ps.Close()
	papers, err := ps.resolve(ids)
	if err != nil {
		return err
	}
	return fn(ps.lib, papers)
}

func newBookmarkCommands(opts *options) []*cobra.Command {
	set := func(on bool) func(*cobra.Command, []string) error {
		return func(cmd *cobra.Command, ids []string) error {
			return opts.withPapers(ids, func(lib *library.Library, papers []*model.Paper) error {
				return lib.SetBookmarks(papers, on)
			})
		}
	}
	return []*cobra.Command{
		{
			Use:   "bookmark ID...",
			Short: "Bookmark papers",
			Args:  cobra.MinimumNArgs(1),
			RunE:  set(true),
		},
		{
			Use:   "unbookmark ID...",
			Short: "Remove bookmarks",
			Args:  cobra.MinimumNArgs(1),
			RunE:  set(false),
		},
	}
}

func newTagCommands(opts *options) []*cobra.Command {
	apply := func(add bool) func(*cobra.Command, []string) error {
		return func(cmd *cobra.Command, args []string) error {
			return opts.withPapers(args[:1], func(lib *library.Library, papers []*model.Paper) error {
				if add {
					return lib.AddTags(papers, args[1:])
				}
				marks, err := lib.Marks()
				if err != nil {
					return err
				}
				had := marks.For(papers[0]).Tags
				for _, tag := range args[1:] {
					if norm, err := model.NormalizeTag(tag); err == nil && !slices.Contains(had, norm) {
						fmt.Fprintf(opts.stderr, "papers: %s had no tag %s\n", args[0], model.QuotePrefix(norm))
					}
				}
				return lib.RemoveTags(papers, args[1:])
			})
		}
	}
	return []*cobra.Command{
		{
			Use:   "tag ID TAG...",
			Short: "Tag a paper (names are trimmed, lower-cased, spaces become hyphens)",
			Args:  cobra.MinimumNArgs(2),
			RunE:  apply(true),
		},
		{
			Use:   "untag ID TAG...",
			Short: "Remove tags from a paper",
			Args:  cobra.MinimumNArgs(2),
			RunE:  apply(false),
		},
	}
}

func newNoteCommand(opts *options) *cobra.Command {
	var del bool
	cmd := &cobra.Command{
		Use:   "note ID [TEXT | -]",
		Short: "Print a paper's note, set it to TEXT (- reads it from standard input), or --delete it",
		Long: `Print a paper's note, or set it to TEXT; with - as TEXT the note is read
from standard input. A note is at most 1 MiB. Blank text is refused: delete
a note with --delete.`,
		Example: `  papers note 2106.09685 "compare with DoRA"
  papers note 2106.09685 - < thoughts.md
  papers note --delete 2106.09685`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if del && len(args) == 2 {
				return errors.New("--delete takes no TEXT")
			}
			var text string
			if len(args) == 2 {
				var err error
				if text, err = noteText(opts.stdin, args[1]); err != nil {
					return err
				}
			}
			return opts.withPapers(args[:1], func(lib *library.Library, papers []*model.Paper) error {
				switch {
				case del:
					return lib.DeleteNote(papers[0])
				case len(args) == 2:
					return lib.SetNote(papers[0], text)
				}
				note, err := lib.Note(papers[0])
				if err == nil && note != "" {
					fmt.Fprintln(opts.stdout, note)
				}
				return err
			})
		},
	}
	cmd.Flags().BoolVar(&del, "delete", false, "delete the paper's note")
	return cmd
}

// noteText is the note a TEXT argument gives: the argument itself, or
// standard input for "-", read no further than the size limit. Blank text
// is refused, since saving it would delete the note.
func noteText(stdin io.Reader, arg string) (string, error) {
	text := arg
	if arg == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, library.MaxNoteBytes+1))
		if err != nil {
			return "", fmt.Errorf("reading the note from standard input: %w", err)
		}
		if len(b) > library.MaxNoteBytes {
			return "", fmt.Errorf("the note on standard input is over the limit of %d bytes (1 MiB)", library.MaxNoteBytes)
		}
		text = string(b)
	}
	if len(text) > library.MaxNoteBytes {
		return "", fmt.Errorf("the note is too long: %d bytes, the limit is %d (1 MiB)", len(text), library.MaxNoteBytes)
	}
	if model.CleanText(text) == "" {
		return "", errors.New("the note is empty (nothing is left once blanks and control characters are removed); to delete a note, use papers note --delete ID")
	}
	return text, nil
}

// tagRow is one line of `papers tags --json`.
type tagRow struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
	Kind  string `json:"kind"` // "user" or "topic"
}

func newTagsCommand(opts *options) *cobra.Command {
	var (
		asJSON       bool
		hide, unhide []string
	)
	cmd := &cobra.Command{
		Use:   "tags",
		Short: "List every tag with its paper count: user tags, then topic tags",
		Long: `List every tag with its paper count: user tags, then the topic tags found
in the corpus. --hide removes a topic you do not want from the list, the
browser's tag pane and search results' tags; --unhide brings it back.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ps, err := opts.openPapers()
			if err != nil {
				return err
			}
			defer ps.Close()
			if len(hide)+len(unhide) > 0 {
				// Names go through the topics' own lookup, so "LLM" hides
				// the topic whose key is "llms".
				topics := topics.Compute(model.PaperList(ps.papers))
				for _, set := range []struct {
					names  []string
					hidden bool
				}{{hide, true}, {unhide, false}} {
					for _, name := range set.names {
						t, ok := topics.Lookup(name)
						if !ok {
							return fmt.Errorf("no topic %q in this corpus (see `papers tags`)", name)
						}
						if err := ps.lib.HideTopic(t.Key, set.hidden); err != nil {
							return err
						}
					}
				}
				return nil
			}
			rows, err := tagRows(ps)
			if err != nil {
				return err
			}
			out := bufio.NewWriter(opts.stdout)
			enc := json.NewEncoder(out)
			enc.SetEscapeHTML(false)
			for _, r := range rows {
				if asJSON {
					if err := enc.Encode(r); err != nil {
						return err
					}
					continue
				}
				fmt.Fprintf(out, "%s\t%d\t%s\n", r.Name, r.Count, r.Kind)
			}
			return out.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per line: name, count, kind")
	cmd.Flags().StringArrayVar(&hide, "hide", nil, "hide the topic `NAME` (repeatable)")
	cmd.Flags().StringArrayVar(&unhide, "unhide", nil, "show the hidden topic `NAME` again (repeatable)")
	return cmd
}

// tagRows lists the catalog's tags as the browser's tag pane does.
func tagRows(ps *papersByID) ([]tagRow, error) {
	marks, err := ps.lib.Marks()
	if err != nil {
		return nil, err
	}
	hidden, err := ps.lib.HiddenTopics()
	if err != nil {
		return nil, err
	}
	cat := catalog.New(model.NewIndex(ps.papers))
	cat.Marks = marks
	cat.SetHidden(hidden)
	cat.SetTopics(topics.Compute(model.PaperList(ps.papers)))
	var rows []tagRow
	for _, t := range cat.Tags() {
		row := tagRow{Name: t.Key, Count: t.Count, Kind: "user"}
		if t.Topic {
			row.Kind = "topic"
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func newExportCommand(opts *options) *cobra.Command {
	var formatName, output string
	cmd := &cobra.Command{
		Use:   "export [--format bibtex|markdown|json|csl-json] [QUERY...]",
		Short: "Export papers: those matching QUERY, or every paper with bookmarks, tags or notes",
		Long: `Export the papers matching QUERY, or without a query every paper with
bookmarks, tags or notes. Without a query, --format json is a backup of the
whole library (read marks and hidden topics too) that papers import restores.`,
		Example: `  papers export --format bibtex 'is:bookmarked' > reading.bib
  papers export --format json > library-backup.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := export.ParseFormat(formatName)
			if err != nil {
				return err
			}
			if format == export.JSON && strings.TrimSpace(strings.Join(args, " ")) == "" {
				return exportBackup(opts, output)
			}
			papers, marks, err := exportSelection(cmd, opts, strings.Join(args, " "))
			if err != nil {
				return err
			}
			if output == "" || output == "-" {
				return export.Write(opts.stdout, format, papers, marks)
			}
			return export.WriteFile(output, func(w io.Writer) error {
				return export.Write(w, format, papers, marks)
			})
		},
	}
	cmd.Flags().StringVarP(&formatName, "format", "f", "json", "bibtex, markdown, json or csl-json")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` instead of standard output")
	return cmd
}

// exportBackup writes the whole library as JSON, to output or stdout.
func exportBackup(opts *options, output string) error {
	lib, err := opts.openLibrary()
	if err != nil {
		return err
	}
	defer lib.Close()
	if output == "" || output == "-" {
		return lib.WriteBackup(opts.stdout)
	}
	return export.WriteFile(output, lib.WriteBackup)
}

// exportSelection returns the papers an export covers, in result order.
func exportSelection(cmd *cobra.Command, opts *options, raw string) ([]model.Paper, model.Marks, error) {
	if strings.TrimSpace(raw) == "" {
		lib, err := opts.openLibrary()
		if err != nil {
			return nil, model.Marks{}, err
		}
		defer lib.Close()
		marks, err := lib.Marks()
		if err != nil {
			return nil, marks, err
		}
		papers, err := lib.MarkedPapers()
		return papers, marks, err
	}
	sess, err := opts.loadSession(cmd.Context())
	if err != nil {
		return nil, model.Marks{}, err
	}
	defer sess.Close()
	q := model.ParseQuery(raw)
	res, err := sess.search(cmd.Context(), q, model.SortRelevance, catalog.UsesTags(q), false)
	if err != nil {
		return nil, sess.cat.Marks, err
	}
	var papers []model.Paper
	for _, h := range res.Rows(0, res.Total) {
		papers = append(papers, *sess.cat.Index.Paper(h.Paper))
	}
	return papers, sess.cat.Marks, nil
}

func newImportCommand(opts *options) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE",
		Short: "Restore a JSON export into the library, merging without duplicates",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			lib, err := opts.openLibrary()
			if err != nil {
				return err
			}
			defer lib.Close()
			stats, err := lib.Import(f)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			fmt.Fprintf(opts.stderr, "imported %d papers: %d bookmarks, %d tags, %d notes, %d read marks, %d hidden topics, %d saved searches added\n",
				stats.Papers, stats.Bookmarks, stats.Tags, stats.Notes, stats.Read, stats.Hidden, stats.Searches)
			return nil
		},
	}
}
