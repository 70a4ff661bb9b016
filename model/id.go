package model

import (
	"crypto/sha256"
	"encoding/base32"
	"regexp"
	"strings"

	"github.com/papertui/papers/model/internal/lex"
)

var (
	// New-style identifiers (0704.0001, 2405.09673) and old-style ones
	// (hep-th/9901001, math.GT/0309136), each with an optional version.
	arxivNew = regexp.MustCompile(`^([0-9]{4}\.[0-9]{4,5})(?:v[0-9]+)?$`)
	arxivOld = regexp.MustCompile(`^([a-z][a-z\-]*(?:\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?$`)
)

// NormalizeArxivID returns the versionless arXiv identifier in s, accepting
// bare ids, "arXiv:" prefixes and abs/pdf URLs. It returns "" when s is not
// an arXiv identifier, so callers can fall back to a title-derived ID.
func NormalizeArxivID(s string) string {
	s = strings.TrimSpace(s)
	for _, prefix := range []string{"https://", "http://"} {
		s = strings.TrimPrefix(s, prefix)
	}
	for _, prefix := range []string{"www.", "export."} {
		s = strings.TrimPrefix(s, prefix)
	}
	for _, prefix := range []string{"arxiv.org/abs/", "arxiv.org/pdf/", "arXiv:", "arxiv:", "ARXIV:"} {
		s = strings.TrimPrefix(s, prefix)
	}
	s = strings.TrimSuffix(s, ".pdf")
	if m := arxivNew.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	if m := arxivOld.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// TitleKey is the normalised form two titles must share to name the same
// paper: accents folded, lower case, punctuation dropped, words separated by
// single spaces. Re-wrapping or re-punctuating a title does not change it.
func TitleKey(title string) string {
	var b strings.Builder
	b.Grow(len(title))
	pendingSpace := false
	for _, r := range title {
		r = FoldRune(r)
		if lex.IsWordRune(r) {
			if pendingSpace && b.Len() > 0 {
				b.WriteByte(' ')
			}
			pendingSpace = false
			b.WriteRune(r)
			continue
		}
		// Apostrophes join ("LoRA's" and "LoRAs" differ only by punctuation).
		if r == '\'' || r == '’' {
			continue
		}
		pendingSpace = true
	}
	return b.String()
}

// titleIDEncoding is lower-case base32 without padding: IDs are typed on
// command lines, so they avoid case and shell-special characters.
var titleIDEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// TitleID derives the short stable ID of a paper known only by its title:
// "t-" and 12 base32 characters (60 bits) of a SHA-256 of TitleKey. At a
// million titles the chance of any collision is below one in a million.
func TitleID(title string) string {
	sum := sha256.Sum256([]byte(TitleKey(title)))
	return "t-" + titleIDEncoding.EncodeToString(sum[:])[:12]
}

// AssignIDs fills ID and TitleID from ArxivID and Title.
func (p *Paper) AssignIDs() {
	p.ArxivID = NormalizeArxivID(p.ArxivID)
	p.TitleID = TitleID(p.Title)
	if p.ArxivID != "" {
		p.ID = p.ArxivID
	} else {
		p.ID = p.TitleID
	}
}

// LooksLikeID reports whether s has the shape of a paper ID, so the CLI can
// tell IDs from other arguments.
func LooksLikeID(s string) bool {
	if strings.HasPrefix(s, "t-") && len(s) == 14 {
		return true
	}
	return NormalizeArxivID(s) != ""
}
