package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// End-to-end tests of the first-run polish of issue 14: NO_COLOR, wrapping,
// hidden topics, note messages, the detail pane's position, marking read
// above the cursor and saving a search from the browser.

// styledScreen is the screen with its attributes, as SGR sequences.
func (term *terminal) styledScreen() string {
	term.t.Helper()
	out, err := exec.Command("tmux", "-L", term.socket, "capture-pane", "-p", "-e").CombinedOutput()
	if err != nil {
		return ""
	}
	return string(out)
}

var sgrSequence = regexp.MustCompile(`\x1b\[([0-9;]*)m`)

// sgrParams returns every SGR parameter s uses.
func sgrParams(s string) map[int]bool {
	out := map[int]bool{}
	for _, m := range sgrSequence.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.Split(m[1], ";") {
			if n, err := strconv.Atoi(p); err == nil {
				out[n] = true
			}
		}
	}
	return out
}

// withEnv is env with name set to value, replacing an earlier setting.
func withEnv(env []string, name, value string) []string {
	var out []string
	for _, e := range env {
		if !strings.HasPrefix(e, name+"=") {
			out = append(out, e)
		}
	}
	return append(out, name+"="+value)
}

// NO_COLOR=1 draws no colour, but the cursor row is still reversed and a
// matched word bold and underlined.
func TestE2ENoColorKeepsBoldUnderlineReverse(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		env, lib := testEnv(t)
		term := startOnCorpus(t, size[0], size[1], withEnv(env, "NO_COLOR", "1"), lib, 202)
		term.typeKeys("lora")
		term.waitFor("Papers 32/202")
		term.press("Enter")
		term.waitFor("Papers 32/202 · row 1")
		s := term.styledScreen()
		params := sgrParams(s)
		for n := range params {
			// 39 and 49 put back the default colours, which tmux writes.
			if (n >= 30 && n <= 49 || n >= 90 && n <= 107) && n != 39 && n != 49 {
				t.Errorf("%v: colour code %d with NO_COLOR", size, n)
			}
		}
		var cursorRow string
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(l, "▌") {
				cursorRow = l
			}
		}
		if p := sgrParams(cursorRow); !p[7] || !p[1] {
			t.Errorf("%v: the cursor row is not reversed and bold: %q", size, cursorRow)
		}
		if !params[4] {
			t.Errorf("%v: nothing is underlined (the matches, the focused title):\n%q", size, s)
		}
	}
}

// wrapCorpus is one paper whose date, categories and code URL a narrow
// detail pane used to break at their hyphens.
const wrapURL = "https://github.com/pt/spin-chain-sim"

const wrapCorpus = `{"id":"0704.0123","title":"Phase transitions in disordered low-dimensional magnets","abstract":"We study spin chains; the code is at ` + wrapURL + ` and the data are from 2007-04-02, as in cond-mat.other and cond-mat.stat-mech.","authors":"A. Author","categories":"cond-mat.other cond-mat.stat-mech","update_date":"2007-04-02","versions":[{"version":"v1","created":"Mon, 2 Apr 2007 12:00:00 GMT"}]}
`

// A narrow detail pane wraps at spaces: the date, the categories and the
// URL are each on one line.
func TestE2EWrapKeepsDatesCategoriesAndURLsWhole(t *testing.T) {
	for _, size := range [][2]int{{40, 50}, {80, 50}} {
		env, lib := testEnv(t)
		corpus := writeFile(t, t.TempDir(), "magnets.jsonl", wrapCorpus)
		term := startOnCorpus(t, size[0], size[1], env, lib, 1, "--corpus", corpus)
		// Each twice: in the details and in the abstract (or tags, links).
		// Polled: the plain stand-in shown until glamour's rendering
		// arrives has the abstract only.
		whole := func() bool {
			s := term.screen()
			for _, token := range []string{"2007-04-02", "cond-mat.other", "cond-mat.stat-mech", wrapURL} {
				if strings.Count(s, token) < 2 {
					return false
				}
			}
			return true
		}
		waitUntil(t, whole, fmt.Sprintf("%v: a date, category or URL stays broken on the screen", size))
	}
}

// Saving a note in the editor says "Note saved"; emptying it, "Note
// removed". The editor is a script that writes (or empties) the file.
func TestE2ENoteSavedAndRemovedSaySo(t *testing.T) {
	env, lib := testEnv(t)
	dir := t.TempDir()
	write := writeScript(t, dir, "write-note", "printf 'from the e2e editor' > \"$1\"\n")
	empty := writeScript(t, dir, "empty-note", ": > \"$1\"\n")
	// The editor reads which script to run from a file, so one browser
	// can save and then empty the note.
	choice := writeFile(t, dir, "choice", write)
	editor := writeScript(t, dir, "editor", "exec \"$(cat "+choice+")\" \"$@\"\n")
	term := startOnCorpus(t, 80, 24, withEnv(env, "VISUAL", editor), lib, 202)
	term.press("Enter")
	term.typeKeys("n")
	term.waitFor("Note saved")
	out, _ := exec.Command(binary(t), "--library", lib, "export", "--format", "json").CombinedOutput()
	if !strings.Contains(string(out), "from the e2e editor") {
		t.Fatalf("the library has no note after saving one: %s", out)
	}
	writeFile(t, dir, "choice", empty)
	term.typeKeys("n")
	term.waitFor("Note removed")
}

