package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// End-to-end tests of the items of issue 14 (the daily skim) that the
// other e2e files leave out: the selection kept by esc, next unread and
// hide read, tag counts within the result, OR and cat:, the ID and source
// in the detail pane and source:.

// cursorTitle is the title on the list's cursor row (marked ▌).
func cursorTitle(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if _, after, ok := strings.Cut(l, "▌"); ok {
			title, _, _ := strings.Cut(after, "│")
			return strings.TrimSpace(title)
		}
	}
	return ""
}

// `dora`, enter, j, esc: the query is gone and the same paper is still
// selected.
func TestE2EEscKeepsTheSelectedPaper(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 120, 40, env, lib, 202)
	term.typeKeys("dora")
	term.waitFor("/ dora")
	term.press("Enter")
	term.typeKeys("j")
	before := cursorTitle(term.waitFor("row 2"))
	term.press("Escape")
	s := term.waitFor("Papers 202/202")
	if got := cursorTitle(s); got == "" || got != before {
		t.Errorf("esc moved the selection from %q to %q:\n%s", before, got, s)
	}
}

// m marks read, N goes to the next unread, R hides the read ones, c
// clears every filter.
func TestE2ENextUnreadAndHideRead(t *testing.T) {
	env, lib := testEnv(t)
	config := writeFile(t, t.TempDir(), "config.toml", `read_after = "0"`)
	term := startOnCorpus(t, 120, 40, env, lib, 202, "--config", config)
	term.press("Enter")
	term.typeKeys("m")
	term.waitFor("Marked read")
	term.typeKeys("k")
	term.typeKeys("N")
	term.waitFor("row 2")
	term.typeKeys("R")
	term.waitFor("unread only")
	term.waitFor("Papers 201/202")
	term.typeKeys("c")
	term.waitFor("Papers 202/202")
}

var tagCount = regexp.MustCompile(`(\d+)\s*$`)

// With a query, every count in the tag pane is a count within its result.
func TestE2ETagCountsWithinTheResult(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 160, 48, env, lib, 202)
	term.typeKeys("lora")
	s := term.waitFor("Papers 32/202")
	counted := 0
	for _, l := range strings.Split(s, "\n")[2:] {
		tag, _, ok := strings.Cut(l, "│")
		if m := tagCount.FindStringSubmatch(tag); ok && m != nil {
			n, _ := strconv.Atoi(m[1])
			counted++
			if n > 32 {
				t.Errorf("a tag counts %d papers of a result of 32: %q", n, tag)
			}
		}
	}
	if counted == 0 {
		t.Fatalf("no tag counts on the screen:\n%s", s)
	}
}

