package model

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/papertui/papers/model/internal/lex"
)

// ClauseKind says what a query clause tests.
type ClauseKind uint8

const (
	ClauseText   ClauseKind = iota // words in the title, abstract or authors
	ClauseTag                      // tag:NAME — a user or topic tag
	ClauseIs                       // is:bookmarked, is:read, is:unread, is:new
	ClauseHas                      // has:code
	ClauseYear                     // year:2024, year:2020..2024, year:>=2023
	ClauseDate                     // date:today, date:2026-11-30, date:>=2026-11-25, date:7d
	ClauseCat                      // cat:cs.LG, cat:math — a category or category prefix
	ClauseSource                   // source:hf — the start of a corpus file's base name
	ClauseOr                       // a OR b, (a b) OR c: any of Alts holds
)

// FieldSet is the set of fields a text clause searches.
type FieldSet uint8

const (
	InTitle    FieldSet = 1 << FieldTitle
	InAbstract FieldSet = 1 << FieldAbstract
	InAuthors  FieldSet = 1 << FieldAuthor
	// InText is where a bare term looks: titles and abstracts. Authors only
	// through author:, so that a name never drowns a topic word.
	InText = InTitle | InAbstract
)

// Clause is one condition of a query. All clauses must hold (AND); a
// negated clause must not. OR and parentheses nest: a ClauseOr holds when
// all clauses of one of its Alts hold.
type Clause struct {
	Kind   ClauseKind
	Negate bool
	Fields FieldSet // ClauseText
	// Words are folded. One word is a term that matches the start of a word;
	// several must appear in that order, adjacent (a phrase). Phrase marks a
	// quoted clause: its words are whole words, except the last, which may
	// still be being typed.
	Words  []string
	Phrase bool
	Value  string // ClauseTag: normalised tag; ClauseIs, ClauseHas: the value; ClauseCat, ClauseSource: folded prefix
	// Alts are the alternatives of a ClauseOr, each a conjunction.
	Alts [][]Clause
	// YearFrom and YearTo bound ClauseYear, inclusive.
	YearFrom, YearTo int
	// DayFrom and DayTo bound ClauseDate, inclusive, in days since 1970.
	DayFrom, DayTo int32
}

// Query is a parsed query. Parsing never fails: what cannot be understood
// is searched literally and explained in Problems, so a half-typed query
// never empties the list for a reason the user cannot see.
type Query struct {
	Raw      string
	Clauses  []Clause
	Problems []string

	today int32 // for date:today, in days since 1970
}

// Empty reports whether the query has no clause: every paper matches.
func (q *Query) Empty() bool { return len(q.Clauses) == 0 }

// Hint is a one-line explanation of what the parser treated literally, or
// "" when the query was understood as written.
func (q *Query) Hint() string { return strings.Join(q.Problems, "; ") }

var fieldAliases = map[string]FieldSet{
	"title": InTitle, "ti": InTitle,
	"abstract": InAbstract, "abs": InAbstract, "ab": InAbstract,
	"author": InAuthors, "au": InAuthors,
}

// IsValues and HasValues list the accepted values of is: and has:.
var (
	IsValues  = []string{"bookmarked", "read", "unread", "new"}
	HasValues = []string{"code"}
)

// QueryHelp is the query language in brief, for help screens and --help.
const QueryHelp = `words       all must match: the start of a word in the title or abstract
"a phrase"  words side by side          -word   papers without it
title: abstract: author:   limit a word or phrase to one field
tag:NAME    a user or topic tag         is:bookmarked is:read is:unread is:new
has:code    a code repository linked    year:2024  year:2020..2024  year:>=2023
a OR b      either (binds before AND)   (a OR b) -c   a group
cat:math    a category or its prefix    source:hf   the file a paper was read from`

// ParseQuery parses the query language shared by the TUI and the CLI.
// date:today and date:7d count from the current day.
func ParseQuery(raw string) Query { return ParseQueryAt(raw, time.Now()) }

