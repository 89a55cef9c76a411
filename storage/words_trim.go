package storage

import (
	"bytes"
	"fmt"
	"slices"
	"time"
)

// trimOversized brings the author words of a store written before the
// caps on words per mention (maxAuthorWords), or under the first cap
// (which kept the words that sort first), in line with them. Only
// mentions whose author is at least as long as the cap can hold more
// words than it, so only those are split again: the entries the cap keeps
// are written and the others deleted, a bounded number per transaction.
// It is far cheaper than a rebuild: most mentions are only read. The text
// words are written again whole by the seal that follows (syncWordIndex),
// which writes the marker at its end, so an interrupted run starts over.
func (s *Store) trimOversized(c *wordsConfig) error {
	start := time.Now()
	trimmed := 0
	for from := uint64(1); from != 0; {
		var keep, drop [][]byte
		var n int
		err := s.View(func(tx *Tx) (err error) {
			read := 0
			from, err = tx.eachMentionFrom(from, func() bool { return read >= groupBatch }, func(m *Mention) error {
				read++
				k, d, err := tx.oversizedEntries(m)
				if len(k)+len(d) > 0 {
					n++
				}
				keep, drop = append(keep, k...), append(drop, d...)
				return err
			})
			return err
		})
		if err != nil {
			return fmt.Errorf("trim the full-text index: %w", err)
		}
		trimmed += n
		if err := s.setKeys(keep); err != nil {
			return fmt.Errorf("trim the full-text index: %w", err)
		}
		if err := s.deleteKeys(drop); err != nil {
			return fmt.Errorf("trim the full-text index: %w", err)
		}
	}
	if trimmed > 0 {
		s.log.Info("trimmed the full-text entries of very long mentions", "mentions", trimmed, "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// oversizedEntries returns, for an indexed mention whose author is long
// enough to reach the cap, the author word entries the capped index keeps
// (keep) and the others of its words (drop), which an older index may
// have.
func (tx *Tx) oversizedEntries(m *Mention) (keep, drop [][]byte, err error) {
	if len(m.Author) < maxAuthorWords {
		return nil, nil, nil
	}
	if queued, err := tx.wordsQueued(m.ID); err != nil || queued {
		return nil, nil, err // a queued mention has no entries yet
	}
	split := tx.s.words.split
	for _, part := range []struct {
		ix    WordIndex
		limit int
		texts []string
	}{{AuthorWords, maxAuthorWords, []string{m.Author}}} {
		p := wordPrefixes[part.ix]
		kept := wordEntries(split, m.Time(), part.limit, part.texts...)
		for _, e := range kept {
			keep = append(keep, u64(append(p[:], e...), m.ID))
		}
		for _, e := range wordEntries(split, m.Time(), 1<<30, part.texts...) {
			if !containsSorted(kept, e) {
				drop = append(drop, u64(append(p[:], e...), m.ID))
			}
		}
	}
	return keep, drop, nil
}

// setKeys writes keys with empty values, a bounded number per transaction.
func (s *Store) setKeys(keys [][]byte) error {
	return s.eachKeyBatch(keys, func(tx *Tx, k []byte) error { return tx.set(k, nil) })
}

// deleteKeys deletes keys a bounded number per transaction.
func (s *Store) deleteKeys(keys [][]byte) error {
	return s.eachKeyBatch(keys, (*Tx).del)
}

// eachKeyBatch runs fn on every key, rebuildKeys keys per transaction.
func (s *Store) eachKeyBatch(keys [][]byte, fn func(tx *Tx, k []byte) error) error {
	for len(keys) > 0 {
		n := min(len(keys), rebuildKeys)
		err := s.Update(func(tx *Tx) error {
			for _, k := range keys[:n] {
				if err := fn(tx, k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

// containsSorted reports whether sorted keys hold k.
func containsSorted(keys [][]byte, k []byte) bool {
	_, ok := slices.BinarySearchFunc(keys, k, bytes.Compare)
	return ok
}
