package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
)

// Blocked postings (docs/search.md, issue 14). A word's posting list is
// stored as blocks, not as one key per mention:
//
//	'm' 'w' word 0x00 first   value: the block's other positions
//
// first is the block's oldest position (time id, as in every mention
// index); the value holds the rest in ascending order, each as the
// uvarint of its time's difference from the one before and the zigzag
// varint of its id's. A block of one position has an empty value, which is
// also what the per-mention keys of schema 6 were: they are blocks of one.
// A block covers the positions from its first up to the next block's
// first, and holds only positions in that range (blocks never overlap), so
// a reverse seek to word 0x00 p lands on the block that holds p, if any
// does. Blocks hold at most blockCap positions, so a write rewrites a
// bounded value.
//
// Callers speak in entries (word 0x00 time id, the keys of schema 6, as
// tableDef.keys returns them); changePostings turns added and removed
// entries into block rewrites. Every transaction that rewrites blocks
// reads and writes keyPostingsGuard, so two of them never commit over each
// other (one is re-run): without it, two writers that each create the
// first block of a word would commit overlapping blocks.

// blockCap is the most positions a block holds (chosen by measurement,
// docs/search.md).
const blockCap = 128

// postingBudget bounds the bytes of block rewrites the word indexer and
// the rebuild put in one transaction, and an edit of one mention, well
// below Badger's limit (15 % of the 16 MB memtable). A variable for tests.
var postingBudget = 1 << 20

// keyPostingsGuard is read and written by every transaction that rewrites
// posting blocks (its value is empty).
var keyPostingsGuard = []byte{prefixMeta, 'w', 'g'}

// isWordKey reports whether k is a key of a word index.
func isWordKey(k []byte) bool {
	return len(k) > 2 && k[0] == 'm' && (k[1] == wordPrefixes[TextWords][1] || k[1] == wordPrefixes[AuthorWords][1])
}

// splitEntry cuts an entry (prefix word 0x00 time id) or a block key into
// the word's base (prefix word 0x00) and the position.
func splitEntry(k []byte) (base []byte, p Pos, ok bool) {
	if len(k) < 2+1+len(p) || k[len(k)-len(p)-1] != 0 {
		return nil, p, false
	}
	copy(p[:], k[len(k)-len(p):])
	return k[:len(k)-len(p)], p, true
}

func (p Pos) halves() (t, id uint64) {
	return binary.BigEndian.Uint64(p[:8]), binary.BigEndian.Uint64(p[8:])
}

// encodeBlock encodes the positions after the first of ascending ps.
func encodeBlock(ps []Pos) []byte {
	if len(ps) <= 1 {
		return nil
	}
	out := make([]byte, 0, 5*(len(ps)-1))
	pt, pid := ps[0].halves()
	for _, p := range ps[1:] {
		t, id := p.halves()
		out = binary.AppendUvarint(out, t-pt)
		out = binary.AppendVarint(out, int64(id-pid))
		pt, pid = t, id
	}
	return out
}

// decodeBlock appends the positions of the block with first position first
// and value v to dst[:0], ascending.
func decodeBlock(dst []Pos, first Pos, v []byte) ([]Pos, error) {
	dst = append(dst[:0], first)
	t, id := first.halves()
	for len(v) > 0 {
		dt, n := binary.Uvarint(v)
		if n <= 0 {
			return dst, fmt.Errorf("%w: posting block", ErrCorrupt)
		}
		v = v[n:]
		did, m := binary.Varint(v)
		if m <= 0 || (dt == 0 && did <= 0) {
			return dst, fmt.Errorf("%w: posting block", ErrCorrupt)
		}
		v = v[m:]
		t, id = t+dt, id+uint64(did)
		var p Pos
		binary.BigEndian.PutUint64(p[:8], t)
		binary.BigEndian.PutUint64(p[8:], id)
		if p.Compare(dst[len(dst)-1]) <= 0 { // the time wrapped around
			return dst, fmt.Errorf("%w: posting block", ErrCorrupt)
		}
		dst = append(dst, p)
	}
	return dst, nil
}

// blockKey is base followed by the position.
func blockKey(base []byte, p Pos) []byte {
	return append(append(make([]byte, 0, len(base)+len(p)), base...), p[:]...)
}

// postingWrite is one planned write of a block: del, or set key to val.
type postingWrite struct {
	key, val []byte
	del      bool
}

// postingPlan is the block writes that carry out a change of entries.
type postingPlan struct {
	writes []postingWrite
	size   int // about the bytes they add to a transaction
	// heads are the newest blocks of the words whose newest block the
	// plan knows, after it (for headCache).
	heads map[string]head
}

