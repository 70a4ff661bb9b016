package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeFile writes content to dir/name, creating directories, and returns
// the path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeScript writes an executable shell script: a stand-in editor or
// browser.
func writeScript(t *testing.T, dir, name, body string) string {
	t.Helper()
	path := writeFile(t, dir, name, "#!/bin/sh\n"+body)
	if err := os.Chmod(path, 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// standInBrowser writes a browser that writes down, in the file opened,
// each URL it is asked to open.
func standInBrowser(t *testing.T, dir string) (browser, opened string) {
	t.Helper()
	opened = filepath.Join(dir, "opened")
	return writeScript(t, dir, "browser", "echo \"$1\" >> "+opened+"\n"), opened
}

const zebraCorpus = `{"id":"2401.99991","title":"Zebrafish fin regeneration","abstract":"We study fins.","authors":"A. Author","categories":"q-bio.TO"}
`

func TestConfigCorporaAreTheDefaultForEveryCommand(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", dir)
	writeFile(t, dir, "papers/corpora/zebra.jsonl", zebraCorpus)
	// A relative path is relative to the config file, not to where papers runs.
	writeFile(t, dir, "papers/config.toml", `corpora = ["corpora/zebra.jsonl"]`+"\n")

	var out, errOut strings.Builder
	if code := run([]string{"search", "zebrafish"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("search exited %d: %s", code, errOut.String())
	}
	if got := out.String(); got != "2401.99991\tZebrafish fin regeneration\n" {
		t.Errorf("search used the wrong corpus: %q", got)
	}

	// --corpus replaces the config's corpora rather than adding to them.
	out.Reset()
	if code := run([]string{"--corpus", writeFile(t, dir, "other.jsonl", `{"id":"2401.99992","title":"Other","abstract":"x","authors":"B","categories":"cs.LG"}`+"\n"), "search", "zebrafish"},
		strings.NewReader(""), &out, &errOut); code != 1 {
		t.Errorf("with --corpus, zebrafish should not match (exit 1), got %d: %q", code, out.String())
	}
}

func TestConfigFlagAndSettings(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "unused"))
	path := writeFile(t, dir, "mine.toml", `
theme = "light"

[keys]
bookmark = ["ctrl+b", "z"]
`)
	opts := &options{config: path}
	if err := opts.loadConfig(); err != nil {
		t.Fatal(err)
	}
	if opts.theme != "light" {
		t.Errorf("theme = %q, want light", opts.theme)
	}
	if got := opts.keys.Bookmark.Keys(); !slices.Equal(got, []string{"ctrl+b", "z"}) {
		t.Errorf("bookmark keys = %q, want the config's", got)
	}
	if got := opts.keys.Quit.Keys(); !slices.Equal(got, []string{"q", "ctrl+c"}) {
		t.Errorf("quit keys = %q, want the default ones kept", got)
	}
}

func TestBadConfigIsAnErrorSayingWhere(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", dir)
	path := writeFile(t, dir, "papers/config.toml", "theme = \"dark\"\n\n[keys]\nbokmark = [\"b\"]\n")

	var out, errOut strings.Builder
	code := run([]string{"search", "lora"}, strings.NewReader(""), &out, &errOut)
	want := "papers: " + path + `:4: keys.bokmark: unknown action "bokmark"`
	if code != 2 || !strings.HasPrefix(errOut.String(), want) {
		t.Errorf("exit %d, stderr %q\nwant exit 2 and %q", code, errOut.String(), want)
	}

	code = run([]string{"--config", filepath.Join(dir, "missing.toml"), "tags"}, strings.NewReader(""), &out, &errOut)
	if code != 2 {
		t.Errorf("a --config file that does not exist should be an error, exit %d", code)
	}

	// Shell start-up files run these; a typo in the config must not break them.
	for _, args := range [][]string{{"completion", "bash"}, {"man"}, {"help"}, {"--version"}} {
		out.Reset()
		errOut.Reset()
		if code := run(args, strings.NewReader(""), &out, &errOut); code != 0 || out.Len() == 0 {
			t.Errorf("papers %s with a bad config: exit %d, stderr %q", strings.Join(args, " "), code, errOut.String())
		}
	}
}

// A key bound to two actions read in the same place would do only one of
// them: the config is refused, naming the file, the line, the key and both
// actions. Per-context defaults (enter) and keys moved away are fine.
func TestConfigKeyConflictIsAnError(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "unused"))
	// The search must not open the real library.
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	for _, c := range []struct {
		config string
		want   string // "" when the config is fine
	}{
		{"[keys]\nbookmark = [\"j\"]\n", `:2: keys.bookmark: "j" is bound to both bookmark and down (by default) in the list`},
		{"[keys]\nquit = [\"x\"]\n\nup = [\"k\"]\nhide_topic = [\"x\"]\n", `:5: keys.hide_topic: "x" is bound to both hide_topic and quit (on line 2) in the tag pane`},
		{"[keys]\nhide_topic = [\"q\"]\n", `:2: keys.hide_topic: "q" is bound to both hide_topic and quit (by default) in the tag pane`},
		{"[keys]\nhide_topic = [\"q\"]\nquit = [\"x\"]\n", ""},
		{"[keys]\nbookmark = [\"j\"]\ndown = [\"J\"]\n", ""},
		{"[keys]\nopen_related = [\"enter\"]\naccept = [\"enter\"]\ntoggle_tag = [\"enter\"]\n", ""},
	} {
		path := writeFile(t, dir, "keys.toml", c.config)
		var out, errOut strings.Builder
		code := run([]string{"--config", path, "search", "lora"}, strings.NewReader(""), &out, &errOut)
		if c.want == "" {
			if code != 0 {
				t.Errorf("%q: exit %d, stderr %q", c.config, code, errOut.String())
			}
			continue
		}
		if want := "papers: " + path + c.want; code != 2 || !strings.HasPrefix(errOut.String(), want) {
			t.Errorf("%q: exit %d, stderr %q\nwant exit 2 and %q", c.config, code, errOut.String(), want)
		}
	}
}
