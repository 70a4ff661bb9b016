package topics

import (
	"github.com/papertui/papers/model/internal/lex"
)

// eachPhrase calls fn for every eligible phrase of the scanned text, as its
// hash and its compounds [i, j]: one to three compounds with no punctuation
// between them, no stop word or boilerplate in them, ending on a noun (not a
// modifier or adjective), not made of modifiers and a head noun only, and a
// single word only if it is a plain word of three letters or more or an
// acronym. Acronyms inside compounds come last, as unigrams (extra, with i
// indexing the scanner's extras). With fragments false, phrases that look
// like the tail of a longer phrase are left out.
func (s *scanner) eachPhrase(fragments bool, fn func(h uint64, i, j int, extra bool)) {
	comps := s.comps
	for i := range comps {
		c := &comps[i]
		if c.class == classStop || c.class == classGeneric || c.class == classNumber {
			continue
		}
		if c.class == classPlain && (c.acronym || c.key1-c.key0 >= 3) {
			fn(c.hash, i, i, false)
		}
		if !fragments && c.class == classHead && i > 0 && !c.brk && comps[i-1].class != classStop {
			// A phrase starting on a head noun right after another word
			// is usually the tail of a longer one: "learning models" of
			// "machine learning models", "rank adaptation" of "low rank
			// adaptation".
			continue
		}
		// content: a word before the last that says what the phrase is
		// about. "prompt tuning" and "adversarial training" have one,
		// "deep learning" and "efficient training" do not.
		h := c.hash
		content := false
		prev := c.class
		for j := i + 1; j < len(comps) && j < i+3; j++ {
			d := &comps[j]
			if d.brk || d.class == classStop || d.class == classGeneric || d.class == classNumber {
				break
			}
			h = lex.HashConcat(h, d.hash, d.key1-d.key0)
			content = content || prev != classModifier
			if (content || d.class == classPlain) && d.class != classModifier && d.class != classAdjective {
				fn(h, i, j, false)
			}
			prev = d.class
		}
	}
	for i := range s.extras {
		fn(s.extras[i].hash, i, i, true)
	}
}

// titleEvidence reports whether an occurrence in a title says the phrase
// matters to the paper. A title's first word is often its verb
// ("Defending Against ...", "Transferring Knowledge ..."), so a lone word
// in that position does not count, unless it is an acronym.
func (s *scanner) titleEvidence(i, j int, extra bool) bool {
	return extra || i != j || s.comps[i].acronym || !s.comps[i].sentence
}
