package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Segments sealed from their records during a bulk import (docs/storage.md,
// "Sealed from the records"). The word indexer writes a queued mention's
// text words as open keys, about 43 a post, and once its segment is
// complete the seal reads them back, writes the chunks and drops them: in
// a 100,000-post import those keys were most of what Badger compressed and
// compacted. An import (Options.BulkWords) leaves the mentions of a segment
// it is filling queued instead, and once every id of the segment has been
// handed out seals it from the records:
//
//  1. the segment's marker is set to phase 0 (chunks being written), as
//     for any seal;
//  2. in one snapshot, the segment's records give its rank table and each
//     word's mentions (recordScan), and the ids queued then are noted with
//     a hash of each one's text word entries; the chunks are written;
//  3. one transaction checks that nothing changed since the snapshot (the
//     marker's version for the mentions indexed; for the queued ones, each
//     queue entry written since, or gone, has the same text words as its
//     record had), marks the segment sealed (phase 1) and writes the
//     queue's void range (keyQueueVoid: lo hi);
//  4. the indexer then drains the queued mentions of the range as it
//     drains any: their other entries (author words) are written and their
//     queue entries deleted, but not their text words, which the chunks
//     hold already. The batch that leaves none of the range queued
//     deletes the void range.
//
// While the void range is written, a queued mention in it has its text
// words in the chunks and its queue entry too: searches, which check the
// queued mentions besides the index's candidates, find it once (an OR
// merge drops repeats); a change to it or its deletion moves its text
// words in the chunks as for any sealed mention (replaceDerived,
// derivedOrDequeue). A crash leaves the range written and the queue as it
// was; the indexer goes on after the next Open.
//
// Parts (schema 17). An import ends, most often, in the middle of a
// segment; its last mentions would still be drained as open keys. At the
// command's end the part of the segment filled so far is sealed the same
// way, from the records of its ids up to the last one handed out, as a
// sealed segment of its own to readers, numbered as the segment with
// partialA or partialB set, its marker holding its last id (upto): a
// reader reads its chunks and the segment's open keys (mentions indexed
// later, by a window); a change to a mention goes to the part if it holds
// it (replaceSealedWords). The next import seals a larger part under the
// other number, and the one that completes the segment the segment; the
// flip marks the part replaced as phase 0, which no one reads, and its
// chunks are dropped right after. A segment with open keys gets no part
// (its mentions would be read twice); a part is sealed only for at least
// partMin queued mentions.
var keyQueueVoid = []byte{prefixMeta, 'q', 'v'}

// queueVoid reads the void range (ok false: none).
func (tx *Tx) queueVoid() (lo, hi uint64, ok bool, err error) {
	item, err := tx.txn.Get(keyQueueVoid)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, 0, false, nil
	}
	if err != nil {
		return 0, 0, false, fmt.Errorf("read the full-text queue's void range: %w", err)
	}
	err = item.Value(func(v []byte) error {
		if len(v) != 16 {
			return fmt.Errorf("%w: full-text queue void range of %d bytes", ErrCorrupt, len(v))
		}
		lo, hi = binary.BigEndian.Uint64(v), binary.BigEndian.Uint64(v[8:])
		return nil
	})
	return lo, hi, err == nil, err
}

// dropQueueVoid deletes the void range: the word index is being built
// again, and the chunks it stood for go (rebuildWordIndex, sealAll).
func (s *Store) dropQueueVoid() error {
	return s.Update(func(tx *Tx) error {
		if _, _, ok, err := tx.queueVoid(); !ok && !errors.Is(err, ErrCorrupt) {
			return err
		}
		return tx.del(keyQueueVoid)
	})
}

// inQueueVoid reports whether queued mention id has its text words in its
// segment's chunks already (it is in the void range).
func (tx *Tx) inQueueVoid(id uint64) (bool, error) {
	lo, hi, ok, err := tx.queueVoid()
	return ok && id >= lo && id <= hi, err
}

// What the word indexer of an import does next (bulkNext).
const (
	bulkDrain = iota // drain a batch as usual
	bulkSeal         // seal the segment of the first queued mention from its records
	bulkWait         // wait: the first queued mention's segment is still being filled
	bulkPart         // seal the part of that segment filled so far (the import's end)
)

