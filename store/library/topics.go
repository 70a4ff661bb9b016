package library

import (
	"database/sql"

	"github.com/papertui/papers/model"
)

// HideTopic hides (or shows again) a topic tag. Names are normalised with
// model.NormalizeTag, the form tag: queries match.
func (l *Library) HideTopic(name string, hidden bool) error {
	norm, err := model.NormalizeTag(name)
	if err != nil {
		return err
	}
	return l.write("save the hidden topics", func(tx *sql.Tx) error {
		if !hidden {
			_, err := tx.Exec(`DELETE FROM hidden_topics WHERE name = ?`, norm)
			return err
		}
		_, err := tx.Exec(`INSERT INTO hidden_topics (name, hidden_at) VALUES (?, ?) ON CONFLICT DO NOTHING`, norm, nowNanos())
		return err
	})
}

// HiddenTopics returns the set of hidden topic names.
func (l *Library) HiddenTopics() (map[string]bool, error) {
	out := map[string]bool{}
	err := l.read("read the hidden topics", func(tx *sql.Tx) error {
		rows, err := tx.Query(`SELECT name FROM hidden_topics`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				return err
			}
			out[cleanStoredLine(name)] = true
		}
		return rows.Err()
	})
	return out, err
}
