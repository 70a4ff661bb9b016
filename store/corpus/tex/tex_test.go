package tex

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/papertui/papers/model"
)

// texClean is decoding as the loaders apply it: cleaned, decoded, cleaned
// (which composes accents and collapses spaces).
func texClean(s string) string {
	s = model.CleanLine(s)
	if d := Decode(s); d != s {
		s = model.CleanLine(d)
	}
	return s
}

func TestDecodeTeXAccents(t *testing.T) {
	cases := map[string]string{
		`Bal\'azs`:              "Balázs",
		`{\"o}`:                 "ö",
		`\"{o}`:                 "ö",
		`\" o`:                  "ö",
		`\"o`:                   "ö",
		`\'{E}cole`:             "École",
		"\\`e":                  "è",
		`\^o`:                   "ô",
		`\~n`:                   "ñ",
		`\c{c}`:                 "ç",
		`\c c`:                  "ç",
		`\v{s}`:                 "š",
		`\v s`:                  "š",
		`\H{o}`:                 "ő",
		`\u{a}`:                 "ă",
		`\={a}`:                 "ā",
		`\.{z}`:                 "ż",
		`\k{a}`:                 "ą",
		`\r{u}`:                 "ů",
		`Mart{\'\i}n`:           "Martín",
		`\'{\i}`:                "í",
		`\v{S}r\'amek`:          "Šrámek",
		`Tom\'a\v{s} Vina\v{r}`: "Tomáš Vinař",
		`Stra\ss e`:             "Straße",
		`\ss{}`:                 "ß",
		`{\o}`:                  "ø",
		`Mikkel {\O}bro`:        "Mikkel Øbro",
		`\ae \AE \aa \AA`:       "æÆåÅ",
		`\l ód\'z \L`:           "łódź Ł",
		`\oe uvre`:              "œuvre",
		`na\"{\i}ve`:            "naïve",
	}
	for in, want := range cases {
		if got := texClean(in); got != want {
			t.Errorf("%s → %q, want %q", in, got, want)
		}
	}
	// Composed, not a letter and a combining mark.
	if got := texClean(`Bal\'azs`); utf8.RuneCountInString(got) != 6 {
		t.Errorf("Balázs has %d runes, want 6 (NFC)", utf8.RuneCountInString(got))
	}
}

func TestDecodeTeXText(t *testing.T) {
	cases := map[string]string{
		`{F}ourier {BERT}`:                     "Fourier BERT",
		`pages 1--10`:                          "pages 1–10",
		`yes---no`:                             "yes—no",
		`a~b`:                                  "a b",
		`\& \% \_ \$ \# \{x\}`:                 "& % _ $ # {x}",
		"``quoted''":                           "“quoted”",
		`it's fine`:                            "it's fine",
		`\emph{very} \textbf{bold} \textit{x}`: "very bold x",
		`{\em emphasised} text`:                "emphasised text",
		`\cite{smith} and \foo`:                `[…] and foo`,
		`\unknown{a}{b} rest`:                  `unknown{a}{b} rest`,
		`line\\break`:                          "line break",
		`\LaTeX{} and \TeX`:                    "LaTeX and TeX",
		`e.g.\ this`:                           "e.g. this",
		`see \url{https://x.org/a_b}`:          "see https://x.org/a_b",
		`http://www.x.edu/~user/a--b`:          "http://www.x.edu/~user/a--b",
		`https://github.com/a/b\_c.`:           "https://github.com/a/b_c.",
		`$5 and 6`:                             "$5 and 6",
		`costs \$5, or \$10`:                   "costs $5, or $10",
	}
	for in, want := range cases {
		if got := texClean(in); got != want {
			t.Errorf("%s → %q, want %q", in, got, want)
		}
	}
}

// The cases of issue 15: the arXiv sample and a peer's outside checks.
func TestDecodeTeXLeavesNoMarkupVisible(t *testing.T) {
	cases := map[string]string{
		`The field \Q(\sqrt{5})`:                  "The field ℚ(√5)",
		`$\mathbb{Q}$ and $\Q$`:                   "ℚ and ℚ",
		`as shown in \cite{hajac}.`:               "as shown in […].",
		`see \citep[p.~3]{a,b} and Fig.~\ref{f1}`: "see […] and Fig. […]",
		`$\la r^2\ra$`:                            "⟨r²⟩",
		`$\langle x \rangle$`:                     "⟨x ⟩",
		`the \XQM model`:                          "the XQM model",
		`$\lam$-intersection`:                     "λ-intersection",
		`\lam-intersection`:                       "λ-intersection",
		`Tom\'as Lozano-P\'erez`:                  "Tomás Lozano-Pérez",
		`Deu{\ss}er`:                              "Deußer",
		`M{\o}llskov`:                             "Møllskov",
		`Luk\'a\v{s} Br\r{u}na`:                   "Lukáš Brůna",
		`J\k{a}kalak, Rafa{\l}`:                   "Jąkalak, Rafał",
		`Fran\c{c}ois \'{E}mile, Na\"{\i}ve`:      "François Émile, Naïve",
		`R\&D`:                                    "R&D",
		`Overlay\_dx`:                             "Overlay_dx",
		`90.07\%`:                                 "90.07%",
		`{\dag}`:                                  "†",
	}
	for in, want := range cases {
		if got := texClean(in); got != want {
			t.Errorf("%s → %q, want %q", in, got, want)
		}
	}
}

