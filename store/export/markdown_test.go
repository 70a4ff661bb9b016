package export

import (
	"strings"
	"testing"
)

func TestMarkdownExport(t *testing.T) {
	papers, marks := exportLibrary(t)
	got := exportString(t, Markdown, papers, marks)
	for _, want := range []string{
		"# Reading list\n",
		"\n## [LoRA: Low-Rank Adaptation of Large Language Models](<https://arxiv.org/abs/2106.09685>)\n",
		"\nEdward J. Hu, Yelong Shen, Phillip Wallis · 2021 · arXiv:2106.09685 · doi:10.48550/arXiv.2106.09685\n",
		"\nTags: `peft` `to-read` · bookmarked ",
		"\n> Rank 8 is enough.\n>\n> See *Table 2*.\n",
		`## [100% of {GPT-4} & R\_2 \#1: $5 \~ x^2 \\ Schrödinger's Cat](<https://example.org/a_b%20c#frag>)`,
		"\n## The Annotated Transformer\n\n2018\n\nbookmarked ",
		" · read\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}
