package catalog

import "slices"

// HiddenTags lists the topics the user hid, so they can be found and
// shown again: the corpus's hidden topics in the order of Tags (most
// papers first) with their paper counts, then hidden keys this corpus has
// no topic for, by key, with count 0.
func (c *Catalog) HiddenTags() []Tag {
	var out []Tag
	listed := map[string]bool{}
	if c.Topics != nil {
		for _, t := range c.Topics.List {
			if c.Hidden[t.Key] {
				out = append(out, Tag{Key: t.Key, Name: t.Name, Count: len(t.Papers), Topic: true})
				listed[t.Key] = true
			}
		}
	}
	var others []string
	for k, hidden := range c.Hidden {
		if hidden && !listed[k] {
			others = append(others, k)
		}
	}
	slices.Sort(others)
	for _, k := range others {
		out = append(out, Tag{Key: k, Name: k, Topic: true})
	}
	return out
}
