package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Deferred word indexing. A new mention's word entries are not written in
// the transaction that stores it: that transaction queues the mention
// instead (key 0x00 'w' 'q' id, value its position), and the word indexer,
// a goroutine of the store, writes the entries soon after and deletes the
// queue entry in the same transaction. Ingest therefore costs what storing
// the record and its other indexes costs; the full-text entries, about 30
// keys per post, follow in the background (docs/benchmarks.md).
//
// Invariant (checkIndexes in the tests): every mention has either all its
// word entries or a queue entry, never both, never neither. Searches stay
// exact because they check the queued mentions as well as the index's
// candidates (QueuedWords). A crash leaves the queue as committed; the
// indexer drains it after the next Open.
var prefixWordQueue = []byte{prefixMeta, 'w', 'q'}

func wordQueueKey(id uint64) []byte { return u64(append([]byte(nil), prefixWordQueue...), id) }

// keyWordQueueFloor holds the queue's floor: no queue entry has a smaller
// id. Draining deletes entries from the low end, and Badger keeps what was
// deleted as tombstones that every walk from the start of the prefix steps
// over until compaction drops them (100,000 of them made up three quarters
// of a search at 1M mentions); every walk of the queue therefore seeks to
// the floor instead. The indexer raises it as it drains, never past an id
// that an unfinished transaction holds (inflight.go); a transaction that
// queues an older mention again lowers it.
var keyWordQueueFloor = []byte{prefixMeta, 'q', 'f'}

// wordQueueFloor reads the floor (0 when none was written).
func (tx *Tx) wordQueueFloor() (uint64, error) {
	item, err := tx.txn.Get(keyWordQueueFloor)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read the full-text queue's floor: %w", err)
	}
	var floor uint64
	err = item.Value(func(v []byte) error {
		if len(v) != 8 {
			return fmt.Errorf("%w: full-text queue floor of %d bytes", ErrCorrupt, len(v))
		}
		floor = binary.BigEndian.Uint64(v)
		return nil
	})
	return floor, err
}

// wordQueueStart is the key every walk of the queue seeks to first.
func (tx *Tx) wordQueueStart() []byte {
	floor, err := tx.wordQueueFloor()
	if err != nil { // a damaged floor only costs speed: walk from the start
		return prefixWordQueue
	}
	return wordQueueKey(floor)
}

// raiseWordQueueFloor moves the floor up to the first entry still queued
// in this transaction's view, but not past bound (inflight.floor, taken
// before the transaction started).
func (tx *Tx) raiseWordQueueFloor(bound uint64) error {
	floor, err := tx.wordQueueFloor()
	if err != nil {
		return err
	}
	next := bound
	it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: false, Prefix: prefixWordQueue})
	if it.Seek(wordQueueKey(floor)); it.Valid() {
		next = min(next, idFromKey(it.Item().Key()))
	}
	it.Close()
	if next <= floor {
		return nil
	}
	return tx.set(keyWordQueueFloor, u64(nil, next))
}

// lowerWordQueueFloor makes room under the floor for mention id, queued
// again. Reading the floor makes this transaction conflict with an indexer
// that raises it meanwhile.
func (tx *Tx) lowerWordQueueFloor(id uint64) error {
	floor, err := tx.wordQueueFloor()
	if err != nil || id >= floor {
		return err
	}
	return tx.set(keyWordQueueFloor, u64(nil, id))
}

