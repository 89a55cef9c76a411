package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Pos is a mention's place in the order that every mention index shares:
// by time, then by id. Newest-first walks visit larger positions first.
// Positions compare as byte strings.
type Pos [16]byte

// PosOf returns a mention's position.
func PosOf(m *Mention) Pos {
	var p Pos
	copy(p[:], u64(timeKey(nil, m.Time()), m.ID))
	return p
}

// ID is the mention id at the position.
func (p Pos) ID() uint64 { return binary.BigEndian.Uint64(p[8:]) }

// Time is the mention time at the position (whole seconds).
func (p Pos) Time() time.Time { return timeFromKey(p[:8]) }

// Compare returns -1, 0 or +1 as p is older than, the same as or newer than q.
func (p Pos) Compare(q Pos) int { return bytes.Compare(p[:], q[:]) }

// MentionsWithWord walks the mentions that have a word (folded, as the
// installed splitter returns it) in the given word index, newest first.
func MentionsWithWord(ix WordIndex, word string) MentionIndex {
	p := wordPrefixes[ix]
	w := indexWord(word)
	mi := MentionIndex{prefix: append(append(p[:], w...), 0)}
	if ix == TextWords {
		mi.sealed = chunkBase([]byte(w))
	}
	return mi
}

// MentionsPastTheCap walks the mentions that have more distinct words
// than the word indexes hold of them (see PastTheCap), newest first.
func MentionsPastTheCap() MentionIndex {
	p := wordPrefixes[PastTheCap]
	return MentionIndex{prefix: p[:]}
}

// WordIndexReady reports whether the word indexes are complete and exact
// in this transaction's snapshot: a splitter is installed and the index was
// built with it. When it is not, searches must read the mentions instead.
func (tx *Tx) WordIndexReady() (bool, error) {
	c := tx.s.words
	if c == nil {
		return false, nil
	}
	item, err := tx.txn.Get(keyWords)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read the full-text index marker: %w", err)
	}
	ok := false
	err = item.Value(func(v []byte) error { ok = bytes.Equal(v, c.fingerprint); return nil })
	return ok, err
}

// WordsWithPrefix returns the words of a word index that start with prefix,
// in byte order, up to max of them; complete is false when there are more.
// It jumps from word to word, so its cost grows with the number of words,
// not with the number of mentions that have them.
func (tx *Tx) WordsWithPrefix(ix WordIndex, prefix string, max int) (words []string, complete bool, err error) {
	words, complete, err = tx.openWordsWithPrefix(ix, prefix, max)
	if err != nil || ix != TextWords {
		return words, complete, err
	}
	sealed, all, err := tx.sealedWordsWithPrefix([]byte(indexWord(prefix)), max)
	if err != nil || len(sealed) == 0 {
		return words, complete, err
	}
	words = append(words, sealed...)
	slices.Sort(words)
	words = slices.Compact(words)
	if len(words) > max {
		return words[:max], false, nil
	}
	return words, complete && all, nil
}

func (tx *Tx) openWordsWithPrefix(ix WordIndex, prefix string, max int) (words []string, complete bool, err error) {
	complete = true
	for _, head := range tx.openHeads(ix) {
		ws, all, err := tx.wordsUnder(head, indexWord(prefix), max)
		if err != nil {
			return nil, false, err
		}
		words, complete = append(words, ws...), complete && all
	}
	if len(tx.openHeads(ix)) > 1 {
		slices.Sort(words)
		words = slices.Compact(words)
	}
	if len(words) > max {
		return words[:max], false, nil
	}
	return words, complete, nil
}

// openHeads are the key prefixes under which a word index's open keys
// are word 0x00 position: the index's prefix, or for the text words one
// per segment whose open keys are read ('m' 'w' segment).
func (tx *Tx) openHeads(ix WordIndex) [][]byte {
	p := wordPrefixes[ix]
	if ix != TextWords {
		return [][]byte{p[:]}
	}
	segs := tx.openSegments()
	heads := make([][]byte, len(segs))
	for i, seg := range segs {
		heads[i] = textSegPrefix(seg)
	}
	return heads
}

// wordsUnder lists the words under head that start with prefix, in byte
// order, up to max, jumping from word to word.
func (tx *Tx) wordsUnder(head []byte, prefix string, max int) (words []string, complete bool, err error) {
	base := append(slices.Clip(head), prefix...)
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: base})
	defer it.Close()
	for it.Seek(base); it.Valid(); {
		k := it.Item().Key()
		end := bytes.IndexByte(k[len(head):], 0)
		if end < 0 {
			return nil, false, fmt.Errorf("%w: word index key %q", ErrCorrupt, k)
		}
		if len(words) == max {
			return words, false, nil
		}
		word := k[len(head) : len(head)+end]
		words = append(words, string(word))
		// The smallest key after every entry of this word.
		it.Seek(append(append(slices.Clip(head), word...), 1))
	}
	return words, true, nil
}

