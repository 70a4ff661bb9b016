// Package storetest holds what the tests of several store packages check
// alike.
package storetest

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// UnsafeText reports what must never reach a terminal: invalid UTF-8, C0
// and C1 controls (ESC among them), DEL, and bidirectional overrides.
func UnsafeText(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("invalid UTF-8")
	}
	for _, r := range s {
		switch {
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
			return fmt.Errorf("control character %U", r)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			return fmt.Errorf("bidi control %U", r)
		}
	}
	return nil
}
