package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Sealed segments of the word index (docs/storage.md, "Sealed segments").
// The word index of titles and texts costs about 43 keys a post. Its open
// keys are grouped by segment (sealedSegment consecutive mention ids):
//
//	'm' 'w' segment(4) word 0x00 time id
//
// Once every mention of a segment has its entries, the segment is sealed:
// each word's positions in it are written as chunks of up to chunkLen
// positions, one key a chunk,
//
//	'm' 'W' word 0x00 segment(4) oldest(16) → count, positions newest first
//
// and the segment's open keys are dropped at once (a prefix). A word's
// entries are its open keys in the segments not sealed and its chunks in
// those sealed; a reader merges them by position. A segment's state is
// its marker
//
//	'm' 'S' segment(4) → phase(1) snapshot(8) newest(16)
//
// phase 0: chunks being written, read by no one (an interrupted seal
// leaves them, the next one drops them), and the open keys are the
// segment's entries; phase 1: sealed, the chunks are its entries, and its
// open keys, read by no one, wait to be dropped; phase 2: sealed, the open
// keys dropped. newest is the newest position in its chunks, so that a
// walk opens a segment only when it comes down to it. A change to a
// sealed mention's words moves its positions in the chunks, in its
// transaction.

var (
	prefixSealedWords = [2]byte{'m', 'W'}
	prefixSealState   = [2]byte{'m', 'S'}
)

// sealedSegment is how many consecutive mention ids a segment holds, in a
// folder that has no segment yet (Options.SealedSegment overrides it). A
// folder keeps its size under keySealSegment, written with its first seal.
var sealedSegment uint64 = 1 << 16

var keySealSegment = []byte{prefixMeta, 's', 'e', 'g', 'm', 'e', 'n', 't'}

// loadSegmentSize reads the folder's segment size, if it has one.
// keepSegmentSize writes the segment size of a folder that has none yet,
// when it opens: from schema 15 the open keys of the word index name their
// segment, so the size must not change with a later build's default.
func (s *Store) keepSegmentSize() error {
	if s.words == nil {
		return nil
	}
	var kept bool
	err := s.View(func(tx *Tx) error {
		_, err := tx.txn.Get(keySealSegment)
		if kept = err == nil; kept || errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		return err
	})
	if err != nil || kept { // a read: no write at every open
		return err
	}
	return s.Update(func(tx *Tx) error {
		if _, err := tx.txn.Get(keySealSegment); !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
		return tx.set(keySealSegment, u64(nil, s.segment.Load()))
	})
}

func (s *Store) loadSegmentSize() error {
	return s.View(func(tx *Tx) error {
		item, err := tx.txn.Get(keySealSegment)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read the full-text segment size: %w", err)
		}
		return item.Value(func(v []byte) error {
			if len(v) != 8 || binary.BigEndian.Uint64(v) == 0 {
				return fmt.Errorf("%w: full-text segment size of %d bytes", ErrCorrupt, len(v))
			}
			s.segment.Store(binary.BigEndian.Uint64(v))
			return nil
		})
	})
}

// chunkLen is the most positions a chunk holds; tests make it small, so
// that a word has several chunks in a segment.
var chunkLen = 128

// Seal phases.
const (
	sealWriting = iota
	sealCleaning
	sealClean
)

func (s *Store) segmentOf(id uint64) uint32 { return uint32(id / s.segment.Load()) }

// segmentIDs is the range of ids of segment seg (of its segment, for a
// part: partialA, partialB).
func (s *Store) segmentIDs(seg uint32) (lo, hi uint64) {
	n := s.segment.Load()
	lo = uint64(baseSeg(seg)) * n
	return lo, lo + n - 1
}

// The part of a segment an import filled, sealed before the segment is
// complete (words_bulk.go), is a sealed segment of its own to readers,
// numbered as its segment with one of these bits set: a new part is
// written under the other one, so that the flip to it is one transaction.
const (
	partialA uint32 = 1 << 31
	partialB uint32 = 1 << 30
)

// baseSeg is the segment a part belongs to (seg itself for a segment).
func baseSeg(seg uint32) uint32 { return seg &^ (partialA | partialB) }

func isPartial(seg uint32) bool { return seg != baseSeg(seg) }

func sealStateKey(seg uint32) []byte {
	return binary.BigEndian.AppendUint32(append([]byte(nil), prefixSealState[:]...), seg)
}

// sealState is a segment's marker.
type sealState struct {
	phase  byte
	snap   uint64 // read timestamp of the snapshot the chunks were built from; while writing, the changes to the segment's entries since the seal began
	newest Pos    // the newest position in the segment's chunks: none is newer
	upto   uint64 // a part (isPartial): the last id of the segment it holds (schema 17)
}

const sealStateLen = 1 + 8 + len(Pos{})

func (st sealState) encode() []byte {
	b := make([]byte, sealStateLen, sealStateLen+8)
	b[0] = st.phase
	binary.BigEndian.PutUint64(b[1:], st.snap)
	copy(b[9:], st.newest[:])
	if st.upto != 0 {
		b = binary.BigEndian.AppendUint64(b, st.upto)
	}
	return b
}

func decodeSealState(v []byte) (sealState, error) {
	if (len(v) != sealStateLen && len(v) != sealStateLen+8) || v[0] > sealClean {
		return sealState{}, fmt.Errorf("%w: sealed segment marker of %d bytes", ErrCorrupt, len(v))
	}
	st := sealState{phase: v[0], snap: binary.BigEndian.Uint64(v[1:])}
	copy(st.newest[:], v[9:])
	if len(v) > sealStateLen {
		st.upto = binary.BigEndian.Uint64(v[sealStateLen:])
	}
	return st, nil
}

// partialOf returns the part of segment seg that holds mention id, if one
// does (words_bulk.go); with bump it also counts a change to the mention
// in the marker of a part being written (sealState.snap), whose snapshot
// may miss it: its flip then gives up. The reads make a change conflict
// with the flip to another part.
func (tx *Tx) partialOf(seg uint32, id uint64, bump bool) (part uint32, st sealState, ok bool, err error) {
	for _, p := range []uint32{seg | partialA, seg | partialB} {
		pst, found, err := tx.segState(p)
		switch {
		case errors.Is(err, ErrCorrupt): // not read; the segment's seal replaces it
			continue
		case err != nil:
			return 0, st, false, err
		case !found:
		case pst.phase == sealWriting && bump:
			pst.snap++
			if err := tx.set(sealStateKey(p), pst.encode()); err != nil {
				return 0, st, false, err
			}
		case pst.phase >= sealCleaning && id <= pst.upto:
			part, st, ok = p, pst, true
		}
	}
	return part, st, ok, nil
}

// segState reads segment seg's marker in this transaction (ok false: not
// sealed, nor being sealed). The read makes a transaction that changes a
// mention of the segment conflict with a seal step that overlaps it.
func (tx *Tx) segState(seg uint32) (st sealState, ok bool, err error) {
	st, _, ok, err = tx.segStateVersion(seg)
	return st, ok, err
}

// segStateVersion is segState, with the version the marker was written at.
func (tx *Tx) segStateVersion(seg uint32) (st sealState, version uint64, ok bool, err error) {
	item, err := tx.txn.Get(sealStateKey(seg))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return st, 0, false, nil
	}
	if err != nil {
		return st, 0, false, fmt.Errorf("read the full-text segment marker: %w", err)
	}
	err = item.Value(func(v []byte) (err error) { st, err = decodeSealState(v); return err })
	return st, item.Version(), err == nil, err
}

// readSegments returns the sealed segments (phase 1 or 2) this
// transaction sees, loaded once per transaction.
func (tx *Tx) readSegments() map[uint32]sealState {
	if tx.segments != nil {
		return tx.segments
	}
	tx.segments = map[uint32]sealState{}
	it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 16, Prefix: prefixSealState[:]})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Item().Key()
		if len(k) != 6 {
			continue
		}
		var st sealState
		if err := it.Item().Value(func(v []byte) (err error) { st, err = decodeSealState(v); return err }); err != nil {
			continue // a damaged marker: its chunks are not read (the check reports it)
		}
		if st.phase >= sealCleaning {
			tx.segments[binary.BigEndian.Uint32(k[2:])] = st
		}
	}
	return tx.segments
}

