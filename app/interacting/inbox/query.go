package inbox

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/app/shared/human"
	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/app/understanding/understand"
	"github.com/rapportapp/rapport/storage"
)

// Sort orders.
const (
	SortPriority = "priority"
	SortNewest   = "newest"
)

// Filter narrows and orders the inbox; saved views are filters with a
// name. The zero value lists everything newest first.
type Filter struct {
	Sort     string   `json:"sort,omitempty"`     // SortPriority or SortNewest (default)
	Query    string   `json:"query,omitempty"`    // in the rule language (docs/queries.md)
	States   StateSet `json:"states,omitempty"`   // any of these states; empty: any
	Intent   string   `json:"intent,omitempty"`   // only mentions with this intent
	Polarity string   `json:"polarity,omitempty"` // negative, neutral, positive, or "not analysed"
	Owner    string   `json:"owner,omitempty"`    // assigned to; "nobody" for unassigned, OwnerMe for the owner
	SourceID uint64   `json:"source,omitempty"`   // carried by this source
	// Time range, network, touch point, promise and answers (filter_range.go).
	From           time.Time     `json:"from,omitzero"`             // mentions at or after
	To             time.Time     `json:"to,omitzero"`               // mentions before
	Platform       *string       `json:"platform,omitempty"`        // from this network ("" for none)
	TouchPoint     string        `json:"touchpoint,omitempty"`      // about this touch point
	Promise        string        `json:"promise,omitempty"`         // "in line" or "at odds"
	Answered       string        `json:"answered,omitempty"`        // AnsweredYes or AnsweredNo
	AnsweredBy     *string       `json:"answered_by,omitempty"`     // first answered by
	AnsweredWithin time.Duration `json:"answered_within,omitempty"` // first answered in less than this
}

func (f Filter) plain() bool {
	return f.Query == "" && len(f.States) == 0 && f.Intent == "" && f.Polarity == "" && f.Owner == "" &&
		f.SourceID == 0 && f.Sort != SortPriority && !f.ranged()
}

// matcher is a filter prepared for testing many mentions.
type matcher struct {
	f      Filter
	q      *query.Query
	states []storage.MentionState
	names  map[uint64]string
}

// SearchCap bounds how many matches of a query the inbox lists: the
// newest.
const SearchCap = 10_000

// searchEach gives fn the mentions a query matches, found through the
// full-text index, newest first, at most searchCap (more says there are
// more), each read and checked once. indexed is false when the index
// cannot narrow this query (fn was not called): every mention must be
// read instead.
func (s *Service) searchEach(q *query.Query, fn func(m *storage.Mention)) (indexed, more bool, err error) {
	var after search.Cursor
	n := 0
	for {
		res, err := s.search.EachMatch(context.Background(), q, s.searchCap-n, after, func(m *storage.Mention) {
			n++
			fn(m)
		})
		if err != nil {
			return false, false, err
		}
		if !res.Indexed {
			if after != nil { // fn was given the earlier pages' matches
				return false, false, errors.New("the full-text index went away during a search; try again")
			}
			return false, false, nil
		}
		if res.Next == nil {
			return true, false, nil
		}
		if n >= s.searchCap {
			return true, true, nil
		}
		after = res.Next
	}
}

// OwnerMe in a filter stands for the business's owner (Settings →
// Business), whoever that is when the filter is used.
const OwnerMe = "me"

func (s *Service) prepare(f Filter) (*matcher, error) {
	if f.Owner == OwnerMe {
		f.Owner = s.me()
	}
	m := &matcher{f: f}
	if f.Query != "" {
		q, err := query.Parse(f.Query)
		if err != nil {
			return nil, err
		}
		m.q = q
	}
	m.states = f.States
	return m, nil
}

