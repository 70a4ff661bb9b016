package segment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/config"
	"github.com/papertui/papers/store/corpus"
)

// Cache is a directory of segments, one per corpus file, named by a hash
// of the file's absolute path. Everything in it can be deleted at any
// time: it is rebuilt from the corpora.
type Cache struct{ Dir string }

// DefaultCache is the cache under $XDG_CACHE_HOME/papers (default
// ~/.cache/papers).
func DefaultCache() (Cache, error) {
	dir, err := config.XDGDir("XDG_CACHE_HOME", ".cache")
	if err != nil {
		return Cache{}, fmt.Errorf("cannot find the cache directory: %w", err)
	}
	return Cache{Dir: filepath.Join(dir, "segments")}, nil
}

const fileSuffix = ".seg"

// ErrStale is what OpenFresh returns when the segment was built from
// another version of the corpus file.
var ErrStale = errors.New("segment is stale")

func (c Cache) path(abs string) string {
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(c.Dir, hex.EncodeToString(sum[:12])+fileSuffix)
}

// OpenFresh opens the segment of corpus file name if its header, table and
// small sections are intact (the rest is checked as it is read) and it was
// built from the file as it is now. The error says why not: fs.ErrNotExist
// (none built), ErrStale or ErrCorrupt.
func (c Cache) OpenFresh(name string) (*Segment, error) {
	src, err := Identify(name)
	if err != nil {
		return nil, err
	}
	seg, err := Open(c.path(src.Abs), name)
	if err != nil {
		return nil, err
	}
	if !seg.Source.Same(src) {
		return nil, ErrStale
	}
	return seg, nil
}

// Build loads corpus file name, indexes it and writes its segment. It
// returns the in-memory index; the written file serves the next open.
// The file's identity is taken before reading it, so a file changed while
// it is read leaves a segment that the next open finds stale.
func (c Cache) Build(ctx context.Context, name string) (*model.Index, *Segment, error) {
	src, err := Identify(name)
	if err != nil {
		return nil, nil, err
	}
	papers, _, err := corpus.Load([]string{name})
	if err != nil {
		return nil, nil, err
	}
	ix, err := model.BuildIndex(ctx, papers)
	if err != nil {
		return nil, nil, err
	}
	path := c.path(src.Abs)
	if err := Write(path, src, ix); err != nil {
		return ix, nil, fmt.Errorf("cannot write the store: %w", err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return ix, nil, err
	}
	return ix, &Segment{Source: src, Index: ix, Size: info.Size()}, nil
}

// Status says what Ensure did.
type Status int

const (
	Fresh   Status = iota // the segment was up to date
	Built                 // there was none
	Rebuilt               // it was stale, corrupt or of another version
)

func (s Status) String() string {
	return [...]string{"up to date", "built", "rebuilt"}[s]
}

// Ensure opens the fresh segment of name, building it when there is none
// or it cannot be used. why is the reason it was rebuilt, if it was. A
// fresh segment is checked whole (Verify), which Open leaves to reads.
func (c Cache) Ensure(ctx context.Context, name string) (seg *Segment, status Status, why error, err error) {
	seg, why = c.OpenFresh(name)
	if why == nil {
		why = seg.Verify()
	}
	if why == nil {
		return seg, Fresh, nil, nil
	}
	status = Rebuilt
	if errors.Is(why, fs.ErrNotExist) {
		if _, err := os.Stat(name); err != nil {
			return nil, 0, nil, err
		}
		status, why = Built, nil
	}
	_, seg, err = c.Build(ctx, name)
	return seg, status, why, err
}

// Entry is one file of the cache.
type Entry struct {
	File    string
	Size    int64
	ModTime time.Time
	// Source is what the segment was built from; Err is why it cannot be
	// used (corrupt, another version), or nil.
	Source Source
	Papers int
	Err    error
}

// List returns the cache's segment files with what their headers say,
// reading a few bytes of each: a damaged body is found when it is opened.
func (c Cache) List() ([]Entry, error) {
	var list []Entry
	err := c.each(fileSuffix, func(path string, size int64, mod time.Time) {
		e := Entry{File: path, Size: size, ModTime: mod}
		var f facts
		e.Source, f, e.Err = readMeta(e.File)
		e.Papers = f.papers
		list = append(list, e)
	})
	return list, err
}

// each calls fn with every file of the cache whose name ends in suffix,
// but temporary ones.
func (c Cache) each(suffix string, fn func(path string, size int64, mod time.Time)) error {
	des, err := os.ReadDir(c.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, de := range des {
		if !strings.HasSuffix(de.Name(), suffix) || strings.HasPrefix(de.Name(), ".") {
			continue
		}
		var size int64
		var mod time.Time
		if info, err := de.Info(); err == nil {
			size, mod = info.Size(), info.ModTime()
		}
		fn(filepath.Join(c.Dir, de.Name()), size, mod)
	}
	return nil
}

// Discard removes the segment of corpus file name (one found damaged):
// the next index builds it anew. Readers that have it open keep their
// mapping.
func (c Cache) Discard(name string) error {
	abs, err := filepath.Abs(name)
	if err != nil {
		return err
	}
	err = os.Remove(c.path(abs))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Clear removes the cache directory. Segments open in other processes
// stay readable: their mappings outlive the names.
func (c Cache) Clear() error { return os.RemoveAll(c.Dir) }

// WriteSegment writes the segment of ix, loaded from the corpus file
// version src, where OpenFresh looks for it.
func (c Cache) WriteSegment(src Source, ix *model.Index) error {
	return Write(c.path(src.Abs), src, ix)
}
