package storage

import (
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
func (s *Store) Compact() error {
	if err := s.db.Flatten(2); err != nil {
		return err
	}
	s.RunGC()
	return nil
}

// ErrTooBig reports a transaction with more writes than Badger takes at
// once; callers that write in batches split the batch and try again.
var ErrTooBig = badger.ErrTxnTooBig