// wordsQueued reports whether mention id waits for its word entries. The
// read makes a transaction that changes the mention conflict with the
// indexer's, so one of them is re-run.
func (tx *Tx) wordsQueued(id uint64) (bool, error) {
	_, err := tx.txn.Get(wordQueueKey(id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read the full-text queue: %w", err)
	}
	return true, nil
}

// queueNewWords queues a mention this transaction created (its id is held
// until the transaction ends, so the floor stays below it) or one that is
// queued already (its entry is above the floor).
func (tx *Tx) queueNewWords(id uint64, pos []byte) error {
	tx.queued = true
	return tx.set(wordQueueKey(id), pos)
}

// queueWords queues mention id, at position pos, for the word indexer.
func (tx *Tx) queueWords(id uint64, pos []byte) error {
	if err := tx.lowerWordQueueFloor(id); err != nil {
		return err
	}
	return tx.queueNewWords(id, pos)
}

// QueuedWords returns the positions of the mentions whose word entries are
// not written yet, newest first. Searches check them besides the index's
// candidates; the list is short except just after a large import.
func (tx *Tx) QueuedWords() ([]Pos, error) {
	var out []Pos
	start := tx.wordQueueStart()
	it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: false, Prefix: prefixWordQueue})
	defer it.Close()
	for it.Seek(start); it.Valid(); it.Next() {
		var p Pos
		err := it.Item().Value(func(v []byte) error {
			if len(v) != len(p) {
				return fmt.Errorf("%w: full-text queue entry of %d bytes", ErrCorrupt, len(v))
			}
			copy(p[:], v)
			return nil
		})
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Pos) int { return b.Compare(a) })
	return out, nil
}

// kickWords wakes the word indexer, if it is not awake already.
func (s *Store) kickWords() {
	select {
	case s.wordsKick <- struct{}{}:
	default:
	}
}

// The word indexer lets a burst of writes (a fetch, an import) finish
// before it starts, so that it does not slow them down: it waits until no
// transaction queued anything for wordsQuiet, but not longer than
// wordsMaxDelay after the first, so that a long import is indexed as it
// goes.
const (
	wordsQuiet    = 250 * time.Millisecond
	wordsMaxDelay = 5 * time.Second
)

// wordIndexer drains the queue whenever a transaction added to it, until
// the store closes (or, when hold is set, never: see HoldWordQueue).
func (s *Store) wordIndexer(hold bool) {
	defer s.wg.Done()
	for {
		select {
		case <-s.stop:
			return
		case <-s.wordsKick:
		}
		if hold || !s.settle() {
			continue
		}
		if err := s.indexQueued(s.stop, s.bulkWords); err != nil {
			s.log.Error("full-text index: the queued mentions could not be indexed; searches still find them, more slowly", "err", err)
			continue
		}
		if err := s.sealWords(s.stop); err != nil {
			s.log.Warn("full-text index: a complete segment could not be sealed; it is tried again after the next import", "err", err)
		}
	}
}

// settle waits for a quiet moment (see wordsQuiet); false if the store
// closes meanwhile.
func (s *Store) settle() bool {
	deadline := time.Now().Add(wordsMaxDelay)
	quiet := time.NewTimer(wordsQuiet)
	defer quiet.Stop()
	for {
		select {
		case <-s.stop:
			return false
		case <-quiet.C:
			return true
		case <-s.wordsKick:
			if wait := time.Until(deadline); wait > 0 {
				quiet.Reset(min(wordsQuiet, wait))
			}
		}
	}
}

// IndexQueuedWords writes the word entries of every queued mention now,
// and seals the segments that completes (words_sealed.go): for tests,
// benchmarks and commands that want the index complete before they go on.
func (s *Store) IndexQueuedWords() error {
	if err := s.indexQueued(nil, false); err != nil {
		return err
	}
	return s.sealWords(nil)
}