// changePostings adds and removes entries (keys as tableDef.keys returns
// them for the derived indexes). Adding an entry that is there and removing
// one that is not do nothing.
func (tx *Tx) changePostings(add, del [][]byte) error {
	if len(add) == 0 && len(del) == 0 {
		return nil
	}
	plan, err := tx.planPostings(add, del, nil)
	if err != nil {
		return err
	}
	return tx.applyPostings(plan)
}

// readGuard reads the posting blocks' guard (once per transaction): a
// counter that every transaction rewriting blocks raises.
func (tx *Tx) readGuard() (uint64, error) {
	if tx.guardRead {
		return tx.guard, nil
	}
	item, err := tx.txn.Get(keyPostingsGuard)
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
	case err != nil:
		return 0, fmt.Errorf("read the full-text index's guard: %w", err)
	default:
		err = item.Value(func(v []byte) error {
			if len(v) == 8 {
				tx.guard = binary.BigEndian.Uint64(v)
			}
			return nil
		})
		if err != nil {
			return 0, fmt.Errorf("read the full-text index's guard: %w", err)
		}
	}
	tx.guardRead = true
	return tx.guard, nil
}

// applyPostings writes a plan (after guarding the transaction).
func (tx *Tx) applyPostings(plan postingPlan) error {
	if len(plan.writes) == 0 {
		return nil
	}
	if !tx.guarded {
		g, err := tx.readGuard()
		if err != nil {
			return err
		}
		if err := tx.set(keyPostingsGuard, u64(nil, g+1)); err != nil {
			return err
		}
		tx.guarded = true
	}
	for _, w := range plan.writes {
		var err error
		if w.del {
			err = tx.del(w.key)
		} else {
			err = tx.set(w.key, w.val)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// headCache remembers, for the word indexer, the newest block of the words
// it wrote (or that a word has none), so that a batch that only appends
// to a word reads nothing from Badger: a seek per word and batch was most
// of the indexer's time. It is valid only while no other transaction
// rewrote blocks since the indexer's last commit: at is the guard's value
// that commit wrote; an indexer transaction that reads another value
// drops the cache. Only the indexer uses it, under wordsMu.
type headCache struct {
	at    uint64
	heads map[string]head
}

// head is a word's newest block: its first position and value (none: the
// word has no block).
type head struct {
	first Pos
	val   []byte
	none  bool
}

// maxHeads bounds the cache (a few tens of MB at most).
const maxHeads = 1 << 18

// valid drops the cache unless the guard is still at the value the last
// commit left.
func (c *headCache) valid(guard uint64) {
	if c.heads == nil || c.at != guard {
		c.heads = map[string]head{}
		c.at = guard
	}
}

// drop forgets everything (the word keys were dropped outside any
// transaction).
func (c *headCache) drop() { c.heads = nil }

// committed records what a committed plan left and the guard it wrote.
func (c *headCache) committed(plan postingPlan, guard uint64) {
	if c.heads == nil {
		return
	}
	if len(plan.writes) > 0 {
		c.at = guard + 1
	}
	if len(c.heads)+len(plan.heads) > maxHeads {
		c.heads = map[string]head{}
	}
	for b, h := range plan.heads {
		c.heads[b] = h
	}
	for _, w := range plan.writes { // a word the plan wrote but does not know the newest block of
		if base, _, ok := splitEntry(w.key); ok {
			if _, known := plan.heads[string(base)]; !known {
				delete(c.heads, string(base))
			}
		}
	}
}

// wordChange is what a change does to one word's list.
type wordChange struct{ add, del []Pos }

// planPostings reads the blocks a change touches and returns the writes
// that carry it out, without writing. With heads (the word indexer's
// cache, valid for this transaction), the newest blocks it holds are not
// read again.
func (tx *Tx) planPostings(add, del [][]byte, heads *headCache) (postingPlan, error) {
	words := map[string]*wordChange{}
	group := func(keys [][]byte, isAdd bool) error {
		for _, k := range keys {
			base, p, ok := splitEntry(k)
			if !ok {
				return fmt.Errorf("%w: word index entry %q", ErrCorrupt, k)
			}
			c := words[string(base)]
			if c == nil {
				c = &wordChange{}
				words[string(base)] = c
			}
			if isAdd {
				c.add = append(c.add, p)
			} else {
				c.del = append(c.del, p)
			}
		}
		return nil
	}
	if err := group(add, true); err != nil {
		return postingPlan{}, err
	}
	if err := group(del, false); err != nil {
		return postingPlan{}, err
	}
	bases := make([]string, 0, len(words))
	for b := range words {
		bases = append(bases, b)
	}
	slices.Sort(bases)
	pl := postingPlanner{tx: tx}
	if heads != nil && heads.heads != nil {
		pl.heads = heads.heads
		pl.plan.heads = map[string]head{}
	}
	defer pl.close()
	for _, b := range bases {
		if err := pl.word([]byte(b), words[b]); err != nil {
			return postingPlan{}, err
		}
	}
	return pl.plan, nil
}

// postingPlanner plans block rewrites word by word, with one reverse
// iterator for finding the block that covers a position and one forward
// iterator for finding a word's oldest block.
type postingPlanner struct {
	tx       *Tx
	rev, fwd *badger.Iterator
	plan     postingPlan
	key      []byte
	heads    map[string]head // the cache, nil when none is used
}

func (pl *postingPlanner) close() {
	if pl.rev != nil {
		pl.rev.Close()
	}
	if pl.fwd != nil {
		pl.fwd.Close()
	}
}

// block is one block being changed.
type block struct {
	first  Pos   // its key's position (zero for a new block)
	exists bool  // it is stored
	ps     []Pos // its positions, ascending
	add    []Pos
	del    []Pos
}

// load reads the block the iterator is at into a new block, nil if the
// iterator is not at a block of base.
func loadBlock(it *badger.Iterator, base []byte) (*block, error) {
	if !it.Valid() {
		return nil, nil
	}
	item := it.Item()
	k := item.Key()
	if len(k) != len(base)+len(Pos{}) || !bytes.HasPrefix(k, base) {
		return nil, nil
	}
	b := &block{exists: true}
	copy(b.first[:], k[len(base):])
	err := item.Value(func(v []byte) (err error) {
		b.ps, err = decodeBlock(nil, b.first, v)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read posting block %q: %w", k, err)
	}
	return b, nil
}

// word plans the change of one word's list.
func (pl *postingPlanner) word(base []byte, c *wordChange) error {
	add, del := sortedPos(c.add), sortedPos(c.del)
	if pl.rev == nil {
		pl.rev = pl.tx.txn.NewIterator(badger.IteratorOptions{Reverse: true, Prefix: []byte{'m'}})
	}
	// Walk the positions newest first; each goes to the block that covers
	// it, found by a reverse seek unless the previous block covers it too.
	var blocks []*block // newest first
	var cur *block
	var orphans []Pos // added positions older than every block
	newest := pl.heads != nil
	if newest { // start at the word's newest block: from the cache, or read
		h, ok := pl.heads[string(base)]
		if !ok {
			pl.key = append(append(pl.key[:0], base...), maxPos[:]...)
			pl.rev.Seek(pl.key)
			b, err := loadBlock(pl.rev, base)
			if err != nil {
				return err
			}
			h.none = b == nil
			if b != nil {
				h.first, h.val = b.first, encodeBlock(b.ps)
			}
		}
		if !h.none {
			cur = &block{first: h.first, exists: true}
			var err error
			if cur.ps, err = decodeBlock(nil, h.first, h.val); err != nil {
				return err
			}
			blocks = append(blocks, cur)
		}
	}
	ai, di := len(add)-1, len(del)-1
	for ai >= 0 || di >= 0 {
		var p Pos
		isAdd := di < 0 || (ai >= 0 && add[ai].Compare(del[di]) >= 0)
		if isAdd {
			p = add[ai]
		} else {
			p = del[di]
		}
		if cur == nil || p.Compare(cur.first) < 0 {
			var b *block
			if !newest || len(blocks) > 0 { // else the word has no block
				pl.key = append(append(pl.key[:0], base...), p[:]...)
				pl.rev.Seek(pl.key)
				var err error
				if b, err = loadBlock(pl.rev, base); err != nil {
					return err
				}
			}
			if b == nil { // nothing covers p or anything older
				for ; ai >= 0; ai-- {
					orphans = append(orphans, add[ai])
				}
				break
			}
			cur = b
			blocks = append(blocks, b)
		}
		if isAdd {
			cur.add = append(cur.add, p)
			ai--
		} else {
			cur.del = append(cur.del, p)
			di--
		}
	}
	if len(orphans) > 0 {
		slices.Reverse(orphans)
		if newest && len(blocks) == 0 { // the word has no block
			blocks = append(blocks, &block{add: orphans})
		} else if err := pl.adopt(base, &blocks, orphans); err != nil {
			return err
		}
	}
	for i, b := range blocks {
		last := pl.rewrite(base, b)
		switch {
		case !newest || i > 0:
		case last.none && b.exists: // emptied: an older block may be the newest now
			delete(pl.plan.heads, string(base))
		default:
			pl.plan.heads[string(base)] = last
		}
	}
	return nil
}

// maxPos is past every position: a reverse seek to it finds a word's
// newest block.
var maxPos = Pos{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}

// adopt gives positions older than every block of base to its oldest block
// (found with a forward seek), or to a new block when the word has none.
func (pl *postingPlanner) adopt(base []byte, blocks *[]*block, orphans []Pos) error {
	if pl.fwd == nil {
		pl.fwd = pl.tx.txn.NewIterator(badger.IteratorOptions{Prefix: []byte{'m'}})
	}
	pl.fwd.Seek(base)
	b, err := loadBlock(pl.fwd, base)
	if err != nil {
		return err
	}
	if b == nil {
		*blocks = append(*blocks, &block{add: orphans})
		return nil
	}
	for _, o := range *blocks {
		if o.first == b.first { // loaded already: adopt there
			o.add = append(o.add, orphans...)
			return nil
		}
	}
	b.add = orphans
	*blocks = append(*blocks, b)
	return nil
}

// rewrite plans the writes that turn block b into its new positions, and
// returns the newest block they leave in its place (none: nothing).
func (pl *postingPlanner) rewrite(base []byte, b *block) (last head) {
	slices.SortFunc(b.add, Pos.Compare)
	slices.SortFunc(b.del, Pos.Compare)
	appended := len(b.del) == 0 && len(b.add) > 0 && (len(b.ps) == 0 || b.add[0].Compare(b.ps[len(b.ps)-1]) > 0)
	ps, changed := mergePositions(b.ps, b.add, b.del)
	if !changed {
		if len(b.ps) == 0 {
			return head{none: true}
		}
		return head{first: b.first, val: encodeBlock(b.ps)}
	}
	keepKey := false
	last.none = true
	for _, chunk := range chunkPositions(ps, appended) {
		k := blockKey(base, chunk[0])
		v := encodeBlock(chunk)
		keepKey = keepKey || (b.exists && chunk[0] == b.first)
		pl.plan.writes = append(pl.plan.writes, postingWrite{key: k, val: v})
		pl.plan.size += len(k) + len(v) + 16
		last = head{first: chunk[0], val: v}
	}
	if b.exists && !keepKey {
		k := blockKey(base, b.first)
		pl.plan.writes = append(pl.plan.writes, postingWrite{key: k, del: true})
		pl.plan.size += len(k) + 16
	}
	return last
}

// mergePositions returns ps with add added and del removed (all
// ascending, without repeats), and whether that changed anything.
func mergePositions(ps, add, del []Pos) ([]Pos, bool) {
	out := make([]Pos, 0, len(ps)+len(add))
	i, j, d := 0, 0, 0
	for i < len(ps) || j < len(add) {
		var p Pos
		switch {
		case j == len(add) || (i < len(ps) && ps[i].Compare(add[j]) < 0):
			p = ps[i]
			i++
		case i == len(ps) || add[j].Compare(ps[i]) < 0:
			p = add[j]
			j++
		default: // added and there already
			p = ps[i]
			i++
			j++
		}
		for d < len(del) && del[d].Compare(p) < 0 {
			d++
		}
		if d < len(del) && del[d] == p {
			continue
		}
		out = append(out, p)
	}
	return out, !slices.Equal(out, ps)
}

// chunkPositions cuts ascending positions into blocks of at most blockCap:
// full ones from the oldest on when the change only appended (a list that
// grows at its newest end fills its blocks), else blocks of equal size (a
// list that grows anywhere leaves room in each, as a B-tree does).
func chunkPositions(ps []Pos, appended bool) [][]Pos {
	if len(ps) == 0 {
		return nil
	}
	if len(ps) <= blockCap {
		return [][]Pos{ps}
	}
	var out [][]Pos
	if appended {
		for len(ps) > 0 {
			n := min(len(ps), blockCap)
			out = append(out, ps[:n])
			ps = ps[n:]
		}
		return out
	}
	k := (len(ps) + blockCap - 1) / blockCap
	for i := range k {
		n := len(ps) / (k - i)
		out = append(out, ps[:n])
		ps = ps[n:]
	}
	return out
}

// sortedPos sorts positions ascending and drops repeats, in place.
func sortedPos(ps []Pos) []Pos {
	slices.SortFunc(ps, Pos.Compare)
	return slices.Compact(ps)
}
