package advocates_test

import (
	"fmt"
	"time"

	"github.com/rapportapp/rapport/app/people/advocates"
	"github.com/rapportapp/rapport/storage"
)

func Example() {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	in := advocates.Inputs{
		Person: storage.Person{ID: 1, Name: "Sam"},
		Mentions: []storage.Mention{
			{
				ID: 1, Platform: "reddit", Link: "https://www.reddit.com/r/Coffee/comments/a1/x/", Published: now.AddDate(0, 0, -3),
				SourceIDs: []uint64{1}, Analysis: storage.Analysis{Polarity: "positive"},
			},
			{
				ID: 2, Platform: "mastodon", Link: "https://mastodon.social/@sam/2", Published: now.AddDate(0, 0, -10),
				SourceIDs: []uint64{2}, Reach: 800, Analysis: storage.Analysis{Polarity: "positive"},
			},
		},
		Interactions: []storage.Interaction{
			{Kind: "ask", At: now.AddDate(0, 0, -20)},
			{Kind: "ask", At: now.AddDate(0, 0, -5)},
		},
		Now: now,
	}
	s := advocates.Compute(in, advocates.DefaultParams())
	for _, p := range s.Parts {
		fmt.Printf("%-21s %5.1f  %s\n", p.Name, p.Points, p.Explain)
	}
	fmt.Printf("%-21s %5.1f  %s, %s\n", "Total", s.Total, s.Suggested.Title(), s.TrendWord)
	for _, n := range advocates.Nudges(in, advocates.BuildLedger(in.Interactions)) {
		fmt.Println(n.Text)
	}
	// Output:
	// More than once         10.9  2 positive mentions, most recent 3 days ago: as much as 1.8 of the 5 recent ones that earn full points (older ones count less)
	// More than one person   11.1  2 conversations in 2 feeds; largest audience 800
	// More than one way       5.0  2 platforms (Mastodon, Reddit) and 1 format (post)
	// Sentiment balance      10.0  2 good words, none negative
	// Recency                 9.5  Last good word 3 days ago
	// Total                  46.5  Advocate, rising
	// You asked twice without an answer — give before you ask again.
}
