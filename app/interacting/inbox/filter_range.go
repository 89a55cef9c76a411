package inbox

import (
	"slices"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// The filter's fields that package insights added so that every figure of
// the Insights screen opens exactly the mentions behind it: a time range,
// a network, a touch point, a brand-promise verdict and whether (and how
// fast, and by whom) a mention was answered. They are all "and"ed with
// the rest of the filter.

// Answered values of a filter.
const (
	AnsweredYes = "yes" // answered (storage.FirstResponse)
	AnsweredNo  = "no"  // never answered
)

// ranged tells a filter that uses any of the fields of this file.
func (f Filter) ranged() bool {
	return !f.From.IsZero() || !f.To.IsZero() || f.Platform != nil || f.TouchPoint != "" || f.Promise != "" ||
		f.Answered != "" || f.AnsweredBy != nil || f.AnsweredWithin > 0
}

// matchesRange checks the fields of this file.
func (f Filter) matchesRange(m *storage.Mention) bool {
	t := m.Time()
	switch {
	case !f.From.IsZero() && t.Before(f.From):
		return false
	case !f.To.IsZero() && !t.Before(f.To):
		return false
	case f.Platform != nil && m.Platform != *f.Platform:
		return false
	case f.TouchPoint != "" && !slices.Contains(m.Analysis.TouchPoints, f.TouchPoint):
		return false
	case f.Promise != "" && m.Analysis.Promise != f.Promise:
		return false
	}
	if f.Answered == "" && f.AnsweredBy == nil && f.AnsweredWithin <= 0 {
		return true
	}
	_, by, ok := storage.FirstResponse(m)
	delay, _ := storage.ResponseDelay(m)
	switch {
	case f.Answered == AnsweredNo:
		return !ok
	case !ok:
		return false
	case f.AnsweredBy != nil && by != *f.AnsweredBy:
		return false
	case f.AnsweredWithin > 0 && delay >= f.AnsweredWithin:
		return false
	}
	return true
}

// timeRangeIDs lists the mentions of the filter's time range from the time
// index, newest first; ok is false when the filter has no time range.
func timeRangeIDs(tx *storage.Tx, f Filter) ([]uint64, bool, error) {
	if f.From.IsZero() && f.To.IsZero() {
		return nil, false, nil
	}
	to := f.To
	if to.IsZero() {
		to = time.Unix(1<<40, 0)
	}
	ids, err := tx.MentionIDsBetween(f.From, to, 0)
	return ids, true, err
}
