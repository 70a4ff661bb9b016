// Package segment is papers' persisted store: one immutable file per
// corpus file, holding the decoded papers and their word index in the
// shape the in-memory index has, read in place through mmap. A segment is
// a cache: one that is stale, truncated, corrupt, of another version or
// not a segment at all is reported as such and rebuilt from the corpus.
//
// A segment file is a 32-byte header, a table of sections and the
// sections, each 8-byte aligned:
//
//	header: magic "papersSG", version u32, sections u32, table CRC u32,
//	        header CRC u32 (of the 24 bytes before it), 8 reserved bytes
//	table:  per section: kind u32, CRC u32, offset u64, length u64, 8 reserved
//
// Numbers are little-endian; checksums are CRC-32C. The number arrays are
// used as []uint16, []int32, []uint32 and []uint64 views of the mapped
// bytes. Opening checks the header, the table and the small sections; the
// sections that grow with the corpus also carry a checksum per 16 KB
// block (secBlockSums), and each block is checked the first time it is
// read, so that opening reads a few pages whatever the corpus's size.
// Verify checks everything.
package segment

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"unsafe"

	"github.com/papertui/papers/model"
)

const (
	magic = "papersSG"
	// version changes with the layout, and also with the rules that made
	// what a segment holds (cleaning, TeX decoding, tokenizing): a segment
	// built by other rules would answer differently from a fresh index.
	version    = 5 // 2: announcement fields; 3: field weights; 4: days, lookup keys, block checksums, postings sets; 5: \cite and \ref decode to "[…]"
	headerSize = 32
	entrySize  = 32
)

// The sections, by kind. A file has all of them; the writer puts meta
// first and the block checksums last.
const (
	secMeta = iota
	secPaperData
	secPaperOff
	secVocab
	secVocabEnd
	secTitleInitials
	secTitleLetters
	secHasCode
	secYears
	secTitleWords
	secTitleWordIDs
	secTitleWordAt
	secPostOff  // IndexFields sections from here
	secPostIDs  = secPostOff + 3
	secByLetter = secPostIDs + 3
	secWeights  = secByLetter + 3 // the title's and the abstract's
	secDays     = secWeights + 2
	secKeyHash  = secDays + 1
	secKeyPaper = secKeyHash + 1
	// The words whose papers are a set, and their sets (IndexFields each).
	secDenseWords = secKeyPaper + 1
	secDense      = secDenseWords + 3
	// secBlockSums holds the CRC of every blockSize bytes of each lazy
	// section, in kind order.
	secBlockSums = secDense + 3
	numSections  = secBlockSums + 1
)

// blockSize is the unit of the lazy checks: a paper read costs checking
// about one block, and the sums are 1/4096 of the file.
const blockSize = 16 << 10

// lazy reports whether a section is checked block by block as it is first
// read rather than whole at open: the sections that grow with the corpus
// (papers, postings, per-paper facts). The vocabulary-sized ones are
// checked at open; so is the meta section and the block sums themselves.
func lazy(kind int) bool {
	switch {
	case kind == secPaperData || kind == secPaperOff,
		kind >= secTitleInitials && kind <= secYears,
		kind >= secPostIDs && kind < secPostIDs+3,
		kind >= secByLetter && kind <= secKeyPaper,
		kind >= secDense && kind < secDense+3:
		return true
	}
	return false
}

// arraySection is the section and element size of each model.Array.
var arraySection = func() (t [model.NumArrays]struct{ kind, size int }) {
	for f := range model.IndexFields {
		t[model.ArrayPostIDs+model.Array(f)] = struct{ kind, size int }{secPostIDs + f, 4}
		t[model.ArrayByLetter+model.Array(f)] = struct{ kind, size int }{secByLetter + f, 8}
		t[model.ArrayDense+model.Array(f)] = struct{ kind, size int }{secDense + f, 8}
	}
	t[model.ArrayTitleInitials] = struct{ kind, size int }{secTitleInitials, 8}
	t[model.ArrayTitleLetters] = struct{ kind, size int }{secTitleLetters, 8}
	t[model.ArrayHasCode] = struct{ kind, size int }{secHasCode, 8}
	t[model.ArrayYears] = struct{ kind, size int }{secYears, 2}
	t[model.ArrayDays] = struct{ kind, size int }{secDays, 4}
	t[model.ArrayWeights] = struct{ kind, size int }{secWeights, 2}
	t[model.ArrayWeights+1] = struct{ kind, size int }{secWeights + 1, 2}
	t[model.ArrayKeyHash] = struct{ kind, size int }{secKeyHash, 8}
	t[model.ArrayKeyPaper] = struct{ kind, size int }{secKeyPaper, 4}
	return t
}()

func numBlocks(n int) int { return (n + blockSize - 1) / blockSize }

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrCorrupt is what Open returns for a file that is not a whole, intact
// segment of this version, and what a segment's index reports (Err) for
// damage found after open: the caller rebuilds it.
var ErrCorrupt = errors.New("not an intact segment of this version")