// textSegPrefix is the key prefix of segment seg's open text word keys:
// 'm' 'w' segment(4).
func textSegPrefix(seg uint32) []byte {
	return binary.BigEndian.AppendUint32(append(make([]byte, 0, 2+4+16), wordPrefixes[TextWords][:]...), seg)
}

// openSegments lists the segments whose open text word keys are read,
// oldest first: those that have open keys and are not sealed. A sealed
// segment's open keys wait to be dropped, and no reader reads them. Loaded
// once per transaction, by one seek a segment.
func (tx *Tx) openSegments() []uint32 {
	if tx.openSegsRead {
		return tx.openSegs
	}
	tx.openSegsRead = true
	sealed := tx.readSegments()
	p := wordPrefixes[TextWords]
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p[:]})
	defer it.Close()
	for it.Rewind(); it.Valid(); {
		k := it.Item().Key()
		if len(k) < 2+4 {
			it.Next()
			continue
		}
		seg := binary.BigEndian.Uint32(k[2:])
		if _, ok := sealed[seg]; !ok {
			tx.openSegs = append(tx.openSegs, seg)
		}
		if seg == ^uint32(0) {
			break
		}
		it.Seek(textSegPrefix(seg + 1))
	}
	return tx.openSegs
}

// chunkBase is the key prefix of a word's chunks: 'm' 'W' word 0x00.
func chunkBase(word []byte) []byte {
	return append(append(append([]byte(nil), prefixSealedWords[:]...), word...), 0)
}

// chunkKey is the key of the chunk of a word (given as its chunkBase) in a
// segment whose oldest position is oldest.
func chunkKey(base []byte, seg uint32, oldest Pos) []byte {
	k := binary.BigEndian.AppendUint32(append(make([]byte, 0, len(base)+4+len(oldest)), base...), seg)
	return append(k, oldest[:]...)
}

// parseChunkKey splits a chunk key after its base.
func parseChunkKey(k []byte, baseLen int) (seg uint32, oldest Pos, ok bool) {
	if len(k) != baseLen+4+len(oldest) {
		return 0, oldest, false
	}
	copy(oldest[:], k[baseLen+4:])
	return binary.BigEndian.Uint32(k[baseLen:]), oldest, true
}

// encodeChunk writes positions, newest first: their count, the newest in
// full, then for each next one the seconds it is older and its id's change
// (the id's decrease when the time is the same).
func encodeChunk(ps []Pos) []byte {
	b := binary.AppendUvarint(make([]byte, 0, 16+len(ps)*5), uint64(len(ps)))
	for i, p := range ps {
		if i == 0 {
			b = append(b, p[:]...)
			continue
		}
		q := ps[i-1]
		dt := binary.BigEndian.Uint64(q[:8]) - binary.BigEndian.Uint64(p[:8])
		b = binary.AppendUvarint(b, dt)
		if dt == 0 {
			b = binary.AppendUvarint(b, q.ID()-p.ID())
		} else {
			b = binary.AppendVarint(b, int64(p.ID()-q.ID()))
		}
	}
	return b
}

// maxChunk bounds the positions a chunk that decodes may claim.
const maxChunk = 1 << 12

var errChunk = fmt.Errorf("%w: a full-text chunk does not decode", ErrCorrupt)

// decodeChunk appends a chunk's positions to ps.
func decodeChunk(ps []Pos, b []byte) ([]Pos, error) { return decodePositions(ps, b, maxChunk) }

// decodePositions appends positions coded as a chunk, at most max of
// them, to ps.
func decodePositions(ps []Pos, b []byte, max uint64) ([]Pos, error) {
	n, w := binary.Uvarint(b)
	if w <= 0 || n == 0 || n > max || len(b) < w+16 {
		return ps, errChunk
	}
	b = b[w:]
	var p Pos
	copy(p[:], b[:16])
	b = b[16:]
	ps = append(ps, p)
	for i := uint64(1); i < n; i++ {
		t := binary.BigEndian.Uint64(p[:8])
		id := p.ID()
		dt, w := binary.Uvarint(b)
		if w <= 0 || dt > t {
			return ps, errChunk
		}
		b = b[w:]
		if dt == 0 {
			d, w := binary.Uvarint(b)
			if w <= 0 || d == 0 || d > id {
				return ps, errChunk
			}
			b, id = b[w:], id-d
		} else {
			d, w := binary.Varint(b)
			if w <= 0 {
				return ps, errChunk
			}
			b, id = b[w:], id+uint64(d)
		}
		binary.BigEndian.PutUint64(p[:8], t-dt)
		binary.BigEndian.PutUint64(p[8:], id)
		ps = append(ps, p)
	}
	if len(b) != 0 {
		return ps, errChunk
	}
	return ps, nil
}

// wordOfEntry splits an open entry key ('m' 'w' segment word 0x00 time
// id) into its word and position.
func wordOfEntry(k []byte) (word []byte, p Pos, ok bool) {
	if len(k) < 2+4+1+len(p) || k[len(k)-len(p)-1] != 0 {
		return nil, p, false
	}
	copy(p[:], k[len(k)-len(p):])
	return k[2+4 : len(k)-len(p)-1], p, true
}

// ---- reading

// segCursor walks one word's chunks in one sealed segment, newest first.
type segCursor struct {
	seg    uint32
	ps     []Pos // the current chunk, newest first
	i      int
	oldest Pos
	done   bool
}

func (c *segCursor) pos() Pos { return c.ps[c.i] }

// sealedWalk walks one word's chunks in every sealed segment. One Badger
// iterator serves them all: it moves only by seeking, once a chunk.
type sealedWalk struct {
	tx      *Tx
	it      *badger.Iterator
	base    []byte
	key     []byte
	curs    []*segCursor
	pending []segMeta // segments not opened yet, newest first
	bound   Pos       // the last seek's target: nothing after it is walked
	steps   int
	err     error
}

// newSealedWalk starts a walk of a word's chunks in the sealed segments;
// nil when there is none. A segment's cursor is opened only when the walk
// comes down to the segment's newest position, so a page of a search reads
// the chunks of the newest segments only.
func (tx *Tx) newSealedWalk(base []byte) *sealedWalk {
	order := tx.segmentOrder()
	if len(order) == 0 {
		return nil
	}
	w := &sealedWalk{tx: tx, base: base, pending: order}
	for i := range w.bound {
		w.bound[i] = 0xFF
	}
	w.it = tx.txn.NewIterator(badger.IteratorOptions{Reverse: true, Prefix: base})
	return w
}

// segmentOrder lists the sealed segments, newest position first.
func (tx *Tx) segmentOrder() []segMeta {
	if tx.segOrder == nil {
		segs := tx.readSegments()
		tx.segOrder = make([]segMeta, 0, len(segs))
		for seg, st := range segs {
			tx.segOrder = append(tx.segOrder, segMeta{seg, st.newest})
		}
		slices.SortFunc(tx.segOrder, func(a, b segMeta) int { return b.newest.Compare(a.newest) })
	}
	return tx.segOrder
}

// segMeta is a sealed segment and its newest position.
type segMeta struct {
	seg    uint32
	newest Pos
}

// fill opens the cursors of the segments that may hold the walk's next
// position: those whose newest position is at or after the newest of the
// open cursors and of the open keys' walk. Each starts at its newest entry
// at or before the bound.
func (w *sealedWalk) fill(open Pos, openOK bool) {
	for len(w.pending) > 0 {
		h, ok := w.activeHead()
		if openOK && (!ok || open.Compare(h) > 0) {
			h, ok = open, true // the open keys' walk is newer: the segment can wait
		}
		next := w.pending[0]
		if ok && next.newest.Compare(h) < 0 {
			return
		}
		w.pending = w.pending[1:]
		c := &segCursor{seg: next.seg}
		w.it.Seek(w.keyAt(c.seg, w.bound))
		if !w.load(c) {
			continue
		}
		if c.pos().Compare(w.bound) > 0 {
			j, _ := slices.BinarySearchFunc(c.ps, w.bound, func(e, t Pos) int { return t.Compare(e) })
			c.i = j // the chunk's oldest is at or before the bound
		}
		w.curs = append(w.curs, c)
	}
}

