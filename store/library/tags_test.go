package library

import (
	"slices"
	"strings"
	"testing"

	"github.com/papertui/papers/model"
)

func TestTagsAreNormalised(t *testing.T) {
	l := newLibrary(t)
	p := testPaper(1)
	if err := l.AddTags([]*model.Paper{p}, []string{"  Deep   Learning ", "LoRA", "deep-learning", "to_read", "\x1b[31mred\x1b[0m"}); err != nil {
		t.Fatal(err)
	}
	want := []string{"deep-learning", "lora", "red", "to-read"}
	if got := mustMarks(t, l).For(p).Tags; !slices.Equal(got, want) {
		t.Errorf("tags = %q, want %q", got, want)
	}

	// One bad tag fails the whole call.
	long := strings.Repeat("x", model.MaxTagLength+1)
	for _, bad := range [][]string{{"ok", "   "}, {"fine", long}, {`"'`}} {
		if err := l.AddTags([]*model.Paper{p}, bad); err == nil {
			t.Errorf("AddTags(%q) succeeded", bad)
		}
	}
	if got := mustMarks(t, l).For(p).Tags; !slices.Equal(got, want) {
		t.Errorf("after failed AddTags: %q", got)
	}
	if err := l.AddTags([]*model.Paper{p}, []string{"  " + strings.Repeat("Y", model.MaxTagLength) + " "}); err != nil {
		t.Errorf("a tag of exactly the limit: %v", err)
	}

	if err := l.RemoveTags([]*model.Paper{p}, []string{"DEEP learning", "Red", strings.Repeat("y", model.MaxTagLength)}); err != nil {
		t.Fatal(err)
	}
	if got := mustMarks(t, l).For(p).Tags; !slices.Equal(got, []string{"lora", "to-read"}) {
		t.Errorf("after RemoveTags: %q", got)
	}
	// Adding an existing tag adds no row.
	if err := l.AddTags([]*model.Paper{p}, []string{"LORA"}); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, l, "tags"); n != 2 {
		t.Errorf("%d tag rows, want 2", n)
	}
}
