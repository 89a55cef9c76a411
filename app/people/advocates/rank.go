package advocates

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// Ranked is one person's place in the advocate ranking.
type Ranked struct {
	PersonID uint64
	Name     string
	Score    Score
}

// Rank scores everyone and orders them by Total, highest first; ties go
// by name (ignoring case), then by id. People merged into another
// (Person.MergedInto) are left out: their records belong to the survivor.
// The scoring is spread over the machine's cores.
func Rank(all []Inputs, p Params) []Ranked {
	var idx []int // the people to rank, as indexes into all
	for i := range all {
		if all[i].Person.MergedInto == 0 {
			idx = append(idx, i)
		}
	}
	now := time.Now() // one moment for everyone without a Now of their own
	rows := make([]rankRow, len(idx))
	parallel(len(idx), func(j int) {
		in := all[idx[j]]
		if in.Now.IsZero() {
			in.Now = now
		}
		name := nameOf(&in.Person)
		rows[j] = rankRow{Ranked{PersonID: in.Person.ID, Name: name, Score: Compute(in, p)}, strings.ToLower(name)}
	})
	slices.SortFunc(rows, func(a, b rankRow) int {
		if c := cmp.Compare(b.Score.Total, a.Score.Total); c != 0 {
			return c
		}
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.PersonID, b.PersonID)
	})
	out := make([]Ranked, len(rows))
	for i := range rows {
		out[i] = rows[i].Ranked
	}
	return out
}

// rankRow is a Ranked with its sort key, the name in lower case.
type rankRow struct {
	Ranked
	key string
}

// parallel calls do(0) … do(n-1) on all cores and waits.
func parallel(n int, do func(int)) {
	workers := min(runtime.GOMAXPROCS(0), n/64+1) // small jobs stay on one goroutine
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				do(i)
			}
		})
	}
	wg.Wait()
}

// Rising returns up to n of the ranked people whose trend is "rising",
// the biggest gain first (ties keep the ranking's order); n ≤ 0 means all.
func Rising(r []Ranked, n int) []Ranked {
	return pick(r, n, TrendRising, func(a, b Ranked) int { return cmp.Compare(b.Score.Trend, a.Score.Trend) })
}

// Fading returns up to n of the ranked people whose trend is "fading",
// the biggest loss first (ties keep the ranking's order); n ≤ 0 means all.
func Fading(r []Ranked, n int) []Ranked {
	return pick(r, n, TrendFading, func(a, b Ranked) int { return cmp.Compare(a.Score.Trend, b.Score.Trend) })
}

func pick(r []Ranked, n int, word string, order func(a, b Ranked) int) []Ranked {
	var out []Ranked
	for _, x := range r {
		if x.Score.TrendWord == word {
			out = append(out, x)
		}
	}
	slices.SortStableFunc(out, order)
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// StageSum is how many people are at one stage and what they brought.
type StageSum struct {
	Stage  Stage
	People int
	Value  float64 // the GetValue of their ledgers: referrals and purchases
}

// SumByStage counts people per stage as the owner set it, with the value
// of the referrals and purchases attributed to them. Every ladder stage is
// listed, lowest first, even when empty; an empty stage counts as
// Stranger; custom labels ("influencer", "press") follow as their own
// groups, in lower case and alphabetical order. Merged people are left out.
func SumByStage(people []storage.Person, ledgers map[uint64]Ledger) []StageSum {
	out := make([]StageSum, len(ladder))
	for i, st := range ladder {
		out[i].Stage = st
	}
	custom := map[Stage]int{} // index into out
	for i := range people {
		p := &people[i]
		if p.MergedInto != 0 {
			continue
		}
		j := stageIndex(p.Stage, &out, custom)
		out[j].People++
		out[j].Value += ledgers[p.ID].GetValue
	}
	slices.SortStableFunc(out[len(ladder):], func(a, b StageSum) int { return cmp.Compare(a.Stage, b.Stage) })
	return out
}

// stageIndex finds (or adds) the row for a stored stage label.
func stageIndex(label string, out *[]StageSum, custom map[Stage]int) int {
	st, ok := ParseStage(label)
	switch {
	case ok:
		return st.Rank()
	case strings.TrimSpace(label) == "":
		return Stranger.Rank()
	}
	st = Stage(strings.ToLower(strings.TrimSpace(label)))
	if j, seen := custom[st]; seen {
		return j
	}
	*out = append(*out, StageSum{Stage: st})
	custom[st] = len(*out) - 1
	return custom[st]
}
