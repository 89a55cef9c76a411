package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
)

// Listed indexes (index.listed) keep one key per entry, whose value lists
// the ids of the records that have the entry: ascending, 8 bytes each,
// under the index prefix with its second letter upper-cased and the entry
// (the identity index, m k, is stored as m K key → ids). The memo, the
// checks and every caller still speak of index keys that end in an id
// (prefix, entry, id); only the writes below and Tx.MentionByKey see the
// lists.
//
// The identity index is listed because it is looked up far more than it
// changes: an import looks up about five identity keys per item, nearly
// all of them new, and a key with its id after it can only be found by
// a seek, which reads a table block of every level, while a key alone is
// a Get, which Badger's Bloom filters answer for a key no table holds.
// A list is read and written again when a record joins or leaves it (a
// Get that the Bloom filters answer for a new key); the read puts the key
// in the transaction's read set, so two transactions that store the same
// new item at once conflict and the second runs again (Tx.MentionByKey).

// listCap is how many ids a list holds. The ids of the mentions past it
// that share a key (a text posted thousands of times, the same opening
// on every video of a channel) are kept as entries of their own (prefix,
// entry, id, as before lists), so that adding one never reads and writes
// more than listCap ids: a list without a cap grows with every copy and
// is written again whole each time.
var listCap = 64

// addListed adds the record id that ends index key k to the list of the
// entry k names, or, when the list is full, stores k itself.
func (tx *Tx) addListed(k []byte) error {
	key, ids, i, found, err := tx.findListed(k)
	switch {
	case err != nil || found:
		return err
	case len(ids) >= listCap:
		return tx.set(bytes.Clone(k), nil)
	}
	return tx.set(key, encodeIDs(slices.Insert(ids, i, idFromKey(k))))
}

// removeListed takes the record id that ends index key k out of the list
// of the entry k names, or deletes k itself when the id is past the list.
// A list left empty is deleted; when the transaction's work is done,
// fillEmptied gives it an id from those past it, if there are any, so that
// the list is missing only when no record has the entry.
func (tx *Tx) removeListed(k []byte) error {
	key, ids, i, found, err := tx.findListed(k)
	if err != nil {
		return err
	}
	if !found {
		return tx.del(bytes.Clone(k))
	}
	if ids = slices.Delete(ids, i, i+1); len(ids) == 0 {
		tx.emptied = append(tx.emptied, bytes.Clone(k[:len(k)-8]))
		return tx.del(key)
	}
	return tx.set(key, encodeIDs(ids))
}

// fillEmptied gives each list the transaction left empty the first id past
// it, taking that entry out. It runs once, after the transaction's work,
// with one iterator: Badger sorts a read-write transaction's pending
// writes each time one is made, and an iterator for each emptied list made
// deleting 400 mentions of a 1M folder spend 3.2 of its 5 s sorting. So
// until the work is done, a list emptied by it reads as missing even when
// entries past it remain; nothing that deletes mentions looks one up after.
func (tx *Tx) fillEmptied() error {
	if len(tx.emptied) == 0 {
		return nil
	}
	it := tx.txn.NewIterator(badger.IteratorOptions{})
	defer it.Close()
	for _, p := range tx.emptied {
		key := bytes.Clone(p)
		key[1] -= 'a' - 'A'
		ids, err := tx.listedIDs(key)
		if err != nil {
			return err
		}
		if len(ids) > 0 { // filled again by the work, or by an earlier one here
			continue
		}
		for it.Seek(p); it.ValidForPrefix(p); it.Next() {
			if e := it.Item().Key(); len(e) == len(p)+8 { // the same entry, not a longer one
				if err := tx.del(it.Item().KeyCopy(nil)); err != nil {
					return err
				}
				if err := tx.set(key, encodeIDs([]uint64{idFromKey(e)})); err != nil {
					return err
				}
				break
			}
		}
	}
	return nil
}

// findListed reads the list index key k belongs in and says where the id
// that ends k is, or would go, in it.
func (tx *Tx) findListed(k []byte) (key []byte, ids []uint64, i int, found bool, err error) {
	key = listKey(k)
	if ids, err = tx.listedIDs(key); err != nil {
		return nil, nil, 0, false, err
	}
	i, found = slices.BinarySearch(ids, idFromKey(k))
	return key, ids, i, found, nil
}

// listedIDs reads the list under key (prefix and entry): nil when there
// is none.
func (tx *Tx) listedIDs(key []byte) ([]uint64, error) {
	item, err := tx.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read index list %q: %w", key, err)
	}
	var ids []uint64
	err = item.Value(func(v []byte) (err error) { ids, err = decodeIDs(v); return err })
	if err != nil {
		return nil, fmt.Errorf("read index list %q: %w", key, err)
	}
	return ids, nil
}

func encodeIDs(ids []uint64) []byte {
	b := make([]byte, 0, 8*len(ids))
	for _, id := range ids {
		b = binary.BigEndian.AppendUint64(b, id)
	}
	return b
}

// errBadList is a list whose value is not whole ids.
var errBadList = fmt.Errorf("%w: an index list that is not a whole number of ids", ErrCorrupt)

func decodeIDs(v []byte) ([]uint64, error) {
	if len(v)%8 != 0 {
		return nil, errBadList
	}
	ids := make([]uint64, 0, len(v)/8)
	for i := 0; i < len(v); i += 8 {
		ids = append(ids, binary.BigEndian.Uint64(v[i:]))
	}
	return ids, nil
}

// listKey is the key of the list that index key k (prefix, entry, id)
// belongs in.
func listKey(k []byte) []byte {
	key := bytes.Clone(k[:len(k)-8])
	key[1] -= 'a' - 'A'
	return key
}

// listedIndex reports whether stored key k is the list of a listed index
// (only mentions have one).
func listedIndex(k []byte) bool {
	for _, ix := range mentionsDef.indexes {
		if ix.listed && len(k) > 2 && k[0] == ix.prefix[0] && k[1] == ix.prefix[1]-('a'-'A') {
			return true
		}
	}
	return false
}

// expandListed calls fn with each index key (prefix, entry, id) the list
// stored under k with value v stands for.
func expandListed(k, v []byte, fn func(k []byte)) error {
	ids, err := decodeIDs(v)
	if err != nil {
		return err
	}
	for _, id := range ids {
		e := bytes.Clone(k)
		e[1] += 'a' - 'A'
		fn(u64(e, id))
	}
	return nil
}
