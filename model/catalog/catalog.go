// Package catalog joins a corpus's index with what the user and the corpus
// say about its papers — marks, hidden topics, topic tags, which papers are
// new — and turns them into what searching and showing papers need: the
// facets of a query, the tags of a paper, the tag list with counts. The
// browser and the command line share it, so they cannot disagree on which
// papers carry a tag or which tags a paper shows.
package catalog

import (
	"maps"
	"slices"
	"strings"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/topics"
)

// Catalog is an index and the facts beside it. The zero value is empty;
// the fields may be read freely, and are changed through the Set methods so
// that Facets' version follows them.
type Catalog struct {
	Index  *model.Index
	Marks  model.Marks
	Topics *topics.Topics  // nil until computed
	Hidden map[string]bool // topic keys the user hid
	// New holds the papers first seen in the latest load (nil: none known),
	// and NewLoad which load that is.
	New     model.Bitset
	NewLoad int64

	// topicsVersion changes whenever Topics or Hidden do, so a searcher's
	// cache of topic sets follows them.
	topicsVersion int64
}

// New returns the catalog of ix with no marks or topics yet.
func New(ix *model.Index) *Catalog {
	return &Catalog{Index: ix, Hidden: map[string]bool{}}
}

// SetHidden replaces the set of topics the user hid.
func (c *Catalog) SetHidden(hidden map[string]bool) {
	if hidden == nil {
		hidden = map[string]bool{}
	}
	if !maps.Equal(c.Hidden, hidden) {
		c.topicsVersion++
	}
	c.Hidden = hidden
}

// SetTopics replaces the corpus's topic tags.
func (c *Catalog) SetTopics(t *topics.Topics) {
	c.Topics = t
	c.topicsVersion++
}

// SetNew records which papers load first saw; keys are paper keys as the
// library lists them.
func (c *Catalog) SetNew(load int64, keys []string) {
	c.NewLoad, c.New = load, model.NewPapers(c.Index, keys)
}

// Facets returns what a query filters on besides the text.
func (c *Catalog) Facets() model.Facets {
	f := model.Facets{Marks: c.Marks, New: c.New}
	if c.Topics != nil {
		f.TopicPapers = c.Topics.Visible(c.Hidden)
		f.TopicsVersion = c.topicsVersion
	}
	return f
}

// Mark returns the user's mark on paper i.
func (c *Catalog) Mark(i int) model.Mark { return c.Marks.For(c.Index.Paper(i)) }

// TopicsOf returns the topics shown for paper i: its topic tags less the
// hidden ones and the categories of the whole corpus.
func (c *Catalog) TopicsOf(i int) []topics.Topic {
	var shown []topics.Topic
	for _, t := range c.Topics.For(i) {
		if c.shown(t) {
			shown = append(shown, t)
		}
	}
	return shown
}

// shown reports whether a topic is listed: not hidden, and not a category
// every paper is filed under, which tells one paper from another no more
// than the corpus's name does (tag: still finds it).
func (c *Catalog) shown(t topics.Topic) bool {
	if c.Hidden[t.Key] {
		return false
	}
	n := 0
	if c.Index != nil {
		n = c.Index.Len()
	}
	return t.Kind != topics.Category || n < 2 || len(t.Papers) < n
}

// TagsOf returns the keys of paper i's tags: its user tags, then its shown
// topics that are not also user tags.
func (c *Catalog) TagsOf(i int) []string {
	tags := slices.Clone(c.Mark(i).Tags)
	if tags == nil {
		tags = []string{}
	}
	for _, t := range c.TopicsOf(i) {
		if !slices.Contains(tags, t.Key) {
			tags = append(tags, t.Key)
		}
	}
	return tags
}

// Tag is one entry of the tag list.
type Tag struct {
	Key   string // what tag: matches
	Name  string // how it reads
	Count int    // papers of the index carrying it
	Topic bool   // a topic tag, found in the corpus, not one the user gave
}

// Tags lists the user tags of the index's papers, most papers first (then
// by name), followed by the shown topics, most papers first.
func (c *Catalog) Tags() []Tag { return c.TagsWithin(nil) }

// TagsWithin is Tags with each count taken within the papers of in (a
// result's matches; nil: all papers), so that a count says what picking
// the tag would show. Tags are listed even at 0, in the order of Tags
// over the whole index: the pane's rows do not move while typing.
func (c *Catalog) TagsWithin(in model.Bitset) []Tag {
	if c.Index == nil {
		return nil
	}
	has := func(i int) bool { return in == nil || i < len(in)*64 && in.Has(i) }
	// A paper's marks may sit under both of its keys: count it once.
	type tagged struct {
		tag   string
		paper int
	}
	seen := map[tagged]bool{}
	counts, within := map[string]int{}, map[string]int{}
	for key, m := range c.Marks.ByKey {
		if len(m.Tags) == 0 {
			continue
		}
		i, ok := c.Index.Lookup(key)
		if !ok {
			continue
		}
		for _, tag := range m.Tags {
			if !seen[tagged{tag, i}] {
				seen[tagged{tag, i}] = true
				counts[tag]++
				if has(i) {
					within[tag]++
				}
			}
		}
	}
	var tags []Tag
	for tag, n := range counts {
		tags = append(tags, Tag{Key: tag, Name: tag, Count: n})
	}
	slices.SortFunc(tags, func(a, b Tag) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Key, b.Key)
	})
	for k := range tags {
		tags[k].Count = within[tags[k].Key]
	}
	if c.Topics != nil {
		for _, t := range c.Topics.List {
			if !c.shown(t) {
				continue
			}
			n := len(t.Papers)
			if in != nil {
				n = 0
				for _, p := range t.Papers {
					if has(int(p)) {
						n++
					}
				}
			}
			tags = append(tags, Tag{Key: t.Key, Name: t.Name, Count: n, Topic: true})
		}
	}
	return tags
}
