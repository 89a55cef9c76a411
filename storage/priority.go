package storage

import (
	"bytes"
	"container/heap"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// The priority order of the inbox: mentions by their current priority,
// highest first, then newest first, then by id, highest first. The current
// priority is the base priority weighed by age (a score the app supplies),
// so it changes with the clock and cannot be a key. The priority indexes
// hold what does not change with the clock instead:
//
//	'm' 'r' state priority time id                every mention
//	'm' 'u' owner 0x00 state priority time id     mentions someone owns
//
// where priority is the base priority, highest first. All mentions of one
// state (and owner) with the same base form a bucket, newest first when
// walked backwards, and within a bucket the current priority only falls
// as the walk goes: age only ever lowers it. PriorityPage merges the
// buckets: it keeps the head of every bucket it opened in a heap, and opens
// the next bucket (the next lower base) only when that base could beat the
// best head, since no mention's current priority exceeds its base. A page
// therefore reads about as many keys as it returns, plus one seek per
// bucket it opens; it never reads a mention.

// PriorityIndex selects the mentions a priority walk merges.
type PriorityIndex struct{ prefix []byte }

// PriorityInState walks the mentions in one state.
func PriorityInState(st MentionState) PriorityIndex {
	return PriorityIndex{[]byte{'m', 'r', byte(st)}}
}

// PriorityOwned walks the mentions in one state that owner has.
func PriorityOwned(owner string, st MentionState) PriorityIndex {
	return PriorityIndex{append(append([]byte{'m', 'u'}, owner...), 0, byte(st))}
}

// Score weighs a base priority by the age of a mention at time at. It must
// never exceed base for base ≥ 0, nor base/2 below it, and must not grow as
// at moves into the past.
type Score func(base float64, at time.Time) float64

// bound is the highest score a mention with this base can have.
func bound(base float64) float64 {
	if base < 0 {
		return base / 2
	}
	return base
}

// Ranked is one mention of a priority walk.
type Ranked struct {
	ID    uint64
	Time  time.Time
	Base  float64 // the base priority
	Score float64 // the current priority
}

// before reports whether a comes first in the order.
func (a *Ranked) before(b *Ranked) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	if !a.Time.Equal(b.Time) {
		return a.Time.After(b.Time)
	}
	return a.ID > b.ID
}

// PriorityCursor marks where a priority page ended.
type PriorityCursor struct{ Last Ranked }

// PriorityPage returns up to limit mentions of the merged indexes in the
// priority order, after the cursor (nil: from the first), and the cursor
// of the next page (nil at the end). score must be the same function with
// the same clock on every page of one listing.
func (tx *Tx) PriorityPage(ixs []PriorityIndex, score Score, after *PriorityCursor, limit int) ([]Ranked, *PriorityCursor, error) {
	w := &priorityWalk{tx: tx, score: score, after: after}
	w.it = tx.txn.NewIterator(badger.IteratorOptions{})
	defer w.it.Close()
	w.rit = tx.txn.NewIterator(badger.IteratorOptions{Reverse: true})
	defer w.rit.Close()
	for _, ix := range ixs {
		if err := w.addIndex(ix.prefix); err != nil {
			return nil, nil, err
		}
	}
	var out []Ranked
	for len(out) < limit {
		r, ok, err := w.next()
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			return out, nil, nil
		}
		out = append(out, r)
	}
	if _, more, err := w.peek(); err != nil || !more {
		return out, nil, err
	}
	return out, &PriorityCursor{Last: out[len(out)-1]}, nil
}

// priorityWalk is one merge of buckets.
type priorityWalk struct {
	tx    *Tx
	score Score
	after *PriorityCursor
	it    *badger.Iterator // forward: finds the next bucket of an index
	rit   *badger.Iterator // backward: reads a bucket newest first
	// unopened holds, per index, its next bucket not opened yet.
	unopened []*bucket
	open     bucketHeap
}

// bucket is the mentions of one index with one base priority.
type bucket struct {
	index  []byte // the index prefix
	prefix []byte // index prefix + priority key
	base   float64
	head   Ranked
	ok     bool   // head is valid
	resume []byte // the key to read back from (exclusive)
	buf    []Ranked
}

// addIndex finds the first bucket of an index.
func (w *priorityWalk) addIndex(prefix []byte) error {
	b, err := w.bucketAt(prefix, prefix)
	if err != nil || b == nil {
		return err
	}
	w.unopened = append(w.unopened, b)
	return nil
}

// bucketAt returns the first bucket of index prefix at or after key seek,
// nil when there is none.
func (w *priorityWalk) bucketAt(prefix, seek []byte) (*bucket, error) {
	w.it.Seek(seek)
	if !w.it.ValidForPrefix(prefix) {
		return nil, nil
	}
	k := w.it.Item().Key()
	if len(k) != len(prefix)+8+8+8 {
		return nil, fmt.Errorf("%w: priority index key %q", ErrCorrupt, k)
	}
	bp := append([]byte(nil), k[:len(prefix)+8]...)
	return &bucket{index: prefix, prefix: bp, base: prioFromKey(bp[len(prefix):]), resume: prefixEnd(bp)}, nil
}

