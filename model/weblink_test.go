package model

import "testing"

func TestIsWebLink(t *testing.T) {
	for u, want := range map[string]bool{
		"https://arxiv.org/abs/2401.00001": true,
		"http://example.com":               true,
		"HTTPS://Example.com/x?y=1#z":      true,
		"javascript:alert(1)":              false,
		"JavaScript://%0aalert(1)":         false,
		"file:///etc/passwd":               false,
		"data:text/html,<b>x</b>":          false,
		"vbscript:msgbox":                  false,
		"//example.com/x":                  false,
		"https:///nohost":                  false,
		"https:opaque":                     false,
		"https://a.example/\u202ecod.exe":  false,
		"https://a.example/x y":            false,
		"https://a.example/\x1b]0;x\x07":   false,
		"":                                 false,
	} {
		if got := IsWebLink(u); got != want {
			t.Errorf("IsWebLink(%q) = %v, want %v", u, got, want)
		}
	}
}

func TestMainWebLinkSkipsOtherSchemes(t *testing.T) {
	p := Paper{Links: []Link{
		{Kind: LinkAbstract, URL: "javascript:alert(1)"},
		{Kind: LinkPDF, URL: "file:///etc/passwd"},
		{Kind: LinkCode, URL: "https://github.com/a/b"},
	}}
	if got := p.MainWebLink(); got != "https://github.com/a/b" {
		t.Errorf("MainWebLink = %q, want the code link, the only web link", got)
	}
	if got := (&Paper{Links: []Link{{Kind: LinkAbstract, URL: "javascript:x"}}}).MainWebLink(); got != "" {
		t.Errorf("MainWebLink = %q, want none", got)
	}
}