func TestDecodeTeXMath(t *testing.T) {
	cases := map[string]string{
		`$\alpha$ and $\beta$-VAE`:       "α and β-VAE",
		`$(k,\ell)$-pebble`:              "(k,ℓ)-pebble",
		`$O(n^2)$`:                       "O(n²)",
		`$O(n^{2})$`:                     "O(n²)",
		`$x^{-1}$`:                       "x⁻¹",
		`$x^{ab}$`:                       "x^{ab}",
		`$x^a$`:                          "x^a",
		`$x_i$ and $x_{i}$ and $x_{ij}$`: "x_i and x_i and x_{ij}",
		`$\mathbb{R}^d$`:                 "ℝ^d",
		`$\mathbb{R}^{3}$`:               "ℝ³",
		`$\mathbb R$ $\mathbb{Z}$`:       "ℝ ℤ",
		`$\mathcal{O}(n)$`:               "O(n)",
		`${\cal O}(1)$`:                  "O(1)",
		`$\leq \geq \times \cdot \sim \approx \pm \to \rightarrow \infty$`: "≤ ≥ × · ∼ ≈ ± → → ∞",
		`$\Gamma \Omega \omega \varepsilon$`:                               "Γ Ω ω ε",
		`$\frac{1}{2}$ $\frac{a+b}{c}$`:                                    "1/2 (a+b)/c",
		`$\sqrt{n}$ $\sqrt{n+1}$`:                                          "√n √(n+1)",
		`$\hat{\theta}$`:                                                   "θ̂",
		`$\tilde x$`:                                                       "x̃",
		`$\left( x \right)$`:                                               "( x )",
		`$$E = mc^2$$`:                                                     "E = mc²",
		`\(a \le b\) and \[c\]`:                                            "a ≤ b and c",
		`$\mathrm{GeV}$`:                                                   "GeV",
		`$a\,b\!c$`:                                                        "abc",
		`$x \in \{1,2\}$`:                                                  "x ∈ {1,2}",
		`$--$`:                                                             "--",
		`$\undefined{x}$`:                                                  `undefined{x}`,
		`10^{-3}`:                                                          "10^-3", // outside math ^ is plain text
		`\alpha-helix`:                                                     "α-helix",
		`$\mathbf\theta$`:                                                  "θ",
		"$\\tilde\u0398(x)$":                                               "Θ̃(x)",
	}
	for in, want := range cases {
		if got := texClean(in); got != want {
			t.Errorf("%s → %q, want %q", in, got, want)
		}
	}
}

func TestDecodeTeXMalformed(t *testing.T) {
	cases := map[string]string{
		`trailing \`:     `trailing \`,
		`{unbalanced`:    "unbalanced",
		`unbalanced}`:    "unbalanced",
		`$unclosed math`: "$unclosed math",
		`\'`:             `\'`,
		`\"}`:            `\"`,
		`\frac{1}`:       "1",
		`\sqrt`:          "√",
		`$x^$`:           "x^",
		`\(never closed`: `\(never closed`,
		"\\\xff":         "\\\ufffd",
	}
	for in, want := range cases {
		got := texClean(in)
		if got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
	// Nesting beyond maxTeXDepth is copied, not recursed into: the text
	// survives with some of its braces.
	deep := strings.Repeat("{", 100) + `'e` + strings.Repeat("}", 100)
	if got := texClean(deep); !strings.Contains(got, `'e`) || strings.Count(got, "{") != 100-maxTeXDepth-1 {
		t.Errorf("deep nesting → %q", got)
	}
}

// TestDecodeTeXAdversarial checks that hostile input takes linear time: with
// quadratic matching these would not finish within the test timeout.
func TestDecodeTeXAdversarial(t *testing.T) {
	n := 200_000
	for _, s := range []string{
		strings.Repeat("{", n),
		strings.Repeat("{a}", n),
		strings.Repeat("$", n+1),
		strings.Repeat(`\(`, n),
		strings.Repeat(`\sqrt[`, n),
		strings.Repeat(`\'{`, n),
		strings.Repeat("x^", n),
		"$" + strings.Repeat("^{", n) + "$",
	} {
		out := Decode(s)
		if len(out) > 4*len(s)+16 {
			t.Errorf("%.10q...: output grew to %d bytes", s, len(out))
		}
	}
}

func TestHasTeX(t *testing.T) {
	for s, want := range map[string]bool{
		"plain fine-tuning text, it's ok": false,
		"a -- b":                          true,
		"``x''":                           true,
		`\alpha`:                          true,
		"{x}":                             true,
		"$5":                              true,
		"a~b":                             true,
	} {
		if got := hasTeX(s); got != want {
			t.Errorf("hasTeX(%q) = %v", s, got)
		}
	}
	plain := "An abstract without any markup at all."
	if got := Decode(plain); got != plain {
		t.Errorf("plain text changed: %q", got)
	}
}
