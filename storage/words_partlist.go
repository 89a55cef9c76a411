package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// A part's list of its keys (schema 18). The part an import sealed is
// replaced by the next import's seal (words_bulk.go), and its chunks and
// rank table are dropped then; a chunk key is the word's, then the
// segment's, so finding one segment's chunks read every chunk of the
// index: at a million mentions, 800 MB of tables mapped and read at the
// end of every import (docs/storage.md, "A part's list of its keys"). A
// part keeps the keys its seal wrote, and the chunk keys written in it
// since, under
//
//	'm' 'L' part(4)           → the count of pieces, written with the part's flip: the list is whole
//	'm' 'L' part(4) 'p' n(4)  → piece n: keys, each its length (uvarint) and its bytes
//	'm' 'L' part(4) 'x' key   → a chunk key a change wrote in the part after its seal
//
// and its drop deletes those keys, then the list, then the marker. A part
// without the count (its seal cut short before the flip) is dropped by the
// scan, and so is one whose list names a key that is not the part's (a
// damaged value must not delete anything else).
var prefixPartList = [2]byte{'m', 'L'}

// partListPiece is how many bytes of keys a piece holds at most.
const partListPiece = 64 << 10

func partListKey(seg uint32) []byte {
	return binary.BigEndian.AppendUint32(append(make([]byte, 0, 2+4+1+4), prefixPartList[:]...), seg)
}

func partPieceKey(seg uint32, n uint32) []byte {
	return binary.BigEndian.AppendUint32(append(partListKey(seg), 'p'), n)
}

func partExtraKey(seg uint32, k []byte) []byte {
	return append(append(partListKey(seg), 'x'), k...)
}

// writePartList writes the pieces of part seg's list of keys; the flip
// writes their count (partListCount).
func (s *Store) writePartList(seg uint32, keys [][]byte) (pieces uint32, err error) {
	b := keyBatch{s: s}
	var v []byte
	put := func() error {
		err := b.add(partPieceKey(seg, pieces), v)
		pieces++
		v = nil
		return err
	}
	for _, k := range keys {
		if len(v)+len(k)+binary.MaxVarintLen32 > partListPiece && len(v) > 0 {
			if err := put(); err != nil {
				return 0, err
			}
		}
		v = append(binary.AppendUvarint(v, uint64(len(k))), k...)
	}
	if len(v) > 0 {
		if err := put(); err != nil {
			return 0, err
		}
	}
	return pieces, b.flush()
}

// partListCount is the value of a part's list key.
func partListCount(pieces uint32) []byte { return binary.AppendUvarint(nil, uint64(pieces)) }

// setNewChunk writes chunk k of segment seg, a key it did not have: a
// part lists it (partExtraKey).
func (tx *Tx) setNewChunk(seg uint32, k, v []byte) error {
	if isPartial(seg) {
		if err := tx.set(partExtraKey(seg, k), nil); err != nil {
			return err
		}
	}
	return tx.set(k, v)
}

var errNoPartList = errors.New("no whole list of the part's keys")

