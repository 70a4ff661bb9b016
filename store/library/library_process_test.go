//go:build linux

package library

// Tests that need another process or the kernel: two processes writing one
// library, a writer killed with SIGKILL, a read-only and a full file system.
// Child processes re-run this test binary with -test.run=^TestHelperProcess$
// and helperEnv set.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/papertui/papers/model"
)

const (
	helperEnv     = "PAPERS_LIBRARY_TEST_HELPER" // the child's role
	helperPathEnv = "PAPERS_LIBRARY_TEST_PATH"   // the library it opens
	helperArgEnv  = "PAPERS_LIBRARY_TEST_ARG"    // role-specific argument
	// processTimeout only stops a hung test; no assertion depends on time.
	processTimeout = 3 * time.Minute
)

// TestHelperProcess is not a test: it is the child side of the tests in
// this file, and skips unless helperEnv is set.
func TestHelperProcess(t *testing.T) {
	role := os.Getenv(helperEnv)
	if role == "" {
		t.Skip("only runs as a child of the process tests")
	}
	var err error
	switch role {
	case "burst":
		err = helperBurst(os.Getenv(helperPathEnv), os.Getenv(helperArgEnv))
	case "writer":
		err = helperWriter(os.Getenv(helperPathEnv), os.Getenv(helperArgEnv))
	default:
		err = fmt.Errorf("unknown role %q", role)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(3)
	}
	os.Exit(0)
}

// helperChild is a running helper process with its stdin and stdout.
type helperChild struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan string // stdout, line by line; closed at EOF
	stderr *strings.Builder
}

func startChild(t *testing.T, role, path, arg string) *helperChild {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+role, helperPathEnv+"="+path, helperArgEnv+"="+arg)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &helperChild{cmd: cmd, stdin: stdin, lines: make(chan string, 1024), stderr: &strings.Builder{}}
	cmd.Stderr = c.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		close(c.lines)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return c
}

// next returns the child's next protocol line (one starting with "@"),
// skipping anything the test framework prints.
func (c *helperChild) next(t *testing.T) string {
	t.Helper()
	timeout := time.After(processTimeout)
	for {
		select {
		case line, ok := <-c.lines:
			if !ok {
				t.Fatalf("child exited early: %v\n%s", c.cmd.Wait(), c.stderr)
			}
			if rest, ok := strings.CutPrefix(line, "@"); ok {
				return rest
			}
		case <-timeout:
			t.Fatalf("child silent for %v\n%s", processTimeout, c.stderr)
		}
	}
}

func tell(format string, args ...any) {
	// os.Stdout is unbuffered: once this returns the parent can read it.
	fmt.Printf("@"+format+"\n", args...)
}

// helperBurst writes bookmarks and tags for papers first, first+1, ...
// until killed, announcing each committed write.
func helperBurst(path, arg string) error {
	first, err := strconv.Atoi(arg)
	if err != nil {
		return err
	}
	l, err := Open(path)
	if err != nil {
		return err
	}
	for i := first; ; i++ {
		p := testPaper(i)
		if err := l.SetBookmarks([]*model.Paper{p}, true); err != nil {
			return err
		}
		tell("bookmark %d", i)
		if err := l.AddTags([]*model.Paper{p}, []string{fmt.Sprintf("burst-%d", i)}); err != nil {
			return err
		}
		tell("tag %d", i)
	}
}

// writerOps is how many rounds each writer in TestTwoProcesses runs.
const writerOps = 60

// sharedPaper is tagged and bookmarked by every writer at once.
func sharedPaper() *model.Paper { return testPaper(99999) }

// writerPaper is writer name's own i-th paper.
func writerPaper(name string, i int) *model.Paper {
	base := map[string]int{"a": 10000, "b": 20000, "parent": 30000}[name]
	return testPaper(base + i)
}

// writerRounds bookmarks and tags its own papers and tags and bookmarks
// the shared one, one transaction per call.
func writerRounds(l *Library, name string) error {
	shared := sharedPaper()
	for i := range writerOps {
		own := writerPaper(name, i)
		if err := l.SetBookmarks([]*model.Paper{own, shared}, true); err != nil {
			return err
		}
		if err := l.AddTags([]*model.Paper{own, shared}, []string{"common", fmt.Sprintf("%s-%d", name, i)}); err != nil {
			return err
		}
		if i%10 == 0 {
			if _, err := l.Marks(); err != nil {
				return err
			}
		}
	}
	return nil
}

