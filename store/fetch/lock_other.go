//go:build !unix

package fetch

import (
	"context"
	"os"
)

// Without flock the spacing holds within one process only (Client.mu).
func lockFile(context.Context, *os.File) error { return nil }

func unlockFile(*os.File) {}
