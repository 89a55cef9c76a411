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
	p := wordPrefixes[ix]
	base := append(p[:], indexWord(prefix)...)
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: base})
	defer it.Close()
	for it.Seek(base); it.Valid(); {
		k := it.Item().Key()
		end := bytes.IndexByte(k[len(p):], 0)
		if end < 0 {
			return nil, false, fmt.Errorf("%w: word index key %q", ErrCorrupt, k)
		}
		if len(words) == max {
			return words, false, nil
		}
		word := k[len(p) : len(p)+end]
		words = append(words, string(word))
		// The smallest key after every entry of this word.
		it.Seek(append(append(p[:], word...), 1))
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
	p := wordPrefixes[ix]
	base := append(p[:], indexWord(prefix)...)
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: base})
	defer it.Close()
	var pos Pos
	for it.Rewind(); it.Valid(); it.Next() {
		if len(ps) == max {
			return ps, false, nil
		}
		k := it.Item().Key()
		if len(k) < len(base)+1+len(pos) {
			return nil, false, fmt.Errorf("%w: word index key %q", ErrCorrupt, k)
		}
		copy(pos[:], k[len(k)-len(pos):])
		ps = append(ps, pos)
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
	it     *badger.Iterator
	prefix []byte
	key    []byte // scratch for seek keys
	pos    Pos    // the open keys' walk
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
	m := &MentionIter{prefix: ix.prefix, budget: firstSteps}
	if ix.sealed != nil {
		m.sealed = tx.newSealedWalk(ix.sealed)
	}
	m.it = tx.txn.NewIterator(badger.IteratorOptions{Reverse: true, Prefix: ix.prefix})
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
		m.it.Next()
		m.load()
		return
	}
	if !m.headOK {
		return
	}
	h := m.head
	if m.ok && m.pos == h { // a position in both walks is one entry
		m.it.Next()
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
		m.it.Next()
		m.load()
		if !m.ok || m.pos.Compare(p) <= 0 {
			m.budget = min(2*m.budget, mostSteps)
			return
		}
	}
	m.budget = max(m.budget/2, leastSteps)
	m.seek(p)
}

// seek positions the Badger iterator at the largest key at or before p.
func (m *MentionIter) seek(p Pos) {
	m.key = append(append(m.key[:0], m.prefix...), p[:]...)
	m.it.Seek(m.key)
	m.load()
}

// load reads the current entry's position.
func (m *MentionIter) load() {
	m.ok = false
	for ; m.it.Valid(); m.it.Next() {
		k := m.it.Item().Key()
		if len(k) != len(m.prefix)+len(Pos{}) {
			continue // not an entry of this index (cannot happen with exact prefixes)
		}
		copy(m.pos[:], k[len(m.prefix):])
		m.ok = true
		m.steps++
		return
	}
}

// Close releases the walk.
func (m *MentionIter) Close() {
	m.it.Close()
	if m.sealed != nil {
		m.sealed.close()
	}
}

// OldestIn returns the position of the oldest entry of a mention index
// (ok false when it has none): a walk's other end, in one seek.
func (tx *Tx) OldestIn(ix MentionIndex) (p Pos, ok bool) {
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: ix.prefix})
	for it.Rewind(); it.Valid(); it.Next() {
		if k := it.Item().Key(); len(k) == len(ix.prefix)+len(Pos{}) {
			copy(p[:], k[len(ix.prefix):])
			ok = true
			break
		}
	}
	it.Close()
	if ix.sealed != nil {
		if q, found := tx.sealedOldest(ix.sealed); found && (!ok || q.Compare(p) < 0) {
			p, ok = q, true
		}
	}
	return p, ok
}
