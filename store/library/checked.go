package library

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// Option changes how Open opens a library.
type Option func(*openOptions)

type openOptions struct {
	checks *CheckRecord
}

// RememberChecks makes Open skip SQLite's integrity check of a library
// that is, to the inode and the nanosecond of its last change, as a
// Library that passed the check left it at Close. The check reads the
// whole file (0.3 s for a library that has seen a million papers), which a
// start should not pay for a file nothing else has touched. Any write
// through the file system, by any program, moves the file's change time,
// which no program can set back, so the check runs again. file is where
// the record is kept, normally in the cache directory: it is disposable,
// and losing or damaging it costs one check.
func RememberChecks(file string) Option {
	return func(o *openOptions) { o.checks = &CheckRecord{File: file} }
}

// CheckRecord is the file RememberChecks keeps: for each library, its
// file state when it was last closed sound.
type CheckRecord struct{ File string }

// recheckAfter bounds how long a library goes without a full check: the
// change time catches every write through the system, but not a disk that
// decays under it.
const recheckAfter = 7 * 24 * time.Hour

// checkRecordHeader starts the file, before the checksum of the rest.
const checkRecordHeader = "papers library checks v1"

// maxCheckRecords bounds the file: a test suite or a script may open many
// libraries, and only the recent ones matter.
const maxCheckRecords = 16

// fileState identifies a file's bytes: a write through the file system
// moves ChangeTime, which no call sets back.
type fileState struct {
	Dev, Ino   uint64
	Size       int64
	ModTime    int64
	ChangeTime int64
}

// libraryState is the library file's state and its write-ahead log's
// (zero when there is none), which holds commits too.
type libraryState struct {
	Main, WAL fileState
}

type checkEntry struct {
	Path  string
	State libraryState
	// Checked is when the file last passed a full check (Unix ns): a
	// sound Close carries it over, and recheckAfter bounds it.
	Checked int64
}

// stateOf reads path's state; ok is false where the platform gives no
// change time, or only whole seconds of one, too coarse to tell a change
// from the moment it was recorded.
func stateOf(path string) (libraryState, bool) {
	main, ok := fileStateOf(path)
	if !ok {
		return libraryState{}, false
	}
	wal, ok := fileStateOf(path + "-wal")
	if !ok {
		if _, err := os.Lstat(path + "-wal"); !errors.Is(err, fs.ErrNotExist) {
			return libraryState{}, false
		}
		wal = fileState{}
	}
	return libraryState{Main: main, WAL: wal}, true
}

func fileStateOf(path string) (fileState, bool) {
	info, err := os.Stat(path)
	if err != nil {
		return fileState{}, false
	}
	dev, ino, ctime, ok := changeTime(info)
	if !ok || ctime%int64(time.Second) == 0 {
		return fileState{}, false
	}
	return fileState{Dev: dev, Ino: ino, Size: info.Size(), ModTime: info.ModTime().UnixNano(), ChangeTime: ctime}, true
}

// read returns the record's entries; a missing, foreign or damaged file
// holds none.
func (c CheckRecord) read() []checkEntry {
	data, err := os.ReadFile(c.File)
	if err != nil {
		return nil
	}
	head, body, ok := bytes.Cut(data, []byte("\n"))
	if !ok {
		return nil
	}
	want := fmt.Sprintf("%s %08x", checkRecordHeader, crc32.Checksum(body, castagnoli))
	if string(head) != want {
		return nil
	}
	var entries []checkEntry
	if json.Unmarshal(body, &entries) != nil {
		return nil
	}
	return entries
}

// trusted reports whether the library at path is as a sound Close left it,
// within recheckAfter of its last full check, and returns that check's
// time.
func (c CheckRecord) trusted(path string, now time.Time) (checked int64, ok bool) {
	st, ok := stateOf(path)
	if !ok {
		return 0, false
	}
	for _, e := range c.read() {
		if e.Path == path && e.State == st && now.Sub(time.Unix(0, e.Checked)) < recheckAfter {
			return e.Checked, true
		}
	}
	return 0, false
}

// remember records path's current state as sound, last fully checked at
// checked. A change made in the same tick of the file system's clock as
// the last write would leave the change time as it is, so the state is
// taken again once the clock has moved past it; a state that changed
// meanwhile is not recorded.
func (c CheckRecord) remember(path string, checked int64) error {
	st, ok := stateOf(path)
	if !ok {
		return nil
	}
	const tick = 20 * time.Millisecond // above any kernel's clock tick
	last := time.Unix(0, max(st.Main.ChangeTime, st.WAL.ChangeTime))
	if wait := time.Until(last.Add(tick)); wait > 0 {
		time.Sleep(wait)
	}
	if again, ok := stateOf(path); !ok || again != st {
		return nil
	}
	return c.update(func(entries []checkEntry) []checkEntry {
		return append(entries, checkEntry{Path: path, State: st, Checked: checked})
	}, path)
}

// forget drops path's entry: its file was found damaged.
func (c CheckRecord) forget(path string) error {
	return c.update(func(entries []checkEntry) []checkEntry { return entries }, path)
}

// update rewrites the record without path's entry, then with what add
// appends, atomically: two instances closing at once leave one whole
// record or the other.
func (c CheckRecord) update(add func([]checkEntry) []checkEntry, path string) error {
	entries := slices.DeleteFunc(c.read(), func(e checkEntry) bool { return e.Path == path })
	entries = add(entries)
	if n := len(entries); n > maxCheckRecords {
		entries = entries[n-maxCheckRecords:]
	}
	body, err := json.Marshal(entries)
	if err != nil {
		return err
	}
	data := fmt.Appendf(nil, "%s %08x\n%s", checkRecordHeader, crc32.Checksum(body, castagnoli), body)
	if err := os.MkdirAll(filepath.Dir(c.File), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.File), filepath.Base(c.File)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), c.File)
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)