// bulkNext tells an import's word indexer what to do with the first
// queued mention (bound: inflight.floor before the transaction; first: the
// first mention id this process handed out): seal its segment from the
// records once every id of it was handed out and none is in flight; drain
// as usual while a void range is left, or when the segment is sealed
// already (its queued mentions join its chunks).
//
// While the segment is being filled the indexer waits (wait) and, at the
// command's end, seals the part filled so far, if the segment has no open
// keys and at least partMin of its mentions are queued: the next import,
// or the window, goes on from there. A segment with open keys cannot have
// a part; the indexer then waits only once the import has stored at least
// as much as the segment still lacks, and drains as it goes before that,
// on the other processor, rather than all at its end.
func (tx *Tx) bulkNext(bound, first uint64, wait bool) (seg uint32, next int, err error) {
	if _, _, void, err := tx.queueVoid(); err != nil || void {
		return 0, bulkDrain, err
	}
	it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: false, Prefix: prefixWordQueue})
	defer it.Close()
	if it.Seek(tx.wordQueueStart()); !it.Valid() {
		return 0, bulkDrain, nil
	}
	firstQueued := idFromKey(it.Item().Key())
	seg = tx.s.segmentOf(firstQueued)
	switch st, ok, err := tx.segState(seg); {
	case errors.Is(err, ErrCorrupt): // sealed again from the records by the window's indexer
		return seg, bulkDrain, nil
	case err != nil || (ok && st.phase >= sealCleaning):
		return seg, bulkDrain, err
	}
	lo, hi := tx.s.segmentIDs(seg)
	if hi < bound {
		return seg, bulkSeal, nil
	}
	open := tx.anyKey(textSegPrefix(seg))
	switch {
	case wait && !open:
		return seg, bulkWait, nil
	case wait && (first == 0 || hi-bound > bound-min(first, bound)):
		return seg, bulkDrain, nil
	case wait:
		return seg, bulkWait, nil
	case open, bound <= firstQueued: // (a process that handed out no id knows no bound)
		return seg, bulkDrain, nil
	}
	queued, need := 0, tx.s.partMin()
	for ; it.Valid() && queued < need; it.Next() {
		if id := idFromKey(it.Item().Key()); id < lo || id > hi {
			break
		}
		queued++
	}
	if queued < need {
		return seg, bulkDrain, nil
	}
	return seg, bulkPart, nil
}

// partMin is the fewest queued mentions an import's end seals as a part
// of their segment (a sixteenth of a segment): a part is sealed from every
// record of the segment so far, which is not worth it for a few.
func (s *Store) partMin() int { return int(max(1, s.segment.Load()/16)) }

// recordScan is what one snapshot of a segment's records gives its seal
// from the records: the openScan the chunks are written from, and for
// each mention queued then (by offset) whether it had text words and a
// hash of them.
type recordScan struct {
	openScan
	queued []bool
	had    []bool
	hash   []uint64
	rest   [][][]byte // a queued mention's other derived entries (author words), for the drain
}

// voidRest keeps, from the seal that wrote the void range, each queued
// mention's other derived entries (author words) as its record had them
// in the seal's snapshot: the drain of the range writes them without
// reading and splitting the record again, unless its queue entry was
// written since (every change to a queued mention writes it). Held with
// wordsMu.
type voidRest struct {
	lo, snap uint64
	rest     [][][]byte
}

// restOf returns the entries kept for mention id, whose queue entry has
// version v (ok false: read the record).
func (c *voidRest) restOf(id, v uint64) ([][]byte, bool) {
	if c == nil || id < c.lo || id-c.lo >= uint64(len(c.rest)) || v > c.snap || c.rest[id-c.lo] == nil {
		return nil, false
	}
	return c.rest[id-c.lo], true
}

// textWordsHash hashes a mention's text word entries (keys as def.keys
// makes them, sorted); ok is false when it has none.
func textWordsHash(keys [][]byte) (h uint64, ok bool) {
	f := fnv.New64a()
	for _, k := range keys {
		if isTextWordKey(k) {
			f.Write(k)
			f.Write([]byte{0xff})
			ok = true
		}
	}
	return f.Sum64(), ok
}

