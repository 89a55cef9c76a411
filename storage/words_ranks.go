package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/dgraph-io/badger/v4"
)

// Rank tables (schema 16; docs/storage.md, "Sealed segments"). A sealed
// segment's chunks name their positions by rank: a position's place in
// the segment's table of positions, newest first,
//
//	'm' 'R' segment(4) part(4) → positions rankPart × part on, as a chunk
//
// written with its chunks in the seal's first phase and dropped with them.
// A position of 16 bytes, written as a time and an id apart from the one
// before, took about 5.5 bytes in a chunk at a million mentions (the ids
// of a segment are in the order the posts arrived, not in their order in
// time, so their differences are large); a rank apart from the one before
// takes one byte for a common word and two or three for a rare one.
//
// A chunk is rank-coded when its value starts with 0x00 (a chunk of
// positions starts with its count, never 0):
//
//	0x00 count rank (rank's increase)...
//
// A change to a sealed mention's words writes its chunks rank-coded when
// the segment's table has every position, and as positions when not (a
// mention whose time changed, or that had no word when it was sealed).
// Chunks written as positions, as every chunk before schema 16 was, stay
// valid.

var prefixRanks = [2]byte{'m', 'R'}

// rankPart is how many positions one key of a rank table holds.
const rankPart = maxChunk

// rankCoded starts the value of a rank-coded chunk.
const rankCoded = 0x00

func rankSegPrefix(seg uint32) []byte {
	return binary.BigEndian.AppendUint32(append(make([]byte, 0, 2+4+4), prefixRanks[:]...), seg)
}

func rankKey(seg uint32, part uint32) []byte {
	return binary.BigEndian.AppendUint32(rankSegPrefix(seg), part)
}

// rankTable is a sealed segment's positions, newest first.
type rankTable []Pos

// rank is p's rank in the table (ok false: not in it).
func (t rankTable) rank(p Pos) (int, bool) {
	return slices.BinarySearchFunc(t, p, func(e, q Pos) int { return q.Compare(e) })
}

// tableOf is the rank table of a segment's entries (ids from lo), and
// each id's rank (-1: none), id − lo indexing.
func tableOf(ents segmentEntries, lo, size uint64) (rankTable, []int32) {
	seen := make([]bool, size)
	pos := make([]Pos, size)
	for _, ps := range ents {
		for _, p := range ps {
			// Another segment's, or the id has a position already: its
			// chunks are written as positions.
			if i := p.ID() - lo; i < size && !seen[i] {
				seen[i], pos[i] = true, p
			}
		}
	}
	return tableFrom(seen, pos, lo)
}

// tableFrom is the rank table of the positions pos that are seen (id − lo
// indexing), and each id's rank (-1: none).
func tableFrom(seen []bool, pos []Pos, lo uint64) (rankTable, []int32) {
	var t rankTable
	for i, ok := range seen {
		if ok {
			t = append(t, pos[i])
		}
	}
	slices.SortFunc(t, func(a, b Pos) int { return b.Compare(a) })
	ranks := make([]int32, len(seen))
	for i := range ranks {
		ranks[i] = -1
	}
	for r, p := range t {
		ranks[p.ID()-lo] = int32(r)
	}
	return t, ranks
}

// encodeRanks writes ascending ranks as a rank-coded chunk.
func encodeRanks(rs []int32) []byte {
	b := binary.AppendUvarint(append(make([]byte, 0, 4+len(rs)*2), rankCoded), uint64(len(rs)))
	for i, r := range rs {
		if i == 0 {
			b = binary.AppendUvarint(b, uint64(r))
			continue
		}
		b = binary.AppendUvarint(b, uint64(r-rs[i-1]))
	}
	return b
}

// encodeChunkIn writes positions (newest first) as a chunk: by rank in t
// when t has every one of them, as positions when not.
func encodeChunkIn(ps []Pos, t rankTable) []byte {
	if len(t) == 0 {
		return encodeChunk(ps)
	}
	rs := make([]int32, len(ps))
	for i, p := range ps {
		r, ok := t.rank(p)
		if !ok {
			return encodeChunk(ps)
		}
		rs[i] = int32(r)
	}
	return encodeRanks(rs)
}

// partsOf gives the parts of a whole table, for decodeChunkIn.
func partsOf(t rankTable) func(part uint32) ([]Pos, error) {
	return func(part uint32) ([]Pos, error) {
		lo := int(part) * rankPart
		if lo >= len(t) {
			return nil, errChunk
		}
		return t[lo:min(lo+rankPart, len(t))], nil
	}
}

