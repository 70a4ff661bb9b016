package export

import (
	"encoding/json"
	"io"
	"time"

	"github.com/papertui/papers/model"
)

// FormatName and Version identify the JSON export. Version
// changes only when a reader of the old version would misread the new one;
// ReadDocument refuses versions it does not know.
const (
	FormatName = "papers-library"
	Version    = 1
)

// Document is the JSON export:
//
//	{
//	  "format": "papers-library",
//	  "version": 1,
//	  "papers": [
//	    {
//	      "paper": { Record: "id", "title_id", "arxiv_id", "title",
//	                 "abstract", "authors", "categories", "published",
//	                 "updated", "doi", "upvotes", "links", "sources" },
//	      "bookmarked_at": "2024-05-16T10:00:00.123456789Z",  // when bookmarked
//	      "tags": ["lora", "to-read"],                         // normalised, sorted
//	      "note": "text",
//	      "read": true
//	    }
//	  ],
//	  "hidden_topics": ["robotics"],                           // Library.WriteBackup only
//	  "saved_searches": [{"name": "peft", "query": "lora OR dora"}]
//	}
//
// Absent or empty fields mean "none". Marks are merged over the paper's keys
// (model.Marks.For); load numbers are local to a library and not exported.
type Document struct {
	Format  string  `json:"format"`
	Version int     `json:"version"`
	Papers  []Entry `json:"papers"`
	// HiddenTopics are the topic tags the user hid (Library.WriteBackup only).
	HiddenTopics []string `json:"hidden_topics,omitempty"`
	// SavedSearches are the named queries (Library.WriteBackup only). A
	// new field, not a new version: older builds skip it and older
	// backups simply have none.
	SavedSearches []model.SavedSearch `json:"saved_searches,omitempty"`
}

// Entry is one paper of a Document with the user's marks on it.
type Entry struct {
	Paper        Record    `json:"paper"`
	BookmarkedAt time.Time `json:"bookmarked_at,omitzero"`
	Tags         []string  `json:"tags,omitempty"`
	Note         string    `json:"note,omitempty"`
	Read         bool      `json:"read,omitempty"`
}

func writeJSONExport(w io.Writer, papers []model.Paper, marks model.Marks) error {
	return WriteDocument(w, NewDocument(papers, marks))
}

// NewDocument is the export of papers with what marks holds for each.
func NewDocument(papers []model.Paper, marks model.Marks) Document {
	doc := Document{Format: FormatName, Version: Version, Papers: make([]Entry, len(papers))}
	for i := range papers {
		m := marks.For(&papers[i])
		doc.Papers[i] = Entry{Paper: NewRecord(&papers[i]), BookmarkedAt: m.BookmarkedAt, Tags: m.Tags, Note: m.Note, Read: m.Read}
	}
	return doc
}

// WriteDocument writes doc as JSON, indented, one document per call.
func WriteDocument(w io.Writer, doc Document) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
