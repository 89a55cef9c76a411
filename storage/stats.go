package storage

import (
	"io"
	"io/fs"
	"log/slog"
	"path/filepath"
)

// Stats counts what a store holds.
type Stats struct {
	Dir    string         `json:"dir"`
	Schema int            `json:"schema"`
	Counts map[string]int `json:"counts"`
	// Bytes is the size on disk of the database folder.
	Bytes int64 `json:"bytes"`
	// WordQueue is how many mentions wait for their full-text entries
	// (words_queue.go); searches find them meanwhile, more slowly.
	WordQueue int `json:"word_queue"`
	// NotIndexed is how many mentions the word indexer had to skip
	// (Tx.NotIndexed says which and why).
	NotIndexed int `json:"not_indexed,omitempty"`
}

// TableNames lists the record types in the order Stats reports them.
func TableNames() []string {
	out := make([]string, len(tablePrefixes))
	for i, t := range tablePrefixes {
		out[i] = t.name
	}
	return out
}

// Stats counts the records of every type (the maintained counters,
// counters.go) and measures the database folder.
func (s *Store) Stats() (Stats, error) {
	st := Stats{Dir: s.dir, Counts: map[string]int{}}
	var err error
	if st.Schema, err = s.schemaVersion(); err != nil {
		return st, err
	}
	err = s.View(func(tx *Tx) error {
		c, err := tx.Counts()
		if err != nil {
			return err
		}
		for _, t := range tablePrefixes {
			st.Counts[t.name] = c.Table(t.name)
		}
		st.WordQueue = tx.countWordQueue()
		st.NotIndexed = tx.countPrefix(prefixNotIndexed)
		return nil
	})
	st.Bytes = dirSize(filepath.Join(s.dir, DBDir))
	return st, err
}

func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, ierr := d.Info(); ierr == nil {
				n += allocated(info)
			}
		}
		return nil
	})
	return n
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
