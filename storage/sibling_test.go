package storage

import (
	"fmt"
	"sync"
	"testing"
)

// A sibling sees what its transaction sees, even after a commit, and
// siblings read side by side, from table files too (the race detector
// watches).
func TestSiblingsReadTheSameSnapshotSideBySide(t *testing.T) {
	var ms []*Mention
	for i := range 500 {
		ms = append(ms, &Mention{Title: fmt.Sprintf("post %d", i), Text: "text", Published: t0})
	}
	s, _ := openWithTables(t, ms)
	err := s.View(func(tx *Tx) error {
		var sibs []*Tx
		for range 3 {
			sib, ok := tx.Sibling()
			if !ok {
				t.Fatal("no sibling without a commit")
			}
			defer sib.Discard()
			sibs = append(sibs, sib)
		}
		// A commit after: nobody sees it, and no sibling can be opened.
		changed := *ms[7]
		changed.Title = "changed"
		if err := s.Update(func(w *Tx) error { return w.Mentions().Put(&changed) }); err != nil {
			return err
		}
		if _, ok := tx.Sibling(); ok {
			t.Error("a sibling opened after a commit")
		}
		var wg sync.WaitGroup
		for _, sib := range sibs {
			wg.Go(func() {
				for _, m := range ms {
					got, err := sib.Mentions().Get(m.ID)
					if err != nil || got.Title != m.Title {
						t.Errorf("mention %d: %q, %v; want %q", m.ID, got.Title, err, m.Title)
						return
					}
				}
			})
		}
		wg.Wait()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
