package library

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/config"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Library is the user's own data: bookmarks, tags, notes, read marks, which
// papers have been seen, and hidden topics. It lives in one SQLite file that
// several papers processes may open and write at once; every write is one
// durable transaction, so what a call acknowledged survives a crash.
//
// A Library is safe for concurrent use.
type Library struct {
	path string
	// w has exactly one connection and starts every transaction with BEGIN
	// IMMEDIATE, so a write waits (busy_timeout) for the write lock up front
	// instead of failing half way when another process got it first.
	w *sql.DB
	// r holds read-only connections: in WAL mode readers see the last commit
	// and never wait for a writer.
	r *sql.DB
	// info identifies the open file for the process-wide registry.
	info os.FileInfo

	// snapshotVersion is meta.version at the last Marks (-1 before any).
	snapshotVersion atomic.Int64

	mu     sync.Mutex // guards latest and closed
	latest latestCache
	closed bool
}

// latestCache keeps the keys first seen in the latest load: with a fresh
// million-paper corpus they are a million rows, which Marks should not read
// again after every bookmark. Any RecordSeen, in any process, adds a loads
// row and so changes maxLoad, which invalidates the cache.
type latestCache struct {
	latestLoad, maxLoad int64
	keys                []string
}

// Error is a problem with the library file itself (not an SQLite
// database, damaged, written by a newer papers, read-only, disk full,
// locked): the caller should name the file and tell the user what to do.
type Error struct {
	Path    string // the library file
	Problem string // what is wrong, in words for the user
	Hint    string // what to do about it; may be empty
	Err     error  // the underlying error, if any
}

// Error returns "PATH: problem (hint)".
func (e *Error) Error() string {
	if e.Hint == "" {
		return e.Path + ": " + e.Problem
	}
	return e.Path + ": " + e.Problem + " (" + e.Hint + ")"
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// TagCount is a user tag and the number of papers carrying it.
type TagCount struct {
	Name  string
	Count int
}

const (
	libraryFileName = "library.db"
	// busyTimeout bounds how long a write waits for another process's
	// write transaction; ours take milliseconds, so reaching it means a
	// stuck process rather than contention.
	busyTimeout   = 10 * time.Second
	hintMoveAside = "move it aside; papers will create a new, empty library in its place"
)

// sqliteHeader starts every SQLite 3 database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// DefaultPath returns $XDG_DATA_HOME/papers/library.db, or
// ~/.local/share/papers/library.db when XDG_DATA_HOME is unset or not an
// absolute path (the XDG spec says to ignore relative ones). It creates
// nothing.
func DefaultPath() (string, error) {
	dir, err := config.XDGDir("XDG_DATA_HOME", ".local/share")
	if err != nil {
		return "", fmt.Errorf("cannot find the library: %w (set XDG_DATA_HOME or HOME)", err)
	}
	return filepath.Join(dir, libraryFileName), nil
}

// Open opens the library at path, creating it (and its directory,
// mode 0700) when missing, and migrating an older schema. An existing file
// is checked before anything can write to it: a file that is not a papers
// library, is damaged, or was written by a newer papers is refused with a
// *Error and left byte-for-byte as it was.
func Open(path string) (*Library, error) {
	if path == "" {
		return nil, errors.New("library path is empty")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &Error{Path: path, Problem: "cannot resolve the library path", Err: err}
	}
	fail := func(problem, hint string, err error) (*Library, error) {
		return nil, &Error{Path: abs, Problem: problem, Hint: hint, Err: err}
	}

	readOnlyFS := false
	info, err := os.Stat(abs)
	switch {
	case err == nil:
		if !info.Mode().IsRegular() {
			return fail("is not a regular file", "give the path of a library file; papers creates it when missing", nil)
		}
		if info.Size() > 0 {
			if readOnlyFS, err = checkExisting(abs, info); err != nil {
				return nil, err
			}
		}
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return fail("cannot create the library's directory", "check its permissions, or point XDG_DATA_HOME at a writable place", err)
		}
		// Notes are private: create the file 0600 ourselves (SQLite would
		// use 0644), and its -wal and -shm files inherit the mode. An empty
		// file is a valid new database.
		f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return fail("cannot be created", "check the directory's permissions, or point XDG_DATA_HOME at a writable place", err)
		}
		if err == nil {
			f.Close()
		}
	default:
		return fail("cannot be read", "check the file's permissions", err)
	}

	l := &Library{path: abs}
	l.snapshotVersion.Store(-1)
	params := []string{
		"_txlock=immediate",
		fmt.Sprintf("_pragma=busy_timeout(%d)", busyTimeout.Milliseconds()),
		"_pragma=foreign_keys(1)",
		"_pragma=journal_mode(WAL)",
		// FULL syncs the WAL at every commit: an acknowledged bookmark
		// survives a power cut, not just a crash, and a toggle still costs
		// well under the 5 ms budget (see BenchmarkToggleBookmark).
		"_pragma=synchronous(FULL)",
	}
	readParams := []string{"mode=ro", fmt.Sprintf("_pragma=busy_timeout(%d)", busyTimeout.Milliseconds()), "_pragma=query_only(1)"}
	if readOnlyFS {
		// Nothing can write the file through this mount, and SQLite can
		// create no -shm beside it: read it as immutable. Every write
		// then fails with SQLITE_READONLY, reported as such.
		params = []string{"mode=ro", "immutable=1", "_txlock=immediate"}
		readParams = append(readParams, "immutable=1")
	}
	l.w, err = sql.Open("sqlite", sqliteURI(abs, params...))
	if err != nil {
		return nil, l.classify("open the library", err)
	}
	l.w.SetMaxOpenConns(1)
	if err := l.migrate(); err != nil {
		l.w.Close()
		return nil, err
	}
	l.r, err = sql.Open("sqlite", sqliteURI(abs, readParams...))
	if err != nil {
		l.w.Close()
		return nil, l.classify("open the library", err)
	}
	l.r.SetMaxOpenConns(2)
	if err := l.r.Ping(); err != nil {
		l.w.Close()
		l.r.Close()
		return nil, l.classify("open the library", err)
	}
	if l.info, err = os.Stat(abs); err != nil {
		l.w.Close()
		l.r.Close()
		return fail("vanished while being opened", "", err)
	}
	openFiles.add(l.info)
	return l, nil
}

