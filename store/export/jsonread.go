package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"time"
)

// Bounds on what ReadDocument reads, far above anything papers writes: a
// file that exceeds them is not a backup but an attack or an accident, and
// must fail before it fills memory.
const (
	// MaxEntryBytes bounds one entry's JSON text (a 1 MiB note escaped
	// six times over fits).
	MaxEntryBytes = 16 << 20
	// MaxEntries bounds how many papers one export may hold.
	MaxEntries = 1_000_000
)

// ReadDocument decodes a JSON export and checks that this build reads its
// format and version. The text it holds is as found in the file: untrusted.
func ReadDocument(r io.Reader) (Document, error) { return ReadDocumentChecked(r, nil) }

// ReadDocumentChecked is ReadDocument calling check on each entry as it is
// decoded, so that a caller's limits stop a bad file at its first bad
// entry rather than after all of it is in memory. i counts from 0.
//
// The document is read one entry at a time; each entry may be at most
// MaxEntryBytes of JSON and there may be at most MaxEntries. Anything but
// white space after the document is an error: a file with two documents,
// or one cut and pasted into, is not one export.
func ReadDocumentChecked(r io.Reader, check func(i int, e *Entry) error) (Document, error) {
	var doc Document
	win := &windowReader{r: r, limit: MaxEntryBytes}
	dec := json.NewDecoder(win)
	// decode reads one value, bounded to MaxEntryBytes beyond what the
	// decoder has consumed so far.
	decode := func(v any) error {
		win.limit = win.read + MaxEntryBytes
		return dec.Decode(v)
	}
	tok, err := dec.Token()
	if errors.Is(err, io.EOF) {
		return doc, errors.New("not a papers library export: the file is empty")
	}
	if err != nil {
		return doc, notJSON(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return doc, fmt.Errorf("not a papers library export: the file holds %s, where an export is a JSON object", describeToken(tok))
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return doc, notJSON(err)
		}
		switch key, _ := tok.(string); key {
		case "format":
			err = decode(&doc.Format)
		case "version":
			err = decode(&doc.Version)
		case "hidden_topics":
			err = decode(&doc.HiddenTopics)
		case "saved_searches":
			err = decode(&doc.SavedSearches)
		case "papers":
			// Its errors are worded already: an entry over a limit is
			// still a papers export.
			if err := readEntries(dec, decode, &doc, check); err != nil {
				return doc, err
			}
		default:
			var skip json.RawMessage
			err = decode(&skip)
		}
		if err != nil {
			return doc, fieldError(tok, err)
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return doc, notJSON(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return doc, fmt.Errorf("not a papers library export: there is more after its JSON document (at byte %d); the file may hold two exports, or have been edited", dec.InputOffset())
	}
	if doc.Format != FormatName {
		return doc, fmt.Errorf("not a papers library export (format %q, want %q)", doc.Format, FormatName)
	}
	if doc.Version < 1 || doc.Version > Version {
		return doc, fmt.Errorf("the export was written by a newer papers (export version %d, this build reads up to %d); upgrade papers", doc.Version, Version)
	}
	return doc, nil
}

// readEntries reads the "papers" array.
func readEntries(dec *json.Decoder, decode func(any) error, doc *Document, check func(int, *Entry) error) error {
	tok, err := dec.Token()
	if err != nil {
		return notJSON(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("not a papers library export: the field \"papers\" holds %s, where the papers are a JSON array", describeToken(tok))
	}
	for dec.More() {
		i := len(doc.Papers)
		if i >= MaxEntries {
			return fmt.Errorf("the export holds more than %d papers, more than papers imports at once", MaxEntries)
		}
		var e Entry
		if err := decode(&e); err != nil {
			return fmt.Errorf("entry %d: %w", i+1, entryError(err))
		}
		if check != nil {
			if err := check(i, &e); err != nil {
				return fmt.Errorf("entry %d: %w", i+1, err)
			}
		}
		doc.Papers = append(doc.Papers, e)
	}
	if _, err := dec.Token(); err != nil { // the closing bracket
		return notJSON(err)
	}
	return nil
}

// errEntryTooBig is what windowReader returns past its limit.
var errEntryTooBig = fmt.Errorf("is over %d MiB of JSON, far more than papers writes for one paper", MaxEntryBytes>>20)

// windowReader fails once more than limit bytes have been read in all: the
// decoder reads a whole value into memory before parsing it, so this is
// what bounds the memory one value can take.
type windowReader struct {
	r           io.Reader
	read, limit int64
}

func (w *windowReader) Read(p []byte) (int, error) {
	if w.read >= w.limit {
		return 0, errEntryTooBig
	}
	if int64(len(p)) > w.limit-w.read {
		p = p[:w.limit-w.read]
	}
	n, err := w.r.Read(p)
	w.read += int64(n)
	return n, err
}

// notJSON words an error met while reading the document's structure.
func notJSON(err error) error {
	var syn *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("not a papers library export: the file ends in the middle of its JSON document (cut short?)")
	case errors.As(err, &syn):
		return fmt.Errorf("not a papers library export: not valid JSON at byte %d (%v)", syn.Offset, err)
	}
	return fmt.Errorf("reading the export: %w", err)
}

// fieldError words an error met reading the top-level field key.
func fieldError(key json.Token, err error) error {
	if errors.Is(err, errEntryTooBig) {
		return fmt.Errorf("not a papers library export: the field %q %w", key, err)
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return notJSON(err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("not a papers library export: the field %q holds %s, where %s belongs", key, article(te.Value), describeType(te.Type))
	}
	return fmt.Errorf("not a papers library export: the field %q %w", key, err)
}

// entryError words an error decoding one entry.
func entryError(err error) error {
	var te *json.UnmarshalTypeError
	var syn *json.SyntaxError
	switch {
	case errors.Is(err, errEntryTooBig):
		return fmt.Errorf("the entry %w", err)
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
		return notJSON(err)
	case errors.As(err, &te):
		where := "the entry"
		if te.Field != "" {
			where = fmt.Sprintf("its %q", te.Field)
		}
		return fmt.Errorf("%s holds %s, where %s belongs", where, article(te.Value), describeType(te.Type))
	}
	return err
}

// describeToken names the kind of JSON value tok starts.
func describeToken(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '[' {
			return "a JSON array"
		}
		return "a JSON object"
	case string:
		return "a JSON string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "true or false"
	}
	return "null"
}

// article names a JSON value kind as UnmarshalTypeError.Value spells it.
func article(kind string) string {
	switch kind {
	case "array", "object":
		return "an " + kind
	case "number", "string":
		return "a " + kind
	case "bool":
		return "true or false"
	}
	return kind
}

var timeType = reflect.TypeOf(time.Time{})

// describeType names the kind of value a Go type wants, in JSON's words.
func describeType(t reflect.Type) string {
	if t == timeType {
		return "a time"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "a " + t.String()
}
