package storage

import (
	"fmt"
	"sort"

	"github.com/dgraph-io/badger/v4"
)

// CheckIndexes recomputes every index entry from the records, in one
// snapshot, and returns what differs: entries missing, entries left over,
// queue entries of mentions that do not exist. Nothing means the indexes
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
