package library

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrorKind says what is wrong with the library file, for callers (and
// tests) that act on it: the words in Error.Problem are for the user and
// may change.
type ErrorKind int

// The kinds of Error.
const (
	Other        ErrorKind = iota // none of the kinds below
	BadPath                       // the path cannot name a library file: unresolvable, or not a regular file
	CannotCreate                  // the missing file, or its directory, cannot be created
	Unreadable                    // the file cannot be read
	CannotOpen                    // SQLite cannot open the file: permissions
	NotALibrary                   // not an SQLite database, or another program's
	Damaged                       // truncated, or fails SQLite's integrity check
	TooNew                        // written by a newer papers, with a schema this build does not know
	Locked                        // another process holds the lock
	ReadOnly                      // the file or its file system cannot be written
	DiskFull                      // no space left to write
	IOError                       // the disk reported an input/output error
	DamagedLog                    // the write-ahead log (-wal) holds changes but its header is damaged
)

var kindNames = [...]string{"other", "bad path", "cannot create", "unreadable", "cannot open",
	"not a library", "damaged", "too new", "locked", "read-only", "disk full", "I/O error", "damaged log"}

func (k ErrorKind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("ErrorKind(%d)", int(k))
	}
	return kindNames[k]
}

// KindOf is the Kind of the first *Error in err's chain, or Other when there
// is none.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Other
}

// Error is a problem with the library file itself (not an SQLite
// database, damaged, written by a newer papers, read-only, disk full,
// locked): the caller should name the file and tell the user what to do.
// Kind says which problem; Problem and Hint say it in words.
type Error struct {
	Kind    ErrorKind
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

// classifyOpenError turns an error met while vetting a file into a
// *Error.
func classifyOpenError(path string, err error) error {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_NOTADB:
		return &Error{Kind: NotALibrary, Path: path, Problem: "is not a papers library: it is not a readable SQLite database", Hint: hintMoveAside, Err: err}
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FORMAT, sqlite3.SQLITE_RANGE:
		return &Error{Kind: Damaged, Path: path, Problem: "is damaged: SQLite's integrity check failed", Hint: hintMoveAside, Err: err}
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return &Error{Kind: Locked, Path: path, Problem: "is locked by another program", Hint: "close the other papers and try again", Err: err}
	case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		return &Error{Kind: CannotOpen, Path: path, Problem: "cannot be opened", Hint: "check the permissions of the file and its directory", Err: err}
	}
	return &Error{Kind: Unreadable, Path: path, Problem: "cannot be read as a papers library", Hint: hintMoveAside, Err: err}
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
	fail := func(kind ErrorKind, problem, hint string) error {
		return &Error{Kind: kind, Path: l.path, Problem: problem, Hint: hint, Err: err}
	}
	if errors.Is(err, syscall.ENOSPC) {
		return fail(DiskFull, "could not "+op+": the disk is full", "free some disk space and try again")
	}
	if errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission) {
		return fail(ReadOnly, "could not "+op+": the library is read-only", hintReadOnly)
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_FULL:
		return fail(DiskFull, "could not "+op+": the disk is full", "free some disk space and try again")
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		return fail(ReadOnly, "could not "+op+": the library is read-only", hintReadOnly)
	case sqlite3.SQLITE_CANTOPEN:
		return fail(CannotOpen, "could not "+op+": the library file cannot be opened", "check the permissions of the file and its directory")
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT:
		l.damaged.Store(true)
		return fail(Damaged, "could not "+op+": the library is damaged", hintMoveAside)
	case sqlite3.SQLITE_IOERR:
		return fail(IOError, "could not "+op+": input/output error", "check that the disk is writable and healthy")
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fail(Locked, "could not "+op+": another process holds the library's lock", "try again; if it persists, close other papers windows")
	}
	return fmt.Errorf("%s: could not %s: %w", l.path, op, err)
}