// decodeChunkIn appends a chunk's positions to ps; part gives a part of
// the segment's rank table (rankPart positions from rankPart × part),
// asked for only by a rank-coded chunk, once for each part its ranks are
// in: a search in a new process reads the parts it needs, not the table.
func decodeChunkIn(ps []Pos, b []byte, part func(part uint32) ([]Pos, error)) ([]Pos, error) {
	if len(b) == 0 || b[0] != rankCoded {
		return decodeChunk(ps, b)
	}
	b = b[1:]
	n, w := binary.Uvarint(b)
	if w <= 0 || n == 0 || n > maxChunk {
		return ps, errChunk
	}
	b = b[w:]
	var r uint64
	var cur []Pos
	curPart := -1
	for i := uint64(0); i < n; i++ {
		d, w := binary.Uvarint(b)
		if w <= 0 || (i > 0 && d == 0) {
			return ps, errChunk
		}
		b = b[w:]
		if r += d; r < d || r >= 1<<32 {
			return ps, errChunk
		}
		if p := int(r / rankPart); p != curPart {
			var err error
			if cur, err = part(uint32(p)); err != nil {
				return ps, err
			}
			curPart = p
		}
		at := r % rankPart
		if at >= uint64(len(cur)) {
			return ps, errChunk
		}
		ps = append(ps, cur[at])
	}
	if len(b) != 0 {
		return ps, errChunk
	}
	return ps, nil
}

// encodeTable writes a rank table as the values of its keys.
func encodeTable(t rankTable) [][]byte {
	var parts [][]byte
	for len(t) > 0 {
		n := min(len(t), rankPart)
		parts = append(parts, encodeChunk(t[:n]))
		t = t[n:]
	}
	return parts
}

// rankCache keeps the rank tables read, by segment and the snapshot its
// seal read (a sealed segment's table does not change), a part at a time.
type rankCache struct {
	mu sync.Mutex
	m  map[rankCacheKey]*segTable
}

type rankCacheKey struct {
	seg  uint32
	snap uint64
}

// segTable is what is read of one segment's table.
type segTable struct {
	parts map[uint32][]Pos
	whole rankTable // every part, once asked for
}

// maxCachedTables bounds the segments whose tables the store keeps
// decoded (up to 1 MB each): those of 4 million mentions.
const maxCachedTables = 64

// forget empties the cache, when tables are dropped.
func (c *rankCache) forget() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
}

func (c *rankCache) get(key rankCacheKey, part uint32, whole bool) ([]Pos, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.m[key]
	switch {
	case t == nil:
		return nil, false
	case whole:
		return t.whole, t.whole != nil
	default:
		ps, ok := t.parts[part]
		return ps, ok
	}
}

func (c *rankCache) put(key rankCacheKey, part uint32, ps []Pos, whole bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || (c.m[key] == nil && len(c.m) >= maxCachedTables) {
		c.m = map[rankCacheKey]*segTable{}
	}
	t := c.m[key]
	if t == nil {
		t = &segTable{parts: map[uint32][]Pos{}}
		c.m[key] = t
	}
	if whole {
		t.whole = ps
	} else {
		t.parts[part] = ps
	}
}

var errRankTable = fmt.Errorf("%w: a full-text rank table does not decode", ErrCorrupt)

// rankKeyOf is segment seg's cache key, and whether its table may be
// kept: a segment being sealed may have part of its table.
func (tx *Tx) rankKeyOf(seg uint32) (rankCacheKey, bool, error) {
	st, ok := tx.readSegments()[seg]
	if !ok {
		var err error
		if st, ok, err = tx.segState(seg); err != nil {
			return rankCacheKey{}, false, err
		}
	}
	return rankCacheKey{seg, st.snap}, ok && st.phase >= sealCleaning, nil
}

// ranksOf is sealed segment seg's whole rank table (empty when it has
// none: its chunks are all positions), for writing chunks by rank and
// for the check.
func (tx *Tx) ranksOf(seg uint32) (rankTable, error) {
	key, keep, err := tx.rankKeyOf(seg)
	if err != nil {
		return nil, err
	}
	if t, ok := tx.s.ranks.get(key, 0, true); ok {
		return t, nil
	}
	if err := tx.rankErrs[key]; err != nil {
		return nil, err
	}
	t, err := tx.readTable(seg)
	if err != nil {
		if tx.rankErrs == nil {
			tx.rankErrs = map[rankCacheKey]error{}
		}
		tx.rankErrs[key] = err // read once a transaction: one per chunk made a check of a damaged table quadratic
		return nil, err
	}
	if keep && len(t) > 0 {
		tx.s.ranks.put(key, 0, t, true)
	}
	return t, nil
}

