package main

import "testing"

func TestHyperlinksWanted(t *testing.T) {
	for _, c := range []struct {
		term, override string
		want           bool
	}{
		{"xterm-256color", "", true},
		{"tmux-256color", "", true},
		{"dumb", "", false},
		{"linux", "", false},
		{"", "", false},
		{"xterm-256color", "0", false},
		{"dumb", "1", true},
		{"linux", "on", true},
	} {
		env := map[string]string{"TERM": c.term, "PAPERS_HYPERLINKS": c.override}
		if got := hyperlinksWanted(func(k string) string { return env[k] }); got != c.want {
			t.Errorf("TERM=%q PAPERS_HYPERLINKS=%q: %v, want %v", c.term, c.override, got, c.want)
		}
	}
}
