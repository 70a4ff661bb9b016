package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
)

// End-to-end tests: the real binary in a real terminal (tmux), driven one
// key at a time as a person types, the screen read back with capture-pane.
// Bubble Tea reports a burst of keys as one multi-rune key, so keys are
// sent singly and each step waits for the screen to show its effect.

var builtBinary string

func TestMain(m *testing.M) {
	// No test may read or write the user's own library, config or cache:
	// a test that forgets its own directories gets these empty ones.
	home, err := os.MkdirTemp("", "papers-test-home-")
	if err != nil {
		panic(err)
	}
	// The build of the binary keeps the Go build cache, which lives
	// under XDG_CACHE_HOME by default: a fresh one rebuilds every
	// dependency (minutes).
	if os.Getenv("GOCACHE") == "" {
		if out, err := exec.Command("go", "env", "GOCACHE").Output(); err == nil {
			os.Setenv("GOCACHE", strings.TrimSpace(string(out)))
		}
	}
	for _, v := range []string{"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"} {
		os.Setenv(v, filepath.Join(home, v))
	}
	code := m.Run()
	if builtBinary != "" {
		os.RemoveAll(filepath.Dir(builtBinary))
	}
	os.RemoveAll(home)
	os.Exit(code)
}

// binary builds papers once per test run.
func binary(t *testing.T) string {
	t.Helper()
	if builtBinary != "" {
		return builtBinary
	}
	dir, err := os.MkdirTemp("", "papers-e2e-")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "papers")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("building papers: %v\n%s", err, out)
	}
	builtBinary = bin
	return bin
}

// terminal is one tmux server running papers in a window of a fixed size.
type terminal struct {
	t      *testing.T
	socket string
}