func corrupt(what string) error { return fmt.Errorf("%w: %s", ErrCorrupt, what) }

// littleEndian is whether this machine's numbers have the file's byte
// order, which the in-place views need. Elsewhere segments are never used.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// layout is what tells one kind of store file from another: segments and
// derived-data files share the header, table and checksums.
type layout struct {
	magic    string // 8 bytes
	version  uint32
	sections int
	// lazy reports which sections are checked block by block as they are
	// read instead of whole when the file is opened (nil: none).
	lazy func(kind int) bool
}

var segmentLayout = layout{magic, version, numSections, lazy}

// parse checks a segment's header, table and the checksums of the
// sections before upto, and returns those sections as views of data.
func parse(data []byte, upto int) (*[numSections][]byte, error) {
	secs, err := parseLayout(data, segmentLayout, upto)
	if err != nil {
		return nil, err
	}
	return (*[numSections][]byte)(secs), nil
}

// parseLayout checks the header and table of a file of layout l and the
// checksums of the sections before upto, and returns every section (those
// from upto on empty) as views of data.
func parseLayout(data []byte, l layout, upto int) ([][]byte, error) {
	if !littleEndian {
		return nil, corrupt("big-endian machine")
	}
	if len(data) < headerSize || string(data[:8]) != l.magic {
		return nil, corrupt("no " + l.magic + " header")
	}
	le := binary.LittleEndian
	if v := le.Uint32(data[8:]); v != l.version {
		return nil, corrupt(fmt.Sprintf("format version %d, want %d", v, l.version))
	}
	if crc32.Checksum(data[:20], castagnoli) != le.Uint32(data[20:]) {
		return nil, corrupt("header checksum")
	}
	if le.Uint32(data[12:]) != uint32(l.sections) {
		return nil, corrupt("section count")
	}
	tableEnd := headerSize + l.sections*entrySize
	if len(data) < tableEnd {
		return nil, corrupt("truncated table")
	}
	table := data[headerSize:tableEnd]
	if crc32.Checksum(table, castagnoli) != le.Uint32(data[16:]) {
		return nil, corrupt("table checksum")
	}
	secs := make([][]byte, l.sections)
	for i := range upto {
		e := table[i*entrySize:]
		kind, sum, off, n := le.Uint32(e), le.Uint32(e[4:]), le.Uint64(e[8:]), le.Uint64(e[16:])
		if kind != uint32(i) || off%8 != 0 || off < uint64(tableEnd) || off > uint64(len(data)) || n > uint64(len(data))-off {
			return nil, corrupt("section bounds")
		}
		secs[i] = data[off : off+n : off+n]
		if (l.lazy == nil || !l.lazy(i)) && crc32.Checksum(secs[i], castagnoli) != sum {
			return nil, corrupt(fmt.Sprintf("section %d checksum", i))
		}
	}
	return secs, nil
}

// number is what the in-place views hold.
type number interface {
	uint16 | uint32 | uint64 | int32 | float32
}

// The views below need the section's start aligned for their type, which
// 8-byte aligned sections in page-aligned mappings are.

func view[T number](b []byte) ([]T, error) {
	size := int(unsafe.Sizeof(T(0)))
	if len(b)%size != 0 || len(b) > 0 && uintptr(unsafe.Pointer(&b[0]))%uintptr(size) != 0 {
		return nil, corrupt("misaligned number array")
	}
	if len(b) == 0 {
		return []T{}, nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), len(b)/size), nil
}

// bytesOf is the file form of a number array: its memory, as the file
// is little-endian like every machine segments are used on.
func bytesOf[T number](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(s[0])))
}

// readMeta reads a segment file's header, table and meta section alone.
func readMeta(path string) (Source, facts, error) {
	meta, err := readMetaSection(path, segmentLayout)
	if err != nil {
		return Source{}, facts{}, err
	}
	return decodeMeta(meta)
}

// readMetaSection reads the header, table and first section (the meta
// section, which writers put first) of a file of layout l, checked as
// parseLayout checks them.
func readMetaSection(path string, l layout) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, headerSize+l.sections*entrySize)
	if _, err := f.ReadAt(head, 0); err != nil {
		return nil, corrupt("truncated header")
	}
	le := binary.LittleEndian
	e := head[headerSize:]
	off, n := le.Uint64(e[8:]), le.Uint64(e[16:])
	// The writer puts the meta section first, right after the table.
	if off != uint64(len(head)) || n > 1<<20 {
		return nil, corrupt("meta bounds")
	}
	meta := make([]byte, n)
	if _, err := f.ReadAt(meta, int64(off)); err != nil {
		return nil, corrupt("truncated meta")
	}
	// Everything but the other sections' contents is checked: the header
	// names a meta section that is there and intact.
	if _, err := parseLayout(append(head, meta...), l, 1); err != nil {
		return nil, err
	}
	return meta, nil
}
