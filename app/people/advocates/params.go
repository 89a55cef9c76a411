package advocates

import "time"

// Params are the knobs of the advocate score. DefaultParams gives the
// documented values; docs/advocates.md explains each.
type Params struct {
	// HalfLife is the age at which a good word counts half (decay
	// exp(-ln2·age/HalfLife)); it also ages the recency part.
	HalfLife time.Duration

	// Weights of the five parts; they sum to 1 so Total is 0..100.
	WeightOnce, WeightPeople, WeightWays, WeightBalance, WeightRecency float64

	// OnceCap is how many fresh good words fill "more than once".
	OnceCap float64
	// ThreadCap, SourceCap, PlatformCap and FormatCap are the counts that
	// fill their sub-parts; one of each earns nothing ("more than one").
	ThreadCap, SourceCap, PlatformCap, FormatCap int
	// ReachCap is the audience (followers or views) that fills the reach
	// sub-part on a log scale.
	ReachCap int

	// TrendWindow is how far back the trend compares; TrendBand is how many
	// points the score must move to be "rising" or "fading".
	TrendWindow time.Duration
	TrendBand   float64

	// Stage thresholds on Total (see SuggestStage).
	EngagedAt, AdvocateAt, ChampionAt float64
}

// DefaultParams are the documented defaults.
func DefaultParams() Params {
	return Params{
		HalfLife:      45 * 24 * time.Hour,
		WeightOnce:    0.30,
		WeightPeople:  0.25,
		WeightWays:    0.20,
		WeightBalance: 0.15,
		WeightRecency: 0.10,
		OnceCap:       5,
		ThreadCap:     5,
		SourceCap:     3,
		PlatformCap:   3,
		FormatCap:     3,
		ReachCap:      100_000,
		TrendWindow:   30 * 24 * time.Hour,
		TrendBand:     5,
		EngagedAt:     10,
		AdvocateAt:    40,
		ChampionAt:    70,
	}
}
