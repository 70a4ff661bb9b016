package main

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/papertui/papers/store/config"
	"github.com/papertui/papers/ui"
)

func runTUI(ctx context.Context, opts *options) error {
	limitMemory()
	lib, err := opts.openLibrary()
	if err != nil {
		return err
	}
	defer lib.Close()
	if os.Getenv("PAPERS_DEBUG") != "" {
		f, err := tea.LogToFile(os.Getenv("PAPERS_DEBUG"), "papers")
		if err != nil {
			return err
		}
		defer f.Close()
	}
	theme, profile, bare := detectTheme(opts.theme)
	bs := &browserStore{lib: lib, corpora: func() []string {
		// Read at each load: a refresh may have stored new feeds.
		if opts.cfg != nil {
			return defaultCorpora(opts.cfg)
		}
		return opts.corpora
	}}
	m := ui.New(ui.Options{
		Theme:       theme,
		Profile:     profile,
		Bare:        bare,
		Keys:        opts.keys,
		Library:     lib,
		Open:        bs.open,
		Load:        bs.load,
		SaveIndex:   bs.saveIndex,
		SaveDerived: bs.saveDerived,
		Refresh:     refreshFeeds(opts),
		RecordSeen:  bs.recordSeen,
		ReadAfter:   opts.readAfter,
		OpenURL:     openURL,
		CopyText:    copyOSC52,
		EditNote:    editorCommand,
		NoteFiles:   tempNoteFiles{},
		Export:      tuiExporter{},
		Hyperlink:   hyperlinksWanted(os.Getenv),
	})
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithContext(ctx),
		tea.WithInput(opts.stdin), tea.WithOutput(opts.stdout))
	_, err = p.Run()
	if errors.Is(err, tea.ErrProgramKilled) {
		return nil
	}
	return err
}

// detectTheme decides colours before the program starts: asking the
// terminal for its background from inside a running program can hang or
// leak the reply into the input. choice is the config file's theme; NO_COLOR
// overrides it. Without colour (NO_COLOR, or a terminal lipgloss finds no
// colours in) bold, underline and reverse remain; a terminal that takes no
// escape at all (TERM=dumb) is bare: no styling whatever.
func detectTheme(choice string) (theme ui.Theme, profile termenv.Profile, bare bool) {
	if t := os.Getenv("TERM"); t == "" || t == "dumb" {
		lipgloss.SetColorProfile(termenv.Ascii)
		return ui.ThemePlain, termenv.Ascii, true
	}
	profile = lipgloss.ColorProfile()
	if os.Getenv("NO_COLOR") != "" || profile == termenv.Ascii {
		// termenv's Ascii also covers terminals it knows no colours of
		// (TERM=screen, vt100), which do take attributes.
		lipgloss.SetColorProfile(termenv.Ascii)
		return ui.ThemePlain, termenv.Ascii, false
	}
	// The styles' adaptive colours follow lipgloss's idea of the
	// background, so a chosen theme must be told to lipgloss too (which
	// also spares asking the terminal).
	switch choice {
	case config.ThemeDark:
		lipgloss.SetHasDarkBackground(true)
		return ui.ThemeDark, profile, false
	case config.ThemeLight:
		lipgloss.SetHasDarkBackground(false)
		return ui.ThemeLight, profile, false
	}
	if lipgloss.HasDarkBackground() {
		return ui.ThemeDark, profile, false
	}
	return ui.ThemeLight, profile, false
}

// openURL opens an http(s) link in $BROWSER, else the platform's opener.
// It runs the program directly, never through a shell: the URL comes from
// the corpus.
func openURL(url string) error {
	var argv []string
	if b := strings.Fields(os.Getenv("BROWSER")); len(b) > 0 {
		argv = b
	} else {
		switch runtime.GOOS {
		case "darwin":
			argv = []string{"open"}
		case "windows":
			argv = []string{"rundll32", "url.dll,FileProtocolHandler"}
		default:
			argv = []string{"xdg-open"}
		}
	}
	replaced := false
	for i, a := range argv {
		if strings.Contains(a, "%s") {
			argv[i] = strings.ReplaceAll(a, "%s", url)
			replaced = true
		}
	}
	if !replaced {
		argv = append(argv, url)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, nil, nil
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // the browser's exit status is not ours to report
	return nil
}

// copyOSC52 puts text on the clipboard with the OSC 52 escape sequence,
// which terminals (and tmux, and SSH sessions) pass to the local clipboard.
// It goes to stderr in one write, so it cannot interleave with a frame.
func copyOSC52(text string) error {
	seq := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\x07"
	_, err := os.Stderr.WriteString(seq)
	return err
}

// editorCommand runs $VISUAL, else $EDITOR, else vi, on path, without a
// shell (the variable may hold arguments: "code -w").
func editorCommand(path string) (*exec.Cmd, error) {
	argv := strings.Fields(os.Getenv("VISUAL"))
	if len(argv) == 0 {
		argv = strings.Fields(os.Getenv("EDITOR"))
	}
	if len(argv) == 0 {
		argv = []string{"vi"}
	}
	if _, err := exec.LookPath(argv[0]); err != nil {
		return nil, fmt.Errorf("editor %q not found (set VISUAL or EDITOR)", argv[0])
	}
	return exec.Command(argv[0], append(argv[1:], path)...), nil
}

// tempNoteFiles keeps a note being edited in a private temporary file.
type tempNoteFiles struct{}

func (tempNoteFiles) Create(note string) (string, error) {
	f, err := os.CreateTemp("", "papers-note-*.md")
	if err != nil {
		return "", err
	}
	// Editors expect a text file to end with a newline, and some add one
	// on save, changing a note nobody edited; CleanText drops it again.
	if note != "" && !strings.HasSuffix(note, "\n") {
		note += "\n"
	}
	if _, err := f.WriteString(note); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), f.Close()
}

func (tempNoteFiles) Read(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

func (tempNoteFiles) Remove(path string) { os.Remove(path) }