// sqliteURI builds a file: URI, so that a path holding '?', '#' or '%'
// still names the file; the driver reads its own "_" parameters from it.
func sqliteURI(path string, params ...string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: strings.Join(params, "&")}
	return u.String()
}

// openFiles lists the library files this process has open. Closing any
// descriptor of a file drops every POSIX lock the process holds on it,
// SQLite's included, so the header check must not open a file that another
// Library of this process is using; such a file was checked when it was
// first opened.
var openFiles fileRegistry

type fileRegistry struct {
	mu    sync.Mutex
	files []os.FileInfo
}

func (r *fileRegistry) add(fi os.FileInfo) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.files = append(r.files, fi)
}

func (r *fileRegistry) remove(fi os.FileInfo) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if i := slices.Index(r.files, fi); i >= 0 {
		r.files = slices.Delete(r.files, i, i+1)
	}
}

func (r *fileRegistry) has(fi os.FileInfo) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.ContainsFunc(r.files, func(o os.FileInfo) bool { return os.SameFile(o, fi) })
}

// checkExisting vets a non-empty file before any read-write connection
// touches it: even setting WAL mode rewrites the header, and a damaged or
// foreign file must come out of a failed open unchanged. It also reports
// whether the file is on a read-only file system.
func checkExisting(path string, info os.FileInfo) (readOnlyFS bool, err error) {
	fail := func(problem, hint string, err error) error {
		return &Error{Path: path, Problem: problem, Hint: hint, Err: err}
	}
	if !openFiles.has(info) {
		f, err := os.Open(path)
		if err != nil {
			return false, fail("cannot be read", "check the file's permissions", err)
		}
		header := make([]byte, 100)
		n, err := io.ReadFull(f, header)
		f.Close()
		switch {
		case n >= len(sqliteHeader) && !bytes.Equal(header[:len(sqliteHeader)], sqliteHeader):
			return false, fail("is not a papers library: it is not an SQLite database", hintMoveAside, nil)
		case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
			return false, fail(fmt.Sprintf("is too short to be a papers library, only %d bytes: it may have been truncated", n), hintMoveAside, nil)
		case err != nil:
			return false, fail("cannot be read", "check the disk", err)
		}
	}

	// A read-only connection can still leave -wal/-shm files behind; on
	// refusal, remove the ones this check created so the file is left as
	// it was found.
	var created []string
	for _, side := range []string{path + "-wal", path + "-shm"} {
		if _, err := os.Lstat(side); errors.Is(err, fs.ErrNotExist) {
			created = append(created, side)
		}
	}
	err = checkReadOnly(path, false)
	if sqliteCode(err) == sqlite3.SQLITE_CANTOPEN && onReadOnlyFS(filepath.Dir(path)) {
		// SQLite needs a -shm file to read a WAL database, and cannot
		// create one here.
		readOnlyFS = true
		err = checkReadOnly(path, true)
	}
	if err != nil {
		for _, side := range created {
			os.Remove(side)
		}
	}
	return readOnlyFS, err
}

