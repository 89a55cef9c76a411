// Package gen writes generated mentions, answers and interactions into a
// store, for the tests and benchmarks of insights: varied networks,
// sources, readings, touch points, promise verdicts and first answers by
// several people, spread over weeks. Deterministic for a seed.
package gen

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/rapportapp/rapport/storage"
)

var (
	networks = []string{"reddit", "mastodon", "bluesky", "hackernews", "youtube", ""}
	intents  = []string{"praise", "purchase", "question", "complaint", "referral", "know"}
	touches  = []string{"price", "delivery", "service", "quality", "website"}
	people   = []string{"Dana", "Kim", "Luis", ""}
	words    = []string{"coffee", "beans", "roast", "starbucks", "delivery", "late", "lovely", "price", "bag", "latte", "peet's"}
)

// Options say what to generate.
type Options struct {
	Mentions int
	Days     int       // spread over this many days before End
	End      time.Time // the newest mention's time
	Seed     uint64
	// Sources are the source ids to spread mentions over (created when
	// empty: three).
	Sources []uint64
	// Interactions adds one interaction per this many mentions (0: none).
	InteractionEvery int
}

// Mention returns generated mention i (not stored).
func Mention(r *rand.Rand, i int, o Options) storage.Mention {
	at := o.End.Add(-time.Duration(r.Int64N(int64(o.Days) * int64(24*time.Hour)))).Truncate(time.Second)
	m := storage.Mention{
		Title: fmt.Sprintf("post %d", i), Author: fmt.Sprintf("user%d", r.IntN(500)), Published: at,
		Platform: networks[r.IntN(len(networks))], SourceIDs: []uint64{o.Sources[r.IntN(len(o.Sources))]},
		Text: words[r.IntN(len(words))] + " " + words[r.IntN(len(words))] + " " + words[r.IntN(len(words))],
		Keys: [][]byte{fmt.Appendf(nil, "igen-%d-%d", o.Seed, i)},
	}
	if r.IntN(10) > 0 {
		s := float64(r.IntN(2001)-1000) / 1000
		pol := "neutral"
		switch {
		case s <= -0.15:
			pol = "negative"
		case s >= 0.15:
			pol = "positive"
		}
		m.Analysis = storage.Analysis{Analysed: true, Sentiment: s, Polarity: pol, Priority: float64(r.IntN(100))}
		for _, in := range intents {
			if r.IntN(4) == 0 {
				m.Analysis.Intents = append(m.Analysis.Intents, in)
			}
		}
		if r.IntN(2) == 0 {
			m.Analysis.TouchPoints = []string{touches[r.IntN(len(touches))]}
		}
		switch r.IntN(5) {
		case 0:
			m.Analysis.Promise = "at odds"
		case 1:
			m.Analysis.Promise = "in line"
		}
	}
	switch r.IntN(4) {
	case 0, 1: // answered after a few minutes to a few days
		delay := time.Duration(r.Int64N(int64(72*time.Hour))) / time.Duration(1+r.IntN(20))
		m.History = []storage.Change{{At: at.Add(delay), From: storage.StateNew, To: storage.StateHandled, By: people[r.IntN(len(people))]}}
		m.State = storage.StateHandled
	case 2:
		m.State = storage.StateNeedsReply
	}
	return m
}

// Write stores the generated records, a thousand per transaction.
func Write(st *storage.Store, o Options) error {
	r := rand.New(rand.NewPCG(o.Seed, 7))
	if len(o.Sources) == 0 {
		err := st.Update(func(tx *storage.Tx) error {
			for i := range 3 {
				s := storage.Source{Name: fmt.Sprintf("Generated %d", i+1)}
				if err := tx.Sources().Put(&s); err != nil {
					return err
				}
				o.Sources = append(o.Sources, s.ID)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for start := 0; start < o.Mentions; start += 1000 {
		err := st.Update(func(tx *storage.Tx) error {
			for i := start; i < min(start+1000, o.Mentions); i++ {
				m := Mention(r, i, o)
				if err := tx.Mentions().Put(&m); err != nil {
					return err
				}
				if o.InteractionEvery > 0 && i%o.InteractionEvery == 0 {
					x := storage.Interaction{
						PersonID: uint64(1 + r.IntN(5)), MentionID: m.ID, At: m.Time().Add(time.Hour),
						Kind: []string{"reply", "review", "referral", "thanks", "purchase"}[r.IntN(5)], Value: float64(r.IntN(50)),
					}
					if err := tx.Interactions().Put(&x); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
