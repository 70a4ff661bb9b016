package config

import (
	"os"
	"path/filepath"
)

// appDir is the directory papers keeps its files in under each XDG base
// directory.
const appDir = "papers"

// XDGDir returns papers' directory under the XDG base directory that the
// environment variable env names ("XDG_CONFIG_HOME", "XDG_DATA_HOME"), or
// under ~/fallback (".config", ".local/share") when env is unset or not an
// absolute path: the XDG spec says to ignore relative ones. The platform's
// own directories (os.UserConfigDir) are ignored so that one layout works
// everywhere. It creates nothing; the error, from os.UserHomeDir, is for the
// caller to explain.
func XDGDir(env, fallback string) (string, error) {
	if dir := os.Getenv(env); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, appDir), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, filepath.FromSlash(fallback), appDir), nil
}
