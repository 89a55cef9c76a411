package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"

	"github.com/dgraph-io/badger/v4"
)

// ErrNotFound reports a record that does not exist.
var ErrNotFound = errors.New("not found")

// index describes one secondary index of a table: a two-byte prefix and a
// function giving the record's entries. The store appends the record id to
// each entry, so entries need not be unique.
type index[T any] struct {
	name    string
	prefix  [2]byte
	entries func(rec *T) [][]byte
	// derived indexes are left out of the record's memo: Put and Delete
	// recompute the old entries from the stored record instead. That suits
	// indexes with dozens of entries per record (the word index), whose
	// memo would be as large as the record itself; the price is that their
	// entries function must not change without a rebuild (words.go).
	derived bool
	// counter, when set, names the maintained counter (counters.go) an
	// entry counts in; the store keeps it in step as entries come and go.
	counter func(entry []byte) string
	// listed indexes store one key per entry whose value lists the ids
	// (listed.go), for exact lookups by Get.
	listed bool
	// segment, when set, puts the segment of the record's id (id divided
	// by its value, 4 bytes) between the prefix and the entry: the text
	// word index keeps each segment's keys together, so that a sealed
	// segment's are dropped at once (words_sealed.go).
	segment *atomic.Uint64
}

// isListed reports whether index key k (prefix, entry, id) belongs to a
// listed index.
func (d *tableDef[T]) isListed(k []byte) bool {
	for _, ix := range d.indexes {
		if ix.listed && len(k) >= 2+8 && k[0] == ix.prefix[0] && k[1] == ix.prefix[1] {
			return true
		}
	}
	return false
}

// writeEntry stores index key k.
func (t Table[T]) writeEntry(k []byte) error {
	if t.def.isListed(k) {
		return t.tx.addListed(k)
	}
	return t.tx.set(k, nil)
}

// deleteEntry removes index key k.
func (t Table[T]) deleteEntry(k []byte) error {
	if t.def.isListed(k) {
		return t.tx.removeListed(k)
	}
	return t.tx.del(k)
}

// tableDef describes one record type: its key prefix, how to reach its id
// and its indexes.
type tableDef[T any] struct {
	name    string
	prefix  byte
	id      func(*T) *uint64
	indexes []index[T]
	// queue, when set, defers the derived entries of new records to the
	// word indexer (see words_queue.go) and returns the record's position,
	// which the queue entry holds.
	queue func(rec *T, id uint64) []byte
	// daily, when set, gives the record's share of the per-day aggregates
	// (daily.go); Put and Delete subtract the stored version's share and
	// add the new one's.
	daily func(rec *T) []dailyEntry
	// recomputed tables keep no index memo (from schema 13 on): Put and
	// Delete compute the entries a record has from the stored record, as
	// they do for derived indexes, so no index's entries function may
	// change without a migration that rebuilds its entries. A memo is
	// about a quarter of a mention's bytes (docs/storage.md).
	recomputed bool
}

// indexKeys returns every index key the record should have now.
func (d *tableDef[T]) indexKeys(rec *T, id uint64) [][]byte {
	return append(d.keys(rec, id, false), d.keys(rec, id, true)...)
}

// keys returns the record's keys in the remembered (derived false) or the
// derived indexes.
func (d *tableDef[T]) keys(rec *T, id uint64, derived bool) [][]byte {
	keys := d.keysOnce(rec, id, derived)
	// An entry twice (a mention whose list of sources names one twice) is
	// one key: counted twice, it left a counter one too high.
	if len(keys) > 1 {
		keys = sortedKeys(keys)
	}
	return keys
}

func (d *tableDef[T]) keysOnce(rec *T, id uint64, derived bool) [][]byte {
	var keys [][]byte
	for _, ix := range d.indexes {
		if ix.derived != derived {
			continue
		}
		for _, e := range ix.entries(rec) {
			k := make([]byte, 0, 2+4+len(e)+8)
			k = append(k, ix.prefix[:]...)
			if ix.segment != nil {
				k = binary.BigEndian.AppendUint32(k, uint32(id/ix.segment.Load()))
			}
			k = append(k, e...)
			keys = append(keys, u64(k, id))
		}
	}
	return keys
}