// load decodes the chunk the iterator is at into c, if it is one of c's
// segment; false (and c done) if not.
func (w *sealedWalk) load(c *segCursor) bool {
	if !w.it.Valid() {
		c.done = true
		return false
	}
	item := w.it.Item()
	seg, oldest, ok := parseChunkKey(item.Key(), len(w.base))
	if !ok || seg != c.seg {
		c.done = true
		return false
	}
	c.ps, c.i, c.oldest = c.ps[:0], 0, oldest
	var err error
	c.ps, err = w.tx.decodeChunkOf(c.seg, item, c.ps)
	if err != nil || len(c.ps) == 0 {
		if w.err == nil {
			w.err = cmpOr(err, fmt.Errorf("read the full-text chunk %q: %w", item.Key(), errChunk))
		}
		c.done = true
		return false
	}
	w.steps++
	return true
}

// next moves every cursor at p one entry older.
func (w *sealedWalk) next(p Pos) {
	for _, c := range w.curs {
		if c.done || c.pos() != p {
			continue
		}
		if c.i++; c.i < len(c.ps) {
			w.steps++
			continue
		}
		older, ok := c.oldest.before()
		if !ok {
			c.done = true
			continue
		}
		w.it.Seek(w.keyAt(c.seg, older))
		w.load(c)
	}
}

// seek moves every cursor to its newest entry at or older than p.
func (w *sealedWalk) seek(p Pos) {
	if p.Compare(w.bound) < 0 {
		w.bound = p
	}
	for _, c := range w.curs {
		if c.done || c.pos().Compare(p) <= 0 {
			continue
		}
		if c.oldest.Compare(p) > 0 { // p is in an older chunk, if any
			w.it.Seek(w.keyAt(c.seg, p))
			if !w.load(c) {
				continue
			}
		}
		// The chunk's oldest is at or before p: find the first entry that is.
		rest := c.ps[c.i:]
		j, _ := slices.BinarySearchFunc(rest, p, func(e, t Pos) int { return t.Compare(e) })
		c.i += j
		w.steps++
	}
}

func (w *sealedWalk) keyAt(seg uint32, p Pos) []byte {
	w.key = append(binary.BigEndian.AppendUint32(append(w.key[:0], w.base...), seg), p[:]...)
	return w.key
}

// head is the walk's newest position, given the open keys' walk's.
func (w *sealedWalk) head(open Pos, openOK bool) (p Pos, ok bool) {
	w.fill(open, openOK)
	return w.activeHead()
}

// activeHead is the newest position of the open cursors.
func (w *sealedWalk) activeHead() (p Pos, ok bool) {
	for _, c := range w.curs {
		if c.done {
			continue
		}
		if q := c.pos(); !ok || q.Compare(p) > 0 {
			p, ok = q, true
		}
	}
	return p, ok
}

func (w *sealedWalk) close() { w.it.Close() }

// before is the position just older than p (ok false for the oldest).
func (p Pos) before() (Pos, bool) {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] > 0 {
			p[i]--
			for j := i + 1; j < len(p); j++ {
				p[j] = 0xFF
			}
			return p, true
		}
	}
	return p, false
}

// sealedOldest is the oldest position of a word in any sealed segment.
func (tx *Tx) sealedOldest(base []byte) (oldest Pos, ok bool) {
	segs := tx.readSegments()
	if len(segs) == 0 {
		return oldest, false
	}
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: base})
	defer it.Close()
	for it.Rewind(); it.Valid(); {
		seg, p, good := parseChunkKey(it.Item().Key(), len(base))
		if !good {
			it.Next()
			continue
		}
		if _, sealed := segs[seg]; sealed && (!ok || p.Compare(oldest) < 0) {
			oldest, ok = p, true
		}
		if seg == ^uint32(0) {
			break
		}
		it.Seek(chunkKey(base, seg+1, Pos{}))
	}
	return oldest, ok
}

// sealedWordsWithPrefix lists the words with chunks in a sealed segment
// that start with prefix (raw, as in keys), in byte order, up to max.
func (tx *Tx) sealedWordsWithPrefix(prefix []byte, max int) (words []string, complete bool, err error) {
	if len(tx.readSegments()) == 0 {
		return nil, true, nil
	}
	base := append(append([]byte(nil), prefixSealedWords[:]...), prefix...)
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: base})
	defer it.Close()
	for it.Seek(base); it.Valid(); {
		k := it.Item().Key()
		end := bytes.IndexByte(k[2:], 0)
		if end < 0 {
			return nil, false, fmt.Errorf("%w: full-text chunk key %q", ErrCorrupt, k)
		}
		word := k[2 : 2+end]
		if tx.wordSealed(it, word) {
			if len(words) == max {
				return words, false, nil
			}
			words = append(words, string(word))
		}
		it.Seek(append(append(append([]byte(nil), prefixSealedWords[:]...), word...), 1))
	}
	return words, true, nil
}

// wordSealed reports whether a word, whose first chunk the iterator is at,
// has a chunk in a sealed segment (not only in one being sealed); it moves
// the iterator within the word's chunks.
func (tx *Tx) wordSealed(it *badger.Iterator, word []byte) bool {
	segs := tx.readSegments()
	base := chunkBase(word)
	for it.ValidForPrefix(base) {
		seg, _, ok := parseChunkKey(it.Item().Key(), len(base))
		if !ok {
			return false
		}
		if _, sealed := segs[seg]; sealed {
			return true
		}
		if seg == ^uint32(0) {
			return false
		}
		it.Seek(chunkKey(base, seg+1, Pos{}))
	}
	return false
}

// sealedPrefixPositions appends the positions in sealed chunks of the
// words starting with prefix, reading at most max in all (complete false
// when there are more).
func (tx *Tx) sealedPrefixPositions(ps []Pos, prefix []byte, max int) ([]Pos, bool, error) {
	segs := tx.readSegments()
	if len(segs) == 0 {
		return ps, true, nil
	}
	base := append(append([]byte(nil), prefixSealedWords[:]...), prefix...)
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: base})
	defer it.Close()
	var buf []Pos
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Item().Key()
		end := bytes.IndexByte(k[2:], 0)
		if end < 0 {
			return nil, false, fmt.Errorf("%w: full-text chunk key %q", ErrCorrupt, k)
		}
		seg, _, ok := parseChunkKey(k, 2+end+1)
		if !ok {
			return nil, false, fmt.Errorf("%w: full-text chunk key %q", ErrCorrupt, k)
		}
		if _, sealed := segs[seg]; !sealed {
			continue
		}
		var err error
		buf, err = tx.decodeChunkOf(seg, it.Item(), buf[:0])
		if err != nil {
			return nil, false, err
		}
		if len(ps)+len(buf) > max {
			return append(ps, buf[:max-len(ps)]...), false, nil
		}
		ps = append(ps, buf...)
	}
	return ps, true, nil
}

// ---- changing a sealed mention

// isTextWordKey reports whether k is an open entry of the text word index.
func isTextWordKey(k []byte) bool {
	return len(k) > 2 && k[0] == wordPrefixes[TextWords][0] && k[1] == wordPrefixes[TextWords][1]
}

// splitTextWords moves the text word entries out of keys (sorted), keeping
// the order of both.
func splitTextWords(keys [][]byte) (rest, words [][]byte) {
	for _, k := range keys {
		if isTextWordKey(k) {
			words = append(words, k)
		} else {
			rest = append(rest, k)
		}
	}
	return rest, words
}

