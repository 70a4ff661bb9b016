// Package config reads the user's config.toml and knows where papers keeps
// its files (the XDG base directories).
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/papertui/papers/model"
)

// Themes a config file may choose.
const (
	ThemeAuto  = "auto" // ask the terminal for its background
	ThemeDark  = "dark"
	ThemeLight = "light"
)

// Config is the user's settings file, config.toml:
//
//	corpora = ["~/papers/arxiv.jsonl", "feeds/"]
//	theme = "dark"
//
//	[keys]
//	bookmark = ["b", "ctrl+b"]
type Config struct {
	// Path is the file read, or "" when there was none.
	Path string
	// Corpora are loaded when the command line names none: absolute paths,
	// with ~ expanded and relative paths taken from the file's directory.
	Corpora []string
	// Theme is ThemeAuto, ThemeDark or ThemeLight.
	Theme string
	// Keys are the [keys] overrides, in file order.
	Keys []KeyOverride
	// ReadAfter is read_after: how long a paper must be shown to count as
	// read. Nil when the file does not say; 0 means only the key marks it.
	ReadAfter *time.Duration
	// Feeds are the [[feeds]] `papers fetch` fetches, in file order.
	Feeds []Feed
	// URLs are the [urls] overrides of the sources' base URLs ("hf",
	// "arxiv_rss", "arxiv_api", "arxiv_oai").
	URLs map[string]string
}

// Feed is one [[feeds]] entry:
//
//	[[feeds]]
//	source = "arxiv"            # arxiv, hf, query or oai
//	categories = ["cs.LG", "cs.AI"]
type Feed struct {
	Source     string
	Categories []string // arxiv
	Query      string   // query
	Max        int      // query
	Sort       string   // hf, query
	Set        string   // oai
}

// KeyOverride gives an action new keys.
type KeyOverride struct {
	Action string
	Keys   []string
}

// Error is a mistake in the config file, with where it is.
type Error struct {
	Path    string
	Line    int    // 0 when unknown
	Key     string // the TOML key, "keys.bookmark"; "" when none
	Problem string
	Err     error
}

