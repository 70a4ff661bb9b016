package library

import (
	"errors"
	"testing"
)

func TestLibraryErrorFormat(t *testing.T) {
	cause := errors.New("cause")
	e := &Error{Path: "/x/library.db", Problem: "is damaged", Hint: "move it aside", Err: cause}
	if e.Error() != "/x/library.db: is damaged (move it aside)" || !errors.Is(e, cause) {
		t.Errorf("Error() = %q", e.Error())
	}
	e.Hint = ""
	if e.Error() != "/x/library.db: is damaged" {
		t.Errorf("Error() without hint = %q", e.Error())
	}
}
