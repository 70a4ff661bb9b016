package library

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

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
