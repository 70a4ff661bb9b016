package catalog

import (
	"slices"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/topics"
)

func testCatalog(t *testing.T) *Catalog {
	t.Helper()
	papers := []model.Paper{
		{ArxivID: "2401.00001", Title: "LoRA adapters for transformers", Categories: []string{"cs.LG"}},
		{Title: "Robust LoRA training", Categories: []string{"cs.LG"}},
		{Title: "Graph kernels", Categories: []string{"math.CO"}},
	}
	for i := range papers {
		papers[i].AssignIDs()
	}
	c := New(model.NewIndex(papers))
	c.SetTopics(topics.Compute(model.PaperList(papers)))
	for _, key := range []string{"lora", "cs.lg", "math.co"} {
		if _, ok := c.Topics.Lookup(key); !ok {
			t.Fatalf("the test corpus has no topic %q: %+v", key, c.Topics.List)
		}
	}
	c.Marks = model.Marks{ByKey: map[string]model.Mark{
		papers[0].ID: {Tags: []string{"lora", "to-read"}},
		papers[1].ID: {Tags: []string{"to-read"}, BookmarkedAt: time.Unix(1, 0)},
		// The same paper's mark under its title key, as a corpus without
		// arXiv ids saved it.
		papers[0].TitleID: {Tags: []string{"to-read"}},
		"not-in-here":     {Tags: []string{"elsewhere"}},
	}}
	return c
}

func TestTagsOfPutsUserTagsFirstAndSkipsHiddenTopics(t *testing.T) {
	c := testCatalog(t)
	if got := c.TagsOf(0); !slices.Equal(got[:2], []string{"lora", "to-read"}) || !slices.Contains(got, "cs.lg") || slices.Index(got[1:], "lora") >= 0 {
		t.Errorf("paper 0: %q (user tags first; a topic that is also a user tag is listed once)", got)
	}
	if got := c.TagsOf(1); got[0] != "to-read" || !slices.Contains(got, "lora") {
		t.Errorf("paper 1: %q", got)
	}
	c.SetHidden(map[string]bool{"lora": true})
	if got := c.TagsOf(1); slices.Contains(got, "lora") || !slices.Contains(got, "cs.lg") {
		t.Errorf("paper 1 with lora hidden: %q", got)
	}
	if got := c.TagsOf(2); !slices.Equal(got, []string{"math.co"}) {
		t.Errorf("paper 2: %q", got)
	}
}

func TestTagsCountsPapersOfTheIndex(t *testing.T) {
	c := testCatalog(t)
	want := []Tag{
		{Key: "to-read", Name: "to-read", Count: 2},
		{Key: "lora", Name: "lora", Count: 1},
	}
	for _, topic := range c.Topics.List {
		want = append(want, Tag{Key: topic.Key, Name: topic.Name, Count: len(topic.Papers), Topic: true})
	}
	if got := c.Tags(); !slices.Equal(got, want) {
		t.Errorf("Tags() =\n%v\nwant\n%v", got, want)
	}
}

func TestFacetsFollowHiddenTopics(t *testing.T) {
	c := testCatalog(t)
	before := c.Facets()
	if got := before.TopicPapers("lora"); !slices.Equal(got, []int32{0, 1}) {
		t.Fatalf("lora papers: %v", got)
	}
	c.SetHidden(map[string]bool{"lora": true})
	after := c.Facets()
	if after.TopicPapers("lora") != nil {
		t.Error("a hidden topic still filters")
	}
	if after.TopicsVersion == before.TopicsVersion {
		t.Error("hiding a topic kept the topics version: a searcher would answer from its cache")
	}
	c.SetHidden(map[string]bool{"lora": true})
	if c.Facets().TopicsVersion != after.TopicsVersion {
		t.Error("the same hidden topics changed the version")
	}
}

func TestCategoryOfTheWholeCorpusIsNotListed(t *testing.T) {
	papers := []model.Paper{
		{Title: "Grasping with LoRA", Categories: []string{"cs.RO"}},
		{Title: "Walking with LoRA", Categories: []string{"cs.RO", "cs.LG"}},
	}
	for i := range papers {
		papers[i].AssignIDs()
	}
	c := New(model.NewIndex(papers))
	c.SetTopics(topics.Compute(model.PaperList(papers)))
	for _, tag := range c.Tags() {
		if tag.Key == "cs.ro" {
			t.Errorf("cs.RO covers the whole corpus and is listed: %+v", tag)
		}
	}
	if got := c.TagsOf(0); slices.Contains(got, "cs.ro") {
		t.Errorf("paper 0 shows the whole corpus's category: %q", got)
	}
	if got := c.TagsOf(1); !slices.Contains(got, "cs.lg") {
		t.Errorf("paper 1 should show cs.LG, which tells it apart: %q", got)
	}
	if tp, ok := c.Topics.Lookup("cs.ro"); !ok || len(tp.Papers) != 2 {
		t.Errorf("tag:cs.ro should still find every paper: %+v %v", tp, ok)
	}
}

func TestTagsWithinCountsTheResult(t *testing.T) {
	c := testCatalog(t)
	// The result holds paper 1 only (say tag:to-read -tag:lora): counts
	// say what picking each tag would leave, rows keep their order.
	in := model.NewBitset(3)
	in.Set(1)
	all, got := c.Tags(), c.TagsWithin(in)
	if len(got) != len(all) {
		t.Fatalf("TagsWithin lists %d tags, Tags %d: rows must not come and go", len(got), len(all))
	}
	for k, tag := range got {
		if tag.Key != all[k].Key {
			t.Errorf("row %d: %s, want %s (the order of Tags)", k, tag.Key, all[k].Key)
		}
		want := 0
		switch {
		case tag.Key == "to-read", tag.Topic && (tag.Key == "lora" || tag.Key == "cs.lg"):
			want = 1
		}
		if tag.Count != want {
			t.Errorf("%s: count %d within the result, want %d", tag.Key, tag.Count, want)
		}
	}
	if !slices.Equal(c.TagsWithin(nil), all) {
		t.Error("TagsWithin(nil) differs from Tags")
	}
}
