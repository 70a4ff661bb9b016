package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/store/export"
)

// tuiExporter is the browser's export key: store/export's formats and its
// atomic file write, as papers export uses them.
type tuiExporter struct{}

func (tuiExporter) Formats() []string {
	var names []string
	for _, f := range export.Formats() {
		names = append(names, string(f))
	}
	return names
}

func (tuiExporter) Text(format string, papers []model.Paper, marks model.Marks) (string, error) {
	f, err := export.ParseFormat(format)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	err = export.Write(&b, f, papers, marks)
	return b.String(), err
}

func (tuiExporter) WriteFile(path, format string, papers []model.Paper, marks model.Marks) error {
	f, err := export.ParseFormat(format)
	if err != nil {
		return err
	}
	return export.WriteFile(expandHome(path), func(w io.Writer) error { return export.Write(w, f, papers, marks) })
}

// expandHome reads a leading ~/ as the home directory, as a shell would:
// the path is typed in the browser, where no shell expands it.
func expandHome(path string) string {
	rest, ok := strings.CutPrefix(path, "~/")
	if !ok {
		return path
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return path
	}
	return filepath.Join(home, rest)
}
