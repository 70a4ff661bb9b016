package library

import (
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/export"
)

// MarkedPapers returns the snapshots of the papers the user bookmarked,
// tagged or wrote a note on: what outlives its corpus. A paper that was
// only read does not: after switching corpora, everything read in the old
// one would otherwise trail the new list.
func (l *Library) MarkedPapers() ([]model.Paper, error) {
	saved, err := l.SavedPapers()
	if err != nil {
		return nil, err
	}
	marks, err := l.Marks()
	if err != nil {
		return nil, err
	}
	kept := saved[:0]
	for _, p := range saved {
		m := marks.For(&p)
		if m.Bookmarked() || len(m.Tags) > 0 || m.Note != "" {
			kept = append(kept, p)
		}
	}
	return kept, nil
}

// saveSnapshot stores p as the snapshot under key, and refreshes snapshots
// under p's other keys. A paper with no title is a bare reference (an ID
// typed on the command line): it creates a snapshot if none exists but never
// overwrites a real one.
func saveSnapshot(tx *sql.Tx, key string, p *model.Paper, at int64) error {
	data, err := marshalSnapshot(p)
	if err != nil {
		return fmt.Errorf("encoding paper %s: %w", p.ID, err)
	}
	refresh := p.Title != ""
	if _, err := tx.Exec(`
INSERT INTO papers (key, paper_id, json, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
ON CONFLICT (key) DO UPDATE SET paper_id = excluded.paper_id, json = excluded.json, updated_at = excluded.updated_at
WHERE ?5`, key, p.ID, string(data), at, refresh); err != nil {
		return err
	}
	if !refresh {
		return nil
	}
	for _, k := range p.Keys() {
		if k == key {
			continue
		}
		if _, err := tx.Exec(`UPDATE papers SET paper_id = ?2, json = ?3, updated_at = ?4 WHERE key = ?1`, k, p.ID, string(data), at); err != nil {
			return err
		}
	}
	return nil
}

// pruneSnapshots deletes the snapshots under p's keys that no user data
// refers to any more.
func pruneSnapshots(tx *sql.Tx, p *model.Paper) error {
	for _, k := range p.Keys() {
		if _, err := tx.Exec(`
DELETE FROM papers WHERE key = ?1
	AND NOT EXISTS (SELECT 1 FROM bookmarks WHERE key = ?1)
	AND NOT EXISTS (SELECT 1 FROM tags WHERE key = ?1)
	AND NOT EXISTS (SELECT 1 FROM notes WHERE key = ?1)
	AND NOT EXISTS (SELECT 1 FROM reads WHERE key = ?1)`, k); err != nil {
			return err
		}
	}
	return nil
}

// SavedPapers returns the snapshot of every paper that has user data, one
// per paper, oldest first.
func (l *Library) SavedPapers() ([]model.Paper, error) {
	var out []model.Paper
	err := l.read("read the saved papers", func(tx *sql.Tx) error {
		rows, err := tx.Query(`SELECT key, json FROM papers ORDER BY created_at, key`)
		if err != nil {
			return err
		}
		defer rows.Close()
		seen := map[string]bool{}
		for rows.Next() {
			var key, data string
			if err := rows.Scan(&key, &data); err != nil {
				return err
			}
			var r export.Record
			if err := json.Unmarshal([]byte(data), &r); err != nil {
				return fmt.Errorf("snapshot of %s: %w", key, err)
			}
			p := r.Paper()
			cleanPaper(&p)
			if p.ID == "" {
				p.ID = cleanStoredLine(key)
			}
			// A paper with data under both its keys has two snapshots.
			if seen[p.ID] {
				continue
			}
			seen[p.ID] = true
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// marshalSnapshot encodes a snapshot as the backup's record: the library
// file is as lasting a format as a backup, so it must not follow the
// domain type's field names either.
func marshalSnapshot(p *model.Paper) ([]byte, error) {
	return json.Marshal(export.NewRecord(p))
}
