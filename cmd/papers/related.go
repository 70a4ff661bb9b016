package main

import (
	"bufio"
	"encoding/json"
	"fmt"

	"github.com/papertui/papers/model"
	"github.com/spf13/cobra"
)

// relatedRow is one line of `papers related --json`.
type relatedRow struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Score float64 `json:"score"`
}

func newRelatedCommand(opts *options) *cobra.Command {
	var (
		asJSON bool
		count  int
	)
	cmd := &cobra.Command{
		Use:   "related ID",
		Short: "Print the papers most similar to a paper (by title and abstract words)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if count < 1 {
				return usageError("--count must be at least 1, not %d", count)
			}
			sess, err := openStoreSession(opts)
			if err == nil && sess == nil {
				sess, err = opts.loadSession(cmd.Context())
			}
			if err != nil {
				return err
			}
			defer sess.Close()
			key := args[0]
			if a := model.NormalizeArxivID(key); a != "" {
				key = a
			}
			i, ok := sess.cat.Index.Lookup(key)
			if !ok {
				return fmt.Errorf("unknown paper ID: %s (see `papers search` for IDs)", model.Quote(args[0]))
			}
			neighbors := sess.related().Related(i, count)
			if len(neighbors) == 0 {
				return errNoMatch
			}
			out := bufio.NewWriter(opts.stdout)
			enc := json.NewEncoder(out)
			enc.SetEscapeHTML(false)
			for _, n := range neighbors {
				p := sess.cat.Index.Paper(n.Paper)
				if asJSON {
					if err := enc.Encode(relatedRow{ID: p.ID, Title: p.Title, Score: n.Score}); err != nil {
						return err
					}
					continue
				}
				fmt.Fprintf(out, "%s\t%s\n", p.ID, p.Title)
			}
			return out.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per line: id, title, score")
	cmd.Flags().IntVarP(&count, "count", "n", 5, "how many related papers")
	return cmd
}