func (e *Error) Error() string {
	s := e.Path
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	s += ": "
	if e.Key != "" {
		s += model.Quote(e.Key) + ": " // TOML quotes odd keys but leaves C1 and bidi characters raw
	}
	return s + e.Problem
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

const configFileName = "config.toml"

// DefaultPath is $XDG_CONFIG_HOME/papers/config.toml, or
// ~/.config/papers/config.toml. Like the library, it ignores the platform's
// own config directory so that one layout works everywhere.
func DefaultPath() (string, error) {
	dir, err := XDGDir("XDG_CONFIG_HOME", ".config")
	if err != nil {
		return "", fmt.Errorf("cannot find the config file: %w (set XDG_CONFIG_HOME or HOME, or use --config)", err)
	}
	return filepath.Join(dir, configFileName), nil
}

// Load reads the config file at path, or with path "" the default
// one, where a missing file just means the defaults. A file named on the
// command line must exist.
//
// The key bindings belong to the UI, so bind checks them: Load calls
// it for every [keys] entry in file order and reports its error at the
// entry's line. Any mistake is an *Error.
func Load(path string, bind func(action string, keys []string) error) (*Config, error) {
	optional := path == ""
	if optional {
		var err error
		if path, err = DefaultPath(); err != nil {
			return nil, err
		}
	}
	cfg := &Config{Theme: ThemeAuto}
	data, err := os.ReadFile(path)
	if err != nil {
		if optional && errors.Is(err, fs.ErrNotExist) {
			return cfg, nil
		}
		return nil, &Error{Path: path, Problem: "cannot read the config file: " + errorText(err), Err: err}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &Error{Path: path, Problem: "cannot resolve the path", Err: err}
	}
	cfg.Path = abs
	p := configParser{cfg: cfg, data: string(data), bind: bind}
	if err := p.parse(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// errorText drops the path an *fs.PathError repeats.
func errorText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

type configParser struct {
	cfg  *Config
	data string
	bind func(action string, keys []string) error

	feedsRead bool
}

// parse decodes into plain maps and checks every value itself, in file
// order, so that each mistake reads the same way: file, line, key, what is
// wrong. (Decoding into typed fields would report wrong types in the TOML
// library's own words, and not always with the line.)
func (p *configParser) parse() error {
	var raw map[string]any
	md, err := toml.Decode(p.data, &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return &Error{Path: p.cfg.Path, Line: pe.Position.Line, Key: pe.LastKey, Problem: pe.Message, Err: err}
		}
		return &Error{Path: p.cfg.Path, Problem: err.Error(), Err: err}
	}
	for _, k := range md.Keys() {
		switch {
		case len(k) == 1 && k[0] == "corpora":
			paths, err := stringList(raw["corpora"], `["~/papers/arxiv.jsonl"]`)
			if err != nil {
				return p.errorAt(k, err.Error())
			}
			for _, path := range paths {
				abs, err := p.corpusPath(path)
				if err != nil {
					return p.errorAt(k, err.Error())
				}
				p.cfg.Corpora = append(p.cfg.Corpora, abs)
			}
		case len(k) == 1 && k[0] == "theme":
			theme, ok := raw["theme"].(string)
			if !ok || (theme != ThemeAuto && theme != ThemeDark && theme != ThemeLight) {
				return p.errorAt(k, fmt.Sprintf(`want "auto", "dark" or "light", not %s`, tomlValue(raw["theme"])))
			}
			p.cfg.Theme = theme
		case len(k) == 1 && k[0] == "read_after":
			text, ok := raw["read_after"].(string)
			d, err := time.ParseDuration(text)
			if text == "0" {
				d, err = 0, nil
			}
			if !ok || err != nil || d < 0 {
				return p.errorAt(k, fmt.Sprintf(`want a duration like "2s" or "500ms" ("0": only the key marks papers read), not %s`, tomlValue(raw["read_after"])))
			}
			p.cfg.ReadAfter = &d
		case len(k) == 1 && k[0] == "keys":
			if _, ok := raw["keys"].(map[string]any); !ok {
				return p.errorAt(k, "want a table of actions and their keys, like [keys] then bookmark = [\"b\"]")
			}
		case len(k) == 2 && k[0] == "keys":
			action := k[1]
			keys, err := stringList(raw["keys"].(map[string]any)[action], `["b", "ctrl+b"]`)
			if err != nil {
				return p.errorAt(k, err.Error())
			}
			if p.bind != nil {
				if err := p.bind(action, keys); err != nil {
					return p.errorAt(k, err.Error())
				}
			}
			p.cfg.Keys = append(p.cfg.Keys, KeyOverride{Action: action, Keys: keys})
		case len(k) == 1 && k[0] == "feeds":
			if p.feedsRead {
				continue // listed once per [[feeds]] table
			}
			p.feedsRead = true
			if err := p.feeds(k, raw["feeds"]); err != nil {
				return err
			}
		case len(k) >= 2 && k[0] == "feeds":
			// Checked with their table.
		case len(k) == 1 && k[0] == "urls":
			if _, ok := raw["urls"].(map[string]any); !ok {
				return p.errorAt(k, `want a table, like [urls] then arxiv_rss = "https://rss.arxiv.org/rss/"`)
			}
		case len(k) == 2 && k[0] == "urls":
			v, ok := raw["urls"].(map[string]any)[k[1]].(string)
			switch {
			case k[1] != "hf" && k[1] != "arxiv_rss" && k[1] != "arxiv_api" && k[1] != "arxiv_oai":
				return p.errorAt(k, "unknown source (the sources are hf, arxiv_rss, arxiv_api and arxiv_oai)")
			case !ok || !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://"):
				return p.errorAt(k, "want an http:// or https:// URL")
			}
			if p.cfg.URLs == nil {
				p.cfg.URLs = map[string]string{}
			}
			p.cfg.URLs[k[1]] = v
		case len(k) > 2 && k[0] == "keys":
			// Inside a table given as an action's value: reported at the action.
		default:
			return p.errorAt(k, "unknown setting (the settings are corpora, theme, read_after, [keys], [[feeds]] and [urls])")
		}
	}
	return nil
}

// feeds checks the [[feeds]] tables.
func (p *configParser) feeds(k toml.Key, v any) error {
	tables, ok := v.([]map[string]any)
	if !ok {
		return p.errorAt(k, `want [[feeds]] tables, like [[feeds]] then source = "arxiv"`)
	}
	line := keyLine(p.data, k)
	for i, t := range tables {
		var f Feed
		bad := func(problem string) error {
			return &Error{Path: p.cfg.Path, Line: line, Key: fmt.Sprintf("feeds[%d]", i+1), Problem: problem}
		}
		for name, value := range t {
			s, isString := value.(string)
			switch name {
			case "source", "query", "sort", "set":
				if !isString {
					return bad(fmt.Sprintf("%s: want a string, not %s", name, tomlValue(value)))
				}
				switch name {
				case "source":
					f.Source = s
				case "query":
					f.Query = s
				case "sort":
					f.Sort = s
				case "set":
					f.Set = s
				}
			case "categories":
				cats, err := stringList(value, `["cs.LG", "cs.AI"]`)
				if err != nil {
					return bad("categories: " + err.Error())
				}
				f.Categories = cats
			case "max":
				n, ok := value.(int64)
				if !ok || n < 1 || n > 30000 {
					return bad("max: want a number from 1 to 30000")
				}
				f.Max = int(n)
			default:
				return bad(fmt.Sprintf("unknown key %q (a feed has source, categories, query, max, sort and set)", name))
			}
		}
		switch {
		case f.Source == "arxiv" && len(f.Categories) == 0:
			return bad(`an arxiv feed needs categories, like categories = ["cs.LG"]`)
		case f.Source == "query" && f.Query == "":
			return bad(`a query feed needs a query, like query = "ti:transformer"`)
		case f.Source == "oai" && f.Set == "":
			return bad(`an oai feed needs a set, like set = "cs:cs:LG"`)
		case f.Source != "arxiv" && f.Source != "hf" && f.Source != "query" && f.Source != "oai":
			return bad(fmt.Sprintf("source: want \"arxiv\", \"hf\", \"query\" or \"oai\", not %q", f.Source))
		}
		p.cfg.Feeds = append(p.cfg.Feeds, f)
	}
	return nil
}

func (p *configParser) errorAt(k toml.Key, problem string) error {
	return &Error{Path: p.cfg.Path, Line: keyLine(p.data, k), Key: k.String(), Problem: problem}
}

// KeyLine returns the line of the config file at path that defines the
// TOML key (like "keys", "bookmark"), or 0. It is for mistakes found only
// once the whole file is read, such as two actions given one key.
func KeyLine(path string, key ...string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	return keyLine(string(data), toml.Key(key))
}

// corpusPath expands ~ and resolves a path relative to the config file.
func (p *configParser) corpusPath(path string) (string, error) {
	if path == "" {
		return "", errors.New("an empty path")
	}
	if path == "~" || strings.HasPrefix(path, "~/") || strings.HasPrefix(path, "~"+string(filepath.Separator)) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("cannot expand %s: %w", model.Quote(path), err)
		}
		return filepath.Join(home, path[1:]), nil
	}
	if filepath.IsAbs(path) {
		return filepath.Clean(path), nil
	}
	return filepath.Join(filepath.Dir(p.cfg.Path), path), nil
}

