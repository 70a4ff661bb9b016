package library

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

func TestOpenLibraryCreatesFileAndPrivateDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "papers")
	path := filepath.Join(dir, "library.db")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if l.Path() != path {
		t.Errorf("Path() = %q, want %q", l.Path(), path)
	}
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o700 {
		t.Errorf("directory mode = %o, want 700", perm)
	}
	noErr(t, l.SetNote(testPaper(1), "private"))
	for _, name := range []string{path, path + "-wal"} {
		info, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s: mode %o, want 600", name, perm)
		}
	}
	var version int
	var journal string
	if err := l.r.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if err := l.w.QueryRow(`PRAGMA journal_mode`).Scan(&journal); err != nil {
		t.Fatal(err)
	}
	if version != schemaVersion || journal != "wal" {
		t.Errorf("user_version %d, journal_mode %q; want %d, wal", version, journal, schemaVersion)
	}
	var fk, sync int
	l.w.QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
	l.w.QueryRow(`PRAGMA synchronous`).Scan(&sync)
	if fk != 1 || sync != 2 {
		t.Errorf("foreign_keys %d, synchronous %d; want 1, 2 (FULL)", fk, sync)
	}

	// A relative path is made absolute.
	t.Chdir(dir)
	l2, err := Open("library.db")
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	if l2.Path() != path {
		t.Errorf("relative open: Path() = %q, want %q", l2.Path(), path)
	}
}

func TestDefaultLibraryPath(t *testing.T) {
	t.Setenv("HOME", "/home/ada")
	t.Setenv("XDG_DATA_HOME", "/srv/data")
	if got, _ := DefaultPath(); got != "/srv/data/papers/library.db" {
		t.Errorf("with XDG_DATA_HOME: %q", got)
	}
	t.Setenv("XDG_DATA_HOME", "relative/dir") // ignored, per the XDG spec
	if got, _ := DefaultPath(); got != "/home/ada/.local/share/papers/library.db" {
		t.Errorf("with relative XDG_DATA_HOME: %q", got)
	}
	t.Setenv("XDG_DATA_HOME", "")
	if got, _ := DefaultPath(); got != "/home/ada/.local/share/papers/library.db" {
		t.Errorf("without XDG_DATA_HOME: %q", got)
	}
}

func TestMigrationsAreOrderedAndComplete(t *testing.T) {
	if schemaVersion != len(migrations) || schemaVersion < 1 {
		t.Fatalf("schemaVersion %d, %d migrations", schemaVersion, len(migrations))
	}
	l := newLibrary(t)
	for _, table := range []string{"meta", "papers", "bookmarks", "tags", "notes", "reads", "loads", "seen", "hidden_topics"} {
		countRows(t, l, table)
	}
}

// writeLibraryFile writes data where a library would be.
func writeLibraryFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// realLibrary builds a closed library with some data and returns its bytes.
func realLibrary(t testing.TB) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "real.db")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var papers []*model.Paper
	for i := range 300 {
		papers = append(papers, testPaper(i))
	}
	noErr(t, l.SetBookmarks(papers, true))
	noErr(t, l.AddTags(papers, []string{"one", "two"}))
	_, _, err = l.RecordSeen(synthetic.Papers(2000, 1))
	noErr(t, err)
	noErr(t, l.Close())
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatal("Close left a -wal file: the test would not see the whole library")
	}
	return data
}

