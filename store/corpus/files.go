package corpus

import "os"

// Files lists the corpus files paths name, in the order Load reads them:
// files as given, directories as their regular, non-hidden files. The
// store keeps one segment per file.
func Files(paths []string) ([]string, error) {
	var files []string
	for _, path := range paths {
		info, err := os.Stat(path)
		if err != nil {
			return nil, &LoadError{File: path, Err: pathCause(err)}
		}
		if !info.IsDir() {
			files = append(files, path)
			continue
		}
		list, err := corpusFiles(path)
		if err != nil {
			return nil, err
		}
		files = append(files, list...)
	}
	return files, nil
}

// ErrUnknownFormat is the cause of the LoadError for a file in no known
// format.
var ErrUnknownFormat = errUnknownFormat
