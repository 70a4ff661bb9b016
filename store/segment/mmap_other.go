//go:build !unix

package segment

import (
	"io"
	"os"
)

// mapFile reads the file where there is no mmap: correct, only slower.
func mapFile(f *os.File, size int64) ([]byte, error) {
	b := make([]byte, size)
	_, err := io.ReadFull(f, b)
	return b, err
}

func unmap([]byte) {}