func startTerminal(t *testing.T, w, h int, env []string, args ...string) *terminal {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (apt-get install tmux); .ci/run installs it")
	}
	bin := binary(t)
	term := &terminal{t: t, socket: fmt.Sprintf("papers-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	cmd := []string{"new-session", "-d", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h)}
	for _, e := range append([]string{"TERM=xterm-256color"}, env...) {
		cmd = append(cmd, "-e", e)
	}
	quoted := []string{bin}
	for _, e := range env {
		if strings.HasPrefix(e, "TERM=") {
			// tmux sets the pane's TERM itself, over -e.
			quoted = []string{"env", "'" + e + "'", bin}
		}
	}
	for _, a := range args {
		quoted = append(quoted, "'"+strings.ReplaceAll(a, "'", `'\''`)+"'")
	}
	cmd = append(cmd, strings.Join(quoted, " "))
	term.tmux(cmd...)
	term.tmux("set-option", "-g", "set-clipboard", "on")
	t.Cleanup(func() { exec.Command("tmux", "-L", term.socket, "kill-server").Run() })
	return term
}

// startOnCorpus starts papers with the library lib on the built-in corpus,
// or on the corpus that args name, and waits for its list of papers
// papers long.
func startOnCorpus(t *testing.T, w, h int, env []string, lib string, papers int, args ...string) *terminal {
	t.Helper()
	term := startTerminal(t, w, h, env, append([]string{"--library", lib}, args...)...)
	term.waitFor(fmt.Sprintf("Papers %d/%d", papers, papers))
	return term
}

func (term *terminal) tmux(args ...string) string {
	term.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", term.socket}, args...)...).CombinedOutput()
	if err != nil {
		term.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (term *terminal) screen() string {
	term.t.Helper()
	out, err := exec.Command("tmux", "-L", term.socket, "capture-pane", "-p").CombinedOutput()
	if err != nil {
		return ""
	}
	return string(out)
}

// screenWait is how long the e2e tests wait for the screen to show what
// they expect. It is long because under the race detector on a loaded
// machine glamour's first rendering can take many seconds; a passing test
// never waits for it.
const screenWait = 45 * time.Second

// waitFor polls the screen until it contains text.
func (term *terminal) waitFor(text string) string {
	term.t.Helper()
	deadline := time.Now().Add(screenWait)
	for {
		s := term.screen()
		if strings.Contains(s, text) {
			return s
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("the screen never showed %q; it shows:\n%s", text, s)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// typeKeys sends each rune as its own key press.
func (term *terminal) typeKeys(s string) {
	term.t.Helper()
	for _, r := range s {
		term.tmux("send-keys", "-l", string(r))
		time.Sleep(30 * time.Millisecond)
	}
}

// press sends a named key (Enter, Escape, ...).
func (term *terminal) press(key string) {
	term.t.Helper()
	term.tmux("send-keys", key)
	time.Sleep(30 * time.Millisecond)
}

func (term *terminal) exited() bool {
	out, err := exec.Command("tmux", "-L", term.socket, "list-sessions").CombinedOutput()
	return err != nil || strings.TrimSpace(string(out)) == ""
}

func testEnv(t *testing.T) (env []string, library string) {
	dir := t.TempDir()
	library = filepath.Join(dir, "library.db")
	return []string{"XDG_DATA_HOME=" + dir, "XDG_CONFIG_HOME=" + dir, "NO_COLOR="}, library
}

func TestE2ETypingLoraShowsOnlyLoRAPapers(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 120, 40, env, lib, 202)
	term.typeKeys("/lora")
	s := term.waitFor("Papers 32/202")
	rows := listRows(s)
	if len(rows) == 0 || !strings.HasPrefix(rows[0], "LoRA Learns Less and Forgets Less") {
		t.Fatalf("first row should be the LoRA paper, rows: %q", rows)
	}
	for _, r := range rows[:11] {
		if !strings.Contains(strings.ToLower(r), "lora") {
			t.Errorf("a title-match row without LoRA: %q", r)
		}
	}
	if strings.Contains(s, "Universal Adversarial Triggers") {
		t.Error("a paper without LoRA is still listed")
	}
	term.press("Escape")
	term.waitFor("Papers 202/202")
	term.typeKeys("q")
	deadline := time.Now().Add(5 * time.Second)
	for !term.exited() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !term.exited() {
		t.Fatal("q did not quit")
	}
}

// tagPaneLine returns the line of the tag pane (the left column of a
// screen wide enough for it) that holds text, or "".
func tagPaneLine(screen, text string) string {
	for _, l := range strings.Split(screen, "\n") {
		if tag, _, _ := strings.Cut(l, "│"); strings.Contains(tag, text) {
			return tag
		}
	}
	return ""
}

// listRows returns the titles on the list pane of a 120-column screen.
func listRows(screen string) []string {
	var rows []string
	lines := strings.Split(screen, "\n")
	for _, l := range lines[2:] {
		left, _, found := strings.Cut(l, "│")
		if !found {
			continue
		}
		title := strings.TrimSpace(strings.TrimLeft(left, " ▌★✓·"))
		if title != "" {
			rows = append(rows, title)
		}
	}
	return rows
}

func TestE2EBookmarkSurvivesRestart(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 120, 40, env, lib, 202)
	term.press("Enter") // from the search line, where the browser starts, to the list
	term.typeKeys("j")
	term.typeKeys("b")
	term.waitFor("Bookmarked “Less is More")
	term.typeKeys("q")
	for deadline := time.Now().Add(5 * time.Second); !term.exited() && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}

	out, err := exec.Command(binary(t), "--library", lib, "search", "is:bookmarked").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Less is More: Selective Layer Finetuning with SubTuning") {
		t.Fatalf("papers search is:bookmarked after the TUI: %v\n%s", err, out)
	}

	s := startOnCorpus(t, 120, 40, env, lib, 202).screen()
	// The marks are loaded with the papers: the first screen shows them.
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "Less is More") {
			if !strings.Contains(l, "★") {
				t.Errorf("the bookmark mark is not on the first screen after a restart: %q", l)
			}
			return
		}
	}
	t.Fatalf("the bookmarked paper is not on screen:\n%s", s)
}