// onReadOnlyFS reports whether dir is on a read-only file system, by trying
// to create a file in it (which even root cannot do there).
func onReadOnlyFS(dir string) bool {
	f, err := os.CreateTemp(dir, ".papers-probe-*")
	if err == nil {
		f.Close()
		os.Remove(f.Name())
		return false
	}
	return errors.Is(err, syscall.EROFS)
}

// checkReadOnly opens path read-only (immutable: also without locks or a
// -shm file) and checks it is a sound papers library this build
// understands.
func checkReadOnly(path string, immutable bool) error {
	fail := func(problem, hint string, err error) error {
		return &Error{Path: path, Problem: problem, Hint: hint, Err: err}
	}
	damaged := func(err error) error {
		return fail("is damaged: SQLite's integrity check failed", hintMoveAside, err)
	}
	params := []string{"mode=ro", fmt.Sprintf("_pragma=busy_timeout(%d)", busyTimeout.Milliseconds())}
	if immutable {
		params = append(params, "immutable=1")
	}
	db, err := sql.Open("sqlite", sqliteURI(path, params...))
	if err != nil {
		return fail("cannot be opened", "check the file's permissions", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	var version, objects int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return classifyOpenError(path, err)
	}
	if version > schemaVersion {
		return newerSchema(path, version)
	}
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema`).Scan(&objects); err != nil {
		return classifyOpenError(path, err)
	}
	if version == 0 && objects > 0 {
		return fail("is an SQLite database, but not a papers library", "give papers another library path, or move the file aside", nil)
	}

	rows, err := db.Query(`PRAGMA quick_check`)
	if err != nil {
		return classifyOpenError(path, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return damaged(err)
		}
		if line != "ok" && len(problems) < 3 {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return classifyOpenError(path, err)
	}
	if len(problems) > 0 {
		return damaged(errors.New(strings.Join(problems, "; ")))
	}
	return nil
}

// newerSchema is the error for a library this build must not touch.
func newerSchema(path string, version int) error {
	return &Error{Path: path,
		Problem: fmt.Sprintf("library was written by a newer papers (schema %d, this build knows %d); upgrade papers", version, schemaVersion)}
}

// classifyOpenError turns an error met while vetting a file into a
// *Error.
func classifyOpenError(path string, err error) error {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_NOTADB:
		return &Error{Path: path, Problem: "is not a papers library: it is not a readable SQLite database", Hint: hintMoveAside, Err: err}
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FORMAT, sqlite3.SQLITE_RANGE:
		return &Error{Path: path, Problem: "is damaged: SQLite's integrity check failed", Hint: hintMoveAside, Err: err}
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return &Error{Path: path, Problem: "is locked by another program", Hint: "close the other papers and try again", Err: err}
	case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		return &Error{Path: path, Problem: "cannot be opened", Hint: "check the permissions of the file and its directory", Err: err}
	}
	return &Error{Path: path, Problem: "cannot be read as a papers library", Hint: hintMoveAside, Err: err}
}

// sqliteCode is the primary SQLite result code in err's chain, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// classify wraps an error from doing op ("save the bookmark") so that
// problems with the file or the disk come back as a *Error and
// everything else keeps its cause.
func (l *Library) classify(op string, err error) error {
	if err == nil {
		return nil
	}
	var le *Error
	if errors.As(err, &le) {
		return err
	}
	fail := func(problem, hint string) error {
		return &Error{Path: l.path, Problem: problem, Hint: hint, Err: err}
	}
	if errors.Is(err, syscall.ENOSPC) {
		return fail("could not "+op+": the disk is full", "free some disk space and try again")
	}
	if errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission) {
		return fail("could not "+op+": the library is read-only", "make the file and its directory writable")
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_FULL:
		return fail("could not "+op+": the disk is full", "free some disk space and try again")
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		return fail("could not "+op+": the library is read-only", "make the file and its directory writable")
	case sqlite3.SQLITE_CANTOPEN:
		return fail("could not "+op+": the library file cannot be opened", "check the permissions of the file and its directory")
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT:
		return fail("could not "+op+": the library is damaged", hintMoveAside)
	case sqlite3.SQLITE_IOERR:
		return fail("could not "+op+": input/output error", "check that the disk is writable and healthy")
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fail("could not "+op+": another process holds the library's lock", "try again; if it persists, close other papers windows")
	}
	return fmt.Errorf("%s: could not %s: %w", l.path, op, err)
}

// migrate brings the schema to schemaVersion in one transaction.
func (l *Library) migrate() error {
	var version int
	// Reading user_version also opens the connection and sets its pragmas,
	// WAL mode included.
	if err := l.w.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return l.classify("open the library", err)
	}
	if version == schemaVersion {
		return nil
	}
	return l.write("set up the library", func(tx *sql.Tx) error {
		// Another process may have migrated since the read above.
		if err := tx.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
			return err
		}
		if version > schemaVersion {
			return newerSchema(l.path, version)
		}
		for v := version; v < schemaVersion; v++ {
			if _, err := tx.Exec(migrations[v]); err != nil {
				return fmt.Errorf("migrating the schema to version %d: %w", v+1, err)
			}
		}
		// PRAGMA takes no parameters; the value is our own integer.
		_, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, schemaVersion))
		return err
	})
}

// Close closes the library. Every acknowledged write is already on disk.
func (l *Library) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	openFiles.remove(l.info)
	rerr := l.r.Close()
	werr := l.w.Close()
	return l.classify("close the library", errors.Join(rerr, werr))
}

// Path returns the absolute path of the library file.
func (l *Library) Path() string { return l.path }

// errNoChange, returned by a write's fn, rolls the transaction back and
// makes the write succeed: nothing needed changing, so nothing (not even
// meta.version) should.
var errNoChange = errors.New("no change")

// write runs fn in one IMMEDIATE transaction that also bumps meta.version,
// and commits: when write returns nil the change is durable.
func (l *Library) write(op string, fn func(tx *sql.Tx) error) error {
	tx, err := l.w.Begin()
	if err != nil {
		return l.classify(op, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		if errors.Is(err, errNoChange) {
			return nil
		}
		return l.classify(op, err)
	}
	if _, err := tx.Exec(`UPDATE meta SET value = value + 1 WHERE name = 'version'`); err != nil {
		tx.Rollback()
		return l.classify(op, err)
	}
	if err := tx.Commit(); err != nil {
		return l.classify(op, err)
	}
	return nil
}

// read runs fn in one read transaction: one consistent snapshot.
func (l *Library) read(op string, fn func(tx *sql.Tx) error) error {
	tx, err := l.r.BeginTx(context.Background(), &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return l.classify(op, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return l.classify(op, err)
	}
	return nil
}

func nowNanos() int64 { return time.Now().UTC().UnixNano() }

func fromNanos(ns int64) time.Time { return time.Unix(0, ns).UTC() }

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
		update(key, func(m *model.Mark) { m.Tags = append(m.Tags, tag) })
	}); err != nil {
		return err
	}
	if err := scanPairs(tx, `SELECT key, note FROM notes`, func(key, note string) {
		update(key, func(m *model.Mark) { m.Note = note })
	}); err != nil {
		return err
	}
	if err := scanPairs(tx, `SELECT key, read_at FROM reads`, func(key string, _ int64) {
		update(key, func(m *model.Mark) { m.Read = true })
	}); err != nil {
		return err
	}
	// When each paper with user data was first seen.
	return scanPairs(tx, `SELECT s.key, s.load FROM seen s JOIN papers p ON p.key = s.key`, func(key string, load int64) {
		update(key, func(m *model.Mark) { m.FirstSeenLoad = load })
	})
}

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

// saveSnapshot stores p as the snapshot under key, and refreshes snapshots
// under p's other keys. A paper with no title is a bare reference (an ID
// typed on the command line): it creates a snapshot if none exists but never
// overwrites a real one.
func saveSnapshot(tx *sql.Tx, key string, p *model.Paper, at int64) error {
	data, err := json.Marshal(p)
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
	// Work on sorted keys: a merge against the sorted keys already seen
	// finds the new ones without a million-entry map, and sorted inserts
	// touch far fewer B-tree pages than corpus order.
	pairs := make([]seenPaper, 0, len(papers))
	for i := range papers {
		p := &papers[i]
		if p.ID == "" {
			continue
		}
		sp := seenPaper{id: p.ID}
		if p.TitleID != p.ID {
			sp.titleID = p.TitleID
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
		_, err = tx.Exec(`INSERT INTO loads (load, at, papers, added) VALUES (?, ?, ?, ?)`, load, at, len(papers), added)
		return err
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
			var p model.Paper
			if err := json.Unmarshal([]byte(data), &p); err != nil {
				return fmt.Errorf("snapshot of %s: %w", key, err)
			}
			if p.ID == "" {
				p.ID = key
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

// TagCounts returns every user tag with the number of papers carrying it,
// most used first, then by name.
func (l *Library) TagCounts() ([]TagCount, error) {
	var out []TagCount
	err := l.read("read the tags", func(tx *sql.Tx) error {
		rows, err := tx.Query(`
SELECT t.tag, count(DISTINCT p.paper_id) AS n
FROM tags t JOIN papers p ON p.key = t.key
GROUP BY t.tag
ORDER BY n DESC, t.tag`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var tc TagCount
			if err := rows.Scan(&tc.Name, &tc.Count); err != nil {
				return err
			}
			out = append(out, tc)
		}
		return rows.Err()
	})
	return out, err
}

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
			out[name] = true
		}
		return rows.Err()
	})
	return out, err
}
