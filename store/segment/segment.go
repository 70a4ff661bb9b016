package segment

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/papertui/papers/model"
)

// Segment is an open segment file: a corpus file's papers and their word
// index, in mapped memory.
type Segment struct {
	// Source is the corpus file version the segment was built from.
	Source Source
	// Index reads the papers on demand; its Err reports damage found in
	// the file since it was opened.
	Index *model.Index
	// Size is the segment file's size in bytes.
	Size int64

	stored *stored // nil for a segment just built, whose index is in memory
}

// Papers returns the segment's papers, in corpus order (do not modify):
// all of them decoded, a pass over the whole file.
func (s *Segment) Papers() []model.Paper { return s.Index.Papers() }

// Decodes is how many paper records have been decoded whole since the
// segment was opened: what opening and browsing cost beyond the pages of
// the rows shown.
func (s *Segment) Decodes() int64 {
	if s.stored == nil {
		return 0
	}
	return s.stored.decodes.Load()
}

// Verify checks the whole file, as Open does not: every block's checksum,
// every record, every postings list. It returns ErrCorrupt if any is
// damaged.
func (s *Segment) Verify() error {
	if s.stored == nil {
		return nil
	}
	if err := s.stored.verify(); err != nil {
		return err
	}
	if err := s.Index.CheckAll(); err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return nil
}

// Write writes the segment of ix, built from src, to path: to a temporary
// file beside it, synced, then renamed over path, so a reader sees either
// the old file or the whole new one, and two writers racing leave one of
// their two whole files.
func Write(path string, src Source, ix *model.Index) error {
	return writeAtomic(path, func(f *os.File) error { return writeTo(f, src, ix) })
}

