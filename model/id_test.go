package model

import (
	"crypto/sha256"
	"strings"
	"testing"
)

func TestNormalizeArxivID(t *testing.T) {
	cases := map[string]string{
		"2405.09673":                              "2405.09673",
		"2405.09673v2":                            "2405.09673",
		"0704.0001":                               "0704.0001",
		" arXiv:2405.09673v1 ":                    "2405.09673",
		"arxiv:1501.00001":                        "1501.00001",
		"ARXIV:1501.00001":                        "1501.00001",
		"http://arxiv.org/abs/2604.01234v1":       "2604.01234",
		"https://arxiv.org/abs/2604.01234":        "2604.01234",
		"https://arxiv.org/pdf/2604.01234v3":      "2604.01234",
		"https://arxiv.org/pdf/2604.01234v3.pdf":  "2604.01234",
		"https://www.arxiv.org/abs/2604.01234":    "2604.01234",
		"http://export.arxiv.org/abs/2604.01234":  "2604.01234",
		"hep-th/9901001":                          "hep-th/9901001",
		"hep-th/9901001v3":                        "hep-th/9901001",
		"math.GT/0309136":                         "math.GT/0309136",
		"http://arxiv.org/abs/cond-mat/0412498v1": "cond-mat/0412498",
		"":                              "",
		"t-abcdefghijkl":                "",
		"2405.096":                      "",
		"2405.096731":                   "",
		"24050.9673":                    "",
		"hep-th/990100":                 "",
		"HEP-TH/9901001":                "",
		"http://arxiv.org/api/errors#x": "",
		"10.1103/PhysRevD.76.013009":    "",
	}
	for in, want := range cases {
		if got := NormalizeArxivID(in); got != want {
			t.Errorf("NormalizeArxivID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTitleKey(t *testing.T) {
	same := []string{
		"LoRA: Low-Rank Adaptation of Large Language Models",
		"LoRA — Low Rank Adaptation of  Large\nLanguage Models.",
		"lora: low-rank adaptation of large language models",
		"  LoRA:Low-Rank Adaptation of Large Language Models ",
	}
	want := "lora low rank adaptation of large language models"
	for _, title := range same {
		if got := TitleKey(title); got != want {
			t.Errorf("TitleKey(%q) = %q, want %q", title, got, want)
		}
	}
	for a, b := range map[string]string{"Balázs' Method": "Balazs Method", "LoRA's Results": "LoRAs results", "naïve Bayes": "Naive bayes"} {
		if TitleKey(a) != TitleKey(b) {
			t.Errorf("TitleKey(%q) = %q, TitleKey(%q) = %q; want equal", a, TitleKey(a), b, TitleKey(b))
		}
	}
	if TitleKey("GPT-4 Technical Report") == TitleKey("GPT-3 Technical Report") {
		t.Error("different titles share a key")
	}
	if TitleKey("") != "" || TitleKey("!!! ...") != "" {
		t.Error("a title without words has a non-empty key")
	}
}

func TestTitleID(t *testing.T) {
	id := TitleID("Attention Is All You Need")
	if !strings.HasPrefix(id, "t-") || len(id) != 14 || strings.ToLower(id) != id {
		t.Errorf("TitleID = %q, want t- and 12 lower-case base32 characters", id)
	}
	if TitleID("attention is all\nyou need.") != id {
		t.Error("re-wrapping or re-punctuating a title changed its ID")
	}
	if TitleID("Attention Is Not All You Need") == id {
		t.Error("different titles share an ID")
	}
	// The ID is part of the saved-data format: it must never change.
	if id != "t-"+titleIDEncoding.EncodeToString(sha256Sum("attention is all you need"))[:12] {
		t.Error("TitleID is not the base32 SHA-256 of the title key")
	}
}

func TestAssignIDs(t *testing.T) {
	p := Paper{Title: "A Title", ArxivID: "arXiv:2405.09673v2"}
	p.AssignIDs()
	if p.ArxivID != "2405.09673" || p.ID != "2405.09673" || p.TitleID != TitleID("A Title") {
		t.Errorf("with arXiv id: %+v", p)
	}
	if keys := p.Keys(); len(keys) != 2 || keys[0] != p.ID || keys[1] != p.TitleID {
		t.Errorf("Keys = %q", keys)
	}
	q := Paper{Title: "A Title", ArxivID: "not an id"}
	q.AssignIDs()
	if q.ArxivID != "" || q.ID != q.TitleID || len(q.Keys()) != 1 {
		t.Errorf("without arXiv id: %+v", q)
	}
}

func TestLooksLikeID(t *testing.T) {
	for s, want := range map[string]bool{
		"2405.09673": true, "arXiv:2405.09673": true, "hep-th/9901001": true, TitleID("x"): true,
		"t-short": false, "lora": false, "": false, "2405": false,
	} {
		if got := LooksLikeID(s); got != want {
			t.Errorf("LooksLikeID(%q) = %v", s, got)
		}
	}
}

func sha256Sum(s string) []byte {
	sum := sha256.Sum256([]byte(s))
	return sum[:]
}
