// Package library is the user's own data in one SQLite file: bookmarks,
// tags, notes, read marks, seen papers, hidden topics and the snapshots that
// let marked papers outlive their corpus, with JSON backup and import.
package library

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"sync"
	"sync/atomic"
	"time"
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
	// noWrites, when set, is why the library was opened read-only (the
	// disk is full, the directory unwritable): every write fails with it.
	noWrites *Error

	// snapshotVersion is meta.version at the last Marks (-1 before any).
	snapshotVersion atomic.Int64

	// checks, when set, records at Close that the file was left sound,
	// which spares the next Open the integrity check; checked is when
	// the file last passed one, and damaged whether a read or write
	// found it damaged since.
	checks  *CheckRecord
	checked int64
	damaged atomic.Bool

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

const (
	libraryFileName = "library.db"
	// busyTimeout bounds how long a write waits for another process's
	// write transaction; ours take milliseconds, so reaching it means a
	// stuck process rather than contention.
	busyTimeout   = 10 * time.Second
	hintMoveAside = "move it aside; papers will create a new, empty library in its place"
	// hintReadOnly names the side files: made writable, library.db alone
	// is still refused while SQLite's -wal and -shm beside it are not.
	hintReadOnly = "make the file, its directory, and the -wal and -shm files beside it (if any) writable"
)

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
	err := l.classify("close the library", errors.Join(rerr, werr))
	if l.checks != nil && l.noWrites == nil {
		// The record is a cache: failing to keep it costs the next start
		// a check, never the library.
		if err != nil || l.damaged.Load() {
			_ = l.checks.forget(l.path)
		} else {
			_ = l.checks.remember(l.path, l.checked)
		}
	}
	return err
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
	if l.noWrites != nil {
		return l.noWrites.prefixed("could not " + op)
	}
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
