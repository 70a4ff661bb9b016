package ui

import "fmt"

// position says which lines of the paper the detail pane shows, as
// "12–30/64", when they do not all fit; "" when they do, so a short
// abstract gets no indicator to wonder about.
func (d *detailModel) position() string {
	if d.paper < 0 || d.height <= 0 || d.count <= d.height {
		return ""
	}
	last := min(d.offset+d.height, d.count)
	return fmt.Sprintf("%d–%d/%d", d.offset+1, last, d.count)
}

// detailTitle is the detail pane's title with its position.
func (m *Model) detailTitle() string {
	if pos := m.detail.position(); pos != "" {
		return "Details " + pos
	}
	return "Details"
}
