package segment

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
)

// Source identifies one version of a corpus file: by file identity (size,
// modification time, device and inode, which any edit, touch or
// replacement changes) and by a fingerprint of sampled content, which
// catches a same-size rewrite whose modification time was put back.
type Source struct {
	Name        string // as the user named it, what papers' Sources hold
	Abs         string // absolute path: what the cache is keyed by
	Size        int64
	ModTime     int64 // nanoseconds since the epoch
	Dev, Ino    uint64
	Fingerprint uint64
}

// MarkedSource stands for the marked papers a catalog adds to its files
// (count of them, fingerprinted by the caller) among the sources of
// derived data: other papers, other topics. It names no file.
func MarkedSource(count int, fingerprint uint64) Source {
	return Source{Name: "the marked papers", Abs: markedAbs, Size: int64(count), Fingerprint: fingerprint}
}

const markedAbs = "papers:marked"

// IsFile reports whether s is a corpus file's (not MarkedSource).
func (s Source) IsFile() bool { return s.Abs != markedAbs }

// Same reports whether s and o are the same version of the same file.
func (s Source) Same(o Source) bool {
	return s.Abs == o.Abs && s.Size == o.Size && s.ModTime == o.ModTime &&
		s.Dev == o.Dev && s.Ino == o.Ino && s.Fingerprint == o.Fingerprint
}

// Version names this version of the file: it changes whenever anything
// Same compares but the path does.
func (s Source) Version() string {
	return fmt.Sprintf("%d %d %d %d %016x", s.Size, s.ModTime, s.Dev, s.Ino, s.Fingerprint)
}

// fingerprintSamples windows of fingerprintWindow bytes, spread evenly
// from the first byte to the last, make the fingerprint: a few pages'
// reading whatever the file's size.
const (
	fingerprintSamples = 16
	fingerprintWindow  = 4096
)

// Identify returns the identity of the corpus file name now.
func Identify(name string) (Source, error) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return Source{}, err
	}
	f, err := os.Open(name)
	if err != nil {
		return Source{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return Source{}, err
	}
	src := Source{Name: name, Abs: abs, Size: info.Size(), ModTime: info.ModTime().UnixNano()}
	src.Dev, src.Ino = inode(info)
	head, rest := crc32.New(castagnoli), crc32.New(castagnoli)
	buf := make([]byte, fingerprintWindow)
	for k := range fingerprintSamples {
		off := int64(0)
		if src.Size > fingerprintWindow {
			off = (src.Size - fingerprintWindow) * int64(k) / (fingerprintSamples - 1)
		}
		n, err := f.ReadAt(buf, off)
		if err != nil && err != io.EOF {
			return Source{}, err
		}
		if k == 0 {
			head.Write(buf[:n])
		} else {
			rest.Write(buf[:n])
		}
	}
	src.Fingerprint = uint64(head.Sum32())<<32 | uint64(rest.Sum32())
	return src, nil
}

// facts is what the meta section says of the papers.
type facts struct {
	papers  int
	upvotes bool // some paper has upvotes
}

func appendMeta(b []byte, src Source, f facts) []byte {
	b = appendString(b, src.Name)
	b = appendString(b, src.Abs)
	b = binary.AppendVarint(b, src.Size)
	b = binary.AppendVarint(b, src.ModTime)
	b = binary.AppendUvarint(b, src.Dev)
	b = binary.AppendUvarint(b, src.Ino)
	b = binary.LittleEndian.AppendUint64(b, src.Fingerprint)
	b = binary.AppendUvarint(b, uint64(f.papers))
	flags := byte(0)
	if f.upvotes {
		flags = 1
	}
	return append(b, flags)
}

func decodeMeta(b []byte) (src Source, f facts, err error) {
	r := reader{b: b}
	// Copied, so that a Source listed by List does not keep a mapping's
	// pages in use.
	src.Name = string([]byte(r.string()))
	src.Abs = string([]byte(r.string()))
	src.Size, src.ModTime = r.varint(), r.varint()
	src.Dev, src.Ino = r.uvarint(), r.uvarint()
	if len(r.b) < 8 {
		return Source{}, facts{}, corrupt("meta")
	}
	src.Fingerprint = binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	n := r.uvarint()
	flags := r.byte()
	if r.err != nil || len(r.b) != 0 || n > 1<<32 || flags > 1 {
		return Source{}, facts{}, corrupt("meta")
	}
	return src, facts{papers: int(n), upvotes: flags == 1}, nil
}
