package corpus

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/papertui/papers/model"
)

// Formats read as one document (JSON, Atom, trending-page text) hold the
// whole of it in memory, so what they read is bounded: a few kilobytes of
// gzip can decompress to gigabytes. The bound is far above any real file:
// 64 times the compressed size for gzip, and 2 GiB whatever the input.
// JSON Lines is read line by line and bounds one line instead
// (maxLineBytes), so multi-gigabyte snapshots still load.
const (
	maxDocumentBytes = 2 << 30
	maxGzipRatio     = 64
	// documentLimitEnv overrides the bound, in bytes, for the rare file
	// that needs more (or a test that wants less).
	documentLimitEnv = "PAPERS_MAX_DOCUMENT_BYTES"
)

// documentLimit is how much a document may read: compressed is the size of
// the gzip file it decompresses from, 0 when it is not compressed or the
// size is unknown.
func documentLimit(compressed int64) (int64, error) {
	if v, ok := os.LookupEnv(documentLimitEnv); ok && v != "" {
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("%s=%s is not a positive number of bytes", documentLimitEnv, strconv.Quote(v[:min(len(v), 40)]))
		}
		return n, nil
	}
	if compressed > 0 && compressed < maxDocumentBytes/maxGzipRatio {
		// Small files still get room: a gzip header costs more than the
		// ratio of a tiny document suggests.
		return max(compressed*maxGzipRatio, 64<<20), nil
	}
	return maxDocumentBytes, nil
}

// errDocumentTooLarge is the cause of a LoadError for a document over its
// limit.
var errDocumentTooLarge = errors.New("too large for a document")

// limitedDocument reads r until limit bytes, then fails with a
// *LoadError naming the file, the limit and how to raise it.
type limitedDocument struct {
	name       string
	r          io.Reader
	left       int64
	limit      int64
	compressed bool
}

func newLimitedDocument(name string, r io.Reader, limit int64, compressed bool) *limitedDocument {
	return &limitedDocument{name: name, r: r, left: limit, limit: limit, compressed: compressed}
}

func (d *limitedDocument) Read(p []byte) (int, error) {
	if d.left <= 0 {
		// One byte more tells a document of exactly the limit from a
		// longer one.
		var one [1]byte
		if n, _ := io.ReadFull(d.r, one[:]); n == 0 {
			return 0, io.EOF
		}
		what := "is larger than"
		if d.compressed {
			what = "decompresses to more than"
		}
		return 0, &LoadError{File: d.name, Err: fmt.Errorf("%s %s: %w (set %s to raise the limit)",
			what, byteSize(d.limit), errDocumentTooLarge, documentLimitEnv)}
	}
	if int64(len(p)) > d.left {
		p = p[:d.left]
	}
	n, err := d.r.Read(p)
	d.left -= int64(n)
	return n, err
}

// byteSize words a size for messages.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// NoPapersError is the warning for a file or directory that holds no
// papers: a feed without entries, an empty folder.
type NoPapersError struct{ Path string }

func (e *NoPapersError) Error() string {
	return "no papers in " + model.Quote(e.Path)
}

// IsWarning reports a problem that did not stop loading: the papers there
// were came with it.
func IsWarning(err error) bool {
	var none *NoPapersError
	return errors.Is(err, errTruncated) || errors.As(err, &none)
}