func TestE2EResizeSmallAndLarge(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 120, 40, env, lib, 202)
	for _, size := range [][2]int{{80, 24}, {30, 8}, {20, 5}, {12, 3}, {200, 60}, {160, 48}, {120, 40}} {
		term.tmux("resize-window", "-x", fmt.Sprint(size[0]), "-y", fmt.Sprint(size[1]))
		switch {
		case size[0] < 30 || size[1] < 8:
			term.waitFor("Too")
		default:
			term.waitFor("Papers 202/202")
		}
	}
	if term.exited() {
		t.Fatal("papers died while resizing")
	}
	s := term.waitFor("Papers 202/202")
	if !strings.Contains(s, "Universal Adversarial Triggers") {
		t.Errorf("after resizing back the list is not shown:\n%s", s)
	}
}

func TestE2ECopyLinkWithOSC52(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 120, 40, env, lib, 202)
	term.typeKeys("/robustlearn")
	term.waitFor("Papers 1/202")
	term.press("Enter")
	term.typeKeys("y")
	term.waitFor("Copied")
	deadline := time.Now().Add(5 * time.Second)
	for {
		out, _ := exec.Command("tmux", "-L", term.socket, "show-buffer").CombinedOutput()
		if strings.TrimSpace(string(out)) == "https://github.com/microsoft/robustlearn" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the clipboard (tmux buffer) holds %q", out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestE2ETagPaneOnWideTerminal(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 160, 48, env, lib, 202)
	s := term.waitFor("LoRA ")
	if !strings.Contains(s, "Tags") {
		t.Errorf("no tag pane at 160 columns:\n%s", s)
	}
}

