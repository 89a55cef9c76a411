// Package insights computes what the Insights screen, the weekly report
// and `rapport insights` show: volume, sentiment and intents over time,
// the touch-point audit, the brand promise, responsiveness, people and
// share of voice, each against the previous period. Figures about
// mentions come from the store's per-day aggregates (storage/daily.go),
// not from the mentions, so they cost the same for a hundred mentions or
// a million; every figure can be turned into the inbox filter that lists
// the mentions behind it (FilterFor).
package insights

import (
	"fmt"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// Period is a run of whole UTC days, both ends included.
type Period struct {
	From, To storage.Day
}

// Days counts the days of the period.
func (p Period) Days() int { return int(p.To-p.From) + 1 }

// Start is the first moment of the period.
func (p Period) Start() time.Time { return p.From.Time() }

// End is the first moment after the period.
func (p Period) End() time.Time { return (p.To + 1).Time() }

// Previous is the period of the same length just before.
func (p Period) Previous() Period {
	n := storage.Day(p.Days())
	return Period{p.From - n, p.From - 1}
}

// String writes the period as "2026-11-14 – 2026-11-20".
func (p Period) String() string { return p.From.String() + " – " + p.To.String() }

// LastDays is the period of n days ending with the day of now.
func LastDays(now time.Time, n int) Period {
	to := storage.DayOf(now)
	return Period{to - storage.Day(max(1, n)) + 1, to}
}

// ParsePeriod reads a period from dates (2006-01-02); an empty from means
// the 7 days up to to, an empty to means today.
func ParsePeriod(from, to string, now time.Time) (Period, error) {
	p := LastDays(now, 7)
	if to != "" {
		t, err := time.Parse(time.DateOnly, to)
		if err != nil {
			return p, fmt.Errorf("--to %q: write a date as 2026-11-20", to)
		}
		p.To = storage.DayOf(t)
		p.From = p.To - 6
	}
	if from != "" {
		f, err := time.Parse(time.DateOnly, from)
		if err != nil {
			return p, fmt.Errorf("--from %q: write a date as 2026-11-14", from)
		}
		p.From = storage.DayOf(f)
	}
	if p.To < p.From {
		return p, fmt.Errorf("the period ends (%s) before it starts (%s)", p.To, p.From)
	}
	return p, nil
}
