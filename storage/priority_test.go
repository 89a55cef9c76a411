package storage

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"
)

// testScore weighs a base priority by age as the inbox does
// (understand.Current): fully when new, never below half.
func testScore(now time.Time) Score {
	return func(base float64, at time.Time) float64 {
		age := now.Sub(at).Hours()
		if age < 0 {
			age = 0
		}
		return base * (0.5 + 0.5*math.Exp2(-age/24))
	}
}

// TestPriorityPagesEqualSortingEveryMention is the priority index's
// equivalence test: paging through the merged buckets, with pages of every
// size, gives exactly the order of scoring and sorting every mention at
// the same clock — ties of score and time, old mentions whose score has
// reached half their base, future dates, owners and several states
// included — and stays so after mentions change state, owner and priority.
func TestPriorityPagesEqualSortingEveryMention(t *testing.T) {
	s := openTemp(t)
	r := rand.New(rand.NewPCG(14, 1))
	now := t0
	bases := []float64{0, 8, 12.5, 22, 36, 36.4, 57.3, 80, 100}
	owners := []string{"", "", "", "Kim", "Dana"}
	var ms []*Mention
	err := s.Update(func(tx *Tx) error {
		for i := range 1500 {
			m := &Mention{
				Title: fmt.Sprintf("m%d", i), State: MentionState(r.IntN(5)), Owner: owners[r.IntN(len(owners))],
				Published: now.Add(-time.Duration(r.IntN(90*24*3600)) * time.Second),
			}
			switch r.IntN(10) {
			case 0: // the same second as another
				if len(ms) > 0 {
					m.Published = ms[r.IntN(len(ms))].Published
				}
			case 1:
				m.Published = now.Add(time.Duration(r.IntN(3600)) * time.Second) // dated in the future
			}
			m.Analysis.Priority = bases[r.IntN(len(bases))]
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
	check := func(label string) {
		t.Helper()
		for _, states := range [][]MentionState{{StateNew}, {StateNew, StateNeedsReply}, MentionStates()} {
			for _, owner := range []string{"", "Kim"} {
				var ixs []PriorityIndex
				for _, st := range states {
					if owner == "" {
						ixs = append(ixs, PriorityInState(st))
					} else {
						ixs = append(ixs, PriorityOwned(owner, st))
					}
				}
				want := sortByScore(ms, states, owner, testScore(now))
				for _, size := range []int{1, 7, 64, 5000} {
					got := pagePriority(t, s, ixs, testScore(now), size)
					if !slices.Equal(got, want) {
						t.Fatalf("%s: states %v owner %q pages of %d: %d mentions, want %d; first difference at %d",
							label, states, owner, size, len(got), len(want), firstDiff(got, want))
					}
				}
			}
		}
	}
	check("as written")
	for _, m := range ms[:400] {
		m.State = MentionState(r.IntN(5))
		m.Owner = owners[r.IntN(len(owners))]
		m.Analysis.Priority = bases[r.IntN(len(bases))]
		put(t, s, (*Tx).Mentions, m)
	}
	check("after changes")
	now = now.Add(36 * time.Hour) // the same index, a later clock
	check("a day and a half later")
	checkIndexes(t, s)
}

func pagePriority(t *testing.T, s *Store, ixs []PriorityIndex, score Score, size int) []uint64 {
	t.Helper()
	var ids []uint64
	var after *PriorityCursor
	for range 100_000 {
		var page []Ranked
		err := s.View(func(tx *Tx) (err error) { page, after, err = tx.PriorityPage(ixs, score, after, size); return err })
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page {
			ids = append(ids, r.ID)
		}
		if after == nil {
			return ids
		}
	}
	t.Fatal("the pages never end")
	return nil
}

func sortByScore(ms []*Mention, states []MentionState, owner string, score Score) []uint64 {
	var rs []Ranked
	for _, m := range ms {
		if slices.Contains(states, m.State) && (owner == "" || m.Owner == owner) {
			rs = append(rs, Ranked{ID: m.ID, Time: m.Time(), Score: score(m.Analysis.Priority, m.Time())})
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].before(&rs[j]) })
	ids := make([]uint64, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return ids
}

func firstDiff(a, b []uint64) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
