package lex

// Two normalisations of English words live here, for two different jobs.
//
// Singular only undoes plurals ("models" → "model", "studies" →
// "study"). Topic tags use it: merging "LLM" with "LLMs" is wanted, merging
// "adversary" with "adversarial" is not, because a tag is read by people.
//
// Porter is the Porter (1980) stemmer. Related papers use it: there the
// words are never shown, and conflating "robust", "robustness" and
// "robustly" makes two abstracts on the same subject look alike.
//
// Both take and return folded (lower-case, accent-free) words; anything that
// is not ASCII letters is returned unchanged, since the rules are English.

// stemSingularKeep are words ending in "s" that are not plurals, or whose
// plural rule below would mangle them.
var stemSingularKeep = map[string]bool{
	"bias": true, "lens": true, "news": true, "gas": true, "atlas": true,
	"canvas": true, "chaos": true, "ethos": true, "pathos": true, "cosmos": true,
	"series": true, "species": true, "physics": true, "mathematics": true,
	"statistics": true, "linguistics": true, "robotics": true, "genomics": true,
	"economics": true, "ethics": true, "dynamics": true, "semantics": true,
	"analytics": true, "graphics": true, "optics": true, "kinematics": true,
	"logistics": true, "electronics": true, "informatics": true, "mechanics": true,
	"thermodynamics": true, "pharmacokinetics": true, "aesthetics": true,
	"this": true, "thus": true, "yes": true, "always": true, "perhaps": true,
	"whereas": true, "across": true, "towards": true, "afterwards": true,
	"its": true, "has": true, "was": true, "does": true, "is": true, "as": true,
	"us": true, "plus": true, "his": true, "hers": true, "ours": true, "yours": true,
	"theirs": true, "besides": true, "sometimes": true, "nevertheless": true,
	"nonetheless": true, "less": true, "unless": true, "regardless": true,
	"alias": true, "iris": true, "axis": true, "basis": true, "thesis": true,
	"christmas": true, "lotus": true, "campus": true, "corpus": true,
	"consensus": true, "census": true, "virus": true, "bonus": true, "focus": true,
	"stimulus": true, "radius": true, "nucleus": true, "status": true,
}

// Singular returns the singular of a folded English noun, by rule:
// "studies" → "study", "classes" → "class", "patches" → "patch", "models" →
// "model". Words ending in -ss, -us, -is and -ous are left alone, as are
// words of three letters or fewer.
func Singular(w string) string {
	return string(SingularBytes([]byte(w)))
}

// SingularBytes is Singular working in place, for the topic
// scanner's inner loop, where a string per word would be an allocation per
// word.
func SingularBytes(w []byte) []byte {
	n := len(w)
	if n < 4 || w[n-1] != 's' || stemSingularKeep[string(w)] {
		return w
	}
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return w
		}
	}
	switch {
	case HasSuffix(w, "ss"), HasSuffix(w, "us"), HasSuffix(w, "is"):
		return w
	case HasSuffix(w, "ies") && n > 4:
		w[n-3] = 'y'
		return w[:n-2]
	case HasSuffix(w, "sses"), HasSuffix(w, "ches"), HasSuffix(w, "shes"), HasSuffix(w, "xes"), HasSuffix(w, "zzes"):
		return w[:n-2]
	}
	return w[:n-1]
}

