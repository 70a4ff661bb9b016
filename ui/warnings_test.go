package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

// Load warnings were one status line, the first warning cut at the width.
// Now the header says how many there are, and w shows them all, in full,
// scrolled when they do not fit.
func TestLoadWarningsAreShownInFull(t *testing.T) {
	ix := loadSeed(t)
	var warnings []error
	long := "/data/downloads/" + strings.Repeat("very-long-folder-name/", 8) + "cut.json:3: the file ends in the middle of this line"
	warnings = append(warnings, errors.New(long), errors.New("no papers in /data/empty \x1b]0;PWNED\a"))
	for i := range 30 {
		warnings = append(warnings, fmt.Errorf("/data/f%02d.xml: arXiv API error: number %d", i, i))
	}
	opts := testOptions(t, newMemLibrary(), ix, nil)
	opts.Load = func(context.Context) ([]model.Paper, []error, error) { return ix.Papers(), warnings, nil }
	m := newTestModel(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = drive(t, m, m.Init()())
	view := checkScreen(t, m, 80, 24)
	if !strings.Contains(view, "32 warning(s): w") || !strings.Contains(view, "32 warnings — w in the list shows them") {
		t.Fatalf("no warnings notice:\n%s", view)
	}
	if m.search.Focused() {
		m = drive(t, m, press(tea.KeyEnter))
	}
	m = drive(t, m, keys("w")...)
	view = checkScreen(t, m, 80, 24)
	flat := strings.Join(strings.Fields(view), "")
	if !m.warningsPage.open || !strings.Contains(flat, strings.ReplaceAll(long, " ", "")) || strings.Contains(view, "PWNED\a") {
		t.Fatalf("warnings view does not show the first warning in full:\n%s", view)
	}
	if strings.Contains(view, "number 29") {
		t.Fatal("expected the last warning off screen at 80x24")
	}
	m = drive(t, m, keys(strings.Repeat("j", 40))...)
	if view = checkScreen(t, m, 80, 24); !strings.Contains(view, "number 29") {
		t.Errorf("scrolling did not bring the last warning into view:\n%s", view)
	}
	m = drive(t, m, keys("w")...)
	if m.warningsPage.open {
		t.Error("w should close the warnings view")
	}
}

// A corpus without papers says so in the browser too.
func TestNoPapersNoticeInTheBrowser(t *testing.T) {
	opts := testOptions(t, newMemLibrary(), loadSeed(t), nil)
	opts.Load = func(context.Context) ([]model.Paper, []error, error) {
		return nil, []error{errors.New("no papers in zero.xml")}, nil
	}
	m := newTestModel(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m = drive(t, m, m.Init()())
	if view := checkScreen(t, m, 100, 30); !strings.Contains(view, "no papers in zero.xml") {
		t.Errorf("no notice:\n%s", view)
	}
}
