package storage

import (
	"fmt"
	"sort"

	"github.com/dgraph-io/badger/v4"
)

// CheckIndexes recomputes every index entry and daily aggregate from the
// records, in one snapshot, and returns what differs: entries missing,
// entries left over, queue entries of mentions that do not exist, cells
// that do not add up. Nothing means the indexes
// are exact. 'rapport check' and the kill -9 tests run it.
func (s *Store) CheckIndexes() ([]string, error) {
	want, got := map[string]bool{}, map[string]bool{}
	var problems []string
	err := s.View(func(tx *Tx) error {
		ps, err := tx.QueuedWords()
		if err != nil {
			return err
		}
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
		daily, err := tx.checkDaily()
		if err != nil {
			return err
		}
		problems = append(problems, daily...)
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
		for it.Rewind(); it.Valid(); it.Next() {
			if k := it.Item().Key(); len(k) > 2 && k[0] >= 'a' && k[0] <= 'w' && k[1] >= 'a' && k[1] <= 'z' {
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

// checkDaily sums every mention's share of the daily aggregates and
// returns the cells stored that differ from the sums.
func (tx *Tx) checkDaily() ([]string, error) {
	want, err := tx.dailySums()
	if err != nil {
		return nil, err
	}
	var problems []string
	first, last, ok := tx.DailySpan()
	if ok {
		err = tx.Daily(first, last, func(d Day, dim Dim, c *Cell) {
			k := string(dailyKey(d, dim))
			diff := *c
			if w := want[k]; w != nil {
				diff.Add(w, -1)
				delete(want, k)
			}
			if !diff.zero() {
				problems = append(problems, fmt.Sprintf("the daily aggregate of %s %c %q does not add up: %+v stored", d, dim.Kind, dim.Value, *c))
			}
		})
		if err != nil {
			return nil, err
		}
	}
	for k, w := range want {
		if !w.zero() {
			d, dim, _ := parseDailyKey([]byte(k))
			problems = append(problems, fmt.Sprintf("the daily aggregate of %s %c %q is missing: %d mentions", d, dim.Kind, dim.Value, w.Mentions))
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
