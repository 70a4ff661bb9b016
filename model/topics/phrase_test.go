package topics

import (
	"slices"
	"strings"
	"testing"
)

func TestEachPhrase(t *testing.T) {
	sc := newScanner()
	text := "we study adversarial training of vision transformers"
	sc.scan(text)
	var phrases []string
	sc.eachPhrase(true, func(h uint64, i, j int, extra bool) {
		phrases = append(phrases, text[sc.comps[i].start:sc.comps[j].end])
	})
	for _, want := range []string{"adversarial training", "vision transformers"} {
		if !slices.Contains(phrases, want) {
			t.Errorf("phrases %q lack %q", phrases, want)
		}
	}
	for _, p := range phrases {
		if strings.HasPrefix(p, "we") || strings.HasPrefix(p, "study") || strings.Contains(p, " of ") {
			t.Errorf("phrase %q has a stop word or boilerplate", p)
		}
	}
}
