package storage

import "sync"

// inflight tracks numbers handed out by one of the store's sequences (the
// mention ids, the counter deltas' numbers) to transactions that have not
// finished yet. Background work that consumes keys in number order (the
// word indexer, the counter fold) may then move a watermark past every
// number below floor(): those transactions all committed or gave up, so
// their keys are in any later snapshot and none can appear below the mark
// afterwards. Sequences only grow (leases survive restarts as gaps), and
// only this process writes the folder (it holds the lock), so the numbers
// one Store handed out are all there are.
type inflight struct {
	mu    sync.Mutex
	open  map[uint64]int
	last  uint64 // the largest number handed out
	first uint64 // the first number handed out (0: none yet)
}

// add records that n was handed to a running transaction.
func (f *inflight) add(n uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.open == nil {
		f.open = map[uint64]int{}
	}
	f.open[n]++
	f.last = max(f.last, n)
	if f.first == 0 {
		f.first = n
	}
}

// since returns the first number handed out by this process (0: none).
func (f *inflight) since() uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.first
}

// done records that the transaction holding n finished.
func (f *inflight) done(n uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.open[n] <= 1 {
		delete(f.open, n)
	} else {
		f.open[n]--
	}
}

// floor is the smallest number that a running or future transaction may
// still commit: the least one in flight, else one past the last handed out.
// Call it before starting the transaction that moves a watermark.
func (f *inflight) floor() uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	lo := f.last + 1
	for n := range f.open {
		lo = min(lo, n)
	}
	return lo
}

// held is one number a transaction holds until it finishes.
type held struct {
	f *inflight
	n uint64
}

// hold records that tx holds n until Store.Update is done with it.
func (tx *Tx) hold(f *inflight, n uint64) {
	f.add(n)
	tx.held = append(tx.held, held{f, n})
}

// release lets go of what the transaction held; Store.Update calls it once
// the transaction committed or failed.
func (tx *Tx) release() {
	for _, h := range tx.held {
		h.f.done(h.n)
	}
	tx.held = nil
}

// newID allocates the next id of a table; a mention id is held until the
// transaction finishes.
func (tx *Tx) newID(table byte) (uint64, error) {
	id, err := tx.s.nextID(table)
	if err == nil && table == mentionsDef.prefix {
		tx.hold(&tx.s.mentionIDs, id)
	}
	return id, err
}
