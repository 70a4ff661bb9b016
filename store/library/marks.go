package library

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/papertui/papers/model"
)

// Marks returns a snapshot of the user's data: ByKey holds every key with
// user data (with FirstSeenLoad where the paper was seen), and LatestLoad
// the latest load that added papers. Which papers that load added is
// NewKeys's: after a fresh million-paper corpus they are a million keys,
// which every Marks (one after each bookmark) should not copy.
func (l *Library) Marks() (model.Marks, error) {
	var marks model.Marks
	err := l.read("read the library", func(tx *sql.Tx) error {
		if err := tx.QueryRow(`SELECT value FROM meta WHERE name = 'version'`).Scan(&marks.Version); err != nil {
			return err
		}
		if err := tx.QueryRow(`SELECT coalesce(max(load) FILTER (WHERE added > 0), 0) FROM loads`).
			Scan(&marks.LatestLoad); err != nil {
			return err
		}
		marks.ByKey = map[string]model.Mark{}
		return scanMarks(tx, marks.ByKey)
	})
	if err != nil {
		return model.Marks{}, err
	}
	l.snapshotVersion.Store(marks.Version)
	return marks, nil
}

// scanMarks adds every key's user data to byKey.
func scanMarks(tx *sql.Tx, byKey map[string]model.Mark) error {
	update := func(key string, fn func(m *model.Mark)) {
		m := byKey[key]
		fn(&m)
		byKey[key] = m
	}
	if err := scanPairs(tx, `SELECT key, added_at FROM bookmarks`, func(key string, at int64) {
		update(key, func(m *model.Mark) { m.BookmarkedAt = fromNanos(at) })
	}); err != nil {
		return err
	}
	// Ordered by tag within a key, so each Tags list comes out sorted.
	if err := scanPairs(tx, `SELECT key, tag FROM tags ORDER BY key, tag`, func(key, tag string) {
		update(key, func(m *model.Mark) { m.Tags = append(m.Tags, cleanStoredLine(tag)) })
	}); err != nil {
		return err
	}
	if err := scanPairs(tx, `SELECT key, note FROM notes`, func(key, note string) {
		update(key, func(m *model.Mark) { m.Note = cleanStoredNote(note) })
	}); err != nil {
		return err
	}
	if err := scanPairs(tx, `SELECT key, read_at FROM reads`, func(key string, _ int64) {
		update(key, func(m *model.Mark) { m.Read = true })
	}); err != nil {
		return err
	}
	return scanPairs(tx, firstSeenOfMarked, func(key string, load int64) {
		update(key, func(m *model.Mark) { m.FirstSeenLoad = load })
	})
}

// firstSeenOfMarked says when each paper with user data was first seen.
// CROSS JOIN makes papers (the few keys with user data) the outer loop:
// without table statistics SQLite otherwise walks all of seen, a million
// rows after a large corpus, for every Marks.
const firstSeenOfMarked = `SELECT p.key, s.load FROM papers p CROSS JOIN seen s ON s.key = p.key`

// scanPairs runs a query whose rows are (key, value) and calls fn on each.
func scanPairs[T any](tx *sql.Tx, query string, fn func(key string, v T)) error {
	rows, err := tx.Query(query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var v T
		if err := rows.Scan(&key, &v); err != nil {
			return err
		}
		fn(key, v)
	}
	return rows.Err()
}

// Changed reports whether anything was committed to the library, by this
// process or another, since the last Marks. It reads one row.
func (l *Library) Changed() (bool, error) {
	var version int64
	err := l.read("read the library", func(tx *sql.Tx) error {
		return tx.QueryRow(`SELECT value FROM meta WHERE name = 'version'`).Scan(&version)
	})
	if err != nil {
		return false, err
	}
	return version != l.snapshotVersion.Load(), nil
}

// checkPapers rejects nil papers and papers without an ID before a
// transaction starts.
func checkPapers(papers []*model.Paper) error {
	for i, p := range papers {
		if p == nil {
			return fmt.Errorf("paper %d is nil", i)
		}
		if p.ID == "" {
			return fmt.Errorf("paper %d (%q) has no ID", i, p.Title)
		}
	}
	return nil
}

// keyArgs returns p's keys as query arguments and the matching "key IN
// (...)" condition.
func keyArgs(p *model.Paper) (string, []any) {
	keys := p.Keys()
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	return "key IN (" + strings.TrimSuffix(strings.Repeat("?,", len(keys)), ",") + ")", args
}

// writeKey is the key p's data goes under: the first of its keys that
// already has data (a snapshot), else its ID. Keeping one key per paper
// means data saved while only the title was known is added to, not forked.
func writeKey(tx *sql.Tx, p *model.Paper) (string, error) {
	keys := p.Keys()
	if len(keys) == 1 {
		return keys[0], nil
	}
	cond, args := keyArgs(p)
	rows, err := tx.Query(`SELECT key FROM papers WHERE `+cond, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return "", err
		}
		have[k] = true
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	for _, k := range keys {
		if have[k] {
			return k, nil
		}
	}
	return p.ID, nil
}

// rowExists reports whether query (a SELECT 1 ... WHERE with a key condition
// from keyArgs) finds a row.
func rowExists(tx *sql.Tx, query string, args ...any) (bool, error) {
	var one int
	err := tx.QueryRow(query, args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// SetBookmarks bookmarks (on) or unbookmarks every paper, all in one
// transaction: either all change or, on error, none. Bookmarking a paper
// that already is keeps its original time; unbookmarking removes the
// bookmark under every key of the paper.
func (l *Library) SetBookmarks(papers []*model.Paper, on bool) error {
	if err := checkPapers(papers); err != nil {
		return err
	}
	if len(papers) == 0 {
		return nil
	}
	op := "remove the bookmark"
	if on {
		op = "save the bookmark"
	}
	at := nowNanos()
	return l.write(op, func(tx *sql.Tx) error {
		for _, p := range papers {
			if err := setFlag(tx, "bookmarks", "added_at", p, on, at); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetRead marks the paper read or unread (under all its keys).
func (l *Library) SetRead(p *model.Paper, read bool) error {
	if err := checkPapers([]*model.Paper{p}); err != nil {
		return err
	}
	at := nowNanos()
	op := "mark the paper unread"
	if read {
		op = "mark the paper read"
	}
	return l.write(op, func(tx *sql.Tx) error {
		return setFlag(tx, "reads", "read_at", p, read, at)
	})
}

// setFlag sets or clears p's row in a table of one timed row per paper
// (bookmarks, reads). Setting keeps an existing row and its time, and
// stores the paper's snapshot; clearing removes the row under every key
// of the paper and drops the snapshot if nothing else needs it. table and
// column are constants of this file, never input.
func setFlag(tx *sql.Tx, table, column string, p *model.Paper, on bool, at int64) error {
	cond, keys := keyArgs(p)
	if !on {
		if _, err := tx.Exec(`DELETE FROM `+table+` WHERE `+cond, keys...); err != nil {
			return err
		}
		return pruneSnapshots(tx, p)
	}
	key, err := writeKey(tx, p)
	if err != nil {
		return err
	}
	if err := saveSnapshot(tx, key, p, at); err != nil {
		return err
	}
	already, err := rowExists(tx, `SELECT 1 FROM `+table+` WHERE `+cond, keys...)
	if err != nil || already {
		return err
	}
	_, err = tx.Exec(`INSERT INTO `+table+` (key, `+column+`) VALUES (?, ?)`, key, at)
	return err
}