// esc outside the search line clears one layer of filtering at a time:
// the query, then the tag picked in the tag pane.
func TestE2EEscClearsTheQueryThenTheTags(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 160, 48, env, lib, 202)
	term.typeKeys("lora")
	term.waitFor("Papers 32/202")
	term.press("Enter")
	term.press("BTab") // the tag pane
	term.press("Space")
	count := regexp.MustCompile(`Papers (\d+)/202`)
	rows := func() int {
		m := count.FindStringSubmatch(term.screen())
		if m == nil {
			return -1
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	waitUntil(t, func() bool { n := rows(); return n > 0 && n < 32 }, "space in the tag pane picked no tag")
	term.press("Escape")
	waitUntil(t, func() bool {
		first, _, _ := strings.Cut(term.screen(), "\n")
		n := rows()
		return !strings.Contains(first, "lora") && n > 0 && n < 202
	}, "the first esc did not clear the query alone")
	term.press("Escape")
	term.waitFor("Papers 202/202")
}

// OR in the browser finds what papers search finds; cat: matches a
// category prefix (cat:math finds math.CO).
func TestE2EOrAndCatQueries(t *testing.T) {
	env, lib := testEnv(t)
	out, err := exec.Command(binary(t), "--library", lib, "search", "lora OR dora").CombinedOutput()
	if err != nil {
		t.Fatalf("papers search: %v\n%s", err, out)
	}
	want := len(strings.Split(strings.TrimSpace(string(out)), "\n"))
	term := startOnCorpus(t, 120, 40, env, lib, 202)
	term.typeKeys("lora OR dora")
	term.waitFor("Papers " + strconv.Itoa(want) + "/202")

	corpus := writeFile(t, t.TempDir(), "cats.jsonl", `{"id":"2401.00001","title":"Counting lattice paths","abstract":"Paths.","authors":"A. B","categories":"math.CO"}
{"id":"2401.00002","title":"Learning lattice models","abstract":"Models.","authors":"C. D","categories":"cs.LG"}
`)
	cats := startOnCorpus(t, 120, 40, env, lib, 2, "--corpus", corpus)
	cats.typeKeys("cat:math")
	s := cats.waitFor("Papers 1/2")
	if !strings.Contains(s, "Counting lattice paths") {
		t.Errorf("cat:math does not show the math.CO paper:\n%s", s)
	}
}

// The detail pane shows the paper's ID and where it came from; source:
// finds the papers of that source.
func TestE2EDetailShowsIDAndSource(t *testing.T) {
	env, lib := testEnv(t)
	out, err := exec.Command(binary(t), "--library", lib, "search", "--limit", "1", "").CombinedOutput()
	if err != nil {
		t.Fatalf("papers search: %v\n%s", err, out)
	}
	id, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\t")
	term := startOnCorpus(t, 120, 40, env, lib, 202)
	term.waitFor(id)
	term.waitFor("· from built-in")
	term.typeKeys("source:built-in")
	term.waitFor("Papers 202/202")
	term.typeKeys("x")
	term.waitFor("Papers 0/202")
}

// m marks a paper read with a glyph (visible without colour), enter in
// the list moves to the detail pane and space pages it.
func TestE2EReadGlyphEnterAndSpace(t *testing.T) {
	env, lib := testEnv(t)
	config := writeFile(t, t.TempDir(), "config.toml", `read_after = "0"`)
	term := startOnCorpus(t, 80, 24, withEnv(env, "NO_COLOR", "1"), lib, 202, "--config", config)
	term.press("Enter")
	term.typeKeys("m")
	s := term.waitFor("Marked read")
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "▌") && !strings.Contains(l, "·") {
			t.Errorf("the read paper's row has no read glyph: %q", l)
		}
	}
	term.waitFor("Details 1–11/")
	term.press("Enter")
	term.press("Space")
	term.waitFor("Details 12–")
}

// o on a paper without a web link searches arXiv for its title.
func TestE2EOpenWithoutALinkSearchesArxiv(t *testing.T) {
	env, lib := testEnv(t)
	dir := t.TempDir()
	browser, opened := standInBrowser(t, dir)
	corpus := writeFile(t, dir, "nolink.jsonl", `{"title":"Zebrafish fins regrow","abstract":"About fins.","authors":"B. Author"}`+"\n")
	term := startOnCorpus(t, 100, 30, append(env, "BROWSER="+browser), lib, 1, "--corpus", corpus)
	term.press("Enter")
	term.typeKeys("o")
	want := "https://arxiv.org/search/?query=Zebrafish+fins+regrow&searchtype=title"
	waitUntil(t, func() bool {
		b, _ := os.ReadFile(opened)
		return strings.Contains(string(b), want)
	}, "o did not open the arXiv search for the title")
}

// t offers the topics as completions, not only the user's tags.
func TestE2ETagCompletionOffersTopics(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 120, 40, env, lib, 202)
	term.press("Enter")
	term.typeKeys("t")
	term.waitFor("Add tag")
	term.typeKeys("jail")
	term.waitFor("jailbreak")
}

// At 200 columns the list takes its share of the width, not ~75 columns.
func TestE2EListUsesAWideTerminal(t *testing.T) {
	env, lib := testEnv(t)
	s := startOnCorpus(t, 200, 60, env, lib, 202).screen()
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "▌") {
			parts := strings.Split(l, "│")
			if len(parts) < 2 {
				t.Fatalf("no pane border on the cursor row: %q", l)
			}
			list := parts[len(parts)-2]
			if w := utf8.RuneCountInString(list); w < 80 {
				t.Errorf("the list is %d columns wide at 200: %q", w, l)
			}
		}
	}
}

// ? lists the triage mode and saving a search.
func TestE2EHelpListsTriageAndSavedSearches(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 200, 60, env, lib, 202)
	term.press("Enter")
	term.typeKeys("?")
	term.waitFor("quick triage")
	term.waitFor("save the search")
	term.waitFor("mark all shown read")
}
