package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// End-to-end tests: the real binary in a real terminal (tmux), driven one
// key at a time as a person types, the screen read back with capture-pane.
// Bubble Tea reports a burst of keys as one multi-rune key, so keys are
// sent singly and each step waits for the screen to show its effect.

var builtBinary string

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBinary != "" {
		os.RemoveAll(filepath.Dir(builtBinary))
	}
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
	for _, a := range args {
		quoted = append(quoted, "'"+strings.ReplaceAll(a, "'", `'\''`)+"'")
	}
	cmd = append(cmd, strings.Join(quoted, " "))
	term.tmux(cmd...)
	term.tmux("set-option", "-g", "set-clipboard", "on")
	t.Cleanup(func() { exec.Command("tmux", "-L", term.socket, "kill-server").Run() })
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

// waitFor polls the screen until it contains text.
func (term *terminal) waitFor(text string) string {
	term.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
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
	term := startTerminal(t, 120, 40, env, "--library", lib)
	term.waitFor("Papers 202/202")
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

// listRows returns the titles on the list pane of a 120-column screen.
func listRows(screen string) []string {
	var rows []string
	lines := strings.Split(screen, "\n")
	for _, l := range lines[2:] {
		left, _, found := strings.Cut(l, "│")
		if !found {
			continue
		}
		title := strings.TrimSpace(strings.TrimLeft(left, " ▌★"))
		if title != "" {
			rows = append(rows, title)
		}
	}
	return rows
}

func TestE2EBookmarkSurvivesRestart(t *testing.T) {
	env, lib := testEnv(t)
	term := startTerminal(t, 120, 40, env, "--library", lib)
	term.waitFor("Papers 202/202")
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

	again := startTerminal(t, 120, 40, env, "--library", lib)
	s := again.waitFor("Papers 202/202")
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
	term := startTerminal(t, 120, 40, env, "--library", lib)
	term.waitFor("Papers 202/202")
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
	term := startTerminal(t, 120, 40, env, "--library", lib)
	term.waitFor("Papers 202/202")
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
	term := startTerminal(t, 160, 48, env, "--library", lib)
	term.waitFor("Papers 202/202")
	s := term.waitFor("LoRA ")
	if !strings.Contains(s, "Tags") {
		t.Errorf("no tag pane at 160 columns:\n%s", s)
	}
}

// Two processes on one library: what the command line writes, the running
// browser shows without a restart (it polls the library every few seconds).
func TestE2EBrowserSeesAnotherProcessWrite(t *testing.T) {
	env, lib := testEnv(t)
	term := startTerminal(t, 120, 40, env, "--library", lib)
	term.waitFor("Papers 202/202")
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
