package library

import (
	"bytes"
	"database/sql"
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
	"time"

	"github.com/papertui/papers/store/config"
	sqlite3 "modernc.org/sqlite/lib"
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
func Open(path string, options ...Option) (*Library, error) {
	var o openOptions
	for _, opt := range options {
		opt(&o)
	}
	if path == "" {
		return nil, errors.New("library path is empty")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &Error{Kind: BadPath, Path: path, Problem: "cannot resolve the library path", Err: err}
	}
	// A link, dangling or not, stands for the file it names: that is
	// where the library and its side files are, and what must be 0600.
	if abs, err = resolveLinks(abs); err != nil {
		return nil, &Error{Kind: BadPath, Path: path, Problem: "cannot resolve the library path", Err: err}
	}
	fail := func(kind ErrorKind, problem, hint string, err error) (*Library, error) {
		return nil, &Error{Kind: kind, Path: abs, Problem: problem, Hint: hint, Err: err}
	}

	readOnlyFS := false
	var noWrites *Error
	// checked is when the file last passed SQLite's integrity check.
	checked := time.Now().UnixNano()
	info, err := os.Stat(abs)
	switch {
	case err == nil:
		if !info.Mode().IsRegular() {
			return fail(BadPath, "is not a regular file", "give the path of a library file; papers creates it when missing", nil)
		}
		// Even an empty file may have its first writes in the log.
		if err := checkWAL(abs); err != nil {
			return nil, err
		}
		if info.Size() > 0 {
			full := true
			if o.checks != nil {
				if at, ok := o.checks.trusted(abs, time.Now()); ok {
					checked, full = at, false
				}
			}
			if readOnlyFS, noWrites, err = checkExisting(abs, info, full); err != nil {
				return nil, err
			}
		}
		alignSideModes(abs, info)
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			if e := ioError(abs, err); e != nil {
				return nil, e.prefixed("cannot create the library's directory")
			}
			return fail(CannotCreate, "cannot create the library's directory", "check its permissions, or point XDG_DATA_HOME at a writable place", err)
		}
		// Notes are private: create the file 0600 ourselves (SQLite would
		// use 0644), and its -wal and -shm files inherit the mode. An empty
		// file is a valid new database.
		f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			if e := ioError(abs, err); e != nil {
				return nil, e.prefixed("cannot be created")
			}
			return fail(CannotCreate, "cannot be created", "check the directory's permissions, or point XDG_DATA_HOME at a writable place", err)
		}
		if err == nil {
			f.Close()
		}
	default:
		return fail(Unreadable, "cannot be read", "check the file's permissions", err)
	}

	l := &Library{path: abs, noWrites: noWrites, checks: o.checks, checked: checked}
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
		return fail(Unreadable, "vanished while being opened", "", err)
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
// whether the file must be read without a -shm file (immutable), and why
// it then cannot be written: a full disk, an unwritable directory or a
// read-only file system, where SQLite cannot create its -shm.
func checkExisting(path string, info os.FileInfo, full bool) (readOnlyFS bool, noWrites *Error, err error) {
	fail := func(kind ErrorKind, problem, hint string, err error) error {
		return &Error{Kind: kind, Path: path, Problem: problem, Hint: hint, Err: err}
	}
	if !openFiles.has(info) {
		f, err := os.Open(path)
		if err != nil {
			return false, nil, fail(Unreadable, "cannot be read", "check the file's permissions", err)
		}
		header := make([]byte, 100)
		n, err := io.ReadFull(f, header)
		f.Close()
		switch {
		case n >= len(sqliteHeader) && !bytes.Equal(header[:len(sqliteHeader)], sqliteHeader):
			return false, nil, fail(NotALibrary, "is not a papers library: it is not an SQLite database", hintMoveAside, nil)
		case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
			return false, nil, fail(Damaged, fmt.Sprintf("is too short to be a papers library, only %d bytes: it may have been truncated", n), hintMoveAside, nil)
		case err != nil:
			return false, nil, fail(Unreadable, "cannot be read", "check the disk", err)
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
	err = checkReadOnly(path, false, full)
	switch sqliteCode(err) {
	case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY:
		// SQLite needs a -shm file to read a WAL database. If it could
		// not create one because the system refuses writes here, that is
		// the problem, not the file: read the file without one, if the
		// file alone holds every write.
		if noWrites = ioError(path, probeWrite(filepath.Dir(path))); noWrites == nil {
			break
		}
		if fi, werr := os.Stat(path + "-wal"); werr == nil && fi.Size() > 0 {
			err = noWrites.prefixed("cannot be opened (its write-ahead log cannot be read without a -shm file beside it)")
			break
		}
		readOnlyFS = true
		err = checkReadOnly(path, true, full)
	}
	if err != nil {
		for _, side := range created {
			os.Remove(side)
		}
		return false, nil, err
	}
	return readOnlyFS, noWrites, nil
}

// checkReadOnly opens path read-only (immutable: also without locks or a
// -shm file) and checks it is a papers library this build understands,
// and, if full, that it is sound.
func checkReadOnly(path string, immutable, full bool) error {
	fail := func(kind ErrorKind, problem, hint string, err error) error {
		return &Error{Kind: kind, Path: path, Problem: problem, Hint: hint, Err: err}
	}
	damaged := func(err error) error {
		return fail(Damaged, "is damaged: SQLite's integrity check failed", hintMoveAside, err)
	}
	params := []string{"mode=ro", fmt.Sprintf("_pragma=busy_timeout(%d)", busyTimeout.Milliseconds())}
	if immutable {
		params = append(params, "immutable=1")
	}
	db, err := sql.Open("sqlite", sqliteURI(path, params...))
	if err != nil {
		return fail(CannotOpen, "cannot be opened", "check the file's permissions", err)
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
		return fail(NotALibrary, "is an SQLite database, but not a papers library", "give papers another library path, or move the file aside", nil)
	}
	if !full {
		return nil
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
	return &Error{Kind: TooNew, Path: path,
		Problem: fmt.Sprintf("library was written by a newer papers (schema %d, this build knows %d); upgrade papers", version, schemaVersion)}
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
