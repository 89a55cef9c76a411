package storage

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestOpenBuildsTheDailyAggregatesOfASchema4Store writes a store as schema
// 4 did (no daily aggregates, interactions without the index by time and
// memos without its entries) and checks that opening it builds both
// exactly, and that later writes keep them exact.
func TestOpenBuildsTheDailyAggregatesOfASchema4Store(t *testing.T) {
	s := openTemp(t)
	const n = groupBatch + 300 // more than one batch of the migration
	err := s.Update(func(tx *Tx) error {
		for i := range n {
			m := &Mention{
				Title: fmt.Sprintf("post %d", i), Published: t0.Add(-time.Duration(i) * 37 * time.Minute),
				Platform: []string{"reddit", "bluesky"}[i%2], SourceIDs: []uint64{uint64(1 + i%3)},
				Analysis: analysed([]string{"negative", "positive"}[i%2], 0.3, []string{"praise"}, nil),
			}
			if i%10 == 0 {
				m.History = []Change{{At: m.Time().Add(time.Hour), To: StateHandled, By: "Dana"}}
				m.State = StateHandled
			}
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
		}
		for i := range 300 {
			if err := tx.Interactions().Put(&Interaction{PersonID: 1, Kind: "reply", At: t0.Add(-time.Duration(i) * time.Hour)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Turn it into a schema 4 store: neither what schema 6 added nor what
	// schema 5 did.
	dropSchema6(t, s)
	downgrade(t, s, interactionsDef.prefix, 4, func(k string) bool { return k[0] == prefixDaily || strings.HasPrefix(k, "it") })
	s = reopenMigrating(t, s, "build the daily aggregates")
	checkIndexes(t, s) // the entries of schema 6 and the counters too
	if problems, err := s.CheckIndexes(); err != nil || len(problems) > 0 {
		t.Errorf("rapport check after migration: %v %v", problems, err)
	}
	var ids []uint64
	_ = s.View(func(tx *Tx) (err error) {
		ids, err = tx.InteractionIDsBetween(t0.Add(-10*time.Hour), t0.Add(time.Second))
		return err
	})
	if len(ids) != 11 {
		t.Errorf("%d interactions in the last 10 hours, want 11", len(ids))
	}
	// Updates after the migration subtract what the migration added.
	m := get(t, s, (*Tx).Mentions, 5)
	m.Published, m.Platform = t0.Add(-400*time.Hour), "mastodon"
	put(t, s, (*Tx).Mentions, &m)
	x := get(t, s, (*Tx).Interactions, 7)
	x.At = t0.Add(-1000 * time.Hour)
	put(t, s, (*Tx).Interactions, &x)
	checkIndexes(t, s)
}
