package storage

import (
	"strings"
	"testing"
)

// TestCheckIndexesFindsEveryDrift: 'rapport check' (Store.CheckIndexes)
// names a missing priority entry, a missing contact entry, a counter that
// differs from counting, a daily aggregate that differs from its mentions
// and a queue entry below the queue's floor; 'rapport repair --force'
// (Repair) rebuilds them all, and the check is clean again.
func TestCheckIndexesFindsEveryDrift(t *testing.T) {
	dir := t.TempDir()
	opt := Options{Logger: quietLogger(), Words: testWords, NoBackupServer: true}
	s, err := Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	writePrioritiesFixture(t, s, 40)
	if err := s.IndexQueuedWords(); err != nil {
		t.Fatal(err)
	}
	if problems, err := s.CheckIndexes(); err != nil || len(problems) > 0 {
		t.Fatalf("a store as written: %v %v", problems, err)
	}
	err = s.Update(func(tx *Tx) error {
		for k := range dump(t, s) {
			switch {
			case strings.HasPrefix(k, "mr") && k[len(k)-1] == 7, strings.HasPrefix(k, "pc"), k[0] == prefixDaily && k[len(k)-1] == 'a':
				if err := tx.del([]byte(k)); err != nil {
					return err
				}
			}
		}
		tx.count(tableCounter(sourcesDef.prefix), 2) // two sources no one wrote
		pos := PosOf(&Mention{ID: 3, Published: t0})
		if err := tx.set(wordQueueKey(3), pos[:]); err != nil {
			return err
		}
		return tx.set(keyWordQueueFloor, u64(nil, 10))
	})
	if err != nil {
		t.Fatal(err)
	}
	problems, err := s.CheckIndexes()
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(problems, "\n")
	for _, want := range []string{`"mr`, `"pc`, "the counter of sources is 3, counting gives 1", "daily aggregate", "below the queue's floor"} {
		if !strings.Contains(all, want) {
			t.Errorf("the check does not say %s:\n%s", want, all)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Repair(dir, opt, true); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(dir, opt); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if problems, err := s.CheckIndexes(); err != nil || len(problems) > 0 {
		t.Errorf("after repair: %v %v", problems, err)
	}
	checkIndexes(t, s)
}

// TestCheckIndexesNamesTheIndexWhenTooManyEntriesDiffer: when the entries
// that differ are more than the check holds, it names each index that
// differs with its counts (and the indexes that agree not at all).
func TestCheckIndexesNamesTheIndexWhenTooManyEntriesDiffer(t *testing.T) {
	s := openTemp(t)
	writePrioritiesFixture(t, s, 40)
	err := s.Update(func(tx *Tx) error {
		for k := range dump(t, s) {
			if strings.HasPrefix(k, "mt") {
				if err := tx.del([]byte(k)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	defer func(n int64) { exactEntries = n }(exactEntries)
	for _, tt := range []struct {
		most int64
		want string
	}{
		{1 << 20, `index entry "mt`},
		{10, "index mentions by time differs from the records: where it differs, the records call for 40 entries and 0 are stored"},
	} {
		exactEntries = tt.most
		problems, err := s.CheckIndexes()
		if err != nil {
			t.Fatal(err)
		}
		all := strings.Join(problems, "\n")
		if !strings.Contains(all, tt.want) || strings.Contains(all, "priority") {
			t.Errorf("holding at most %d entries, the check says:\n%s", tt.most, all)
		}
		if tt.most == 10 && len(problems) != 1 {
			t.Errorf("holding at most 10 entries, %d problems, want one line for the index", len(problems))
		}
	}
}
