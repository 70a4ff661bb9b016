package library

import (
	"errors"
	"fmt"
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

func TestKindOf(t *testing.T) {
	e := &Error{Kind: TooNew, Path: "/x/library.db", Problem: "is new"}
	if k := KindOf(fmt.Errorf("opening: %w", e)); k != TooNew {
		t.Errorf("KindOf(wrapped) = %v", k)
	}
	if k := KindOf(errors.New("other")); k != Other {
		t.Errorf("KindOf(plain error) = %v", k)
	}
	if DiskFull.String() != "disk full" || ErrorKind(99).String() != "ErrorKind(99)" {
		t.Errorf("names: %v, %v", DiskFull, ErrorKind(99))
	}
}
