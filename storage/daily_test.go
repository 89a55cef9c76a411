package storage

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// wantDaily recomputes the daily aggregates from the mentions.
func wantDaily(t testing.TB, tx *Tx) map[string]Cell {
	t.Helper()
	want, err := tx.dailySums()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Cell{}
	for k, c := range want {
		if !c.zero() {
			out[k] = *c
		}
	}
	return out
}

// checkDaily fails unless the stored daily aggregates are exactly what the
// mentions sum to (checkIndexes calls it).
func checkDaily(t testing.TB, s *Store) {
	t.Helper()
	err := s.View(func(tx *Tx) error {
		want := wantDaily(t, tx)
		got := map[string]Cell{}
		first, last, ok := tx.DailySpan()
		if !ok {
			first, last = 0, -1
		}
		if err := tx.Daily(first, last, func(d Day, dim Dim, c *Cell) { got[string(dailyKey(d, dim))] = *c }); err != nil {
			return err
		}
		for _, k := range slices.Sorted(maps.Keys(want)) {
			if g, ok := got[k]; !ok || !sameCell(g, want[k]) {
				d, dim, _ := parseDailyKey([]byte(k))
				t.Errorf("daily %s %c %q = %+v, want %+v", d, dim.Kind, dim.Value, g, want[k])
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				d, dim, _ := parseDailyKey([]byte(k))
				t.Errorf("stale daily cell %s %c %q", d, dim.Kind, dim.Value)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func sameCell(a, b Cell) bool {
	d := a
	d.Add(&b, -1)
	return d.zero()
}

func analysed(pol string, s float64, intents, tps []string) Analysis {
	return Analysis{Analysed: true, Polarity: pol, Sentiment: s, Intents: intents, TouchPoints: tps}
}

func TestDailyAggregatesStayExactThroughUpdatesAndDeletes(t *testing.T) {
	s := openTemp(t)
	var ms []*Mention
	for i := range 40 {
		m := &Mention{
			Title: fmt.Sprintf("post %d", i), Published: t0.Add(time.Duration(i) * 7 * time.Hour),
			Platform: []string{"reddit", "mastodon", ""}[i%3], SourceIDs: []uint64{uint64(1 + i%2)},
		}
		if i%4 != 0 {
			m.Analysis = analysed([]string{"negative", "neutral", "positive"}[i%3], float64(i%7-3)/3.7,
				[]string{"question", "praise"}[:i%3], []string{"price"}[:i%2])
		}
		if i%5 == 0 {
			m.Analysis.Promise = "at odds"
		}
		ms = append(ms, m)
	}
	putMentions(t, s, ms)
	checkIndexes(t, s)

	// Answering, re-analysing, moving in time and changing sources.
	for i, m := range ms[:20] {
		m.History = append(m.History, Change{At: m.Time().Add(time.Duration(i) * 13 * time.Minute), From: StateNew, To: StateHandled, By: "Kim"})
		m.State = StateHandled
		m.Analysis.Polarity, m.Analysis.Sentiment = "negative", -0.5
		if i%3 == 0 {
			m.Published = m.Published.Add(-36 * time.Hour)
			m.SourceIDs = append(m.SourceIDs, 9)
		}
		put(t, s, (*Tx).Mentions, m)
	}
	checkIndexes(t, s)
	// A change that touches no dimension writes no cell.
	m := ms[30]
	m.Owner = "Dana"
	put(t, s, (*Tx).Mentions, m)
	checkIndexes(t, s)

	for _, m := range ms[:25] {
		if err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(m.ID) }); err != nil {
			t.Fatal(err)
		}
	}
	checkIndexes(t, s)
	// Everything deleted: nothing left, not even zero cells.
	err := s.Update(func(tx *Tx) error {
		for _, m := range ms[25:] {
			if err := tx.Mentions().Delete(m.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k := range dump(t, s) {
		if k[0] == prefixDaily {
			t.Errorf("cell left after every mention was deleted: %q", k)
		}
	}
}

func TestDailyCellsOfOneMention(t *testing.T) {
	m := &Mention{
		Published: time.Date(2026, 3, 4, 23, 59, 0, 0, time.UTC), Platform: "reddit", SourceIDs: []uint64{3, 3},
		Analysis: analysed("positive", 0.25, []string{"praise", "praise", "purchase"}, []string{"price"}),
		History:  []Change{{At: time.Date(2026, 3, 5, 1, 29, 59, 0, time.UTC), From: StateNew, To: StateHandled, By: "Kim"}},
	}
	m.Analysis.Promise = "in line"
	var got []string
	for _, e := range mentionDaily(m) {
		d, dim, _ := parseDailyKey([]byte(e.key))
		got = append(got, fmt.Sprintf("%s %c %s %d/%d/%d %v", d, dim.Kind, dim.Value, e.cell.Mentions, e.cell.Positive, e.cell.Sentiment, e.cell.Delays))
	}
	want := []string{
		"2026-03-04 a  1/1/250000 map[]", "2026-03-04 n reddit 1/1/250000 map[]", "2026-03-04 s 3 1/1/250000 map[]",
		"2026-03-04 i praise 1/1/250000 map[]", "2026-03-04 i purchase 1/1/250000 map[]", "2026-03-04 t price 1/1/250000 map[]",
		"2026-03-04 p in line 1/1/250000 map[]", "2026-03-04 r Kim 1/1/250000 map[90:1]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("cells:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDayOf(t *testing.T) {
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), "1970-01-01"},
		{time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC), "1969-12-31"},
		{time.Date(2026, 11, 20, 23, 0, 0, 0, time.FixedZone("PST", -8*3600)), "2026-11-21"},
	} {
		if got := DayOf(c.t).String(); got != c.want {
			t.Errorf("DayOf(%v) = %s, want %s", c.t, got, c.want)
		}
	}
	if DayOf(time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC)) >= DayOf(time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Error("days before 1970 must sort first")
	}
}

func TestInteractionsBetween(t *testing.T) {
	s := openTemp(t)
	for i := range 10 {
		put(t, s, (*Tx).Interactions, &Interaction{Kind: "reply", At: t0.Add(time.Duration(9-i) * time.Hour)})
	}
	var ids []uint64
	_ = s.View(func(tx *Tx) (err error) {
		ids, err = tx.InteractionIDsBetween(t0.Add(2*time.Hour), t0.Add(5*time.Hour))
		return err
	})
	if want := []uint64{8, 7, 6}; !slices.Equal(ids, want) {
		t.Errorf("between = %v, want %v (oldest first)", ids, want)
	}
	checkIndexes(t, s)
}

func TestMentionsBetween(t *testing.T) {
	s := openTemp(t)
	for i := range 10 {
		put(t, s, (*Tx).Mentions, &Mention{Title: "x", Published: t0.Add(time.Duration(i) * time.Hour)})
	}
	var ids []uint64
	_ = s.View(func(tx *Tx) (err error) {
		ids, err = tx.MentionIDsBetween(t0.Add(2*time.Hour), t0.Add(5*time.Hour), 0)
		return err
	})
	if want := []uint64{5, 4, 3}; !slices.Equal(ids, want) {
		t.Errorf("between = %v, want %v (newest first)", ids, want)
	}
	_ = s.View(func(tx *Tx) (err error) {
		ids, err = tx.MentionIDsBetween(t0.Add(-time.Hour), t0.Add(99*time.Hour), 2)
		return err
	})
	if !slices.Equal(ids, []uint64{10, 9}) {
		t.Errorf("all: %v", ids)
	}
}

// TestCheckIndexesChecksTheDailyAggregates: 'rapport check' said "Every
// index entry matches the records" of a repaired folder whose daily
// aggregates were empty (Insights: "No mentions in this period").
func TestCheckIndexesChecksTheDailyAggregates(t *testing.T) {
	s := openTemp(t)
	put(t, s, (*Tx).Mentions, &Mention{Title: "cold brew", Published: t0})
	if problems, err := s.CheckIndexes(); err != nil || len(problems) > 0 {
		t.Fatalf("a fresh store: %v %v", problems, err)
	}
	all := dailyKey(DayOf(t0), Dim{Kind: DimAll})
	if err := s.Update(func(tx *Tx) error { return tx.set(all, encodeCellForTest(t, Cell{Mentions: 5})) }); err != nil {
		t.Fatal(err)
	}
	problems, err := s.CheckIndexes()
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0], "does not add up") {
		t.Fatalf("a cell that does not add up: %v %v", problems, err)
	}
	if err := s.Update(func(tx *Tx) error { return tx.del(all) }); err != nil {
		t.Fatal(err)
	}
	problems, err = s.CheckIndexes()
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0], "is missing: 1 mentions") {
		t.Fatalf("a missing cell: %v %v", problems, err)
	}
}

func encodeCellForTest(t *testing.T, c Cell) []byte {
	t.Helper()
	v, err := encode(&c)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