// rankPart is part of sealed segment seg's rank table (positions
// rankPart × part on).
func (tx *Tx) rankPart(seg uint32, part uint32) ([]Pos, error) {
	key, keep, err := tx.rankKeyOf(seg)
	if err != nil {
		return nil, err
	}
	if ps, ok := tx.s.ranks.get(key, part, false); ok {
		return ps, nil
	}
	if t, ok := tx.s.ranks.get(key, 0, true); ok {
		return partsOf(t)(part)
	}
	item, err := tx.txn.Get(rankKey(seg, part))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, errChunk // a rank past the table
	}
	if err != nil {
		return nil, err
	}
	var ps []Pos
	err = item.Value(func(v []byte) (err error) {
		n, _ := binary.Uvarint(v)
		ps, err = decodePositions(make([]Pos, 0, min(n, rankPart)), v, rankPart)
		return err
	})
	if err != nil || len(ps) > rankPart || !tx.inSegment(seg, ps) {
		return nil, errRankTable
	}
	if keep {
		tx.s.ranks.put(key, part, ps, false)
	}
	return ps, nil
}

// inSegment reports whether every position is of a mention of segment seg.
func (tx *Tx) inSegment(seg uint32, ps []Pos) bool {
	lo, hi := tx.s.segmentIDs(seg)
	for _, p := range ps {
		if id := p.ID(); id < lo || id > hi {
			return false
		}
	}
	return true
}

// readTable reads and checks segment seg's rank table: parts numbered
// from 0, each full but the last, positions newest first, no more than
// the segment has ids, each of them one of the segment's.
func (tx *Tx) readTable(seg uint32) (rankTable, error) {
	lo, hi := tx.s.segmentIDs(seg)
	size := hi - lo + 1
	t := make(rankTable, 0, min(size, 1<<16))
	it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 16, Prefix: rankSegPrefix(seg)})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Item().Key()
		if len(k) != 2+4+4 || binary.BigEndian.Uint32(k[6:]) != uint32(len(t)/rankPart) || len(t)%rankPart != 0 || uint64(len(t)) >= size {
			return nil, errRankTable
		}
		n := len(t)
		err := it.Item().Value(func(v []byte) (err error) { t, err = decodePositions(t, v, rankPart); return err })
		if err != nil || uint64(len(t)) > size || len(t)-n > rankPart || !tx.inSegment(seg, t[n:]) {
			return nil, errRankTable
		}
		if n > 0 && t[n-1].Compare(t[n]) <= 0 {
			return nil, errRankTable
		}
	}
	return t, nil
}

// decodeChunkOf decodes the chunk item of segment seg.
func (tx *Tx) decodeChunkOf(seg uint32, item *badger.Item, ps []Pos) ([]Pos, error) {
	err := item.Value(func(v []byte) (err error) {
		ps, err = decodeChunkIn(ps, v, func(part uint32) ([]Pos, error) { return tx.rankPart(seg, part) })
		return err
	})
	if err != nil {
		return ps, fmt.Errorf("read the full-text chunk %q: %w", item.Key(), err)
	}
	return ps, nil
}

// keysUnder lists the keys with a prefix.
func (tx *Tx) keysUnder(prefix []byte) [][]byte {
	var keys [][]byte
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		keys = append(keys, it.Item().KeyCopy(nil))
	}
	return keys
}

// keyRanking holds the word splitter's fingerprint while the migration
// to 16 runs: the index's marker is deleted meanwhile, so that an older
// build that opens a folder whose migration was cut short (some chunks
// by rank, schema still 15) rebuilds the index rather than fail to read
// it, and this build goes on with the migration instead.
var keyRanking = []byte{prefixMeta, 'r', 'a', 'n', 'k', 'i', 'n', 'g'}

// rankChunks is the migration from schema 15: each sealed segment without
// a sound rank table gets one, of the positions its chunks hold, and its
// chunks of positions are written by rank. A run cut short is done again:
// a segment that has its table keeps it, and a chunk whose positions are
// not all in it stays as positions. An index to be rebuilt anyway is left
// to the rebuild.
func rankChunks(s *Store) error {
	c := s.words
	if c == nil {
		return nil
	}
	have, err := s.wordsMarker()
	if err != nil {
		return err
	}
	if !bytes.Equal(have, c.fingerprint) {
		var ranking []byte
		err := s.View(func(tx *Tx) error {
			item, err := tx.txn.Get(keyRanking)
			if err == nil {
				ranking, err = item.ValueCopy(nil)
			}
			if errors.Is(err, badger.ErrKeyNotFound) {
				return nil
			}
			return err
		})
		if err != nil || !bytes.Equal(ranking, c.fingerprint) {
			return err // not built, or built by another splitter: rebuilt
		}
	}
	err = s.Update(func(tx *Tx) error {
		if err := tx.set(keyRanking, c.fingerprint); err != nil {
			return err
		}
		return tx.del(keyWords)
	})
	if err != nil {
		return err
	}
	if err := s.rankAllChunks(); err != nil {
		return err
	}
	return s.Update(func(tx *Tx) error {
		if err := tx.set(keyWords, c.fingerprint); err != nil {
			return err
		}
		return tx.del(keyRanking)
	})
}

