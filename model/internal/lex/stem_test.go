package lex

import "testing"

// The examples of Porter's paper ("An algorithm for suffix stripping",
// 1980), step by step; the expected stems are the paper's.
func TestStemPorterMatchesThePaper(t *testing.T) {
	for word, want := range map[string]string{
		// Step 1a.
		"caresses": "caress", "ponies": "poni", "ties": "ti", "caress": "caress", "cats": "cat",
		// Step 1b.
		"feed": "feed", "agreed": "agre", "plastered": "plaster", "bled": "bled",
		"motoring": "motor", "sing": "sing", "conflated": "conflat", "troubled": "troubl",
		"sized": "size", "hopping": "hop", "tanned": "tan", "falling": "fall",
		"hissing": "hiss", "fizzed": "fizz", "failing": "fail", "filing": "file",
		// Step 1c.
		"happy": "happi", "sky": "sky",
		// Step 2.
		"relational": "relat", "conditional": "condit", "rational": "ration",
		"valenci": "valenc", "hesitanci": "hesit", "digitizer": "digit",
		"conformabli": "conform", "radicalli": "radic", "differentli": "differ",
		"vileli": "vile", "analogousli": "analog", "vietnamization": "vietnam",
		"predication": "predic", "operator": "oper", "feudalism": "feudal",
		"decisiveness": "decis", "hopefulness": "hope", "callousness": "callous",
		"formaliti": "formal", "sensitiviti": "sensit", "sensibiliti": "sensibl",
		// Step 3.
		"triplicate": "triplic", "formative": "form", "formalize": "formal",
		"electriciti": "electr", "electrical": "electr", "hopeful": "hope", "goodness": "good",
		// Step 4.
		"revival": "reviv", "allowance": "allow", "inference": "infer", "airliner": "airlin",
		"gyroscopic": "gyroscop", "adjustable": "adjust", "defensible": "defens",
		"irritant": "irrit", "replacement": "replac", "adjustment": "adjust",
		"dependent": "depend", "adoption": "adopt", "homologou": "homolog",
		"communism": "commun", "activate": "activ", "angulariti": "angular",
		"homologous": "homolog", "effective": "effect", "bowdlerize": "bowdler",
		// Step 5.
		"probate": "probat", "rate": "rate", "cease": "ceas", "controll": "control", "roll": "roll",
	} {
		if got := Porter(word); got != want {
			t.Errorf("Porter(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestStemPorterConflatesAWordsFamily(t *testing.T) {
	for _, family := range [][]string{
		{"robust", "robustness"},
		{"tune", "tuning", "tuned", "tunes"},
		{"adapt", "adaptation", "adapting", "adapted", "adapts"},
		{"generalize", "generalization", "generalizing"},
		{"attack", "attacks", "attacking", "attacked"},
	} {
		want := Porter(family[0])
		for _, w := range family[1:] {
			if got := Porter(w); got != want {
				t.Errorf("Porter(%q) = %q, Porter(%q) = %q", family[0], want, w, got)
			}
		}
	}
	// Words the stemmer must not touch: short, or not plain English letters.
	for _, w := range []string{"a", "is", "café", "gpt4", "résumé", ""} {
		if got := Porter(w); got != w {
			t.Errorf("Porter(%q) = %q", w, got)
		}
	}
}

func TestStemSingular(t *testing.T) {
	for word, want := range map[string]string{
		"models": "model", "studies": "study", "classes": "class", "patches": "patch",
		"boxes": "box", "llms": "llm", "networks": "network", "attacks": "attack",
		// Not plurals, or not plurals by these rules.
		"analysis": "analysis", "loss": "loss", "bias": "bias", "robustness": "robustness",
		"various": "various", "corpus": "corpus", "series": "series", "dynamics": "dynamics",
		"gas": "gas", "its": "its", "model": "model", "café": "café",
	} {
		if got := Singular(word); got != want {
			t.Errorf("Singular(%q) = %q, want %q", word, got, want)
		}
		if got := string(SingularBytes([]byte(word))); got != want {
			t.Errorf("SingularBytes(%q) = %q, want %q", word, got, want)
		}
	}
}
