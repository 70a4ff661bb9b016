package fetch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/papertui/papers/store/corpus"
)

// Store keeps fetched responses under Dir (the data directory's feeds/),
// one directory per feed. The state of each feed (validators, an OAI
// harvest's token) sits in a hidden file the corpus loader skips.
type Store struct {
	Dir string
}

// feedState is a feed's .state.json.
type feedState struct {
	// Validators are the ETag and Last-Modified of each URL's last answer.
	Validators map[string]validators `json:"validators,omitempty"`
	// Harvest is an OAI harvest that has not finished, or the last one.
	Harvest *harvestState `json:"harvest,omitempty"`
}

type validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	File         string `json:"file,omitempty"` // the file the answer was stored in
}

type harvestState struct {
	Set   string `json:"set"`
	From  string `json:"from,omitempty"`
	Until string `json:"until,omitempty"`
	// Token is the resumption token of the next page; "" once done.
	Token string `json:"token,omitempty"`
	Page  int    `json:"page"`
	// Done is the day the last complete harvest ran: the next one starts
	// there.
	Done string `json:"done,omitempty"`
}

// FeedDir is the directory of a feed.
func (s *Store) FeedDir(feed string) string { return filepath.Join(s.Dir, safeName(feed)) }

// safeName makes a feed or file name safe as one path element.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_', r == '+':
			return r
		}
		return '_'
	}, s)
	s = strings.TrimLeft(s, ".")
	if s == "" {
		s = "_"
	}
	return s
}

func (s *Store) statePath(feed string) string { return filepath.Join(s.FeedDir(feed), ".state.json") }

func (s *Store) loadState(feed string) (*feedState, error) {
	st := &feedState{}
	data, err := os.ReadFile(s.statePath(feed))
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, st); err != nil {
		// A damaged state costs only a full download, never the feed.
		return &feedState{}, nil
	}
	return st, nil
}

func (s *Store) saveState(feed string, st *feedState) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(s.statePath(feed), data)
}

// knownIDs are the papers a feed already holds, to count what is new.
func (s *Store) knownIDs(feed string) map[string]bool {
	ids := map[string]bool{}
	dir := s.FeedDir(feed)
	if _, err := os.Stat(dir); err != nil {
		return ids
	}
	papers, _, err := corpus.Load([]string{dir})
	if err != nil {
		return ids
	}
	for _, p := range papers {
		ids[p.ID] = true
	}
	return ids
}

// writeAtomic writes data to path through a temporary file, synced and
// renamed, so a reader never sees half a file and a crash leaves the old
// one.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