// replaceSealedWords brings the text word entries of mention id, in a
// sealed segment, from old to new (none: it is being deleted): the old
// positions leave the chunks and the new ones join them, in the
// transaction. A sealed segment's open keys are read by no one and wait
// to be dropped whole, so they are left alone. handled is false when the
// segment is not sealed: the caller writes open keys.
func (tx *Tx) replaceSealedWords(id uint64, old, new [][]byte) (handled bool, err error) {
	if len(old) == 0 && len(new) == 0 {
		return false, nil
	}
	seg := tx.s.segmentOf(id)
	st, ok, err := tx.segState(seg)
	if errors.Is(err, ErrCorrupt) { // not read, and sealed again from the records
		return false, nil
	}
	if err != nil {
		return false, err
	}
	old, new = entriesApart(old, new)
	if !ok || st.phase == sealWriting {
		// Not sealed, or being sealed from a snapshot this change may not
		// be in: the marker of every seal in phase 0 is written, whose
		// version tells it whether its chunks miss a change (sealSegment);
		// while writing, the marker's snap counts the changes. The entries
		// go to the open keys, or to the part of the segment an import
		// sealed, if it holds the mention (words_bulk.go).
		changed := len(old) > 0 || len(new) > 0
		if ok && changed {
			st.snap++
			if err := tx.set(sealStateKey(seg), st.encode()); err != nil {
				return false, err
			}
		}
		if seg, st, ok, err = tx.partialOf(seg, id, changed); err != nil || !ok {
			return false, err
		}
	}
	if len(old) == 0 && len(new) == 0 {
		return true, nil
	}
	// One iterator for all the entries: Badger sorts a read-write
	// transaction's pending writes each time one is made, so one per
	// entry made deleting 200 sealed mentions of 300 words take 49 s. It
	// sees the writes of the mentions before this one; this one's words
	// are distinct, so their chunks are too, except a word whose position
	// moved (a new time): a new iterator sees its removal.
	it := tx.txn.NewIterator(badger.IteratorOptions{Reverse: true, Prefix: prefixSealedWords[:]})
	defer func() { it.Close() }()
	gone := map[string]bool{}
	for _, k := range old {
		if err := tx.unsealEntry(it, seg, k); err != nil {
			return true, err
		}
		if w, _, ok := wordOfEntry(k); ok {
			gone[string(w)] = true
		}
	}
	fresh := false
	for _, k := range new {
		if w, _, ok := wordOfEntry(k); ok && gone[string(w)] && !fresh {
			it.Close()
			it = tx.txn.NewIterator(badger.IteratorOptions{Reverse: true, Prefix: prefixSealedWords[:]})
			fresh = true
		}
		if err := tx.sealEntry(it, seg, &st, k); err != nil {
			return true, err
		}
	}
	return true, nil
}

// entriesApart drops the entries old and new (both sorted) share: they
// stay as they are.
func entriesApart(old, new [][]byte) (gone, added [][]byte) {
	for len(old) > 0 || len(new) > 0 {
		c := 1
		switch {
		case len(old) == 0:
		case len(new) == 0:
			c = -1
		default:
			c = bytes.Compare(old[0], new[0])
		}
		switch {
		case c < 0:
			gone, old = append(gone, old[0]), old[1:]
		case c > 0:
			added, new = append(added, new[0]), new[1:]
		default:
			old, new = old[1:], new[1:]
		}
	}
	return gone, added
}

// unsealEntry takes the position of open entry k out of its word's chunk
// in segment seg, if the chunk has it; it is a reverse iterator over
// every chunk.
func (tx *Tx) unsealEntry(it *badger.Iterator, seg uint32, k []byte) error {
	word, p, ok := wordOfEntry(k)
	if !ok {
		return nil
	}
	base := chunkBase(word)
	segBase := binary.BigEndian.AppendUint32(append([]byte(nil), base...), seg)
	it.Seek(chunkKey(base, seg, p))
	if !it.Valid() || !bytes.HasPrefix(it.Item().Key(), segBase) {
		return nil
	}
	ck := it.Item().KeyCopy(nil)
	ps, err := tx.decodeChunkOf(seg, it.Item(), nil)
	if err != nil {
		return err
	}
	t, err := tx.ranksOf(seg)
	if err != nil {
		return err
	}
	i := slices.Index(ps, p)
	if i < 0 {
		return nil
	}
	ps = slices.Delete(ps, i, i+1)
	nk := ck
	if len(ps) > 0 {
		nk = chunkKey(base, seg, ps[len(ps)-1])
	}
	if len(ps) == 0 || !bytes.Equal(nk, ck) {
		if err := tx.del(ck); err != nil {
			return err
		}
	}
	if len(ps) == 0 {
		return nil
	}
	if !bytes.Equal(nk, ck) {
		return tx.setNewChunk(seg, nk, encodeChunkIn(ps, t))
	}
	return tx.set(nk, encodeChunkIn(ps, t))
}

// sealEntry puts the position of entry k into its word's chunks in
// segment seg, whose marker st says how new its newest position is: into
// the chunk whose range holds it, split in two past twice chunkLen
// positions, or as a chunk of its own when it is older than every chunk.
// it is a reverse iterator over every chunk.
func (tx *Tx) sealEntry(it *badger.Iterator, seg uint32, st *sealState, k []byte) error {
	word, p, ok := wordOfEntry(k)
	if !ok {
		return nil
	}
	if p.Compare(st.newest) > 0 { // readers open the segment from its newest position on
		st.newest = p
		if err := tx.set(sealStateKey(seg), st.encode()); err != nil {
			return err
		}
		tx.segments, tx.segOrder = nil, nil
	}
	t, err := tx.ranksOf(seg)
	if err != nil {
		return err
	}
	base := chunkBase(word)
	segBase := binary.BigEndian.AppendUint32(append([]byte(nil), base...), seg)
	it.Seek(chunkKey(base, seg, p))
	if !it.Valid() || !bytes.HasPrefix(it.Item().Key(), segBase) {
		return tx.setNewChunk(seg, chunkKey(base, seg, p), encodeChunkIn([]Pos{p}, t))
	}
	ck := it.Item().KeyCopy(nil)
	ps, err := tx.decodeChunkOf(seg, it.Item(), nil)
	if err != nil {
		return err
	}
	i, found := slices.BinarySearchFunc(ps, p, func(e, t Pos) int { return t.Compare(e) })
	if found {
		return nil
	}
	ps = slices.Insert(ps, i, p)
	if len(ps) <= 2*chunkLen {
		return tx.set(ck, encodeChunkIn(ps, t))
	}
	h := len(ps) / 2 // the newer half gets a key of its own; the older keeps ck
	if err := tx.setNewChunk(seg, chunkKey(base, seg, ps[h-1]), encodeChunkIn(ps[:h], t)); err != nil {
		return err
	}
	return tx.set(ck, encodeChunkIn(ps[h:], t))
}

// ---- sealing

// sealHooks let tests act between a seal's steps.
var sealHooks struct{ afterChunks, afterFlip func(seg uint32) }

// chunkScans counts the reads of every chunk (eachChunk), for tests.
var chunkScans atomic.Int64

var errSegmentChanged = errors.New("a mention of the segment changed while it was sealed")

// SealWords seals every segment of the word index whose mentions all have
// their entries (below the word queue's floor), and finishes any seal an
// earlier process began. The word indexer runs it after each drain, and
// IndexQueuedWords at its end.
func (s *Store) SealWords() error { return s.sealWords(nil) }

// errStopped ends a seal when the store closes; the next run goes on.
var errStopped = errors.New("the store is closing")

