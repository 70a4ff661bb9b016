package ui

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/papertui/papers/model"
)

func (m Model) catalogLoaded(msg catalogLoadedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.loadErr = msg.err
		m.list.loadErr = model.CleanLine(msg.err.Error())
		m.status.show("Could not load the corpus: "+msg.err.Error(), true)
		return m, nil
	}
	m.c.index = msg.index
	m.searcher = model.NewSearcher(msg.index)
	var cmds []tea.Cmd
	if msg.marks != nil {
		next, cmd := m.Update(*msg.marks)
		m = next.(Model)
		cmds = append(cmds, cmd)
	}
	if len(msg.warnings) > 0 {
		m.status.show(fmt.Sprintf("Loaded with %d warning(s): %v", len(msg.warnings), msg.warnings[0]), true)
	}
	ix := msg.index
	cmds = append(cmds,
		m.startSearch(-1),
		func() tea.Msg {
			full, err := model.BuildIndex(context.Background(), ix.Papers())
			return indexedMsg{index: full, err: err}
		},
	)
	if record := m.opts.RecordSeen; record != nil {
		cmds = append(cmds, func() tea.Msg { return seenRecordedMsg{index: ix, err: record(ix.Papers())} })
	}
	return m, tea.Batch(cmds...)
}
