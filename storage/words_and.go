package storage

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"sort"
	"sync/atomic"

	"github.com/dgraph-io/badger/v4"
)

// Intersecting text words by rank (docs/search.md, "An AND of words").
// Every chunk of a sealed segment that is rank-coded names its positions
// by their place in the segment's one table, and a place in the table
// orders as the position does. So the words of an AND are joined in each
// sealed segment by comparing ranks, and only the ranks they share are
// looked up in the table: a search in a new process reads the parts of
// the table its hits are in (and those of the places one word's walk
// jumps to), where walking each word on its own read every part of every
// segment each word's chunks point into. Chunks of positions (written
// after a change the table could not name) are compared by position.

// IterateAll walks the mentions that have every one of several text
// words (MentionsWithWord(TextWords, …)), newest first: the intersection
// of their IterateMentions, as one walk. ok is false when one of the
// indexes is not a text word's. Close it before the transaction ends.
func (tx *Tx) IterateAll(ixs []MentionIndex) (a *AndIter, ok bool) {
	if len(ixs) == 0 {
		return nil, false
	}
	for _, ix := range ixs {
		if ix.sealed == nil {
			return nil, false
		}
	}
	a = &AndIter{}
	newest := newestPos()
	for _, ix := range ixs {
		m := &MentionIter{budget: firstSteps}
		m.open.start(tx, tx.openPrefixes(ix))
		m.seek(newest)
		a.open = append(a.open, m)
	}
	a.alignOpen()
	a.sealed = tx.newSealedAnd(ixs)
	if a.sealed != nil {
		a.merge()
	}
	return a, true
}

func newestPos() Pos {
	var p Pos
	for i := range p {
		p[i] = 0xFF
	}
	return p
}

// AndIter is the walk IterateAll returns: the join of the words' open keys
// by position, merged with their join in each sealed segment.
type AndIter struct {
	open   []*MentionIter // each word's open keys
	pos    Pos            // where the open keys' join is
	ok     bool
	sealed *sealedAnd // nil: no sealed segment
	head   Pos
	headOK bool
	stop   *atomic.Bool
}

// StopWhen ends the walk where it is once stop is set: a join that
// finds few mentions may take long between two of them, and whoever
// walks it on another goroutine can be told to stop (a search's split).
func (a *AndIter) StopWhen(stop *atomic.Bool) {
	a.stop = stop
	if a.sealed != nil {
		a.sealed.stop = stop
	}
}

func (a *AndIter) stopped() bool { return a.stop != nil && a.stop.Load() }

// Valid reports whether the walk is at a mention.
func (a *AndIter) Valid() bool {
	if a.sealed != nil {
		return a.headOK
	}
	return a.ok
}

// Pos is the current mention's position.
func (a *AndIter) Pos() Pos {
	if a.sealed != nil {
		return a.head
	}
	return a.pos
}

// Next moves to the next older mention.
func (a *AndIter) Next() {
	if a.sealed == nil {
		a.nextOpen()
		return
	}
	if !a.headOK {
		return
	}
	h := a.head
	if a.ok && a.pos == h {
		a.nextOpen()
	}
	a.sealed.next(h)
	a.merge()
}

// Seek moves to the newest mention at or older than p, never back.
func (a *AndIter) Seek(p Pos) {
	if a.sealed == nil {
		a.seekOpen(p)
		return
	}
	if !a.headOK || a.head.Compare(p) <= 0 {
		return
	}
	a.seekOpen(p)
	a.sealed.seek(p)
	a.merge()
}

// Err reports a chunk or a rank table of a sealed segment that could not
// be read: the mentions it held were not given.
func (a *AndIter) Err() error {
	if a.sealed != nil {
		return a.sealed.err
	}
	return nil
}

// Close releases the walk.
func (a *AndIter) Close() {
	for _, m := range a.open {
		m.Close()
	}
	if a.sealed != nil {
		a.sealed.close()
	}
}

func (a *AndIter) merge() {
	a.head, a.headOK = a.sealed.head(a.pos, a.ok)
	if a.ok && (!a.headOK || a.pos.Compare(a.head) > 0) {
		a.head, a.headOK = a.pos, true
	}
}

// alignOpen joins the open keys' walks: each seeks to the oldest of their
// positions until all agree or one is past its oldest.
func (a *AndIter) alignOpen() {
	a.ok = false
	for !a.stopped() {
		target := a.open[0].Pos()
		for _, m := range a.open {
			if !m.Valid() {
				return
			}
			if m.Pos().Compare(target) < 0 {
				target = m.Pos()
			}
		}
		agree := true
		for _, m := range a.open {
			m.Seek(target)
			if !m.Valid() {
				return
			}
			agree = agree && m.Pos() == target
		}
		if agree {
			a.pos, a.ok = target, true
			return
		}
	}
}

