package storage

import (
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// ScanRaw calls fn with every live key and value in the store, as bytes,
// until fn returns false. It is for diagnostics and for tests that must
// prove something is gone (erasure), not for reading records.
func (s *Store) ScanRaw(fn func(key, value []byte) bool) error {
	return s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			if !fn(it.Item().KeyCopy(nil), v) {
				return nil
			}
		}
		return nil
	})
}

// Compact rewrites the database so that deleted and overwritten values
// are dropped from its files too, not only hidden (after erasing someone).
//
// Three places can hold an old value: the write-ahead files of the
// memtables, the tables, and the value log. Compact flushes the memtables
// (Badger does that only when it drops a prefix, so it writes a key of its
// own and drops it: writes meanwhile wait, see Update), then merges every
// level into one, which leaves only the newest version of each key, then
// rewrites every value-log file that holds anything dropped, however
// little (the periodic GC waits for half a file). Values are kept in the
// tables (ValueThreshold), so the value log holds only what older versions
// of Rapport put there (over 4 KB); the file Badger writes to is never
// rewritten, but it is new at each open and nothing goes in it.
func (s *Store) Compact() error {
	if err := s.flushMemtables(); err != nil {
		return fmt.Errorf("flush the memtables: %w", err)
	}
	if err := s.db.Flatten(2); err != nil {
		return err
	}
	s.runGC(compactDiscardRatio)
	return nil
}

// compactDiscardRatio makes the value-log GC rewrite a file with a single
// dropped byte.
const compactDiscardRatio = 1e-12

// flushKey is written and dropped at once by Compact to make Badger
// flush its memtables.
var flushKey = []byte("\x00flush")

func (s *Store) flushMemtables() error {
	if err := s.update(func(txn *badger.Txn) error { return txn.Set(flushKey, nil) }); err != nil {
		return err
	}
	s.drops.Add(1)
	defer s.drops.Add(1)
	return s.dropPrefixes(flushKey)
}

// ErrTooBig reports a transaction with more writes than Badger takes at
// once; callers that write in batches split the batch and try again.
var ErrTooBig = badger.ErrTxnTooBig

// Compacting reports whether Badger has compactions to do: a level over
// its target size, or more tables in level 0 than it merges at once (an
// adjusted score of 1 or more, what Badger's compactors pick). Right after
// a large import a store is still being merged: reads cross more tables
// and the compactions take a core. Benchmarks wait for it to end before
// comparing query times; nothing on a user's path needs to.
func (s *Store) Compacting() bool {
	for _, l := range s.db.Levels() {
		if l.Adjusted >= 1 {
			return true
		}
	}
	return false
}

// LevelsString is Badger's summary of its levels (tables, sizes, scores),
// for diagnostics.
func (s *Store) LevelsString() string { return s.db.LevelsToString() }
