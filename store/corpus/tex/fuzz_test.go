package tex

import (
	"testing"
	"unicode/utf8"

	"github.com/papertui/papers/store/internal/storetest"
)

// Run it with:
//
//	go test ./store/corpus/tex -run '^$' -fuzz '^FuzzDecodeTeX$' -fuzztime 10s

func FuzzDecodeTeX(f *testing.F) {
	for _, s := range []string{
		`Bal\'azs`, `{\"o} \"{o} \" o`, `$\mathbb{R}^{2}_{i}$`, `\frac{a}{b} \sqrt[3]{x}`, `{unbalanced`,
		`trailing \`, `$$x$$ \(y\) \[z\]`, "``q'' -- ---", `\url{http://x.org/~a--b}`, `\'\i \c c \v{\j}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Decode(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("Decode(%q) = %q: invalid UTF-8 from valid input", s, out)
		}
		// Every command expands to a few bytes at most.
		if len(out) > 4*len(s)+16 {
			t.Fatalf("Decode(%q) grew to %d bytes", s, len(out))
		}
		if !hasTeX(s) && out != s {
			t.Fatalf("text without markup changed: %q → %q", s, out)
		}
		if err := storetest.UnsafeText(texClean(s)); err != nil {
			t.Fatalf("cleaned %q: %v", s, err)
		}
	})
}