// PrefixPositions returns the positions of the mentions that have a word
// starting with prefix in a word index, unordered and possibly repeated
// (once per matching word), reading at most max entries; complete is false
// when there are more. One key-only scan does it, which suits prefixes
// that stand for many words with few mentions each.
func (tx *Tx) PrefixPositions(ix WordIndex, prefix string, max int) (ps []Pos, complete bool, err error) {
	ps, complete, err = tx.openPrefixPositions(ix, prefix, max)
	if err != nil || !complete || ix != TextWords {
		return ps, complete, err
	}
	return tx.sealedPrefixPositions(ps, []byte(indexWord(prefix)), max)
}

func (tx *Tx) openPrefixPositions(ix WordIndex, prefix string, max int) (ps []Pos, complete bool, err error) {
	for _, head := range tx.openHeads(ix) {
		base := append(slices.Clip(head), indexWord(prefix)...)
		it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: base})
		var pos Pos
		for it.Rewind(); it.Valid(); it.Next() {
			if len(ps) == max {
				it.Close()
				return ps, false, nil
			}
			k := it.Item().Key()
			if len(k) < len(base)+1+len(pos) {
				it.Close()
				return nil, false, fmt.Errorf("%w: word index key %q", ErrCorrupt, k)
			}
			copy(pos[:], k[len(k)-len(pos):])
			ps = append(ps, pos)
		}
		it.Close()
	}
	return ps, true, nil
}

// How many steps MentionIter.Seek tries before it seeks: at first, at
// least and at most. Measured on the million-mention scale folder
// (docs/search.md): 8, 2 and 128 against always 3 took AND searches from
// 4.76 / 8.43 ms to 3.11 / 5.39 (p50 / p95), and a rare word ANDed with a
// common one, which always seeks far, from 0.51 / 1.90 to 0.47 / 1.18; any
// of 4–16 at first, 1–2 at least and 64–1,024 at most did the same.
const (
	firstSteps = 8
	leastSteps = 2
	mostSteps  = 128
)

// MentionIter walks one mention index newest first and can jump ahead:
// several of them over different indexes can be intersected or merged by
// position. Close it before the transaction ends.
type MentionIter struct {
	open   openWalk
	pos    Pos // the open keys' walk
	ok     bool
	steps  int
	budget int // steps Seek tries before it seeks
	// sealed walks a text word's chunks in sealed segments (nil: none);
	// the walk is then at head, the newest of the two walks' positions.
	sealed *sealedWalk
	head   Pos
	headOK bool
}

// IterateMentions starts a newest-first walk of a mention index, at its
// newest entry.
func (tx *Tx) IterateMentions(ix MentionIndex) *MentionIter {
	m := &MentionIter{budget: firstSteps}
	if ix.sealed != nil {
		m.sealed = tx.newSealedWalk(ix.sealed)
	}
	m.open.start(tx, tx.openPrefixes(ix))
	var newest Pos
	for i := range newest {
		newest[i] = 0xFF
	}
	m.seek(newest)
	if m.sealed != nil {
		m.merge()
	}
	return m
}

// Valid reports whether the walk is at an entry; false once it is past the
// oldest.
func (m *MentionIter) Valid() bool {
	if m.sealed != nil {
		return m.headOK
	}
	return m.ok
}

// Pos is the position of the current entry.
func (m *MentionIter) Pos() Pos {
	if m.sealed != nil {
		return m.head
	}
	return m.pos
}

// Steps counts the entries the walk has visited, for statistics.
func (m *MentionIter) Steps() int {
	if m.sealed != nil {
		return m.steps + m.sealed.steps
	}
	return m.steps
}

// Err reports a chunk of a sealed segment that could not be read (the
// walk skipped it).
func (m *MentionIter) Err() error {
	if m.sealed != nil {
		return m.sealed.err
	}
	return nil
}

// Next moves to the next older entry.
func (m *MentionIter) Next() {
	if m.sealed == nil {
		m.open.next()
		m.load()
		return
	}
	if !m.headOK {
		return
	}
	h := m.head
	if m.ok && m.pos == h { // a position in both walks is one entry
		m.open.next()
		m.load()
	}
	m.sealed.next(h)
	m.merge()
}

// merge sets the walk's head to the newer of its two walks' positions.
func (m *MentionIter) merge() {
	m.head, m.headOK = m.sealed.head(m.pos, m.ok)
	if m.ok && (!m.headOK || m.pos.Compare(m.head) > 0) {
		m.head, m.headOK = m.pos, true
	}
}

// Seek moves to the newest entry at or older than p. It never moves
// backwards: if the current entry is already at or older than p, it stays.
func (m *MentionIter) Seek(p Pos) {
	if m.sealed != nil {
		if !m.headOK || m.head.Compare(p) <= 0 {
			return
		}
		m.seekOpen(p)
		m.sealed.seek(p)
		m.merge()
		return
	}
	m.seekOpen(p)
}

