package desk

import (
	"fmt"
	"io"
	"os"
)

// writeFile creates path and lets write fill it; a failed write leaves the
// error of the write, not of the close.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