// Two processes on one library: what the command line writes, the running
// browser shows without a restart (it polls the library every few seconds).
func TestE2EBrowserSeesAnotherProcessWrite(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 120, 40, env, lib, 202)
	// stdout only: the note on stderr says how lrlf was matched.
	out, err := exec.Command(binary(t), "--library", lib, "search", "--limit", "1", "lrlf").Output()
	if err != nil {
		t.Fatalf("search: %v\n%s", err, out)
	}
	id, title, _ := strings.Cut(strings.TrimSpace(string(out)), "\t")
	if out, err := exec.Command(binary(t), "--library", lib, "bookmark", id).CombinedOutput(); err != nil {
		t.Fatalf("bookmark from another process: %v\n%s", err, out)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		for _, l := range strings.Split(term.screen(), "\n") {
			if strings.Contains(l, title) && strings.Contains(l, "★") {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the browser never showed the bookmark made by another process:\n%s", term.screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitExit waits for papers to leave, and says whether it did.
func (term *terminal) waitExit(d time.Duration) bool {
	for deadline := time.Now().Add(d); !term.exited() && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	return term.exited()
}

// A new user types a word at the first screen: it filters, and none of
// its letters acts (q quits, o opens, b bookmarks, s sorts, t tags).
func TestE2ETypingAWordAtStartDoesNotQuitOrAct(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 80, 24, append(env, "BROWSER=false"), lib, 202)
	term.typeKeys("quantum robust")
	time.Sleep(300 * time.Millisecond)
	s := term.screen()
	if term.exited() {
		t.Fatal("typing quantum quit papers")
	}
	if !strings.Contains(s, "/ quantum robust") {
		t.Errorf("the word did not go into the search line:\n%s", s)
	}
	for _, bad := range []string{"Opened", "Bookmarked", "Sorted", "Add tag"} {
		if strings.Contains(s, bad) {
			t.Errorf("typing fired a command (%q on screen):\n%s", bad, s)
		}
	}
	out, _ := exec.Command(binary(t), "--library", lib, "search", "is:bookmarked").CombinedOutput()
	if strings.TrimSpace(string(out)) != "" {
		t.Errorf("typing bookmarked something: %s", out)
	}
	// esc leaves the search line; now q quits.
	term.press("Escape")
	term.typeKeys("q")
	if !term.waitExit(5 * time.Second) {
		t.Fatal("q in the list did not quit")
	}
}

func TestE2EBulkBookmarkThreeSelected(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 120, 40, env, lib, 202)
	term.press("Enter")
	term.press("Space")
	term.waitFor("1 selected")
	term.press("Space")
	term.waitFor("2 selected")
	term.press("Space")
	term.waitFor("3 selected")
	term.typeKeys("b")
	term.waitFor("Bookmarked 3 papers")
	term.typeKeys("q")
	if !term.waitExit(5 * time.Second) {
		t.Fatal("q did not quit")
	}
	out, err := exec.Command(binary(t), "--library", lib, "search", "is:bookmarked").CombinedOutput()
	if err != nil {
		t.Fatalf("papers search is:bookmarked: %v\n%s", err, out)
	}
	if n := len(strings.Split(strings.TrimSpace(string(out)), "\n")); n != 3 {
		t.Fatalf("%d bookmarks after bookmarking 3 selected papers:\n%s", n, out)
	}
}

func TestE2EMarkVisibleReadThenUndo(t *testing.T) {
	env, lib := testEnv(t)
	// Without the read timer, so that only M and u change read marks.
	config := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(config, []byte(`read_after = "0"`), 0o600); err != nil {
		t.Fatal(err)
	}
	term := startOnCorpus(t, 120, 40, env, lib, 202, "--config", config)
	term.typeKeys("/lora")
	term.waitFor("Papers 32/202")
	term.press("Enter")
	term.typeKeys("M")
	term.waitFor("Marked 32 papers read")
	out, _ := exec.Command(binary(t), "--library", lib, "search", "is:read").CombinedOutput()
	if n := len(strings.Split(strings.TrimSpace(string(out)), "\n")); n != 32 {
		t.Fatalf("%d papers read after M on 32:\n%s", n, out)
	}
	term.typeKeys("u")
	term.waitFor("Undone")
	out, _ = exec.Command(binary(t), "--library", lib, "search", "is:read").CombinedOutput()
	if strings.TrimSpace(string(out)) != "" {
		t.Fatalf("papers still read after undo:\n%s", out)
	}
}

func TestE2ESavedSearchCountInTheTagPane(t *testing.T) {
	env, lib := testEnv(t)
	if out, err := exec.Command(binary(t), "--library", lib, "watch", "add", "lora-watch", "lora").CombinedOutput(); err != nil {
		t.Fatalf("watch add: %v\n%s", err, out)
	}
	term := startOnCorpus(t, 160, 48, env, lib, 202)
	s := term.waitFor("⌕ lora-watch")
	if tag := tagPaneLine(s, "⌕ lora-watch"); !strings.Contains(tag, " 32") {
		t.Errorf("the saved search's line lacks its count 32: %q", tag)
	}
	// enter on it applies the query.
	term.press("Enter")
	term.press("BTab")
	term.press("Enter")
	term.waitFor("Papers 32/202")
}

// r fetches the configured feeds from inside the browser, and the list
// becomes the fetched listing. The feed is an httptest server replaying a
// real listing.
func TestE2ERefreshKeyFetchesTheFeeds(t *testing.T) {
	srv := listingServer(t)
	env, lib := testEnv(t)
	dir := filepath.Dir(lib)
	config := writeFile(t, dir, "config.toml", "[[feeds]]\nsource = \"arxiv\"\ncategories = [\"cs.LG\"]\n")
	env = append(env, "XDG_CACHE_HOME="+dir, "PAPERS_ARXIV_RSS_URL="+srv.URL+"/rss/")
	// No feed fetched yet: the built-in page.
	term := startOnCorpus(t, 120, 40, env, lib, 202, "--config", config)
	term.press("Enter")
	term.press("r")
	term.waitFor("Papers 3/3")
	term.waitFor("Hardware and Software Techniques")
}

func TestE2EQuickTriageKeepSkipAndLeave(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 80, 24, env, lib, 202)
	term.typeKeys("/lora")
	term.waitFor("Papers 32/202")
	term.press("Enter")
	term.typeKeys("v")
	term.waitFor("Triage 1/32 · 0 kept")
	term.typeKeys("b")
	term.waitFor("Triage 2/32 · 1 kept")
	term.press("Space")
	term.waitFor("Triage 3/32 · 1 kept")
	term.press("BSpace")
	term.waitFor("Triage 2/32 · 1 kept")
	// q leaves the run; it does not quit the browser.
	term.typeKeys("q")
	screen := term.waitFor("Papers 32/202 · row 2")
	if term.exited() || strings.Contains(screen, "Triage") {
		t.Fatalf("q in triage should go back to the browser:\n%s", screen)
	}
	term.typeKeys("q")
	if !term.waitExit(5 * time.Second) {
		t.Fatal("q did not quit")
	}
	for query, want := range map[string]int{"is:bookmarked": 1, "is:read": 2} {
		out, err := exec.Command(binary(t), "--library", lib, "search", query).CombinedOutput()
		if err != nil {
			t.Fatalf("papers search %s: %v\n%s", query, err, out)
		}
		if n := len(strings.Split(strings.TrimSpace(string(out)), "\n")); n != want {
			t.Errorf("papers search %s: %d papers after a keep and a skip, want %d:\n%s", query, n, want, out)
		}
	}
}

