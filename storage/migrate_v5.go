package storage

// migrateV5 is the migration from schema 4: it adds the priority indexes
// of mentions (m r, m u) and the maintained counters (counters.go). Every
// mention's remembered index entries are brought in line (only the new
// ones are written; the word entries are left alone), a batch per
// transaction, then everything the counters count is counted once. Both
// halves may run again after a crash.
func migrateV5(s *Store) error {
	for from := uint64(1); from != 0; {
		err := s.Update(func(tx *Tx) (err error) {
			from, err = tx.reindexMentionsFrom(from)
			return err
		})
		if err != nil {
			return err
		}
	}
	return s.recount()
}

// reindexBatch is how many mentions one transaction of migrateV5 rewrites
// the entries of (three writes each at most: two entries and the memo).
const reindexBatch = 1024

// reindexMentionsFrom brings the remembered index entries of a batch of
// mentions from id from on in line with the current index definitions
// and returns where the next batch starts (0: no more).
func (tx *Tx) reindexMentionsFrom(from uint64) (next uint64, err error) {
	var batch []Mention
	next, err = tx.eachMentionFrom(from, func() bool { return len(batch) >= reindexBatch }, func(m *Mention) error {
		batch = append(batch, *m)
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
