package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Mark is what the user's library knows about one paper.
type Mark struct {
	BookmarkedAt time.Time // zero when not bookmarked
	Tags         []string  // normalised user tags, sorted
	Note         string
	Read         bool
	// FirstSeenLoad numbers the corpus load that first saw the paper (0
	// when never recorded or not read).
	FirstSeenLoad int64
}

// Bookmarked reports whether the paper is bookmarked.
func (m Mark) Bookmarked() bool { return !m.BookmarkedAt.IsZero() }

// Marks is a snapshot of the user's library, keyed by paper key (see
// Paper.Keys). It is a value the UI can hold and compare; the store
// produces a fresh one whenever the library changes.
type Marks struct {
	ByKey map[string]Mark
	// LatestLoad is the most recent corpus load that added papers never seen
	// before; papers first seen in it are "new" (the library lists them
	// apart: there can be a million).
	LatestLoad int64
	// Version increases with every change the snapshot reflects, so a holder
	// can tell cheaply whether derived state is stale.
	Version int64
}

// For returns the mark of p, merging what is stored under each of its keys:
// user data saved while only the title was known still applies once the
// arXiv id is.
func (m Marks) For(p *Paper) Mark {
	if m.ByKey == nil {
		return Mark{}
	}
	primary, ok := m.ByKey[p.ID]
	if p.TitleID == "" || p.TitleID == p.ID {
		return primary
	}
	alias, aliasOK := m.ByKey[p.TitleID]
	if !aliasOK {
		return primary
	}
	if !ok {
		return alias
	}
	return mergeMarks(primary, alias)
}

func mergeMarks(a, b Mark) Mark {
	out := a
	if out.BookmarkedAt.IsZero() || (!b.BookmarkedAt.IsZero() && b.BookmarkedAt.Before(out.BookmarkedAt)) {
		if !b.BookmarkedAt.IsZero() {
			out.BookmarkedAt = b.BookmarkedAt
		}
	}
	out.Tags = unionSorted(a.Tags, b.Tags)
	if out.Note == "" {
		out.Note = b.Note
	} else if b.Note != "" && b.Note != a.Note {
		out.Note = a.Note + "\n\n" + b.Note
	}
	out.Read = a.Read || b.Read
	if out.FirstSeenLoad == 0 || (b.FirstSeenLoad != 0 && b.FirstSeenLoad < out.FirstSeenLoad) {
		out.FirstSeenLoad = b.FirstSeenLoad
	}
	return out
}

func unionSorted(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make([]string, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// IsNew reports whether the paper was first seen in the latest load.
func (m Marks) IsNew(mark Mark) bool {
	return mark.FirstSeenLoad != 0 && mark.FirstSeenLoad == m.LatestLoad
}

// MaxTagLength bounds a tag name, in runes.
const MaxTagLength = 48

// ErrEmptyTag is returned for a tag name with nothing left after normalising.
var ErrEmptyTag = errors.New("tag name is empty")

// NormalizeTag returns the canonical form of a user tag: sanitised, trimmed,
// lower case, inner whitespace turned into single hyphens, quotes dropped
// (they would make the tag impossible to type in a query). Tags compare
// equal exactly when their normalised forms do.
func NormalizeTag(tag string) (string, error) {
	tag = CleanLine(tag)
	var b strings.Builder
	hyphen := false
	for _, r := range tag {
		switch {
		case r == ' ' || r == '-' || r == '_':
			hyphen = b.Len() > 0
			continue
		case r == '"' || r == '\'' || r == '`':
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	out := b.String()
	if out == "" {
		return "", ErrEmptyTag
	}
	if n := utf8.RuneCountInString(out); n > MaxTagLength {
		return "", fmt.Errorf("tag %s is %d characters long; the limit is %d", QuotePrefix(out), n, MaxTagLength)
	}
	return out, nil
}

// SavedSearch is a named query (a watch list): the browser lists it with
// its count of papers and of new papers.
type SavedSearch struct {
	Name  string `json:"name"`
	Query string `json:"query"`
}
