package model

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// mentionsLoRA is an independent statement of what "lora" should find: a
// word starting with lora (any case), or a camelCase piece LoRa/LoRA
// inside a word (AutoLoRa, SLoRA).
var mentionsLoRA = regexp.MustCompile(`(^|[^A-Za-z0-9])(?i:lora)|[A-Za-z]Lo(?i:ra)`)

func TestLoraListsOnlyPapersMentioningLoRA(t *testing.T) {
	s := seedSearcher(t)
	r := search(t, s, "lora")
	var want []int
	for i, p := range s.Index().Papers() {
		if mentionsLoRA.MatchString(p.Title) || mentionsLoRA.MatchString(p.Abstract) {
			want = append(want, i)
		}
	}
	var got []int
	seenAbstractOnly := false
	for _, h := range r.Rows(0, r.Total) {
		got = append(got, h.Paper)
		p := s.Index().Paper(h.Paper)
		titleHit := mentionsLoRA.MatchString(p.Title)
		if titleHit != h.InTitle {
			t.Errorf("%q: InTitle = %v, but its title mentions LoRA: %v", p.Title, h.InTitle, titleHit)
		}
		if !titleHit {
			seenAbstractOnly = true
		} else if seenAbstractOnly {
			t.Errorf("%q mentions LoRA in its title but ranks below an abstract-only match", p.Title)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("lora matched %d papers, want the %d that mention LoRA\n got %v\nwant %v", len(got), len(want), got, want)
	}
	if len(want) < 10 || len(want) > 60 {
		t.Fatalf("the seed has %d LoRA papers; the test expects a few dozen", len(want))
	}
}

func TestTitleMatchesRankAboveAbstractMatches(t *testing.T) {
	s := seedSearcher(t)
	for _, q := range []string{"adversarial", "continual learning", "clip", "robust fine", "lora ad", "prompt"} {
		r := search(t, s, q)
		if r.Total == 0 {
			t.Errorf("%q matched nothing", q)
			continue
		}
		inTitle := true
		prevScore := 1 << 30
		for _, h := range r.Rows(0, r.Total) {
			if h.InTitle && !inTitle {
				t.Errorf("%q: title match %q ranks below an abstract-only match", q, s.Index().Paper(h.Paper).Title)
			}
			inTitle = h.InTitle
			score := h.Score
			if h.InTitle {
				score += titleGroupBonus
			}
			// Ties within a tier follow Result.fine (rank_test.go).
			if score > prevScore {
				t.Errorf("%q: rows out of order at %q (score %d after %d)", q, s.Index().Paper(h.Paper).Title, score, prevScore)
			}
			prevScore = score
		}
	}
}

func TestWholeWordRanksAbovePrefixInTitles(t *testing.T) {
	papers := []Paper{
		{Title: "Contrastive Learning at Scale", Abstract: "x"},
		{Title: "Contrast Is All You Need", Abstract: "x"},
	}
	s := newTestSearcher(t, papers)
	r := search(t, s, "contrast")
	if r.Total != 2 || r.Rows(0, 1)[0].Paper != 1 {
		t.Fatalf("the title with the whole word should come first: %v", titles(s, r))
	}
}

const lrlfTitle = "LoRA Learns Less and Forgets Less"

func TestInitialsPrefixesAndTyposFindTitles(t *testing.T) {
	s := seedSearcher(t)
	for _, q := range []string{"lrlf", "lora learns", "lor lea", "lorlea", "LoRA learns less"} {
		r := search(t, s, q)
		if r.Total == 0 || s.Index().Paper(r.Rows(0, 1)[0].Paper).Title != lrlfTitle {
			t.Errorf("%q: first result should be %q, got %q", q, lrlfTitle, titles(s, r))
		}
	}
	r := search(t, s, "adversrial")
	adversarialTitles := 0
	for _, p := range s.Index().Papers() {
		if strings.Contains(strings.ToLower(p.Title), "adversarial") {
			adversarialTitles++
			if !containsTitle(s, r, p.Title) {
				t.Errorf("typo adversrial misses %q", p.Title)
			}
		}
	}
	if adversarialTitles < 5 {
		t.Fatalf("expected several adversarial titles in the seed, found %d", adversarialTitles)
	}
	for _, h := range r.Rows(0, adversarialTitles) {
		if !h.InTitle {
			t.Errorf("adversrial: title matches should come first, got %q", s.Index().Paper(h.Paper).Title)
		}
	}
}

func containsTitle(s *Searcher, r *Result, title string) bool {
	return slices.Contains(titles(s, r), title)
}

func TestScatteredLettersDoNotMatch(t *testing.T) {
	s := seedSearcher(t)
	// Each of these is a subsequence of nearly every abstract.
	for _, q := range []string{"tnrs", "aeio", "lrna", "mdls"} {
		subsequence := 0
		for _, p := range s.Index().Papers() {
			if isSubsequence(strings.ToLower(p.Abstract), q) {
				subsequence++
			}
		}
		r := search(t, s, q)
		if subsequence < 150 {
			t.Fatalf("%q is a subsequence of only %d abstracts; pick a better example", q, subsequence)
		}
		if r.Total > 10 {
			t.Errorf("%q matched %d papers: scattered letters are matching (%q)", q, r.Total, titles(s, r))
		}
	}
}

func isSubsequence(s, sub string) bool {
	i := 0
	for j := 0; j < len(s) && i < len(sub); j++ {
		if s[j] == sub[i] {
			i++
		}
	}
	return i == len(sub)
}

func TestPhraseExclusionAndFields(t *testing.T) {
	s := seedSearcher(t)
	lowRank := regexp.MustCompile(`(?i)low[- ]rank adaptation`)
	phrase := search(t, s, `"low-rank adaptation"`)
	loose := search(t, s, `low-rank adaptation`)
	if phrase.Total == 0 {
		t.Fatal("phrase matched nothing")
	}
	for _, title := range titles(s, phrase) {
		i := indexOfTitle(s, title)
		p := s.Index().Paper(i)
		if !lowRank.MatchString(p.Title) && !lowRank.MatchString(p.Abstract) {
			t.Errorf("phrase matched %q, which lacks it", title)
		}
	}
	for i, p := range s.Index().Papers() {
		if (lowRank.MatchString(p.Title) || lowRank.MatchString(p.Abstract)) && !phrase.Contains(i) {
			t.Errorf("phrase misses %q", p.Title)
		}
	}
	if reversed := search(t, s, `"adaptation low-rank"`); reversed.Total >= phrase.Total {
		t.Errorf("word order ignored: reversed phrase matched %d, phrase %d", reversed.Total, phrase.Total)
	}
	if loose.Total < phrase.Total {
		t.Errorf("a hyphenated term matched fewer papers (%d) than the phrase (%d)", loose.Total, phrase.Total)
	}

	all := search(t, s, "lora")
	without := search(t, s, "lora -adversarial")
	adversarial := search(t, s, "adversarial")
	for _, h := range all.Rows(0, all.Total) {
		if without.Contains(h.Paper) == adversarial.Contains(h.Paper) {
			t.Errorf("%q: excluded %v, mentions adversarial %v", s.Index().Paper(h.Paper).Title, !without.Contains(h.Paper), adversarial.Contains(h.Paper))
		}
	}

	if r := search(t, s, "lora -lrlf -adversrial"); r.Total != all.Total {
		t.Errorf("excluding words no paper has removed papers: %d of %d left", r.Total, all.Total)
	}

	title := search(t, s, "title:lora")
	abstract := search(t, s, "abstract:lora")
	for _, h := range title.Rows(0, title.Total) {
		if !mentionsLoRA.MatchString(s.Index().Paper(h.Paper).Title) {
			t.Errorf("title:lora matched %q", s.Index().Paper(h.Paper).Title)
		}
	}
	for _, h := range abstract.Rows(0, abstract.Total) {
		if !mentionsLoRA.MatchString(s.Index().Paper(h.Paper).Abstract) {
			t.Errorf("abstract:lora matched an abstract without LoRA: %q", s.Index().Paper(h.Paper).Title)
		}
	}
	if title.Total == 0 || abstract.Total <= title.Total || abstract.Total > all.Total {
		t.Errorf("field counts look wrong: title %d, abstract %d, any %d", title.Total, abstract.Total, all.Total)
	}
}

func indexOfTitle(s *Searcher, title string) int {
	for i, p := range s.Index().Papers() {
		if p.Title == title {
			return i
		}
	}
	return -1
}

func TestEmptyQueryIsCorpusOrder(t *testing.T) {
	s := seedSearcher(t)
	r := search(t, s, "   ")
	if r.Total != 202 {
		t.Fatalf("empty query matched %d papers, want 202", r.Total)
	}
	for k, h := range r.Rows(0, r.Total) {
		if h.Paper != k {
			t.Fatalf("row %d is paper %d: the empty query must keep corpus order", k, h.Paper)
		}
	}
}

func TestMalformedQueriesAreLiteralWithHints(t *testing.T) {
	s := seedSearcher(t)
	lora := search(t, s, "lora").Total
	for _, c := range []struct {
		query, hint string
		total       int
	}{
		{`"lora`, "unclosed quote", lora},
		{`lora title:`, "needs a value", lora},
		{`lora is:starred`, "is:starred is not known", lora},
		{`lora year:soon`, "not a year", lora},
	} {
		r := search(t, s, c.query)
		if !strings.Contains(r.Hint, c.hint) {
			t.Errorf("%q: hint %q should mention %q", c.query, r.Hint, c.hint)
		}
		if r.Total != c.total {
			t.Errorf("%q matched %d, want %d (the clause it could not read must not empty the list)", c.query, r.Total, c.total)
		}
	}
	r := search(t, s, "foo:lora")
	if !strings.Contains(r.Hint, "unknown field foo") {
		t.Errorf("unknown field hint missing: %q", r.Hint)
	}
}

func newTestSearcher(t testing.TB, papers []Paper) *Searcher {
	t.Helper()
	for i := range papers {
		if papers[i].ID == "" {
			papers[i].AssignIDs()
		}
	}
	ix, err := BuildIndex(context.Background(), papers)
	if err != nil {
		t.Fatal(err)
	}
	return NewSearcher(ix)
}

func TestAccentInsensitiveMatchingAndPositions(t *testing.T) {
	papers := []Paper{
		{Title: "Über Schrödinger Bridges", Abstract: "By Balázs, with ümlauts.", Authors: []string{"Csaba Balázs"}},
		{Title: "Plain", Abstract: "Nothing here."},
	}
	s := newTestSearcher(t, papers)
	for _, q := range []string{"schrodinger", "SCHRÖD", "uber", "author:balazs", "abstract:balazs"} {
		if r := search(t, s, q); r.Total != 1 || r.Rows(0, 1)[0].Paper != 0 {
			t.Errorf("%q should find the accented paper, got %d results", q, r.Total)
		}
	}
	r := search(t, s, "schrod")
	if got := r.Rows(0, 1)[0].TitlePositions; !slices.Equal(got, []int{5, 6, 7, 8, 9, 10}) {
		t.Errorf("positions of schrod in %q = %v, want runes 5-10", papers[0].Title, got)
	}
	if r := search(t, s, "balazs"); r.Total != 1 || !slices.Equal(r.Rows(0, 1)[0].AbstractPositions, []int{3, 4, 5, 6, 7, 8}) {
		t.Errorf("abstract positions of balazs wrong: %+v", r.Rows(0, 1))
	}
}

func TestFacetFilters(t *testing.T) {
	papers := []Paper{
		{Title: "Alpha LoRA", Abstract: "Code at https://github.com/x/y", Links: []Link{{Kind: LinkCode, URL: "https://github.com/x/y"}}, Published: time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)},
		{Title: "Beta LoRA", Abstract: "No code.", Published: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)},
		{Title: "Gamma", Abstract: "Undated."},
	}
	s := newTestSearcher(t, papers)
	marks := Marks{Version: 1, ByKey: map[string]Mark{
		papers[0].ID: {BookmarkedAt: time.Now(), Tags: []string{"to-read"}},
		papers[2].ID: {Read: true, Tags: []string{"to-read", "later"}},
	}}
	facets := Facets{
		Marks: marks,
		New:   func() Bitset { b := NewBitset(3); b.Set(1); return b }(),
		TopicPapers: func(key string) []int32 {
			if key == "lora" {
				return []int32{0, 1}
			}
			return nil
		},
	}
	cases := map[string][]int{
		"is:bookmarked":         {0},
		"-is:bookmarked":        {1, 2},
		"is:read":               {2},
		"is:unread":             {0, 1},
		"is:new":                {1},
		"tag:to-read":           {0, 2},
		"tag:To_Read":           {0, 2},
		"tag:later":             {2},
		"tag:lora":              {0, 1},
		"tag:lora -tag:to-read": {1},
		"has:code":              {0},
		"year:2024":             {1},
		"year:2020..2023":       {0},
		"year:>=2023":           {0, 1},
		"lora is:unread":        {0, 1},
		"gamma tag:to-read":     {2},
	}
	for q, want := range cases {
		r, err := s.Search(context.Background(), ParseQuery(q), facets, SortRelevance, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, h := range r.Rows(0, r.Total) {
			got = append(got, h.Paper)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%q = %v, want %v", q, got, want)
		}
	}
	// Marks change: the derived sets must follow.
	facets.Marks = Marks{Version: 2, ByKey: map[string]Mark{papers[1].ID: {BookmarkedAt: time.Now()}}}
	r, _ := s.Search(context.Background(), ParseQuery("is:bookmarked"), facets, SortRelevance, 10)
	if r.Total != 1 || r.Rows(0, 1)[0].Paper != 1 {
		t.Errorf("bookmarks not refreshed after the marks changed")
	}
}

