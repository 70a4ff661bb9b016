package corpus

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/papertui/papers/model"
	"github.com/papertui/papers/model/catalog"
)

// limitedAndFullIDs runs the search `papers search -n limit` would run over
// one JSON Lines file both ways: streamed through the record prefilter
// (catalog.Stream over streamFormats) and over the whole parsed corpus.
// ok is false when the streaming search declines, or the file does not
// parse (the prefilter may then skip the bad record, as grep would).
func limitedAndFullIDs(t *testing.T, data []byte, query string, limit int) (limited, full []string, ok bool) {
	t.Helper()
	ctx := context.Background()
	q := model.ParseQuery(query)
	papers, err := Parse("fuzz", bytes.NewReader(data))
	if err != nil {
		return nil, nil, false
	}
	ix, err := model.BuildIndex(ctx, papers)
	if err != nil {
		t.Fatal(err)
	}
	res, err := model.NewSearcher(ix).Search(ctx, q, catalog.New(ix).Facets(), model.SortRelevance, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Rows(0, limit) {
		full = append(full, ix.Paper(h.Paper).ID)
	}
	src := func(keep func(model.RecordSyntax, []byte, []byte) bool, each func([]model.Paper) bool) error {
		return streamFormats("fuzz", bytes.NewReader(data), int64(len(data)), keep, each)
	}
	cat, sres, err := catalog.Stream(ctx, src, catalog.StreamRequest{Query: q, Order: model.SortRelevance, Limit: limit, SingleFile: true})
	if err != nil {
		t.Fatalf("streaming search failed where the full one did not: %v", err)
	}
	if sres == nil {
		return nil, nil, false
	}
	for _, h := range sres.Rows(0, limit) {
		limited = append(limited, cat.Index.Paper(h.Paper).ID)
	}
	return limited, full, true
}

// The raw-byte title locator read a different key than encoding/json:
// an escaped quote before "title", a \u escape inside the key, or a
// case variant after it hid the real title, and the top hit was lost.
func TestLimitedSearchSeesTheDecodedTitle(t *testing.T) {
	abstract := `"abstract":"An abstract about things that are here and elsewhere too."`
	for name, rec := range map[string]string{
		"escaped key":  `{"id":"2401.00001","k\"title":"fake","tit\u006ce":"LoRA adapters",` + abstract + `}`,
		"case variant": `{"id":"2401.00001","title":"fake","TITLE":"LoRA adapters",` + abstract + `}`,
	} {
		t.Run(name, func(t *testing.T) {
			data := rec + "\n" +
				`{"id":"2401.00003","title":"LoRA something",` + abstract + "}\n" +
				`{"id":"2401.00004","title":"Other LoRA",` + abstract + "}\n"
			limited, full, ok := limitedAndFullIDs(t, []byte(data), "lora", 2)
			if !ok {
				t.Fatal("streaming search declined")
			}
			if !slices.Equal(limited, full) || len(full) != 2 || full[0] != "2401.00001" {
				t.Fatalf("search -n 2 lora: limited %q, full %q", limited, full)
			}
		})
	}
}

// FuzzLimitedSearchAgrees checks that a limited search streamed through the
// raw-byte prefilters returns what the full search returns. Lines that do
// not parse on their own are dropped, so that mutations of one record do
// not spoil the whole file.
func FuzzLimitedSearchAgrees(f *testing.F) {
	abstract := `"abstract":"An abstract about lora things that are here."`
	f.Add(`{"id":"2401.00001","k\"title":"fake","tit\u006ce":"LoRA adapters","abstract":"x"}`+"\n"+
		`{"id":"2401.00002","title":"LoRA one",`+abstract+"}\n"+
		`{"id":"2401.00003","title":"LoRA two",`+abstract+"}", "lora", uint8(2))
	f.Add(`{"id":"2401.00001","title":"fake","TITLE":"LoRA adapters","abstract":"x"}`+"\n"+
		`{"id":"2401.00002","title":"Low rank LoRA",`+abstract+"}\n"+
		`{"id":"2401.00003","Title":"nothing","abstract":"lora"}`, "lora adapters", uint8(1))
	f.Add(`{"id":"1","title":"A \"title\": lora","versions":[{"title":"lora"}],"abstract":"lora lora"}`+"\n"+
		`{"id":"2","title":"Sub\u0074itle lora","abstract":"no"}`+"\n"+
		`{"id":"3","title":null,"title":"lora net","abstract":"title"}`, "lora", uint8(1))
	f.Add(oaiLine("2401.00005", `T\'e{x} $\alpha^{2}$ -- \"o lora`, "A and B (C), D")+"\n"+
		oaiLine("2401.00006", "Lora", "E"), "title:lora", uint8(1))
	f.Fuzz(func(t *testing.T, data, query string, limit uint8) {
		if len(data) > 1<<14 || limit == 0 {
			return
		}
		var lines []string
		var scratch []byte
		for _, line := range strings.Split(data, "\n") {
			if _, err := parseOAILine("fuzz", bytes.TrimSpace([]byte(line)), &scratch); err == nil {
				lines = append(lines, line)
			}
		}
		if len(lines) == 0 {
			return
		}
		file := []byte(strings.Join(lines, "\n") + "\n")
		if DetectFormat(file) != FormatArxivJSONL {
			return
		}
		limited, full, ok := limitedAndFullIDs(t, file, query, int(limit%8)+1)
		if ok && !slices.Equal(limited, full) {
			t.Fatalf("query %q: limited search %q, full search %q\nfile:\n%s", query, limited, full, file)
		}
	})
}