func (a *AndIter) nextOpen() {
	if !a.ok {
		return
	}
	a.open[0].Next()
	a.alignOpen()
}

func (a *AndIter) seekOpen(p Pos) {
	if !a.ok || a.pos.Compare(p) <= 0 {
		return
	}
	a.open[0].Seek(p)
	a.alignOpen()
}

// ---- sealed segments

// sealedAnd joins the words in each sealed segment and merges the
// segments by position. A segment is opened when the walk comes down to
// its newest position, as sealedWalk does.
type sealedAnd struct {
	tx      *Tx
	words   []*andWord
	pending []segMeta // segments not opened yet, newest first
	segs    []*segAnd
	bound   Pos // the last seek's target
	err     error
	stop    *atomic.Bool // set: every segment's join ends where it is
}

// andWord is one word's chunks: one Badger iterator for every segment,
// moved only by seeking.
type andWord struct {
	base []byte
	it   *badger.Iterator
	key  []byte
	// at is the cursor whose chunk the iterator is at (nil: none), which
	// goes to its next chunk with a step instead of a seek.
	at *rankCursor
}

func (w *andWord) seek(seg uint32, p Pos) {
	w.at = nil
	w.key = append(binary.BigEndian.AppendUint32(append(w.key[:0], w.base...), seg), p[:]...)
	w.it.Seek(w.key)
}

func (tx *Tx) newSealedAnd(ixs []MentionIndex) *sealedAnd {
	order := tx.segmentOrder()
	if len(order) == 0 {
		return nil
	}
	s := &sealedAnd{tx: tx, pending: order, bound: newestPos()}
	for _, ix := range ixs {
		it := tx.txn.NewIterator(badger.IteratorOptions{Reverse: true, Prefix: ix.sealed})
		s.words = append(s.words, &andWord{base: ix.sealed, it: it})
	}
	return s
}

func (s *sealedAnd) close() {
	for _, w := range s.words {
		w.it.Close()
	}
}

// fail keeps the first error; the segment it came from is given up.
func (s *sealedAnd) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

func (s *sealedAnd) activeHead() (p Pos, ok bool) {
	for _, g := range s.segs {
		if g.ok && (!ok || g.hit.Compare(p) > 0) {
			p, ok = g.hit, true
		}
	}
	return p, ok
}

// head is the newest position of the joins, given the open keys' join's.
func (s *sealedAnd) head(open Pos, openOK bool) (Pos, bool) {
	for len(s.pending) > 0 {
		h, ok := s.activeHead()
		if openOK && (!ok || open.Compare(h) > 0) {
			h, ok = open, true
		}
		next := s.pending[0]
		if ok && next.newest.Compare(h) < 0 {
			break
		}
		s.pending = s.pending[1:]
		if g := s.openSeg(next.seg); g.ok {
			s.segs = append(s.segs, g)
		}
	}
	return s.activeHead()
}

func (s *sealedAnd) next(p Pos) {
	for _, g := range s.segs {
		if g.ok && g.hit == p {
			g.next()
		}
	}
}

func (s *sealedAnd) seek(p Pos) {
	if p.Compare(s.bound) < 0 {
		s.bound = p
	}
	for _, g := range s.segs {
		g.seek(p)
	}
}

// openSeg starts the join of segment seg at its newest mention at or
// older than the bound.
func (s *sealedAnd) openSeg(seg uint32) *segAnd {
	g := &segAnd{s: s, seg: seg, parts: map[uint32][]Pos{}}
	for _, w := range s.words {
		c := &rankCursor{w: w}
		w.seek(seg, s.bound)
		if !g.load(c) {
			return g
		}
		g.cur = append(g.cur, c)
	}
	if s.bound != newestPos() { // the walk was sought: start where it is
		bound := entry{rank: -1, pos: s.bound}
		for _, c := range g.cur {
			if c.seekTo(g, bound); c.done {
				return g
			}
		}
	}
	g.align()
	return g
}

// entry is a place in a segment's walk: a rank in its table, or a
// position (rank -1) when a chunk holds positions or a seek gave one.
type entry struct {
	rank int32
	pos  Pos
}