// partKeys reads the chunk and rank keys part seg lists; errNoPartList when
// it has no whole list (a segment, a part sealed before schema 18 or cut
// short), and ErrCorrupt for a damaged one: the caller scans instead.
func (tx *Tx) partKeys(seg uint32) ([][]byte, error) {
	item, err := tx.txn.Get(partListKey(seg))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, errNoPartList
	}
	if err != nil {
		return nil, err
	}
	var pieces uint64
	if err := item.Value(func(v []byte) error {
		var n int
		if pieces, n = binary.Uvarint(v); n <= 0 || n != len(v) || pieces > 1<<24 {
			return fmt.Errorf("%w: the list of full-text part %#x: a count of %d bytes", ErrCorrupt, seg, len(v))
		}
		return nil
	}); err != nil {
		return nil, err
	}
	var keys [][]byte
	for n := range uint32(pieces) {
		item, err := tx.txn.Get(partPieceKey(seg, n))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil, fmt.Errorf("%w: the list of full-text part %#x lacks piece %d of %d", ErrCorrupt, seg, n, pieces)
		}
		if err != nil {
			return nil, err
		}
		if err := item.Value(func(v []byte) error {
			for len(v) > 0 {
				l, n := binary.Uvarint(v)
				if n <= 0 || l == 0 || l > uint64(len(v)-n) {
					return fmt.Errorf("%w: a piece of the list of full-text part %#x", ErrCorrupt, seg)
				}
				k := v[n : n+int(l)]
				if err := checkPartOwns(seg, k); err != nil {
					return err
				}
				keys = append(keys, append([]byte(nil), k...))
				v = v[n+int(l):]
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	extra := append(partListKey(seg), 'x')
	for _, k := range tx.keysUnder(extra) {
		if err := checkPartOwns(seg, k[len(extra):]); err != nil {
			return nil, err
		}
		keys = append(keys, k[len(extra):])
	}
	return keys, nil
}

// checkPartOwns fails with ErrCorrupt unless part seg owns key k.
func checkPartOwns(seg uint32, k []byte) error {
	if !partOwns(seg, k) {
		return fmt.Errorf("%w: the list of full-text part %#x names key %q, not its own", ErrCorrupt, seg, k)
	}
	return nil
}

// partOwns reports whether k is a chunk key or a rank table key of part
// seg: the only keys its list may name.
func partOwns(seg uint32, k []byte) bool {
	if len(k) == len(rankSegPrefix(seg))+4 && bytes.HasPrefix(k, rankSegPrefix(seg)) {
		return true
	}
	if len(k) < 2 || k[0] != prefixSealedWords[0] || k[1] != prefixSealedWords[1] {
		return false
	}
	end := bytes.IndexByte(k[2:], 0)
	if end < 0 {
		return false
	}
	sg, _, ok := parseChunkKey(k, 2+end+1)
	return ok && sg == seg
}

// partListProblems names each chunk or rank key of a part with a whole
// list that its list lacks (its drop would leave it), each unreadable
// list, each list of a part with no marker, and each chunk of a segment
// with no marker: a seal while the index is in use writes the marker
// before its chunks and a drop deletes it after them and after the list,
// so such a chunk or list is one a drop left, which a later seal under the
// number would read as its own (sealFromRecords writes its chunks first,
// but only while the store opens with the index's marker deleted, so that
// an interrupted run rebuilds the index). It reads every chunk: for the
// index check only.
func partListProblems(tx *Tx) []string {
	var problems []string
	marked := map[uint32]bool{}
	for _, k := range tx.keysUnder(prefixSealState[:]) {
		if len(k) == 6 {
			marked[binary.BigEndian.Uint32(k[2:])] = true
		}
	}
	for _, k := range tx.keysUnder(prefixPartList[:]) {
		if len(k) >= 6 && !marked[binary.BigEndian.Uint32(k[2:])] {
			problems = append(problems, fmt.Sprintf("full-text part list key %q is left by a part that has no marker", k))
		}
	}
	held := map[uint32][][]byte{}
	_ = tx.eachChunk(func(seg uint32, item *badger.Item) error {
		if !marked[seg] {
			problems = append(problems, fmt.Sprintf("full-text chunk %q is left by a segment that has no marker", item.Key()))
		}
		if isPartial(seg) {
			held[seg] = append(held[seg], item.KeyCopy(nil))
		}
		return nil
	})
	for seg := range held {
		held[seg] = append(held[seg], tx.keysUnder(rankSegPrefix(seg))...)
	}
	for seg, keys := range held {
		listed, err := tx.partKeys(seg)
		switch {
		case errors.Is(err, errNoPartList):
			continue
		case err != nil:
			problems = append(problems, err.Error())
			continue
		}
		in := make(map[string]bool, len(listed))
		for _, k := range listed {
			in[string(k)] = true
		}
		for _, k := range keys {
			if !in[string(k)] {
				problems = append(problems, fmt.Sprintf("full-text part %#x does not list its key %q", seg, k))
			}
		}
	}
	return problems
}