// indexQueued drains the queue, a batch per transaction, until it is
// empty or stop is closed. A batch that does not fit in a transaction is
// halved until it does; a mention that cannot be indexed (its record is
// unreadable, or alone too big for a transaction) is taken off the queue,
// noted under 0x00 "wx" and reported, instead of failing every later
// command (docs/reliability.md). In a store opened for an import
// (Options.BulkWords) a complete segment is sealed from its records
// instead (words_bulk.go), and wait leaves the mentions of a segment still
// being filled queued.
func (s *Store) indexQueued(stop <-chan struct{}, wait bool) error {
	c := s.words
	if c == nil || s.db.Opts().ReadOnly { // a reader finds queued mentions all the same
		return nil
	}
	limit := rebuildMentions
	tried := map[uint32]bool{} // segments whose seal from the records gave up
	defer func() {
		s.wordsMu.Lock()
		s.voidRest = nil // the range is drained, or the next run reads the records
		s.wordsMu.Unlock()
	}()
	for {
		select {
		case <-stop:
			return nil
		default:
		}
		// One drainer at a time: two would take the same batch, and the
		// loser of each commit would take the next one with the winner,
		// conflicting again and again.
		s.wordsMu.Lock()
		var n int
		var skipped []NotIndexed
		bound := s.mentionIDs.floor() // before the transaction starts
		if s.bulkWords {
			var seg uint32
			next := bulkDrain
			err := s.View(func(tx *Tx) (err error) { seg, next, err = tx.bulkNext(bound, s.mentionIDs.since(), wait); return err })
			switch {
			case err != nil:
				s.wordsMu.Unlock()
				return err
			case next == bulkWait && wait:
				s.wordsMu.Unlock()
				return nil
			case (next == bulkSeal || next == bulkPart) && !tried[seg]:
				upto := ^uint64(0) // the whole segment
				if next == bulkPart {
					upto = bound - 1 // every id handed out, none in flight
				}
				err := s.sealQueued(seg, upto, stop)
				s.wordsMu.Unlock()
				tried[seg] = next == bulkPart // one part a segment per call, whatever comes of it
				switch {
				case errors.Is(err, errStopped):
					return nil
				case errors.Is(err, errSegmentChanged):
					tried[seg] = true // drained one by one
				case err != nil:
					return err
				}
				continue
			}
		}
		err := s.Update(func(tx *Tx) (err error) {
			if n, skipped, err = tx.indexQueueBatch(c.mentions, limit); err != nil {
				return err
			}
			return tx.raiseWordQueueFloor(bound)
		})
		if errors.Is(err, badger.ErrTxnTooBig) && limit == 1 {
			skipped, err = s.skipFirstQueued("its words do not fit in one transaction")
			n = len(skipped)
		}
		s.wordsMu.Unlock()
		for _, sk := range skipped {
			s.log.Warn("full-text index: a mention could not be indexed and was skipped; search finds it only by other means", "mention", sk.ID, "reason", sk.Reason)
		}
		switch {
		case errors.Is(err, badger.ErrTxnTooBig):
			limit = max(1, limit/2)
			continue
		case err != nil || n == 0:
			// The segments this completed are sealed by the caller
			// (wordIndexer, IndexQueuedWords: words_sealed.go).
			return err
		}
	}
}

// NotIndexed is a mention the word indexer skipped, and why.
type NotIndexed struct {
	ID     uint64 `json:"id"`
	Reason string `json:"reason"`
}

// prefixNotIndexed keys the mentions the word indexer skipped (value: the
// reason, in words).
var prefixNotIndexed = []byte{prefixMeta, 'w', 'x'}

// skip takes mention id off the queue and notes why it was not indexed.
func (tx *Tx) skip(id uint64, reason string) (NotIndexed, error) {
	if err := tx.del(wordQueueKey(id)); err != nil {
		return NotIndexed{}, err
	}
	return NotIndexed{id, reason}, tx.set(u64(append([]byte(nil), prefixNotIndexed...), id), []byte(reason))
}

// skipFirstQueued skips the first queued mention (one that alone does not
// fit in a transaction).
func (s *Store) skipFirstQueued(reason string) ([]NotIndexed, error) {
	var out []NotIndexed
	err := s.Update(func(tx *Tx) error {
		out = out[:0]
		it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: false, Prefix: prefixWordQueue})
		it.Seek(tx.wordQueueStart())
		if !it.Valid() {
			it.Close()
			return nil
		}
		id := idFromKey(it.Item().Key())
		it.Close()
		sk, err := tx.skip(id, reason)
		out = append(out, sk)
		return err
	})
	return out, err
}

// NotIndexed lists the mentions the word indexer skipped.
func (tx *Tx) NotIndexed() ([]NotIndexed, error) {
	var out []NotIndexed
	it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, Prefix: prefixNotIndexed})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		v, err := it.Item().ValueCopy(nil)
		if err != nil {
			return nil, err
		}
		out = append(out, NotIndexed{idFromKey(it.Item().Key()), string(v)})
	}
	return out, nil
}