// helperWriter runs writerRounds when told "go", takes a snapshot, then
// answers "check ID" from the parent: has it seen a change since, and what
// does it see?
func helperWriter(path, name string) error {
	l, err := Open(path)
	if err != nil {
		return err
	}
	defer l.Close()
	// Start writing only when every writer is ready, so they overlap.
	tell("ready")
	in := bufio.NewScanner(os.Stdin)
	if !in.Scan() || in.Text() != "go" {
		return fmt.Errorf("expected go, got %q", in.Text())
	}
	if err := writerRounds(l, name); err != nil {
		return err
	}
	if _, err := l.Marks(); err != nil {
		return err
	}
	tell("done")
	for in.Scan() {
		id, ok := strings.CutPrefix(in.Text(), "check ")
		if !ok {
			continue
		}
		changed, err := l.Changed()
		if err != nil {
			return err
		}
		m, err := l.Marks()
		if err != nil {
			return err
		}
		others := 0
		for _, other := range []string{"a", "b", "parent"} {
			for i := range writerOps {
				if m.For(writerPaper(other, i)).Bookmarked() {
					others++
				}
			}
		}
		tell("changed=%v bookmarked=%v writers=%d", changed, m.ByKey[id].Bookmarked(), others)
	}
	return in.Err()
}

// TestTwoProcesses has two child processes and this one write the same
// library at once, one shared paper included: nothing is lost, nothing is
// duplicated, and each process sees the others' writes on its next read.
func TestTwoProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	mustMarks(t, l)

	a := startChild(t, "writer", path, "a")
	b := startChild(t, "writer", path, "b")
	for _, c := range []*helperChild{a, b} {
		if got := c.next(t); got != "ready" {
			t.Fatalf("child said %q", got)
		}
	}
	for _, c := range []*helperChild{a, b} {
		fmt.Fprintln(c.stdin, "go")
	}
	if err := writerRounds(l, "parent"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []*helperChild{a, b} {
		if got := c.next(t); got != "done" {
			t.Fatalf("child said %q", got)
		}
	}

	if changed, err := l.Changed(); err != nil || !changed {
		t.Errorf("Changed = %v, %v after the children wrote", changed, err)
	}
	m := mustMarks(t, l)
	shared := sharedPaper()
	var wantSharedTags []string
	for _, name := range []string{"a", "b", "parent"} {
		for i := range writerOps {
			p := writerPaper(name, i)
			tag := fmt.Sprintf("%s-%d", name, i)
			mk := m.For(p)
			wantTags := []string{"common", tag}
			slices.Sort(wantTags)
			if !mk.Bookmarked() || !slices.Equal(mk.Tags, wantTags) {
				t.Errorf("%s's paper %d: %+v", name, i, mk)
			}
			wantSharedTags = append(wantSharedTags, tag)
		}
	}
	wantSharedTags = append(wantSharedTags, "common")
	slices.Sort(wantSharedTags)
	if got := m.For(shared).Tags; !slices.Equal(got, wantSharedTags) {
		t.Errorf("shared paper has %d tags, want %d", len(got), len(wantSharedTags))
	}
	papers := 3*writerOps + 1
	for table, want := range map[string]int{
		"bookmarks": papers,
		"papers":    papers,
		"tags":      3*writerOps*2 + len(wantSharedTags),
	} {
		if n := countRows(t, l, table); n != want {
			t.Errorf("%d rows in %s, want %d", n, table, want)
		}
	}
	saved, err := l.SavedPapers()
	if err != nil || len(saved) != papers {
		t.Errorf("SavedPapers: %d, %v; want %d", len(saved), err, papers)
	}

	// Each child sees a write made after its last snapshot.
	late := testPaper(77777)
	noErr(t, l.SetBookmarks([]*model.Paper{late}, true))
	for name, c := range map[string]*helperChild{"a": a, "b": b} {
		fmt.Fprintf(c.stdin, "check %s\n", late.ID)
		want := fmt.Sprintf("changed=true bookmarked=true writers=%d", 3*writerOps)
		if got := c.next(t); got != want {
			t.Errorf("child %s: %q, want %q", name, got, want)
		}
		c.stdin.Close()
		if err := c.cmd.Wait(); err != nil {
			t.Errorf("child %s: %v\n%s", name, err, c.stderr)
		}
	}
}

