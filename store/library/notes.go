package library

import (
	"database/sql"

	"github.com/papertui/papers/model"
)

// SetNote replaces the paper's note with note (cleaned with
// model.CleanText). An empty note deletes it. Notes the paper had under its
// other keys are folded into this one, since the caller edited what Note
// showed: all of them merged.
func (l *Library) SetNote(p *model.Paper, note string) error {
	if err := checkPapers([]*model.Paper{p}); err != nil {
		return err
	}
	note = model.CleanText(note)
	at := nowNanos()
	return l.write("save the note", func(tx *sql.Tx) error {
		cond, keys := keyArgs(p)
		if note == "" {
			if _, err := tx.Exec(`DELETE FROM notes WHERE `+cond, keys...); err != nil {
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
		if _, err := tx.Exec(`DELETE FROM notes WHERE key <> ? AND `+cond, append([]any{key}, keys...)...); err != nil {
			return err
		}
		if _, err := tx.Exec(`
INSERT INTO notes (key, note, updated_at) VALUES (?1, ?2, ?3)
ON CONFLICT (key) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at`, key, note, at); err != nil {
			return err
		}
		return pruneSnapshots(tx, p)
	})
}

// Note returns the paper's note, merged over its keys as Marks.For merges
// it, or "" when it has none.
func (l *Library) Note(p *model.Paper) (string, error) {
	if err := checkPapers([]*model.Paper{p}); err != nil {
		return "", err
	}
	byKey := map[string]model.Mark{}
	err := l.read("read the note", func(tx *sql.Tx) error {
		cond, keys := keyArgs(p)
		rows, err := tx.Query(`SELECT key, note FROM notes WHERE `+cond, keys...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var key, note string
			if err := rows.Scan(&key, &note); err != nil {
				return err
			}
			byKey[key] = model.Mark{Note: note}
		}
		return rows.Err()
	})
	if err != nil {
		return "", err
	}
	return model.Marks{ByKey: byKey}.For(p).Note, nil
}
