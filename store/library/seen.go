package library

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/papertui/papers/model"
)

// NewKeys returns the latest load that added papers and the primary keys
// of the papers it added (is:new). The keys are cached until the next
// RecordSeen, in any process.
func (l *Library) NewKeys() (load int64, keys []string, err error) {
	err = l.read("read the library", func(tx *sql.Tx) error {
		var maxLoad int64
		if err := tx.QueryRow(`SELECT coalesce(max(load), 0), coalesce(max(load) FILTER (WHERE added > 0), 0) FROM loads`).
			Scan(&maxLoad, &load); err != nil {
			return err
		}
		keys, err = l.latestKeys(tx, load, maxLoad)
		return err
	})
	return load, keys, err
}

// latestKeys returns the primary keys first seen in load latest, from the
// cache when no RecordSeen has run since it was filled.
func (l *Library) latestKeys(tx *sql.Tx, latest, maxLoad int64) ([]string, error) {
	if latest == 0 {
		return nil, nil
	}
	l.mu.Lock()
	c := l.latest
	l.mu.Unlock()
	if c.latestLoad == latest && c.maxLoad == maxLoad {
		return c.keys, nil
	}
	// One string rather than a million rows: scanning rows through
	// database/sql costs far more than splitting. Keys hold no newline.
	var joined sql.NullString
	if err := tx.QueryRow(`SELECT group_concat(key, char(10)) FROM seen WHERE load = ? AND alias = 0`, latest).Scan(&joined); err != nil {
		return nil, err
	}
	var keys []string
	if joined.String != "" {
		keys = strings.Split(joined.String, "\n")
	}
	l.mu.Lock()
	l.latest = latestCache{latestLoad: latest, maxLoad: maxLoad, keys: keys}
	l.mu.Unlock()
	return keys, nil
}

// seenBatch is how many keys one INSERT into seen carries: per-statement
// overhead dominates single-row inserts, and SQLite allows 32766 variables.
const seenBatch = 250

// seenPaper is what RecordSeen needs of a paper: its ID and, when it
// differs, its title ID.
type seenPaper struct{ id, titleID string }

// RecordSeen records a corpus load: it numbers the load and, in one
// transaction, stores every key of every paper not seen before with that
// number. A paper counts as added when none of its keys had been seen; a
// paper seen before under its title alone (or its arXiv id alone) keeps the
// load it was first seen in. It returns the load number and how many papers
// were new.
func (l *Library) RecordSeen(papers []model.Paper) (load int64, added int, err error) {
	return l.recordSeen(len(papers), func(i int) (string, string) { return papers[i].ID, papers[i].TitleID }, nil)
}