// hasDerived reports whether the table has a derived index.
func (d *tableDef[T]) hasDerived() bool {
	for _, ix := range d.indexes {
		if ix.derived {
			return true
		}
	}
	return false
}

// Table gives typed access to one record type inside a transaction.
type Table[T any] struct {
	tx  *Tx
	def *tableDef[T]
}

// Get reads one record.
func (t Table[T]) Get(id uint64) (T, error) {
	var rec T
	item, err := t.tx.txn.Get(recordKey(t.def.prefix, id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return rec, fmt.Errorf("%s %d: %w", t.def.name, id, ErrNotFound)
	}
	if err != nil {
		return rec, fmt.Errorf("read %s %d: %w", t.def.name, id, err)
	}
	if err := item.Value(func(v []byte) error { return decode(v, &rec) }); err != nil {
		return rec, fmt.Errorf("read %s %d: %w", t.def.name, id, err)
	}
	return rec, nil
}

// Put inserts or replaces a record. A record without an id gets the next
// one. Its index entries are brought in line in the same transaction: stale
// ones (remembered in the record's memo key, or for a recomputed table
// computed from the stored record) are deleted, new ones written.
func (t Table[T]) Put(rec *T) error { return t.put(rec, false) }

// reput writes rec again as if it had no index entries yet, for a rebuild
// of the indexes (rebuildIndexes): the entries the stored record calls
// for may be missing, and a recomputed table would take them to be there.
func (t Table[T]) reput(rec *T) error { return t.put(rec, true) }

func (t Table[T]) put(rec *T, rebuild bool) error {
	idp := t.def.id(rec)
	fresh := *idp == 0 // a new id: nothing stored under it, nothing to read
	if fresh {
		id, err := t.tx.newID(t.def.prefix)
		if err != nil {
			return err
		}
		*idp = id
	}
	id := *idp
	val, err := encode(rec)
	if err != nil {
		return err
	}
	if t.def.recomputed {
		// The entries are computed from the record as it will be read
		// back, which is what they are computed from when it is written
		// again or deleted: times are stored to the second (a time a
		// fraction past year 1 reads back as no time at all), and a
		// record that would not read back is refused here rather than
		// found unreadable later.
		var stored T
		if err := decode(val, &stored); err != nil {
			return fmt.Errorf("write %s %d: it would not read back: %w", t.def.name, id, err)
		}
		rec = &stored
	}
	t.tx.wroteSources = t.tx.wroteSources || t.def.prefix == sourcesDef.prefix
	t.tx.wroteAuthors = t.tx.wroteAuthors || t.def.prefix == peopleDef.prefix || t.def.prefix == interactionsDef.prefix
	prev := t.prior(id, fresh)
	var old [][]byte
	existed := false
	if !fresh {
		var err error
		if old, existed, err = t.entries(prev); err != nil {
			return err
		}
		if rebuild {
			old = nil
		}
	}
	if !existed {
		t.tx.count(tableCounter(t.def.prefix), 1)
	}
	if err := t.replaceDaily(prev, rec); err != nil {
		return err
	}
	keys := t.def.keys(rec, id, false)
	if err := t.replaceIndex(old, keys); err != nil {
		return err
	}
	switch {
	case !t.def.hasDerived():
	case fresh && t.def.queue != nil:
		if err := t.tx.queueNewWords(id, t.def.queue(rec, id)); err != nil {
			return err
		}
	default:
		if err := t.replaceDerived(rec, prev); err != nil {
			return err
		}
	}
	if err := t.tx.txn.Set(recordKey(t.def.prefix, id), val); err != nil {
		return fmt.Errorf("write %s %d: %w", t.def.name, id, err)
	}
	switch {
	case t.memoless():
		return nil
	case len(keys) == 0:
		return t.tx.del(memoKey(t.def.prefix, id))
	}
	return t.tx.set(memoKey(t.def.prefix, id), encodeMemo(keys))
}

// Delete removes a record and all its index entries. Deleting a missing
// record is not an error.
func (t Table[T]) Delete(id uint64) error {
	t.tx.wroteSources = t.tx.wroteSources || t.def.prefix == sourcesDef.prefix
	t.tx.wroteAuthors = t.tx.wroteAuthors || t.def.prefix == peopleDef.prefix || t.def.prefix == interactionsDef.prefix
	prev := t.prior(id, false)
	old, existed, err := t.entries(prev)
	if err != nil || !existed {
		return err
	}
	t.tx.count(tableCounter(t.def.prefix), -1)
	t.countEntries(old, -1)
	derived, err := t.derivedOrDequeue(prev)
	if err != nil {
		return err
	}
	if t.def.queue != nil { // a text word index with sealed segments (words_sealed.go)
		rest, words := splitTextWords(derived)
		handled, err := t.tx.replaceSealedWords(id, words, nil)
		if err != nil {
			return err
		}
		if handled {
			derived = rest
		}
	}
	if err := t.replaceDaily(prev, nil); err != nil {
		return err
	}
	for _, k := range old {
		t.tx.wroteAuthors = t.tx.wroteAuthors || authorsKey(k)
		if err := t.deleteEntry(k); err != nil {
			return err
		}
	}
	for _, k := range derived {
		if err := t.tx.del(k); err != nil {
			return err
		}
	}
	if err := t.tx.touchLikeness(old); err != nil {
		return err
	}
	if !t.memoless() {
		if err := t.tx.del(memoKey(t.def.prefix, id)); err != nil {
			return err
		}
	}
	return t.tx.del(recordKey(t.def.prefix, id))
}

// Each calls fn for every record in id order until fn returns an error.
func (t Table[T]) Each(fn func(rec *T) error) error {
	it := t.tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 64, Prefix: []byte{t.def.prefix}})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		var rec T
		if err := it.Item().Value(func(v []byte) error { return decode(v, &rec) }); err != nil {
			return fmt.Errorf("read %s %d: %w", t.def.name, idFromKey(it.Item().Key()), err)
		}
		if err := fn(&rec); err != nil {
			return err
		}
	}
	return nil
}