// listByReading returns the ids of the mentions the filter selects, in its
// order, by reading every mention it could select and sorting them: what
// Page does for queries, and what the tests hold Page's indexes to. more
// says the query matched more than searchCap mentions, of which the
// newest searchCap were read.
func (s *Service) listByReading(f Filter, now time.Time) (ids []uint64, more bool, err error) {
	if f.plain() {
		ids, err := s.IDs()
		return ids, false, err
	}
	mt, err := s.prepare(f)
	if err != nil {
		return nil, false, fmt.Errorf("the filter's query: %w", err)
	}
	type scored struct {
		id  uint64
		pri float64
		t   time.Time
	}
	var keep []scored
	add := func(m *storage.Mention) {
		keep = append(keep, scored{m.ID, understand.Current(m.Analysis.Priority, now.Sub(m.Time()).Hours()), m.Time()})
	}
	indexed := false
	if mt.q != nil {
		// The search reads and checks each match once; the rest of the
		// filter is checked on what it read.
		indexed, more, err = s.searchEach(mt.q, func(m *storage.Mention) {
			if mt.matchesFilter(m) {
				add(m)
			}
		})
		if err != nil {
			return nil, false, err
		}
	}
	if !indexed {
		err = s.store.View(func(tx *storage.Tx) error {
			if mt.names, err = sourceNames(tx); err != nil {
				return err
			}
			return mt.each(tx, func(m *storage.Mention) {
				if mt.matches(m) {
					add(m)
				}
			})
		})
		if err != nil {
			return nil, false, err
		}
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
	ids = make([]uint64, len(keep))
	for i, k := range keep {
		ids[i] = k.id
	}
	return ids, more, nil
}

// Count is how many mentions a filter selects. More: at least N; a query
// that matches more than searchCap mentions is counted among the newest
// searchCap, as its listing holds them (Page.More).
type Count struct {
	N    int
	More bool
}

// String is the count for a person: "12,345", or "10,000+" when More.
func (c Count) String() string {
	if c.More {
		return human.Int(c.N) + "+"
	}
	return human.Int(c.N)
}

// Counts counts the mentions each filter selects: filters on states,
// owners, one intent or one polarity from the maintained counters
// (storage.Counts), without reading a mention or an index; a filter with a
// query the full-text index narrows by reading its matches (the newest
// searchCap, so its count is its listing's total, Page), one with a time
// range by reading the mentions in it; the others share one pass over the
// mentions.
func (s *Service) Counts(fs []Filter) ([]Count, error) {
	ms := make([]*matcher, len(fs))
	for i, f := range fs {
		m, err := s.prepare(f)
		if err != nil {
			continue // a broken saved view counts nothing
		}
		ms[i] = m
	}
	counts := make([]Count, len(fs))
	// A query the full-text index narrows: its matches, each read and
	// checked once by the search, the rest of the filter checked on what
	// it read.
	for i, mt := range ms {
		if mt == nil || mt.counted() || mt.q == nil {
			continue
		}
		n := 0
		indexed, more, err := s.searchEach(mt.q, func(m *storage.Mention) {
			if mt.matchesFilter(m) {
				n++
			}
		})
		if err != nil {
			return nil, err
		}
		if indexed {
			counts[i], ms[i] = Count{N: n, More: more}, nil
		}
	}
	err := s.store.View(func(tx *storage.Tx) error {
		names, err := sourceNames(tx)
		if err != nil {
			return err
		}
		c, err := tx.Counts()
		if err != nil {
			return err
		}
		scan := false
		for i, mt := range ms {
			if mt == nil {
				continue
			}
			mt.names = names
			switch {
			case mt.counted():
				counts[i].N = mt.count(c)
			case !mt.f.From.IsZero() || !mt.f.To.IsZero():
				err := mt.each(tx, func(m *storage.Mention) {
					if mt.matches(m) {
						counts[i].N++
					}
				})
				if err != nil {
					return err
				}
			default:
				scan = true
				continue
			}
			ms[i] = nil
		}
		if !scan {
			return nil
		}
		return tx.Mentions().Each(func(m *storage.Mention) error {
			for i, mt := range ms {
				if mt != nil && mt.matches(m) {
					counts[i].N++
				}
			}
			return nil
		})
	})
	return counts, err
}

// each calls fn for the mentions the filter could select: those in its
// time range (from the time index) when it has one, else those in its
// states (from the state index) when it names states, else all.
func (mt *matcher) each(tx *storage.Tx, fn func(m *storage.Mention)) error {
	if ids, ok, err := timeRangeIDs(tx, mt.f); ok || err != nil {
		if err != nil {
			return err
		}
		return eachOf(tx, ids, fn)
	}
	if len(mt.states) == 0 {
		return tx.Mentions().Each(func(m *storage.Mention) error { fn(m); return nil })
	}
	for _, st := range mt.states {
		ids, _, err := tx.MentionIDs(storage.MentionsInState(st), nil, 0)
		if err != nil {
			return err
		}
		if err := eachOf(tx, ids, fn); err != nil {
			return err
		}
	}
	return nil
}

// eachOf calls fn for the given mentions, reading a few hundred at a time.
func eachOf(tx *storage.Tx, ids []uint64, fn func(m *storage.Mention)) error {
	for start := 0; start < len(ids); start += 256 {
		ms, err := tx.Mentions().GetMany(ids[start:min(start+256, len(ids))])
		if err != nil {
			return err
		}
		for i := range ms {
			fn(&ms[i])
		}
	}
	return nil
}

func (mt *matcher) matches(m *storage.Mention) bool {
	return mt.matchesFilter(m) && (mt.q == nil || mt.q.Match(mt.doc(m)))
}

// matchesFilter is matches without the query: for the mentions the search
// found, which it checked against the query already.
func (mt *matcher) matchesFilter(m *storage.Mention) bool {
	f, a := mt.f, m.Analysis
	switch {
	case len(mt.states) > 0 && !slices.Contains(mt.states, m.State):
		return false
	case f.Intent != "" && !slices.Contains(a.Intents, f.Intent):
		return false
	case f.SourceID != 0 && !slices.Contains(m.SourceIDs, f.SourceID):
		return false
	case f.Owner == "nobody" && m.Owner != "":
		return false
	case f.Owner != "" && f.Owner != "nobody" && m.Owner != f.Owner:
		return false
	case !f.matchesRange(m):
		return false
	}
	switch f.Polarity {
	case "":
	case "not analysed":
		if a.Analysed {
			return false
		}
	default:
		if !a.Analysed || a.Polarity != f.Polarity {
			return false
		}
	}
	return true
}

func (mt *matcher) doc(m *storage.Mention) *query.Doc {
	return search.Doc(m, search.SourceNames(m, mt.names))
}

// Notes finds the interactions (notes of calls, replies, gives and gets)
// that a query in the rule language matches, newest first, at most limit.
func (s *Service) Notes(q string, limit int) ([]search.InteractionHit, error) {
	parsed, err := query.Parse(q)
	if err != nil {
		return nil, err
	}
	return s.search.SearchInteractions(context.Background(), parsed, limit)
}

// CheckQuery reports whether q (in the rule language) can be searched: nil
// for an empty or well-formed query, else the problem and where it is.
func CheckQuery(q string) error {
	if strings.TrimSpace(q) == "" {
		return nil
	}
	_, err := query.Parse(q)
	return err
}
