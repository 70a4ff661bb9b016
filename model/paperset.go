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