// The detail pane of an 80x24 terminal says which lines it shows and
// follows the scrolling; at 200x60 the paper fits and it says nothing.
func TestE2EDetailPanePosition(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 80, 24, env, lib, 202)
	term.waitFor("Details 1–11/")
	term.press("Enter")
	term.press("Enter")
	term.typeKeys("jj")
	term.waitFor("Details 3–13/")

	wide := startOnCorpus(t, 200, 60, withEnv(env, "NO_COLOR", "1"), lib, 202)
	s := wide.waitFor("Related papers")
	if strings.Contains(s, "Details 1–") {
		t.Errorf("a paper that fits shows a position:\n%s", s)
	}
}

// K marks read every paper above the cursor; u undoes it.
func TestE2EMarkAboveReadThenUndo(t *testing.T) {
	env, lib := testEnv(t)
	config := writeFile(t, t.TempDir(), "config.toml", `read_after = "0"`)
	term := startOnCorpus(t, 120, 40, env, lib, 202, "--config", config)
	term.typeKeys("lora")
	term.waitFor("Papers 32/202")
	term.press("Enter")
	term.typeKeys("jjjj")
	term.waitFor("row 5")
	term.typeKeys("K")
	term.waitFor("Marked 4 papers read")
	out, _ := exec.Command(binary(t), "--library", lib, "search", "is:read").CombinedOutput()
	if n := len(strings.Fields(strings.TrimSpace(string(out)))); n == 0 || len(strings.Split(strings.TrimSpace(string(out)), "\n")) != 4 {
		t.Fatalf("after K on row 5, papers read:\n%s", out)
	}
	term.typeKeys("u")
	term.waitFor("Undone")
	out, _ = exec.Command(binary(t), "--library", lib, "search", "is:read").CombinedOutput()
	if strings.TrimSpace(string(out)) != "" {
		t.Fatalf("papers still read after undo:\n%s", out)
	}
}