func stopped(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

func (s *Store) sealWords(stop <-chan struct{}) error {
	if s.words == nil || s.db.Opts().ReadOnly {
		return nil
	}
	s.sealMu.Lock()
	defer s.sealMu.Unlock()
	var floor uint64
	var sizeKept bool
	states := map[uint32]sealState{}
	marked := map[uint32]bool{}
	err := s.View(func(tx *Tx) (err error) {
		if floor, err = tx.wordQueueFloor(); err != nil {
			return err
		}
		if _, err := tx.txn.Get(keySealSegment); err == nil {
			sizeKept = true
		}
		it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, Prefix: prefixSealState[:]})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().Key()
			if len(k) != 6 {
				continue
			}
			seg := binary.BigEndian.Uint32(k[2:])
			marked[seg] = true
			err := it.Item().Value(func(v []byte) error {
				if st, err := decodeSealState(v); err == nil { // a damaged one is sealed again
					states[seg] = st
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for seg := uint32(0); ; seg++ {
		if _, hi := s.segmentIDs(seg); hi >= floor {
			return nil
		}
		if !sizeKept { // the first seal: the folder keeps this size
			size := u64(nil, s.segment.Load())
			if err := s.Update(func(tx *Tx) error { return tx.set(keySealSegment, size) }); err != nil {
				return err
			}
			sizeKept = true
		}
		st, ok := states[seg]
		switch {
		case stopped(stop):
			return nil
		case ok && st.phase >= sealCleaning: // sealed; the next Open drops its open keys
		case s.hasPart(seg):
			// An import sealed a part of it (words_bulk.go): sealed
			// from the records, whose chunks replace the part's.
			_, err = s.sealRecords(seg, ^uint64(0), stop)
		default:
			// A rank table without its marker (an older build rebuilt the
			// index and left it) is dropped before the seal writes one.
			err = s.sealSegment(seg, marked[seg] || s.hasRankKeys(seg), stop)
		}
		if errors.Is(err, errSegmentChanged) || errors.Is(err, errStopped) {
			return nil // sealed on a later run
		}
		if err != nil {
			return fmt.Errorf("seal the full-text segment %d: %w", seg, err)
		}
	}
}

// sealSegment writes segment seg's chunks from a snapshot, and marks it
// sealed if none of its entries changed since.
func (s *Store) sealSegment(seg uint32, leftovers bool, stop <-chan struct{}) error {
	start := time.Now()
	if err := s.beginSeal(seg, leftovers); err != nil {
		return err
	}
	_, hi := s.segmentIDs(seg)
	var snap uint64
	var positions int
	var newest Pos
	var written [][]byte
	err := s.View(func(tx *Tx) (err error) {
		snap = tx.txn.ReadTs()
		if err := tx.segmentIndexed(hi); err != nil {
			return err
		}
		// From the segment's open keys, which are its entries (all its
		// mentions are indexed): reading and splitting its 65,536 records
		// again took most of a seal's time and memory. One scan of the
		// keys gives the rank table and each word's mentions as 4-byte
		// offsets (openScan): holding every word's positions took the
		// seal 150 MB at the peak, and a second scan 2.4 s of CPU.
		sc, err := tx.openTable(seg)
		if err != nil {
			return err
		}
		newest, positions = sc.newest, len(sc.t)
		words := sc.eachWord
		if !sc.whole {
			words = func(fn func(word []byte, ps []Pos) error) error { return tx.eachOpenWord(seg, fn) }
		}
		written, err = s.writeSealed(seg, sc.t, sc.ranks, words, stop)
		return err
	})
	if err != nil {
		if errors.Is(err, errSegmentChanged) { // no chunk written yet: only the marker goes
			err = errors.Join(err, s.dropChunks(seg, [][]byte{}))
		}
		return err
	}
	if sealHooks.afterChunks != nil {
		sealHooks.afterChunks(seg)
	}
	err = s.Update(func(tx *Tx) error {
		// A change to the segment's entries writes its marker
		// (replaceSealedWords): written after the snapshot, the chunks
		// miss a change. One that commits meanwhile read the marker, so
		// that it or this conflicts. A change that left every entry as it
		// was (a source added, a state set) leaves the chunks exact.
		if st, version, ok, err := tx.segStateVersion(seg); err != nil || !ok || st.phase != sealWriting || version > snap {
			return cmpOr(err, errSegmentChanged)
		}
		if err := tx.segmentIndexed(hi); err != nil { // read: a mention queued again meanwhile conflicts
			return err
		}
		return tx.set(sealStateKey(seg), sealState{phase: sealCleaning, snap: snap, newest: newest}.encode())
	})
	if errors.Is(err, errSegmentChanged) || errors.Is(err, badger.ErrConflict) {
		s.log.Info("full-text index: a segment changed while it was sealed; it will be sealed later", "segment", seg)
		return errors.Join(errSegmentChanged, s.dropChunks(seg, written))
	}
	if err != nil {
		return err
	}
	s.log.Debug("full-text index: sealed a segment", "segment", seg, "positions", positions, "keys", len(written), "took", time.Since(start).Round(time.Millisecond))
	if sealHooks.afterFlip != nil {
		sealHooks.afterFlip(seg)
	}
	return nil
}

// hasPart reports whether segment seg has a part sealed (words_bulk.go).
func (s *Store) hasPart(seg uint32) bool {
	var ok bool
	_ = s.View(func(tx *Tx) (err error) {
		_, _, ok, err = tx.partialOf(seg, 0, false)
		return err
	})
	return ok
}

// beginSeal writes segment seg's marker at phase 0, after dropping the
// chunks an interrupted seal left (leftovers).
func (s *Store) beginSeal(seg uint32, leftovers bool) error {
	if leftovers {
		if err := s.dropChunks(seg, nil); err != nil {
			return err
		}
	}
	return s.Update(func(tx *Tx) error {
		// A part's count left without its marker would vouch for a list
		// this seal writes anew: only its flip writes the count.
		if isPartial(seg) {
			if err := tx.del(partListKey(seg)); err != nil {
				return err
			}
		}
		return tx.set(sealStateKey(seg), sealState{phase: sealWriting}.encode())
	})
}

// segmentIndexed fails with errSegmentChanged unless every mention up to
// id hi has its word entries (the queue's floor is above hi): a mention
// queued again (a Put with an id of its own) lowers the floor. The read
// makes a transaction that lowers it meanwhile conflict.
func (tx *Tx) segmentIndexed(hi uint64) error {
	floor, err := tx.wordQueueFloor()
	if err != nil {
		return err
	}
	if hi >= floor {
		return errSegmentChanged
	}
	return nil
}

func cmpOr(err, other error) error {
	if err != nil {
		return err
	}
	return other
}

// segmentEntries are a segment's text word entries: each word's positions,
// newest first.
type segmentEntries map[string][]Pos

// newest is the newest position of any word.
func (e segmentEntries) newest() Pos {
	var p Pos
	for _, ps := range e {
		if len(ps) > 0 && ps[0].Compare(p) > 0 {
			p = ps[0]
		}
	}
	return p
}

func (e segmentEntries) sortedWords() []string {
	words := make([]string, 0, len(e))
	for w := range e {
		words = append(words, w)
	}
	slices.Sort(words)
	return words
}

// segmentEntries computes the text word entries of the mentions with ids
// lo..hi from their records, as the word indexer writes them (all of them
// are indexed: their ids are below the queue's floor). A record that
// cannot be read has no entries (the indexer skips it too,
// words_queue.go).
func (tx *Tx) segmentEntries(lo, hi uint64) (ents segmentEntries, err error) {
	def := tx.s.words.mentions
	prefix := wordPrefixes[TextWords]
	ents = segmentEntries{}
	tx.eachSegmentRecord(lo, hi, true, func(id uint64, item *badger.Item) bool {
		var m Mention
		if err := item.Value(func(v []byte) error { return decode(v, &m) }); err != nil {
			return true
		}
		m.ID = id
		for _, k := range def.keys(&m, id, true) {
			if k[0] != prefix[0] || k[1] != prefix[1] {
				continue
			}
			if w, p, ok := wordOfEntry(k); ok {
				ents[string(w)] = append(ents[string(w)], p)
			}
		}
		return true
	})
	for _, ps := range ents {
		slices.SortFunc(ps, func(a, b Pos) int { return b.Compare(a) })
	}
	return ents, nil
}

// openScan is what one scan of segment seg's open keys gives a seal: its
// rank table (every position of its entries, newest first: tableOf), the
// newest position, and each word with the offsets in the segment of its
// mentions, oldest first (4 bytes an entry), to write the chunks from. A
// second scan took as long as the first: 2.4 s of CPU at 65,536 mentions.
type openScan struct {
	t      rankTable
	ranks  []int32
	newest Pos
	pos    []Pos    // each mention's position, by offset
	words  []byte   // the words, one after another
	ends   []int    // ends[i]: where word i ends in words
	cuts   []int    // cuts[i]: where word i's offsets end in offs
	offs   []uint32 // offsets of mentions in the segment
	// whole is false when a mention's entries had two positions, or one
	// outside the segment (not written by this build): the chunks are
	// written from a second scan (eachOpenWord).
	whole bool
}

// openTable scans segment seg's open keys once (openScan).
func (tx *Tx) openTable(seg uint32) (sc openScan, err error) {
	lo, _ := tx.s.segmentIDs(seg)
	size := tx.s.segment.Load()
	seen := make([]bool, size)
	sc.pos, sc.whole = make([]Pos, size), true
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: textSegPrefix(seg)})
	defer it.Close()
	var word []byte
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Item().Key()
		w, p, ok := wordOfEntry(k)
		if !ok {
			return sc, fmt.Errorf("%w: full-text entry %q", ErrCorrupt, k)
		}
		if p.Compare(sc.newest) > 0 {
			sc.newest = p
		}
		i := p.ID() - lo
		switch {
		case i >= size:
			sc.whole = false
			continue
		case !seen[i]:
			seen[i], sc.pos[i] = true, p
		case sc.pos[i] != p:
			sc.whole = false
		}
		if !sc.whole {
			continue
		}
		if len(sc.ends) == 0 || !bytes.Equal(w, word) {
			if len(sc.ends) > 0 {
				sc.cuts = append(sc.cuts, len(sc.offs))
			}
			sc.words = append(sc.words, w...)
			sc.ends = append(sc.ends, len(sc.words))
			word = sc.words[len(sc.words)-len(w):]
		}
		sc.offs = append(sc.offs, uint32(i))
	}
	if len(sc.ends) > 0 {
		sc.cuts = append(sc.cuts, len(sc.offs))
	}
	sc.t, sc.ranks = tableFrom(seen, sc.pos, lo)
	if !sc.whole {
		sc.words, sc.ends, sc.cuts, sc.offs = nil, nil, nil, nil
	}
	return sc, nil
}

// eachWord calls fn with each word the scan read and its positions, newest
// first (valid until fn returns), as eachOpenWord does; the scan must be
// whole.
func (sc *openScan) eachWord(fn func(word []byte, ps []Pos) error) error {
	var ps []Pos
	from, off := 0, 0
	for i, end := range sc.ends {
		ps = ps[:0]
		for j := sc.cuts[i] - 1; j >= off; j-- {
			ps = append(ps, sc.pos[sc.offs[j]])
		}
		if err := fn(sc.words[from:end:end], ps); err != nil {
			return err
		}
		from, off = end, sc.cuts[i]
	}
	return nil
}

// eachOpenWord calls fn with each word of segment seg's open keys and its
// positions, newest first (valid until fn returns). The keys come sorted
// by word, then oldest first.
func (tx *Tx) eachOpenWord(seg uint32, fn func(word []byte, ps []Pos) error) error {
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: textSegPrefix(seg)})
	defer it.Close()
	var word []byte
	var ps []Pos
	emit := func() error {
		if len(ps) == 0 {
			return nil
		}
		slices.Reverse(ps)
		return fn(word, ps)
	}
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Item().Key()
		w, p, ok := wordOfEntry(k)
		if !ok {
			return fmt.Errorf("%w: full-text entry %q", ErrCorrupt, k)
		}
		if !bytes.Equal(w, word) {
			if err := emit(); err != nil {
				return err
			}
			word, ps = append(word[:0], w...), ps[:0]
		}
		ps = append(ps, p)
	}
	return emit()
}