func TestRowsPagingAndSortOrders(t *testing.T) {
	s := seedSearcher(t)
	r := search(t, s, "fine")
	all := slices.Clone(r.Rows(0, r.Total))
	r2 := search(t, s, "fine")
	var paged []Hit
	for off := 0; off < r2.Total; off += 7 {
		paged = append(paged, r2.Rows(off, 7)...)
	}
	if len(paged) != len(all) {
		t.Fatalf("paging gave %d rows, want %d", len(paged), len(all))
	}
	for i := range all {
		if paged[i].Paper != all[i].Paper {
			t.Fatalf("row %d differs between paged and whole reads", i)
		}
	}
	if pos := r2.Position(all[len(all)-1].Paper); pos != len(all)-1 {
		t.Errorf("Position of the last row = %d, want %d", pos, len(all)-1)
	}
	byTitle, err := s.Search(context.Background(), ParseQuery("fine"), Facets{}, SortTitle, 500)
	if err != nil {
		t.Fatal(err)
	}
	rows := byTitle.Rows(0, byTitle.Total)
	for i := 1; i < len(rows); i++ {
		a, b := Fold(s.Index().Paper(rows[i-1].Paper).Title), Fold(s.Index().Paper(rows[i].Paper).Title)
		if a > b {
			t.Errorf("title order broken: %q before %q", a, b)
		}
	}
	if byTitle.Total != r.Total {
		t.Errorf("sorting changed the count: %d vs %d", byTitle.Total, r.Total)
	}
}