func TestE2EBackAndForwardAfterARelatedPaper(t *testing.T) {
	env, lib := testEnv(t)
	term := startOnCorpus(t, 120, 40, env, lib, 202)
	term.press("Enter")
	term.waitFor("Related papers")
	// The title as glamour renders it: the plain stand-in shown until then
	// wraps the title at another width, so its first line can differ. Only
	// the rendering has the source line.
	rendered := func() string {
		s := term.screen()
		if !strings.Contains(s, "· from built-in") {
			return ""
		}
		return detailTitle(s)
	}
	var title string
	waitUntil(t, func() bool { title = rendered(); return title != "" }, "the detail pane was never rendered")
	term.typeKeys("1")
	term.waitFor("Papers 202/202 · row")
	var related string
	moved := func() bool { related = rendered(); return related != "" && related != title }
	waitUntil(t, moved, "1 did not go to a related paper")
	term.typeKeys("H")
	waitUntil(t, func() bool { return rendered() == title }, "H did not go back")
	term.press("M-Right")
	waitUntil(t, func() bool { return rendered() == related }, "alt+right did not go forward")
}

// detailTitle is the first line of the detail pane's column on a
// 120-column screen: the paper's title.
func detailTitle(screen string) string {
	lines := strings.Split(screen, "\n")
	for _, l := range lines[2:] {
		r := []rune(l)
		if len(r) > 56 {
			if s := strings.TrimSpace(string(r[56:])); s != "" {
				return s
			}
		}
	}
	return ""
}

func waitUntil(t *testing.T, ok func() bool, msg string) {
	t.Helper()
	deadline := time.Now().Add(screenWait)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal(msg)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

func TestE2EOpenThePDFAndChooseALink(t *testing.T) {
	env, lib := testEnv(t)
	dir := t.TempDir()
	browser, opened := standInBrowser(t, dir)
	corpus := filepath.Join(dir, "arxiv.jsonl")
	record := `{"id":"2401.99992","title":"Zebrafish fins","abstract":"About fins.","authors":"B. Author","categories":"q-bio.PE"}` + "\n"
	if err := os.WriteFile(corpus, []byte(record), 0o600); err != nil {
		t.Fatal(err)
	}
	term := startOnCorpus(t, 100, 30, append(env, "BROWSER="+browser), lib, 1, "--corpus", corpus)
	term.press("Enter")
	term.typeKeys("O")
	term.waitFor("Opened https://arxiv.org/pdf/2401.99992")
	term.typeKeys("o")
	term.waitFor("Links of “Zebrafish fins”")
	term.waitFor("2 PDF")
	term.typeKeys("1")
	term.waitFor("Opened https://arxiv.org/abs/2401.99992")
	want := "https://arxiv.org/pdf/2401.99992\nhttps://arxiv.org/abs/2401.99992\n"
	waitUntil(t, func() bool { b, _ := os.ReadFile(opened); return string(b) == want }, "the browser was not asked for the PDF, then the abstract page")
}

func TestE2EExportTwoSelectedPapersToAFile(t *testing.T) {
	env, lib := testEnv(t)
	out := filepath.Join(t.TempDir(), "reading.bib")
	term := startOnCorpus(t, 100, 30, env, lib, 202)
	term.press("Enter")
	term.press("Space")
	term.press("Space")
	term.waitFor("2 selected")
	term.typeKeys("E")
	term.waitFor("Export as:")
	term.typeKeys("bibtex")
	term.press("Enter")
	term.waitFor("Export to file:")
	term.typeKeys(out)
	term.press("Enter")
	term.waitFor("Exported 2 papers as bibtex")
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "@misc{"); n != 2 {
		t.Errorf("%s has %d entries, want 2:\n%s", out, n, b)
	}
}

