package library

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/papertui/papers/model"
)

// SaveSearch names a query (papers watch add); saving a name again
// replaces its query. Names are normalised like tags, so they can be
// typed back on the command line.
func (l *Library) SaveSearch(name, query string) error {
	norm, err := model.NormalizeTag(name)
	if err != nil {
		return err
	}
	query = model.CleanLine(strings.TrimSpace(query))
	if query == "" {
		return errors.New("a saved search needs a query")
	}
	return l.write("save the search", func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET query = excluded.query`, norm, query, nowNanos())
		return err
	})
}

// RemoveSearch deletes a saved search; it is an error when there is none
// of that name, so a typo does not pass in silence.
func (l *Library) RemoveSearch(name string) error {
	norm, err := model.NormalizeTag(name)
	if err != nil {
		return err
	}
	return l.write("remove the saved search", func(tx *sql.Tx) error {
		res, err := tx.Exec(`DELETE FROM saved_searches WHERE name = ?`, norm)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("no saved search named %s", model.Quote(norm))
		}
		return nil
	})
}

// SavedSearches lists the saved searches by name.
func (l *Library) SavedSearches() ([]model.SavedSearch, error) {
	var out []model.SavedSearch
	err := l.read("read the saved searches", func(tx *sql.Tx) error {
		rows, err := tx.Query(`SELECT name, query FROM saved_searches ORDER BY name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s model.SavedSearch
			if err := rows.Scan(&s.Name, &s.Query); err != nil {
				return err
			}
			s.Name, s.Query = cleanStoredLine(s.Name), cleanStoredLine(s.Query)
			out = append(out, s)
		}
		return rows.Err()
	})
	return out, err
}