// ParseQueryAt is ParseQuery on the given day.
func ParseQueryAt(raw string, now time.Time) Query {
	q := Query{Raw: raw, today: dayNumber(time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC))}
	p := parser{q: &q, s: raw}
	q.Clauses = p.seq(0)
	return q
}

// parser reads a query left to right. Grammar, loosest first:
//
//	seq  := item*            (AND)
//	item := unit (OR unit)*
//	unit := [-] ( "(" seq ")" | [field:] value )
//
// OR binds tighter than the implicit AND, as in web search engines, so
// that "lora OR dora year:2024" keeps the year for both words.
type parser struct {
	q *Query
	s string
}

// seq reads items up to the end, or up to the ')' that closes depth.
func (p *parser) seq(depth int) []Clause {
	var out []Clause
	var alts [][]Clause // the OR chain being read
	wantAlt := false    // an OR was read: the next unit joins alts
	for {
		p.s = strings.TrimLeftFunc(p.s, unicode.IsSpace)
		if p.s == "" {
			if depth > 0 {
				p.q.Problems = append(p.q.Problems, "unclosed (: closed at the end")
			}
			break
		}
		if p.s[0] == ')' {
			p.s = p.s[1:]
			if depth > 0 {
				break
			}
			p.q.Problems = append(p.q.Problems, "a ) without its (: ignored")
			continue
		}
		if isOr(p.s) {
			p.s = p.s[2:]
			if len(alts) == 0 || wantAlt {
				p.q.Problems = append(p.q.Problems, "OR needs a search on each side")
			}
			wantAlt = true
			continue
		}
		unit := p.unit(depth)
		if unit == nil {
			continue
		}
		if !wantAlt {
			out = append(out, orClause(alts)...)
			alts = nil
		}
		alts, wantAlt = append(alts, unit), false
	}
	if wantAlt && len(alts) > 0 {
		p.q.Problems = append(p.q.Problems, "OR needs a search on each side")
	}
	return append(out, orClause(alts)...)
}

// isOr reports whether s starts with the operator OR. Only the capitals
// are the operator: "or" stays a word, as in most search engines.
func isOr(s string) bool {
	if !strings.HasPrefix(s, "OR") {
		return false
	}
	return len(s) == 2 || unicode.IsSpace(rune(s[2])) || s[2] == '(' || s[2] == ')'
}

// orClause turns an OR chain into clauses: one alternative is just its
// clauses (a group without OR only groups).
func orClause(alts [][]Clause) []Clause {
	alts = slices.DeleteFunc(alts, func(a []Clause) bool { return len(a) == 0 })
	switch len(alts) {
	case 0:
		return nil
	case 1:
		return alts[0]
	}
	return []Clause{{Kind: ClauseOr, Alts: alts}}
}

// unit reads one token or parenthesised group, returning its clauses (a
// conjunction; nil when it adds no condition).
func (p *parser) unit(depth int) []Clause {
	negate := false
	if p.s[0] == '-' && len(p.s) > 1 && !unicode.IsSpace(rune(p.s[1])) {
		negate = true
		p.s = p.s[1:]
	}
	if p.s[0] == '(' {
		p.s = p.s[1:]
		inner := p.seq(depth + 1)
		switch {
		case !negate || len(inner) == 0:
			return inner
		case len(inner) == 1:
			c := inner[0]
			c.Negate = !c.Negate
			return []Clause{c}
		}
		// -(a b): not both, an OR of one alternative negated.
		return []Clause{{Kind: ClauseOr, Negate: true, Alts: [][]Clause{inner}}}
	}
	field, value, rest, quoted, closed := splitToken(p.s, depth > 0)
	p.s = rest
	if quoted && !closed {
		p.q.Problems = append(p.q.Problems, "unclosed quote: searching the words as typed")
	}
	// addText and addField append to q.Clauses: collect this unit's apart.
	saved := p.q.Clauses
	p.q.Clauses = nil
	if field == "" {
		p.q.addText(InText, value, quoted && closed, negate)
	} else {
		p.q.addField(field, value, quoted && closed, negate)
	}
	unit := p.q.Clauses
	p.q.Clauses = saved
	return unit
}