// The hyperlinks take no cells: the real terminal shows the same screen
// with them as without.
func TestE2EHyperlinksLeaveTheScreenAsItIs(t *testing.T) {
	corpus := filepath.Join(t.TempDir(), "arxiv.jsonl")
	record := `{"id":"2401.99992","title":"Zebrafish fins","abstract":"About fins.","authors":"B. Author","categories":"q-bio.PE","comments":"code at https://github.com/example/zebrafish-fins"}` + "\n"
	if err := os.WriteFile(corpus, []byte(record), 0o600); err != nil {
		t.Fatal(err)
	}
	var screens []string
	for _, on := range []string{"0", "1"} {
		env, lib := testEnv(t)
		term := startOnCorpus(t, 100, 30, append(env, "PAPERS_HYPERLINKS="+on), lib, 1, "--corpus", corpus)
		term.press("Enter")
		screens = append(screens, term.waitFor("2401.99992 · "))
	}
	if screens[0] != screens[1] {
		t.Errorf("the screen differs with hyperlinks on:\n%s\nwith them off:\n%s", screens[1], screens[0])
	}
	if !strings.Contains(screens[1], "Links:") {
		t.Errorf("no links shown:\n%s", screens[1])
	}
}

// writeStorableCorpus writes papers as arXiv JSON Lines, dated as arXiv
// records are: a corpus with undated papers is dated by the library at
// each load, and not opened from the store.
func writeStorableCorpus(t *testing.T, path string, papers []model.Paper) {
	t.Helper()
	var b strings.Builder
	for _, p := range papers {
		line, _ := json.Marshal(map[string]any{
			"id": p.ArxivID, "title": p.Title, "abstract": p.Abstract[:min(len(p.Abstract), 200)],
			"authors": strings.Join(p.Authors, " and "), "categories": strings.Join(p.Categories, " "),
			"versions": []map[string]string{{"version": "v1", "created": p.Published.Format(time.RFC1123)}},
		})
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// A day's listing beside a stored snapshot, ten papers in both: the
// browser opens both from the store (the listing loaded at open, and
// stored for the next start), shows each paper once and finds the
// listing's papers; the next start, from both segments, the same.
func TestE2EListingBesideTheStore(t *testing.T) {
	env, lib := testEnv(t)
	cacheDir := filepath.Join(t.TempDir(), "cache")
	env = append(env, "XDG_CACHE_HOME="+cacheDir)
	dir := t.TempDir()
	big, listing := filepath.Join(dir, "arxiv.jsonl"), filepath.Join(dir, "today.jsonl")
	all := synthetic.Zipf(3030, 21)
	all[3029].Title = "Quokka Sightings in a Listing"
	writeStorableCorpus(t, big, all[:3000])
	writeStorableCorpus(t, listing, all[2990:])
	index := func(corpora ...string) string {
		t.Helper()
		cmd := exec.Command(binary(t), append(corpora, "index")...)
		cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+cacheDir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("papers index: %v\n%s", err, out)
		}
		return string(out)
	}
	index("--corpus", big)
	for _, stored := range []bool{false, true} {
		if stored {
			// The first start stored the listing it loaded.
			if out := index("--corpus", big, "--corpus", listing); !strings.Contains(out, "today.jsonl: up to date, 40 papers") {
				t.Fatalf("papers index of the listing: %s", out)
			}
		}
		term := startOnCorpus(t, 120, 40, env, lib, 3030, "--corpus", big, "--corpus", listing)
		term.typeKeys("/quokka")
		term.waitFor("Papers 1/3030")
		term.waitFor("Quokka Sightings")
		term.press("Escape")
		term.press("Escape")
		term.typeKeys("q")
		if !term.waitExit(5 * time.Second) {
			t.Fatal("the browser did not quit")
		}
	}
}

// The browser stores what its first start computed, and a second start
// opens from the store with the same screen: same papers, same search
// results, same related papers.
func TestE2ESecondStartOpensFromTheStore(t *testing.T) {
	env, lib := testEnv(t)
	cacheDir := filepath.Join(t.TempDir(), "cache")
	env = append(env, "XDG_CACHE_HOME="+cacheDir)
	corpus := filepath.Join(t.TempDir(), "arxiv.jsonl")
	writeStorableCorpus(t, corpus, synthetic.Zipf(3000, 21))
	stored := func(suffix string) bool {
		m, _ := filepath.Glob(filepath.Join(cacheDir, "papers", "segments", "*"+suffix))
		return len(m) == 1
	}
	// settled waits for the screen to show every text and then to stay
	// the same for a while: the background work is done.
	settled := func(term *terminal, texts ...string) string {
		t.Helper()
		prev := ""
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(300 * time.Millisecond) {
			s := term.screen()
			all := true
			for _, text := range texts {
				all = all && strings.Contains(s, text)
			}
			if all && s == prev {
				return s
			}
			prev = s
		}
		t.Fatalf("the screen never settled showing %q; it shows:\n%s", texts, prev)
		return ""
	}
	session := func() (first, searched string) {
		term := startOnCorpus(t, 160, 60, env, lib, 3000, "--corpus", corpus)
		term.press("Enter")
		first = settled(term, "Papers 3000/3000", "Related papers", "Tags:")
		term.press("Escape")
		term.typeKeys("/model")
		searched = settled(term, "/ model ", "Related papers")
		if strings.Contains(searched, "Papers 3000/3000") {
			t.Fatalf("the search did not filter:\n%s", searched)
		}
		// The first start writes the store in the background.
		for deadline := time.Now().Add(20 * time.Second); !(stored(".seg") && stored(".drv")) && time.Now().Before(deadline); {
			time.Sleep(100 * time.Millisecond)
		}
		term.press("Escape")
		term.press("Escape")
		term.typeKeys("q")
		for deadline := time.Now().Add(5 * time.Second); !term.exited() && time.Now().Before(deadline); {
			time.Sleep(50 * time.Millisecond)
		}
		return first, searched
	}
	first1, search1 := session()
	if !stored(".seg") || !stored(".drv") {
		t.Fatal("the first start did not write the segment and the derived data")
	}
	cache := exec.Command(binary(t), "cache")
	cache.Env = append(os.Environ(), "XDG_CACHE_HOME="+cacheDir)
	if out, err := cache.CombinedOutput(); err != nil || strings.Count(string(out), "(up to date)") != 2 {
		t.Fatalf("papers cache after the first start: %v\n%s", err, out)
	}
	modTimes := func() (times []time.Time) {
		files, _ := filepath.Glob(filepath.Join(cacheDir, "papers", "segments", "*"))
		for _, f := range files {
			info, err := os.Stat(f)
			if err != nil {
				t.Fatal(err)
			}
			times = append(times, info.ModTime())
		}
		return times
	}
	before := modTimes()
	first2, search2 := session()
	// Opened from the store: a start that loaded the corpus would have
	// written the store again.
	if after := modTimes(); !slices.Equal(before, after) {
		t.Errorf("the second start rewrote the store: %v, then %v", before, after)
	}
	if first1 != first2 {
		t.Errorf("the second start shows another first screen:\n%s\nvs\n%s", first2, first1)
	}
	if search1 != search2 {
		t.Errorf("the second start searches differently:\n%s\nvs\n%s", search2, search1)
	}
}