// indexQueueBatch writes the word entries of a batch of at most limit
// queued mentions, as many as fit in rebuildKeys entries, and deletes
// their queue entries; it returns how many it took and the ones it had
// to skip.
func (tx *Tx) indexQueueBatch(def *tableDef[Mention], limit int) (int, []NotIndexed, error) {
	var ids, versions []uint64
	voidLo, voidHi, void, err := tx.queueVoid()
	if err != nil {
		return 0, nil, err
	}
	start := tx.wordQueueStart()
	it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: false, Prefix: prefixWordQueue})
	for it.Seek(start); it.Valid() && len(ids) < limit; it.Next() {
		id := idFromKey(it.Item().Key())
		if void && id > voidHi && len(ids) > 0 && ids[0] <= voidHi {
			break // the void range's batches end with it: an import leaves the next segment queued
		}
		ids, versions = append(ids, id), append(versions, it.Item().Version())
	}
	it.Close()
	var skipped []NotIndexed
	keys := 0
	for i, id := range ids {
		inVoid := void && id >= voidLo && id <= voidHi
		if rest, ok := tx.s.voidRest.restOf(id, versions[i]); inVoid && ok {
			// Its text words are in the chunks, its other entries
			// were read by the seal, and it did not change since.
			if keys > 0 && keys+len(rest) > rebuildKeys {
				return i, skipped, nil
			}
			keys += len(rest)
			for _, k := range rest {
				if err := tx.set(k, nil); err != nil {
					return i, skipped, err
				}
			}
			if err := tx.del(wordQueueKey(id)); err != nil {
				return i, skipped, err
			}
			continue
		}
		m, err := tx.Mentions().Get(id)
		switch {
		case errors.Is(err, ErrNotFound): // cannot happen (Delete dequeues); drop the entry
		case errors.Is(err, ErrCorrupt):
			sk, err := tx.skip(id, "its record is not readable: "+err.Error())
			if err != nil {
				return i, skipped, err
			}
			skipped = append(skipped, sk)
			continue
		case err != nil:
			return i, skipped, err
		default:
			ks := def.keys(&m, id, true)
			if keys > 0 && keys+len(ks) > rebuildKeys {
				return i, skipped, nil // the next transaction takes it
			}
			keys += len(ks)
			// A mention of a sealed segment (written again under its id,
			// as a restore of one record does) joins its chunks; one in
			// the void range is in them already (words_bulk.go).
			rest, words := splitTextWords(ks)
			handled := inVoid
			if !handled {
				if handled, err = tx.replaceSealedWords(id, nil, words); err != nil {
					return i, skipped, err
				}
			}
			if handled {
				ks = rest
			}
			for _, k := range ks {
				if err := tx.set(k, nil); err != nil {
					return i, skipped, err
				}
			}
		}
		if err := tx.del(wordQueueKey(id)); err != nil {
			return i, skipped, err
		}
	}
	if void { // the batch that leaves none of the void range queued ends it
		it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: false, Prefix: prefixWordQueue})
		it.Seek(wordQueueKey(voidLo))
		left := it.Valid() && idFromKey(it.Item().Key()) <= voidHi
		it.Close()
		if !left {
			if err := tx.del(keyQueueVoid); err != nil {
				return len(ids), skipped, err
			}
		}
	}
	return len(ids), skipped, nil
}

// dropWordQueue empties the queue, and its void range: a rebuild indexes
// every mention.
func (s *Store) dropWordQueue() error {
	if err := s.dropQueueVoid(); err != nil {
		return err
	}
	var any bool
	_ = s.View(func(tx *Tx) error { any = tx.anyKey(prefixWordQueue); return nil })
	if !any {
		return nil
	}
	if err := s.dropPrefixes(prefixWordQueue); err != nil {
		return fmt.Errorf("empty the full-text queue: %w", err)
	}
	return nil
}

// countWordQueue counts the mentions waiting for their word entries.
func (tx *Tx) countWordQueue() int {
	start := tx.wordQueueStart()
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: prefixWordQueue})
	defer it.Close()
	n := 0
	for it.Seek(start); it.Valid(); it.Next() {
		n++
	}
	return n
}
