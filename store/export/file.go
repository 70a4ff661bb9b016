package export

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/papertui/papers/model"
)

// WriteFile writes path through a temporary file renamed into place,
// so a crash never leaves half an export where a good one was. Only a
// regular file is replaced so: a device or a pipe (-o /dev/stdout, a FIFO)
// is written as it is — renaming over it would put a plain file where
// /dev/null was — and a symbolic link keeps pointing where it did.
func WriteFile(path string, write func(io.Writer) error) error {
	path = followLinks(path)
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		if info.IsDir() {
			return fmt.Errorf("%s is a directory", model.Quote(path))
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return err
		}
		if err := write(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".papers-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// followLinks returns where path's chain of symbolic links ends, even when
// that file does not exist yet.
func followLinks(path string) string {
	for range 40 { // as many as the kernel follows
		target, err := os.Readlink(path)
		if err != nil {
			return path
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return path
}
