package insights

import (
	"fmt"
	"time"

	"github.com/rapportapp/rapport/app/interacting/inbox"
	"github.com/rapportapp/rapport/app/understanding/analyze"
	"github.com/rapportapp/rapport/storage"
)

// Params is what the insights service is built from.
type Params struct {
	Store *storage.Store
	// Inbox counts the mentions of share of voice (through its filters,
	// so the figure and the list behind it agree).
	Inbox *inbox.Service
	// Config reads the analysis settings (the competitors named there).
	Config func() (analyze.Config, error)
	Now    func() time.Time
}

// Service computes insights.
type Service struct{ p Params }

// New returns the insights service.
func New(p Params) *Service {
	if p.Now == nil {
		p.Now = time.Now
	}
	return &Service{p: p}
}

// Insights is everything the Insights screen shows for a period, with the
// previous period of the same length for comparison.
type Insights struct {
	Period   Period `json:"-"`
	From     string `json:"from"`
	To       string `json:"to"`
	PrevFrom string `json:"previous_from"`
	PrevTo   string `json:"previous_to"`
	// Empty is set when the period has no mention at all.
	Empty          bool     `json:"empty"`
	Totals         Totals   `json:"totals"`
	PreviousTotals Totals   `json:"previous_totals"`
	Days           []DayRow `json:"days"`
	Networks       []Split  `json:"networks"`
	Sources        []Split  `json:"sources"`
	Intents        []Split  `json:"intents"`
	TouchPoints    []Split  `json:"touchpoints"`
	Promise        Promise  `json:"promise"`
	Response       Response `json:"response"`
	People         People   `json:"people"`
	Voice          []Voice  `json:"share_of_voice"`
	// Praise and Issues are the period's most telling praise and
	// complaints (from the newest SampleSize mentions of the period).
	Praise []Quote `json:"top_praise"`
	Issues []Quote `json:"top_issues"`
}

// Promise is how the period's mentions sit with the brand promise.
type Promise struct {
	InLine         int64   `json:"in_line"`
	AtOdds         int64   `json:"at_odds"`
	PreviousInLine int64   `json:"previous_in_line"`
	PreviousAtOdds int64   `json:"previous_at_odds"`
	ShareAtOdds    float64 `json:"share_at_odds"` // of the mentions with a verdict
	Examples       []Quote `json:"examples,omitempty"`
}

// Compute reads the insights of period p.
func (s *Service) Compute(p Period) (*Insights, error) {
	ins := &Insights{Period: p, From: p.From.String(), To: p.To.String(), PrevFrom: p.Previous().From.String(), PrevTo: p.Previous().To.String()}
	err := s.p.Store.View(func(tx *storage.Tx) error {
		cur, err := readCells(tx, p)
		if err != nil {
			return err
		}
		prev, err := readCells(tx, p.Previous())
		if err != nil {
			return err
		}
		ins.fromCells(cur, prev)
		if ins.Sources, err = namedSources(tx, ins.Sources); err != nil {
			return err
		}
		ins.Response = responseOf(cur)
		if ins.Response.Waiting, err = waiting(tx, s.p.Now()); err != nil {
			return err
		}
		if ins.People, err = peopleOf(tx, p); err != nil {
			return err
		}
		return ins.quote(tx)
	})
	if err != nil {
		return nil, fmt.Errorf("insights for %s: %w", p, err)
	}
	if ins.Voice, err = s.voice(p, ins.Totals.Mentions); err != nil {
		return nil, err
	}
	return ins, nil
}

func (ins *Insights) fromCells(cur, prev *cells) {
	ins.Totals, ins.PreviousTotals = totalsOf(&cur.all), totalsOf(&prev.all)
	ins.Empty = ins.Totals.Mentions == 0
	ins.Days = daysOf(ins.Period, cur)
	ins.Networks = splits(cur, prev, storage.DimNetwork)
	ins.Sources = splits(cur, prev, storage.DimSource)
	ins.Intents = splits(cur, prev, storage.DimIntent)
	ins.TouchPoints = splits(cur, prev, storage.DimTouch)
	for i := range ins.TouchPoints {
		ins.TouchPoints[i].Worse = worse(&ins.TouchPoints[i])
	}
	pr := func(c *cells, v string) int64 {
		if x := c.dims[storage.DimPromise][v]; x != nil {
			return x.Mentions
		}
		return 0
	}
	ins.Promise = Promise{InLine: pr(cur, "in line"), AtOdds: pr(cur, "at odds"), PreviousInLine: pr(prev, "in line"), PreviousAtOdds: pr(prev, "at odds")}
	if n := ins.Promise.InLine + ins.Promise.AtOdds; n > 0 {
		ins.Promise.ShareAtOdds = Round4(float64(ins.Promise.AtOdds) / float64(n))
	}
}

// namedSources names the sources of the splits.
func namedSources(tx *storage.Tx, ss []Split) ([]Split, error) {
	names := map[string]string{}
	err := tx.Sources().Each(func(s *storage.Source) error {
		names[storage.SourceDim(s.ID).Value] = s.Name
		return nil
	})
	for i := range ss {
		ss[i].Name = names[ss[i].Key]
		if ss[i].Name == "" {
			ss[i].Name = "source " + ss[i].Key + " (removed)"
		}
	}
	return ss, err
}
