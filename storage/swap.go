package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Replacing the database of a folder by a new one (repair, encrypt,
// decrypt) is a few renames; a crash between two of them must not leave a
// folder without a database, or a database with the wrong key file. So
// the renames are written down first, in the journal SwapFile, and Open
// finishes a journal it finds before anything else. Every step can be
// done again.

// SwapFile is the journal of a database being replaced.
const SwapFile = "swap.json"

// swapPlan is a SwapFile.
type swapPlan struct {
	// New is the folder (a path inside the data folder) that becomes the
	// database.
	New string `json:"new"`
	// Old is where the database goes; it is removed at the end unless
	// Keep is set (repair keeps the damaged one).
	Old  string `json:"old"`
	Keep bool   `json:"keep"`
	// Key is what happens to the key file: "set" renames KeyFile+".new"
	// over it, "remove" removes it, "" leaves it.
	Key string `json:"key,omitempty"`
}

// startSwap writes the journal and carries it out.
func startSwap(dir string, p swapPlan) error {
	if err := writeSwapPlan(dir, p); err != nil {
		return err
	}
	return finishSwap(dir)
}

// writeSwapPlan writes the journal.
func writeSwapPlan(dir string, p swapPlan) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(dir, SwapFile), b); err != nil {
		return fmt.Errorf("write %s: %w", SwapFile, err)
	}
	return nil
}

// finishSwap carries out a journal left in dir, if there is one. The
// caller holds the folder's lock.
func finishSwap(dir string) error {
	b, err := os.ReadFile(filepath.Join(dir, SwapFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var p swapPlan
	if err := json.Unmarshal(b, &p); err != nil || !filepath.IsLocal(p.New) || !filepath.IsLocal(p.Old) {
		return &DamagedError{Dir: dir, Problems: []string{"an unfinished repair or encryption left a journal " + SwapFile + " that cannot be read"}}
	}
	db, nw, old := filepath.Join(dir, DBDir), filepath.Join(dir, p.New), filepath.Join(dir, p.Old)
	if exists(nw) {
		if exists(db) {
			if err := os.Rename(db, old); err != nil {
				return fmt.Errorf("move the old database aside: %w", err)
			}
		}
		if err := os.Rename(nw, db); err != nil {
			return fmt.Errorf("move the new database into place: %w", err)
		}
	}
	key := filepath.Join(dir, KeyFile)
	switch p.Key {
	case "set":
		if exists(key + ".new") {
			if err := os.Rename(key+".new", key); err != nil {
				return err
			}
		}
	case "remove":
		if err := os.Remove(key); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	if !p.Keep {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove the old database: %w", err)
		}
	}
	return os.Remove(filepath.Join(dir, SwapFile))
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
