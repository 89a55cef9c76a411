package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// SchemaVersion is the layout this build writes. Bump it with a migration
// appended to migrations whenever keys or encodings change.
const SchemaVersion = 18

// ErrNewerSchema reports a data folder written by a newer Rapport.
var ErrNewerSchema = errors.New("this data folder was written by a newer version of Rapport")

// migration moves a store from version from to from+1. Steps may run in
// several transactions; each must be idempotent, because the version is
// written only after the step finished, and a crash mid-way re-runs it.
type migration struct {
	from int
	name string
	run  func(s *Store) error
}

var migrations = []migration{
	{from: 1, name: "re-encode the prototype's JSON records as CBOR and build the secondary indexes", run: migrateV1JSON},
	// Version 3 adds the full-text word index, and is refused by older
	// builds, which would write mentions without keeping it up to date.
	{from: 2, name: "build the full-text word index of mentions", run: buildWordIndex},
	{from: 3, name: "index the groups of near-duplicate mentions", run: indexGroups},
	{from: 4, name: "build the daily aggregates of mentions and index interactions by time", run: buildDailyAndInteractionTimes},
	{from: 5, name: "index mentions by priority and owner, and people who are contacts, and count what the store holds", run: addPrioritiesAndCounters},
	{from: 6, name: "index people by what makes two of them alike", run: indexLikeness},
	{from: 7, name: "index and count mentions by intent and by polarity", run: indexIntentsAndPolarity},
	{from: 8, name: "count mentions by source", run: (*Store).recount},
	{from: 9, name: "list the identity index by identity key, for lookups without a seek", run: listIdentityKeys},
	{from: 10, name: "list the mentions with more words than the full-text index holds, and index who was merged into whom", run: indexPastTheCapAndMerged},
	{from: 11, name: "index what each mention says of its author, for scoring everyone who wrote", run: indexSaid},
	{from: 12, name: "drop the mentions' index memos, which their records already tell", run: dropMentionMemos},
	// Version 14 seals complete segments of the word index into chunks
	// (words_sealed.go). Older builds refuse it: they would neither read
	// the chunks nor keep them up to date.
	{from: 13, name: "seal the complete segments of the full-text index", run: sealAtMigration},
	// Version 15 groups the open keys of the word index by segment, so
	// that sealing one drops them at once. Older builds refuse it: they
	// would read no open key.
	{from: 14, name: "group the full-text index's open keys by segment", run: relayOpenKeys},
	// Version 16 writes the chunks of sealed segments by rank in the
	// segment's table of positions (words_ranks.go). Older builds refuse
	// it: they would not read the ranks.
	{from: 15, name: "write the full-text index's chunks by rank", run: rankChunks},
	// Version 17 lets an import seal the part of a segment it filled
	// (words_bulk.go), under a number older builds would read as a
	// segment of its own while writing that segment's mentions as open
	// keys: they must not open it. Nothing to change in the folder.
	{from: 16, name: "allow parts of full-text segments", run: func(*Store) error { return nil }},
	// Version 18 lists a part's keys (words_partlist.go), which a change
	// to one of its mentions adds to: an older build would not, and the
	// part's drop would leave the keys it did not list under a number a
	// later part reads. Nothing to change: a part without a list is
	// dropped by reading every chunk, as before.
	{from: 17, name: "list the keys of full-text parts", run: func(*Store) error { return nil }},
}

