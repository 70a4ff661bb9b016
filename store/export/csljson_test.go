package export

import (
	"encoding/json"
	"testing"
)

func TestCSLJSONExport(t *testing.T) {
	papers, marks := exportLibrary(t)
	var items []map[string]any
	if err := json.Unmarshal([]byte(exportString(t, CSLJSON, papers, marks)), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 3 {
		t.Fatalf("%d items", len(items))
	}
	lora := items[0]
	want := map[string]any{
		"id":       "hu2021lora",
		"type":     "article",
		"title":    "LoRA: Low-Rank Adaptation of Large Language Models",
		"URL":      "https://arxiv.org/abs/2106.09685",
		"DOI":      "10.48550/arXiv.2106.09685",
		"abstract": "We propose LoRA.",
		"keyword":  "peft, to-read",
		"number":   "arXiv:2106.09685",
	}
	for k, v := range want {
		if lora[k] != v {
			t.Errorf("%s = %v, want %v", k, lora[k], v)
		}
	}
	authors, _ := json.Marshal(lora["author"])
	if string(authors) != `[{"family":"Hu","given":"Edward J."},{"family":"Shen","given":"Yelong"},{"family":"Wallis","given":"Phillip"}]` {
		t.Errorf("author = %s", authors)
	}
	issued, _ := json.Marshal(lora["issued"])
	if string(issued) != `{"date-parts":[[2021,6,17]]}` {
		t.Errorf("issued = %s", issued)
	}
	if _, ok := items[2]["author"]; ok {
		t.Errorf("paper without authors has %v", items[2]["author"])
	}
}
