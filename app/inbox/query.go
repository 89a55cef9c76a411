package inbox

import (
	"slices"
	"sort"
	"time"

	"github.com/rapportapp/rapport/app/understand"
	"github.com/rapportapp/rapport/storage"
)

// Sort orders.
const (
	SortPriority = "priority"
	SortNewest   = "newest"
)

// Filter narrows and orders the inbox. The zero value lists everything
// newest first.
type Filter struct {
	Sort     string // SortPriority or SortNewest (default)
	Intent   string // only mentions with this intent
	Polarity string // negative, neutral, positive, or "not analysed"
}

func (f Filter) plain() bool { return f.Intent == "" && f.Polarity == "" && f.Sort != SortPriority }

// List returns the ids of the mentions the filter selects, in its order.
// Newest-first without filters comes straight from the time index; other
// views read the mentions' analyses.
func (s *Service) List(f Filter, now time.Time) ([]uint64, error) {
	if f.plain() {
		return s.IDs()
	}
	type scored struct {
		id  uint64
		pri float64
		t   time.Time
	}
	var keep []scored
	err := s.store.View(func(tx *storage.Tx) error {
		return tx.Mentions().Each(func(m *storage.Mention) error {
			if !f.matches(m) {
				return nil
			}
			keep = append(keep, scored{m.ID, understand.Current(m.Analysis.Priority, now.Sub(m.Time()).Hours()), m.Time()})
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(keep, func(i, j int) bool {
		if f.Sort == SortPriority && keep[i].pri != keep[j].pri {
			return keep[i].pri > keep[j].pri
		}
		if !keep[i].t.Equal(keep[j].t) {
			return keep[i].t.After(keep[j].t)
		}
		return keep[i].id > keep[j].id
	})
	ids := make([]uint64, len(keep))
	for i, k := range keep {
		ids[i] = k.id
	}
	return ids, nil
}

func (f Filter) matches(m *storage.Mention) bool {
	a := m.Analysis
	if f.Intent != "" && !slices.Contains(a.Intents, f.Intent) {
		return false
	}
	switch f.Polarity {
	case "":
	case "not analysed":
		return !a.Analysed
	default:
		return a.Analysed && a.Polarity == f.Polarity
	}
	return true
}
