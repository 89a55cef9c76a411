package storage

import (
	"bytes"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// InteractionIDsBetween returns the interactions that happened in
// [from, to), oldest first, from the index by time (schema 5).
func (tx *Tx) InteractionIDsBetween(from, to time.Time) ([]uint64, error) {
	p := []byte{'i', 't'}
	start, end := timeKey(p, from), timeKey(p, to)
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	var ids []uint64
	for it.Seek(start); it.Valid(); it.Next() {
		k := it.Item().Key()
		if bytes.Compare(k, end) >= 0 {
			break
		}
		ids = append(ids, idFromKey(k))
	}
	return ids, nil
}

// MentionIDsBetween returns the mentions whose time (Mention.Time) is in
// [from, to), newest first, from the time index: at most limit of them
// (0: all).
func (tx *Tx) MentionIDsBetween(from, to time.Time, limit int) ([]uint64, error) {
	p := []byte{'m', 't'}
	start := timeKey(p, from)
	it := tx.txn.NewIterator(badger.IteratorOptions{Reverse: true}) // no Prefix: see scan
	defer it.Close()
	var ids []uint64
	for it.Seek(timeKey(p, to)); it.ValidForPrefix(p); it.Next() {
		k := it.Item().Key()
		if bytes.Compare(k, start) < 0 {
			break
		}
		ids = append(ids, idFromKey(k))
		if limit > 0 && len(ids) >= limit {
			break
		}
	}
	return ids, nil
}