// eachSegmentRecord calls fn with each mention record with an id in
// lo..hi, in id order, until fn returns false; values are read ahead only
// when withValues is set.
func (tx *Tx) eachSegmentRecord(lo, hi uint64, withValues bool, fn func(id uint64, item *badger.Item) bool) {
	opt := badger.IteratorOptions{Prefix: []byte{mentionsDef.prefix}}
	if withValues {
		opt.PrefetchValues, opt.PrefetchSize = true, 64
	}
	it := tx.txn.NewIterator(opt)
	defer it.Close()
	for it.Seek(recordKey(mentionsDef.prefix, lo)); it.Valid(); it.Next() {
		id := idFromKey(it.Item().Key())
		if id > hi || !fn(id, it.Item()) {
			return
		}
	}
}

// dropSealedOpenKeys runs while the store opens, before anything else
// writes, and when it closes, after its own writers stopped (a write
// meanwhile waits, see Update): it drops the open keys of every segment
// sealed since (phase 1),
// at once, and marks those segments clean. The keys of a segment follow
// each other ('m' 'w' segment ...), so Badger drops whole tables of them
// instead of writing a deletion for each: deleting a segment's 2.8
// million keys one by one took an import more than as long again
// (docs/storage.md). No reader reads them and no change writes them once
// the segment is sealed, so they can wait. They are not dropped while the
// store is in use: a Badger prefix drop with writes going on, killed, lost
// the records of whole transactions whose index entries it kept (one run
// in six of TestHostileKillDuringWritesLosesNothing, none without it).
func (s *Store) dropSealedOpenKeys() error {
	if s.words == nil || s.db.Opts().ReadOnly {
		return nil
	}
	if err := s.dropAbandonedParts(); err != nil {
		return err
	}
	var segs []uint32
	var prefixes [][]byte
	err := s.View(func(tx *Tx) error {
		for seg, st := range tx.readSegments() {
			if st.phase == sealCleaning && !isPartial(seg) { // a part has no open keys of its own
				segs = append(segs, seg)
				prefixes = append(prefixes, textSegPrefix(seg))
			}
		}
		return nil
	})
	if err != nil || len(segs) == 0 {
		return err
	}
	s.beginStep("tidy the full-text index")
	start := time.Now()
	s.drops.Add(1)
	err = s.dropPrefixes(prefixes...)
	s.drops.Add(1)
	if err != nil {
		return fmt.Errorf("drop the open keys of the sealed full-text segments: %w", err)
	}
	err = s.Update(func(tx *Tx) error {
		for _, seg := range segs {
			st, ok, err := tx.segState(seg)
			if err != nil {
				return err
			}
			if !ok || st.phase != sealCleaning {
				continue
			}
			st.phase = sealClean
			if err := tx.set(sealStateKey(seg), st.encode()); err != nil {
				return err
			}
		}
		return nil
	})
	s.log.Info("full-text index: dropped the open keys of sealed segments", "segments", len(segs), "took", time.Since(start).Round(time.Millisecond))
	return err
}

// dropAbandonedParts drops the parts of segments (words_bulk.go) that a
// flip replaced and a crash kept from being dropped (phase 0: no one
// reads them), while nothing else writes.
func (s *Store) dropAbandonedParts() error {
	var parts []uint32
	_ = s.View(func(tx *Tx) error {
		it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, Prefix: prefixSealState[:]})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().Key()
			if len(k) != 6 || !isPartial(binary.BigEndian.Uint32(k[2:])) {
				continue
			}
			_ = it.Item().Value(func(v []byte) error {
				if st, err := decodeSealState(v); err == nil && st.phase == sealWriting {
					parts = append(parts, binary.BigEndian.Uint32(k[2:]))
				}
				return nil
			})
		}
		return nil
	})
	for _, p := range parts {
		if err := s.dropChunks(p, nil); err != nil {
			return fmt.Errorf("drop a replaced part of full-text segment %d: %w", baseSeg(p), err)
		}
	}
	return nil
}