// seekOpen is Seek on the open keys' walk.
func (m *MentionIter) seekOpen(p Pos) {
	if !m.ok || m.pos.Compare(p) <= 0 {
		return
	}
	// Steps are cheaper than a seek when the target is close: a step reads
	// the next entry of a decoded block, a seek searches every level of
	// Badger's tree again (docs/search.md). How many to try adapts to the
	// walk: twice as many after steps that arrived, half as many after
	// steps that did not, so a walk that is always far behind (a dense word
	// intersected with a rare one) soon seeks at once.
	for range m.budget {
		m.open.next()
		m.load()
		if !m.ok || m.pos.Compare(p) <= 0 {
			m.budget = min(2*m.budget, mostSteps)
			return
		}
	}
	m.budget = max(m.budget/2, leastSteps)
	m.seek(p)
}

// seek moves the open keys' walk to its newest entry at or before p.
func (m *MentionIter) seek(p Pos) {
	m.open.seek(p)
	m.load()
}

// load reads the open keys' walk's position.
func (m *MentionIter) load() {
	m.pos, m.ok = m.open.head()
	if m.ok {
		m.steps++
	}
}

// Close releases the walk.
func (m *MentionIter) Close() {
	m.open.close()
	if m.sealed != nil {
		m.sealed.close()
	}
}

// openPrefixes are the key prefixes of an index's open keys: its prefix,
// or for a text word one per segment whose open keys are read
// ('m' 'w' segment word 0x00).
func (tx *Tx) openPrefixes(ix MentionIndex) [][]byte {
	if ix.sealed == nil {
		return [][]byte{ix.prefix}
	}
	word := ix.sealed[len(prefixSealedWords) : len(ix.sealed)-1]
	segs := tx.openSegments()
	out := make([][]byte, len(segs))
	for i, seg := range segs {
		out[i] = append(append(textSegPrefix(seg), word...), 0)
	}
	return out
}

// openWalk walks the open keys under one or more prefixes newest first,
// merged by position: one Badger iterator a prefix. Every key under a
// prefix is the prefix and a position.
type openWalk struct {
	its      []*badger.Iterator
	prefixes [][]byte
	pos      []Pos
	ok       []bool
	done     []bool // past its oldest key: a walk only moves older, so it stays there
	cur      int    // the iterator at the newest position; -1: none
	key      []byte
}

func (o *openWalk) start(tx *Tx, prefixes [][]byte) {
	o.prefixes, o.cur = prefixes, -1
	o.its = make([]*badger.Iterator, len(prefixes))
	o.pos, o.ok, o.done = make([]Pos, len(prefixes)), make([]bool, len(prefixes)), make([]bool, len(prefixes))
	for i, p := range prefixes {
		o.its[i] = tx.txn.NewIterator(badger.IteratorOptions{Reverse: true, Prefix: p})
	}
}

// seek moves every iterator to its largest key at or before p.
func (o *openWalk) seek(p Pos) {
	for i, it := range o.its {
		if o.done[i] || (o.ok[i] && o.pos[i].Compare(p) <= 0) {
			continue
		}
		o.key = append(append(o.key[:0], o.prefixes[i]...), p[:]...)
		it.Seek(o.key)
		o.load(i)
	}
	o.pick()
}

// next moves past the newest position.
func (o *openWalk) next() {
	if o.cur < 0 {
		return
	}
	o.its[o.cur].Next()
	o.load(o.cur)
	o.pick()
}

func (o *openWalk) load(i int) {
	o.ok[i] = false
	for it := o.its[i]; it.Valid(); it.Next() {
		k := it.Item().Key()
		if len(k) != len(o.prefixes[i])+len(Pos{}) {
			continue // not an entry of this index (cannot happen with exact prefixes)
		}
		copy(o.pos[i][:], k[len(o.prefixes[i]):])
		o.ok[i] = true
		return
	}
	o.done[i] = true
}

func (o *openWalk) pick() {
	o.cur = -1
	for i, ok := range o.ok {
		if ok && (o.cur < 0 || o.pos[i].Compare(o.pos[o.cur]) > 0) {
			o.cur = i
		}
	}
}

// head is the newest position (ok false: past the oldest).
func (o *openWalk) head() (Pos, bool) {
	if o.cur < 0 {
		return Pos{}, false
	}
	return o.pos[o.cur], true
}

func (o *openWalk) close() {
	for _, it := range o.its {
		it.Close()
	}
}

// OldestIn returns the position of the oldest entry of a mention index
// (ok false when it has none): a walk's other end, in one seek.
func (tx *Tx) OldestIn(ix MentionIndex) (p Pos, ok bool) {
	for _, prefix := range tx.openPrefixes(ix) {
		it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		for it.Rewind(); it.Valid(); it.Next() {
			if k := it.Item().Key(); len(k) == len(prefix)+len(Pos{}) {
				var q Pos
				copy(q[:], k[len(prefix):])
				if !ok || q.Compare(p) < 0 {
					p, ok = q, true
				}
				break
			}
		}
		it.Close()
	}
	if ix.sealed != nil {
		if q, found := tx.sealedOldest(ix.sealed); found && (!ok || q.Compare(p) < 0) {
			p, ok = q, true
		}
	}
	return p, ok
}
