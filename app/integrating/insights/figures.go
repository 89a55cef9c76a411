package insights

import (
	"math"
	"slices"
	"sort"

	"github.com/rapportapp/rapport/storage"
)

// Totals are the counts and sentiment of a set of mentions.
type Totals struct {
	Mentions int64 `json:"mentions"`
	Analysed int64 `json:"analysed"`
	// MeanSentiment is the mean sentiment (-1…1) of the analysed
	// mentions, to 4 decimals; 0 when none was analysed.
	MeanSentiment float64 `json:"mean_sentiment"`
	Negative      int64   `json:"negative"`
	Neutral       int64   `json:"neutral"`
	Positive      int64   `json:"positive"`
	// ShareNegative and SharePositive are shares of the analysed
	// mentions, to 4 decimals.
	ShareNegative float64 `json:"share_negative"`
	SharePositive float64 `json:"share_positive"`
}

func totalsOf(c *storage.Cell) Totals {
	if c == nil {
		return Totals{}
	}
	t := Totals{Mentions: c.Mentions, Analysed: c.Analysed, Negative: c.Negative, Neutral: c.Neutral, Positive: c.Positive}
	if c.Analysed > 0 {
		t.MeanSentiment = Round4(float64(c.Sentiment) / 1e6 / float64(c.Analysed))
		t.ShareNegative = Round4(float64(c.Negative) / float64(c.Analysed))
		t.SharePositive = Round4(float64(c.Positive) / float64(c.Analysed))
	}
	return t
}

// Round4 rounds to 4 decimals, as every share and mean of the figures is.
func Round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }

// DayRow is one day of the period.
type DayRow struct {
	Day string `json:"day"`
	Totals
	// Intents counts the day's mentions by intent ("like vs want" is
	// praise against purchase).
	Intents map[string]int64 `json:"intents"`
	// Networks and Sources count the day's mentions by network and by
	// source id.
	Networks map[string]int64 `json:"networks"`
	Sources  map[string]int64 `json:"sources"`
}

// Split is one value of a dimension (a network, a source, an intent, a
// touch point) in the period and the one before.
type Split struct {
	Key      string `json:"key"`            // the value in the data (a source's id, a network's name)
	Name     string `json:"name,omitempty"` // as shown, when it differs (a source's name)
	Totals          // this period
	Previous Totals `json:"previous"`
	// Change is the relative change of mentions against the previous
	// period (0.25 = 25 % more); absent when there were none before.
	Change *float64 `json:"change,omitempty"`
	// Worse flags a touch point whose mentions turned more negative.
	Worse  bool    `json:"worse,omitempty"`
	Quotes []Quote `json:"quotes,omitempty"`
}

// Quote is a mention shown as evidence.
type Quote struct {
	ID        uint64  `json:"id"`
	Author    string  `json:"author"`
	Text      string  `json:"text"`
	Sentiment float64 `json:"sentiment"`
	Day       string  `json:"day"`
}

// cells is what the aggregates of one period sum to.
type cells struct {
	all   storage.Cell
	days  map[storage.Day]*dayCells
	dims  map[storage.DimKind]map[string]*storage.Cell
	delay map[string]map[int64]int64 // responder → minutes → count
}

type dayCells struct {
	all      storage.Cell
	intents  map[string]int64
	networks map[string]int64
	sources  map[string]int64
}

func readCells(tx *storage.Tx, p Period) (*cells, error) {
	c := &cells{days: map[storage.Day]*dayCells{}, dims: map[storage.DimKind]map[string]*storage.Cell{}, delay: map[string]map[int64]int64{}}
	err := tx.Daily(p.From, p.To, func(day storage.Day, dim storage.Dim, cell *storage.Cell) {
		dc := c.days[day]
		if dc == nil {
			dc = &dayCells{intents: map[string]int64{}, networks: map[string]int64{}, sources: map[string]int64{}}
			c.days[day] = dc
		}
		switch dim.Kind {
		case storage.DimAll:
			c.all.Add(cell, 1)
			dc.all.Add(cell, 1)
			return
		case storage.DimIntent:
			dc.intents[dim.Value] += cell.Mentions
		case storage.DimNetwork:
			dc.networks[dim.Value] += cell.Mentions
		case storage.DimSource:
			dc.sources[dim.Value] += cell.Mentions
		case storage.DimResponder:
			d := c.delay[dim.Value]
			if d == nil {
				d = map[int64]int64{}
				c.delay[dim.Value] = d
			}
			for k, v := range cell.Delays {
				d[k] += v
			}
		}
		m := c.dims[dim.Kind]
		if m == nil {
			m = map[string]*storage.Cell{}
			c.dims[dim.Kind] = m
		}
		if m[dim.Value] == nil {
			m[dim.Value] = &storage.Cell{}
		}
		m[dim.Value].Add(cell, 1)
	})
	return c, err
}

// daysOf lists every day of the period, zeros included.
func daysOf(p Period, c *cells) []DayRow {
	out := make([]DayRow, 0, p.Days())
	for d := p.From; d <= p.To; d++ {
		row := DayRow{Day: d.String(), Intents: map[string]int64{}, Networks: map[string]int64{}, Sources: map[string]int64{}}
		if dc := c.days[d]; dc != nil {
			row.Totals = totalsOf(&dc.all)
			row.Intents, row.Networks, row.Sources = dc.intents, dc.networks, dc.sources
		}
		out = append(out, row)
	}
	return out
}

// splits lists the values of one dimension, most mentions first.
func splits(cur, prev *cells, kind storage.DimKind) []Split {
	keys := map[string]bool{}
	for k := range cur.dims[kind] {
		keys[k] = true
	}
	for k := range prev.dims[kind] {
		keys[k] = true
	}
	out := make([]Split, 0, len(keys))
	for k := range keys {
		s := Split{Key: k, Totals: totalsOf(cur.dims[kind][k]), Previous: totalsOf(prev.dims[kind][k])}
		if s.Previous.Mentions > 0 {
			ch := Round4(float64(s.Mentions-s.Previous.Mentions) / float64(s.Previous.Mentions))
			s.Change = &ch
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Mentions != out[j].Mentions {
			return out[i].Mentions > out[j].Mentions
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// worse tells a touch point whose mentions turned more negative: at least
// three analysed mentions now, and its share of negative ones up by ten
// points or its mean sentiment down by 0.1.
func worse(s *Split) bool {
	if s.Analysed < 3 || s.Previous.Analysed == 0 {
		return false
	}
	return s.ShareNegative-s.Previous.ShareNegative >= 0.1 || s.Previous.MeanSentiment-s.MeanSentiment >= 0.1
}

// Percentile is the nearest-rank percentile (q in (0, 1]) of a histogram
// of whole minutes: the smallest value with at least ⌈q·n⌉ values at or
// below it. The median is q = 0.5.
func Percentile(hist map[int64]int64, q float64) int64 {
	var n int64
	keys := make([]int64, 0, len(hist))
	for k, v := range hist {
		n += v
		keys = append(keys, k)
	}
	if n == 0 {
		return 0
	}
	slices.Sort(keys)
	rank := int64(math.Ceil(q * float64(n)))
	var seen int64
	for _, k := range keys {
		seen += hist[k]
		if seen >= rank {
			return k
		}
	}
	return keys[len(keys)-1]
}
