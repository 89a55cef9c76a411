package storage

import (
	"maps"
	"slices"

	"github.com/dgraph-io/badger/v4"
)

// Schema 5 adds the daily aggregates of mentions (daily.go) and the index
// of interactions by time ('i' 't'). The migration builds both for a store
// written at schema 4; every step can be re-run after a crash.

// dailyBatch bounds the cells or records one transaction of the
// migration writes, well below Badger's limit on a transaction's size.
const dailyBatch = 2048

// buildDailyAndInteractionTimes is the migration from schema 4.
func buildDailyAndInteractionTimes(s *Store) error {
	if err := s.RebuildDaily(); err != nil {
		return err
	}
	return s.reputInteractions()
}

// RebuildDaily recomputes the daily aggregates from the mentions: it drops
// every cell, sums every mention's share in memory (a few cells per day
// and dimension value) and writes the sums. Exact and idempotent, so an
// interrupted run simply starts over. The migration to schema 5 uses it;
// so can a repair.
func (s *Store) RebuildDaily() error {
	if err := s.dropPrefix([]byte{prefixDaily}); err != nil {
		return err
	}
	sums := map[string]*Cell{}
	last := s.lastMentionID()
	for from := uint64(1); from != 0; {
		read := 0
		err := s.View(func(tx *Tx) (err error) {
			from, err = tx.eachMentionFrom(from, func() bool { return read >= groupBatch }, func(m *Mention) error {
				read++
				for _, e := range mentionDaily(m) {
					c := sums[e.key]
					if c == nil {
						c = &Cell{}
						sums[e.key] = c
					}
					c.Add(&e.cell, 1)
				}
				return nil
			})
			return err
		})
		if err != nil {
			return err
		}
		if err := s.stepDone(mentionsBefore(from, last), last, "mentions"); err != nil {
			return err
		}
	}
	keys := slices.Sorted(maps.Keys(sums))
	for len(keys) > 0 {
		batch := keys[:min(dailyBatch, len(keys))]
		keys = keys[len(batch):]
		err := s.Update(func(tx *Tx) error {
			tx.daily = make(map[string]*Cell, len(batch))
			for _, k := range batch {
				c := *sums[k]
				tx.daily[k] = &c
			}
			return nil // Update writes tx.daily before committing
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// dropPrefix deletes every key under p, a batch per transaction.
func (s *Store) dropPrefix(p []byte) error {
	for {
		var keys [][]byte
		err := s.View(func(tx *Tx) error {
			it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p})
			defer it.Close()
			for it.Rewind(); it.Valid() && len(keys) < dailyBatch*4; it.Next() {
				keys = append(keys, it.Item().KeyCopy(nil))
			}
			return nil
		})
		if err != nil || len(keys) == 0 {
			return err
		}
		err = s.Update(func(tx *Tx) error {
			for _, k := range keys {
				if err := tx.del(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
}

// reputInteractions writes every interaction again, which adds the
// entries of indexes it did not have yet (by time) and their memos.
func (s *Store) reputInteractions() error {
	var ids []uint64
	err := s.View(func(tx *Tx) error {
		_, err := tx.scanIDs([]byte{interactionsDef.prefix}, func(id uint64) { ids = append(ids, id) })
		return err
	})
	if err != nil {
		return err
	}
	for len(ids) > 0 {
		batch := ids[:min(dailyBatch/4, len(ids))]
		ids = ids[len(batch):]
		err := s.Update(func(tx *Tx) error {
			xs, err := tx.Interactions().GetMany(batch)
			if err != nil {
				return err
			}
			for i := range xs {
				if err := tx.Interactions().Put(&xs[i]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// scanIDs calls fn with the id of every record key under a table prefix.
func (tx *Tx) scanIDs(p []byte, fn func(id uint64)) (int, error) {
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	n := 0
	for it.Rewind(); it.Valid(); it.Next() {
		if len(it.Item().Key()) == len(p)+8 {
			fn(idFromKey(it.Item().Key()))
			n++
		}
	}
	return n, nil
}
