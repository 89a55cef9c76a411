package storage

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Tx is a read or read-write transaction. Values read through it are
// copies; nothing returned refers to Badger's buffers.
type Tx struct {
	txn    *badger.Txn
	s      *Store
	queued bool // queued mentions for the word indexer
	// segments are the sealed segments of the word index this transaction
	// sees, once read (words_sealed.go).
	segments map[uint32]sealState
	segOrder []segMeta
	// openSegs are the segments whose open text word keys are read, once
	// listed (openSegsRead).
	openSegs     []uint32
	openSegsRead bool
	// rankErrs are the rank tables that did not read (words_ranks.go).
	rankErrs map[rankCacheKey]error
	held     []held // sequence numbers held until the transaction ends (inflight.go)
	// wroteSources is set by a write of a source (cache.go).
	wroteSources bool
	// wroteAuthors is set by a write of what scores everyone who wrote
	// (AuthorsGeneration, cache.go).
	wroteAuthors bool
	// deltas are the transaction's changes to the counters, written as
	// one key when it ends (counters.go); wroteDeltas once they are.
	deltas      map[string]int64
	wroteDeltas bool
	// daily sums the changes of the daily aggregates this transaction
	// made, written by flushDaily before it commits (daily.go).
	daily map[string]*Cell
	// emptied are the entries (index prefix and entry) whose lists this
	// transaction emptied, for fillEmptied.
	emptied [][]byte
}

func (tx *Tx) set(k, v []byte) error {
	if tx.openSegsRead && isTextWordKey(k) { // it may start a segment
		tx.openSegsRead, tx.openSegs = false, nil
	}
	if err := tx.txn.Set(k, v); err != nil {
		return fmt.Errorf("write key %q: %w", k, err)
	}
	return nil
}

func (tx *Tx) del(k []byte) error {
	if err := tx.txn.Delete(k); err != nil {
		return fmt.Errorf("delete key %q: %w", k, err)
	}
	return nil
}

// countPrefix counts keys with a key-only scan.
func (tx *Tx) countPrefix(p []byte) int {
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	n := 0
	for it.Rewind(); it.Valid(); it.Next() {
		n++
	}
	return n
}

// Cursor marks where a page of an index scan ended; pass it back to get the
// next page. A nil cursor starts at the beginning.
type Cursor []byte

// scan walks the index keys under prefix, newest (largest) first when
// reverse is set, starting after the cursor, and calls fn with each key
// until limit keys were seen (limit <= 0: all). It returns the cursor of the
// last key seen, or nil when the index is exhausted. Keys only: values are
// empty and never fetched.
func (tx *Tx) scan(prefix []byte, reverse bool, after Cursor, limit int, fn func(key []byte)) (Cursor, error) {
	opts := badger.IteratorOptions{Reverse: reverse}
	if !reverse {
		// Badger's reverse iteration cannot step off a key outside
		// Prefix, which seeking to prefixEnd can land on; ValidForPrefix
		// below keeps both directions inside the prefix.
		opts.Prefix = prefix
	}
	it := tx.txn.NewIterator(opts)
	defer it.Close()
	seek := prefix
	switch {
	case after != nil:
		if !bytes.HasPrefix(after, prefix) {
			return nil, errors.New("cursor does not belong to this index")
		}
		seek = after
	case reverse:
		seek = prefixEnd(prefix)
	}
	it.Seek(seek)
	if it.Valid() && (after != nil || reverse) && bytes.Equal(it.Item().Key(), seek) {
		it.Next() // the cursor key itself (or the end key) was already seen
	}
	n := 0
	var last []byte
	for ; it.ValidForPrefix(prefix); it.Next() {
		last = it.Item().KeyCopy(last[:0])
		fn(last)
		n++
		if limit > 0 && n >= limit {
			it.Next()
			if !it.ValidForPrefix(prefix) {
				return nil, nil
			}
			return Cursor(last), nil
		}
	}
	return nil, nil
}

// MentionIndex selects which mention index a scan walks.
type MentionIndex struct {
	prefix []byte
	sealed []byte // a text word's chunk base: its entries in sealed segments too
}

// MentionsByTime walks every mention, newest first.
func MentionsByTime() MentionIndex { return MentionIndex{prefix: []byte{'m', 't'}} }

// MentionsInState walks mentions in one state, newest first.
func MentionsInState(s MentionState) MentionIndex {
	return MentionIndex{prefix: []byte{'m', 's', byte(s)}}
}

// MentionsFromSource walks mentions that a source carried, newest first.
func MentionsFromSource(id uint64) MentionIndex {
	return MentionIndex{prefix: u64([]byte{'m', 'o'}, id)}
}

// MentionsByPerson walks mentions written by a person, newest first.
func MentionsByPerson(id uint64) MentionIndex { return MentionIndex{prefix: u64(byPersonIndex[:], id)} }

// MentionsInGroup walks the near-duplicates of a group (the same text
// posted more than once), newest first.
func MentionsInGroup(id uint64) MentionIndex { return MentionIndex{prefix: u64([]byte{'m', 'g'}, id)} }