// splitToken reads one token: an optional "field:" and a value that is
// either quoted or runs to the next space (or, inside a group, to the
// closing parenthesis).
func splitToken(s string, inGroup bool) (field, value, rest string, quoted, closed bool) {
	if i := strings.IndexByte(s, ':'); i > 0 && isFieldName(s[:i]) && i+1 < len(s) && !unicode.IsSpace(rune(s[i+1])) {
		field, s = s[:i], s[i+1:]
	} else if i > 0 && isFieldName(s[:i]) && (i+1 == len(s) || unicode.IsSpace(rune(s[i+1]))) {
		// "title:" with nothing after it yet: keep the field so the
		// caller can say what is missing.
		return s[:i], "", s[i+1:], false, false
	}
	if s != "" && s[0] == '"' {
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return field, s[1:], "", true, false
		}
		return field, s[1 : 1+end], s[2+end:], true, true
	}
	end := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || inGroup && r == ')' })
	if end < 0 {
		end = len(s)
	}
	value, rest = s[:end], s[end:]
	// A quote inside a bare token ("lo"ra) is not a phrase: drop it.
	if strings.ContainsRune(value, '"') {
		value = strings.ReplaceAll(value, `"`, "")
	}
	return field, value, rest, false, false
}

func isFieldName(s string) bool {
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			return false
		}
	}
	return s != ""
}

func (q *Query) addField(field, value string, phrase, negate bool) {
	name := strings.ToLower(field)
	if value == "" {
		if _, ok := fieldAliases[name]; ok || name == "tag" || name == "is" || name == "has" || name == "year" || name == "date" || name == "cat" || name == "source" {
			q.Problems = append(q.Problems, fmt.Sprintf("%s: needs a value", name))
			return
		}
	}
	if fields, ok := fieldAliases[name]; ok {
		q.addText(fields, value, phrase, negate)
		return
	}
	switch name {
	case "tag":
		tag, err := NormalizeTag(value)
		if err != nil {
			q.Problems = append(q.Problems, fmt.Sprintf("tag:%s: %v", Quote(value), err))
			return
		}
		q.Clauses = append(q.Clauses, Clause{Kind: ClauseTag, Negate: negate, Value: tag})
	case "is", "has":
		kind, allowed := ClauseIs, IsValues
		if name == "has" {
			kind, allowed = ClauseHas, HasValues
		}
		v := strings.ToLower(value)
		for _, a := range allowed {
			if v == a {
				q.Clauses = append(q.Clauses, Clause{Kind: kind, Negate: negate, Value: v})
				return
			}
		}
		q.Problems = append(q.Problems, fmt.Sprintf("%s:%s is not known (try %s:%s); ignored", name, Quote(value), name, strings.Join(allowed, ", "+name+":")))
	case "cat", "source":
		// Prefixes, folded: cat:math is every math.* category, source:hf
		// every file whose name starts with hf.
		kind := ClauseCat
		if name == "source" {
			kind = ClauseSource
		}
		q.Clauses = append(q.Clauses, Clause{Kind: kind, Negate: negate, Value: strings.ToLower(value)})
	case "year":
		from, to, ok := parseYears(value)
		if !ok {
			q.Problems = append(q.Problems, fmt.Sprintf("year:%s is not a year or range (year:2024, year:2020..2024, year:>=2023); ignored", Quote(value)))
			return
		}
		q.Clauses = append(q.Clauses, Clause{Kind: ClauseYear, Negate: negate, YearFrom: from, YearTo: to})
	case "date":
		from, to, ok := parseDays(strings.ToLower(value), q.today)
		if !ok {
			q.Problems = append(q.Problems, fmt.Sprintf("date:%s is not a day or range (date:today, date:7d, date:2026-11-30, date:>=2026-11-25, date:2026-11-01..2026-11-30); ignored", value))
			return
		}
		q.Clauses = append(q.Clauses, Clause{Kind: ClauseDate, Negate: negate, DayFrom: from, DayTo: to})
	default:
		q.Problems = append(q.Problems, fmt.Sprintf("unknown field %s: searching %s as text", field, Quote(field+":"+value)))
		q.addText(InText, field+":"+value, phrase, negate)
	}
}