func TestDamagedFilesAreRefusedAndLeftAlone(t *testing.T) {
	real := realLibrary(t)
	if len(real) < 20*4096 {
		t.Fatalf("real library only %d bytes", len(real))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 64*1024)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	garbage := func(from, to int) []byte {
		b := slices.Clone(real)
		for i := from; i < to && i < len(b); i++ {
			b[i] = byte(rng.UintN(256))
		}
		return b
	}
	otherApp := func() []byte {
		path := filepath.Join(t.TempDir(), "other.db")
		db := rawDB(t, path)
		if _, err := db.Exec(`CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)`); err != nil {
			t.Fatal(err)
		}
		db.Close()
		data, _ := os.ReadFile(path)
		return data
	}

	cases := []struct {
		name string
		kind ErrorKind // Other: whichever the damage leads to
		data []byte
	}{
		{"random bytes", NotALibrary, random},
		{"text file", NotALibrary, []byte("# my bookmarks\n2405.09673 LoRA\n" + strings.Repeat("notes notes\n", 500))},
		{"only a header", Damaged, real[:60]},
		{"truncated library", Damaged, real[:len(real)/2]},
		{"garbage over the pages", Damaged, garbage(4096, len(real))},
		{"garbage over one page", Damaged, garbage(8*4096, 9*4096)},
		{"garbage over the schema", Other, garbage(100, 4096)},
		{"another program's database", NotALibrary, otherApp()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "papers", "library.db")
			writeLibraryFile(t, path, tc.data)
			sum := fileSum(t, path)
			l, err := Open(path)
			if err == nil {
				l.Close()
				t.Fatal("Open accepted the file")
			}
			le := asError(t, err)
			if le.Path != path || !strings.HasPrefix(err.Error(), path+": ") {
				t.Errorf("error does not name the file: %v", err)
			}
			if tc.kind != Other && le.Kind != tc.kind {
				t.Errorf("kind %v, want %v: %v", le.Kind, tc.kind, err)
			}
			if le.Hint == "" {
				t.Errorf("no hint in %v", err)
			}
			if fileSum(t, path) != sum {
				t.Error("the file was modified")
			}
			for _, side := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + side); err == nil {
					t.Errorf("left a %s file behind", side)
				}
			}
		})
	}

	t.Run("directory", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "library.db")
		os.Mkdir(dir, 0o700)
		_, err := Open(dir)
		asError(t, err)
	})
	t.Run("empty file becomes a library", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "library.db")
		writeLibraryFile(t, path, nil)
		l, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		l.Close()
	})
}

func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	noErr(t, l.SetBookmarks([]*model.Paper{testPaper(1)}, true))
	noErr(t, l.Close())
	db := rawDB(t, path)
	if _, err := db.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	sum := fileSum(t, path)

	_, err = Open(path)
	if le := asError(t, err); le.Kind != TooNew {
		t.Errorf("kind %v, want %v", le.Kind, TooNew)
	}
	want := fmt.Sprintf("%s: library was written by a newer papers (schema 99, this build knows %d); upgrade papers", path, schemaVersion)
	if err.Error() != want {
		t.Errorf("error = %q\nwant    %q", err, want)
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Errorf("left a %s file behind", side)
		}
	}
	if fileSum(t, path) != sum {
		t.Error("the newer library was modified")
	}
}

func TestOlderSchemaIsMigrated(t *testing.T) {
	// Stand in for a library from an older build: only the first
	// migration applied. Opening must bring it to the current version and
	// keep its data.
	path := filepath.Join(t.TempDir(), "library.db")
	db := rawDB(t, path)
	for _, stmt := range []string{`PRAGMA journal_mode = WAL`, migrations[0], `PRAGMA user_version = 1`,
		`INSERT INTO papers VALUES ('2405.00001', '2405.00001', '{"id":"2405.00001","title":"Old"}', 1, 1)`,
		`INSERT INTO bookmarks VALUES ('2405.00001', 1)`} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var v int
	l.r.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != schemaVersion {
		t.Errorf("user_version = %d after migration", v)
	}
	if !mustMarks(t, l).ByKey["2405.00001"].Bookmarked() {
		t.Error("bookmark lost in migration")
	}
}

// TestFullDisk simulates a full disk with max_page_count, which works
// anywhere (the process tests also fill a real tmpfs where mounting is
// allowed): the write fails with a *Error, nothing is pretended,
// reads keep working, and writes work again once there is room.
func TestFullDisk(t *testing.T) {
	l := newLibrary(t)
	p := testPaper(1)
	noErr(t, l.SetBookmarks([]*model.Paper{p}, true))
	before := mustMarks(t, l)
	var pages int
	l.w.QueryRow(`PRAGMA page_count`).Scan(&pages)
	if _, err := l.w.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}

	big := strings.Repeat("a long note that will not fit. ", 10000)
	err := l.SetNote(p, big)
	le := asError(t, err)
	if le.Kind != DiskFull || !strings.Contains(le.Error(), l.Path()) {
		t.Errorf("error = %v", err)
	}
	m := mustMarks(t, l)
	if !m.For(p).Bookmarked() || m.For(p).Note != "" || m.Version != before.Version {
		t.Errorf("after the failed write: %+v (version %d, was %d)", m.For(p), m.Version, before.Version)
	}
	if note, err := l.Note(p); err != nil || note != "" {
		t.Errorf("Note = %q, %v", note, err)
	}

	if _, err := l.w.Exec(`PRAGMA max_page_count = 1073741823`); err != nil {
		t.Fatal(err)
	}
	noErr(t, l.SetNote(p, big))
	if note, _ := l.Note(p); note != model.CleanText(big) {
		t.Error("note not saved once there was room")
	}
}

