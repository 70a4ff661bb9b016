package segment

import (
	"fmt"
	"hash/crc32"
	"sync/atomic"

	"github.com/papertui/papers/model"
)

// blocks checks one lazy section a block at a time, each the first time a
// read reaches it. Readers on several goroutines may check the same block
// at once; both find the same answer.
type blocks struct {
	data []byte
	sums []uint32
	done []atomic.Uint64 // bit b: block b matched its checksum
}

func newBlocks(data []byte, sums []uint32) *blocks {
	return &blocks{data: data, sums: sums, done: make([]atomic.Uint64, (len(sums)+63)/64)}
}

// check reports whether bytes [lo, hi) are within the section and intact.
func (b *blocks) check(lo, hi int) bool {
	if lo < 0 || hi > len(b.data) || lo > hi {
		return false
	}
	if lo == hi {
		return true
	}
	for k := lo / blockSize; k <= (hi-1)/blockSize; k++ {
		word, bit := k/64, uint64(1)<<(k%64)
		if b.done[word].Load()&bit != 0 {
			continue
		}
		end := min((k+1)*blockSize, len(b.data))
		if crc32.Checksum(b.data[k*blockSize:end], castagnoli) != b.sums[k] {
			return false
		}
		b.done[word].Or(bit)
	}
	return true
}

// stored is a segment's papers and lazy sections behind its index (the
// model.Backing): a paper is decoded the first time it is asked for, its
// strings views of the mapping, and kept for the next reader.
type stored struct {
	n      int
	data   []byte   // the records
	offs   []uint64 // n+1 record offsets into data
	blocks [numSections]*blocks
	papers []atomic.Pointer[model.Paper]
	// storedName is the corpus file's name when the segment was built and
	// name what it is called now: the papers' Sources say name.
	storedName, name string
	err              atomic.Pointer[error]
	// decodes counts the records decoded whole (Segment.Decodes).
	decodes atomic.Int64
}

func (s *stored) Len() int { return s.n }

func (s *stored) fail(err error) { s.err.CompareAndSwap(nil, &err) }

// Err is the first damage found since the segment was opened.
func (s *stored) Err() error {
	if e := s.err.Load(); e != nil {
		return *e
	}
	return nil
}

// Check reports whether elements [lo, hi) of array a are intact.
func (s *stored) Check(a model.Array, lo, hi int) bool {
	sec := arraySection[a]
	if s.blocks[sec.kind].check(lo*sec.size, hi*sec.size) {
		return true
	}
	s.fail(fmt.Errorf("%w: section %d, elements %d to %d", ErrCorrupt, sec.kind, lo, hi))
	return false
}

// record returns paper i's record, checked.
func (s *stored) record(i int) ([]byte, bool) {
	if !s.blocks[secPaperOff].check(8*i, 8*(i+2)) {
		s.fail(fmt.Errorf("%w: offset of paper %d", ErrCorrupt, i))
		return nil, false
	}
	lo, hi := s.offs[i], s.offs[i+1]
	if lo > hi || hi > uint64(len(s.data)) || !s.blocks[secPaperData].check(int(lo), int(hi)) {
		s.fail(fmt.Errorf("%w: record of paper %d", ErrCorrupt, i))
		return nil, false
	}
	return s.data[lo:hi], true
}

// decode decodes paper i into p; false (and the damage recorded) when its
// record is damaged, p then a placeholder.
func (s *stored) decode(i int, p *model.Paper) bool {
	*p = model.Paper{}
	s.decodes.Add(1)
	rec, ok := s.record(i)
	if ok {
		if err := decodePaper(rec, p, nil, s.storedName, s.name); err != nil {
			s.fail(fmt.Errorf("%w: paper %d: %v", ErrCorrupt, i, err))
			ok = false
		}
	}
	if !ok {
		// A damaged record is no paper: what shows of it must not be
		// half of one.
		*p = model.Paper{ID: "?", TitleID: "?", Title: "?"}
	}
	return ok
}

// Paper is paper i, decoded once.
func (s *stored) Paper(i int) *model.Paper {
	if p := s.papers[i].Load(); p != nil {
		return p
	}
	p := new(model.Paper)
	s.decode(i, p)
	if s.papers[i].CompareAndSwap(nil, p) {
		return p
	}
	return s.papers[i].Load()
}

// Peek is the kept paper i, or paper i decoded into scratch.
func (s *stored) Peek(i int, scratch *model.Paper) *model.Paper {
	if p := s.papers[i].Load(); p != nil {
		return p
	}
	s.decode(i, scratch)
	return scratch
}

// Title reads paper i's title alone, the fourth field of its record.
func (s *stored) Title(i int) string {
	if p := s.papers[i].Load(); p != nil {
		return p.Title
	}
	_, _, title, ok := s.head(i)
	if !ok {
		return "?"
	}
	return title
}

// Keys reads paper i's ID and TitleID alone; "" for a damaged record.
func (s *stored) Keys(i int) (id, titleID string) {
	if p := s.papers[i].Load(); p != nil {
		return p.ID, p.TitleID
	}
	id, titleID, _, ok := s.head(i)
	if !ok {
		return "", ""
	}
	return id, titleID
}

// head reads the first fields of paper i's record without decoding the
// rest: what a pass over every paper needs of each.
func (s *stored) head(i int) (id, titleID, title string, ok bool) {
	rec, ok := s.record(i)
	if !ok {
		return "", "", "", false
	}
	r := reader{b: rec}
	id, titleID = r.string(), r.string()
	r.string()
	title = r.string()
	if r.err != nil {
		s.fail(fmt.Errorf("%w: paper %d: %v", ErrCorrupt, i, r.err))
		return "", "", "", false
	}
	return id, titleID, title, true
}

// verify checks every lazy block and decodes every record: the whole
// file, as Open does not.
func (s *stored) verify() error {
	for kind, b := range s.blocks {
		if b != nil && !b.check(0, len(b.data)) {
			return corrupt(fmt.Sprintf("section %d checksum", kind))
		}
	}
	var p model.Paper
	for i := range s.n {
		if !s.decode(i, &p) {
			return s.Err()
		}
	}
	return nil
}
