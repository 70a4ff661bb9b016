package library

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// resolveLinks follows symbolic links to the file they name, even when it
// does not exist yet (a dangling link): the library is then created there
// by papers, with papers' private mode, not by SQLite with 0644.
func resolveLinks(path string) (string, error) {
	for range 40 { // the kernel's own limit on links in a path
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		target, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return "", &fs.PathError{Op: "resolve", Path: path, Err: syscall.ELOOP}
}

// sideFiles are the files SQLite keeps beside a WAL library.
func sideFiles(path string) []string { return []string{path + "-wal", path + "-shm"} }

// alignSideModes gives existing -wal and -shm files the library's own
// permission bits. SQLite creates them with the library's mode, but never
// changes them after: once the user follows a hint and makes library.db
// writable, side files left read-only by a crash would still make every
// write fail.
func alignSideModes(path string, info os.FileInfo) {
	for _, side := range sideFiles(path) {
		fi, err := os.Lstat(side)
		if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() == info.Mode().Perm() {
			continue
		}
		os.Chmod(side, info.Mode().Perm())
	}
}

// WAL header fields (https://www.sqlite.org/fileformat2.html#walformat).
const (
	walHeaderSize = 32
	walMagicLE    = 0x377f0682 // checksums computed on little-endian words
	walMagicBE    = 0x377f0683 // ... on big-endian words
	walVersion    = 3007000
)

// checkWAL refuses a library whose -wal file holds more than a header but
// whose header is not a valid WAL header. SQLite would treat such a log as
// empty, drop the acknowledged writes it holds, and delete it at the next
// checkpoint; the user must decide, with the files left as they are.
func checkWAL(path string) error {
	wal := path + "-wal"
	f, err := os.Open(wal)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &Error{Kind: Unreadable, Path: path, Problem: "its write-ahead log " + wal + " cannot be read", Hint: "check the file's permissions", Err: err}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.Size() <= walHeaderSize {
		return nil // an empty or header-only log holds no writes
	}
	header := make([]byte, walHeaderSize)
	if _, err := io.ReadFull(f, header); err != nil {
		return &Error{Kind: Unreadable, Path: path, Problem: "its write-ahead log " + wal + " cannot be read", Hint: "check the disk", Err: err}
	}
	if problem := walHeaderProblem(header); problem != "" {
		return &Error{Kind: DamagedLog, Path: path,
			Problem: fmt.Sprintf("its write-ahead log %s is damaged (%s) but holds %d bytes of changes that SQLite would throw away", wal, problem, info.Size()-walHeaderSize),
			Hint: fmt.Sprintf("papers changed neither file; keep a copy of both %s and %s, then, to go on without the changes in the log, move %s aside",
				filepath.Base(path), filepath.Base(wal), filepath.Base(wal))}
	}
	return nil
}

// walHeaderProblem says what is wrong with a WAL header, or "".
func walHeaderProblem(h []byte) string {
	magic := binary.BigEndian.Uint32(h[0:])
	if magic != walMagicLE && magic != walMagicBE {
		return fmt.Sprintf("bad magic number %#08x", magic)
	}
	if v := binary.BigEndian.Uint32(h[4:]); v != walVersion {
		return fmt.Sprintf("unknown format version %d", v)
	}
	if ps := binary.BigEndian.Uint32(h[8:]); ps != 1 && (ps < 512 || ps > 32768 || ps&(ps-1) != 0) {
		// 1 stands for 65536.
		return fmt.Sprintf("impossible page size %d", ps)
	}
	var order binary.ByteOrder = binary.LittleEndian
	if magic == walMagicBE {
		order = binary.BigEndian
	}
	s0, s1 := walChecksum(order, h[:24])
	if s0 != binary.BigEndian.Uint32(h[24:]) || s1 != binary.BigEndian.Uint32(h[28:]) {
		return "its header checksum does not match"
	}
	return ""
}

// walChecksum is SQLite's WAL checksum over data (a multiple of 8 bytes),
// read as 32-bit words in order.
func walChecksum(order binary.ByteOrder, data []byte) (s0, s1 uint32) {
	for i := 0; i+8 <= len(data); i += 8 {
		s0 += order.Uint32(data[i:]) + s1
		s1 += order.Uint32(data[i+4:]) + s0
	}
	return s0, s1
}

// probeWrite tries what SQLite must do beside the library to read a WAL
// database, create and fill a -shm file, and returns the system's refusal:
// ENOSPC, EACCES, EROFS. A variable so tests can stand in for a full or
// unwritable disk.
var probeWrite = func(dir string) error {
	f, err := os.CreateTemp(dir, ".papers-probe-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(make([]byte, 64<<10))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// ioError is the *Error for the system refusing to write beside the
// library (ENOSPC, EACCES, EROFS), its Problem the reason alone (callers
// say what failed first), or nil when err is none of these.
func ioError(path string, err error) *Error {
	dir := filepath.Dir(path)
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return &Error{Kind: DiskFull, Path: path, Problem: "the disk is full", Hint: "free some disk space and try again", Err: err}
	case errors.Is(err, syscall.EROFS):
		return &Error{Kind: ReadOnly, Path: path, Problem: dir + " is on a read-only file system", Hint: hintReadOnly, Err: err}
	case errors.Is(err, fs.ErrPermission):
		return &Error{Kind: ReadOnly, Path: path, Problem: "cannot write in " + dir, Hint: "check the directory's permissions, or point XDG_DATA_HOME at a writable place", Err: err}
	}
	return nil
}

// prefixed is e with "what: " before its Problem.
func (e *Error) prefixed(what string) *Error {
	c := *e
	c.Problem = what + ": " + c.Problem
	return &c
}