func TestNewestFirstPutsUndatedLast(t *testing.T) {
	papers := []Paper{
		{Title: "Old", Abstract: "a", Published: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Title: "Undated", Abstract: "a"},
		{Title: "New", Abstract: "a", Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	s := newTestSearcher(t, papers)
	r, err := s.Search(context.Background(), ParseQuery(""), Facets{}, SortNewest, 3)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range r.Rows(0, 3) {
		got = append(got, papers[h.Paper].Title)
	}
	if !slices.Equal(got, []string{"New", "Old", "Undated"}) {
		t.Errorf("newest first = %v", got)
	}
}

func TestCancelledSearchReturnsError(t *testing.T) {
	s := seedSearcher(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Search(ctx, ParseQuery("lora"), Facets{}, SortRelevance, 10); err == nil {
		t.Fatal("a cancelled search should report its cancellation")
	}
	// The searcher stays usable.
	if r := search(t, s, "lora"); r.Total == 0 {
		t.Fatal("search after a cancelled one found nothing")
	}
}

func TestLookupByIDAndTitleID(t *testing.T) {
	papers := []Paper{{Title: "One", ArxivID: "2405.09673v2"}, {Title: "Two"}}
	s := newTestSearcher(t, papers)
	for key, want := range map[string]int{"2405.09673": 0, TitleID("One"): 0, TitleID("Two"): 1} {
		if i, ok := s.Index().Lookup(key); !ok || i != want {
			t.Errorf("Lookup(%q) = %d, %v; want %d", key, i, ok, want)
		}
	}
	if _, ok := s.Index().Lookup("nope"); ok {
		t.Error("Lookup of an unknown key succeeded")
	}
}

func TestQuickIndexListsAndFiltersButWaitsForWords(t *testing.T) {
	papers, err := seedPapers()
	if err != nil {
		t.Fatal(err)
	}
	quick := NewIndex(papers)
	full, err := BuildIndex(context.Background(), papers)
	if err != nil {
		t.Fatal(err)
	}
	if quick.HasText() || !full.HasText() || !quick.SameCorpus(full) {
		t.Fatalf("HasText quick %v full %v, SameCorpus %v", quick.HasText(), full.HasText(), quick.SameCorpus(full))
	}
	s := NewSearcher(quick)
	marks := Marks{Version: 1, ByKey: map[string]Mark{papers[3].ID: {BookmarkedAt: time.Now()}}}
	r, err := s.Search(context.Background(), ParseQuery(""), Facets{Marks: marks}, SortRelevance, 5)
	if err != nil || r.Total != len(papers) || r.Rows(0, 1)[0].Paper != 0 {
		t.Fatalf("empty query on the quick index: %v, %+v", err, r)
	}
	r, err = s.Search(context.Background(), ParseQuery("is:bookmarked"), Facets{Marks: marks}, SortRelevance, 5)
	if err != nil || r.Total != 1 || r.Rows(0, 1)[0].Paper != 3 {
		t.Fatalf("is:bookmarked on the quick index: %v, %d", err, r.Total)
	}
	if _, err := s.Search(context.Background(), ParseQuery("lora"), Facets{}, SortRelevance, 5); !errors.Is(err, ErrNotIndexed) {
		t.Fatalf("a word search on the quick index: %v, want ErrNotIndexed", err)
	}
	if i, ok := quick.Lookup(papers[7].ID); !ok || i != 7 {
		t.Errorf("Lookup on the quick index = %d, %v", i, ok)
	}
}
