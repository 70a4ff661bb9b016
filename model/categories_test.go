package model

import (
	"strings"
	"testing"
)

func TestCategoryNames(t *testing.T) {
	for code, want := range map[string]string{"cs.LG": "Machine Learning", "CS.cl": "Computation and Language", "stat.ML": "Machine Learning", "hep-th": "High Energy Physics - Theory"} {
		if got, ok := CategoryName(code); !ok || got != want {
			t.Errorf("CategoryName(%q) = %q, %v", code, got, ok)
		}
	}
	if _, ok := CategoryName("cs.ZZ"); ok {
		t.Error("cs.ZZ is known")
	}
	if got := CategoryDisplayName("cs.ZZ"); got != "cs.ZZ" {
		t.Errorf("unknown category shown as %q", got)
	}
	// Codes are unique, ignoring case.
	seen := map[string]bool{}
	for _, c := range arxivCategories {
		if seen[strings.ToLower(c.code)] {
			t.Errorf("category %s listed twice", c.code)
		}
		seen[strings.ToLower(c.code)] = true
	}
}