// noDay marks an undated paper; the open ends of date ranges sit inside it.
const noDay = math.MinInt32

// dayNumber is t's day counted from 1970-01-01, or noDay for the zero time.
func dayNumber(t time.Time) int32 {
	if t.IsZero() {
		return noDay
	}
	return int32(t.Unix() / 86400)
}

// parseDays reads a date: value relative to today.
func parseDays(v string, today int32) (from, to int32, ok bool) {
	day := func(s string) (int32, bool) {
		switch s {
		case "today":
			return today, true
		case "yesterday":
			return today - 1, true
		}
		t, err := time.Parse(time.DateOnly, s)
		return dayNumber(t), err == nil
	}
	const open = math.MaxInt32
	switch {
	case strings.HasSuffix(v, "d") && len(v) > 1 && v[0] >= '0' && v[0] <= '9':
		n, err := strconv.Atoi(v[:len(v)-1])
		return today - int32(n) + 1, today, err == nil && n >= 1 && n <= 100000
	case strings.HasPrefix(v, ">="):
		d, ok := day(v[2:])
		return d, open, ok
	case strings.HasPrefix(v, "<="):
		d, ok := day(v[2:])
		return noDay + 1, d, ok
	case strings.HasPrefix(v, ">"):
		d, ok := day(v[1:])
		return d + 1, open, ok
	case strings.HasPrefix(v, "<"):
		d, ok := day(v[1:])
		return noDay + 1, d - 1, ok
	}
	if a, b, found := strings.Cut(v, ".."); found {
		da, oka := day(a)
		db, okb := day(b)
		return min(da, db), max(da, db), oka && okb
	}
	d, ok := day(v)
	return d, d, ok
}

func parseYears(v string) (from, to int, ok bool) {
	year := func(s string) (int, bool) {
		y, err := strconv.Atoi(s)
		return y, err == nil && y >= 1000 && y <= 9999
	}
	switch {
	case strings.HasPrefix(v, ">="):
		y, ok := year(v[2:])
		return y, 9999, ok
	case strings.HasPrefix(v, "<="):
		y, ok := year(v[2:])
		return 0, y, ok
	case strings.HasPrefix(v, ">"):
		y, ok := year(v[1:])
		return y + 1, 9999, ok
	case strings.HasPrefix(v, "<"):
		y, ok := year(v[1:])
		return 0, y - 1, ok
	}
	for _, sep := range []string{"..", "-"} {
		if a, b, found := strings.Cut(v, sep); found {
			ya, oka := year(a)
			yb, okb := year(b)
			return min(ya, yb), max(ya, yb), oka && okb
		}
	}
	y, ok := year(v)
	return y, y, ok
}

// addText adds a text clause for the words of value. Punctuation inside an
// unquoted token splits it into words that must be adjacent ("1.5B",
// "foo:bar", "low-rank").
func (q *Query) addText(fields FieldSet, value string, phrase, negate bool) {
	words := queryWords(value)
	if len(words) == 0 {
		return
	}
	q.Clauses = append(q.Clauses, Clause{
		Kind: ClauseText, Negate: negate, Fields: fields,
		Words: words, Phrase: phrase || len(words) > 1,
	})
}

