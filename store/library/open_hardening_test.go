package library

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/papertui/papers/model"
)

// crashImage copies the files of the open library l to a new directory, as
// a crash would leave them: the database and its -wal, no -shm.
func crashImage(t *testing.T, l *Library) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"library.db", "library.db-wal"} {
		data := mustRead(t, filepath.Join(filepath.Dir(l.Path()), name))
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "library.db")
}

// TestDamagedLogIsRefusedAndKept (item 3): a -wal whose header is garbage
// holds acknowledged writes SQLite would silently drop; Open refuses it and
// leaves both files as they were.
func TestDamagedLogIsRefusedAndKept(t *testing.T) {
	l := newLibrary(t)
	p := testPaper(1)
	// Keep the log: a second reader holds it open past our writes.
	noErr(t, l.SetBookmarks([]*model.Paper{p}, true))
	noErr(t, l.SetNote(p, "acknowledged"))
	if fi, err := os.Stat(l.Path() + "-wal"); err != nil || fi.Size() <= walHeaderSize {
		t.Fatalf("no WAL to damage: %v", err)
	}

	// The crash image as it is opens with every write.
	good := crashImage(t, l)
	g, err := Open(good)
	noErr(t, err)
	if note, _ := g.Note(p); note != "acknowledged" {
		t.Fatalf("the undamaged crash image lost the note: %q", note)
	}
	g.Close()

	bad := crashImage(t, l)
	wal := bad + "-wal"
	data := mustRead(t, wal)
	copy(data, bytes.Repeat([]byte{0xAB}, walHeaderSize))
	noErr(t, os.WriteFile(wal, data, 0o600))
	dbBefore := fileSum(t, bad)

	_, err = Open(bad)
	le := asError(t, err)
	if le.Kind != DamagedLog || !strings.Contains(le.Error(), wal) || !strings.Contains(le.Hint, "move library.db-wal aside") {
		t.Errorf("Open with a damaged log = %v (kind %v)", err, KindOf(err))
	}
	if !bytes.Equal(mustRead(t, wal), data) {
		t.Error("the damaged log was changed")
	}
	if fileSum(t, bad) != dbBefore {
		t.Error("the library was changed")
	}
	if _, err := os.Stat(bad + "-shm"); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a -shm was left behind")
	}
}

func TestWALHeaderCheck(t *testing.T) {
	l := newLibrary(t)
	noErr(t, l.SetBookmarks([]*model.Paper{testPaper(1)}, true))
	h := mustRead(t, l.Path()+"-wal")[:walHeaderSize]
	if p := walHeaderProblem(h); p != "" {
		t.Fatalf("SQLite's own header: %s", p)
	}
	for _, i := range []int{0, 5, 9, 14, 27, 31} {
		bad := bytes.Clone(h)
		bad[i] ^= 0x40
		if walHeaderProblem(bad) == "" {
			t.Errorf("flipping byte %d went unnoticed", i)
		}
	}
}

// TestFullDiskStillReads (item 2): a healthy library on a full disk is not
// called damaged; it opens read-only and a write says the disk is full.
func TestFullDiskStillReads(t *testing.T) {
	dir := mountTmpfs(t, 1<<20)
	path := filepath.Join(dir, "library.db")
	l, err := Open(path)
	noErr(t, err)
	p := testPaper(1)
	noErr(t, l.SetNote(p, "kept"))
	noErr(t, l.Close())
	fillDisk(t, dir)

	l, err = Open(path)
	if err != nil {
		t.Fatalf("Open on a full disk: %v (kind %v)", err, KindOf(err))
	}
	defer l.Close()
	if note, err := l.Note(p); err != nil || note != "kept" {
		t.Errorf("Note = %q, %v", note, err)
	}
	err = l.SetNote(p, "more")
	if le := asError(t, err); le.Kind != DiskFull || !strings.Contains(le.Error(), "the disk is full") {
		t.Errorf("write on a full disk: %v", err)
	}
}

func fillDisk(t *testing.T, dir string) {
	t.Helper()
	filler, err := os.Create(filepath.Join(dir, "filler"))
	noErr(t, err)
	defer filler.Close()
	chunk := make([]byte, 4096)
	for {
		if _, err := filler.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			return
		}
	}
}

// TestUnwritableDirectory (item 2): in a directory nobody may write (chattr
// +i stops root too), a new library is refused saying so, and an existing
// one opens read-only.
func TestUnwritableDirectory(t *testing.T) {
	chattr, err := exec.LookPath("chattr")
	if err != nil {
		t.Skip("chattr not installed")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "library.db")
	l, err := Open(path)
	noErr(t, err)
	p := testPaper(1)
	noErr(t, l.SetNote(p, "kept"))
	noErr(t, l.Close())
	if out, err := exec.Command(chattr, "+i", dir).CombinedOutput(); err != nil {
		t.Skipf("chattr +i failed: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command(chattr, "-i", dir).Run() })

	_, err = Open(filepath.Join(dir, "new.db"))
	if le := asError(t, err); !strings.Contains(le.Error(), "cannot write in "+dir) {
		t.Errorf("a new library in an unwritable directory: %v", err)
	}
	l, err = Open(path)
	if err != nil {
		t.Fatalf("an existing library in an unwritable directory: %v (kind %v)", err, KindOf(err))
	}
	defer l.Close()
	if note, err := l.Note(p); err != nil || note != "kept" {
		t.Errorf("Note = %q, %v", note, err)
	}
	if err := l.SetNote(p, "more"); !strings.Contains(err.Error(), "cannot write in "+dir) {
		t.Errorf("write: %v", err)
	}
}

// TestSideFilesTakeTheLibraryMode (item 4): -wal and -shm left with
// another mode are given the library's, and the read-only hint names them.
func TestSideFilesTakeTheLibraryMode(t *testing.T) {
	l := newLibrary(t)
	noErr(t, l.SetBookmarks([]*model.Paper{testPaper(1)}, true))
	for _, side := range sideFiles(l.Path()) {
		noErr(t, os.Chmod(side, 0o444))
	}
	l2, err := Open(l.Path())
	noErr(t, err)
	defer l2.Close()
	for _, side := range sideFiles(l.Path()) {
		if fi, err := os.Stat(side); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, %v; want 0600 like the library", side, fi.Mode(), err)
		}
	}
	if !strings.Contains(hintReadOnly, "-wal") || !strings.Contains(hintReadOnly, "-shm") {
		t.Errorf("the read-only hint does not explain the side files: %q", hintReadOnly)
	}
}

// TestDanglingSymlinkLibraryIsPrivate (item 5): a library created through
// a dangling symlink is 0600, as are its side files.
func TestDanglingSymlinkLibraryIsPrivate(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real", "library.db")
	noErr(t, os.MkdirAll(filepath.Dir(target), 0o700))
	link := filepath.Join(dir, "link.db")
	noErr(t, os.Symlink("real/library.db", link))
	l, err := Open(link)
	noErr(t, err)
	defer l.Close()
	noErr(t, l.SetBookmarks([]*model.Paper{testPaper(1)}, true))
	for _, f := range append([]string{target}, sideFiles(target)...) {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, %v; want 0600", f, fi.Mode(), err)
		}
	}
}
