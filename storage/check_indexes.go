package storage

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/dgraph-io/badger/v4"
)

// CheckIndexes recomputes every index entry from the records, in one
// snapshot, and returns what differs: entries missing, entries left over
// (the priority index and the index of contacts among them), queue
// entries of mentions that do not exist or that lie below the queue's
// floor, maintained counters that differ from counting, daily aggregates
// that differ from summing the mentions. Nothing means the indexes are
// exact. 'rapport check' and the kill -9 tests run it.
func (s *Store) CheckIndexes() ([]string, error) {
	want, got := map[string]bool{}, map[string]bool{}
	var problems []string
	err := s.View(func(tx *Tx) error {
		ps, err := tx.QueuedWords()
		if err != nil {
			return err
		}
		problems = append(problems, wordQueueFloorProblems(tx)...)
		cp, err := counterProblems(tx)
		if err != nil {
			return err
		}
		problems = append(problems, cp...)
		dp, err := dailyProblems(tx)
		if err != nil {
			return err
		}
		problems = append(problems, dp...)
		queued := map[uint64]bool{}
		for _, p := range ps {
			queued[p.ID()] = true
		}
		mentions := tx.Mentions()
		err = mentions.Each(func(m *Mention) error {
			for _, k := range mentions.def.keys(m, m.ID, false) {
				want[string(k)] = true
			}
			if queued[m.ID] {
				delete(queued, m.ID)
				return nil
			}
			for _, k := range mentions.def.keys(m, m.ID, true) {
				want[string(k)] = true
			}
			return nil
		})
		if err != nil {
			return err
		}
		for id := range queued {
			problems = append(problems, fmt.Sprintf("the full-text queue lists mention %d, which does not exist", id))
		}
		for _, f := range []func() error{
			func() error { return wantIndex(tx.People(), want) },
			func() error { return wantIndex(tx.Interactions(), want) },
			func() error { return wantIndex(tx.Tasks(), want) },
		} {
			if err := f(); err != nil {
				return err
			}
		}
		it := tx.txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		var blocks blockChecker
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().Key()
			switch {
			case isWordKey(k):
				bp, err := blocks.entries(it.Item(), got)
				if err != nil {
					return err
				}
				problems = append(problems, bp...)
			case len(k) > 2 && k[0] >= 'a' && k[0] <= 'w' && k[1] >= 'a' && k[1] <= 'z':
				got[string(k)] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for k := range got {
		if !want[k] {
			problems = append(problems, fmt.Sprintf("index entry %q is left over", k))
		}
	}
	for k := range want {
		if !got[k] {
			problems = append(problems, fmt.Sprintf("index entry %q is missing", k))
		}
	}
	sort.Strings(problems)
	return problems, nil
}

func wantIndex[T any](tb Table[T], want map[string]bool) error {
	return tb.Each(func(rec *T) error {
		for _, k := range tb.def.indexKeys(rec, *tb.def.id(rec)) {
			want[string(k)] = true
		}
		return nil
	})
}

// wordQueueFloorProblems names the queue entries below the queue's floor,
// where no walk of the queue would find them.
func wordQueueFloorProblems(tx *Tx) []string {
	floor, err := tx.wordQueueFloor()
	if err != nil {
		return []string{fmt.Sprintf("the full-text queue's floor is not readable: %v", err)}
	}
	var problems []string
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: prefixWordQueue})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		if id := idFromKey(it.Item().Key()); id < floor {
			problems = append(problems, fmt.Sprintf("mention %d is queued for the full-text index below the queue's floor %d", id, floor))
		}
	}
	return problems
}

// counterProblems names the maintained counters that differ from what
// counting the records and index entries gives, in the same snapshot.
func counterProblems(tx *Tx) ([]string, error) {
	want, err := tx.countAll()
	if err != nil {
		return nil, err
	}
	got, err := tx.Counts()
	if err != nil {
		return nil, err
	}
	var problems []string
	for name, n := range want {
		if got.m[name] != n {
			problems = append(problems, fmt.Sprintf("the counter of %s is %d, counting gives %d", counterName(name), got.m[name], n))
		}
	}
	for name, n := range got.m {
		if _, ok := want[name]; !ok && n != 0 {
			problems = append(problems, fmt.Sprintf("the counter of %s is %d, counting gives 0", counterName(name), n))
		}
	}
	return problems, nil
}

