package storage

import (
	"bytes"
	"fmt"
	"slices"
	"time"
)

// trimOversized brings a store written before the caps on words per
// mention (MaxWordsPerMention) in line with them. Only mentions whose title
// and text (or author) are at least as long as a cap can hold more words
// than it, so only those are split again; their entries past the cap are
// deleted, a bounded number per transaction, and the marker moves to the
// capped fingerprint last, so an interrupted run starts over. It is far
// cheaper than a rebuild: most mentions are only read.
func (s *Store) trimOversized(c *wordsConfig) error {
	start := time.Now()
	var extra [][]byte
	trimmed := 0
	for from := uint64(1); from != 0; {
		var batch [][]byte
		var n int
		err := s.View(func(tx *Tx) (err error) {
			read := 0
			from, err = tx.eachMentionFrom(from, func() bool { return read >= groupBatch }, func(m *Mention) error {
				read++
				ks, err := tx.oversizedEntries(m)
				if len(ks) > 0 {
					n++
				}
				batch = append(batch, ks...)
				return err
			})
			return err
		})
		if err != nil {
			return fmt.Errorf("trim the full-text index: %w", err)
		}
		extra = append(extra, batch...)
		trimmed += n
		if err := s.deleteKeys(extra); err != nil {
			return fmt.Errorf("trim the full-text index: %w", err)
		}
		extra = extra[:0]
	}
	if err := s.Update(func(tx *Tx) error { return tx.set(keyWords, c.fingerprint) }); err != nil {
		return err
	}
	if trimmed > 0 {
		s.log.Info("trimmed the full-text entries of very long mentions", "mentions", trimmed, "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// oversizedEntries returns the word entries of an indexed mention past the
// caps: those an uncapped index has and the capped one does not.
func (tx *Tx) oversizedEntries(m *Mention) ([][]byte, error) {
	long := textsLen([]string{m.Title, m.Text}) >= MaxWordsPerMention || len(m.Author) >= maxAuthorWords
	if !long {
		return nil, nil
	}
	if queued, err := tx.wordsQueued(m.ID); err != nil || queued {
		return nil, err // a queued mention has no entries yet
	}
	split := tx.s.words.split
	var out [][]byte
	for _, part := range []struct {
		ix    WordIndex
		limit int
		texts []string
	}{{TextWords, MaxWordsPerMention, []string{m.Title, m.Text}}, {AuthorWords, maxAuthorWords, []string{m.Author}}} {
		kept := wordEntries(split, m.Time(), part.limit, part.texts...)
		for _, e := range wordEntries(split, m.Time(), 1<<30, part.texts...) {
			if !containsSorted(kept, e) {
				p := wordPrefixes[part.ix]
				out = append(out, u64(append(p[:], e...), m.ID))
			}
		}
	}
	return out, nil
}

// deleteKeys deletes keys a bounded number per transaction.
func (s *Store) deleteKeys(keys [][]byte) error {
	for len(keys) > 0 {
		n := min(len(keys), rebuildKeys)
		err := s.Update(func(tx *Tx) error {
			for _, k := range keys[:n] {
				if err := tx.del(k); err != nil {
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