// TestSIGKILLKeepsAcknowledgedWrites kills a writer in the middle of a
// burst, three times over: every write it acknowledged is in the library,
// which opens cleanly each time.
func TestSIGKILLKeepsAcknowledgedWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	bookmarked, tagged := map[int]bool{}, map[int]bool{}
	first := 0
	for round, acks := range []int{25, 40, 61} {
		c := startChild(t, "burst", path, strconv.Itoa(first))
		last := first
		for range acks {
			kind, n, ok := strings.Cut(c.next(t), " ")
			i, err := strconv.Atoi(n)
			if !ok || err != nil {
				t.Fatalf("bad ack %q %q", kind, n)
			}
			switch kind {
			case "bookmark":
				bookmarked[i] = true
			case "tag":
				tagged[i] = true
			}
			last = i
		}
		if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		err := c.cmd.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("round %d: child was not killed: %v\n%s", round, err, c.stderr)
		}
		first = last + 1000 // clear of anything the child wrote after its last ack

		l, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: reopening after SIGKILL: %v", round, err)
		}
		m := mustMarks(t, l)
		for i := range bookmarked {
			if !m.For(testPaper(i)).Bookmarked() {
				t.Errorf("round %d: acknowledged bookmark %d lost", round, i)
			}
		}
		for i := range tagged {
			if !slices.Contains(m.For(testPaper(i)).Tags, fmt.Sprintf("burst-%d", i)) {
				t.Errorf("round %d: acknowledged tag %d lost", round, i)
			}
		}
		var check string
		l.r.QueryRow(`PRAGMA quick_check`).Scan(&check)
		if check != "ok" {
			t.Errorf("round %d: quick_check = %q", round, check)
		}
		noErr(t, l.Close())
	}
	if acked := len(bookmarked) + len(tagged); acked != 25+40+61 {
		t.Errorf("%d writes acknowledged, want %d", acked, 25+40+61)
	}
}

// mountTmpfs mounts a tmpfs of size bytes on a fresh directory, or skips
// the test where mounting is not allowed (not root, no CAP_SYS_ADMIN).
func mountTmpfs(t *testing.T, size int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "mnt")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d,mode=0700", size)); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v)", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// TestFullFilesystem fills a small tmpfs: a write that needs space fails
// with a *Error, reads keep working, nothing is lost, and writes
// work again once space is freed.
func TestFullFilesystem(t *testing.T) {
	dir := mountTmpfs(t, 2<<20)
	l, err := Open(filepath.Join(dir, "papers", "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var papers []*model.Paper
	for i := range 50 {
		papers = append(papers, testPaper(i))
	}
	noErr(t, l.SetBookmarks(papers, true))
	noErr(t, l.AddTags(papers, []string{"kept"}))

	filler, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 4096)
	for {
		if _, err := filler.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	filler.Close()

	big := strings.Repeat("no room for this note. ", 20000)
	err = l.SetNote(papers[0], big)
	le := asError(t, err)
	if le.Kind != DiskFull {
		t.Errorf("error = %v", err)
	}
	m := mustMarks(t, l)
	for _, p := range papers {
		if mk := m.For(p); !mk.Bookmarked() || !slices.Equal(mk.Tags, []string{"kept"}) || mk.Note != "" {
			t.Fatalf("after the failed write: %s %+v", p.ID, mk)
		}
	}

	noErr(t, os.Remove(filepath.Join(dir, "filler")))
	noErr(t, l.SetNote(papers[0], big))
	if note, _ := l.Note(papers[0]); note != model.CleanText(big) {
		t.Error("note not saved once space was freed")
	}
}

// TestReadOnlyFilesystem opens a library through a read-only bind mount:
// it reads, and every write returns a *Error saying so.
func TestReadOnlyFilesystem(t *testing.T) {
	src := mountTmpfs(t, 8<<20)
	path := filepath.Join(src, "library.db")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	p := testPaper(1)
	noErr(t, l.SetBookmarks([]*model.Paper{p}, true))
	noErr(t, l.SetNote(p, "kept"))
	noErr(t, l.Close())
	sum := fileSum(t, path)

	ro := filepath.Join(t.TempDir(), "ro")
	noErr(t, os.Mkdir(ro, 0o700))
	if err := syscall.Mount(src, ro, "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("cannot bind-mount here (%v)", err)
	}
	t.Cleanup(func() { syscall.Unmount(ro, syscall.MNT_DETACH) })
	if err := syscall.Mount("", ro, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot make the bind mount read-only (%v)", err)
	}

	l, err = Open(filepath.Join(ro, "library.db"))
	if err != nil {
		t.Fatalf("opening a library on a read-only file system: %v", err)
	}
	defer l.Close()
	if m := mustMarks(t, l); !m.For(p).Bookmarked() || m.For(p).Note != "kept" {
		t.Errorf("read through the read-only mount: %+v", m.For(p))
	}
	for name, write := range map[string]func() error{
		"bookmark": func() error { return l.SetBookmarks([]*model.Paper{testPaper(2)}, true) },
		"tag":      func() error { return l.AddTags([]*model.Paper{p}, []string{"x"}) },
		"note":     func() error { return l.SetNote(p, "") },
		"seen":     func() error { _, _, err := l.RecordSeen([]model.Paper{*testPaper(3)}); return err },
	} {
		le := asError(t, write())
		if le.Kind != ReadOnly {
			t.Errorf("%s: %v", name, le)
		}
	}
	if m := mustMarks(t, l); !m.For(p).Bookmarked() || m.For(p).Note != "kept" || len(m.ByKey) != 1 {
		t.Errorf("after refused writes: %+v", m.ByKey)
	}
	if fileSum(t, path) != sum {
		t.Error("library changed through a read-only mount")
	}
}
