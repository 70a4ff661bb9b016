package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/papertui/papers/model"
)

func TestNewPapersAreMarkedAndCounted(t *testing.T) {
	lib := newMemLibrary()
	ix := loadSeed(t)
	lib.load, lib.newKeys = 3, []string{ix.Paper(5).ID, ix.Paper(9).ID, ix.Paper(12).ID}
	lib.marks[ix.Paper(12).ID] = model.Mark{Read: true}
	m := started(t, 120, 40, lib, nil)
	m.list.markNew = true // as View sets it
	rowOf := func(p int) string {
		return ansi.Strip(m.list.row(model.Hit{Paper: p}, false))
	}
	// The glyph columns are bar, picked, bookmarked, read-or-new.
	if got := rowOf(5)[:4]; got != "   +" {
		t.Errorf("a new paper's row starts %q, want the new mark + (plain theme)", got)
	}
	if got := rowOf(6)[:4]; got != "    " {
		t.Errorf("an old paper's row starts %q, want no mark", got)
	}
	if got := rowOf(12); !strings.HasPrefix(got, "   ·") {
		t.Errorf("a new paper already read shows the read mark, got %q", got[:6])
	}
	header := strings.SplitN(checkScreen(t, m, 120, 40), "\n", 2)[0]
	if !strings.Contains(header, "+ 3 new") {
		t.Errorf("the header does not count the new papers: %q", header)
	}
	if newGlyph(ThemeDark) != "•" || newGlyph(ThemeLight) != "•" {
		t.Error("with colours the new mark is a dot")
	}
	if !strings.Contains(checkScreen(t, m, 120, 40), "   + "+ix.Paper(5).Title[:20]) {
		t.Error("the new mark is not drawn in the list")
	}
	// No new papers, or all of them (the first load ever): no marks, no
	// count.
	var all []string
	for i := range ix.Len() {
		all = append(all, ix.Paper(i).ID)
	}
	for _, keys := range [][]string{nil, all} {
		lib := newMemLibrary()
		lib.load, lib.newKeys = 1, keys
		m = started(t, 120, 40, lib, nil)
		view := m.View()
		if header := strings.SplitN(view, "\n", 2)[0]; strings.Contains(header, "new") || strings.Contains(view, "   + ") {
			t.Errorf("%d of %d new: marks or a count shown:\n%s", len(keys), ix.Len(), view)
		}
	}
}