// segAnd is the join of the words in one sealed segment.
type segAnd struct {
	s     *sealedAnd
	seg   uint32
	cur   []*rankCursor
	hit   Pos
	ok    bool
	parts map[uint32][]Pos // the parts of the table read
}

// posOf is an entry's position; ok false (and the walk's error set) when
// the table does not have its rank.
func (g *segAnd) posOf(e entry) (Pos, bool) {
	if e.rank < 0 {
		return e.pos, true
	}
	part := uint32(e.rank) / rankPart
	ps, ok := g.parts[part]
	if !ok {
		var err error
		if ps, err = g.s.tx.rankPart(g.seg, part); err != nil {
			g.s.fail(fmt.Errorf("read the full-text rank table of segment %d: %w", g.seg, err))
			return Pos{}, false
		}
		g.parts[part] = ps
	}
	at := int(uint32(e.rank) % rankPart)
	if at >= len(ps) {
		g.s.fail(fmt.Errorf("read the full-text rank table of segment %d: %w", g.seg, errChunk))
		return Pos{}, false
	}
	return ps[at], true
}

// known reports whether e's position is at hand without a read.
func (g *segAnd) known(e entry) bool {
	if e.rank < 0 {
		return true
	}
	_, ok := g.parts[uint32(e.rank)/rankPart]
	return ok
}

// compare is -1, 0 or +1 as a is older than, the same as or newer than
// b, as Pos.Compare; ok false when a rank could not be looked up.
func (g *segAnd) compare(a, b entry) (int, bool) {
	if a.rank >= 0 && b.rank >= 0 {
		return cmp.Compare(b.rank, a.rank), true
	}
	pa, ok := g.posOf(a)
	if !ok {
		return 0, false
	}
	pb, ok := g.posOf(b)
	if !ok {
		return 0, false
	}
	return pa.Compare(pb), true
}

// stop ends the segment's join (a read failed).
func (g *segAnd) stop() {
	g.ok = false
	for _, c := range g.cur {
		c.done = true
	}
}

// align moves the words' cursors forward until they are at the same
// entry, or one is past its oldest.
func (g *segAnd) align() {
	g.ok = false
	for g.s.stop == nil || !g.s.stop.Load() {
		for _, c := range g.cur {
			if c.done {
				return
			}
		}
		target := g.cur[0].at()
		for _, c := range g.cur[1:] {
			d, ok := g.compare(c.at(), target)
			if !ok {
				g.stop()
				return
			}
			if d < 0 {
				target = c.at()
			}
		}
		agree := true
		for _, c := range g.cur {
			if c.seekTo(g, target); c.done {
				return
			}
			d, ok := g.compare(c.at(), target)
			if !ok {
				g.stop()
				return
			}
			agree = agree && d == 0
		}
		if agree {
			p, ok := g.posOf(target)
			if !ok {
				g.stop()
				return
			}
			g.hit, g.ok = p, true
			return
		}
	}
}

func (g *segAnd) next() {
	if !g.ok {
		return
	}
	g.cur[0].advance(g)
	g.align()
}

func (g *segAnd) seek(p Pos) {
	if !g.ok || g.hit.Compare(p) <= 0 {
		return
	}
	g.cur[0].seekTo(g, entry{rank: -1, pos: p})
	g.align()
}

// load decodes the chunk the word's iterator is at into c, if it is one
// of the segment's; false (and c done) if not.
func (g *segAnd) load(c *rankCursor) bool {
	it := c.w.it
	if !it.Valid() {
		c.done = true
		return false
	}
	item := it.Item()
	seg, oldest, ok := parseChunkKey(item.Key(), len(c.w.base))
	if !ok || seg != g.seg {
		c.done = true
		return false
	}
	c.i, c.oldest = 0, oldest
	err := item.Value(func(v []byte) error {
		if len(v) > 0 && v[0] == rankCoded {
			var err error
			c.ranks, err = decodeRankList(c.ranks[:0], v)
			c.ps = c.ps[:0]
			return err
		}
		var err error
		c.ps, err = decodeChunk(c.ps[:0], v)
		c.ranks = c.ranks[:0]
		return err
	})
	if err != nil || c.n() == 0 {
		g.s.fail(fmt.Errorf("read the full-text chunk %q: %w", item.Key(), cmp.Or(err, errChunk)))
		c.done = true
		return false
	}
	c.w.at = c
	return true
}