// writeAtomic writes a store file at path with fill: to a temporary file
// beside it, synced, then renamed over path.
func writeAtomic(path string, fill func(f *os.File) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = fill(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return err
	}
	// The rename is durable once the directory is synced; a crash before
	// only loses a cache file.
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// sectionWriter writes the sections one after another, each checksummed
// and padded to 8 bytes, after room left for the header and table.
type sectionWriter struct {
	w   *bufio.Writer
	off uint64
	crc uint32
	// kind is the section being written; lazy says which sections are
	// checked block by block (nil: none).
	kind  int
	lazy  func(kind int) bool
	table []struct {
		sum    uint32
		off, n uint64
	}
	// sums holds each lazy section's block checksums; block is the
	// checksum of the current block so far.
	sums  [][]uint32
	block uint32
	err   error
}

// newSectionWriter starts a file of layout l on f.
func newSectionWriter(f *os.File, l layout) (*sectionWriter, error) {
	tableEnd := int64(headerSize + l.sections*entrySize)
	if _, err := f.Seek(tableEnd, io.SeekStart); err != nil {
		return nil, err
	}
	sw := &sectionWriter{w: bufio.NewWriterSize(f, 1<<20), off: uint64(tableEnd), lazy: l.lazy}
	sw.table = make([]struct {
		sum    uint32
		off, n uint64
	}, l.sections)
	sw.sums = make([][]uint32, l.sections)
	return sw, nil
}

// finish flushes the sections and writes the header and table of layout
// l in front of them.
func (sw *sectionWriter) finish(f *os.File, l layout) error {
	if sw.err != nil {
		return sw.err
	}
	if err := sw.w.Flush(); err != nil {
		return err
	}
	le := binary.LittleEndian
	head := make([]byte, headerSize+l.sections*entrySize)
	table := head[headerSize:]
	for i, e := range sw.table {
		le.PutUint32(table[i*entrySize:], uint32(i))
		le.PutUint32(table[i*entrySize+4:], e.sum)
		le.PutUint64(table[i*entrySize+8:], e.off)
		le.PutUint64(table[i*entrySize+16:], e.n)
	}
	copy(head, l.magic)
	le.PutUint32(head[8:], l.version)
	le.PutUint32(head[12:], uint32(l.sections))
	le.PutUint32(head[16:], crc32.Checksum(table, castagnoli))
	le.PutUint32(head[20:], crc32.Checksum(head[:20], castagnoli))
	_, err := f.WriteAt(head, 0)
	return err
}

func (sw *sectionWriter) isLazy(kind int) bool { return sw.lazy != nil && sw.lazy(kind) }

func (sw *sectionWriter) begin(kind int) {
	sw.table[kind].off = sw.off
	sw.crc, sw.kind, sw.block = 0, kind, 0
}

func (sw *sectionWriter) write(b []byte) {
	if sw.err != nil {
		return
	}
	_, sw.err = sw.w.Write(b)
	sw.crc = crc32.Update(sw.crc, castagnoli, b)
	if sw.isLazy(sw.kind) {
		for len(b) > 0 {
			at := int((sw.off - sw.table[sw.kind].off) % blockSize)
			n := min(len(b), blockSize-at)
			sw.block = crc32.Update(sw.block, castagnoli, b[:n])
			sw.off += uint64(n)
			b = b[n:]
			if at+n == blockSize {
				sw.sums[sw.kind] = append(sw.sums[sw.kind], sw.block)
				sw.block = 0
			}
		}
		return
	}
	sw.off += uint64(len(b))
}

func (sw *sectionWriter) end(kind int) {
	e := &sw.table[kind]
	e.sum, e.n = sw.crc, sw.off-e.off
	if sw.isLazy(kind) && e.n%blockSize != 0 {
		sw.sums[kind] = append(sw.sums[kind], sw.block)
	}
	var pad [8]byte
	if r := sw.off % 8; r != 0 && sw.err == nil {
		_, sw.err = sw.w.Write(pad[:8-r])
		sw.off += 8 - r
	}
}

func (sw *sectionWriter) section(kind int, b []byte) {
	sw.begin(kind)
	sw.write(b)
	sw.end(kind)
}

func writeTo(f *os.File, src Source, ix *model.Index) error {
	sw, err := newSectionWriter(f, segmentLayout)
	if err != nil {
		return err
	}
	papers := ix.Papers()
	a := ix.Arrays()
	sw.section(secMeta, appendMeta(nil, src, facts{papers: len(papers), upvotes: a.Upvotes}))

	// Records are encoded one at a time into a reused buffer: the text
	// of a large corpus is never held twice.
	offs := make([]uint64, 0, len(papers)+1)
	sw.begin(secPaperData)
	start := sw.off
	var rec []byte
	for i := range papers {
		offs = append(offs, sw.off-start)
		rec = appendPaper(rec[:0], &papers[i])
		sw.write(rec)
	}
	offs = append(offs, sw.off-start)
	sw.end(secPaperData)
	sw.section(secPaperOff, bytesOf(offs))

	sw.section(secVocab, a.Vocab)
	sw.section(secVocabEnd, bytesOf(a.VocabEnd))
	sw.section(secTitleInitials, bytesOf(a.TitleInitials))
	sw.section(secTitleLetters, bytesOf(a.TitleLetters))
	sw.section(secHasCode, bytesOf(a.HasCode))
	sw.section(secYears, bytesOf(a.Years))
	for f, w := range a.FieldWeight {
		sw.section(secWeights+f, bytesOf(w))
	}
	sw.section(secTitleWords, a.TitleWords)
	sw.section(secTitleWordIDs, bytesOf(a.TitleWordIDs))
	sw.section(secTitleWordAt, bytesOf(a.TitleWordAt))
	for fi := range model.IndexFields {
		sw.section(secPostOff+fi, bytesOf(a.PostOff[fi]))
		sw.section(secPostIDs+fi, bytesOf(a.PostIDs[fi]))
		sw.section(secByLetter+fi, bytesOf(a.ByLetter[fi]))
	}
	sw.section(secDays, bytesOf(a.Days))
	sw.section(secKeyHash, bytesOf(a.KeyHash))
	sw.section(secKeyPaper, bytesOf(a.KeyPaper))
	for fi := range model.IndexFields {
		sw.section(secDenseWords+fi, bytesOf(a.DenseWords[fi]))
		sw.section(secDense+fi, bytesOf(a.Dense[fi]))
	}
	var sums []uint32
	for kind := range numSections {
		sums = append(sums, sw.sums[kind]...)
	}
	sw.section(secBlockSums, bytesOf(sums))
	return sw.finish(f, segmentLayout)
}

// Open maps the segment file at path and checks it whole (ErrCorrupt
// when it is not intact). name is what the corpus file is called now:
// the papers' Sources say so, whatever name the segment was built under.
// It does not check freshness: compare Source with Identify's.
func Open(path, name string) (*Segment, error) {
	data, err := mapPath(path)
	if err != nil {
		return nil, err
	}
	seg, err := decode(data, name)
	if err != nil {
		unmap(data)
		return nil, err
	}
	seg.Size = int64(len(data))
	return seg, nil
}

// mapPath maps the store file at path, read-only.
func mapPath(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() || info.Size() < headerSize || int64(int(info.Size())) != info.Size() {
		return nil, corrupt("not a store file")
	}
	return mapFile(f, info.Size())
}

// decode turns a segment file's bytes into a Segment whose strings and
// arrays are views of data. It reads the header, the table and the
// vocabulary-sized sections; the rest is checked as it is read.
func decode(data []byte, name string) (*Segment, error) {
	secs, err := parse(data, numSections)
	if err != nil {
		return nil, err
	}
	src, facts, err := decodeMeta(secs[secMeta])
	if err != nil {
		return nil, err
	}
	n := facts.papers
	st := &stored{n: n, data: secs[secPaperData], storedName: src.Name, name: name, papers: make([]atomic.Pointer[model.Paper], n)}
	sums, err := view[uint32](secs[secBlockSums])
	if err != nil {
		return nil, err
	}
	for kind := range numSections {
		if !lazy(kind) {
			continue
		}
		k := numBlocks(len(secs[kind]))
		if k > len(sums) {
			return nil, corrupt("block checksums")
		}
		st.blocks[kind] = newBlocks(secs[kind], sums[:k:k])
		sums = sums[k:]
	}
	if len(sums) != 0 {
		return nil, corrupt("block checksums")
	}
	if st.offs, err = view[uint64](secs[secPaperOff]); err != nil {
		return nil, err
	}
	// The first and last offsets bound the records; the others are
	// checked with the record they start.
	if len(st.offs) != n+1 || !st.blocks[secPaperOff].check(0, 8) || !st.blocks[secPaperOff].check(8*n, 8*n+8) ||
		st.offs[0] != 0 || st.offs[n] != uint64(len(st.data)) {
		return nil, corrupt("paper offsets")
	}
	a := model.IndexArrays{Vocab: secs[secVocab], TitleWords: secs[secTitleWords], Upvotes: facts.upvotes}
	errs := make([]error, 0, 24)
	view32 := func(dst *[]uint32, sec int) {
		var err error
		*dst, err = view[uint32](secs[sec])
		errs = append(errs, err)
	}
	view64 := func(dst *[]uint64, sec int) {
		var err error
		*dst, err = view[uint64](secs[sec])
		errs = append(errs, err)
	}
	view16 := func(dst *[]uint16, sec int) {
		var err error
		*dst, err = view[uint16](secs[sec])
		errs = append(errs, err)
	}
	view32(&a.VocabEnd, secVocabEnd)
	view64(&a.TitleInitials, secTitleInitials)
	view64(&a.TitleLetters, secTitleLetters)
	view64(&a.HasCode, secHasCode)
	view32(&a.TitleWordIDs, secTitleWordIDs)
	view32(&a.TitleWordAt, secTitleWordAt)
	for fi := range model.IndexFields {
		view32(&a.PostOff[fi], secPostOff+fi)
		view32(&a.PostIDs[fi], secPostIDs+fi)
		view64(&a.ByLetter[fi], secByLetter+fi)
		view32(&a.DenseWords[fi], secDenseWords+fi)
		view64(&a.Dense[fi], secDense+fi)
	}
	view16(&a.Years, secYears)
	for f := range a.FieldWeight {
		view16(&a.FieldWeight[f], secWeights+f)
	}
	a.Days, err = view[int32](secs[secDays])
	errs = append(errs, err)
	view64(&a.KeyHash, secKeyHash)
	view32(&a.KeyPaper, secKeyPaper)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	ix, err := model.IndexFromArrays(st, a)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return &Segment{Source: src, Index: ix, stored: st}, nil
}