// dropChunks deletes the chunks of segment seg and its marker: the
// chunks of an abandoned seal, which no one reads. written are the keys
// this run wrote; nil (an earlier run's, interrupted, or a part replaced)
// reads them from the part's list (words_partlist.go), or else scans
// every chunk. The part's list goes too.
func (s *Store) dropChunks(seg uint32, written [][]byte) error {
	var sealed bool
	if err := s.View(func(tx *Tx) error {
		st, ok, err := tx.segState(seg)
		sealed = err == nil && ok && st.phase >= sealCleaning
		return nil
	}); err != nil || sealed { // readers read its chunks
		return cmpOr(err, fmt.Errorf("full-text segment %d is sealed: its chunks stay", seg))
	}
	var list [][]byte
	err := s.View(func(tx *Tx) error {
		if written == nil {
			// A part lists its keys (words_partlist.go); anything else
			// is found among every chunk of the index.
			keys, err := tx.partKeys(seg)
			if err != nil {
				if !errors.Is(err, errNoPartList) {
					s.log.Warn("full-text index: the list of a part's keys is unreadable; its chunks are found by reading every chunk", "part", seg, "err", err)
				}
				keys = [][]byte{}
				err = tx.eachChunk(func(sg uint32, item *badger.Item) error {
					if sg == seg {
						keys = append(keys, item.KeyCopy(nil))
					}
					return nil
				})
				keys = append(keys, tx.keysUnder(rankSegPrefix(seg))...)
			}
			if err != nil {
				return err
			}
			written = keys
		}
		list = tx.keysUnder(partListKey(seg))
		return nil
	})
	if err != nil {
		return err
	}
	s.ranks.forget()
	defer s.ranks.forget() // and after: a reader meanwhile may have kept the table again
	if err := s.deleteKeys(written); err != nil {
		return err
	}
	// The list last: a drop cut short before finds it again.
	if err := s.deleteKeys(list); err != nil {
		return err
	}
	return s.Update(func(tx *Tx) error {
		st, ok, err := tx.segState(seg)
		switch {
		case errors.Is(err, ErrCorrupt): // a damaged marker: sealed again from the records
		case err != nil || (ok && st.phase != sealWriting):
			return err
		}
		return tx.del(sealStateKey(seg))
	})
}

// dropChunksOf deletes every chunk and the marker of the segments segs,
// with one scan of the chunks, while the store opens (the migration to
// 15 seals them again).
func (s *Store) dropChunksOf(segs map[uint32]bool) error {
	var keys [][]byte
	err := s.View(func(tx *Tx) error {
		err := tx.eachChunk(func(sg uint32, item *badger.Item) error {
			if segs[sg] {
				keys = append(keys, item.KeyCopy(nil))
			}
			return nil
		})
		for seg := range segs {
			keys = append(keys, tx.keysUnder(rankSegPrefix(seg))...)
		}
		return err
	})
	if err != nil {
		return err
	}
	for seg := range segs {
		keys = append(keys, sealStateKey(seg))
	}
	s.ranks.forget()
	defer s.ranks.forget()
	return s.deleteKeys(keys)
}

// sealAtMigration is the migration from schema 13, whose word index is all
// open keys: it seals every complete segment (sealAll). The marker of the
// index is deleted while it runs and written again at the end, so that an
// interrupted run leaves an index that the next Open (of this build or an
// older one) rebuilds rather than one with entries missing.
func sealAtMigration(s *Store) error {
	c, err := s.exactWordIndex()
	if c == nil || err != nil {
		return err
	}
	return s.sealAllMarked(c)
}

// exactWordIndex is the installed splitter's config when the word index is
// complete and exact for it; nil when there is none, or when the index is
// to be rebuilt (syncWordIndex, which seals it).
func (s *Store) exactWordIndex() (*wordsConfig, error) {
	c := s.words
	if c == nil {
		return nil, nil
	}
	have, err := s.wordsMarker()
	if err != nil || !bytes.Equal(have, c.fingerprint) {
		return nil, err
	}
	return c, nil
}

// sealAllMarked is sealAll with the index's marker deleted while it runs
// and written again at the end: an interrupted run leaves an index that
// the next Open rebuilds rather than one with entries missing.
func (s *Store) sealAllMarked(c *wordsConfig) error {
	if err := s.Update(func(tx *Tx) error { return tx.del(keyWords) }); err != nil {
		return err
	}
	if err := s.sealAll(c); err != nil {
		return err
	}
	return s.Update(func(tx *Tx) error { return tx.set(keyWords, c.fingerprint) })
}

// sealAll seals every complete segment of an index of open keys while the
// store opens, when nothing else writes, so no seal can be overtaken by a
// change: it writes each segment's chunks and marks it sealed, then drops
// every open key at once and writes again those of the mentions past the
// last sealed segment. Deleting the open keys one by one, as the word
// indexer does for one segment, wrote 43 million deletions at a million
// mentions, and Badger's compactions of them took 3.7 GB (docs/storage.md).
// It starts by dropping what an earlier, interrupted run sealed.
func (s *Store) sealAll(c *wordsConfig) error {
	// Every mention below the first one queued is indexed: nothing is in
	// flight during an open (the floor itself lags after a rebuild, which
	// empties the queue; the queue is walked from its start, not trusting
	// the floor).
	segs, err := s.completeSegments()
	if err != nil {
		return err
	}
	s.ranks.forget()
	defer s.ranks.forget()
	if err := s.dropQueueVoid(); err != nil { // its chunks go below
		return err
	}
	if err := s.dropPrefixes(prefixSealedWords[:], prefixSealState[:], prefixRanks[:], prefixPartList[:]); err != nil {
		return fmt.Errorf("drop an earlier run's chunks: %w", err)
	}
	if segs == 0 {
		return s.rewriteOpenKeys(c, 0)
	}
	size := u64(nil, s.segment.Load())
	if err := s.Update(func(tx *Tx) error { return tx.set(keySealSegment, size) }); err != nil {
		return err
	}
	for seg := range segs {
		if err := s.sealFromRecords(seg); err != nil {
			return err
		}
		if err := s.stepDone(int64(seg)+1, int64(segs)+1, "segments"); err != nil {
			return err
		}
	}
	if err := s.rewriteOpenKeys(c, segs); err != nil {
		return err
	}
	return s.stepDone(int64(segs)+1, int64(segs)+1, "segments")
}

