package storage

import (
	"fmt"
	"testing"
	"time"
)

// TestAKeyManyMentionsShareKeepsItsListShort: the same opening on every
// video of a channel gives thousands of mentions one near key. Without a
// cap its list grew with each and was written again whole each time (the
// bytes an import writes grew with the square of the copies); past
// listCap the ids are entries of their own, and the key is found until
// its last mention goes, whichever goes first.
func TestAKeyManyMentionsShareKeepsItsListShort(t *testing.T) {
	defer func(n int) { listCap = n }(listCap)
	listCap = 4
	s := openTemp(t)
	shared := []byte("n-same-opening")
	const n = 10
	for i := range n {
		put(t, s, (*Tx).Mentions, &Mention{
			Title: "video", Published: t0.Add(time.Duration(i) * time.Minute),
			Keys: [][]byte{[]byte(fmt.Sprintf("guid-%d", i)), shared},
		})
	}
	checkIndexes(t, s)
	stored := dump(t, s)
	ids, err := decodeIDs(stored["mK"+string(shared)])
	if err != nil || len(ids) != listCap {
		t.Fatalf("the shared key's list holds %v (%v), want %d ids", ids, err, listCap)
	}
	unlisted := 0
	for k := range stored {
		if len(k) == 2+len(shared)+8 && k[:2+len(shared)] == "mk"+string(shared) {
			unlisted++
		}
	}
	if unlisted != n-listCap {
		t.Errorf("%d entries past the list, want %d", unlisted, n-listCap)
	}
	// The listed ones go first, then the rest, one at a time.
	for _, id := range []uint64{1, 2, 3, 4, 9, 5, 10, 6, 8, 7} {
		found := func() bool {
			var ok bool
			if err := s.View(func(tx *Tx) (err error) { _, ok, err = tx.MentionByKey(shared); return err }); err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if !found() {
			t.Fatalf("the shared key is not found before deleting mention %d", id)
		}
		if err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(id) }); err != nil {
			t.Fatal(err)
		}
		checkIndexes(t, s)
		if id == 7 && found() {
			t.Error("the shared key is found after its last mention went")
		}
	}
}

// TestAListEmptiedInATransactionIsFilledWhenItsWorkIsDone: several
// mentions of one key go in one transaction, listed ones and ones past
// the list, and a new one comes in the same transaction as the last.
func TestAListEmptiedInATransactionIsFilledWhenItsWorkIsDone(t *testing.T) {
	defer func(n int) { listCap = n }(listCap)
	listCap = 2
	s := openTemp(t)
	shared := []byte("n-same-opening")
	video := func(i int) *Mention {
		return &Mention{Title: "video", Published: t0.Add(time.Duration(i) * time.Minute), Keys: [][]byte{[]byte(fmt.Sprintf("guid-%d", i)), shared}}
	}
	for i := range 6 {
		put(t, s, (*Tx).Mentions, video(i))
	}
	list := func() []uint64 {
		ids, err := decodeIDs(dump(t, s)["mK"+string(shared)])
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	del := func(extra *Mention, ids ...uint64) {
		t.Helper()
		if err := s.Update(func(tx *Tx) error {
			for _, id := range ids {
				if err := tx.Mentions().Delete(id); err != nil {
					return err
				}
			}
			if extra != nil {
				return tx.Mentions().Put(extra)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		checkIndexes(t, s)
	}
	del(nil, 1, 2, 5) // the list [1 2] and one past it, 5
	if got := list(); len(got) != 1 || got[0] != 3 {
		t.Errorf("after 1, 2 and 5 went the list is %v, want [3]", got)
	}
	del(video(7), 3, 4, 6) // every one, and a new one
	if got := list(); len(got) != 1 || got[0] != 7 {
		t.Errorf("after the rest went and 7 came the list is %v, want [7]", got)
	}
	del(nil, 7)
	if got := list(); len(got) != 0 {
		t.Errorf("after the last went the list is %v", got)
	}
}