// TestReadOnlyQueryOnly makes SQLite refuse writes with PRAGMA query_only
// on the write connection, which works anywhere, as root too. It stands in
// for a library whose file turned read-only while open; TestReadOnlyFile
// and TestReadOnlyFilesystem exercise the kernel refusing writes.
func TestReadOnlyQueryOnly(t *testing.T) {
	l := newLibrary(t)
	p := testPaper(1)
	noErr(t, l.SetBookmarks([]*model.Paper{p}, true))
	if _, err := l.w.Exec(`PRAGMA query_only = 1`); err != nil {
		t.Fatal(err)
	}
	err := l.AddTags([]*model.Paper{p}, []string{"x"})
	le := asError(t, err)
	if le.Kind != ReadOnly {
		t.Errorf("error = %v", err)
	}
	if m := mustMarks(t, l); !m.For(p).Bookmarked() || len(m.For(p).Tags) != 0 {
		t.Errorf("after the refused write: %+v", m.For(p))
	}
	if _, err := l.w.Exec(`PRAGMA query_only = 0`); err != nil {
		t.Fatal(err)
	}
	noErr(t, l.AddTags([]*model.Paper{p}, []string{"x"}))
}

// TestReadOnlyFile marks the open library's files immutable (chattr +i),
// which stops writes even for root: the kernel refuses them as it would on
// a disk remounted read-only. Skipped where chattr is missing or the file
// system has no immutable flag.
func TestReadOnlyFile(t *testing.T) {
	chattr, err := exec.LookPath("chattr")
	if err != nil {
		t.Skip("chattr not installed")
	}
	l := newLibrary(t)
	p := testPaper(1)
	noErr(t, l.SetBookmarks([]*model.Paper{p}, true))
	files := []string{l.Path(), l.Path() + "-wal"}
	if out, err := exec.Command(chattr, append([]string{"+i"}, files...)...).CombinedOutput(); err != nil {
		t.Skipf("chattr +i failed (no immutable flag here?): %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command(chattr, append([]string{"-i"}, files...)...).Run() })
	sum := fileSum(t, l.Path())

	big := strings.Repeat("x", 100000) // more than the WAL already holds
	err = l.SetNote(p, big)
	le := asError(t, err)
	t.Logf("refused write: %v", le)
	if m := mustMarks(t, l); !m.For(p).Bookmarked() || m.For(p).Note != "" {
		t.Errorf("after the refused write: %+v", m.For(p))
	}
	if fileSum(t, l.Path()) != sum {
		t.Error("immutable file changed")
	}
	if out, err := exec.Command(chattr, append([]string{"-i"}, files...)...).CombinedOutput(); err != nil {
		t.Fatalf("chattr -i: %v: %s", err, out)
	}
	noErr(t, l.SetNote(p, big))
	if note, _ := l.Note(p); note != big {
		t.Error("note not saved after the file became writable again")
	}
}

func TestClosedLibraryReturnsErrors(t *testing.T) {
	l := newLibrary(t)
	noErr(t, l.Close())
	noErr(t, l.Close())
	if err := l.SetBookmarks([]*model.Paper{testPaper(1)}, true); err == nil {
		t.Error("write to a closed library succeeded")
	}
	if _, err := l.Marks(); err == nil {
		t.Error("read from a closed library succeeded")
	}
}

func TestPathsWithURICharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a?b#c%20d", "library.db")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	noErr(t, l.SetBookmarks([]*model.Paper{testPaper(1)}, true))
	if _, err := os.Stat(path); err != nil {
		t.Errorf("library not at the given path: %v", err)
	}
	if !bytes.HasPrefix(mustRead(t, path), sqliteHeader) {
		t.Error("not an SQLite file")
	}
}
