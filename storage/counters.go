package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/dgraph-io/badger/v4"
)

// Maintained counters: how many records each table holds, how many
// mentions are in each state, and how many in each state each owner has.
// They change in the same transaction as the records (so they are exact
// in every snapshot and after a crash), yet writers never read them, so
// concurrent ingests do not conflict over them: a transaction writes its
// changes as one delta key with a number of its own,
//
//	0x00 'c' 'd' n   → the transaction's changes
//	0x00 'c' 'b'     → the base: every change folded so far, and the last n folded
//
// and a reader adds the deltas after the base's n to the base. Every
// foldEvery commits the store folds the deltas into the base (never past a
// number an unfinished transaction holds, see inflight.go) and deletes
// them; readers seek past what was folded, so they never walk the deleted
// ones.
var (
	prefixCounterDelta = []byte{prefixMeta, 'c', 'd'}
	keyCounterBase     = []byte{prefixMeta, 'c', 'b'}
)

// counterSeq is the sequence (seqKey) of the deltas' numbers; no table
// uses the byte.
const counterSeq byte = 0x01

// foldEvery is how many commits with counter changes may pass before the
// deltas are folded into the base.
const foldEvery = 256

// Counter names: 't' table, 's' state, 'u' owner 0x00 state, 'i' intent
// 0x00 state, 'l' polarity 0x00 state, 'o' source id (8 bytes).
func tableCounter(prefix byte) string { return string([]byte{'t', prefix}) }

func stateCounter(st MentionState) string { return string([]byte{'s', byte(st)}) }

func ownerCounter(owner string, st MentionState) string {
	return "u" + owner + string([]byte{0, byte(st)})
}

func intentCounter(intent string, st MentionState) string {
	return "i" + intent + string([]byte{0, byte(st)})
}

func polarityCounter(polarity string, st MentionState) string {
	return "l" + polarity + string([]byte{0, byte(st)})
}

func sourceCounter(id []byte) string { return "o" + string(id) }

// counters is the state of the counters kept by one Store.
type counters struct {
	seqs     inflight     // delta numbers held by unfinished transactions
	unfolded atomic.Int64 // commits with deltas since the last fold
	foldMu   sync.Mutex   // one fold at a time
}

// count adds d to counter name in this transaction.
func (tx *Tx) count(name string, d int64) {
	if tx.deltas == nil {
		tx.deltas = map[string]int64{}
	}
	tx.deltas[name] += d
}

