package catalog

import (
	"slices"
	"testing"
)

func TestHiddenTagsListsWhatTagsLeavesOut(t *testing.T) {
	c := testCatalog(t)
	if got := c.HiddenTags(); len(got) != 0 {
		t.Fatalf("nothing hidden, yet HiddenTags() = %v", got)
	}
	c.SetHidden(map[string]bool{"lora": true, "math.co": true, "gone-elsewhere": true, "shown-again": false})
	lora, _ := c.Topics.Lookup("lora")
	math, _ := c.Topics.Lookup("math.co")
	want := []Tag{
		{Key: "lora", Name: lora.Name, Count: 2, Topic: true},
		{Key: "math.co", Name: math.Name, Count: 1, Topic: true},
		// A hidden topic this corpus lacks is still listed, to unhide.
		{Key: "gone-elsewhere", Name: "gone-elsewhere", Topic: true},
	}
	if got := c.HiddenTags(); !slices.Equal(got, want) {
		t.Errorf("HiddenTags() =\n%v\nwant\n%v", got, want)
	}
	for _, tag := range c.Tags() {
		if tag.Topic && (tag.Key == "lora" || tag.Key == "math.co") {
			t.Errorf("Tags() lists the hidden topic %q", tag.Key)
		}
	}
}