func stemIsASCIILower(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func HasSuffix(w []byte, suffix string) bool {
	return len(w) >= len(suffix) && string(w[len(w)-len(suffix):]) == suffix
}

// Porter returns the Porter stem of a folded English word: "tuning" →
// "tune", "robustness" → "robust", "adversarial" → "adversari". Words of
// one or two letters and words with non-letters (acronyms with digits,
// foreign words) are returned as they are.
func Porter(w string) string {
	if len(w) <= 2 || !stemIsASCIILower(w) {
		return w
	}
	s := stemmer{b: []byte(w)}
	s.step1ab()
	if len(s.b) > 1 {
		s.step1c()
		s.step2()
		s.step3()
		s.step4()
		s.step5()
	}
	return string(s.b)
}

// stemmer follows Martin Porter's reference implementation: b is the word,
// j marks the end of the stem under examination once ends() has matched.
type stemmer struct {
	b []byte
	j int
}

// cons reports whether b[i] is a consonant ("y" is one unless it follows a
// consonant).
func (s *stemmer) cons(i int) bool {
	switch s.b[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !s.cons(i-1)
	}
	return true
}

// m counts the vowel-consonant sequences in b[0..j]: the "measure" that
// keeps suffix rules from eating short stems.
func (s *stemmer) m() int {
	n, i := 0, 0
	for {
		if i > s.j {
			return n
		}
		if !s.cons(i) {
			break
		}
		i++
	}
	i++
	for {
		for {
			if i > s.j {
				return n
			}
			if s.cons(i) {
				break
			}
			i++
		}
		i++
		n++
		for {
			if i > s.j {
				return n
			}
			if !s.cons(i) {
				break
			}
			i++
		}
		i++
	}
}

// vowelInStem reports whether b[0..j] contains a vowel.
func (s *stemmer) vowelInStem() bool {
	for i := 0; i <= s.j; i++ {
		if !s.cons(i) {
			return true
		}
	}
	return false
}

// doublec reports whether b[j-1..j] is a double consonant.
func (s *stemmer) doublec(j int) bool {
	return j >= 1 && s.b[j] == s.b[j-1] && s.cons(j)
}

// cvc reports whether b[i-2..i] is consonant-vowel-consonant with the last
// not w, x or y: such stems get an "e" back ("hop(e)").
func (s *stemmer) cvc(i int) bool {
	if i < 2 || !s.cons(i) || s.cons(i-1) || !s.cons(i-2) {
		return false
	}
	switch s.b[i] {
	case 'w', 'x', 'y':
		return false
	}
	return true
}

// ends reports whether b ends with suffix, and if so sets j to the end of
// the remaining stem.
func (s *stemmer) ends(suffix string) bool {
	n := len(s.b)
	if len(suffix) > n || string(s.b[n-len(suffix):]) != suffix {
		return false
	}
	s.j = n - len(suffix) - 1
	return true
}

// setTo replaces b[j+1..] with r.
func (s *stemmer) setTo(r string) {
	s.b = append(s.b[:s.j+1], r...)
}

// r replaces the suffix with r when the stem's measure is positive.
func (s *stemmer) r(r string) {
	if s.m() > 0 {
		s.setTo(r)
	}
}

// step1ab removes plurals and -ed or -ing.
func (s *stemmer) step1ab() {
	if s.b[len(s.b)-1] == 's' {
		switch {
		case s.ends("sses"):
			s.b = s.b[:len(s.b)-2]
		case s.ends("ies"):
			s.setTo("i")
		case len(s.b) >= 2 && s.b[len(s.b)-2] != 's':
			s.b = s.b[:len(s.b)-1]
		}
	}
	if s.ends("eed") {
		if s.m() > 0 {
			s.b = s.b[:len(s.b)-1]
		}
		return
	}
	if (s.ends("ed") || s.ends("ing")) && s.vowelInStem() {
		s.b = s.b[:s.j+1]
		switch {
		case s.ends("at"):
			s.setTo("ate")
		case s.ends("bl"):
			s.setTo("ble")
		case s.ends("iz"):
			s.setTo("ize")
		case s.doublec(len(s.b) - 1):
			switch s.b[len(s.b)-1] {
			case 'l', 's', 'z':
			default:
				s.b = s.b[:len(s.b)-1]
			}
		default:
			s.j = len(s.b) - 1
			if s.m() == 1 && s.cvc(len(s.b)-1) {
				s.b = append(s.b, 'e')
			}
		}
	}
}

// step1c turns a terminal y into i when there is another vowel in the stem.
func (s *stemmer) step1c() {
	if s.ends("y") && s.vowelInStem() {
		s.b[len(s.b)-1] = 'i'
	}
}

// stemStep2 maps double suffixes to single ones, keyed by the penultimate
// letter as in the reference implementation.
var stemStep2 = []struct{ from, to string }{
	{"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"},
	{"izer", "ize"}, {"bli", "ble"}, {"alli", "al"}, {"entli", "ent"},
	{"eli", "e"}, {"ousli", "ous"}, {"ization", "ize"}, {"ation", "ate"},
	{"ator", "ate"}, {"alism", "al"}, {"iveness", "ive"}, {"fulness", "ful"},
	{"ousness", "ous"}, {"aliti", "al"}, {"iviti", "ive"}, {"biliti", "ble"},
	{"logi", "log"},
}

func (s *stemmer) step2() {
	for _, r := range stemStep2 {
		if s.ends(r.from) {
			s.r(r.to)
			return
		}
	}
}

var stemStep3 = []struct{ from, to string }{
	{"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
	{"ical", "ic"}, {"ful", ""}, {"ness", ""},
}

func (s *stemmer) step3() {
	for _, r := range stemStep3 {
		if s.ends(r.from) {
			s.r(r.to)
			return
		}
	}
}

var stemStep4 = []string{
	"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment",
	"ent", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
}

// step4 removes -ant, -ence and the like when the measure is above one.
func (s *stemmer) step4() {
	for _, suffix := range stemStep4 {
		if !s.ends(suffix) {
			continue
		}
		if suffix == "ion" && (s.j < 0 || s.b[s.j] != 's' && s.b[s.j] != 't') {
			return
		}
		if s.m() > 1 {
			s.b = s.b[:s.j+1]
		}
		return
	}
}

// step5 removes a final -e and turns -ll into -l when the measure allows.
func (s *stemmer) step5() {
	s.j = len(s.b) - 1
	if s.b[s.j] == 'e' {
		a := s.m()
		if a > 1 || a == 1 && !s.cvc(len(s.b)-2) {
			s.b = s.b[:len(s.b)-1]
		}
	}
	s.j = len(s.b) - 1
	if s.b[s.j] == 'l' && s.doublec(len(s.b)-1) && s.m() > 1 {
		s.b = s.b[:len(s.b)-1]
	}
}
