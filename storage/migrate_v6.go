package storage

import "github.com/dgraph-io/badger/v4"

// addPrioritiesAndCounters is the migration from schema 5: it adds the
// priority indexes of mentions (m r, m u), the index of contacts (p c) and
// the maintained counters (counters.go). Every mention's and person's
// remembered index entries are brought in line (only the new ones are
// written; the word entries are left alone), a batch per transaction, then
// everything the counters count is counted once. Every part may run again
// after a crash.
func addPrioritiesAndCounters(s *Store) error {
	if err := inBatches(s, (*Tx).reindexMentionsFrom); err != nil {
		return err
	}
	if err := reindexPeople(s); err != nil {
		return err
	}
	return s.recount()
}

// reindexBatch is how many mentions one transaction of addPrioritiesAndCounters rewrites
// the entries of (three writes each at most: two entries and the memo).
const reindexBatch = 1024

// reindexMentionsFrom brings the remembered index entries of a batch of
// mentions from id from on in line with the current index definitions
// and returns where the next batch starts (0: no more).
func (tx *Tx) reindexMentionsFrom(from uint64) (next uint64, err error) {
	return tx.reindexMentionsWhere(from, nil)
}

// reindexMentionsWhere is reindexMentionsFrom for the mentions which picks
// (every one when which is nil); a batch reads reindexBatch mentions.
func (tx *Tx) reindexMentionsWhere(from uint64, which func(m *Mention) bool) (next uint64, err error) {
	var batch []Mention
	read := 0
	next, err = tx.eachMentionFrom(from, func() bool { return read >= reindexBatch }, func(m *Mention) error {
		read++
		if which == nil || which(m) {
			batch = append(batch, *m)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	t := tx.Mentions()
	for i := range batch { // after the iterator is closed
		m := &batch[i]
		old, err := t.memo(m.ID)
		if err != nil {
			return 0, err
		}
		keys := t.def.keys(m, m.ID, false)
		if err := t.replaceIndex(old, keys); err != nil {
			return 0, err
		}
		if err := tx.set(memoKey(t.def.prefix, m.ID), encodeMemo(keys)); err != nil {
			return 0, err
		}
	}
	return next, nil
}

// reindexPeople brings the index entries of every person in line (the
// index of contacts is new in schema 6), a batch per transaction.
func reindexPeople(s *Store) error { return reindexPeopleWhere(s, nil) }

// reindexPeopleWhere brings the index entries of the people that which
// picks (every person when which is nil) in line, reading a batch of
// people per transaction.
func reindexPeopleWhere(s *Store, which func(p *Person) bool) error {
	for from := uint64(1); from != 0; {
		err := s.Update(func(tx *Tx) error {
			var batch []Person
			it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 64, Prefix: []byte{peopleDef.prefix}})
			next, read := uint64(0), 0
			for it.Seek(recordKey(peopleDef.prefix, from)); it.Valid(); it.Next() {
				if read == reindexBatch {
					next = idFromKey(it.Item().Key())
					break
				}
				read++
				var p Person
				if err := it.Item().Value(func(v []byte) error { return decode(v, &p) }); err != nil {
					it.Close()
					return err
				}
				if which == nil || which(&p) {
					batch = append(batch, p)
				}
			}
			it.Close()
			from = next
			t := tx.People()
			for i := range batch {
				old, err := t.memo(batch[i].ID)
				if err != nil {
					return err
				}
				keys := t.def.keys(&batch[i], batch[i].ID, false)
				if err := t.replaceIndex(old, keys); err != nil {
					return err
				}
				if len(keys) > 0 {
					if err := tx.set(memoKey(t.def.prefix, batch[i].ID), encodeMemo(keys)); err != nil {
						return err
					}
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
