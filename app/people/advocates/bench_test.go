package advocates

import (
	"fmt"
	"testing"

	"github.com/rapportapp/rapport/storage"
)

var (
	benchPlatforms = []string{"reddit", "mastodon", "bluesky", "youtube", "blog", "hackernews"}
	benchPolarity  = []string{"positive", "positive", "neutral", "negative"}
	benchKinds     = []string{"reply", "mention", "referral", "review", "purchase", "sample", "ask", "thanks", "call"}
)

// benchPerson is a busy person: nm mentions over two years on six
// platforms, ni interactions.
func benchPerson(id uint64, nm, ni int) Inputs {
	in := Inputs{Person: storage.Person{ID: id, Name: fmt.Sprintf("Person %d", id), Stage: "advocate"}, Now: now}
	for i := range nm {
		plat := benchPlatforms[i%len(benchPlatforms)]
		m := mention(uint64(i+1), fmt.Sprintf("https://%s.example/t/%d/c/%d#c", plat, i%40, i), plat,
			float64(i*730/max(nm, 1)), benchPolarity[i%len(benchPolarity)], "praise")
		m.SourceIDs, m.Reach = []uint64{uint64(i % 7)}, i*13
		in.Mentions = append(in.Mentions, m)
	}
	for i := range ni {
		x := inter(benchKinds[i%len(benchKinds)], "", float64(i*730/max(ni, 1)))
		x.ID, x.Channel, x.Value = uint64(i+1), "in person", float64(i%50)
		in.Interactions = append(in.Interactions, x)
	}
	return in
}

func BenchmarkCompute(b *testing.B) {
	in, p := benchPerson(1, 500, 200), DefaultParams()
	for b.Loop() {
		Compute(in, p)
	}
}

func BenchmarkLedgerAndNudges(b *testing.B) {
	in := benchPerson(1, 500, 200)
	for b.Loop() {
		Nudges(in, BuildLedger(in.Interactions))
	}
}

func BenchmarkRank(b *testing.B) {
	all := make([]Inputs, 10_000)
	for i := range all {
		all[i] = benchPerson(uint64(i+1), i%20, i%8) // 0–19 mentions, 0–7 interactions each
	}
	p := DefaultParams()
	for b.Loop() {
		Rank(all, p)
	}
}
