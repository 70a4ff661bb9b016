package ui

import (
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

// recentDays is how many announcement days the tag pane lists: a week of
// listings, enough for the morning skim without crowding out the tags.
const recentDays = 7

// dayCount is one announcement day of the corpus and its papers.
type dayCount struct {
	Day   string // YYYY-MM-DD, as date: takes it
	Count int
}

// daysReadyMsg brings the recent days of a corpus.
type daysReadyMsg struct {
	index *model.Index
	days  []dayCount
}

// countDays returns the n most recent days of the corpus, newest first,
// with their paper counts. It counts by Paper.Day, which date: filters on,
// so a day's count is what choosing it shows (before other filters).
func countDays(ix *model.Index, n int) []dayCount {
	counts := map[time.Time]int{}
	for i := range ix.Len() {
		if d := ix.Day(i); !d.IsZero() && !ix.Hidden(i) {
			counts[d]++
		}
	}
	days := make([]time.Time, 0, len(counts))
	for d := range counts {
		days = append(days, d)
	}
	slices.SortFunc(days, func(a, b time.Time) int { return b.Compare(a) })
	out := make([]dayCount, 0, min(n, len(days)))
	for _, d := range days[:min(n, len(days))] {
		out = append(out, dayCount{Day: d.Format(time.DateOnly), Count: counts[d]})
	}
	return out
}

// countDaysCmd counts the days off the UI goroutine: it reads every
// paper's day, a million of them in a big corpus.
func countDaysCmd(ix *model.Index) tea.Cmd {
	return func() tea.Msg { return daysReadyMsg{index: ix, days: countDays(ix, recentDays)} }
}

// daysReady shows the days of the corpus on screen.
func (m *Model) daysReady(msg daysReadyMsg) {
	if msg.index.SameCorpus(m.c.Index) {
		m.tags.SetDays(msg.days)
	}
}

// dayClauses is the filter of the day chosen in the tag pane.
func (t *tagsModel) dayClauses() []model.Clause {
	if t.day == "" {
		return nil
	}
	return model.ParseQuery("date:" + t.day).Clauses
}