// All returns every record in id order.
func (t Table[T]) All() ([]T, error) {
	var out []T
	err := t.Each(func(rec *T) error { out = append(out, *rec); return nil })
	return out, err
}

// Count is how many records the table holds, from the maintained counter
// (counters.go).
func (t Table[T]) Count() (int, error) {
	c, err := t.tx.Counts()
	return int(c.m[tableCounter(t.def.prefix)]), err
}

// GetMany reads the records with the given ids, in that order, skipping
// ids that no longer exist.
func (t Table[T]) GetMany(ids []uint64) ([]T, error) {
	out := make([]T, 0, len(ids))
	for _, id := range ids {
		rec, err := t.Get(id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// EachOf calls fn for the records with the given ids, in that order,
// skipping ids that no longer exist; it holds one record at a time.
func (t Table[T]) EachOf(ids []uint64, fn func(rec *T) error) error {
	for _, id := range ids {
		rec, err := t.Get(id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if err := fn(&rec); err != nil {
			return err
		}
	}
	return nil
}

// memoless reports whether the table's records have no index memo: a
// recomputed table in a store at schema 13 or later. Below it (while
// older migrations run, which bring entries in line with the memos) every
// table keeps memos.
func (t Table[T]) memoless() bool { return t.def.recomputed && !t.tx.s.memos }

// prior is the stored version of a record that a write replaces or
// deletes, read at most once however many parts of the write need it (its
// index entries, its daily share, its word entries) and only if one does.
// Reading it also puts it in the transaction's read set, so two
// transactions that change the same record conflict and one is re-run:
// neither can leave behind entries computed from a version the other
// replaced.
type prior[T any] struct {
	t    Table[T]
	id   uint64
	none bool // a fresh id: nothing is stored under it
	read bool
	rec  *T // nil: not stored
}

func (t Table[T]) prior(id uint64, fresh bool) *prior[T] {
	return &prior[T]{t: t, id: id, none: fresh}
}

// get returns the stored record, nil when there is none.
func (p *prior[T]) get() (*T, error) {
	if p.none || p.read {
		return p.rec, nil
	}
	rec, err := p.t.Get(p.id)
	switch {
	case errors.Is(err, ErrNotFound):
	case err != nil:
		return nil, err
	default:
		p.rec = &rec
	}
	p.read = true
	return p.rec, nil
}

// entries returns the index entries other than the derived ones that
// the record has now, from its memo or, when the table keeps none,
// computed from the stored record, and whether the record exists.
func (t Table[T]) entries(p *prior[T]) (keys [][]byte, existed bool, err error) {
	if !t.memoless() {
		if keys, err = t.memo(p.id); err != nil {
			return nil, false, err
		}
		existed, err = t.existed(p.id, false, keys)
		return keys, existed, err
	}
	prev, err := p.get()
	if prev == nil || err != nil {
		return nil, false, err
	}
	return t.def.keys(prev, p.id, false), true, nil
}

func (t Table[T]) memo(id uint64) ([][]byte, error) {
	item, err := t.tx.txn.Get(memoKey(t.def.prefix, id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read index memo of %s %d: %w", t.def.name, id, err)
	}
	var keys [][]byte
	err = item.Value(func(v []byte) error {
		var derr error
		keys, derr = decodeMemo(v)
		return derr
	})
	if err != nil {
		return nil, fmt.Errorf("read index memo of %s %d: %w", t.def.name, id, err)
	}
	return keys, nil
}

// replaceIndex deletes the old keys that are not in the new set and writes
// the new keys that were not there before, keeping the counters in step.
func (t Table[T]) replaceIndex(old, keys [][]byte) error {
	for _, k := range old {
		if !containsKey(keys, k) {
			t.tx.wroteAuthors = t.tx.wroteAuthors || authorsKey(k)
			t.countEntries([][]byte{k}, -1)
			if err := t.deleteEntry(k); err != nil {
				return err
			}
			if err := t.tx.touchLikeness([][]byte{k}); err != nil {
				return err
			}
		}
	}
	for _, k := range keys {
		if containsKey(old, k) {
			// the same key, but what it stands for may have changed: an
			// entry that says to read the mention (wholeSaid)
			t.tx.wroteAuthors = t.tx.wroteAuthors || wholeSaid(k)
		}
		if !containsKey(old, k) {
			t.tx.wroteAuthors = t.tx.wroteAuthors || authorsKey(k)
			t.countEntries([][]byte{k}, 1)
			if err := t.writeEntry(k); err != nil {
				return err
			}
			if err := t.tx.touchLikeness([][]byte{k}); err != nil {
				return err
			}
		}
	}
	return nil
}

// countEntries adds d to the counters of the counted index entries among
// keys.
func (t Table[T]) countEntries(keys [][]byte, d int64) {
	for _, k := range keys {
		if len(k) < 2+8 {
			continue
		}
		for _, ix := range t.def.indexes {
			if ix.counter != nil && k[0] == ix.prefix[0] && k[1] == ix.prefix[1] {
				t.tx.count(ix.counter(k[2:len(k)-8]), d)
			}
		}
	}
}

// existed reports whether record id was stored before this write: never
// for a fresh id, always when it has an index memo, else when its key is
// there (a key-only read).
func (t Table[T]) existed(id uint64, fresh bool, memo [][]byte) (bool, error) {
	if fresh {
		return false, nil
	}
	if len(memo) > 0 {
		return true, nil
	}
	_, err := t.tx.txn.Get(recordKey(t.def.prefix, id))
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("read %s %d: %w", t.def.name, id, err)
	}
	return true, nil
}

// derivedKeys returns the derived index keys of the stored record, sorted,
// or nil if it does not exist or the table has no derived index.
func (t Table[T]) derivedKeys(p *prior[T]) (keys [][]byte, found bool, err error) {
	if !t.def.hasDerived() {
		return nil, false, nil
	}
	prev, err := p.get()
	if prev == nil || err != nil {
		return nil, false, err
	}
	return t.def.keys(prev, p.id, true), true, nil
}

// replaceDerived brings the derived index entries of the record in line
// with rec, computing the old entries from the stored record. A new record
// of a table with a queue is queued instead, and a queued one stays queued.
func (t Table[T]) replaceDerived(rec *T, p *prior[T]) error {
	if !t.def.hasDerived() {
		return nil
	}
	id := p.id
	if t.def.queue != nil {
		queued, err := t.tx.wordsQueued(id)
		if err != nil {
			return err
		}
		if queued { // its entries are not written yet; its position may have moved (its entry is above the floor)
			if err := t.moveVoidWords(rec, p); err != nil {
				return err
			}
			return t.tx.queueNewWords(id, t.def.queue(rec, id))
		}
	}
	old, found, err := t.derivedKeys(p)
	if err != nil {
		return err
	}
	if !found && t.def.queue != nil {
		// Written again under its id (a restore of one record): queued.
		// In the void range a queued mention's text words are in the
		// chunks (words_bulk.go), so they go there now.
		if err := t.moveVoidWords(rec, p); err != nil {
			return err
		}
		return t.tx.queueWords(id, t.def.queue(rec, id))
	}
	keys := t.def.keys(rec, id, true) // sorted
	// Text words of a mention in a sealed segment (words_sealed.go).
	if t.def.queue != nil {
		oldRest, oldWords := splitTextWords(old)
		rest, words := splitTextWords(keys)
		handled, err := t.tx.replaceSealedWords(id, oldWords, words)
		if err != nil {
			return err
		}
		if handled {
			old, keys = oldRest, rest
		}
	}
	gone, added := entriesApart(old, keys) // both sorted
	for _, k := range gone {
		if err := t.tx.del(k); err != nil {
			return err
		}
	}
	for _, k := range added {
		if err := t.tx.set(k, nil); err != nil {
			return err
		}
	}
	return nil
}

// moveVoidWords moves the text words of a mention queued in the queue's
// void range, which its segment's chunks hold already (words_bulk.go),
// from the stored record's (none: it is written back) to rec's (nil: it
// is being deleted).
func (t Table[T]) moveVoidWords(rec *T, p *prior[T]) error {
	if void, err := t.tx.inQueueVoid(p.id); err != nil || !void {
		return err
	}
	old, _, err := t.derivedKeys(p)
	if err != nil {
		return err
	}
	var keys [][]byte
	if rec != nil {
		keys = t.def.keys(rec, p.id, true)
	}
	_, oldWords := splitTextWords(old)
	_, words := splitTextWords(keys)
	_, err = t.tx.replaceSealedWords(p.id, oldWords, words)
	return err
}

// derivedOrDequeue returns the derived entries a record being deleted has:
// none if it is still queued, whose queue entry it deletes instead.
func (t Table[T]) derivedOrDequeue(p *prior[T]) ([][]byte, error) {
	if t.def.queue != nil {
		queued, err := t.tx.wordsQueued(p.id)
		if err != nil {
			return nil, err
		}
		if queued {
			if err := t.moveVoidWords(nil, p); err != nil {
				return nil, err
			}
			return nil, t.tx.del(wordQueueKey(p.id))
		}
	}
	keys, _, err := t.derivedKeys(p)
	return keys, err
}

// replaceDaily moves the record's share of the daily aggregates from the
// stored version (none when fresh) to rec (nil: being deleted).
func (t Table[T]) replaceDaily(p *prior[T], rec *T) error {
	if t.def.daily == nil {
		return nil
	}
	prev, err := p.get()
	if err != nil {
		return err
	}
	if prev != nil {
		t.tx.addDaily(t.def.daily(prev), -1)
	}
	if rec != nil {
		t.tx.addDaily(t.def.daily(rec), 1)
	}
	return nil
}

// sortedKeys sorts keys and drops duplicates, in place.
func sortedKeys(keys [][]byte) [][]byte {
	slices.SortFunc(keys, bytes.Compare)
	return slices.CompactFunc(keys, bytes.Equal)
}

func containsKey(keys [][]byte, k []byte) bool {
	for _, x := range keys {
		if bytes.Equal(x, k) {
			return true
		}
	}
	return false
}

// encodeMemo writes keys as a sequence of uvarint length + bytes.
func encodeMemo(keys [][]byte) []byte {
	var b []byte
	for _, k := range keys {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
	}
	return b
}

func decodeMemo(b []byte) ([][]byte, error) {
	var keys [][]byte
	for len(b) > 0 {
		n, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < n {
			return nil, fmt.Errorf("%w: index memo", ErrCorrupt)
		}
		keys = append(keys, append([]byte(nil), b[w:w+int(n)]...))
		b = b[w+int(n):]
	}
	return keys, nil
}