// recordTable reads the records and queue entries of segment seg's ids up
// to upto in this transaction's snapshot (recordScan).
func (tx *Tx) recordTable(seg uint32, upto uint64) (sc recordScan, err error) {
	def := tx.s.words.mentions
	lo, hi := tx.s.segmentIDs(seg)
	hi = min(hi, upto)
	size := tx.s.segment.Load()
	seen := make([]bool, size)
	sc.pos, sc.whole = make([]Pos, size), true
	sc.queued, sc.had, sc.hash = make([]bool, size), make([]bool, size), make([]uint64, size)
	sc.rest = make([][][]byte, size)
	it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: false, Prefix: prefixWordQueue})
	for it.Seek(wordQueueKey(lo)); it.Valid(); it.Next() {
		id := idFromKey(it.Item().Key())
		if id > hi {
			break
		}
		sc.queued[id-lo] = true
	}
	it.Close()
	// Each mention's words as numbers (its entries' words are distinct),
	// then each word's mentions in the order of their positions.
	intern := map[string]uint32{}
	var names [][]byte
	var wids []uint32
	starts := make([]int, size+1)
	var werr error
	tx.eachSegmentRecord(lo, hi, true, func(id uint64, item *badger.Item) bool {
		var m Mention
		if err := item.Value(func(v []byte) error { return decode(v, &m) }); err != nil {
			if errors.Is(err, ErrCorrupt) { // the indexer skips it too (words_queue.go)
				return true
			}
			werr = err
			return false
		}
		m.ID = id
		i := id - lo
		starts[i] = len(wids)
		keys := def.keys(&m, id, true)
		sc.hash[i], sc.had[i] = textWordsHash(keys)
		if sc.queued[i] {
			rest, _ := splitTextWords(keys)
			sc.rest[i] = append(rest, nil)[:len(rest)] // not nil when empty
		}
		for _, k := range keys {
			w, p, ok := wordOfEntry(k)
			if !ok || !isTextWordKey(k) {
				continue
			}
			seen[i], sc.pos[i] = true, p
			n, ok := intern[string(w)]
			if !ok {
				n = uint32(len(names))
				intern[string(w)] = n
				names = append(names, slices.Clone(w))
			}
			wids = append(wids, n)
		}
		starts[i+1] = len(wids)
		return true
	})
	if werr != nil {
		return sc, werr
	}
	// starts[i+1] is set only for mentions that exist: fill the gaps.
	for i := 1; i <= int(size); i++ {
		starts[i] = max(starts[i], starts[i-1])
	}
	var order []uint32
	for i, ok := range seen {
		if ok {
			order = append(order, uint32(i))
		}
	}
	slices.SortFunc(order, func(a, b uint32) int { return sc.pos[a].Compare(sc.pos[b]) })
	byName := make([]uint32, len(names))
	for i := range byName {
		byName[i] = uint32(i)
	}
	slices.SortFunc(byName, func(a, b uint32) int { return bytes.Compare(names[a], names[b]) })
	count := make([]int, len(names))
	for _, n := range wids {
		count[n]++
	}
	at := make([]int, len(names)) // where each word's offsets go next
	next := 0
	for _, n := range byName {
		at[n] = next
		next += count[n]
		sc.words = append(sc.words, names[n]...)
		sc.ends = append(sc.ends, len(sc.words))
		sc.cuts = append(sc.cuts, next)
	}
	sc.offs = make([]uint32, len(wids))
	for _, i := range order {
		for _, n := range wids[starts[i]:starts[i+1]] {
			sc.offs[at[n]] = i
			at[n]++
		}
	}
	if len(order) > 0 {
		sc.newest = sc.pos[order[len(order)-1]]
	}
	sc.t, sc.ranks = tableFrom(seen, sc.pos, lo)
	return sc, nil
}

// sealQueued seals segment seg, or its ids up to upto as a part of it,
// from its records (steps 1–3 above).
func (s *Store) sealQueued(seg uint32, upto uint64, stop <-chan struct{}) error {
	s.sealMu.Lock()
	defer s.sealMu.Unlock()
	rest, err := s.sealRecords(seg, upto, stop)
	s.voidRest = rest // the caller holds wordsMu
	return err
}

