package advocates

import (
	"math"
	"testing"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// now is the moment the tests score at.
var now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

func daysAgo(days float64) time.Time { return now.Add(-time.Duration(days * float64(day))) }

// mention builds a mention published days ago with a polarity and intents.
func mention(id uint64, link, platform string, days float64, polarity string, intents ...string) storage.Mention {
	return storage.Mention{
		ID: id, Link: link, Platform: platform, Published: daysAgo(days),
		Analysis: storage.Analysis{Analysed: true, Polarity: polarity, Intents: intents},
	}
}

// inter builds an interaction days ago.
func inter(kind, dir string, days float64) storage.Interaction {
	return storage.Interaction{Kind: kind, Direction: dir, At: daysAgo(days)}
}

// h is 2^(-days/45), the default decay.
func h(days float64) float64 { return math.Pow(2, -days/45) }

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-6 {
		t.Errorf("%s = %.6f, want %.6f", what, got, want)
	}
}

// maya is the worked example of docs/advocates.md.
func maya() Inputs {
	m1 := mention(1, "https://mastodon.social/@mayabrews/111", "mastodon", 2, "positive", "praise")
	m1.SourceIDs, m1.Reach = []uint64{3}, 1200
	m2 := mention(2, "https://www.reddit.com/r/pourover/comments/1pbcuir/guji_vs_kenya/", "reddit", 8, "positive")
	m2.SourceIDs = []uint64{1}
	m3 := mention(3, "https://www.reddit.com/r/pourover/comments/1pbcuir/guji_vs_kenya/nx1/", "reddit", 20, "positive")
	m3.SourceIDs = []uint64{1}
	m4 := mention(4, "https://beantherepdx.com/2026/10/22/review/#comment-12", "blog", 45, "neutral", "referral")
	m4.SourceIDs = []uint64{4}
	m5 := mention(5, "https://www.reddit.com/r/Coffee/comments/1pb4mjf/psa/", "reddit", 10, "positive")
	m5.SourceIDs, m5.Corrected = []uint64{1}, &storage.Correction{Polarity: "negative"}
	ref := inter("referral", "get", 2)
	ref.Channel, ref.Value = "in person", 89
	rev := inter("review", "get", 45)
	rev.MentionID = 4
	seen := inter("mention", "get", 8)
	seen.MentionID = 2
	return Inputs{
		Person:       storage.Person{ID: 7, Name: "Maya Okafor", Stage: "advocate"},
		Mentions:     []storage.Mention{m1, m2, m3, m4, m5},
		Interactions: []storage.Interaction{ref, rev, inter("reply", "give", 2), seen},
		Now:          now,
	}
}
