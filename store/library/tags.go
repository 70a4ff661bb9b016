package library

import (
	"database/sql"
	"slices"

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

// AddTags adds user tags (normalised with model.NormalizeTag) to every
// paper, in one transaction. A tag the paper already has, under any of its
// keys, is left alone.
func (l *Library) AddTags(papers []*model.Paper, tags []string) error {
	norm, err := tagArgs(papers, tags)
	if err != nil || len(norm) == 0 {
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
			cond, keys := keyArgs(p)
			for _, tag := range norm {
				has, err := rowExists(tx, `SELECT 1 FROM tags WHERE tag = ? AND `+cond, append([]any{tag}, keys...)...)
				if err != nil {
					return err
				}
				if has {
					continue
				}
				if _, err := tx.Exec(`INSERT INTO tags (key, tag, added_at) VALUES (?, ?, ?)`, key, tag, at); err != nil {
					return err
				}
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
