package library

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/papertui/papers/model"
)

// rememberedLibrary builds a closed library with some data, opened with a
// check record, and returns its path and the record.
func rememberedLibrary(t *testing.T) (string, CheckRecord) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "data", "library.db")
	rec := CheckRecord{File: filepath.Join(dir, "cache", "library-checks")}
	l, err := Open(path, RememberChecks(rec.File))
	noErr(t, err)
	var papers []*model.Paper
	for i := range 300 {
		papers = append(papers, testPaper(i))
	}
	noErr(t, l.SetBookmarks(papers, true))
	noErr(t, l.AddTags(papers, []string{"one", "two"}))
	noErr(t, l.Close())
	if _, ok := rec.trusted(path, time.Now()); !ok {
		t.Fatal("a library closed sound is not trusted")
	}
	return path, rec
}

func TestARememberedCheckHoldsUntilTheFileChanges(t *testing.T) {
	t.Run("reopened untouched", func(t *testing.T) {
		path, rec := rememberedLibrary(t)
		first, _ := rec.trusted(path, time.Now())
		l, err := Open(path, RememberChecks(rec.File))
		noErr(t, err)
		if l.checked != first {
			t.Errorf("an open that skipped the check dates the check %d, want the last full one %d", l.checked, first)
		}
		noErr(t, l.SetBookmarks([]*model.Paper{testPaper(999)}, true))
		noErr(t, l.Close())
		if at, ok := rec.trusted(path, time.Now()); !ok || at != first {
			t.Errorf("after a sound session: trusted %v, checked %d, want true and %d", ok, at, first)
		}
		if _, ok := rec.trusted(path, time.Now().Add(recheckAfter+time.Hour)); ok {
			t.Error("trusted more than a week after the last full check")
		}
	})
	t.Run("damaged in place, same size", func(t *testing.T) {
		path, rec := rememberedLibrary(t)
		damagePage(t, path, 3)
		if _, ok := rec.trusted(path, time.Now()); ok {
			t.Fatal("a file written since is trusted")
		}
		sum := fileSum(t, path)
		_, err := Open(path, RememberChecks(rec.File))
		if le := asError(t, err); le.Kind != Damaged {
			t.Errorf("kind %v, want Damaged: %v", le.Kind, err)
		}
		if fileSum(t, path) != sum {
			t.Error("the damaged file was modified")
		}
	})
	t.Run("damaged right after close", func(t *testing.T) {
		// Within a tick of the file system's clock a write would leave
		// the change time as it was; Close records only once past it.
		for range 5 {
			path, rec := rememberedLibrary(t)
			l, err := Open(path, RememberChecks(rec.File))
			noErr(t, err)
			noErr(t, l.SetBookmarks([]*model.Paper{testPaper(1000)}, true))
			noErr(t, l.Close())
			damagePage(t, path, 3)
			if _, ok := rec.trusted(path, time.Now()); ok {
				t.Fatal("a file damaged just after Close is trusted")
			}
		}
	})
	t.Run("touched back to its old time", func(t *testing.T) {
		path, rec := rememberedLibrary(t)
		info, err := os.Stat(path)
		noErr(t, err)
		noErr(t, os.Chtimes(path, info.ModTime(), info.ModTime()))
		if _, ok := rec.trusted(path, time.Now()); ok {
			t.Error("a file whose times were set is trusted")
		}
	})
	t.Run("replaced by a copy", func(t *testing.T) {
		path, rec := rememberedLibrary(t)
		data, err := os.ReadFile(path)
		noErr(t, err)
		noErr(t, os.WriteFile(path+".new", data, 0o600))
		noErr(t, os.Rename(path+".new", path))
		if _, ok := rec.trusted(path, time.Now()); ok {
			t.Error("another file at the path is trusted")
		}
	})
	t.Run("written by a papers that keeps no record", func(t *testing.T) {
		path, rec := rememberedLibrary(t)
		l, err := Open(path)
		noErr(t, err)
		noErr(t, l.SetBookmarks([]*model.Paper{testPaper(1001)}, true))
		noErr(t, l.Close())
		if _, ok := rec.trusted(path, time.Now()); ok {
			t.Error("a file written since is trusted")
		}
	})
	t.Run("found damaged during a session", func(t *testing.T) {
		path, rec := rememberedLibrary(t)
		l, err := Open(path, RememberChecks(rec.File))
		noErr(t, err)
		l.damaged.Store(true) // as classify does for SQLITE_CORRUPT
		noErr(t, l.Close())
		if _, ok := rec.trusted(path, time.Now()); ok {
			t.Error("a library found damaged is still trusted")
		}
	})
	t.Run("record damaged or deleted", func(t *testing.T) {
		for name, spoil := range map[string]func(string) error{
			"garbage":   func(f string) error { return os.WriteFile(f, []byte("papers library checks v1 0000\n[{]"), 0o600) },
			"bit flip":  flipLastByte,
			"deleted":   os.Remove,
			"truncated": func(f string) error { return os.Truncate(f, 10) },
		} {
			t.Run(name, func(t *testing.T) {
				path, rec := rememberedLibrary(t)
				noErr(t, spoil(rec.File))
				if _, ok := rec.trusted(path, time.Now()); ok {
					t.Fatal("trusted after the record was spoiled")
				}
				l, err := Open(path, RememberChecks(rec.File))
				noErr(t, err)
				noErr(t, l.Close())
				if _, ok := rec.trusted(path, time.Now()); !ok {
					t.Error("a full check and a sound close did not record the library again")
				}
			})
		}
	})
}

// damagePage overwrites page n of the library with garbage, in place.
func damagePage(t *testing.T, path string, n int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	noErr(t, err)
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i*7 + 13)
	}
	_, err = f.WriteAt(garbage, n*4096)
	noErr(t, err)
	noErr(t, f.Close())
}

func flipLastByte(file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	data[len(data)-2] ^= 1
	return os.WriteFile(file, data, 0o600)
}