// sealRecords is sealQueued, with sealMu held; it returns what the drain of
// the void range may use (voidRest). Sealed whole (upto the
// segment's last id), the segment replaces the part an import sealed
// before, if any; a part is written under the other part's number and
// replaces it the same way. The part replaced is read by no one after
// the flip and dropped at once, by the list of its keys
// (words_partlist.go).
func (s *Store) sealRecords(seg uint32, upto uint64, stop <-chan struct{}) (*voidRest, error) {
	start := time.Now()
	lo, hi := s.segmentIDs(seg)
	upto = min(upto, hi)
	target, prior, havePrior := seg, uint32(0), false
	var sealed bool
	err := s.View(func(tx *Tx) error {
		// Sealed meanwhile (the window's indexer and an import's end
		// both seal): nothing to do, and its chunks must stay.
		if st, ok, err := tx.segState(seg); err == nil && ok && st.phase >= sealCleaning {
			sealed = true
		}
		for _, p := range []uint32{seg | partialA, seg | partialB} {
			if st, ok, err := tx.segState(p); err == nil && ok && st.phase >= sealCleaning {
				prior, havePrior = p, true
			}
		}
		return nil
	})
	if err != nil || sealed {
		return nil, err
	}
	if upto < hi { // a part: under the number the prior part does not use
		target = seg | partialA
		if prior == target {
			target = seg | partialB
		}
	}
	leftovers := s.hasRankKeys(target)
	if err := s.View(func(tx *Tx) error {
		_, ok, err := tx.segState(target)
		leftovers = leftovers || ok
		return err
	}); err != nil {
		return nil, err
	}
	if err := s.beginSeal(target, leftovers); err != nil {
		return nil, err
	}
	var snap uint64
	var sc recordScan
	var written [][]byte
	err = s.View(func(tx *Tx) (err error) {
		snap = tx.txn.ReadTs()
		if sc, err = tx.recordTable(seg, upto); err != nil {
			return err
		}
		written, err = s.writeSealed(target, sc.t, sc.ranks, sc.eachWord, stop)
		return err
	})
	var pieces uint32
	if err == nil && target != seg {
		pieces, err = s.writePartList(target, written)
	}
	if err == nil {
		if sealHooks.afterChunks != nil {
			sealHooks.afterChunks(target)
		}
		err = s.Update(func(tx *Tx) error {
			if st, version, ok, err := tx.segStateVersion(target); err != nil || !ok || st.phase != sealWriting || version > snap {
				return cmpOr(err, errSegmentChanged)
			}
			if err := tx.sameQueued(&sc, lo, upto, snap); err != nil {
				return err
			}
			if _, _, void, err := tx.queueVoid(); err != nil || void { // another's, still drained: later
				return cmpOr(err, errSegmentChanged)
			}
			if target != seg && tx.anyKey(textSegPrefix(seg)) { // a part's mentions would be read twice
				return errSegmentChanged
			}
			if havePrior { // read by no one from now on; dropped below
				st, ok, err := tx.segState(prior)
				if err != nil || !ok || st.phase < sealCleaning {
					return cmpOr(err, errSegmentChanged)
				}
				st.phase = sealWriting
				if err := tx.set(sealStateKey(prior), st.encode()); err != nil {
					return err
				}
			}
			if slices.Contains(sc.queued, true) {
				void := binary.BigEndian.AppendUint64(u64(nil, lo), upto)
				if err := tx.set(keyQueueVoid, void); err != nil {
					return err
				}
			}
			st := sealState{phase: sealCleaning, snap: snap, newest: sc.newest}
			if target != seg {
				st.upto = upto
				if err := tx.set(partListKey(target), partListCount(pieces)); err != nil {
					return err
				}
			}
			tx.segments, tx.segOrder = nil, nil
			return tx.set(sealStateKey(target), st.encode())
		})
	}
	if errors.Is(err, errSegmentChanged) || errors.Is(err, badger.ErrConflict) {
		s.log.Info("full-text index: a segment changed while it was sealed from its records; it is sealed later, or its mentions indexed one by one", "segment", seg)
		return nil, errors.Join(errSegmentChanged, s.dropChunks(target, written))
	}
	if err != nil {
		return nil, errors.Join(err, s.dropChunks(target, written))
	}
	rest := &voidRest{lo: lo, snap: snap, rest: sc.rest}
	if sealHooks.afterFlip != nil {
		sealHooks.afterFlip(target)
	}
	if havePrior {
		if err := s.dropChunks(prior, nil); err != nil {
			return rest, fmt.Errorf("drop the part of full-text segment %d sealed before: %w", seg, err)
		}
	}
	s.log.Debug("full-text index: sealed a segment from its records", "segment", seg, "upto", upto, "positions", len(sc.t), "keys", len(written), "took", time.Since(start).Round(time.Millisecond))
	return rest, nil
}

// sameQueued fails with errSegmentChanged unless the queued mentions of
// ids lo..hi have the text words they had in the snapshot at snap: a queue
// entry written since, one gone, or one added is checked against the
// record as it is now.
func (tx *Tx) sameQueued(sc *recordScan, lo, hi, snap uint64) error {
	var check []uint64
	present := make([]bool, len(sc.queued))
	it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: false, Prefix: prefixWordQueue})
	for it.Seek(wordQueueKey(lo)); it.Valid(); it.Next() {
		id := idFromKey(it.Item().Key())
		if id > hi {
			break
		}
		present[id-lo] = true
		if !sc.queued[id-lo] || it.Item().Version() > snap {
			check = append(check, id)
		}
	}
	it.Close()
	for i, q := range sc.queued {
		if q && !present[i] {
			check = append(check, lo+uint64(i))
		}
	}
	def := tx.s.words.mentions
	for _, id := range check {
		i := id - lo
		m, err := tx.Mentions().Get(id)
		var h uint64
		var had bool
		switch {
		case errors.Is(err, ErrNotFound):
		case err != nil:
			return err
		default:
			h, had = textWordsHash(def.keys(&m, id, true))
		}
		if had != sc.had[i] || (had && h != sc.hash[i]) {
			return errSegmentChanged
		}
	}
	return nil
}
