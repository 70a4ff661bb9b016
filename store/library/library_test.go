package library

import (
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/papertui/papers/model"
)

// newLibrary opens a fresh library in a temporary directory and closes it
// when the test ends.
func newLibrary(t testing.TB) *Library {
	t.Helper()
	l, err := Open(filepath.Join(t.TempDir(), "papers", "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// testPaper returns a realistic paper with an arXiv id.
func testPaper(i int) *model.Paper {
	p := &model.Paper{
		ArxivID:    fmt.Sprintf("2405.%05d", i),
		Title:      fmt.Sprintf("LoRA Variant %d: Low-Rank Adaptation of Large Language Models", i),
		Abstract:   "We study adapters.",
		Authors:    []string{"Edward J. Hu", "Yelong Shen"},
		Categories: []string{"cs.LG", "cs.CL"},
		Published:  time.Date(2024, 5, 16, 0, 0, 0, 0, time.UTC),
		DOI:        fmt.Sprintf("10.48550/arXiv.2405.%05d", i),
		Links: []model.Link{
			{Kind: model.LinkAbstract, URL: fmt.Sprintf("https://arxiv.org/abs/2405.%05d", i)},
			{Kind: model.LinkCode, URL: "https://github.com/microsoft/LoRA"},
		},
		Sources: []string{"corpus.jsonl"},
	}
	p.AssignIDs()
	return p
}

func mustMarks(t testing.TB, l *Library) model.Marks {
	t.Helper()
	m, err := l.Marks()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func fileSum(t testing.TB, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// rawDB opens the library file directly, for tests that must see or do
// what the API hides.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", sqliteURI(path, "_pragma=busy_timeout(5000)"))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func countRows(t testing.TB, l *Library, table string) int {
	t.Helper()
	var n int
	if err := l.r.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func asError(t testing.TB, err error) *Error {
	t.Helper()
	var le *Error
	if !errors.As(err, &le) {
		t.Fatalf("error %v (%T) is not a *Error", err, err)
	}
	return le
}

func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func paperIDList(papers []model.Paper) []string {
	var out []string
	for _, p := range papers {
		out = append(out, p.ID)
	}
	return out
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
