package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// runInProcess runs the command line as main does, with the user's config
// and library out of reach.
func runInProcess(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("XDG_DATA_HOME", dir)
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestManPageDescribesEveryCommand(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1780000000") // 2026-05-28
	code, page, stderr := runInProcess(t, "man")
	if code != 0 {
		t.Fatalf("papers man exited %d: %s", code, stderr)
	}
	if !strings.HasPrefix(page, `.TH PAPERS 1 "2026-05-28"`) {
		t.Errorf("the page should start with its title and SOURCE_DATE_EPOCH's date, got %.60q", page)
	}
	for _, section := range []string{"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "QUERY LANGUAGE", "FILES", "ENVIRONMENT", "EXIT STATUS"} {
		if !strings.Contains(page, "\n.SH "+section+"\n") {
			t.Errorf("no %s section", section)
		}
	}
	if !strings.Contains(page, "papers - Browse, filter, tag and bookmark research papers") {
		t.Error("NAME does not give the one-line summary")
	}

	root := newRootCommand(nil, io.Discard, io.Discard)
	root.InitDefaultCompletionCmd()
	root.InitDefaultHelpCmd()
	for _, c := range root.Commands() {
		listed := strings.Contains(page, `\fB`+c.Name()+`\fP`)
		if listed == c.Hidden {
			t.Errorf("command %q hidden=%v but listed=%v", c.Name(), c.Hidden, listed)
		}
	}
	for _, flag := range []string{`\fB--config FILE\fP`, `\fB-c, --corpus PATH\fP`, `\fB--library FILE\fP`, `\fB-n, --limit N\fP`} {
		if !strings.Contains(page, flag) {
			t.Errorf("no flag %s", flag)
		}
	}
	if strings.Contains(page, "`") {
		t.Error("a flag's `ARG` quotes leaked into the page")
	}

	_, again, _ := runInProcess(t, "man")
	if again != page {
		t.Error("two runs gave different pages: the release build would not be reproducible")
	}
}

func TestCompletionScripts(t *testing.T) {
	for shell, want := range map[string]string{
		"bash":       "complete -o default -F __start_papers papers",
		"zsh":        "#compdef papers",
		"fish":       "complete -c papers",
		"powershell": "Register-ArgumentCompleter",
	} {
		code, script, stderr := runInProcess(t, "completion", shell)
		if code != 0 || !strings.Contains(script, want) {
			t.Errorf("papers completion %s exited %d (%s) and printed no %q:\n%.300s", shell, code, stderr, want, script)
		}
	}
}
