package advocates

import (
	"math"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// Inputs are one person's records and the moment to score them at.
type Inputs struct {
	Person       storage.Person
	Mentions     []storage.Mention     // the mentions they wrote
	Interactions []storage.Interaction // everything between us
	Now          time.Time             // zero means time.Now()
}

// The part names, in the order Score.Parts lists them.
const (
	PartOnce    = "More than once"
	PartPeople  = "More than one person"
	PartWays    = "More than one way"
	PartBalance = "Sentiment balance"
	PartRecency = "Recency"
)

// Part is one reason in the score, as the contact page shows it.
type Part struct {
	Name    string
	Explain string  // plain words: "7 positive mentions, most recent 2 days ago (…)"
	Value   float64 // 0..1
	Weight  float64 // the part's share of the total; the weights sum to 1
	Points  float64 // Value × Weight × 100
}

// Score is a person's advocate score with its parts.
type Score struct {
	Total     float64 // 0..100, the sum of the parts' points
	Parts     []Part
	Suggested Stage
	// Trend is Total now minus Total as of TrendWindow ago, computed from
	// the records dated before then; TrendWord reads it: "rising",
	// "fading" or "steady" (within ±TrendBand points).
	Trend     float64
	TrendWord string
}

// The trend words.
const (
	TrendRising = "rising"
	TrendSteady = "steady"
	TrendFading = "fading"
)

// Compute scores one person. docs/advocates.md has the formula.
func Compute(in Inputs, p Params) Score {
	return compute(prepare(&in), in.Now, p)
}

// ComputeSaid scores one person from what Read kept of their mentions and
// their interactions, as Compute does from the mentions themselves.
func ComputeSaid(said []Said, interactions []storage.Interaction, now time.Time, p Params) Score {
	return compute(signals(said, interactions), now, p)
}

func compute(sigs []signal, now time.Time, p Params) Score {
	if now.IsZero() {
		now = time.Now()
	}
	ev := gather(sigs, now, p.HalfLife)
	vals := ev.values(p, now)
	s := Score{Parts: parts(&ev, vals, p, now)}
	for _, pt := range s.Parts {
		s.Total += pt.Points
	}
	s.Suggested = suggest(&ev, s.Total, p)

	then := now.Add(-p.TrendWindow)
	past := gather(sigs, then, p.HalfLife)
	s.Trend = s.Total - total(past.values(p, then), p)
	s.TrendWord = trendWord(s.Trend, p.TrendBand)
	return s
}

// values are the five parts' values, 0..1, in the order of Parts.
func (e *evidence) values(p Params, now time.Time) [5]float64 {
	var v [5]float64
	v[0] = math.Min(1, e.decayed/math.Max(p.OnceCap, 1))
	v[1] = (atLeastTwo(len(e.threads), p.ThreadCap) + atLeastTwo(len(e.sources), p.SourceCap) +
		reachValue(e.maxReach, p.ReachCap)) / 3
	v[2] = (atLeastTwo(len(e.platforms), p.PlatformCap) + atLeastTwo(len(e.formats), p.FormatCap)) / 2
	good, neg := float64(e.good()), float64(e.negative)
	v[3] = math.Max(0, (good-neg)/(good+neg+1))
	if e.good() > 0 {
		v[4] = decay(now.Sub(e.latest), p.HalfLife)
	}
	return v
}

func (p Params) weights() [5]float64 {
	return [5]float64{p.WeightOnce, p.WeightPeople, p.WeightWays, p.WeightBalance, p.WeightRecency}
}

func total(v [5]float64, p Params) float64 {
	t := 0.0
	for i, w := range p.weights() {
		t += v[i] * w * 100
	}
	return t
}

// atLeastTwo rates a count where one earns nothing and limit fills it:
// (n−1)/(limit−1), within 0..1.
func atLeastTwo(n, limit int) float64 {
	if limit <= 1 {
		return math.Min(1, float64(n))
	}
	return math.Max(0, math.Min(1, float64(n-1)/float64(limit-1)))
}

// reachValue is log10(1+reach)/log10(1+limit), within 0..1.
func reachValue(reach, limit int) float64 {
	if reach <= 0 || limit <= 0 {
		return 0
	}
	return math.Min(1, math.Log10(1+float64(reach))/math.Log10(1+float64(limit)))
}

// suggest picks the highest stage whose conditions hold. Advocates and
// champions must have said more good words than negative ones.
func suggest(e *evidence, total float64, p Params) Stage {
	warm := e.good() > e.negative
	switch {
	case warm && total >= p.ChampionAt && e.referrals+e.mentionRefs > 0 && len(e.platforms) >= 2:
		return Champion
	case warm && total >= p.AdvocateAt && e.good() >= 2:
		return Advocate
	case e.purchases > 0:
		return Customer
	case total >= p.EngagedAt || e.interacted > 0:
		return Engaged
	}
	return Stranger
}

func trendWord(trend, band float64) string {
	switch {
	case trend > 0 && trend >= band:
		return TrendRising
	case trend < 0 && trend <= -band:
		return TrendFading
	}
	return TrendSteady
}
