package lex

import "encoding/binary"

// Keys are hashed polynomially, h(s) = Σ s[i]·P^(len-1-i) mod 2^64, so the
// hash of a concatenation follows from the parts' hashes in O(1):
// h(ab) = h(a)·P^len(b) + h(b). A phrase of several compounds thus costs
// no rehashing, and "fine tuning" meets "finetuning".
const hashP uint64 = 0x9e3779b97f4a7c15 // odd, with well-spread bits

// Hash returns the hash of b.
func Hash(b []byte) (h uint64) {
	for _, c := range b {
		h = h*hashP + uint64(c)
	}
	return h
}

// powers holds P^n for short keys.
var powers = func() (t [64]uint64) {
	t[0] = 1
	for i := 1; i < len(t); i++ {
		t[i] = t[i-1] * hashP
	}
	return t
}()

// HashConcat is the hash of a+b given a's hash and b's hash and length.
func HashConcat(ha, hb uint64, lenb int32) uint64 {
	if lenb < int32(len(powers)) {
		return ha*powers[lenb] + hb
	}
	pw := powers[len(powers)-1]
	for n := lenb - int32(len(powers)-1); n > 0; n-- {
		pw *= hashP
	}
	return ha*pw + hb
}

// FastHashString is FastHash of word with its first letter
// lower-cased if capital, without copying it.
func FastHashString(word string, capital bool) uint64 {
	h := uint64(len(word)) * 0x9e3779b97f4a7c15
	first := true
	for len(word) >= 8 {
		x := uint64(word[0]) | uint64(word[1])<<8 | uint64(word[2])<<16 | uint64(word[3])<<24 |
			uint64(word[4])<<32 | uint64(word[5])<<40 | uint64(word[6])<<48 | uint64(word[7])<<56
		if first && capital {
			x |= 0x20
		}
		first = false
		h = (h ^ x) * 0xbf58476d1ce4e5b9
		h ^= h >> 31
		word = word[8:]
	}
	if len(word) > 0 {
		var t uint64
		for i := 0; i < len(word); i++ {
			t |= uint64(word[i]) << (8 * i)
		}
		if first && capital {
			t |= 0x20
		}
		h = (h ^ t) * 0x94d049bb133111eb
		h ^= h >> 31
	}
	return h
}

// FastHash hashes a word eight bytes at a time, for the word cache.
func FastHash(b []byte) uint64 {
	h := uint64(len(b)) * 0x9e3779b97f4a7c15
	for len(b) >= 8 {
		h = (h ^ binary.LittleEndian.Uint64(b)) * 0xbf58476d1ce4e5b9
		h ^= h >> 31
		b = b[8:]
	}
	if len(b) > 0 {
		var t uint64
		for i, c := range b {
			t |= uint64(c) << (8 * i)
		}
		h = (h ^ t) * 0x94d049bb133111eb
		h ^= h >> 31
	}
	return h
}

// Mix scrambles a hash bijectively (the splitmix64 finaliser). A
// polynomial hash keeps the last character in its low bits, which Table
// ignores and topics overwrite with flags: without Mix, "gan" and "gap"
// would share a key.
func Mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// Table maps 64-bit hashes to int32, by open addressing: topics and related
// papers look a key up for every phrase or word of every paper, and a specialised table
// is several times faster than a Go map at that. The lowest bit of a key is
// ignored (it marks occupied slots), so keys must not differ only there.
type Table struct {
	keys  []uint64 // key|1; 0 marks an empty slot
	vals  []int32
	shift uint
	n     int
}

// NewTable returns a table sized for n keys; it grows as needed.
func NewTable(n int) *Table {
	bits := uint(4)
	for 1<<bits < 2*n {
		bits++
	}
	return &Table{keys: make([]uint64, 1<<bits), vals: make([]int32, 1<<bits), shift: 64 - bits}
}

func (t *Table) slot(key uint64) uint64 { return ((key | 1) * 0xbf58476d1ce4e5b9) >> t.shift }

// Get returns the value stored for key.
func (t *Table) Get(key uint64) (int32, bool) {
	mask := uint64(len(t.keys) - 1)
	for i := t.slot(key); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key | 1:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// Put stores v for key.
func (t *Table) Put(key uint64, v int32) {
	if 2*(t.n+1) > len(t.keys) {
		old := *t
		*t = *NewTable(len(old.keys))
		for i, k := range old.keys {
			if k != 0 {
				t.Put(k&^1, old.vals[i])
			}
		}
	}
	mask := uint64(len(t.keys) - 1)
	for i := t.slot(key); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key | 1:
			t.vals[i] = v
			return
		case 0:
			t.keys[i], t.vals[i] = key|1, v
			t.n++
			return
		}
	}
}

// Each calls fn for every entry, in table order.
func (t *Table) Each(fn func(key uint64, v int32)) {
	for i, k := range t.keys {
		if k != 0 {
			fn(k&^1, t.vals[i])
		}
	}
}
