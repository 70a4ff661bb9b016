package model

import (
	"slices"
)

// MergePapers concatenates lists in order and folds duplicates: a paper
// that appears again — the same arXiv id, or the same title (TitleKey,
// compared through its hash TitleID) when at least one of the two has no
// arXiv id — stays at its first position and gains what the later copy
// knows:
//
//   - empty fields (abstract, dates, DOI, upvotes) are filled;
//   - authors, categories and links are unioned, first copy's order first
//     (authors compared by TitleKey, so "C. Balazs" and "C. Balázs" are one);
//   - Sources are appended;
//   - ID becomes the arXiv id when either copy has one, while TitleID stays
//     the first copy's title-derived ID, so user data saved under either
//     key still finds the paper.
//
// Two papers with different arXiv ids never merge, even with equal titles.
// Runs in time linear in the number of papers. The input lists are not
// modified; the result may share their slices' backing arrays.
func MergePapers(lists ...[]Paper) []Paper {
	n := 0
	for _, list := range lists {
		n += len(list)
	}
	m := newMerger(make([]Paper, 0, n), n)
	for _, list := range lists {
		for i := range list {
			m.add(&list[i])
		}
	}
	return m.out
}

// MergeInPlace is MergePapers of one list the caller owns: the list is
// compacted in place rather than copied, which matters for large corpora.
// It is safe because a paper is only ever written to an index at or before
// the one it is read from.
func MergeInPlace(papers []Paper) []Paper {
	m := newMerger(papers[:0], len(papers))
	for i := range papers {
		p := papers[i] // copied: appending may overwrite papers[i]'s slot
		m.add(&p)
	}
	clear(papers[len(m.out):]) // release what the dropped copies held
	return m.out
}

func newMerger(out []Paper, n int) merger {
	return merger{out: out, byArxiv: make(map[string]int, n), byTitle: make(map[string]int, n)}
}

type merger struct {
	out     []Paper
	byArxiv map[string]int // arXiv id → index in out
	byTitle map[string]int // title ID → index of the first paper with that title
}

// mergeTitleID is the title key of p: its TitleID (a hash of TitleKey), computed
// if the caller did not assign IDs.
func mergeTitleID(p *Paper) string {
	if p.TitleID != "" {
		return p.TitleID
	}
	return TitleID(p.Title)
}

func (m *merger) add(p *Paper) {
	tid := mergeTitleID(p)
	if i, ok := m.duplicateOf(p, tid); ok {
		mergeInto(&m.out[i], p)
		if id := m.out[i].ArxivID; id != "" {
			m.byArxiv[id] = i
		}
		return
	}
	i := len(m.out)
	m.out = append(m.out, *p)
	if p.ArxivID != "" {
		m.byArxiv[p.ArxivID] = i
	}
	if _, ok := m.byTitle[tid]; !ok {
		m.byTitle[tid] = i
	}
}

// duplicateOf finds the paper p repeats, if any.
func (m *merger) duplicateOf(p *Paper, tid string) (int, bool) {
	if p.ArxivID != "" {
		if i, ok := m.byArxiv[p.ArxivID]; ok {
			return i, true
		}
	}
	i, ok := m.byTitle[tid]
	if !ok {
		return 0, false
	}
	if p.ArxivID != "" && m.out[i].ArxivID != "" {
		return 0, false // same title, different papers
	}
	return i, true
}

// mergeInto adds what src knows to dst. Slices are clipped before
// appending so that the caller's backing arrays are never written.
func mergeInto(dst, src *Paper) {
	if dst.ArxivID == "" && src.ArxivID != "" {
		dst.ArxivID = src.ArxivID
		dst.ID = src.ArxivID
	}
	if dst.TitleID == "" {
		dst.TitleID = mergeTitleID(src)
	}
	if dst.Abstract == "" {
		dst.Abstract = src.Abstract
	}
	if dst.Published.IsZero() {
		dst.Published = src.Published
	}
	if dst.Updated.IsZero() {
		dst.Updated = src.Updated
	}
	if dst.DOI == "" {
		dst.DOI = src.DOI
	}
	if dst.Upvotes == 0 {
		dst.Upvotes = src.Upvotes
	}
	// The first day a paper was announced is its day: a later listing of the
	// same paper is a replacement.
	if dst.Announced.IsZero() || !src.Announced.IsZero() && src.Announced.Before(dst.Announced) {
		dst.Announced, dst.AnnounceType = src.Announced, src.AnnounceType
	}
	for _, f := range [...]struct{ dst, src *string }{{&dst.AnnounceType, &src.AnnounceType}, {&dst.Comments, &src.Comments}, {&dst.JournalRef, &src.JournalRef}, {&dst.BibKey, &src.BibKey}} {
		if *f.dst == "" {
			*f.dst = *f.src
		}
	}
	dst.Authors = unionBy(dst.Authors, src.Authors, TitleKey)
	dst.Categories = unionBy(dst.Categories, src.Categories, func(s string) string { return s })
	dst.Sources = unionBy(dst.Sources, src.Sources, func(s string) string { return s })
	for _, l := range src.Links {
		if !slices.ContainsFunc(dst.Links, func(have Link) bool { return have.URL == l.URL }) {
			dst.Links = append(slices.Clip(dst.Links), l)
		}
	}
}

// unionBy appends the items of add whose key is not yet in have.
func unionBy(have, add []string, key func(string) string) []string {
	for _, s := range add {
		k := key(s)
		if !slices.ContainsFunc(have, func(h string) bool { return key(h) == k }) {
			have = append(slices.Clip(have), s)
		}
	}
	return have
}
