// Package export writes papers and their marks as BibTeX, Markdown, CSL-JSON
// and the JSON backup that the library imports.
package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/papertui/papers/model"
)

// Format names a format Write writes.
type Format string

// The export formats.
const (
	// BibTeX is a .bib file of @misc entries that bibtex and biber
	// read; non-ASCII text is kept as UTF-8.
	BibTeX Format = "bibtex"
	// Markdown is a reading list: each title linked to the paper's
	// main link, with authors, tags and the note.
	Markdown Format = "markdown"
	// JSON is the library's own format: papers with their marks,
	// which Library.Import reads back exactly. See Document.
	JSON Format = "json"
	// CSLJSON is CSL-JSON, for Zotero, pandoc and citeproc.
	CSLJSON Format = "csl-json"
)

// exportFormats lists the formats in the order error messages show them.
var exportFormats = []Format{BibTeX, Markdown, JSON, CSLJSON}

// ParseFormat reads a format name, case-insensitively, also accepting
// the usual file extensions (bib, md, csl).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "bibtex", "bib":
		return BibTeX, nil
	case "markdown", "md":
		return Markdown, nil
	case "json":
		return JSON, nil
	case "csl-json", "csl", "csljson", "csl_json":
		return CSLJSON, nil
	}
	names := make([]string, len(exportFormats))
	for i, f := range exportFormats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown export format %q (want one of %s)", s, strings.Join(names, ", "))
}

// Write writes papers in format, with what marks holds for each.
func Write(w io.Writer, format Format, papers []model.Paper, marks model.Marks) error {
	bw := bufio.NewWriter(w)
	var err error
	switch format {
	case BibTeX:
		err = writeBibTeX(bw, papers, marks)
	case Markdown:
		err = writeMarkdown(bw, papers, marks)
	case JSON:
		err = writeJSONExport(bw, papers, marks)
	case CSLJSON:
		err = writeCSLJSON(bw, papers, marks)
	default:
		_, err = ParseFormat(string(format))
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// Formats returns the formats Write writes, in the order help and error
// messages show them.
func Formats() []Format { return append([]Format(nil), exportFormats...) }