// sealFromRecords writes segment seg's chunks from its records and marks
// it sealed and clean, while the store opens.
func (s *Store) sealFromRecords(seg uint32) error {
	var ents segmentEntries
	var snap uint64
	err := s.View(func(tx *Tx) (err error) {
		lo, hi := s.segmentIDs(seg)
		snap = tx.txn.ReadTs()
		ents, err = tx.segmentEntries(lo, hi)
		if err != nil {
			return err
		}
		// A mention queued again (a sealed segment past the complete
		// ones, at the migration to 15) gets its entries from the
		// indexer, which puts them into the chunks.
		for w, ps := range ents {
			ps = slices.DeleteFunc(ps, func(p Pos) bool { q, _ := tx.wordsQueued(p.ID()); return q })
			if len(ps) == 0 {
				delete(ents, w)
			} else {
				ents[w] = ps
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := s.writeChunks(seg, ents, nil); err != nil {
		return err
	}
	return s.Update(func(tx *Tx) error {
		return tx.set(sealStateKey(seg), sealState{phase: sealClean, snap: snap, newest: ents.newest()}.encode())
	})
}

// rewriteOpenKeys drops every open text word key at once and writes again
// those of the mentions from segment segs on, the ones past the sealed
// segments, while the store opens (those still queued get theirs from the
// word indexer; one whose record cannot be read has none, as the indexer
// skipped it).
func (s *Store) rewriteOpenKeys(c *wordsConfig, segs uint32) error {
	p := wordPrefixes[TextWords]
	if err := s.dropPrefixes(p[:]); err != nil {
		return fmt.Errorf("drop the open keys of the full-text index: %w", err)
	}
	lo, _ := s.segmentIDs(segs)
	for from := max(lo, 1); from != 0; { // ids start at 1
		var next uint64
		err := s.Update(func(tx *Tx) (err error) {
			next, err = tx.openKeysFrom(c, from)
			return err
		})
		if err != nil {
			return fmt.Errorf("write the open keys past the sealed segments: %w", err)
		}
		from = next
	}
	return nil
}

// relayOpenKeys is the migration from schema 14, whose open text word keys
// led with the word ('m' 'w' word 0x00 time id); from 15 on they lead with
// the segment, so that a sealed segment's go at once. A folder with a
// complete segment not sealed (imported at 14, whose word indexer did not
// seal) is sealed whole (sealAtMigration), which writes the open keys in
// the new order. Otherwise only the open keys are written again, those of
// the mentions past the sealed segments; a sealed segment that had open
// keys (a change of words at 14 wrote the new ones as open keys) is
// sealed again from its records first.
func relayOpenKeys(s *Store) error {
	c, err := s.exactWordIndex()
	if c == nil || err != nil {
		return err
	}
	segs, err := s.completeSegments()
	if err != nil {
		return err
	}
	again := map[uint32]bool{}
	whole := false
	err = s.View(func(tx *Tx) error {
		for seg := range segs {
			st, ok, err := tx.segState(seg)
			if err != nil || !ok || st.phase == sealWriting {
				whole = true
				return nil
			}
		}
		// A sealed segment may lie past the complete ones (its newest
		// mentions deleted since, or one queued again).
		sealed := tx.readSegments()
		p := wordPrefixes[TextWords]
		it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p[:]})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			if k := it.Item().Key(); len(k) >= 2+8 {
				seg := s.segmentOf(idFromKey(k))
				if _, ok := sealed[seg]; ok {
					again[seg] = true
				}
			}
		}
		return nil
	})
	if err != nil || whole {
		return cmpOr(err, sealAtMigration(s))
	}
	if err := s.Update(func(tx *Tx) error { return tx.del(keyWords) }); err != nil {
		return err
	}
	if len(again) > 0 {
		if err := s.dropChunksOf(again); err != nil {
			return err
		}
	}
	for seg := range again {
		if err := s.sealFromRecords(seg); err != nil {
			return err
		}
	}
	if err := s.rewriteOpenKeys(c, segs); err != nil {
		return err
	}
	return s.Update(func(tx *Tx) error { return tx.set(keyWords, c.fingerprint) })
}

// completeSegments is how many segments, from the first, have every
// mention indexed: below the first mention queued, read from the queue's
// start (the floor itself lags after a rebuild, which empties the queue),
// while the store opens and nothing is in flight.
func (s *Store) completeSegments() (uint32, error) {
	floor := uint64(s.lastMentionID()) + 1
	err := s.View(func(tx *Tx) error {
		it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: prefixWordQueue})
		defer it.Close()
		if it.Rewind(); it.Valid() {
			floor = min(floor, idFromKey(it.Item().Key()))
		}
		return nil
	})
	segs := uint32(0)
	for {
		if _, hi := s.segmentIDs(segs); hi >= floor {
			return segs, err
		}
		segs++
	}
}

// openKeysFrom writes the open text word keys of a batch of mentions from
// id from on, skipping those queued, those of sealed segments and those
// whose record cannot be read,
// and returns the id the next batch starts at (0: none left).
func (tx *Tx) openKeysFrom(c *wordsConfig, from uint64) (next uint64, err error) {
	it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 64, Prefix: []byte{mentionsDef.prefix}})
	defer it.Close()
	n, keys := 0, 0
	for it.Seek(recordKey(mentionsDef.prefix, from)); it.Valid(); it.Next() {
		id := idFromKey(it.Item().Key())
		if n >= rebuildMentions || keys >= rebuildKeys {
			return id, nil
		}
		n++
		var m Mention
		if err := it.Item().Value(func(v []byte) error { return decode(v, &m) }); err != nil {
			continue
		}
		m.ID = id
		if _, sealed := tx.readSegments()[tx.s.segmentOf(id)]; sealed {
			continue // its chunks hold its entries
		}
		if q, err := tx.wordsQueued(id); err != nil || q {
			if err != nil {
				return 0, err
			}
			continue
		}
		for _, k := range c.mentions.keys(&m, id, true) {
			if isTextWordKey(k) {
				keys++
				if err := tx.set(k, nil); err != nil {
					return 0, err
				}
			}
		}
	}
	return 0, nil
}

// writeChunks writes a segment's rank table and chunks from its entries.
func (s *Store) writeChunks(seg uint32, ents segmentEntries, stop <-chan struct{}) ([][]byte, error) {
	lo, _ := s.segmentIDs(seg)
	t, ranks := tableOf(ents, lo, s.segment.Load())
	return s.writeSealed(seg, t, ranks, func(fn func(word []byte, ps []Pos) error) error {
		for _, word := range ents.sortedWords() {
			if err := fn([]byte(word), ents[word]); err != nil {
				return err
			}
		}
		return nil
	}, stop)
}

// writeSealed writes a segment's rank table t (ranks: each id's rank) and
// the chunks of the words words gives (each with its positions, newest
// first), at most chunkBatchBytes of keys and values per transaction
// (Badger refuses a transaction over 15 % of a memtable), and returns
// their keys.
func (s *Store) writeSealed(seg uint32, t rankTable, ranks []int32, words func(fn func(word []byte, ps []Pos) error) error, stop <-chan struct{}) ([][]byte, error) {
	b := keyBatch{s: s, keep: true, before: func() error {
		if stopped(stop) {
			return errStopped
		}
		return nil
	}}
	add := func(kv [2][]byte) error { return b.add(kv[0], kv[1]) }
	lo, _ := s.segmentIDs(seg)
	for i, v := range encodeTable(t) {
		if err := add([2][]byte{rankKey(seg, uint32(i)), v}); err != nil {
			return b.written, err
		}
	}
	var rs []int32
	err := words(func(word []byte, ps []Pos) error {
		base := chunkBase(word)
		for len(ps) > 0 {
			n := min(len(ps), chunkLen)
			var v []byte
			v, rs = encodeRanksOf(ps[:n], t, ranks, lo, rs)
			if err := add([2][]byte{chunkKey(base, seg, ps[n-1]), v}); err != nil {
				return err
			}
			ps = ps[n:]
		}
		return nil
	})
	if err != nil {
		return b.written, err
	}
	return b.written, b.flush()
}

// keyBatch writes keys and their values, at most chunkBatchBytes a
// transaction: Badger refuses a transaction over 15 % of a memtable.
type keyBatch struct {
	s       *Store
	kvs     [][2][]byte
	size    int
	keep    bool // keep the keys written (and tried) in written
	written [][]byte
	before  func() error // before each transaction, if set
	after   func() error // after each, if set
}

func (b *keyBatch) add(k, v []byte) error {
	if b.size+len(k)+len(v)+32 > chunkBatchBytes {
		if err := b.flush(); err != nil {
			return err
		}
	}
	b.kvs = append(b.kvs, [2][]byte{k, v})
	b.size += len(k) + len(v) + 32
	return nil
}

func (b *keyBatch) flush() error {
	if len(b.kvs) == 0 {
		return nil
	}
	if b.before != nil {
		if err := b.before(); err != nil {
			return err
		}
	}
	err := b.s.Update(func(tx *Tx) error {
		for _, kv := range b.kvs {
			if err := tx.set(kv[0], kv[1]); err != nil {
				return err
			}
		}
		return nil
	})
	if b.keep {
		for _, kv := range b.kvs {
			b.written = append(b.written, kv[0])
		}
	}
	b.kvs, b.size = b.kvs[:0], 0
	if err != nil || b.after == nil {
		return err
	}
	return b.after()
}

// encodeRanksOf writes a chunk of positions (newest first) of a segment
// whose ids start at lo, by rank in t (ranks: each id's rank), or as
// positions when t does not have one of them; rs is scratch.
func encodeRanksOf(ps []Pos, t rankTable, ranks []int32, lo uint64, rs []int32) ([]byte, []int32) {
	rs = rs[:0]
	for _, p := range ps {
		i := p.ID() - lo
		if i >= uint64(len(ranks)) || ranks[i] < 0 || t[ranks[i]] != p {
			return encodeChunk(ps), rs
		}
		rs = append(rs, ranks[i])
	}
	return encodeRanks(rs), rs
}

// chunkBatchBytes bounds the bytes one transaction of a seal writes.
const chunkBatchBytes = 1 << 20
