package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gofrs/flock"
)

// restoreFolder makes the temporary folder a restore into dir is built
// in: beside dir (so that it can be renamed into place), locked while the
// restore runs. A folder of that name left by a restore that was killed
// is removed first; one that another restore holds is refused.
func restoreFolder(dir string) (tmp string, unlock func(), err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return "", nil, fmt.Errorf("create %s: %w", parent, err)
	}
	tmp = filepath.Join(parent, "."+filepath.Base(abs)+".restoring")
	lk := flock.New(tmp + ".lock")
	ok, err := lk.TryLock()
	if err != nil {
		return "", nil, fmt.Errorf("lock %s: %w", tmp, err)
	}
	if !ok {
		return "", nil, fmt.Errorf("another restore into %s is running", dir)
	}
	unlock = func() {
		_ = lk.Unlock()
		_ = os.Remove(tmp + ".lock")
	}
	if err := os.RemoveAll(tmp); err != nil { // what a killed restore left
		unlock()
		return "", nil, fmt.Errorf("remove the unfinished restore %s: %w", tmp, err)
	}
	if err := os.Mkdir(tmp, 0o700); err != nil {
		unlock()
		return "", nil, fmt.Errorf("create %s: %w", tmp, err)
	}
	return tmp, unlock, nil
}

// moveInto renames the finished folder tmp to dir, which must be missing
// or empty.
func moveInto(tmp, dir string) error {
	if err := checkEmpty(dir); err != nil {
		return err
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("replace the empty folder %s: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("move the restored data into %s: %w", dir, err)
	}
	return syncDir(filepath.Dir(tmp))
}
