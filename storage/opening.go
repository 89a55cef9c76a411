package storage

import (
	"bytes"
	"context"
	"errors"
	"slices"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/y"
)

// Progress is how far Open has got with a long step: a migration of an
// older schema, or a rebuild of the full-text index. Options.Progress
// hears it when a step starts and after each of its transactions.
type Progress struct {
	// Step counts the steps from 1; Steps is how many this open runs (it
	// may grow by one when the word index turns out to need a rebuild).
	Step, Steps int
	// Name says what the step does.
	Name string
	// Done of Total: how far the step has got, in the step's own unit
	// (mentions by id, or index entries). Total is 0 when unknown, and an
	// estimate when Estimate is set (Done may pass it). Step 0 (Steps 0)
	// is the check of the folder's files before any migration.
	Done, Total int64
	Estimate    bool
	// Unit names what Done counts ("mentions", "entries").
	Unit string
}

// ErrOpenStopped reports an Open whose context ended during a long step.
// What the step finished is kept; the next Open goes on from there.
var ErrOpenStopped = errors.New("stopped before opening the data folder finished; what its update did is kept, and the next start goes on from there")

// opening is what the long steps of one Open report to, and when they stop.
type opening struct {
	ctx      context.Context
	progress func(Progress)
	p        Progress
}

// beginStep reports that a step named name starts.
func (s *Store) beginStep(name string) {
	o := s.opening
	if o == nil {
		return
	}
	o.p = Progress{Step: o.p.Step + 1, Steps: max(o.p.Steps, o.p.Step+1), Name: name}
	if o.progress != nil {
		o.progress(o.p)
	}
}

// stepDone reports a step's progress after one of its transactions, and
// returns ErrOpenStopped when the open's context has ended. Outside Open
// (a repair runs the same code) it does nothing.
func (s *Store) stepDone(done, total int64, unit string) error {
	o := s.opening
	if o == nil {
		return nil
	}
	o.p.Done, o.p.Total, o.p.Unit, o.p.Estimate = done, total, unit, true
	if o.progress != nil {
		o.progress(o.p)
	}
	if o.ctx.Err() != nil {
		return ErrOpenStopped
	}
	return nil
}

// lastMentionID is the highest id of a stored mention, 0 when there is
// none: the total of steps that walk the mentions by id.
func (s *Store) lastMentionID() int64 {
	var id uint64
	_ = s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Reverse: true, Prefix: []byte{mentionsDef.prefix}})
		defer it.Close()
		it.Seek(recordKey(mentionsDef.prefix, ^uint64(0)))
		if it.Valid() {
			id = idFromKey(it.Item().Key())
		}
		return nil
	})
	return int64(id)
}

// keySpread is where the keys of a prefix lie, from the key counts of
// Badger's tables whose whole range lies inside it, without reading them:
// how far a walk of the prefix has got is the count of the tables that end
// before the key it has reached. Taken before the walk, it also places the
// part that an earlier, stopped walk has done (its deletes are still in
// the tables). Keys in the memtables and in tables that straddle the
// prefix's ends are not counted.
type keySpread struct {
	ends  [][]byte // the tables' last keys, in order
	upTo  []int64  // keys in the tables that end at or before ends[i]
	total int64
}

// spreadOf takes the spread of the keys that start with prefix.
func (s *Store) spreadOf(prefix []byte) keySpread {
	type end struct {
		key  []byte
		keys int64
	}
	var ends []end
	for _, t := range s.db.Tables() {
		if l, r := y.ParseKey(t.Left), y.ParseKey(t.Right); bytes.HasPrefix(l, prefix) && bytes.HasPrefix(r, prefix) {
			ends = append(ends, end{r, int64(t.KeyCount)})
		}
	}
	slices.SortFunc(ends, func(a, b end) int { return bytes.Compare(a.key, b.key) })
	var k keySpread
	for _, e := range ends {
		k.total += e.keys
		k.ends = append(k.ends, e.key)
		k.upTo = append(k.upTo, k.total)
	}
	return k
}

// before estimates how many of the keys lie before key.
func (k keySpread) before(key []byte) int64 {
	i, _ := slices.BinarySearchFunc(k.ends, key, bytes.Compare) // the tables that end before key
	if i == 0 {
		return 0
	}
	return k.upTo[i-1]
}