// decodeRankList appends the ranks of a rank-coded chunk to rs.
func decodeRankList(rs []int32, b []byte) ([]int32, error) {
	b = b[1:]
	n, w := binary.Uvarint(b)
	if w <= 0 || n == 0 || n > maxChunk {
		return rs, errChunk
	}
	b = b[w:]
	var r uint64
	for i := uint64(0); i < n; i++ {
		d, w := binary.Uvarint(b)
		if w <= 0 || (i > 0 && d == 0) {
			return rs, errChunk
		}
		b = b[w:]
		if r += d; r < d || r >= 1<<31 {
			return rs, errChunk
		}
		rs = append(rs, int32(r))
	}
	if len(b) != 0 {
		return rs, errChunk
	}
	return rs, nil
}

// rankCursor walks one word's chunks in one sealed segment, newest first.
type rankCursor struct {
	w      *andWord
	ranks  []int32 // the chunk's ranks, when it is rank-coded
	ps     []Pos   // the chunk's positions, when not
	i      int
	oldest Pos // the chunk's key
	done   bool
}

func (c *rankCursor) n() int { return len(c.ranks) + len(c.ps) }

func (c *rankCursor) entryAt(i int) entry {
	if len(c.ranks) > 0 {
		return entry{rank: c.ranks[i]}
	}
	return entry{rank: -1, pos: c.ps[i]}
}

func (c *rankCursor) at() entry { return c.entryAt(c.i) }

// nextChunk loads the next older chunk of the segment.
func (c *rankCursor) nextChunk(g *segAnd) {
	if c.w.at == c { // the iterator is at this chunk: the next key is the next chunk, if the segment has one
		c.w.at = nil
		c.w.it.Next()
		g.load(c)
		return
	}
	older, ok := c.oldest.before()
	if !ok {
		c.done = true
		return
	}
	c.w.seek(g.seg, older)
	g.load(c)
}

// advance moves one entry older.
func (c *rankCursor) advance(g *segAnd) {
	if c.done {
		return
	}
	if c.i++; c.i < c.n() {
		return
	}
	c.nextChunk(g)
}

// jumpChunks is how many chunks a cursor steps through before it looks
// up where its target is and seeks there: a step needs no part of the
// table, a seek needs the target's.
const jumpChunks = 4

// seekTo moves to the first entry at or older than t.
func (c *rankCursor) seekTo(g *segAnd, t entry) {
	steps, jumped := 0, false
	for !c.done {
		d, ok := g.compare(c.entryAt(c.n()-1), t)
		if !ok {
			g.stop()
			return
		}
		if d > 0 { // the whole chunk is newer than t
			if jumped || (steps < jumpChunks && !g.known(t)) {
				steps++
				c.nextChunk(g)
				continue
			}
			p, ok := g.posOf(t)
			if !ok {
				g.stop()
				return
			}
			if p.Compare(c.oldest) >= 0 { // the table and the chunk's key disagree
				g.s.fail(fmt.Errorf("read the full-text rank table of segment %d: %w", g.seg, errRankTable))
				g.stop()
				return
			}
			jumped = true
			c.w.seek(g.seg, p)
			g.load(c)
			continue
		}
		j, ok := c.newer(g, t)
		if !ok {
			g.stop()
			return
		}
		c.i += j
		return
	}
}

// newer is how many entries of the chunk from the cursor on are newer
// than t (ok false when a rank could not be looked up). When the chunk and
// t are both ranks, a newer entry is one with a lower rank, compared with
// no lookup.
func (c *rankCursor) newer(g *segAnd, t entry) (int, bool) {
	if t.rank >= 0 && len(c.ranks) > 0 {
		rs := c.ranks[c.i:]
		return gallop(len(rs), func(k int) bool { return rs[k] >= t.rank }), true
	}
	failed := false
	j := gallop(c.n()-c.i, func(k int) bool {
		d, ok := g.compare(c.entryAt(c.i+k), t)
		failed = failed || !ok
		return d <= 0
	})
	return j, !failed
}

// gallop is the smallest k in [0, n) for which reached(k) is true, or n,
// reached being false and then true along k (as for sort.Search). A join's
// target is usually a few entries ahead, so it looks at 0, 1, 3, 7, …
// and searches by halves only between the last two it looked at: a
// search by halves of the whole rest of the chunk was 40 % of an AND's
// time at a million mentions (docs/search.md).
func gallop(n int, reached func(int) bool) int {
	lo, bound := 0, 1
	for bound <= n && !reached(bound-1) {
		lo, bound = bound, 2*bound
	}
	hi := min(bound-1, n) // reached there, or the end
	return lo + sort.Search(hi-lo, func(k int) bool { return reached(lo + k) })
}