// MentionIDs returns up to limit mention ids from an index, newest first,
// after the cursor, and the cursor for the next page (nil at the end).
func (tx *Tx) MentionIDs(ix MentionIndex, after Cursor, limit int) ([]uint64, Cursor, error) {
	var ids []uint64
	if limit > 0 {
		ids = make([]uint64, 0, limit)
	}
	if ix.sealed != nil {
		return tx.sealedMentionIDs(ix, after, limit, ids)
	}
	next, err := tx.scan(ix.prefix, true, after, limit, func(k []byte) { ids = append(ids, idFromKey(k)) })
	return ids, next, err
}

// sealedMentionIDs is MentionIDs of a text word, whose entries may be in
// sealed segments too: a walk merges them. Its cursors are the keys an
// open entry would have.
func (tx *Tx) sealedMentionIDs(ix MentionIndex, after Cursor, limit int, ids []uint64) ([]uint64, Cursor, error) {
	it := tx.IterateMentions(ix)
	defer it.Close()
	if after != nil {
		if !bytes.HasPrefix(after, ix.prefix) || len(after) != len(ix.prefix)+len(Pos{}) {
			return nil, nil, errors.New("cursor does not belong to this index")
		}
		var p Pos
		copy(p[:], after[len(ix.prefix):])
		it.Seek(p)
		if it.Valid() && it.Pos() == p {
			it.Next()
		}
	}
	for ; it.Valid(); it.Next() {
		p := it.Pos()
		ids = append(ids, p.ID())
		if limit > 0 && len(ids) >= limit {
			if it.Next(); !it.Valid() {
				return ids, nil, it.Err()
			}
			return ids, Cursor(append(append([]byte(nil), ix.prefix...), p[:]...)), it.Err()
		}
	}
	return ids, nil, it.Err()
}

// MentionsPage reads a page of mentions from an index, newest first.
func (tx *Tx) MentionsPage(ix MentionIndex, after Cursor, limit int) ([]Mention, Cursor, error) {
	ids, next, err := tx.MentionIDs(ix, after, limit)
	if err != nil {
		return nil, nil, err
	}
	ms, err := tx.Mentions().GetMany(ids)
	return ms, next, err
}

// MentionByKey finds a mention that has an identity key (see
// Mention.Keys), if any: the first stored of those that have it, unless
// more than listCap do. A list that cannot be read is an error (matching
// ErrCorrupt when it is malformed), never "not found", which would let an
// import store an item twice.
//
// A key no mention has, the usual case of an import, is answered by
// Badger's Bloom filters without reading a table block; at a million
// mentions, seeking an index of keys followed by ids instead was a fifth
// of an import's time (docs/storage.md). The read puts the key in the
// transaction's read set, found or not, and storing a mention writes the
// lists of its keys, so that of two transactions that both found an item
// missing and both store it, the one that commits second conflicts and
// Store.Update runs it again, when it finds the first one's mention.
func (tx *Tx) MentionByKey(key []byte) (uint64, bool, error) {
	if len(key) == 0 { // not indexed: it identifies nothing
		return 0, false, nil
	}
	ids, err := tx.listedIDs(append(identityList[:], key...))
	if err != nil || len(ids) == 0 {
		return 0, false, err
	}
	return ids[0], true, nil
}

// The identity index (m k key id) is a listed index (listed.go), stored
// as `m K key` → the ids of the mentions that have the key.
var (
	identityIndex = [2]byte{'m', 'k'}
	identityList  = [2]byte{identityIndex[0], identityIndex[1] - ('a' - 'A')} // listKey's upper case
)

// ClaimHandle claims a person's handle on a platform for a person this
// transaction stores: PeopleByHandle seeks the handle's key, which puts it
// in the transaction's read set even when it finds nothing, and the claim
// writes that very key as a delete, which no scan sees and which leaves
// nothing behind. Of two transactions that both found the handle missing
// and both claim it, the one that commits second fails with a conflict,
// and Store.Update runs it again, when it finds the first one's person.
func (tx *Tx) ClaimHandle(platform, handle string) error {
	return tx.del(append([]byte{'p', 'h'}, handleEntry(platform, handle)...))
}

// PeopleByHandle returns the people who have a handle on a platform (case
// is ignored).
func (tx *Tx) PeopleByHandle(platform, handle string) ([]uint64, error) {
	var ids []uint64
	prefix := append([]byte{'p', 'h'}, handleEntry(platform, handle)...)
	_, err := tx.scan(prefix, false, nil, 0, func(k []byte) {
		if len(k) == len(prefix)+8 { // exact handle, not a longer one
			ids = append(ids, idFromKey(k))
		}
	})
	return ids, err
}

// ContactIDs returns the people who are contacts (not merged into
// another), in id order: a few among the many authors.
func (tx *Tx) ContactIDs() ([]uint64, error) {
	var ids []uint64
	_, err := tx.scan([]byte{'p', 'c'}, false, nil, 0, func(k []byte) { ids = append(ids, idFromKey(k)) })
	return ids, err
}