// dropMentionMemos is the migration from schema 12: mentions keep no index
// memo from schema 13 on (their old entries are computed from the stored
// mention, tableDef.recomputed), so their memos go, by dropping their
// prefix: the memo keys follow each other, so Badger drops whole tables of
// them instead of writing a deletion for each. A run cut short drops the
// rest when it runs again.
func dropMentionMemos(s *Store) error {
	prefix := []byte{prefixIndexMemo, mentionsDef.prefix}
	var any bool
	if err := s.View(func(tx *Tx) error { any = tx.anyKey(prefix); return nil }); err != nil {
		return err
	}
	if any {
		if err := s.dropPrefixes(prefix); err != nil {
			return fmt.Errorf("drop the mentions' index memos: %w", err)
		}
	}
	// Schema 12 listed an empty identity key, under the index's prefix
	// alone, and kept the mentions past the list's cap as entries of
	// their own (m k id); schema 13 does not index it (tables.go).
	err := s.Update(func(tx *Tx) error {
		if err := tx.del(identityList[:]); err != nil {
			return err
		}
		var past [][]byte
		it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: identityIndex[:]})
		for it.Rewind(); it.Valid(); it.Next() {
			if k := it.Item().Key(); len(k) == len(identityIndex)+8 {
				past = append(past, it.Item().KeyCopy(nil))
			}
		}
		it.Close()
		for _, k := range past {
			if err := tx.del(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("drop the empty identity key: %w", err)
	}
	s.memos = false
	return nil
}

// indexSaid is the migration from schema 11: it writes the entries of the
// index of what mentions say of their authors (m q, said.go) of the
// mentions that have one, a batch of mentions per transaction. Rewriting a
// mention's entries is idempotent, so a run cut short runs again.
func indexSaid(s *Store) error {
	return inBatches(s, func(tx *Tx, from uint64) (uint64, error) { return tx.reindexMentionsWhere(from, mayAddress) })
}

// listIdentityKeys is the migration from schema 9, whose identity index
// stored each entry as a key of its own (m k key id): it moves them into
// the lists of the listed index (m K key → ids), a batch of entries per
// transaction. The memos name the same entries before and after. Each
// transaction adds its entries to their lists and deletes them, so a
// crash part-way leaves the rest for the next open.
func listIdentityKeys(s *Store) error {
	// Each batch seeks past the last one's entries rather than walking
	// their deletes again.
	spread, moved := s.spreadOf(identityIndex[:]), int64(0)
	for from := identityIndex[:]; from != nil; {
		var next []byte
		var entries [][]byte
		err := s.Update(func(tx *Tx) error {
			entries = entries[:0]
			next = nil
			it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: identityIndex[:]})
			for it.Seek(from); it.Valid(); it.Next() {
				if len(entries) == listBatch {
					next = it.Item().KeyCopy(nil)
					break
				}
				if k := it.Item().Key(); len(k) >= 2+8 {
					entries = append(entries, it.Item().KeyCopy(nil))
				}
			}
			it.Close()
			for _, k := range entries {
				// deleted first: an entry past a full list is written again
				if err := tx.del(k); err != nil {
					return err
				}
				if err := tx.addListed(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		moved += int64(len(entries))
		done := moved // where the tables cannot say
		switch {
		case next == nil:
			done = max(moved, spread.total)
		case spread.total > 0:
			done = spread.before(next)
		}
		if err := s.stepDone(done, spread.total, "entries"); err != nil {
			return err
		}
		from = next
	}
	return nil
}

// indexPastTheCapAndMerged is the migration from schema 10: it adds the
// index of people by whom they were merged into (p m) and the list of
// mentions past the cap on words (m c), so that erasing a person reads
// neither every person nor every mention. Only mentions at least as long
// as a cap can pass it, so most are only read; a mention still queued for
// the word indexer gets its entry when it is indexed. Both parts write
// what the records call for, so a run cut short simply runs again.
func indexPastTheCapAndMerged(s *Store) error {
	if err := reindexPeopleWhere(s, func(p *Person) bool { return p.MergedInto != 0 }); err != nil {
		return err
	}
	if s.words == nil {
		return nil // built with the rest of the word index when a splitter is installed
	}
	return inBatches(s, (*Tx).markPastTheCapFrom)
}

// markPastTheCapFrom writes the PastTheCap entries of a batch of mentions
// from id from on, and returns where the next batch starts (0: no more).
func (tx *Tx) markPastTheCapFrom(from uint64) (next uint64, err error) {
	var past []Mention
	read := 0
	next, err = tx.eachMentionFrom(from, func() bool { return read >= groupBatch }, func(m *Mention) error {
		read++
		if pastTheCap(tx.s.words.split, m) {
			past = append(past, Mention{ID: m.ID, Published: m.Published, Fetched: m.Fetched})
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	p := wordPrefixes[PastTheCap]
	for _, m := range past { // after the iterator is closed
		if queued, err := tx.wordsQueued(m.ID); err != nil || queued {
			if err != nil {
				return 0, err
			}
			continue
		}
		if err := tx.set(u64(append(p[:], timeKey(nil, m.Time())...), m.ID), nil); err != nil {
			return 0, err
		}
	}
	return next, nil
}

// listBatch is how many entries one transaction of listIdentityKeys
// moves.
var listBatch = 10_000

// indexIntentsAndPolarity is the migration from schema 7: it adds the
// indexes of mentions by intent and by polarity (m i, m l) and their
// counters, which count the inbox's views that filter on them. Like the
// migration from schema 5, a batch of mentions per transaction, then a
// recount; every part may run again after a crash.
func indexIntentsAndPolarity(s *Store) error {
	if err := inBatches(s, (*Tx).reindexMentionsFrom); err != nil {
		return err
	}
	return s.recount()
}

// inBatches runs step from id 1 on, one transaction per call, each from
// where the last one said the next batch starts, until it says 0.
func inBatches(s *Store, step func(tx *Tx, from uint64) (next uint64, err error)) error {
	last := s.lastMentionID()
	for from := uint64(1); from != 0; {
		err := s.Update(func(tx *Tx) (err error) {
			from, err = step(tx, from)
			return err
		})
		if err != nil {
			return err
		}
		if err := s.stepDone(mentionsBefore(from, last), last, "mentions"); err != nil {
			return err
		}
	}
	return nil
}

// mentionsBefore is how far a walk of the mentions by id has got when its
// next batch starts at id next (0: the walk is over).
func mentionsBefore(next uint64, last int64) int64 {
	if next == 0 {
		return last
	}
	return int64(next) - 1
}

// indexGroups is the migration from schema 3, which kept a mention's group
// but had no index by group: it writes every grouped mention again, which
// brings its index entries in line. Groups are rare (reposts), so a batch
// reads many mentions and rewrites few; writing a mention again is
// idempotent, so an interrupted run simply starts over.
func indexGroups(s *Store) error { return inBatches(s, (*Tx).reputGrouped) }

// groupBatch is how many mentions one transaction of indexGroups reads.
const groupBatch = 2048

// reputGrouped writes again the grouped mentions among a batch of mentions
// from id from on, and returns where the next batch starts (0: no more).
func (tx *Tx) reputGrouped(from uint64) (next uint64, err error) {
	var grouped []Mention
	read := 0
	next, err = tx.eachMentionFrom(from, func() bool { return read >= groupBatch }, func(m *Mention) error {
		read++
		if m.GroupID != 0 {
			grouped = append(grouped, *m)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for i := range grouped { // after the iterator is closed
		if err := tx.Mentions().Put(&grouped[i]); err != nil {
			return 0, err
		}
	}
	return next, nil
}

// prepareSchema stamps a new store with the current version, or migrates
// an older one step by step.
func (s *Store) prepareSchema() error {
	v, err := s.schemaVersion()
	if err != nil {
		return err
	}
	switch {
	case v == 0:
		return s.Update(func(tx *Tx) error {
			if err := tx.set(keyCreated, timeKey(nil, time.Now())); err != nil {
				return err
			}
			if c := s.words; c != nil { // the empty index is complete
				if err := tx.set(keyWords, c.fingerprint); err != nil {
					return err
				}
			}
			return tx.set(keySchema, schemaValue(SchemaVersion))
		})
	case v > SchemaVersion:
		return fmt.Errorf("%w (its schema is %d, this Rapport reads up to %d): update Rapport", ErrNewerSchema, v, SchemaVersion)
	}
	s.memos = v < 13                            // until dropMentionMemos
	if err := s.loadSegmentSize(); err != nil { // before a migration seals
		return err
	}
	if s.opening != nil {
		for _, m := range migrations {
			if m.from >= v {
				s.opening.p.Steps++
			}
		}
	}
	for _, m := range migrations {
		if m.from < v {
			continue
		}
		s.beginStep(m.name)
		s.log.Info("migrating data folder", "from", m.from, "to", m.from+1, "step", m.name)
		switch err := m.run(s); {
		case errors.Is(err, ErrOpenStopped):
			return err
		case err != nil:
			return fmt.Errorf("migrate data folder from schema %d: %w", m.from, err)
		}
		if err := s.Update(func(tx *Tx) error { return tx.set(keySchema, schemaValue(m.from+1)) }); err != nil {
			return err
		}
		v = m.from + 1
	}
	return s.syncWordIndex()
}

// SchemaVersion reads the stored schema version: 0 for an empty store.
func (s *Store) schemaVersion() (int, error) {
	v := 0
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(keySchema)
		if errors.Is(err, badger.ErrKeyNotFound) {
			v, err = s.guessUnversioned(txn)
			return err
		}
		if err != nil {
			return err
		}
		return item.Value(func(b []byte) error {
			if len(b) != 4 {
				return fmt.Errorf("%w: schema version", ErrCorrupt)
			}
			v = int(binary.BigEndian.Uint32(b))
			return nil
		})
	})
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// guessUnversioned tells an empty store (0) from the prototype, which
// wrote records without a schema key (1).
func (s *Store) guessUnversioned(txn *badger.Txn) (int, error) {
	it := txn.NewIterator(badger.IteratorOptions{})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		if it.Item().Key()[0] != prefixMeta {
			return 1, nil
		}
	}
	return 0, nil
}

func schemaValue(v int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(v)) }

// Version reports the schema version of the open store.
func (s *Store) Version() (int, error) { return s.schemaVersion() }
