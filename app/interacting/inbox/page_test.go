package inbox

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/storage"
)

// TestPagesEqualReadingEveryMention holds Page — the priority index's
// merge, the time and state indexes, the filtered walks, the counters —
// to reading and sorting every mention (listByReading) at the same clock:
// every built-in view and a mix of saved ones, in pages of several sizes,
// on mentions with every state, owners, moods, intents, sources, equal
// times and priorities, before and after a round of changes.
func TestPagesEqualReadingEveryMention(t *testing.T) {
	t.Parallel()
	st := testkit.Store(t)
	r := rand.New(rand.NewPCG(14, 2))
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	owners := []string{"", "", "Kim Park", "you"}
	moods := []string{"negative", "neutral", "positive"}
	intents := []string{"complaint", "question", "praise"}
	var ms []*storage.Mention
	err := st.Update(func(tx *storage.Tx) error {
		for i := range 3 {
			if err := tx.Sources().Put(&storage.Source{Name: fmt.Sprintf("source %d", i)}); err != nil {
				return err
			}
		}
		for i := range 700 {
			m := &storage.Mention{
				Title: fmt.Sprintf("post %d", i), Text: []string{"cold brew", "decaf latte", "oat milk"}[i%3],
				Published: now.Add(-time.Duration(r.IntN(30*24*3600)) * time.Second), SourceIDs: []uint64{uint64(1 + r.IntN(3))},
				State: storage.MentionState(r.IntN(5)), Owner: owners[r.IntN(len(owners))],
			}
			if i%9 == 0 && len(ms) > 0 {
				m.Published = ms[len(ms)-1].Published
			}
			m.Analysis = storage.Analysis{
				Analysed: r.IntN(4) > 0, Polarity: moods[r.IntN(3)], Intents: []string{intents[r.IntN(3)]},
				Priority: float64(r.IntN(12)) * 7.5,
			}
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
			ms = append(ms, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	svc := New(Params{Store: st})
	var filters []Filter
	for _, v := range BuiltInViews() {
		filters = append(filters, v.Filter)
		v.Filter.Sort = map[string]string{SortPriority: SortNewest, SortNewest: SortPriority}[v.Filter.Sort]
		filters = append(filters, v.Filter)
	}
	filters = append(filters,
		Filter{Sort: SortPriority, Owner: "Kim Park"},
		Filter{Sort: SortPriority, States: StateSet{StateNew}, Intent: "complaint"},
		Filter{Sort: SortNewest, Intent: "question"},
		Filter{Sort: SortPriority, States: StateSet{StateNew, StateNeedsReply}, Polarity: "negative"},
		Filter{Sort: SortNewest, Polarity: "not analysed"},
		Filter{Sort: SortNewest, Intent: "praise", Polarity: "positive"},
		Filter{Sort: SortNewest, Polarity: "negative", SourceID: 2},
		Filter{Sort: SortPriority, Owner: "nobody", States: StateSet{StateNew, StateNeedsReply}},
		Filter{Sort: SortPriority, Query: "decaf"},
		Filter{Sort: SortNewest, Query: "cold -latte", States: StateSet{StateArchived}},
		Filter{Sort: SortNewest, From: now.Add(-10 * 24 * time.Hour), To: now.Add(-3 * 24 * time.Hour)},
		Filter{Sort: SortPriority, States: StateSet{StateNew, StateNeedsReply}, From: now.Add(-7 * 24 * time.Hour)},
		Filter{Sort: SortPriority, Owner: "Kim Park", Answered: AnsweredNo, To: now.Add(-2 * 24 * time.Hour)},
	)
	check := func(label string) {
		t.Helper()
		counts, err := svc.Counts(filters)
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range filters {
			want, _, err := svc.listByReading(f, now)
			if err != nil {
				t.Fatal(err)
			}
			if counts[i].N != len(want) || counts[i].More {
				t.Errorf("%s: %s counts %s, reading finds %d", label, f.Describe(), counts[i], len(want))
			}
			for _, size := range []int{1, 13, 500} {
				var got []uint64
				var after *Cursor
				for {
					p, err := svc.Page(f, now, after, size)
					if err != nil {
						t.Fatal(err)
					}
					if p.Total >= 0 && p.Total != len(want) {
						t.Errorf("%s: %s total %d, want %d", label, f.Describe(), p.Total, len(want))
					}
					got = append(got, p.IDs...)
					if after = p.Next; after == nil {
						break
					}
				}
				if !slices.Equal(got, want) {
					t.Fatalf("%s: %s in pages of %d: %d mentions, reading finds %d", label, f.Describe(), size, len(got), len(want))
				}
			}
		}
	}
	check("as written")
	for _, m := range ms[:250] {
		m.State, m.Owner = storage.MentionState(r.IntN(5)), owners[r.IntN(len(owners))]
		m.Analysis.Priority = float64(r.IntN(12)) * 7.5
		if r.IntN(3) == 0 { // a corrected or new reading: a repeated intent counts once
			m.Analysis.Analysed, m.Analysis.Polarity = r.IntN(4) > 0, moods[r.IntN(3)]
			m.Analysis.Intents = []string{intents[r.IntN(3)], intents[r.IntN(3)]}
		}
		if err := st.Update(func(tx *storage.Tx) error { return tx.Mentions().Put(m) }); err != nil {
			t.Fatal(err)
		}
	}
	check("after changes")
	// Views on one intent or one polarity are counted by the counters, so
	// their pages know their total without reading every mention.
	for _, f := range []Filter{{Intent: "question"}, {States: StateSet{StateNew}, Polarity: "not analysed"}} {
		if p, err := svc.Page(f, now, nil, 5); err != nil || p.Total < 0 {
			t.Errorf("%s: total %d (%v), want it from the counters", f.Describe(), p.Total, err)
		}
	}
}