// RecordCorpusSeen records a load of the n papers of one corpus file as
// RecordSeen does, unless this version of the file (path, and version,
// which changes whenever the file does) was recorded before: seen only
// grows, so its papers are all known already, and recording them again
// would add a load that adds nothing. keys(i) is paper i's ID and TitleID,
// asked for only when the version is new, so that opening a million
// papers from the store again reads none of them. It reports whether it
// recorded.
func (l *Library) RecordCorpusSeen(path, version string, n int, keys func(i int) (id, titleID string)) (recorded bool, err error) {
	var known string
	err = l.read("read the corpora seen", func(tx *sql.Tx) error {
		err := tx.QueryRow(`SELECT version FROM seen_corpora WHERE path = ?`, path).Scan(&known)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil || known == version {
		return false, err
	}
	_, _, err = l.recordSeen(n, keys, func(tx *sql.Tx, load int64) error {
		_, err := tx.Exec(`INSERT INTO seen_corpora (path, version, load) VALUES (?, ?, ?)
			ON CONFLICT (path) DO UPDATE SET version = excluded.version, load = excluded.load`, path, version, load)
		return err
	})
	return err == nil, err
}

// recordSeen is RecordSeen of n papers whose keys keys(i) returns; also,
// when not nil, runs in its transaction once the load is numbered.
func (l *Library) recordSeen(n int, keys func(i int) (id, titleID string), also func(tx *sql.Tx, load int64) error) (load int64, added int, err error) {
	// Work on sorted keys: a merge against the sorted keys already seen
	// finds the new ones without a million-entry map, and sorted inserts
	// touch far fewer B-tree pages than corpus order.
	pairs := make([]seenPaper, 0, n)
	for i := range n {
		id, titleID := keys(i)
		if id == "" {
			continue
		}
		sp := seenPaper{id: id}
		if titleID != id {
			sp.titleID = titleID
		}
		pairs = append(pairs, sp)
	}
	slices.SortStableFunc(pairs, func(a, b seenPaper) int { return strings.Compare(a.id, b.id) })
	pairs = slices.CompactFunc(pairs, func(a, b seenPaper) bool { return a.id == b.id })
	ids := make([]string, len(pairs))
	aliases := make([]string, 0, len(pairs))
	for i, sp := range pairs {
		ids[i] = sp.id
		if sp.titleID != "" {
			aliases = append(aliases, sp.titleID)
		}
	}
	slices.Sort(aliases)
	aliases = slices.Compact(aliases)

	at := nowNanos()
	err = l.write("record the papers seen", func(tx *sql.Tx) error {
		added = 0
		if err := tx.QueryRow(`SELECT coalesce(max(load), 0) + 1 FROM loads`).Scan(&load); err != nil {
			return err
		}
		known, err := allSeen(tx)
		if err != nil {
			return err
		}
		newIDs := subtractSorted(ids, known)
		newAliases := subtractSorted(subtractSorted(aliases, known), newIDs)
		if err := insertSeen(tx, newIDs, load, 0); err != nil {
			return err
		}
		if err := insertSeen(tx, newAliases, load, 1); err != nil {
			return err
		}
		isNew := func(key string) bool {
			_, inIDs := slices.BinarySearch(newIDs, key)
			_, inAliases := slices.BinarySearch(newAliases, key)
			return inIDs || inAliases
		}
		// A paper whose ID is new but whose title ID was seen before (or
		// the other way round) is not new: its new key takes the load of
		// the old one. These are rare, so done row by row.
		demoted := map[string]bool{}
		inherit := func(key, from string) error {
			var first int64
			if err := tx.QueryRow(`SELECT load FROM seen WHERE key = ?`, from).Scan(&first); err != nil {
				return err
			}
			if first == load {
				return nil
			}
			demoted[key] = true
			_, err := tx.Exec(`UPDATE seen SET load = ? WHERE key = ?`, first, key)
			return err
		}
		for _, sp := range pairs {
			if sp.titleID == "" {
				continue
			}
			switch idNew, aliasNew := isNew(sp.id), isNew(sp.titleID); {
			case idNew && !aliasNew:
				err = inherit(sp.id, sp.titleID)
			case !idNew && aliasNew:
				err = inherit(sp.titleID, sp.id)
			}
			if err != nil {
				return err
			}
		}
		added = len(newIDs)
		for key := range demoted {
			if _, ok := slices.BinarySearch(newIDs, key); ok {
				added--
			}
		}
		if _, err := tx.Exec(`INSERT INTO loads (load, at, papers, added) VALUES (?, ?, ?, ?)`, load, at, n, added); err != nil {
			return err
		}
		if also != nil {
			return also(tx, load)
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	return load, added, nil
}

// allSeen returns every key in seen, sorted. One string rather than
// millions of rows: scanning rows through database/sql costs far more
// than splitting. Keys hold no newline.
func allSeen(tx *sql.Tx) ([]string, error) {
	var joined sql.NullString
	if err := tx.QueryRow(`SELECT group_concat(key, char(10)) FROM seen`).Scan(&joined); err != nil {
		return nil, err
	}
	if joined.String == "" {
		return nil, nil
	}
	keys := strings.Split(joined.String, "\n")
	// A scan of the primary key comes out in order, but SQL does not
	// promise it.
	if !slices.IsSorted(keys) {
		slices.Sort(keys)
	}
	return keys, nil
}

// subtractSorted returns the elements of sorted a that are not in sorted b.
func subtractSorted(a, b []string) []string {
	var out []string
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j < len(b) && b[j] == x {
			continue
		}
		out = append(out, x)
	}
	return out
}

// insertSeen inserts keys not yet in seen with the given load, seenBatch
// rows per statement.
func insertSeen(tx *sql.Tx, keys []string, load int64, alias int) error {
	if len(keys) == 0 {
		return nil
	}
	// Plain "?" placeholders: the driver looks up the name of every
	// numbered one (?NNN) at each bind, which costs more than the insert.
	// load and alias are this function's own integers, safe to inline.
	row := fmt.Sprintf("(?, %d, %d)", load, alias)
	q := `INSERT INTO seen (key, load, alias) VALUES ` +
		strings.TrimSuffix(strings.Repeat(row+",", seenBatch), ",") +
		` ON CONFLICT DO NOTHING`
	stmt, err := tx.Prepare(q)
	if err != nil {
		return err
	}
	defer stmt.Close()
	args := make([]any, seenBatch)
	for start := 0; start < len(keys); start += seenBatch {
		for i := range seenBatch {
			// The last batch is padded by repeating its last key, which
			// the conflict clause turns into a no-op.
			args[i] = keys[min(start+i, len(keys)-1)]
		}
		if _, err := stmt.Exec(args...); err != nil {
			return err
		}
	}
	return nil
}

// FirstSeen returns when each key was first seen (the time of its load),
// keyed as RecordSeen stored them, primary keys and title aliases alike.
// A paper whose corpus gives it no date is dated by this.
func (l *Library) FirstSeen() (map[string]time.Time, error) {
	out := map[string]time.Time{}
	err := l.read("read when papers were first seen", func(tx *sql.Tx) error {
		rows, err := tx.Query(`SELECT s.key, l.at FROM seen s JOIN loads l ON l.load = s.load`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var key string
			var at int64
			if err := rows.Scan(&key, &at); err != nil {
				return err
			}
			out[key] = fromNanos(at)
		}
		return rows.Err()
	})
	return out, err
}
