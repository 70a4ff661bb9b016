package ui

// The papers first seen in the latest corpus load — is:new, which the
// library decides (NewKeys) — are marked in the list and counted in the
// header: after a fetch, they are what the user has not looked at yet.

// newGlyph marks a new paper. Without colour a dot beside the read mark's
// "·" is too easily missed, so the plain theme uses a character of its
// own.
func newGlyph(theme Theme) string {
	if theme == ThemePlain {
		return "+"
	}
	return "•"
}

// isNew reports whether paper i was first seen in the latest load.
func (c *paneState) isNew(i int) bool {
	return i>>6 < len(c.New) && c.New.Has(i)
}

// newCount is how many papers of the corpus are new, 0 when all are: on
// the first load ever, every paper is new, and marking them all would
// only put a dot on every row. (is:new still finds them all.)
func (c *paneState) newCount() int {
	n := c.New.Count()
	if c.Index == nil || n == c.Index.Shown() {
		return 0
	}
	return n
}
