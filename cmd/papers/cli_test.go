package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/synthetic"
	"github.com/papertui/papers/store"
	"github.com/papertui/papers/store/library"
)

// papers runs the command line in-process and returns what it printed and
// its exit status.
func papers(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

func tempLibrary(t *testing.T) string {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // no user config
	t.Setenv("XDG_CACHE_HOME", t.TempDir())  // no user store
	return filepath.Join(t.TempDir(), "library.db")
}

func TestSearchEmptyQueryListsTheBuiltInCorpus(t *testing.T) {
	lib := tempLibrary(t)
	out, errOut, code := papers(t, "--library", lib, "search", "--json", "")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 202 {
		t.Fatalf("got %d papers, want 202", len(lines))
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first["title"] != "Universal Adversarial Triggers Are Not Universal" {
		t.Errorf("first title %q", first["title"])
	}
	for _, field := range []string{"id", "title", "score", "tags", "bookmarked", "links"} {
		if _, ok := first[field]; !ok {
			t.Errorf("JSON lacks %q: %s", field, lines[0])
		}
	}
	if tags, ok := first["tags"].([]any); !ok || len(tags) == 0 {
		t.Errorf("tags should include the paper's topic tags: %v", first["tags"])
	}
}

func TestSearchExitStatus(t *testing.T) {
	lib := tempLibrary(t)
	if out, _, code := papers(t, "--library", lib, "search", "lora"); code != 0 || !strings.Contains(out, "\tLoRA Learns Less and Forgets Less\n") {
		t.Errorf("lora: exit %d\n%s", code, out)
	}
	if out, _, code := papers(t, "--library", lib, "search", "--limit", "3", "lora"); code != 0 || strings.Count(out, "\n") != 3 {
		t.Errorf("--limit 3 printed %d lines (exit %d)", strings.Count(out, "\n"), code)
	}
	if _, _, code := papers(t, "--library", lib, "search", "qqqzzzxxx"); code != 1 {
		t.Errorf("no match: exit %d, want 1", code)
	}
	// Papers hold both words, none side by side: the phrase's candidates
	// are read only as rows are printed, and none is one.
	if out, _, code := papers(t, "--library", lib, "search", `"models language"`); code != 1 || out != "" {
		t.Errorf("a phrase no paper holds: exit %d, want 1\n%s", code, out)
	}
	garbage := filepath.Join(t.TempDir(), "garbage.bin")
	if err := os.WriteFile(garbage, []byte{0, 1, 2, 0xff, 0xfe, 0, 0}, 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := papers(t, "--library", lib, "--corpus", garbage, "search", "lora")
	if code != 2 || !strings.Contains(errOut, garbage) {
		t.Errorf("garbage corpus: exit %d, stderr %q (want 2, naming the file)", code, errOut)
	}
	if _, _, code := papers(t, "--library", lib, "search", "--limit", "-1", "x"); code != 2 {
		t.Errorf("bad --limit: exit %d, want 2", code)
	}
	if out, _, code := papers(t, "--version"); code != 0 || !strings.HasPrefix(out, "papers dev") {
		t.Errorf("--version: %q (exit %d)", out, code)
	}
}

// The streaming search (prefilter, early stop) must print exactly what the
// full search would.
func TestStreamingSearchEqualsFullSearch(t *testing.T) {
	lib := tempLibrary(t)
	corpus := filepath.Join(t.TempDir(), "corpus.jsonl")
	var b strings.Builder
	for i, p := range synthetic.Papers(3000, 5) {
		title, abstract := p.Title, p.Abstract
		if i%7 == 0 {
			title = strings.Replace(title, " ", " {L}o{RA} ", 1) // TeX the prefilter must see through
		}
		if i%11 == 0 {
			abstract += ` Bal\'azs and gar\c{c}on.`
		}
		line, _ := json.Marshal(map[string]string{"id": p.ArxivID, "title": title, "abstract": abstract, "authors": "A. Author"})
		b.Write(line)
		b.WriteByte('\n')
		if i%5 == 0 {
			b.Write(line) // repeated records merge into one paper
			b.WriteByte('\n')
		}
	}
	if err := os.WriteFile(corpus, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	// The same paper in a title-only text file, loaded first: it merges
	// into the JSON Lines record and takes its arXiv id, so the text
	// file's copy, a best match on its own, must not be printed early.
	same := synthetic.Papers(2, 5)[1]
	word := strings.ToLower(strings.Trim(strings.Fields(same.Title)[0], ":"))
	text := filepath.Join(t.TempDir(), "trending.txt")
	if err := os.WriteFile(text, []byte(same.Title+"\n"+same.Abstract+" And "+word+".\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		corpora []string
		q       string
	}{
		{nil, "lora"}, {nil, "lora adapter"}, {nil, "robust fine"}, {nil, `"low rank"`}, {nil, "balazs"},
		{nil, "garcon"}, {nil, "lora -adversarial"}, {nil, "lrlf"}, {nil, "title:lora"}, {nil, "is:bookmarked lora"},
		{nil, "learning -modle"}, {[]string{text}, word}, {nil, "adapter"}, {nil, "abstract:lora"},
		{nil, `title:"low rank"`}, {nil, "author:author lora"}, {nil, "adapter -lora"},
	} {
		args := []string{"--library", lib}
		for _, f := range append(c.corpora, corpus) {
			args = append(args, "--corpus", f)
		}
		q := c.q
		for _, limit := range []string{"1", "5", "50", "0"} {
			streamed, _, code1 := papers(t, append(args, "search", "--limit", limit, q)...)
			full, _, code2 := papers(t, append(args, "search", "--json", "--limit", limit, q)...)
			if code1 != code2 {
				t.Errorf("%q --limit %s: exit %d streaming, %d full", q, limit, code1, code2)
			}
			if got, want := streamed, idTitles(t, full); got != want {
				t.Errorf("%q --limit %s: streaming and full search differ:\n%s\nvs\n%s", q, limit, head(got), head(want))
			}
		}
	}
}

func idTitles(t *testing.T, jsonLines string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(jsonLines), "\n") {
		if l == "" {
			continue
		}
		var row searchRow
		if err := json.Unmarshal([]byte(l), &row); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s\t%s\n", row.ID, row.Title)
	}
	return b.String()
}

func head(s string) string {
	lines := strings.SplitN(s, "\n", 6)
	return strings.Join(lines[:min(5, len(lines))], "\n")
}

func TestLibraryCommands(t *testing.T) {
	lib := tempLibrary(t)
	ids := func(q string) []string {
		out, _, _ := papers(t, "--library", lib, "search", q)
		var ids []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if id, _, ok := strings.Cut(l, "\t"); ok {
				ids = append(ids, id)
			}
		}
		return ids
	}
	lora := ids("lora")
	if len(lora) < 3 {
		t.Fatal("need LoRA papers")
	}
	// An unknown ID fails the whole command: nothing is half-applied.
	_, errOut, code := papers(t, "--library", lib, "bookmark", lora[0], "t-doesnotexist")
	if code != 2 || !strings.Contains(errOut, "t-doesnotexist") {
		t.Fatalf("unknown ID: exit %d, %q", code, errOut)
	}
	if got := ids("is:bookmarked"); len(got) != 0 {
		t.Fatalf("a failed bookmark command bookmarked %v", got)
	}
	for _, args := range [][]string{
		{"bookmark", lora[0], lora[1], lora[2]},
		{"tag", lora[0], "To Read", "peft"},
		{"tag", lora[1], "to-read"},
		{"note", lora[0], "compare with DoRA"},
		{"unbookmark", lora[2]},
		{"untag", lora[0], "peft"},
	} {
		if _, errOut, code := papers(t, append([]string{"--library", lib}, args...)...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
	}
	if got := ids("is:bookmarked"); len(got) != 2 {
		t.Errorf("bookmarked = %v, want 2 papers", got)
	}
	if got := ids("tag:to-read"); len(got) != 2 {
		t.Errorf("tag:to-read = %v", got)
	}
	if got := ids("tag:peft"); len(got) == 0 {
		t.Errorf("tag:peft should still find the topic tag PEFT")
	}
	if out, _, _ := papers(t, "--library", lib, "note", lora[0]); strings.TrimSpace(out) != "compare with DoRA" {
		t.Errorf("note = %q", out)
	}
	out, _, _ := papers(t, "--library", lib, "tags", "--json")
	var sawUser, sawTopic bool
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var row tagRow
		if err := json.Unmarshal([]byte(l), &row); err != nil {
			t.Fatalf("tags --json line %q: %v", l, err)
		}
		sawUser = sawUser || row.Kind == "user" && row.Name == "to-read" && row.Count == 2
		sawTopic = sawTopic || row.Kind == "topic" && row.Name == "lora"
	}
	if !sawUser || !sawTopic {
		t.Errorf("tags --json lacks the user tag (%v) or the lora topic (%v):\n%s", sawUser, sawTopic, out)
	}

	if _, errOut, code := papers(t, "--library", lib, "tags", "--hide", "LoRA"); code != 0 {
		t.Fatalf("tags --hide: %s", errOut)
	}
	if out, _, _ := papers(t, "--library", lib, "tags"); strings.Contains(out, "\nlora\t") {
		t.Errorf("a hidden topic is still listed:\n%s", out)
	}
	if _, errOut, code := papers(t, "--library", lib, "tags", "--hide", "no-such-topic-here"); code != 2 || !strings.Contains(errOut, "no topic") {
		t.Errorf("hiding an unknown topic: exit %d %q", code, errOut)
	}
	if _, errOut, code := papers(t, "--library", lib, "tags", "--unhide", "lora"); code != 0 {
		t.Fatalf("tags --unhide: %s", errOut)
	}

	bib, _, code := papers(t, "--library", lib, "export", "--format", "bibtex", "is:bookmarked")
	if code != 0 || strings.Count(bib, "@misc{") != 2 {
		t.Errorf("bibtex export: exit %d\n%s", code, bib)
	}
	backup := filepath.Join(t.TempDir(), "backup.json")
	if _, errOut, code := papers(t, "--library", lib, "export", "--format", "json", "-o", backup); code != 0 {
		t.Fatalf("json export: %s", errOut)
	}
	other := filepath.Join(t.TempDir(), "other.db")
	if _, errOut, code := papers(t, "--library", other, "import", backup); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	if _, errOut, code := papers(t, "--library", other, "import", backup); code != 0 {
		t.Fatalf("second import: %s", errOut)
	}
	a, _, _ := papers(t, "--library", lib, "export", "--format", "json")
	c, _, _ := papers(t, "--library", other, "export", "--format", "json")
	if strings.Count(a, `"id"`) != strings.Count(c, `"id"`) || !strings.Contains(c, "compare with DoRA") {
		t.Errorf("import did not restore the export:\n%s\nvs\n%s", a, c)
	}
}

func TestCorruptLibraryIsReportedAndKept(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	lib := filepath.Join(t.TempDir(), "library.db")
	junk := []byte("this is not a database, but it is someone's file\n")
	if err := os.WriteFile(lib, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := papers(t, "--library", lib, "search", "lora")
	if code != 2 || !strings.Contains(errOut, lib) {
		t.Errorf("corrupt library: exit %d, %q", code, errOut)
	}
	if got, _ := os.ReadFile(lib); !bytes.Equal(got, junk) {
		t.Error("the corrupt library file was modified")
	}
}

func TestRelatedCommand(t *testing.T) {
	lib := tempLibrary(t)
	out, _, _ := papers(t, "--library", lib, "search", "--limit", "1", "lrlf")
	id, _, _ := strings.Cut(strings.TrimSpace(out), "\t")
	out, errOut, code := papers(t, "--library", lib, "related", id)
	if code != 0 {
		t.Fatalf("related: exit %d %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 {
		t.Fatalf("related printed %d papers, want 5:\n%s", len(lines), out)
	}
	lora := 0
	for _, l := range lines {
		if strings.Contains(strings.ToLower(l), "lora") || strings.Contains(l, "Low-Rank") || strings.Contains(l, "Low Rank") {
			lora++
		}
		if strings.HasPrefix(l, id+"\t") {
			t.Errorf("a paper is related to itself: %q", l)
		}
	}
	if lora < 2 {
		t.Errorf("papers related to a LoRA paper should include LoRA papers:\n%s", out)
	}
	if _, errOut, code := papers(t, "--library", lib, "related", "t-nosuchpaper"); code != 2 || !strings.Contains(errOut, "t-nosuchpaper") {
		t.Errorf("unknown ID: exit %d %q", code, errOut)
	}
}

func TestSearchIsNew(t *testing.T) {
	libPath := tempLibrary(t)
	corpus, err := store.DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := library.Open(libPath)
	if err != nil {
		t.Fatal(err)
	}
	// Two loads: the second adds one paper, the only new one.
	if _, _, err := lib.RecordSeen(corpus[1:]); err != nil {
		t.Fatal(err)
	}
	if _, added, err := lib.RecordSeen(corpus); err != nil || added != 1 {
		t.Fatalf("second load added %d, %v", added, err)
	}
	lib.Close()
	out, errOut, code := papers(t, "--library", libPath, "search", "is:new")
	if code != 0 || strings.TrimSpace(out) != corpus[0].ID+"\t"+corpus[0].Title {
		t.Errorf("is:new: exit %d, %q %s", code, out, errOut)
	}
	if out, _, _ := papers(t, "--library", libPath, "search", "adversarial -is:new"); strings.Contains(out, corpus[0].Title) {
		t.Errorf("-is:new still lists the new paper")
	}
}

func TestBackupRestoresTheWholeLibrary(t *testing.T) {
	libPath := tempLibrary(t)
	corpus, err := store.DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := library.Open(libPath)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(lib.SetBookmarks([]*model.Paper{&corpus[0]}, true))
	must(lib.AddTags([]*model.Paper{&corpus[1]}, []string{"to-read"}))
	must(lib.SetNote(&corpus[2], "a note"))
	must(lib.SetRead(&corpus[3], true)) // only read: still part of a backup
	must(lib.HideTopic("imagenet", true))
	lib.Close()

	backup := filepath.Join(t.TempDir(), "backup.json")
	if _, errOut, code := papers(t, "--library", libPath, "export", "--format", "json", "-o", backup); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	other := filepath.Join(t.TempDir(), "restored.db")
	if _, errOut, code := papers(t, "--library", other, "import", backup); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	a, b := openMarks(t, libPath), openMarks(t, other)
	if len(a.marks.ByKey) != 4 || fmt.Sprint(a.marks.ByKey) != fmt.Sprint(b.marks.ByKey) {
		t.Errorf("restored marks differ:\n%v\n%v", a.marks.ByKey, b.marks.ByKey)
	}
	if !b.hidden["imagenet"] {
		t.Errorf("the hidden topic was not restored: %v", b.hidden)
	}
}

type libraryState struct {
	marks  model.Marks
	hidden map[string]bool
}

func openMarks(t *testing.T, path string) libraryState {
	t.Helper()
	lib, err := library.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	marks, err := lib.Marks()
	if err != nil {
		t.Fatal(err)
	}
	for k, m := range marks.ByKey {
		m.FirstSeenLoad = 0 // load numbers are local to a library
		marks.ByKey[k] = m
	}
	hidden, err := lib.HiddenTopics()
	if err != nil {
		t.Fatal(err)
	}
	return libraryState{marks, hidden}
}

func TestFileNamesCannotReachTheTerminalRaw(t *testing.T) {
	lib := tempLibrary(t)
	dir := t.TempDir()
	evil := filepath.Join(dir, "x\x1b]2;PWNED\x07\x1b[31mred")
	if err := os.WriteFile(evil, []byte{0, 1, 2, 3}, 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, _ := papers(t, "--library", lib, "--corpus", dir, "search", "lora")
	_, errOut2, code := papers(t, "--library", lib, "--corpus", evil, "search", "lora")
	if code != 2 {
		t.Errorf("a garbage file named on the command line: exit %d", code)
	}
	for _, out := range []string{errOut, errOut2} {
		if strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("an escape sequence from a file name reached stderr: %q", out)
		}
		if !strings.Contains(out, "PWNED") {
			t.Errorf("the file is not named: %q", out)
		}
	}
}

// A query is untrusted input: the hint that explains it must quote it
// escaped, never pass an escape sequence or a bidi override through.
func TestSearchHintQuotesTheQueryEscaped(t *testing.T) {
	lib := tempLibrary(t)
	for _, q := range []string{
		"year:\x1b]0;PWNED\x072020",
		"lora is:\u202edaer\u202c",
		"tag:\u009b31m",
		"foo:\u2066PWNED\u2069\u200e\u061c",
		"year:\xff\xfe2020",
	} {
		_, errOut, _ := papers(t, "--library", lib, "search", q)
		if !strings.Contains(errOut, "papers: note:") {
			t.Errorf("%q: no hint on stderr: %q", q, errOut)
		}
		if i := strings.IndexFunc(errOut, func(r rune) bool {
			return r == 0x1b || r == 0x07 || r >= 0x80 && r < 0xa0 || r == utf8.RuneError ||
				r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
		}); i >= 0 || !utf8.ValidString(errOut) {
			t.Errorf("%q: stderr carries a control, bidi or invalid byte at %d: %q", q, i, errOut)
		}
	}
	_, errOut, _ := papers(t, "--library", lib, "search", "year:\x1b]0;PWNED\x072020")
	if want := `year:"\x1b]0;PWNED\a2020" is not a year`; !strings.Contains(errOut, want) {
		t.Errorf("the hint should show the query escaped, %s: %q", want, errOut)
	}
}

// From the first query word on, nothing is a flag; a query starting with
// -word is told about --.
func TestSearchQueryWordsAreNotFlags(t *testing.T) {
	lib := tempLibrary(t)
	want, _, code := papers(t, "--library", lib, "search", "--", "lora", "-adversarial")
	if code != 0 {
		t.Fatalf("search -- lora -adversarial: exit %d", code)
	}
	got, errOut, code := papers(t, "--library", lib, "search", "lora", "-adversarial")
	if code != 0 || got != want {
		t.Errorf("search lora -adversarial: exit %d, stderr %q; want the output of search -- lora -adversarial", code, errOut)
	}
	if got, _, _ := papers(t, "--library", lib, "search", "lora", "--json"); strings.HasPrefix(got, "{") {
		t.Errorf("--json after the query should be a query word, not a flag")
	}
	_, errOut, code = papers(t, "--library", lib, "search", "-adversarial", "lora")
	if code != 2 || !strings.Contains(errOut, "--") || !strings.Contains(errOut, "-- -word") {
		t.Errorf("search -adversarial lora: exit %d, stderr %q; want exit 2 and a hint about --", code, errOut)
	}
	if _, errOut, code := papers(t, "--library", lib, "export", "--format", "markdown", "lora", "-adversarial"); code != 0 {
		t.Errorf("export --format markdown lora -adversarial: exit %d, stderr %q", code, errOut)
	}
}

// export -o writes into a pipe or a device as it is: replacing it with a
// renamed temporary file put a plain file where /dev/null was.
func TestExportIntoAPipeOrThroughALink(t *testing.T) {
	dir := t.TempDir()
	lib := filepath.Join(dir, "library.db")
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	got := make(chan string)
	go func() {
		data, _ := os.ReadFile(fifo)
		got <- string(data)
	}()
	if _, errOut, code := papers(t, "--library", lib, "export", "--format", "markdown", "-o", fifo, "lora"); code != 0 {
		t.Fatalf("export into a FIFO: exit %d: %s", code, errOut)
	}
	select {
	case out := <-got:
		if !strings.Contains(out, "LoRA") {
			t.Errorf("the reader got %q", out)
		}
	case <-time.After(10 * time.Second):
		// Let the reader go: it waits for a writer that never came.
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		t.Error("nothing reached the FIFO's reader")
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", info.Mode(), err)
	}

	target := filepath.Join(dir, "real.md")
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := papers(t, "--library", lib, "export", "--format", "markdown", "-o", link, "lora"); code != 0 {
		t.Fatalf("export through a link: exit %d: %s", code, errOut)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file: %v", err)
	}
	if data, err := os.ReadFile(target); err != nil || !strings.Contains(string(data), "LoRA") {
		t.Errorf("the link's target holds %q (%v)", data, err)
	}
}

func TestWatchAddListRemove(t *testing.T) {
	lib := tempLibrary(t)
	if _, stderr, code := papers(t, "--library", lib, "watch", "add", "lora", "title:lora"); code != 0 {
		t.Fatalf("watch add: %d %s", code, stderr)
	}
	// A query word starting with - goes in as a query word, not a flag.
	if _, stderr, code := papers(t, "--library", lib, "watch", "add", "adv", "adversarial", "-lora"); code != 0 {
		t.Fatalf("watch add with -word: %d %s", code, stderr)
	}
	out, stderr, code := papers(t, "--library", lib, "watch")
	if code != 0 {
		t.Fatalf("watch: %d %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "lora\t") || !strings.HasSuffix(lines[1], "\t0\ttitle:lora") {
		t.Fatalf("watch printed %q", out)
	}
	out, _, _ = papers(t, "--library", lib, "watch", "--json")
	if !strings.Contains(out, `"name":"adv"`) || !strings.Contains(out, `"query":"adversarial -lora"`) {
		t.Errorf("watch --json printed %q", out)
	}
	if _, _, code := papers(t, "--library", lib, "watch", "rm", "nope"); code == 0 {
		t.Error("rm of an unknown saved search succeeded")
	}
	if _, stderr, code := papers(t, "--library", lib, "watch", "rm", "lora"); code != 0 {
		t.Fatalf("watch rm: %d %s", code, stderr)
	}
	if out, _, _ := papers(t, "--library", lib, "watch"); strings.Contains(out, "lora\t") {
		t.Errorf("after rm: %q", out)
	}
}

func TestSearchSaysWhatATypoWasTakenFor(t *testing.T) {
	lib := tempLibrary(t)
	out, errOut, code := papers(t, "--library", lib, "search", "--limit", "1", "loar")
	if code != 0 || !strings.Contains(out, "\tLoRA Learns Less and Forgets Less\n") {
		t.Errorf("loar: exit %d\n%s", code, out)
	}
	if !strings.Contains(errOut, "papers: note: loar ≈ lora\n") {
		t.Errorf("stderr %q should name the word the typo was taken for", errOut)
	}
	if _, errOut, _ := papers(t, "--library", lib, "search", "lora"); strings.Contains(errOut, "≈") {
		t.Errorf("a word found as typed needs no note: %q", errOut)
	}
}

// topicTags runs papers tags with args and returns the topic tags it lists.
func topicTags(t *testing.T, args ...string) map[string]bool {
	t.Helper()
	out, errOut, code := papers(t, append(append([]string{"--library", tempLibrary(t)}, args...), "tags")...)
	if code != 0 {
		t.Fatalf("tags: exit %d, %s", code, errOut)
	}
	tags := map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		if name, _, ok := strings.Cut(line, "\t"); ok && strings.HasSuffix(line, "\ttopic") {
			tags[name] = true
		}
	}
	return tags
}

// On the arXiv sample, words of written prose are no topic tags, while the
// corpus's terms and its categories are.
func TestTagsOfTheArxivSampleLeaveOutGenericWords(t *testing.T) {
	sharedSample(t, "arxiv-jsonl/arxiv-metadata-oai-snapshot-200.json")
	tags := topicTags(t, "--corpus", filepath.Join(sharedDataDir, "arxiv-jsonl/arxiv-metadata-oai-snapshot-200.json"))
	for _, generic := range []string{"dependence", "variables", "approximation", "intermediate", "coefficients", "characterization",
		"properties", "quantum", "production", "pairs", "energy", "known"} {
		if tags[generic] {
			t.Errorf("%q is a topic tag", generic)
		}
	}
	// \cite and \ref are decoded to a mark with no word in it.
	if tags["ref"] {
		t.Error(`the mark of \cite and \ref made "ref" a topic tag`)
	}
	for _, term := range []string{"spacetime", "quark", "scattering", "symmetry", "cosmology", "algebra", "hep-th"} {
		if !tags[term] {
			t.Errorf("%q is missing from the topic tags", term)
		}
	}
}

// On the built-in corpus, common English words are no topic tags, while
// its terms of art are.
func TestTagsOfTheBuiltinCorpusLeaveOutCommonWords(t *testing.T) {
	tags := topicTags(t)
	for _, generic := range []string{"search", "selection", "responses", "teacher", "batch", "clients", "capacity", "mask"} {
		if tags[generic] {
			t.Errorf("%q is a topic tag", generic)
		}
	}
	for _, term := range []string{"lora", "peft", "vit", "clip", "gan", "diffusion", "overfitting", "imagenet", "prompting"} {
		if !tags[term] {
			t.Errorf("%q is missing from the topic tags", term)
		}
	}
}
