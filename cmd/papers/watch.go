package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/catalog"
	"github.com/spf13/cobra"
)

// watchRow is one line of `papers watch --json`.
type watchRow struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
	New   int    `json:"new"`
	Query string `json:"query"`
}

func newWatchCommand(opts *options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "watch",
		Short: "List saved searches: NAME<TAB>COUNT<TAB>NEW<TAB>QUERY",
		Long: `List the saved searches (watch lists) with how many papers each finds and
how many of those are new (first seen in the latest load that added
papers). The browser shows them at the top of the tag pane.`,
		Example: `  papers watch add diffusion 'abs:"diffusion" author:ho'
  papers watch
  papers watch rm diffusion`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			sess, err := opts.loadSession(cmd.Context())
			if err != nil {
				return err
			}
			defer sess.Close()
			saved, err := sess.lib.SavedSearches()
			if err != nil {
				return err
			}
			needTopics := false
			for _, s := range saved {
				needTopics = needTopics || catalog.UsesTags(model.ParseQuery(s.Query))
			}
			if needTopics {
				if err := sess.withTopics(); err != nil {
					return err
				}
			}
			facets, err := sess.facets(model.ParseQuery("is:new"))
			if err != nil {
				return err
			}
			counts, err := catalog.CountSaved(cmd.Context(), model.NewSearcher(sess.cat.Index), facets, saved)
			if err != nil {
				return err
			}
			out := bufio.NewWriter(opts.stdout)
			enc := json.NewEncoder(out)
			enc.SetEscapeHTML(false)
			for _, c := range counts {
				if asJSON {
					if err := enc.Encode(watchRow{c.Name, c.Count, c.New, c.Query}); err != nil {
						return err
					}
					continue
				}
				fmt.Fprintf(out, "%s\t%d\t%d\t%s\n", c.Name, c.Count, c.New, c.Query)
			}
			return out.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per line: name, count, new, query")
	add := takesQuery(&cobra.Command{
		Use:   "add NAME QUERY...",
		Short: "Save a search under a name (saving a name again replaces its query)",
		Args:  cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			lib, err := opts.openLibrary()
			if err != nil {
				return err
			}
			defer lib.Close()
			return lib.SaveSearch(args[0], strings.Join(args[1:], " "))
		},
	})
	rm := &cobra.Command{
		Use:   "rm NAME",
		Short: "Remove a saved search",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lib, err := opts.openLibrary()
			if err != nil {
				return err
			}
			defer lib.Close()
			return lib.RemoveSearch(args[0])
		},
	}
	cmd.AddCommand(add, rm)
	return cmd
}
