package main

import "strings"

// hyperlinksWanted decides, before the browser starts, whether the detail
// pane's links are OSC 8 hyperlinks. No terminal answers a query for
// them, so the decision is by name: on by default, as terminals without
// them ignore the sequence, but off for the Linux console and dumb
// terminals, which print it; PAPERS_HYPERLINKS=0 or 1 overrides.
// NO_COLOR is about colour only and plays no part.
func hyperlinksWanted(getenv func(string) string) bool {
	switch strings.TrimSpace(getenv("PAPERS_HYPERLINKS")) {
	case "0", "false", "no", "off":
		return false
	case "1", "true", "yes", "on":
		return true
	}
	switch getenv("TERM") {
	case "", "dumb", "linux":
		return false
	}
	return true
}
