package segment

import (
	"encoding/binary"
	"errors"
	"time"
	"unsafe"

	"github.com/papertui/papers/model"
)

// A paper is stored as a record of length-prefixed fields (uvarint
// lengths, varint numbers), found through a fixed-width table of record
// offsets, so paper i is reached without reading the ones before it.
// Strings decoded from a record point into the segment's mapped bytes.

var errRecord = errors.New("malformed paper record")

const (
	flagPublished = 1 << iota
	flagUpdated
	flagAnnounced
)

// appendPaper appends p's record to b.
func appendPaper(b []byte, p *model.Paper) []byte {
	for _, s := range [...]string{p.ID, p.TitleID, p.ArxivID, p.Title, p.Abstract, p.DOI} {
		b = appendString(b, s)
	}
	b = appendStrings(b, p.Authors)
	b = appendStrings(b, p.Categories)
	var flags byte
	if !p.Published.IsZero() {
		flags |= flagPublished
	}
	if !p.Updated.IsZero() {
		flags |= flagUpdated
	}
	if !p.Announced.IsZero() {
		flags |= flagAnnounced
	}
	b = append(b, flags)
	if flags&flagPublished != 0 {
		b = binary.AppendVarint(b, p.Published.Unix())
		b = binary.AppendUvarint(b, uint64(p.Published.Nanosecond()))
	}
	if flags&flagUpdated != 0 {
		b = binary.AppendVarint(b, p.Updated.Unix())
		b = binary.AppendUvarint(b, uint64(p.Updated.Nanosecond()))
	}
	if flags&flagAnnounced != 0 {
		b = binary.AppendVarint(b, p.Announced.Unix())
		b = binary.AppendUvarint(b, uint64(p.Announced.Nanosecond()))
	}
	for _, s := range [...]string{p.AnnounceType, p.Comments, p.JournalRef, p.BibKey} {
		b = appendString(b, s)
	}
	b = binary.AppendVarint(b, int64(p.Upvotes))
	b = binary.AppendUvarint(b, uint64(len(p.Links)))
	for _, l := range p.Links {
		b = appendString(b, string(l.Kind))
		b = appendString(b, l.URL)
	}
	return appendStrings(b, p.Sources)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendStrings(b []byte, list []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(list)))
	for _, s := range list {
		b = appendString(b, s)
	}
	return b
}

// reader decodes one record. Its first error sticks; every later read
// returns zero values, so decode checks once at the end.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) fail() { r.err, r.b = errRecord, nil }

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// string returns the next string as a view of the record's bytes.
func (r *reader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&r.b[0], int(n))
	r.b = r.b[n:]
	return s
}

// count reads a list length, bounded by the bytes left (every element
// takes at least one), so a corrupt count cannot ask for a huge slice.
func (r *reader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(n)
}

// arena hands out string and link slices carved from shared blocks, so
// that decoding a million papers makes a few hundred allocations rather
// than millions.
type arena struct {
	strs  []string
	links []model.Link
}

// A nil arena allocates each slice on its own (one paper's decode).

func (a *arena) strings(n int) []string {
	if n == 0 {
		return nil
	}
	if a == nil {
		return make([]string, n)
	}
	if len(a.strs)+n > cap(a.strs) {
		a.strs = make([]string, 0, max(n, 4096))
	}
	a.strs = a.strs[:len(a.strs)+n]
	return a.strs[len(a.strs)-n : len(a.strs) : len(a.strs)]
}

func (a *arena) linkSlice(n int) []model.Link {
	if n == 0 {
		return nil
	}
	if a == nil {
		return make([]model.Link, n)
	}
	if len(a.links)+n > cap(a.links) {
		a.links = make([]model.Link, 0, max(n, 1024))
	}
	a.links = a.links[:len(a.links)+n]
	return a.links[len(a.links)-n : len(a.links) : len(a.links)]
}

func (r *reader) stringList(a *arena) []string {
	list := a.strings(r.count())
	for i := range list {
		list[i] = r.string()
	}
	return list
}

func (r *reader) time() time.Time {
	sec := r.varint()
	nsec := r.uvarint()
	if nsec >= 1e9 {
		r.fail()
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}

// decodePaper decodes one record into p; source and name rewrite the
// stored source name to the one the corpus is named by now.
func decodePaper(rec []byte, p *model.Paper, a *arena, stored, name string) error {
	r := reader{b: rec}
	p.ID, p.TitleID, p.ArxivID = r.string(), r.string(), r.string()
	p.Title, p.Abstract, p.DOI = r.string(), r.string(), r.string()
	p.Authors = r.stringList(a)
	p.Categories = r.stringList(a)
	flags := r.byte()
	if flags&flagPublished != 0 {
		p.Published = r.time()
	}
	if flags&flagUpdated != 0 {
		p.Updated = r.time()
	}
	if flags&flagAnnounced != 0 {
		p.Announced = r.time()
	}
	p.AnnounceType, p.Comments, p.JournalRef, p.BibKey = r.string(), r.string(), r.string(), r.string()
	p.Upvotes = int(r.varint())
	p.Links = a.linkSlice(r.count())
	for i := range p.Links {
		p.Links[i] = model.Link{Kind: model.LinkKind(r.string()), URL: r.string()}
	}
	p.Sources = r.stringList(a)
	for i, s := range p.Sources {
		if s == stored {
			p.Sources[i] = name
		}
	}
	if r.err != nil || len(r.b) != 0 || flags > flagPublished|flagUpdated|flagAnnounced || p.ID == "" || p.Title == "" {
		return errRecord
	}
	return nil
}
