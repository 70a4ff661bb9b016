package library

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/export"
)

// ImportStats says what an Import added. Importing the same export twice
// adds nothing the second time.
type ImportStats struct {
	Papers    int // entries in the export
	Bookmarks int // bookmarks added
	Tags      int // tags added to papers
	Notes     int // notes added, or extended with imported text
	Read      int // read marks added
	Hidden    int // hidden topics added
	Searches  int // saved searches added (a name already saved keeps its query)
}

// MaxSavedSearches bounds the saved searches an import adds: each is
// counted on every corpus load, so thousands would be a mistake.
const MaxSavedSearches = 1000

// Import merges a JSON export (see export.Document) into the library, in one
// transaction: all of it or, on error, nothing. It never duplicates: a
// bookmark already there keeps its time, tags are a union, a note is added
// only when the paper's note does not already contain it (else appended
// after a blank line), read marks are an "or". Existing snapshots are
// kept; entries without any user data add nothing, since the library holds
// only papers the user marked.
func (l *Library) Import(r io.Reader) (ImportStats, error) {
	var stats ImportStats
	entries, hiddenTopics, searches, err := readExport(r)
	if err != nil {
		return stats, err
	}
	stats.Papers = len(entries)
	start := nowNanos()
	err = l.write("import", func(tx *sql.Tx) error {
		stats = ImportStats{Papers: len(entries)}
		for i := range entries {
			// Distinct creation times keep the export's order in
			// SavedPapers, so an export of the import matches the file.
			if err := mergeEntry(tx, &entries[i], start+int64(i), &stats); err != nil {
				return fmt.Errorf("entry %d (%s): %w", i+1, entries[i].Paper.ID, err)
			}
		}
		for _, name := range hiddenTopics {
			res, err := tx.Exec(`INSERT INTO hidden_topics (name, hidden_at) VALUES (?, ?) ON CONFLICT DO NOTHING`, name, start)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				stats.Hidden++
			}
		}
		for _, s := range searches {
			// The library's own query wins: it is the newer thought.
			res, err := tx.Exec(`INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, s.Name, s.Query, start)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				stats.Searches++
			}
		}
		if stats == (ImportStats{Papers: len(entries)}) {
			return errNoChange
		}
		return nil
	})
	if err != nil {
		return ImportStats{Papers: len(entries)}, err
	}
	return stats, nil
}

// importEntry is an export entry as Import merges it: its paper a domain
// paper again.
type importEntry struct {
	Paper        model.Paper
	BookmarkedAt time.Time
	Tags         []string
	Note         string
	Read         bool
}

// readExport decodes and checks a whole export before anything is written.
// The file is untrusted: every text field is cleaned as the corpus loaders
// clean theirs, so what it holds is safe to print, and each entry is held
// to the limits the library keeps (note size, tags per paper) as it is
// read, so a bad file fails at its first bad entry.
func readExport(r io.Reader) (entries []importEntry, hiddenTopics []string, searches []model.SavedSearch, err error) {
	doc, err := export.ReadDocumentChecked(r, func(i int, d *export.Entry) error {
		if len(d.Tags) > MaxTagsPerPaper {
			return fmt.Errorf("%d tags; the limit is %d per paper", len(d.Tags), MaxTagsPerPaper)
		}
		if len(d.Note) > MaxNoteBytes {
			return fmt.Errorf("the note is %d bytes; the limit is %d (1 MiB)", len(d.Note), MaxNoteBytes)
		}
		e := importEntry{Paper: d.Paper.Paper(), BookmarkedAt: d.BookmarkedAt, Tags: d.Tags, Note: d.Note, Read: d.Read}
		if err := cleanEntry(&e); err != nil {
			return err
		}
		entries = append(entries, e)
		// The library keeps its own copy; the document's is not needed.
		*d = export.Entry{}
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	for _, name := range doc.HiddenTopics {
		if n, err := model.NormalizeTag(name); err == nil {
			hiddenTopics = append(hiddenTopics, n)
		}
	}
	if len(doc.SavedSearches) > MaxSavedSearches {
		return nil, nil, nil, fmt.Errorf("the export holds %d saved searches; the limit is %d", len(doc.SavedSearches), MaxSavedSearches)
	}
	for _, s := range doc.SavedSearches {
		// Cleaned as SaveSearch cleans what the user types.
		name, err := model.NormalizeTag(s.Name)
		query := model.CleanLine(strings.TrimSpace(s.Query))
		if err != nil || query == "" {
			continue
		}
		searches = append(searches, model.SavedSearch{Name: name, Query: query})
	}
	return entries, hiddenTopics, searches, nil
}

// Unix nanoseconds cover 1678 to 2262; a bookmark time outside is not one
// this program wrote.
var (
	minNanoTime = time.Unix(0, math.MinInt64)
	maxNanoTime = time.Unix(0, math.MaxInt64)
)

func cleanEntry(e *importEntry) error {
	p := &e.Paper
	cleanPaper(p)
	if p.ID == "" {
		if p.Title == "" && p.ArxivID == "" {
			return errors.New("the paper has neither an id nor a title")
		}
		p.AssignIDs()
	}
	if p.TitleID == "" && p.Title != "" {
		p.TitleID = model.TitleID(p.Title)
	}
	tags, err := normalizeTags(e.Tags)
	if err != nil {
		return err
	}
	if err := checkNewTags(tags); err != nil {
		return err
	}
	e.Tags = tags
	e.Note = model.CleanText(e.Note)
	if !e.BookmarkedAt.IsZero() && (e.BookmarkedAt.Before(minNanoTime) || e.BookmarkedAt.After(maxNanoTime)) {
		return fmt.Errorf("bookmark time %v is out of range", e.BookmarkedAt)
	}
	return nil
}

// mergeEntry merges one entry, counting what it adds.
func mergeEntry(tx *sql.Tx, e *importEntry, created int64, stats *ImportStats) error {
	if e.BookmarkedAt.IsZero() && len(e.Tags) == 0 && e.Note == "" && !e.Read {
		return nil
	}
	p := &e.Paper
	key, err := writeKey(tx, p)
	if err != nil {
		return err
	}
	data, err := marshalSnapshot(p)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO papers (key, paper_id, json, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT DO NOTHING`,
		key, p.ID, string(data), created); err != nil {
		return err
	}
	cond, keys := keyArgs(p)

	if !e.BookmarkedAt.IsZero() {
		has, err := rowExists(tx, `SELECT 1 FROM bookmarks WHERE `+cond, keys...)
		if err != nil {
			return err
		}
		if !has {
			if _, err := tx.Exec(`INSERT INTO bookmarks (key, added_at) VALUES (?, ?)`, key, e.BookmarkedAt.UnixNano()); err != nil {
				return err
			}
			stats.Bookmarks++
		}
	}
	if len(e.Tags) > 0 {
		added, err := addTags(tx, p, key, e.Tags, created)
		stats.Tags += added
		if err != nil {
			return err
		}
	}
	if e.Note != "" {
		if err := importNote(tx, p, key, e.Note, created, stats); err != nil {
			return err
		}
	}
	if e.Read {
		has, err := rowExists(tx, `SELECT 1 FROM reads WHERE `+cond, keys...)
		if err != nil {
			return err
		}
		if !has {
			if _, err := tx.Exec(`INSERT INTO reads (key, read_at) VALUES (?, ?)`, key, created); err != nil {
				return err
			}
			stats.Read++
		}
	}
	return nil
}

// importNote adds note to the paper's note unless it is already there.
func importNote(tx *sql.Tx, p *model.Paper, key, note string, at int64, stats *ImportStats) error {
	byKey, err := notesOf(tx, p)
	if err != nil {
		return err
	}
	if strings.Contains(model.Marks{ByKey: byKey}.For(p).Note, note) {
		return nil
	}
	merged := note
	if cur := byKey[key].Note; cur != "" {
		merged = cur + "\n\n" + note
	}
	if len(merged) > MaxNoteBytes {
		return fmt.Errorf("with the imported text, the note would be %d bytes; the limit is %d (1 MiB)", len(merged), MaxNoteBytes)
	}
	if _, err := tx.Exec(`
INSERT INTO notes (key, note, updated_at) VALUES (?1, ?2, ?3)
ON CONFLICT (key) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at`, key, merged, at); err != nil {
		return err
	}
	stats.Notes++
	return nil
}

// WriteBackup writes the whole library as a JSON export: every paper with
// user data (read marks included), the hidden topics and the saved
// searches, all Import needs
// to restore it.
func (l *Library) WriteBackup(w io.Writer) error {
	papers, err := l.SavedPapers()
	if err != nil {
		return err
	}
	marks, err := l.Marks()
	if err != nil {
		return err
	}
	hidden, err := l.HiddenTopics()
	if err != nil {
		return err
	}
	searches, err := l.SavedSearches()
	if err != nil {
		return err
	}
	doc := export.NewDocument(papers, marks)
	doc.SavedSearches = searches
	for name := range hidden {
		doc.HiddenTopics = append(doc.HiddenTopics, name)
	}
	slices.Sort(doc.HiddenTopics)
	return export.WriteDocument(w, doc)
}
