package model

// PaperSet is read access to a corpus's papers by number. The derived data
// (topics, related papers) read through it rather than a []Paper, so that
// an index whose papers are decoded on demand from a mapped store serves
// them without ever holding every paper at once. *Index satisfies it.
type PaperSet interface {
	Len() int
	Paper(i int) *Paper
}

// PaperList is a slice of papers as a PaperSet.
type PaperList []Paper

func (l PaperList) Len() int { return len(l) }

func (l PaperList) Paper(i int) *Paper { return &l[i] }

// WithoutCopies is the papers of ix with the copies a joined index hides
// (Join) read as empty papers: the derived data then counts each paper
// once, and no paper's related papers list a copy of another.
func WithoutCopies(ix *Index) PaperSet {
	if ix.hidden == nil {
		return ix
	}
	return withoutCopies{ix}
}

type withoutCopies struct{ *Index }

var noPaper Paper

func (w withoutCopies) Paper(i int) *Paper {
	if w.Hidden(i) {
		return &noPaper
	}
	return w.Index.Paper(i)
}
