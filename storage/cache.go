package storage

import (
	"bytes"
	"sync"
	"sync/atomic"
)

// sourceCache keeps the names of the sources, which every search page and
// every page of inbox rows needs (a thousand sources took longer to read
// than the search itself). A transaction that writes a source bumps the
// generation when it commits; the next reader reads them again.
type sourceCache struct {
	gen   atomic.Uint64
	mu    sync.Mutex
	built uint64 // the generation names was read at, plus one (0: never)
	names map[uint64]string
}

// SourceNames maps every source's id to its name. The map is shared: do not
// change it. It is read again after any transaction that wrote a source has
// committed, so it may be newer than this transaction's snapshot, never
// older than what had committed before the transaction began.
func (tx *Tx) SourceNames() (map[uint64]string, error) {
	c := &tx.s.sources
	g := c.gen.Load()
	c.mu.Lock()
	if c.built == g+1 && !tx.wroteSources {
		names := c.names
		c.mu.Unlock()
		return names, nil
	}
	c.mu.Unlock()
	names := map[uint64]string{}
	err := tx.Sources().Each(func(s *Source) error { names[s.ID] = s.Name; return nil })
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen.Load() == g && !tx.wroteSources {
		c.built, c.names = g+1, names
	}
	return names, nil
}

// AuthorsGeneration changes after every committed transaction that wrote
// what scoring everyone who wrote reads: a person, an interaction, or a
// mention's entries in the index by person or the index of what mentions
// say of their authors (an author, a reading or a time that changed, a
// mention added or deleted). Changes of state, owner or snooze leave it.
// Read it before the snapshot a list is read in: a list read while it
// stays the same is still what the store holds. It starts again at each
// Open.
func (s *Store) AuthorsGeneration() uint64 { return s.authors.Load() }

// authorsKey reports whether an index key is one of the entries
// AuthorsGeneration follows.
func authorsKey(k []byte) bool {
	return len(k) > 2 && (bytes.HasPrefix(k, byPersonIndex[:]) || bytes.HasPrefix(k, saidIndex[:]))
}

// committed runs after the transaction committed: it wakes the word
// indexer when mentions were queued, drops cached source names when a
// source changed, moves AuthorsGeneration, and folds the counters now and
// then.
func (tx *Tx) committed() {
	if tx.queued {
		tx.s.kickWords()
	}
	if tx.wroteSources {
		tx.s.sources.gen.Add(1)
	}
	if tx.wroteAuthors {
		tx.s.authors.Add(1)
	}
	if tx.wroteDeltas {
		tx.s.committedCounters()
	}
}

// run runs a read-write transaction's function, then writes what the
// transaction keeps for after it: its changes to the daily aggregates,
// then its counter changes.
func (tx *Tx) run(fn func(tx *Tx) error) error {
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.fillEmptied(); err != nil {
		return err
	}
	if err := tx.flushDaily(); err != nil {
		return err
	}
	return tx.flushCounters()
}
