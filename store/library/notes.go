package library

import (
	"database/sql"
	"fmt"

	"github.com/papertui/papers/model"
)

// MaxNoteBytes bounds a note, as given (before cleaning): a note is a
// page of thoughts, and one of hundreds of megabytes would be read by
// every command that loads the marks.
const MaxNoteBytes = 1 << 20

// checkNote refuses a note over MaxNoteBytes and returns it cleaned.
func checkNote(note string) (string, error) {
	if len(note) > MaxNoteBytes {
		return "", fmt.Errorf("the note is too long: %d bytes, the limit is %d (1 MiB)", len(note), MaxNoteBytes)
	}
	return model.CleanText(note), nil
}

// SetNote replaces the paper's note with note (cleaned with
// model.CleanText). An empty note deletes it. Notes the paper had under its
// other keys are folded into this one, since the caller edited what Note
// showed: all of them merged.
func (l *Library) SetNote(p *model.Paper, note string) error {
	if err := checkPapers([]*model.Paper{p}); err != nil {
		return err
	}
	note, err := checkNote(note)
	if err != nil {
		return err
	}
	at := nowNanos()
	return l.write("save the note", func(tx *sql.Tx) error { return saveNote(tx, p, note, at) })
}

// DeleteNote deletes the paper's note, under every key.
func (l *Library) DeleteNote(p *model.Paper) error { return l.SetNote(p, "") }

// SetNoteIf is SetNote on condition that the paper's note (as Note returns
// it) is still expected, checked and written in one transaction: an
// editor started from expected must not overwrite a note saved meanwhile
// by another process. When the note has changed, nothing is written and
// saved is false; current is the library's note either way (after the
// write when saved).
func (l *Library) SetNoteIf(p *model.Paper, expected, note string) (saved bool, current string, err error) {
	if err := checkPapers([]*model.Paper{p}); err != nil {
		return false, "", err
	}
	if note, err = checkNote(note); err != nil {
		return false, "", err
	}
	expected = model.CleanText(expected)
	at := nowNanos()
	err = l.write("save the note", func(tx *sql.Tx) error {
		byKey, err := notesOf(tx, p)
		if err != nil {
			return err
		}
		current = model.Marks{ByKey: byKey}.For(p).Note
		if current != expected {
			return errNoChange
		}
		saved, current = true, note
		if note == expected {
			return errNoChange
		}
		return saveNote(tx, p, note, at)
	})
	if err != nil {
		return false, "", err
	}
	return saved, current, nil
}

// saveNote writes note (already cleaned) as p's only note; "" deletes it.
func saveNote(tx *sql.Tx, p *model.Paper, note string, at int64) error {
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
}

// notesOf returns the paper's notes by key, cleaned as every reader
// cleans what it reads back.
func notesOf(tx *sql.Tx, p *model.Paper) (map[string]model.Mark, error) {
	cond, keys := keyArgs(p)
	rows, err := tx.Query(`SELECT key, note FROM notes WHERE `+cond, keys...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byKey := map[string]model.Mark{}
	for rows.Next() {
		var key, note string
		if err := rows.Scan(&key, &note); err != nil {
			return nil, err
		}
		byKey[key] = model.Mark{Note: cleanStoredNote(note)}
	}
	return byKey, rows.Err()
}

// Note returns the paper's note, merged over its keys as Marks.For merges
// it, or "" when it has none.
func (l *Library) Note(p *model.Paper) (string, error) {
	if err := checkPapers([]*model.Paper{p}); err != nil {
		return "", err
	}
	var byKey map[string]model.Mark
	err := l.read("read the note", func(tx *sql.Tx) (err error) {
		byKey, err = notesOf(tx, p)
		return err
	})
	if err != nil {
		return "", err
	}
	return model.Marks{ByKey: byKey}.For(p).Note, nil
}