// dailyProblems names the daily aggregates that differ from summing every
// mention's share.
func dailyProblems(tx *Tx) ([]string, error) {
	sums, err := tx.dailySums()
	if err != nil {
		return nil, err
	}
	var problems []string
	first, last, ok := tx.DailySpan()
	if ok {
		err = tx.Daily(first, last, func(d Day, dim Dim, c *Cell) {
			k := string(dailyKey(d, dim))
			want := sums[k]
			delete(sums, k)
			diff := *c
			if want != nil {
				diff.Add(want, -1)
			}
			if !diff.zero() {
				problems = append(problems, fmt.Sprintf("the daily aggregate of %s, %c %q does not add up: %+v stored", d, dim.Kind, dim.Value, *c))
			}
		})
		if err != nil {
			return nil, err
		}
	}
	for k, c := range sums {
		if !c.zero() {
			d, dim, _ := parseDailyKey([]byte(k))
			problems = append(problems, fmt.Sprintf("the daily aggregate of %s, %c %q is missing: %d mentions", d, dim.Kind, dim.Value, c.Mentions))
		}
	}
	return problems, nil
}

// dailySums is what the mentions add up to, by daily-aggregate key (some
// sums may be zero).
func (tx *Tx) dailySums() (map[string]*Cell, error) {
	sums := map[string]*Cell{}
	err := tx.Mentions().Each(func(m *Mention) error {
		for _, e := range mentionDaily(m) {
			if sums[e.key] == nil {
				sums[e.key] = &Cell{}
			}
			sums[e.key].Add(&e.cell, 1)
		}
		return nil
	})
	return sums, err
}

// counterName says in words what a counter counts.
func counterName(name string) string {
	switch {
	case len(name) == 2 && name[0] == 't' && tableName(name[1]) != "":
		return tableName(name[1])
	case len(name) == 2 && name[0] == 's':
		return fmt.Sprintf("mentions in state %s", MentionState(name[1]))
	case len(name) > 2 && name[0] == 'u' && name[len(name)-2] == 0:
		return fmt.Sprintf("%s's mentions in state %s", name[1:len(name)-2], MentionState(name[len(name)-1]))
	}
	return fmt.Sprintf("%q", name)
}

// blockChecker reads the posting blocks of the word indexes in key order
// (words_blocks.go), adds the entries they hold to got, and names blocks
// that cannot be read, that overlap the next block of their word, or that
// hold more than blockCap positions.
type blockChecker struct {
	base []byte // the word of the block before
	last Pos    // its newest position
	ps   []Pos
}

func (c *blockChecker) entries(item *badger.Item, got map[string]bool) ([]string, error) {
	k := item.Key()
	base, first, ok := splitEntry(k)
	if !ok {
		return []string{fmt.Sprintf("word index key %q is not a posting block", k)}, nil
	}
	var derr error
	err := item.Value(func(v []byte) error { c.ps, derr = decodeBlock(c.ps, first, v); return nil })
	if err != nil {
		return nil, err
	}
	var problems []string
	switch {
	case derr != nil:
		return []string{fmt.Sprintf("posting block %q is not readable: %v", k, derr)}, nil
	case len(c.ps) > blockCap:
		problems = append(problems, fmt.Sprintf("posting block %q holds %d positions, more than %d", k, len(c.ps), blockCap))
	}
	if bytes.Equal(base, c.base) && c.last.Compare(first) >= 0 {
		problems = append(problems, fmt.Sprintf("posting block %q overlaps the one before", k))
	}
	for _, p := range c.ps {
		got[string(blockKey(base, p))] = true
	}
	c.base = append(c.base[:0], base...)
	c.last = c.ps[len(c.ps)-1]
	return problems, nil
}
