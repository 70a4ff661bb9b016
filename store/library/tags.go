package library

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/papertui/papers/model"
)

// normalizeTags normalises and de-duplicates tags; one invalid tag fails
// the whole call so that nothing is half-applied.
func normalizeTags(tags []string) ([]string, error) {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		n, err := model.NormalizeTag(t)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// MaxTagsPerPaper bounds the user tags of one paper: every tag is a row
// and a BibTeX keyword, and thousands of them are a script gone wrong.
const MaxTagsPerPaper = 256

// tagArgs checks the arguments of AddTags and RemoveTags and returns the
// normalised tags, or none when there is nothing to do.
func tagArgs(papers []*model.Paper, tags []string) ([]string, error) {
	if err := checkPapers(papers); err != nil {
		return nil, err
	}
	norm, err := normalizeTags(tags)
	if err != nil || len(papers) == 0 {
		return nil, err
	}
	return norm, nil
}

// checkNewTags refuses tags that cannot be added, though they could be
// removed (an older build may have stored them): too many for one paper,
// or holding a comma, which splits a BibTeX keywords field.
func checkNewTags(tags []string) error {
	if len(tags) > MaxTagsPerPaper {
		return fmt.Errorf("%d tags for one paper; the limit is %d", len(tags), MaxTagsPerPaper)
	}
	for _, t := range tags {
		if strings.ContainsRune(t, ',') {
			return fmt.Errorf("tag %s holds a comma; tags cannot (a comma separates BibTeX keywords)", model.QuotePrefix(t))
		}
	}
	return nil
}

// addTags gives p every tag of norm it lacks under all its keys, storing
// them under key, and refuses to take it over MaxTagsPerPaper. It returns
// how many it added.
func addTags(tx *sql.Tx, p *model.Paper, key string, norm []string, at int64) (int, error) {
	cond, keys := keyArgs(p)
	var have int
	if err := tx.QueryRow(`SELECT count(DISTINCT tag) FROM tags WHERE `+cond, keys...).Scan(&have); err != nil {
		return 0, err
	}
	added := 0
	for _, tag := range norm {
		has, err := rowExists(tx, `SELECT 1 FROM tags WHERE tag = ? AND `+cond, append([]any{tag}, keys...)...)
		if err != nil {
			return added, err
		}
		if has {
			continue
		}
		if have+added >= MaxTagsPerPaper {
			return added, fmt.Errorf("paper %s would have more than %d tags", model.QuotePrefix(p.ID), MaxTagsPerPaper)
		}
		if _, err := tx.Exec(`INSERT INTO tags (key, tag, added_at) VALUES (?, ?, ?)`, key, tag, at); err != nil {
			return added, err
		}
		added++
	}
	return added, nil
}

// AddTags adds user tags (normalised with model.NormalizeTag) to every
// paper, in one transaction. A tag the paper already has, under any of its
// keys, is left alone. A tag holding a comma, or more than
// MaxTagsPerPaper on one paper, fails the whole call.
func (l *Library) AddTags(papers []*model.Paper, tags []string) error {
	norm, err := tagArgs(papers, tags)
	if err != nil || len(norm) == 0 {
		return err
	}
	if err := checkNewTags(norm); err != nil {
		return err
	}
	at := nowNanos()
	return l.write("save the tags", func(tx *sql.Tx) error {
		for _, p := range papers {
			key, err := writeKey(tx, p)
			if err != nil {
				return err
			}
			if err := saveSnapshot(tx, key, p, at); err != nil {
				return err
			}
			if _, err := addTags(tx, p, key, norm, at); err != nil {
				return err
			}
		}
		return nil
	})
}

// RemoveTags removes user tags from every paper, under all its keys, in one
// transaction.
func (l *Library) RemoveTags(papers []*model.Paper, tags []string) error {
	norm, err := tagArgs(papers, tags)
	if err != nil || len(norm) == 0 {
		return err
	}
	return l.write("remove the tags", func(tx *sql.Tx) error {
		for _, p := range papers {
			cond, keys := keyArgs(p)
			for _, tag := range norm {
				if _, err := tx.Exec(`DELETE FROM tags WHERE tag = ? AND `+cond, append([]any{tag}, keys...)...); err != nil {
					return err
				}
			}
			if err := pruneSnapshots(tx, p); err != nil {
				return err
			}
		}
		return nil
	})
}
