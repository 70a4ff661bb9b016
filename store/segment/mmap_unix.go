//go:build unix

package segment

import (
	"os"
	"syscall"
)

// mapFile maps f's size bytes. The mapping is private and writable so
// that a stray write from a bug costs a copied page, not a crash, and
// never reaches the file; it is never unmapped, as strings and slices of
// it live as long as the index they belong to.
func mapFile(f *os.File, size int64) ([]byte, error) {
	if size == 0 {
		return nil, nil
	}
	return syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE)
}

func unmap(b []byte) {
	if b != nil {
		_ = syscall.Munmap(b)
	}
}