// x hides the first topic of the tag pane, z lists it at the end, x on it
// shows it again, and the library's backup says so at each step.
func TestE2EHiddenTopicListedAndUnhidden(t *testing.T) {
	env, lib := testEnv(t)
	backup := func() string {
		out, err := exec.Command(binary(t), "--library", lib, "export", "--format", "json").CombinedOutput()
		if err != nil {
			t.Fatalf("export: %v\n%s", err, out)
		}
		return string(out)
	}
	term := startOnCorpus(t, 160, 48, env, lib, 202)
	term.press("Enter")
	term.press("BTab") // the tag pane
	var topic string
	deadline := time.Now().Add(15 * time.Second)
	for topic == "" && time.Now().Before(deadline) {
		for _, l := range strings.Split(term.screen(), "\n") {
			if cell, _, ok := strings.Cut(l, "│"); ok && strings.HasPrefix(cell, "▌") {
				fields := strings.Fields(strings.TrimPrefix(cell, "▌"))
				if len(fields) > 1 {
					topic = strings.Join(fields[:len(fields)-1], " ")
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	if topic == "" {
		t.Fatalf("no tag under the cursor:\n%s", term.screen())
	}
	term.typeKeys("x")
	term.waitFor("Hid topic " + topic)
	if !strings.Contains(backup(), "hidden_topics") {
		t.Fatal("the backup lists no hidden topic after x")
	}
	// u undoes the hiding, in the library too; then hide it again.
	term.typeKeys("u")
	term.waitFor("Undone: hid topic " + topic)
	waitUntil(t, func() bool { return !strings.Contains(backup(), "hidden_topics") }, "the backup still lists the hidden topic after u")
	term.typeKeys("x")
	term.waitFor("Hid topic " + topic)
	waitUntil(t, func() bool { return strings.Contains(backup(), "hidden_topics") }, "the backup lists no hidden topic after x again")
	term.typeKeys("z")
	term.waitFor("x " + topic)
	term.typeKeys("x")
	term.waitFor("Showing topic " + topic + " again")
	if strings.Contains(backup(), "hidden_topics") {
		t.Fatal("the backup still lists a hidden topic after x on it")
	}
}

// A saved search's line in the tag pane counts the papers the latest load
// added ("+1"), and papers watch prints the same count.
func TestE2ESavedSearchCountsNewPapers(t *testing.T) {
	env, lib := testEnv(t)
	dir := t.TempDir()
	first := `{"id":"2401.00001","title":"Counting lattice paths","abstract":"Paths.","authors":"A. B","categories":"math.CO"}
{"id":"2401.00002","title":"Learning lattice models","abstract":"Models.","authors":"C. D","categories":"cs.LG"}
`
	corpus := writeFile(t, dir, "cats.jsonl", first)
	if out, err := exec.Command(binary(t), "--library", lib, "watch", "add", "lat", "lattice").CombinedOutput(); err != nil {
		t.Fatalf("watch add: %v\n%s", err, out)
	}
	savedLine := func(term *terminal, count string) func() bool {
		return func() bool { return strings.Contains(tagPaneLine(term.screen(), "⌕ lat"), count) }
	}
	term := startOnCorpus(t, 160, 48, env, lib, 2, "--corpus", corpus)
	// "+2" shows once the load is recorded in the library: quitting
	// before that would leave the first two papers unrecorded.
	waitUntil(t, savedLine(term, "2 +2"), "the first load's saved search does not say 2 +2")
	term.press("Escape")
	term.typeKeys("q")
	if !term.waitExit(10 * time.Second) {
		t.Fatalf("q did not quit:\n%s", term.screen())
	}
	writeFile(t, dir, "cats.jsonl", first+`{"id":"2401.00003","title":"Lattice gauge theory on a laptop","abstract":"Gauge.","authors":"E. F","categories":"hep-lat"}
`)
	again := startOnCorpus(t, 160, 48, env, lib, 3, "--corpus", corpus)
	waitUntil(t, savedLine(again, "3 +1"), "the saved search's line does not say 3 +1")
	out, err := exec.Command(binary(t), "--library", lib, "--corpus", corpus, "watch").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "lat\t3\t1\tlattice") {
		t.Errorf("papers watch after the second load: %v\n%s", err, out)
	}
}

// S saves the search shown under the suggested name; papers watch lists
// it, and the tag pane shows it with its count at once.
func TestE2ESaveSearchFromTheBrowser(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 160, 48, env, lib, 202)
	term.press("Enter")
	term.typeKeys("S")
	term.waitFor("Nothing to save")
	term.typeKeys("/lora")
	term.waitFor("Papers 32/202")
	term.press("Enter")
	term.typeKeys("S")
	term.waitFor("Save search as: lora")
	term.press("Enter")
	term.waitFor("Saved search lora: lora")
	s := term.waitFor("⌕ lora")
	if tag := tagPaneLine(s, "⌕ lora"); !strings.Contains(tag, " 32") {
		t.Errorf("the saved search's line lacks its count 32: %q", tag)
	}
	out, err := exec.Command(binary(t), "--library", lib, "watch").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "lora\t32\t") {
		t.Errorf("papers watch after S: %v\n%s", err, out)
	}
}

// The tag pane of the arXiv sample lists its terms, not the generic words
// of its prose ("dependence", "variables").
func TestE2ETagPaneLeavesOutGenericWords(t *testing.T) {
	sample := filepath.Join(sharedDataDir, "arxiv-jsonl/arxiv-metadata-oai-snapshot-200.json")
	sharedSample(t, "arxiv-jsonl/arxiv-metadata-oai-snapshot-200.json")
	env, lib := testEnv(t)
	term := startTerminal(t, 160, 48, env, "--library", lib, "--corpus", sample) // wide enough for the tag pane
	s := term.waitFor("spacetime")
	// The tag pane is the left column: the first words of each line.
	var pane []string
	for _, line := range strings.Split(s, "\n") {
		if fields := strings.Fields(line); len(fields) > 0 {
			pane = append(pane, fields[0])
		}
	}
	for _, generic := range []string{"dependence", "variables"} {
		if slices.Contains(pane, generic) {
			t.Errorf("the tag pane lists %q:\n%s", generic, s)
		}
	}
}

// NO_COLOR=1: the query's matches in the detail pane are underlined, as
// in the list, and not written as asterisks.
func TestE2ENoColorMarksMatchesInTheDetailPane(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 200, 60, withEnv(env, "NO_COLOR", "1"), lib, 202)
	term.typeKeys("lora")
	term.waitFor("Papers 32/202")
	term.press("Enter")
	var detail string
	waitUntil(t, func() bool {
		detail = ""
		for _, l := range strings.Split(term.styledScreen(), "\n") {
			if i := strings.LastIndex(l, "│"); i >= 0 {
				detail += l[i:] + "\n"
			}
		}
		return strings.Contains(detail, "--------") && sgrParams(detail)[4]
	}, "the detail pane underlines no match")
	if strings.Contains(detail, "**") {
		t.Errorf("the detail pane shows asterisks for emphasis:\n%s", detail)
	}
}

// A terminal that takes no escapes (TERM=dumb) gets no styling at all:
// not even the bold, underline and reverse that NO_COLOR keeps.
func TestE2EDumbTerminalGetsNoStyling(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 120, 40, withEnv(env, "TERM", "dumb"), lib, 202)
	term.typeKeys("lora")
	term.waitFor("Papers 32/202")
	term.press("Enter")
	term.waitFor("Papers 32/202 · row 1")
	term.waitFor("--------")
	if s := term.styledScreen(); sgrSequence.MatchString(s) {
		t.Errorf("TERM=dumb screen has SGR sequences:\n%q", s)
	}
}
