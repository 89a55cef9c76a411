package advocates

import (
	"slices"
	"testing"

	"github.com/rapportapp/rapport/storage"
)

// person builds inputs for one person with positive mentions at the
// given ages in days.
func person(id uint64, name string, days ...float64) Inputs {
	in := Inputs{Person: storage.Person{ID: id, Name: name}, Now: now}
	for i, d := range days {
		in.Mentions = append(in.Mentions, mention(id*100+uint64(i), "https://x.example/"+u64(id)+"/"+u64(uint64(i)),
			"web", d, "positive"))
	}
	return in
}

func rankedNames(r []Ranked) []string {
	var out []string
	for _, x := range r {
		out = append(out, x.Name)
	}
	return out
}

func TestRank(t *testing.T) {
	t.Parallel()
	merged := person(9, "Merged", 1, 1, 1)
	merged.Person.MergedInto = 1
	all := []Inputs{
		person(1, "bea", 1),             // tied with Ann and Cy
		person(2, "Dee", 1, 2, 3, 4),    // best
		person(3, "Cy", 1),              //
		person(4, "Ann", 1),             //
		person(5, "Eve"),                // nothing
		person(6, "Fay", 100, 120),      // faded
		merged,                          // left out
		{Person: storage.Person{ID: 8}}, // no name: ranked by id fallback "them"
	}
	for i := range all {
		all[i].Now = now
	}
	got := rankedNames(Rank(all, DefaultParams()))
	want := []string{"Dee", "Ann", "bea", "Cy", "Fay", "Eve", "them"}
	if !slices.Equal(got, want) {
		t.Errorf("Rank = %v, want %v", got, want)
	}
}

func TestRisingFading(t *testing.T) {
	t.Parallel()
	r := Rank([]Inputs{
		person(1, "New fan", 1, 2, 3), // all within the window: rising most
		person(2, "Newer", 1),         // rising
		person(3, "Old fan", 40, 50, 60),
		person(4, "Older", 35),
		person(5, "Steady"),
	}, DefaultParams())
	if got := rankedNames(Rising(r, 0)); !slices.Equal(got, []string{"New fan", "Newer"}) {
		t.Errorf("Rising = %v", got)
	}
	if got := rankedNames(Rising(r, 1)); !slices.Equal(got, []string{"New fan"}) {
		t.Errorf("Rising(1) = %v", got)
	}
	if got := rankedNames(Fading(r, 5)); !slices.Equal(got, []string{"Old fan", "Older"}) {
		t.Errorf("Fading = %v", got)
	}
	if len(Fading(nil, 3)) != 0 {
		t.Error("Fading(nil)")
	}
}

func TestSumByStage(t *testing.T) {
	t.Parallel()
	people := []storage.Person{
		{ID: 1, Stage: "advocate"},
		{ID: 2, Stage: "Advocate"},
		{ID: 3, Stage: "fan"},
		{ID: 4, Stage: "influencer"},
		{ID: 5, Stage: "press"},
		{ID: 6},
		{ID: 7, Stage: "Influencer"},
		{ID: 8, Stage: "champion", MergedInto: 1},
	}
	ledgers := map[uint64]Ledger{
		1: BuildLedger([]storage.Interaction{{Kind: "referral", Value: 89}, {Kind: "sample", Value: 10}}),
		2: BuildLedger([]storage.Interaction{{Kind: "purchase", Value: 20.5}}),
		3: BuildLedger([]storage.Interaction{{Kind: "purchase", Value: 15}}),
		4: BuildLedger([]storage.Interaction{{Kind: "referral", Value: 300}}),
		8: BuildLedger([]storage.Interaction{{Kind: "referral", Value: 1000}}),
	}
	want := []StageSum{
		{Stranger, 1, 0},
		{Engaged, 0, 0},
		{Customer, 1, 15},
		{Advocate, 2, 109.5},
		{Champion, 0, 0},
		{"influencer", 2, 300},
		{"press", 1, 0},
	}
	if got := SumByStage(people, ledgers); !slices.Equal(got, want) {
		t.Errorf("SumByStage =\n%v\nwant\n%v", got, want)
	}
	if got := SumByStage(nil, nil); len(got) != 5 {
		t.Errorf("SumByStage(nil) = %v", got)
	}
}
