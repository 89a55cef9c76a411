package storage

import (
	"bytes"

	"github.com/dgraph-io/badger/v4"
)

// blockWordIndex is the migration from schema 6, whose word indexes held one
// key per (word, mention) with an empty value: a posting block of one
// position (words_blocks.go). It merges each word's runs of blocks into
// full blocks: it reads the index in one snapshot, a word at a time, and
// rewrites a run of blocks once it holds blockCap positions (and the
// word's last run), in transactions of a bounded size, each holding whole
// runs, so that the index is exact between any two of them; a crash
// re-runs it, and runs that are a single block already are left alone.
// Nothing else writes while migrations run.
func blockWordIndex(s *Store) error {
	for _, p := range wordPrefixes {
		if err := s.compactBlocks(p[:]); err != nil {
			return err
		}
	}
	return nil
}

// compactBlocks merges runs of small posting blocks under prefix.
func (s *Store) compactBlocks(prefix []byte) error {
	var pending postingPlan
	flush := func() error {
		if len(pending.writes) == 0 {
			return nil
		}
		err := s.Update(func(tx *Tx) error { return tx.applyPostings(pending) })
		pending = postingPlan{}
		return err
	}
	var base []byte // the word of the run
	var run []Pos   // its positions
	var keys [][]byte
	emit := func() {
		if len(keys) > 1 {
			for _, k := range keys {
				pending.writes = append(pending.writes, postingWrite{key: k, del: true})
				pending.size += len(k) + 16
			}
			for _, chunk := range chunkPositions(run, true) {
				k, v := blockKey(base, chunk[0]), encodeBlock(chunk)
				pending.writes = append(pending.writes, postingWrite{key: k, val: v})
				pending.size += len(k) + len(v) + 16
			}
		}
		run, keys = run[:0], keys[:0]
	}
	var ps []Pos
	err := s.View(func(tx *Tx) error {
		it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 256, Prefix: prefix})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			k := item.Key()
			b, first, ok := splitEntry(k)
			if !ok {
				continue // not a block: rapport check reports it
			}
			if !bytes.Equal(b, base) {
				emit()
				base = append(base[:0], b...)
			}
			if err := item.Value(func(v []byte) (err error) { ps, err = decodeBlock(ps, first, v); return err }); err != nil {
				return err
			}
			run = append(run, ps...)
			keys = append(keys, item.KeyCopy(nil))
			if len(run) >= blockCap {
				emit()
			}
			if pending.size >= postingBudget {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		emit()
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}
