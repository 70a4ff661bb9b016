package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanLine(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"tidy ASCII", "Attention Is All You Need", "Attention Is All You Need"},
		{"whitespace collapses and trims", " \t a\n\n b\r\n c \u00a0 d\u2028e ", "a b c d e"},
		{"CSI colour", "\x1b[31mred\x1b[0m text", "red text"},
		{"CSI cursor and erase", "a\x1b[2J\x1b[10;20Hb\x1b[?25lc", "abc"},
		{"OSC 8 hyperlink (BEL)", "see \x1b]8;;https://evil.example/\x07here\x1b]8;;\x07 now", "see here now"},
		{"OSC 8 hyperlink (ST)", "see \x1b]8;;https://evil.example/\x1b\\here\x1b]8;;\x1b\\ now", "see here now"},
		{"OSC 52 clipboard", "a\x1b]52;c;ZWNobyBwd25lZA==\x07b", "ab"},
		{"OSC window title", "x\x1b]0;pwned\x07y", "xy"},
		{"DCS", "x\x1bPq#0;2;0;0;0\x1b\\y", "xy"},
		{"two-byte escape", "x\x1bcy\x1b7z", "xyz"},
		{"unterminated OSC swallows the rest", "safe\x1b]52;c;AAAA", "safe"},
		{"ESC at the end", "end\x1b", "end"},
		{"C1 CSI", "a\u009b31mb", "ab"},
		{"C1 OSC with C1 ST", "a\u009d0;title\u009cb", "ab"},
		{"C1 DCS with BEL", "a\u0090data\u0007b", "ab"},
		{"other C1 controls", "a\u0085b\u0080c\u0081d", "a bcd"},
		{"C1 APC with C1 ST", "a\u009fapp\u009cb", "ab"},
		{"NUL, BEL, BS, DEL", "a\x00b\x07c\x08d\x7fe", "abcde"},
		{"bidi overrides and isolates", "a\u202ebc\u202c\u2066d\u2069\u200e\u200f\u061ce", "abcde"},
		{"zero-width and BOM", "a\u200bb\ufeffc\u2060d", "abcd"},
		{"emoji joiners kept", "👩\u200d💻 ❤\ufe0f", "👩\u200d💻 ❤\ufe0f"},
		{"private use dropped", "a\ue000b", "ab"},
		{"invalid UTF-8 repaired", "a\xffb\xc3(c", "a\ufffdb\ufffd(c"},
		{"NFC", "Bala\u0301zs", "Balázs"},
		{"combining marks of other scripts kept", "नमस्ते", "नमस्ते"},
		{"only controls", "\x1b[0m\x00\u202e", ""},
		{"empty", "", ""},
	}
	for _, c := range cases {
		if got := CleanLine(c.in); got != c.want {
			t.Errorf("%s: CleanLine(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestCleanLineIsIdempotentAndSafe(t *testing.T) {
	inputs := []string{
		"\x1b[31mred\x1b[0m \u202eevil\u202c \xff\xfe", "Bala\u0301zs  and\tco", "\u009b1;2H\u009d8;;x\u009c",
		strings.Repeat("\x1b[", 1000), "a\x1b\x1b]\x1b[\x07b",
	}
	for _, in := range inputs {
		once := CleanLine(in)
		if twice := CleanLine(once); twice != once {
			t.Errorf("CleanLine not idempotent on %q: %q then %q", in, once, twice)
		}
		if !utf8.ValidString(once) {
			t.Errorf("CleanLine(%q) = %q: invalid UTF-8", in, once)
		}
		for _, r := range once {
			if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
				t.Errorf("CleanLine(%q) kept %U", in, r)
			}
		}
	}
}

func TestCleanText(t *testing.T) {
	cases := map[string]string{
		"line one\nline two":                 "line one\nline two",
		"a\r\nb\rc":                          "a\nb\nc",
		"para one\n\n\n\n\npara two":         "para one\n\npara two",
		"  indented\n\t tabbed  \n":          "indented\ntabbed",
		"a \x1b[1mbold\x1b[0m\n\x00b\u202ec": "a bold\nbc",
		"\n\nleading and trailing\n\n":       "leading and trailing",
	}
	for in, want := range cases {
		if got := CleanText(in); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	cases := map[string]string{
		"Balázs":       "balazs",
		"ÉCOLE Ørsted": "ecole orsted",
		"Straße Łódź":  "strase lodz",
		"naïve–café’s": "naive-cafe's",
		"ASCII Only":   "ascii only",
		"Ελληνικά":     "ελληνικά",
	}
	for in, want := range cases {
		got := Fold(in)
		if got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(in) {
			t.Errorf("Fold(%q) changed the rune count", in)
		}
	}
	if FoldRune('Ä') != 'a' || FoldRune('Z') != 'z' || FoldRune('7') != '7' {
		t.Error("FoldRune")
	}
}

func TestQuote(t *testing.T) {
	cases := map[string]string{
		"library.db":            "library.db",
		"my papers.jsonl":       "my papers.jsonl",
		"Balázs":                "Balázs",
		"":                      `""`,
		"x\x1b]0;PWNED\x07y":    `"x\x1b]0;PWNED\ay"`,
		"a\u009bb\u0085c":       `"a\u009bb\u0085c"`,
		"a\u202eb\u2066c\u2069": `"a\u202eb\u2066c\u2069"`,
		"\u200e\u200f\u061c":    `"\u200e\u200f\u061c"`,
		"del\x7f":               `"del\x7f"`,
		"bad\xff\xfeutf8":       `"bad\xff\xfeutf8"`,
		"two  spaces":           `"two  spaces"`,
		"quote\" and \\\x00":    `"quote\" and \\\x00"`,
		"bom\ufeffzwsp\u200b":   `"bom\ufeffzwsp\u200b"`,
	}
	for in, want := range cases {
		got := Quote(in)
		if got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
		for _, r := range got {
			if isInvisibleControl(r) || r == utf8.RuneError {
				t.Errorf("Quote(%q) = %q keeps %U", in, got, r)
			}
		}
	}
}

func TestCleanInputKeepsSpacesAsTyped(t *testing.T) {
	for in, want := range map[string]string{
		"lora ":                           "lora ",
		"  two  spaces ":                  "  two  spaces ",
		"lo\u202era\x1b]0;PWNED\x07 x":    "lora x",
		"tab\there":                       "tab here",
		"\x1b[31mred\u009b0m\u2066\u200e": "red",
		"e\u0301":                         "e\u0301", // not normalised: the cursor counts runes
	} {
		if got := CleanInput(in); got != want {
			t.Errorf("CleanInput(%q) = %q, want %q", in, got, want)
		}
	}
}