func (s *Store) rankAllChunks() error {
	defer s.ranks.forget()
	s.ranks.forget()
	size := s.segment.Load()
	type building struct {
		seen []bool
		pos  []Pos
	}
	build := map[uint32]*building{}
	type table struct {
		t     rankTable
		ranks []int32
	}
	tables := map[uint32]table{}
	var damaged [][]byte // the keys of tables that do not read
	var total int64
	err := s.View(func(tx *Tx) error {
		for seg := range tx.readSegments() {
			if !tx.anyKey(rankSegPrefix(seg)) {
				build[seg] = &building{seen: make([]bool, size), pos: make([]Pos, size)}
			} else if _, err := tx.ranksOf(seg); err != nil {
				damaged = append(damaged, tx.keysUnder(rankSegPrefix(seg))...)
				build[seg] = &building{seen: make([]bool, size), pos: make([]Pos, size)}
			}
		}
		var ps []Pos
		return tx.eachChunk(func(seg uint32, item *badger.Item) error {
			total++
			b := build[seg]
			if b == nil {
				return nil
			}
			err := item.Value(func(v []byte) (err error) {
				ps, err = decodeChunkIn(ps[:0], v, func(uint32) ([]Pos, error) { return nil, errRankTable })
				return err
			})
			if err != nil {
				return nil // damaged, or by rank in a damaged table: it stays as it is; the check names it
			}
			lo, _ := s.segmentIDs(seg)
			for _, p := range ps {
				if i := p.ID() - lo; i < size && !b.seen[i] {
					b.seen[i], b.pos[i] = true, p
				}
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if err := s.deleteKeys(damaged); err != nil {
		return err
	}
	for seg, b := range build {
		lo, _ := s.segmentIDs(seg)
		t, ranks := tableFrom(b.seen, b.pos, lo)
		build[seg] = nil
		if len(t) == 0 {
			continue
		}
		parts := encodeTable(t)
		err := s.UpdateInBatches(len(parts), len(parts), func(tx *Tx, lo, hi int) error {
			for i := lo; i < hi; i++ {
				if err := tx.set(rankKey(seg, uint32(i)), parts[i]); err != nil {
					return err
				}
			}
			return nil
		}, nil)
		if err != nil {
			return fmt.Errorf("write the rank table of full-text segment %d: %w", seg, err)
		}
		tables[seg] = table{t, ranks}
	}
	var done int64
	b := keyBatch{s: s, after: func() error { return s.stepDone(done, total, "chunks") }}
	err = s.View(func(tx *Tx) error {
		segs := tx.readSegments()
		var ps []Pos
		var rs []int32
		return tx.eachChunk(func(seg uint32, item *badger.Item) error {
			done++
			if _, sealed := segs[seg]; !sealed {
				return nil
			}
			err := item.Value(func(v []byte) (err error) {
				if len(v) > 0 && v[0] == rankCoded {
					return errRankTable // by rank already
				}
				ps, err = decodeChunk(ps[:0], v)
				return err
			})
			if err != nil {
				return nil
			}
			var v []byte
			if tb, ok := tables[seg]; ok {
				lo, _ := s.segmentIDs(seg)
				v, rs = encodeRanksOf(ps, tb.t, tb.ranks, lo, rs)
			} else if t, err := tx.ranksOf(seg); err == nil {
				v = encodeChunkIn(ps, t)
			} else {
				return nil // a damaged table: the chunk stays as positions
			}
			if v[0] != rankCoded {
				return nil
			}
			return b.add(item.KeyCopy(nil), v)
		})
	})
	if err != nil {
		return err
	}
	if err := b.flush(); err != nil {
		return err
	}
	return s.stepDone(total, total, "chunks")
}

// eachChunk calls fn with every chunk and its segment.
func (tx *Tx) eachChunk(fn func(seg uint32, item *badger.Item) error) error {
	chunkScans.Add(1)
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: prefixSealedWords[:]})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Item().Key()
		end := bytes.IndexByte(k[2:], 0)
		if end < 0 {
			continue
		}
		seg, _, ok := parseChunkKey(k, 2+end+1)
		if !ok {
			continue
		}
		if err := fn(seg, it.Item()); err != nil {
			return err
		}
	}
	return nil
}

// hasRankKeys reports whether segment seg has rank table keys.
func (s *Store) hasRankKeys(seg uint32) bool {
	var any bool
	_ = s.View(func(tx *Tx) error { any = tx.anyKey(rankSegPrefix(seg)); return nil })
	return any
}