// stringList checks that v is a list of strings.
func stringList(v any, example string) ([]string, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("want a list of strings, like %s, not %s", example, tomlValue(v))
	}
	out := make([]string, len(list))
	for i, item := range list {
		s, ok := item.(string)
		if !ok {
			return nil, fmt.Errorf("want a list of strings, like %s, but item %d is %s", example, i+1, tomlValue(item))
		}
		out[i] = s
	}
	return out, nil
}

// tomlValue describes a decoded value for an error message.
func tomlValue(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "a list of tables"
	case bool:
		return "the boolean " + strconv.FormatBool(v)
	case int64, float64:
		return fmt.Sprintf("the number %v", v)
	}
	return fmt.Sprintf("%v", v)
}

// keyLine finds the line a key is defined on, or 0. The TOML library keeps
// key positions to itself and reveals one only in a decoding error, so this
// decodes again into a struct, built for the key's path, whose field at
// that path always fails, and reads the position of that error.
func keyLine(data string, k toml.Key) int {
	t := reflect.TypeFor[linePoison]()
	for i := len(k) - 1; i >= 0; i-- {
		t = reflect.StructOf([]reflect.StructField{{
			Name: "F",
			Type: t,
			Tag:  reflect.StructTag("toml:" + strconv.Quote(k[i])),
		}})
	}
	_, err := toml.Decode(data, reflect.New(t).Interface())
	var pe toml.ParseError
	if errors.As(err, &pe) && pe.Message == errLinePoison.Error() {
		return pe.Position.Line
	}
	return 0
}

var errLinePoison = errors.New("papers: line probe")

type linePoison struct{}

func (*linePoison) UnmarshalTOML(any) error { return errLinePoison }
