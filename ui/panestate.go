package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/catalog"
	"github.com/papertui/papers/model/related"
	"github.com/papertui/papers/model/topics"
)

// paneState is the state every pane reads: sizes, styles, keys and the
// catalog with the user's marks. It is shared by pointer and only changed
// inside the root model's Update.
type paneState struct {
	styles Styles
	keys   KeyMap
	theme  Theme

	// The catalog's Index is nil until the corpus is loaded, its Topics
	// until they are computed.
	catalog.Catalog
	related *related.Index // nil until built
	// picked is the selection the paper actions apply to (selection.go).
	picked selection
	// hyperlinks: the detail pane's links are OSC 8 hyperlinks
	// (Options.Hyperlink).
	hyperlinks bool
}

func (c *paneState) paper(i int) *model.Paper { return c.Index.Paper(i) }

// pane identifies a focusable pane.
type pane int

const (
	paneTags pane = iota
	paneList
	paneDetail
	numPanes
)

// Messages. Commands run off the UI goroutine and report back with these;
// each carries what it needs to be recognised as stale.
type (
	catalogLoadedMsg struct {
		index    *model.Index
		warnings []error
		err      error
		marks    *marksLoadedMsg // the library as it was at load
		stored   *Stored         // set when the store served the corpora
	}
	searchDoneMsg struct {
		seq    int
		result *model.Result
		err    error
		keep   int // paper to keep selected, keepSelection, or -1
	}
	marksLoadedMsg struct {
		marks   model.Marks
		hidden  map[string]bool
		saved   []model.SavedSearch
		index   *model.Index
		newSet  model.Bitset // papers first seen in the latest load, when it was read
		newLoad int64
		err     error
	}
	relatedDoneMsg struct {
		index     *model.Index
		paper     int
		neighbors []related.Neighbor
	}
	noteReadyMsg struct {
		paper    int
		path     string
		original string // the note the file was written with
		// unsaved: the file holds text an earlier edit could not save,
		// which must outlive an editor that does not start.
		unsaved bool
		err     error
	}
	// indexedMsg brings the full index, words included.
	indexedMsg struct {
		index  *model.Index
		err    error
		stored *Stored // what the store holds for it, or nil
	}
	// storeSavedMsg reports a write of the store.
	storeSavedMsg struct{ err error }
	// topicsReadyMsg and relatedReadyMsg bring derived data; stored
	// says both parts came from the store, which then needs no writing.
	topicsReadyMsg struct {
		index  *model.Index
		topics *topics.Topics
		stored bool
	}
	relatedReadyMsg struct {
		index   *model.Index
		related *related.Index
		stored  bool
	}
	seenRecordedMsg struct {
		index *model.Index
		err   error
	}
	renderedMsg struct {
		key     renderKey
		content string
	}
	// writeDoneMsg reports a change to the library: done describes it for
	// the status line when it succeeded.
	writeDoneMsg struct {
		done    string
		warning string // saved, but not as asked: say how
		err     error
	}
	readTimerMsg struct {
		paper     int
		selection int
	}
	savedCountedMsg struct {
		index  *model.Index
		counts []catalog.SavedCount
		seq    int // which count it answers: only the latest is shown
	}
	// applySavedMsg asks the root to search for a saved search's query.
	applySavedMsg struct{ query string }
	pollMsg       struct{}
	statusTimeout struct{ seq int }
	editorDoneMsg struct {
		paper    int
		path     string
		original string
		err      error
	}
)

func tick(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}
