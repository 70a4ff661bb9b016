package model

import (
	"encoding/json"
	"strings"
	"testing"
)

// Every paper the matcher finds must pass the prefilter on its raw record,
// in both record syntaxes; the prefilter must also reject most records.
func TestPrefilterNeverRejectsAMatch(t *testing.T) {
	s := seedSearcher(t)
	papers := s.Index().Papers()
	queries := []string{"lora", "fine-tuning", `"low-rank adaptation"`, "adversarial robust", "clip", "finetuning", "title:lora", "author:smith", "lora -adversarial", "gpt4", "1.5"}
	for _, qs := range queries {
		q := ParseQuery(qs)
		r := search(t, s, qs)
		for _, syntax := range []RecordSyntax{SyntaxPlain, SyntaxJSON} {
			pf := NewPrefilter(q, syntax)
			if pf == nil {
				t.Fatalf("%q: no prefilter", qs)
			}
			kept := 0
			for i := range papers {
				rec := rawRecord(&papers[i], syntax)
				keep := pf.Keep(rec)
				if keep {
					kept++
				}
				if r.Contains(i) && !keep {
					t.Errorf("%q (syntax %d): prefilter rejects matching paper %q", qs, syntax, papers[i].Title)
				}
			}
			if r.Total < 20 && kept > len(papers)/2 {
				t.Errorf("%q (syntax %d): prefilter keeps %d of %d records for %d matches", qs, syntax, kept, len(papers), r.Total)
			}
		}
	}
}

func rawRecord(p *Paper, syntax RecordSyntax) []byte {
	if syntax == SyntaxPlain {
		return []byte(p.Title + "\n" + p.Abstract)
	}
	b, _ := json.Marshal(map[string]string{"title": p.Title, "abstract": p.Abstract, "authors": strings.Join(p.Authors, ", ")})
	return b
}

func TestPrefilterSeesThroughEscapes(t *testing.T) {
	cases := []struct {
		query, record string
		syntax        RecordSyntax
		keep          bool
	}{
		{"lora", `{"title":"{L}o{RA}: adapters"}`, SyntaxJSON, true},
		{`"fine tuning"`, `{"title":"Fine-\n  Tuning"}`, SyntaxJSON, true},
		{`"fine tuning"`, `{"title":"Fine\\'\n  Tuning"}`, SyntaxJSON, true},
		{"balazs", `{"authors":"C. Bal\\'azs"}`, SyntaxJSON, true},
		{"garcon", `{"title":"gar\\c{c}on"}`, SyntaxJSON, true},
		{"cafe", `{"title":"caf\u00e9"}`, SyntaxJSON, true},
		{"lora", `{"title":"Nothing to see","abstract":"plain text"}`, SyntaxJSON, false},
		{"lora", "LO-RA here", SyntaxPlain, true},
		{"lora", "no such word\\here", SyntaxPlain, false},
		{"lora", "Lo\x1b[31mRA", SyntaxPlain, true},
		{"lora", "Schrödinger", SyntaxPlain, true},
	}
	for _, c := range cases {
		pf := NewPrefilter(ParseQuery(c.query), c.syntax)
		if got := pf.Keep([]byte(c.record)); got != c.keep {
			t.Errorf("Keep(%q) for %q = %v, want %v", c.record, c.query, got, c.keep)
		}
	}
	if NewPrefilter(ParseQuery("-lora is:read"), SyntaxJSON) != nil {
		t.Error("a query without positive text clauses cannot be prefiltered")
	}
	if NewPrefilter(ParseQuery("αβ"), SyntaxJSON) != nil {
		t.Error("a non-ASCII word cannot be prefiltered")
	}
}

func TestPrefilterKeepTitle(t *testing.T) {
	pf := NewPrefilter(ParseQuery("lora abstract:adapter"), SyntaxJSON)
	for title, want := range map[string]bool{
		"LoRA Learns Less":          true,
		"Adapters Everywhere":       false, // adapter is limited to abstracts
		"Nothing Here":              false,
		`Lo\\u0052A`:                true, // opaque: \u escapes
		"Auto{L}o{RA}: Parameter x": true,
	} {
		if got := pf.KeepTitle([]byte(title)); got != want {
			t.Errorf("KeepTitle(%q) = %v, want %v", title, got, want)
		}
	}
	if !pf.KeepTitle(nil) {
		t.Error("an unknown title must be kept")
	}
}

func TestPrefilterWithTyposKeepsRecordsWithTheWord(t *testing.T) {
	pf := NewPrefilter(ParseQuery("trasnformer lora"), SyntaxPlain).WithTypos([]string{"trasnformer"})
	for rec, want := range map[string]bool{
		"Vision Transformers at scale with LoRA":       true,  // a swap, then a longer form
		"A trans-former for LoRA":                      true,  // punctuation is skipped
		"Transfomer, a LoRA":                           true,  // a swap and a missing letter
		"Transport of LoRA":                            false, // too far
		"Vision Transformers at scale without adapter": false, // the other word must still be there
	} {
		if got := pf.Keep([]byte(rec)); got != want {
			t.Errorf("Keep(%q) = %v, want %v", rec, got, want)
		}
	}
	if !NewPrefilter(ParseQuery("trasnformer"), SyntaxPlain).WithTypos(nil).Keep([]byte("trasnformer")) {
		t.Error("without typos the exact word is still kept")
	}
	if NewPrefilter(ParseQuery("trasnformer"), SyntaxPlain).Keep([]byte("Transformer")) {
		t.Error("a prefilter without typos kept a record without the word")
	}
}

// A word missing the term's first letters is found at the start of a
// record, and at the start of a word, as it is after other letters.
func TestPrefilterWithTyposFindsAWordMissingTheTermsStart(t *testing.T) {
	for _, c := range []struct{ term, record string }{
		{"difusion", "Fusion of models"},           // two letters missing, the record's start
		{"difusion", "Effective fusion of models"}, // the same inside
		{"xlora", "LoRA adapters"},                 // one letter missing
		{"adversrial", "dversarial training"},      // one missing, one extra, a long term
	} {
		for _, syntax := range []RecordSyntax{SyntaxPlain, SyntaxJSON} {
			pf := NewPrefilter(ParseQuery(c.term), syntax).WithTypos([]string{c.term})
			rec := []byte(c.record)
			if syntax == SyntaxJSON {
				rec = []byte(`{"title":"` + c.record + `"}`)
			}
			if !pf.Keep(rec) {
				t.Errorf("%q (syntax %d) rejects %q", c.term, syntax, rec)
			}
		}
	}
}

// The same for typos: every paper a typo finds passes the prefilter that
// allows the typo's edits.
func TestPrefilterWithTyposNeverRejectsAMatch(t *testing.T) {
	s := seedSearcher(t)
	papers := s.Index().Papers()
	for _, qs := range []string{"loar", "adversrial", "trasnformer", "difusion", "promtp tuning", "lora adaptr"} {
		q := ParseQuery(qs)
		r := search(t, s, qs)
		if !r.Fuzzy || r.Total == 0 {
			t.Fatalf("%q: expected fuzzy matches", qs)
		}
		for _, syntax := range []RecordSyntax{SyntaxPlain, SyntaxJSON} {
			pf := NewPrefilter(q, syntax).WithTypos(r.Fallback)
			for i := range papers {
				if r.Contains(i) && !pf.Keep(rawRecord(&papers[i], syntax)) {
					t.Errorf("%q (syntax %d): prefilter rejects matching paper %q", qs, syntax, papers[i].Title)
				}
			}
		}
	}
}