// TaskIDsByDue returns open (or done) follow-ups, earliest due first.
func (tx *Tx) TaskIDsByDue(done bool) ([]uint64, error) {
	var ids []uint64
	_, err := tx.scan([]byte{'t', 'd', boolByte(done)}, false, nil, 0, func(k []byte) { ids = append(ids, idFromKey(k)) })
	return ids, err
}

// TaskIDsByPerson returns a person's open follow-ups, earliest due first.
func (tx *Tx) TaskIDsByPerson(personID uint64) ([]uint64, error) {
	var ids []uint64
	prefix := append(u64([]byte{'t', 'p'}, personID), 0)
	_, err := tx.scan(prefix, false, nil, 0, func(k []byte) { ids = append(ids, idFromKey(k)) })
	return ids, err
}

// PeopleMergedInto returns the people merged into person id.
func (tx *Tx) PeopleMergedInto(id uint64) ([]uint64, error) {
	var ids []uint64
	_, err := tx.scan(u64([]byte{'p', 'm'}, id), false, nil, 0, func(k []byte) { ids = append(ids, idFromKey(k)) })
	return ids, err
}

// TaskIDsByMention returns the follow-ups linked to a mention.
func (tx *Tx) TaskIDsByMention(mentionID uint64) ([]uint64, error) {
	var ids []uint64
	_, err := tx.scan(u64([]byte{'t', 'm'}, mentionID), false, nil, 0, func(k []byte) { ids = append(ids, idFromKey(k)) })
	return ids, err
}

// InteractionIDsByPerson returns a person's interactions, newest first.
func (tx *Tx) InteractionIDsByPerson(personID uint64) ([]uint64, error) {
	var ids []uint64
	_, err := tx.scan(u64([]byte{'i', 'p'}, personID), true, nil, 0, func(k []byte) { ids = append(ids, idFromKey(k)) })
	return ids, err
}

// InteractionIDsByMention returns the interactions about a mention, newest
// first.
func (tx *Tx) InteractionIDsByMention(mentionID uint64) ([]uint64, error) {
	var ids []uint64
	_, err := tx.scan(u64([]byte{'i', 'm'}, mentionID), true, nil, 0, func(k []byte) { ids = append(ids, idFromKey(k)) })
	return ids, err
}

// AddTombstone remembers that the mention with this identity key was
// deleted, so that ingest does not bring it back.
func (tx *Tx) AddTombstone(key []byte, at time.Time) error {
	k := append([]byte{prefixTombstone}, key...)
	if err := tx.countNew(k, prefixTombstone, 1); err != nil {
		return err
	}
	return tx.set(k, timeKey(nil, at))
}

// countNew adds d to a table's counter unless key k exists already (d > 0)
// or does not exist (d < 0).
func (tx *Tx) countNew(k []byte, table byte, d int64) error {
	_, err := tx.txn.Get(k)
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
		if d > 0 {
			tx.count(tableCounter(table), d)
		}
		return nil
	case err != nil:
		return fmt.Errorf("read key %q: %w", k, err)
	}
	if d < 0 {
		tx.count(tableCounter(table), d)
	}
	return nil
}

// HasTombstone reports whether an identity key belongs to a deleted mention.
func (tx *Tx) HasTombstone(key []byte) (bool, error) {
	_, err := tx.txn.Get(append([]byte{prefixTombstone}, key...))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read tombstone: %w", err)
	}
	return true, nil
}

// PutDoc stores a small named document (settings that are not preferences,
// the business profile, touch-point categories, …).
func (tx *Tx) PutDoc(name string, v any) error {
	val, err := encode(v)
	if err != nil {
		return err
	}
	k := append([]byte{prefixDoc}, name...)
	if err := tx.countNew(k, prefixDoc, 1); err != nil {
		return err
	}
	return tx.set(k, val)
}

// GetDoc reads a named document into v and reports whether it existed.
func (tx *Tx) GetDoc(name string, v any) (bool, error) {
	item, err := tx.txn.Get(append([]byte{prefixDoc}, name...))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read document %s: %w", name, err)
	}
	if err := item.Value(func(b []byte) error { return decode(b, v) }); err != nil {
		return false, fmt.Errorf("read document %s: %w", name, err)
	}
	return true, nil
}

// DeleteDoc removes a named document.
func (tx *Tx) DeleteDoc(name string) error {
	k := append([]byte{prefixDoc}, name...)
	if err := tx.countNew(k, prefixDoc, -1); err != nil {
		return err
	}
	return tx.del(k)
}

// Sibling opens another read-only transaction that sees exactly what tx
// sees, for reads on another goroutine: a Badger transaction must be used
// by one goroutine at a time. ok is false, and nothing is opened, when a
// commit came between the two, which would then see different snapshots.
// tx must be read-only (a View). End the sibling with Discard.
func (tx *Tx) Sibling() (sib *Tx, ok bool) {
	txn := tx.s.db.NewTransaction(false)
	if txn.ReadTs() != tx.txn.ReadTs() {
		txn.Discard()
		return nil, false
	}
	return &Tx{txn: txn, s: tx.s}, true
}

// Discard ends a transaction opened with Sibling.
func (tx *Tx) Discard() { tx.txn.Discard() }