// flushCounters writes the transaction's counter changes as one delta key;
// Store.Update calls it when the transaction's function succeeded.
func (tx *Tx) flushCounters() error {
	var names []string
	for name, d := range tx.deltas {
		if d != 0 {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	sort.Strings(names)
	n, err := tx.s.nextID(counterSeq)
	if err != nil {
		return err
	}
	tx.hold(&tx.s.counters.seqs, n)
	tx.wroteDeltas = true
	var v []byte
	for _, name := range names {
		v = binary.AppendUvarint(v, uint64(len(name)))
		v = append(v, name...)
		v = binary.AppendVarint(v, tx.deltas[name])
	}
	return tx.set(u64(append([]byte(nil), prefixCounterDelta...), n), v)
}

// decodeCounts adds the counts encoded in v to into.
func decodeCounts(v []byte, into map[string]int64) error {
	for len(v) > 0 {
		l, w := binary.Uvarint(v)
		if w <= 0 || uint64(len(v)-w) < l {
			return fmt.Errorf("%w: counter", ErrCorrupt)
		}
		name := string(v[w : w+int(l)])
		v = v[w+int(l):]
		d, w := binary.Varint(v)
		if w <= 0 {
			return fmt.Errorf("%w: counter %q", ErrCorrupt, name)
		}
		into[name] += d
		v = v[w:]
	}
	return nil
}

// counterBase reads the folded counts and the number of the last delta
// folded into them.
func (tx *Tx) counterBase() (map[string]int64, uint64, error) {
	counts := map[string]int64{}
	item, err := tx.txn.Get(keyCounterBase)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return counts, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("read the counters: %w", err)
	}
	var upTo uint64
	err = item.Value(func(v []byte) error {
		if len(v) < 8 {
			return fmt.Errorf("%w: counters", ErrCorrupt)
		}
		upTo = binary.BigEndian.Uint64(v)
		return decodeCounts(v[8:], counts)
	})
	return counts, upTo, err
}

func encodeBase(counts map[string]int64, upTo uint64) []byte {
	names := make([]string, 0, len(counts))
	for name, n := range counts {
		if n != 0 {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	v := u64(nil, upTo)
	for _, name := range names {
		v = binary.AppendUvarint(v, uint64(len(name)))
		v = append(v, name...)
		v = binary.AppendVarint(v, counts[name])
	}
	return v
}

// Counts are the maintained counters as of a transaction's snapshot.
type Counts struct{ m map[string]int64 }

// Counts reads every counter: the base plus the deltas not folded yet,
// plus this transaction's own changes.
func (tx *Tx) Counts() (Counts, error) {
	counts, upTo, err := tx.counterBase()
	if err != nil {
		return Counts{}, err
	}
	it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 64, Prefix: prefixCounterDelta})
	defer it.Close()
	for it.Seek(u64(append([]byte(nil), prefixCounterDelta...), upTo+1)); it.Valid(); it.Next() {
		if err := it.Item().Value(func(v []byte) error { return decodeCounts(v, counts) }); err != nil {
			return Counts{}, fmt.Errorf("read the counters: %w", err)
		}
	}
	for name, d := range tx.deltas {
		counts[name] += d
	}
	return Counts{counts}, nil
}

// Table is how many records the table of that name (TableNames) holds.
func (c Counts) Table(name string) int {
	for _, t := range tablePrefixes {
		if t.name == name {
			return int(c.m[tableCounter(t.prefix)])
		}
	}
	return 0
}

// Mentions is how many mentions there are.
func (c Counts) Mentions() int { return int(c.m[tableCounter(mentionsDef.prefix)]) }

// InState is how many mentions are in a state.
func (c Counts) InState(st MentionState) int { return int(c.m[stateCounter(st)]) }

// Owned is how many mentions in a state an owner has.
func (c Counts) Owned(owner string, st MentionState) int { return int(c.m[ownerCounter(owner, st)]) }

// WithIntent is how many mentions in a state have an intent in their
// reading.
func (c Counts) WithIntent(intent string, st MentionState) int {
	return int(c.m[intentCounter(intent, st)])
}

// WithPolarity is how many mentions in a state have a polarity
// (PolarityOf).
func (c Counts) WithPolarity(polarity string, st MentionState) int {
	return int(c.m[polarityCounter(polarity, st)])
}

// FromSource is how many mentions a source carried (a mention carried by
// several sources counts for each).
func (c Counts) FromSource(id uint64) int { return int(c.m[sourceCounter(u64(nil, id))]) }

// committedCounters notes a commit that wrote a delta, and folds the
// deltas when enough have piled up.
func (s *Store) committedCounters() {
	if s.counters.unfolded.Add(1) < foldEvery {
		return
	}
	if err := s.foldCounters(); err != nil {
		s.log.Warn("fold the counters", "err", err)
	}
}

// foldCounters adds the deltas that no unfinished transaction can still
// precede to the base and deletes them.
func (s *Store) foldCounters() error {
	if !s.counters.foldMu.TryLock() {
		return nil // another goroutine is folding
	}
	defer s.counters.foldMu.Unlock()
	s.counters.unfolded.Store(0)
	bound := s.counters.seqs.floor() // before the transaction starts
	return s.Update(func(tx *Tx) error {
		counts, upTo, err := tx.counterBase()
		if err != nil {
			return err
		}
		if bound <= upTo+1 {
			return nil
		}
		var folded [][]byte
		it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 64, Prefix: prefixCounterDelta})
		for it.Seek(u64(append([]byte(nil), prefixCounterDelta...), upTo+1)); it.Valid(); it.Next() {
			if idFromKey(it.Item().Key()) >= bound || len(folded) >= rebuildKeys {
				break
			}
			if err := it.Item().Value(func(v []byte) error { return decodeCounts(v, counts) }); err != nil {
				it.Close()
				return err
			}
			folded = append(folded, it.Item().KeyCopy(nil))
			upTo = idFromKey(it.Item().Key())
		}
		it.Close()
		if len(folded) < rebuildKeys {
			upTo = max(upTo, bound-1) // nothing below bound is left to fold
		}
		for _, k := range folded {
			if err := tx.del(k); err != nil {
				return err
			}
		}
		return tx.set(keyCounterBase, encodeBase(counts, upTo))
	})
}

// recount computes every counter from the records and indexes and writes
// them as the base, dropping every delta: the migration to schema 6 and a repair do
// it, when nothing else writes.
func (s *Store) recount() error {
	if err := s.dropPrefixes(prefixCounterDelta); err != nil {
		return fmt.Errorf("drop the counter changes: %w", err)
	}
	upTo := s.counters.seqs.floor() - 1
	var counts map[string]int64
	if err := s.View(func(tx *Tx) (err error) { counts, err = tx.countAll(); return err }); err != nil {
		return err
	}
	return s.Update(func(tx *Tx) error { return tx.set(keyCounterBase, encodeBase(counts, upTo)) })
}

// countAll counts what the counters count, by reading keys: the records
// of every table and the counted indexes of mentions (state, owner,
// intent, polarity, source).
func (tx *Tx) countAll() (map[string]int64, error) {
	counts := map[string]int64{}
	for _, t := range tablePrefixes {
		counts[tableCounter(t.prefix)] = int64(tx.countPrefix([]byte{t.prefix}))
	}
	for _, ix := range mentionsDef.indexes {
		if ix.counter == nil {
			continue
		}
		_, err := tx.scan(ix.prefix[:], false, nil, 0, func(k []byte) { counts[ix.counter(k[2:len(k)-8])]++ })
		if err != nil {
			return nil, err
		}
	}
	return counts, nil
}
