package main

import (
	"os"
	"strings"
	"testing"
)

// readmeUsage returns the command lines of the README's usage block that
// work on the built-in corpus and the library alone: no corpus file, no
// redirection, no file to import.
func readmeUsage(t *testing.T) [][]string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, usage, ok := strings.Cut(string(b), "## Usage\n\n```sh\n")
	if !ok {
		t.Fatal("README.md has no usage block")
	}
	usage, _, _ = strings.Cut(usage, "```")
	var commands [][]string
	for _, line := range strings.Split(usage, "\n") {
		if i := strings.Index(line, " # "); i >= 0 {
			line = line[:i]
		}
		words := shellWords(t, line)
		if len(words) < 2 || words[0] != "papers" || strings.ContainsAny(line, "<>|") ||
			strings.Contains(line, "--corpus") || words[1] == "import" {
			continue
		}
		commands = append(commands, words[1:])
	}
	return commands
}

// shellWords splits a line as sh would for the README's simple quoting.
func shellWords(t *testing.T, line string) []string {
	var words []string
	var word strings.Builder
	inWord := false
	quote := rune(0)
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			word.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		t.Fatalf("unbalanced quote in the README: %s", line)
	}
	if inWord {
		words = append(words, word.String())
	}
	return words
}

// TestReadmeExamplesWorkOnTheBuiltInCorpus: a new user can paste the
// README's examples as they are, on the built-in corpus (its ID, not an
// arXiv id it lacks).
func TestReadmeExamplesWorkOnTheBuiltInCorpus(t *testing.T) {
	lib := tempLibrary(t)
	commands := readmeUsage(t)
	if len(commands) < 8 {
		t.Fatalf("only %d runnable examples in the README: %q", len(commands), commands)
	}
	for _, args := range commands {
		out, errOut, code := papers(t, append([]string{"--library", lib}, args...)...)
		if code != 0 {
			t.Errorf("papers %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
		}
	}
}
