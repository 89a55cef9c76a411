package insights

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/rapportapp/rapport/storage"
)

// SampleSize bounds how many of the period's mentions (the newest) are
// read to pick quotes and examples: the figures come from the aggregates,
// only the evidence is read, so a busy period stays fast.
const SampleSize = 3000

// quote picks the evidence: per touch point the three most telling
// mentions (strongest sentiment; the most negative first when the touch
// point is worse), examples of the brand promise, top praise and issues.
func (ins *Insights) quote(tx *storage.Tx) error {
	if ins.Empty {
		return nil
	}
	ids, err := tx.MentionIDsBetween(ins.Period.Start(), ins.Period.End(), SampleSize)
	if err != nil {
		return err
	}
	ms, err := tx.Mentions().GetMany(ids)
	if err != nil {
		return err
	}
	for i := range ins.TouchPoints {
		tp := &ins.TouchPoints[i]
		tp.Quotes = pick(ms, 3, func(m *storage.Mention) (float64, bool) {
			if !slices.Contains(m.Analysis.TouchPoints, tp.Key) || !m.Analysis.Analysed {
				return 0, false
			}
			if tp.Worse {
				return -m.Analysis.Sentiment, true
			}
			return math.Abs(m.Analysis.Sentiment), true
		})
	}
	ins.Promise.Examples = pick(ms, 3, func(m *storage.Mention) (float64, bool) {
		return -m.Analysis.Sentiment, m.Analysis.Promise == "at odds"
	})
	ins.Promise.Examples = append(ins.Promise.Examples, pick(ms, 2, func(m *storage.Mention) (float64, bool) {
		return m.Analysis.Sentiment, m.Analysis.Promise == "in line"
	})...)
	ins.Praise = pick(ms, 5, func(m *storage.Mention) (float64, bool) {
		return m.Analysis.Sentiment, slices.Contains(m.Analysis.Intents, "praise") && m.Analysis.Polarity == "positive"
	})
	ins.Issues = pick(ms, 5, func(m *storage.Mention) (float64, bool) {
		bad := slices.Contains(m.Analysis.Intents, "complaint") || slices.Contains(m.Analysis.Intents, "churn") || m.Analysis.Polarity == "negative"
		return m.Analysis.Priority - m.Analysis.Sentiment, bad && m.Analysis.Analysed
	})
	return nil
}

// pick returns the n mentions with the highest score among those that
// qualify, as quotes.
func pick(ms []storage.Mention, n int, score func(m *storage.Mention) (float64, bool)) []Quote {
	type scored struct {
		m *storage.Mention
		s float64
	}
	var c []scored
	for i := range ms {
		if s, ok := score(&ms[i]); ok {
			c = append(c, scored{&ms[i], s})
		}
	}
	sort.SliceStable(c, func(i, j int) bool { return c[i].s > c[j].s })
	out := make([]Quote, 0, min(n, len(c)))
	for _, x := range c[:min(n, len(c))] {
		out = append(out, quoteOf(x.m))
	}
	return out
}

func quoteOf(m *storage.Mention) Quote {
	text := strings.TrimSpace(m.Text)
	if text == "" {
		text = m.Title
	}
	return Quote{
		ID: m.ID, Author: m.Author, Text: clip(strings.Join(strings.Fields(text), " "), 220),
		Sentiment: Round4(m.Analysis.Sentiment), Day: storage.DayOf(m.Time()).String(),
	}
}

// clip cuts s to at most n runes, with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
