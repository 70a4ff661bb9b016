package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

const configFixtures = "../../testdata/config"

// fakeBind stands in for the UI's key map: it knows three actions and
// refuses keys ending in "+".
type fakeBind struct{ calls []KeyOverride }

func (f *fakeBind) bind(action string, keys []string) error {
	f.calls = append(f.calls, KeyOverride{Action: action, Keys: keys})
	switch action {
	case "bookmark", "quit", "help":
	default:
		return fmt.Errorf("unknown action %q", action)
	}
	for _, k := range keys {
		if strings.HasSuffix(k, "+") {
			return fmt.Errorf("%q is not a key", k)
		}
	}
	return nil
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join(configFixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

func TestLoadConfigReadsEverySetting(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	path := fixture(t, "good.toml")
	var f fakeBind
	cfg, err := Load(path, f.bind)
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		Path: path,
		Corpora: []string{
			filepath.Join(home, "papers", "arxiv.jsonl"),
			filepath.Join(filepath.Dir(path), "feeds"), // relative to the file, not the working directory
			"/srv/papers/daily.json",
		},
		Theme: ThemeDark,
		Keys: []KeyOverride{
			{Action: "bookmark", Keys: []string{"b", "ctrl+b"}},
			{Action: "quit", Keys: []string{"q"}},
		},
	}
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("config:\n got %+v\nwant %+v", cfg, want)
	}
	if !reflect.DeepEqual(f.calls, want.Keys) {
		t.Errorf("bind was called with %+v, want each [keys] entry in file order: %+v", f.calls, want.Keys)
	}
}

func TestLoadConfigDefaults(t *testing.T) {
	t.Run("empty file", func(t *testing.T) {
		cfg, err := Load(fixture(t, "empty.toml"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Theme != ThemeAuto || cfg.Corpora != nil || cfg.Keys != nil {
			t.Errorf("an empty file should give the defaults, got %+v", cfg)
		}
	})
	t.Run("no default file", func(t *testing.T) {
		t.Setenv("XDG_CONFIG_HOME", t.TempDir())
		cfg, err := Load("", nil)
		if err != nil {
			t.Fatalf("a missing default config must not be an error: %v", err)
		}
		if cfg.Path != "" || cfg.Theme != ThemeAuto {
			t.Errorf("got %+v, want the defaults and no path", cfg)
		}
	})
	t.Run("default file", func(t *testing.T) {
		dir := t.TempDir()
		t.Setenv("XDG_CONFIG_HOME", dir)
		path := filepath.Join(dir, "papers", "config.toml")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(`theme = "light"`), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := Load("", nil)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Path != path || cfg.Theme != ThemeLight {
			t.Errorf("got %+v, want the theme from %s", cfg, path)
		}
	})
	t.Run("home fallback", func(t *testing.T) {
		home := t.TempDir()
		t.Setenv("HOME", home)
		t.Setenv("XDG_CONFIG_HOME", "")
		got, err := DefaultPath()
		if want := filepath.Join(home, ".config", "papers", "config.toml"); err != nil || got != want {
			t.Errorf("DefaultPath() = %q, %v; want %q", got, err, want)
		}
	})
}

func TestLoadConfigErrorsSayWhereAndWhat(t *testing.T) {
	for _, tc := range []struct {
		file string
		line int
		key  string
		want string // in the message, after "path:line: key: "
	}{
		{"syntax.toml", 2, "theme", `expected value but found "dark" instead`},
		{"unknown-setting.toml", 3, "colour", "unknown setting"},
		{"unknown-action.toml", 3, "keys.bokmark", `unknown action "bokmark"`},
		{"bad-key.toml", 2, "keys.bookmark", `"ctrl+" is not a key`},
		{"bad-theme.toml", 2, "theme", `want "auto", "dark" or "light", not "solarized"`},
		{"wrong-type.toml", 1, "corpora", `want a list of strings, like ["~/papers/arxiv.jsonl"], not "arxiv.jsonl"`},
		{"key-not-list.toml", 4, "keys.quit", "want a list of strings"},
		{"keys-not-table.toml", 1, "keys", "want a table"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := fixture(t, tc.file)
			var f fakeBind
			_, err := Load(path, f.bind)
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want a *Error", err)
			}
			if ce.Path != path || ce.Line != tc.line || ce.Key != tc.key {
				t.Errorf("error at %s:%d key %q, want %s:%d key %q", ce.Path, ce.Line, ce.Key, path, tc.line, tc.key)
			}
			prefix := fmt.Sprintf("%s:%d: %s: ", path, tc.line, tc.key)
			if msg := err.Error(); !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, tc.want) {
				t.Errorf("message %q\nwant it to start %q and contain %q", msg, prefix, tc.want)
			}
		})
	}
}

func TestLoadConfigNamedFileMustExist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.toml")
	_, err := Load(path, nil)
	if err == nil || !strings.HasPrefix(err.Error(), path+": ") || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v, want a not-exist error naming %s", err, path)
	}
}

func TestLoadConfigRejectsEmptyCorpusPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte("# corpora\n\ncorpora = [\"a.jsonl\", \"\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path, nil)
	if err == nil || !strings.Contains(err.Error(), path+":3: corpora: an empty path") {
		t.Errorf("got %v", err)
	}
}

func TestFeedsAndURLs(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	write := func(s string) {
		if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(`[urls]
arxiv_rss = "http://mirror.example/rss/"

[[feeds]]
source = "arxiv"
categories = ["cs.LG", "cs.AI"]

[[feeds]]
source = "hf"
sort = "trending"
`)
	cfg, err := Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Feeds) != 2 || cfg.Feeds[0].Source != "arxiv" || len(cfg.Feeds[0].Categories) != 2 || cfg.Feeds[1].Sort != "trending" {
		t.Errorf("feeds %+v", cfg.Feeds)
	}
	if cfg.URLs["arxiv_rss"] != "http://mirror.example/rss/" {
		t.Errorf("urls %v", cfg.URLs)
	}
	for text, want := range map[string]string{
		"[[feeds]]\nsource = \"arxiv\"\n":              "an arxiv feed needs categories",
		"[[feeds]]\nsource = \"rss\"\n":                `source: want "arxiv"`,
		"[[feeds]]\nsource = \"hf\"\ncolour = 1\n":     `unknown key "colour"`,
		"[urls]\nhf = \"ftp://x\"\n":                   "want an http:// or https:// URL",
		"\n[urls]\nmirror = \"http://x\"\n":            ":3: urls.mirror: unknown source",
		"[[feeds]]\nsource = \"query\"\nmax = 40000\n": "max: want a number",
	} {
		write(text)
		if _, err := Load(path, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", text, err, want)
		}
	}
}

func TestReadAfter(t *testing.T) {
	for text, want := range map[string]time.Duration{`"2s"`: 2 * time.Second, `"0"`: 0, `"750ms"`: 750 * time.Millisecond} {
		path := filepath.Join(t.TempDir(), "config.toml")
		if err := os.WriteFile(path, []byte("read_after = "+text), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := Load(path, nil)
		if err != nil || cfg.ReadAfter == nil || *cfg.ReadAfter != want {
			t.Errorf("read_after = %s: %v, %v; want %v", text, cfg, err, want)
		}
	}
	for _, bad := range []string{`"soon"`, `2`, `"-1s"`} {
		path := filepath.Join(t.TempDir(), "config.toml")
		if err := os.WriteFile(path, []byte("read_after = "+bad), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(path, nil); err == nil || !strings.Contains(err.Error(), "read_after") {
			t.Errorf("read_after = %s: error %v", bad, err)
		}
	}
}