// next returns the next mention in the order.
func (w *priorityWalk) next() (Ranked, bool, error) {
	b, ok, err := w.peek()
	if err != nil || !ok {
		return Ranked{}, false, err
	}
	r := b.head
	if err := w.advance(b); err != nil {
		return Ranked{}, false, err
	}
	heap.Fix(&w.open, 0)
	if !b.ok {
		heap.Pop(&w.open)
	}
	return r, true, nil
}

// peek opens buckets until the best open head cannot be beaten by an
// unopened bucket, and returns the bucket holding it.
func (w *priorityWalk) peek() (*bucket, bool, error) {
	for {
		u := w.bestUnopened()
		if u < 0 && len(w.open) == 0 {
			return nil, false, nil
		}
		if u < 0 || (len(w.open) > 0 && w.open[0].head.Score > bound(w.unopened[u].base)) {
			return w.open[0], true, nil
		}
		if err := w.openBucket(u); err != nil {
			return nil, false, err
		}
	}
}

// bestUnopened is the index in unopened of the bucket with the highest
// base, -1 when none is left.
func (w *priorityWalk) bestUnopened() int {
	best := -1
	for i, b := range w.unopened {
		if b != nil && (best < 0 || bound(b.base) > bound(w.unopened[best].base)) {
			best = i
		}
	}
	return best
}

// openBucket moves unopened bucket i into the heap (if it holds a mention
// after the cursor) and finds its index's next bucket.
func (w *priorityWalk) openBucket(i int) error {
	b := w.unopened[i]
	next, err := w.bucketAt(b.index, b.resume)
	if err != nil {
		return err
	}
	w.unopened[i] = next
	if w.after != nil {
		b.resume = w.resumeKey(b)
	}
	if err := w.advance(b); err != nil {
		return err
	}
	for b.ok && w.after != nil && !w.after.Last.before(&b.head) {
		if err := w.advance(b); err != nil {
			return err
		}
	}
	if b.ok {
		heap.Push(&w.open, b)
	}
	return nil
}

// resumeKey is where a bucket's walk starts after the cursor. The walk
// skips every mention that scores above the cursor, or the same with a
// later time: with tEq the oldest time that scores at least the cursor's
// score in this bucket, that is every mention newer than both tEq and the
// cursor's time. The score only falls with age, so tEq is found by
// bisection, without reading anything; openBucket skips the few mentions
// left between the start and the cursor (a minute of margin, and equal
// times).
func (w *priorityWalk) resumeKey(b *bucket) []byte {
	c := &w.after.Last
	if bound(b.base) < c.Score {
		return b.resume // all of it comes after the cursor
	}
	const far = int64(1) << 40 // seconds: beyond any time a mention has
	score := func(t int64) float64 { return w.score(b.base, time.Unix(t, 0)) }
	if score(far) < c.Score {
		return b.resume
	}
	lo, hi := -far, far // score(hi) ≥ c.Score; find the smallest such time
	if score(lo) >= c.Score {
		hi = lo
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if score(mid) >= c.Score {
			hi = mid
		} else {
			lo = mid
		}
	}
	start := max(c.Time.Unix(), hi-1) + 1 + 60
	if start >= far {
		return b.resume
	}
	return timeKey(append([]byte(nil), b.prefix...), time.Unix(start, 0))
}

// advance loads the bucket's next mention (older than its head).
func (w *priorityWalk) advance(b *bucket) error {
	if len(b.buf) == 0 {
		if err := w.fill(b); err != nil {
			return err
		}
	}
	if len(b.buf) == 0 {
		b.ok = false
		return nil
	}
	b.head, b.buf, b.ok = b.buf[0], b.buf[1:], true
	return nil
}

// fill reads the next few mentions of a bucket, newest first.
func (w *priorityWalk) fill(b *bucket) error {
	if b.resume == nil {
		return nil
	}
	n := 16
	it := w.rit
	it.Seek(b.resume)
	if it.Valid() && bytes.Equal(it.Item().Key(), b.resume) {
		it.Next() // the resume key itself was read already
	}
	b.buf = b.buf[:0]
	var last []byte
	for ; it.ValidForPrefix(b.prefix) && len(b.buf) < n; it.Next() {
		k := it.Item().Key()
		if len(k) != len(b.prefix)+16 {
			return fmt.Errorf("%w: priority index key %q", ErrCorrupt, k)
		}
		at := timeFromKey(k[len(b.prefix):])
		b.buf = append(b.buf, Ranked{
			ID: binary.BigEndian.Uint64(k[len(k)-8:]), Time: at, Base: b.base, Score: w.score(b.base, at),
		})
		last = append(last[:0], k...)
	}
	if len(b.buf) < n {
		b.resume = nil // the bucket is read to its end
	} else {
		b.resume = append(b.resume[:0], last...)
	}
	return nil
}

// bucketHeap orders open buckets by their heads, best first.
type bucketHeap []*bucket

func (h bucketHeap) Len() int           { return len(h) }
func (h bucketHeap) Less(i, j int) bool { return h[i].head.before(&h[j].head) }
func (h bucketHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *bucketHeap) Push(x any)        { *h = append(*h, x.(*bucket)) }
func (h *bucketHeap) Pop() any {
	old := *h
	b := old[len(old)-1]
	*h = old[:len(old)-1]
	return b
}