// queryWords folds value and splits it into words the way the text is
// split: at spaces, punctuation and hyphens ("low-rank" is two words that
// must be adjacent), not at camelCase ("LoRA" stays one word).
func queryWords(value string) []string {
	var tok lex.Tokenizer
	var words []string
	tok.Compounds(value, func() {
		for k := 0; k < len(tok.Pieces); {
			var w []byte
			w, k = tok.Part(k)
			words = append(words, string(lex.TruncateWord(w)))
		}
	})
	return words
}

// TextTerms returns the words of the positive text clauses, for
// highlighting.
func (q *Query) TextTerms() []string {
	var terms []string
	for _, c := range PositiveText(q.Clauses) {
		terms = append(terms, c.Words...)
	}
	return terms
}

// PositiveText returns the text clauses that a matching paper may contain
// (not negated, OR alternatives included), for highlighting.
func PositiveText(clauses []Clause) []Clause {
	var out []Clause
	for _, c := range clauses {
		switch {
		case c.Negate:
		case c.Kind == ClauseText:
			out = append(out, c)
		case c.Kind == ClauseOr:
			for _, alt := range c.Alts {
				out = append(out, PositiveText(alt)...)
			}
		}
	}
	return out
}

// Any reports whether some clause of q, nested ones included, satisfies f.
func (q *Query) Any(f func(Clause) bool) bool { return anyClause(q.Clauses, f) }

func anyClause(clauses []Clause, f func(Clause) bool) bool {
	for _, c := range clauses {
		if f(c) {
			return true
		}
		for _, alt := range c.Alts {
			if anyClause(alt, f) {
				return true
			}
		}
	}
	return false
}

// String renders the clause back in query syntax (for hints and tests).
func (c Clause) String() string {
	var b strings.Builder
	if c.Negate {
		b.WriteByte('-')
	}
	switch c.Kind {
	case ClauseTag:
		b.WriteString("tag:" + c.Value)
	case ClauseIs:
		b.WriteString("is:" + c.Value)
	case ClauseHas:
		b.WriteString("has:" + c.Value)
	case ClauseYear:
		fmt.Fprintf(&b, "year:%d..%d", c.YearFrom, c.YearTo)
	case ClauseDate:
		b.WriteString("date:" + dayString(c.DayFrom) + ".." + dayString(c.DayTo))
	case ClauseCat:
		b.WriteString("cat:" + c.Value)
	case ClauseSource:
		b.WriteString("source:" + c.Value)
	case ClauseOr:
		b.WriteByte('(')
		for i, alt := range c.Alts {
			if i > 0 {
				b.WriteString(" OR ")
			}
			for j, a := range alt {
				if j > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(a.String())
			}
		}
		b.WriteByte(')')
	default:
		switch c.Fields {
		case InTitle:
			b.WriteString("title:")
		case InAbstract:
			b.WriteString("abstract:")
		case InAuthors:
			b.WriteString("author:")
		}
		if c.Phrase {
			b.WriteString(`"` + strings.Join(c.Words, " ") + `"`)
		} else {
			b.WriteString(strings.Join(c.Words, " "))
		}
	}
	return b.String()
}

// runeLen is utf8.RuneCountInString, named for readability at call sites.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

// DependsOnMarks reports whether the query's answer changes with the
// user's marks (bookmarks, read marks, tags).
func (q *Query) DependsOnMarks() bool {
	return q.Any(func(c Clause) bool { return c.Kind == ClauseTag || c.Kind == ClauseIs })
}

// UsesNew reports whether the query filters on is:new.
func (q *Query) UsesNew() bool {
	return q.Any(func(c Clause) bool { return c.Kind == ClauseIs && c.Value == "new" })
}

// dayString writes a day number as YYYY-MM-DD, or "" for an open end.
func dayString(d int32) string {
	if d <= noDay+1 || d == math.MaxInt32 {
		return ""
	}
	return time.Unix(int64(d)*86400, 0).UTC().Format(time.DateOnly)
}
