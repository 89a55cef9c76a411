package inbox

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/rapportapp/rapport/app/understanding/understand"
	"github.com/rapportapp/rapport/storage"
)

// Page is one page of an inbox listing.
type Page struct {
	IDs []uint64
	// Next continues the listing; nil when it is complete.
	Next *Cursor
	// Total is how many mentions the filter selects, or -1 when that is
	// not known without reading them all (filters on intent, mood, source
	// or "nobody", and queries, whose count is what was read so far).
	Total int
	// More: Total is a lower bound, the listing holds only the newest
	// searchCap matches of a query that matches more.
	More bool
}

// Cursor continues a listing where a page ended. It keeps the clock the
// listing's priorities were weighed at, so later pages follow the first.
type Cursor struct {
	now    time.Time
	pri    *storage.PriorityCursor
	pos    storage.Cursor // newest-first listings of one index
	after  storage.Pos    // newest-first merges and filtered walks
	offset int            // listings computed whole (queries)
}

// scanPage bounds how many mentions a filtered walk reads for one page
// before it returns what it found with a cursor: a rare filter never
// freezes the list.
const scanPage = 20_000

// Page returns up to limit mentions the filter selects, in its order,
// after the cursor (nil: from the first). Views on states and owners, the
// inbox's own, come from the indexes and the maintained counters without
// reading a mention: the priority order merges the priority index's
// buckets (storage.PriorityPage), newest first walks the time or state
// index. Other filters walk the same order and read the mentions until the
// page is full; a query takes the full-text index's matches.
func (s *Service) Page(f Filter, now time.Time, after *Cursor, limit int) (Page, error) {
	if limit <= 0 {
		return Page{}, errors.New("inbox: limit must be positive")
	}
	mt, err := s.prepare(f)
	if err != nil {
		return Page{}, fmt.Errorf("the filter's query: %w", err)
	}
	if after != nil {
		now = after.now
	}
	if mt.q != nil {
		return s.queryPage(f, now, after, limit)
	}
	var p Page
	err = s.store.View(func(tx *storage.Tx) error {
		var err error
		switch {
		case mt.indexed() && f.Sort == SortPriority:
			p, err = mt.priorityPage(tx, now, after, limit)
		case mt.indexed() && mt.f.Owner == "":
			p, err = mt.newestPage(tx, now, after, limit)
		default:
			p, err = mt.walkPage(tx, now, after, limit)
		}
		return err
	})
	return p, err
}

// indexed tells a filter the indexes answer alone: states and an owner
// (the Insights fields of filter_range.go are checked mention by mention).
func (mt *matcher) indexed() bool {
	f := mt.f
	return mt.q == nil && f.Intent == "" && f.Polarity == "" && f.SourceID == 0 && f.Owner != "nobody" && !f.ranged()
}

// states are the filter's states, every state when it names none.
func (mt *matcher) allStates() []storage.MentionState {
	if len(mt.states) > 0 {
		return mt.states
	}
	return storage.MentionStates()
}

// count is how many mentions an indexed filter selects, from the counters.
func (mt *matcher) count(c storage.Counts) int {
	f := mt.f
	if len(mt.states) == 0 && f.Owner == "" && f.Intent == "" && f.Polarity == "" {
		return c.Mentions()
	}
	n := 0
	for _, st := range mt.allStates() {
		switch {
		case f.Intent != "":
			n += c.WithIntent(f.Intent, st)
		case f.Polarity != "":
			n += c.WithPolarity(f.Polarity, st)
		case f.Owner != "":
			n += c.Owned(f.Owner, st)
		default:
			n += c.InState(st)
		}
	}
	return n
}

// counted tells a filter the counters count, though its pages are
// walked: the indexed ones, and one intent or one polarity with states and
// nothing else.
func (mt *matcher) counted() bool {
	f := mt.f
	return mt.indexed() ||
		mt.q == nil && f.SourceID == 0 && f.Owner == "" && !f.ranged() && (f.Intent == "") != (f.Polarity == "")
}

// priorityIndexes are the buckets a priority listing merges.
func (mt *matcher) priorityIndexes() []storage.PriorityIndex {
	var ixs []storage.PriorityIndex
	for _, st := range mt.allStates() {
		if mt.f.Owner != "" {
			ixs = append(ixs, storage.PriorityOwned(mt.f.Owner, st))
		} else {
			ixs = append(ixs, storage.PriorityInState(st))
		}
	}
	return ixs
}

// score is the inbox's current priority at the listing's clock.
func score(now time.Time) storage.Score {
	return func(base float64, at time.Time) float64 { return understand.Current(base, now.Sub(at).Hours()) }
}

func (mt *matcher) priorityPage(tx *storage.Tx, now time.Time, after *Cursor, limit int) (Page, error) {
	c, err := tx.Counts()
	if err != nil {
		return Page{}, err
	}
	var from *storage.PriorityCursor
	if after != nil {
		from = after.pri
	}
	rs, next, err := tx.PriorityPage(mt.priorityIndexes(), score(now), from, limit)
	if err != nil {
		return Page{}, err
	}
	p := Page{IDs: make([]uint64, len(rs)), Total: mt.count(c)}
	for i, r := range rs {
		p.IDs[i] = r.ID
	}
	if next != nil {
		p.Next = &Cursor{now: now, pri: next}
	}
	return p, nil
}

// newestPage lists an indexed filter without an owner newest first: one
// index read a page at a time, or several merged.
func (mt *matcher) newestPage(tx *storage.Tx, now time.Time, after *Cursor, limit int) (Page, error) {
	c, err := tx.Counts()
	if err != nil {
		return Page{}, err
	}
	p := Page{Total: mt.count(c)}
	if len(mt.states) > 1 {
		return mt.walkPage(tx, now, after, limit)
	}
	ix := storage.MentionsByTime()
	if len(mt.states) == 1 {
		ix = storage.MentionsInState(mt.states[0])
	}
	var from storage.Cursor
	if after != nil {
		from = after.pos
	}
	ids, next, err := tx.MentionIDs(ix, from, limit)
	if err != nil {
		return Page{}, err
	}
	p.IDs = ids
	if next != nil {
		p.Next = &Cursor{now: now, pos: next}
	}
	return p, nil
}

// walkPage walks the filter's order (the priority merge, or the newest
// first merge of its states) and keeps the mentions the filter selects,
// reading each, until the page is full or scanPage were read.
func (mt *matcher) walkPage(tx *storage.Tx, now time.Time, after *Cursor, limit int) (Page, error) {
	c, err := tx.Counts()
	if err != nil {
		return Page{}, err
	}
	p := Page{Total: -1}
	if mt.counted() {
		p.Total = mt.count(c)
	}
	if mt.names, err = sourceNames(tx); err != nil {
		return Page{}, err
	}
	if mt.f.Sort == SortPriority {
		return mt.walkPriority(tx, now, after, limit, p)
	}
	return mt.walkNewest(tx, now, after, limit, p)
}

func (mt *matcher) walkPriority(tx *storage.Tx, now time.Time, after *Cursor, limit int, p Page) (Page, error) {
	var from *storage.PriorityCursor
	if after != nil {
		from = after.pri
	}
	ixs := make([]storage.PriorityIndex, 0, 5)
	for _, st := range mt.allStates() {
		ixs = append(ixs, storage.PriorityInState(st))
	}
	for read := 0; read < scanPage; {
		rs, next, err := tx.PriorityPage(ixs, score(now), from, min(256, scanPage-read))
		if err != nil {
			return Page{}, err
		}
		read += len(rs)
		for i, r := range rs {
			ok, err := mt.check(tx, r.ID)
			if err != nil {
				return Page{}, err
			}
			if !ok {
				continue
			}
			p.IDs = append(p.IDs, r.ID)
			if len(p.IDs) == limit {
				if i < len(rs)-1 || next != nil {
					p.Next = &Cursor{now: now, pri: &storage.PriorityCursor{Last: r}}
				}
				return p, nil
			}
		}
		if next == nil {
			return p, nil
		}
		from = next
	}
	p.Next = &Cursor{now: now, pri: from}
	return p, nil
}

func (mt *matcher) walkNewest(tx *storage.Tx, now time.Time, after *Cursor, limit int, p Page) (Page, error) {
	var its []*storage.MentionIter
	if len(mt.states) == 0 {
		its = append(its, tx.IterateMentions(storage.MentionsByTime()))
	}
	for _, st := range mt.states {
		its = append(its, tx.IterateMentions(storage.MentionsInState(st)))
	}
	defer func() {
		for _, it := range its {
			it.Close()
		}
	}()
	if after != nil {
		for _, it := range its {
			if it.Seek(after.after); it.Valid() && it.Pos() == after.after {
				it.Next()
			}
		}
	} else if !mt.f.To.IsZero() { // a time range: start at its end (keys hold whole seconds; matches decides)
		end := storage.PosOf(&storage.Mention{Published: mt.f.To.Truncate(time.Second).Add(time.Second)})
		for _, it := range its {
			it.Seek(end)
		}
	}
	from := mt.f.From.Truncate(time.Second)
	for read := 0; ; read++ {
		best := -1
		for i, it := range its {
			if it.Valid() && (best < 0 || it.Pos().Compare(its[best].Pos()) > 0) {
				best = i
			}
		}
		if best < 0 || (!mt.f.From.IsZero() && its[best].Pos().Time().Before(from)) {
			return p, nil // the end, or older than the time range
		}
		pos := its[best].Pos()
		if read >= scanPage {
			p.Next = &Cursor{now: now, after: pos}
			// pos itself is not read yet: resume just above it
			p.Next.after = above(pos)
			return p, nil
		}
		its[best].Next()
		ok, err := mt.check(tx, pos.ID())
		if err != nil {
			return Page{}, err
		}
		if ok {
			p.IDs = append(p.IDs, pos.ID())
			if len(p.IDs) == limit {
				if slices.ContainsFunc(its, (*storage.MentionIter).Valid) {
					p.Next = &Cursor{now: now, after: pos}
				}
				return p, nil
			}
		}
	}
}

// above is the position just newer than p, so that a walk resuming after
// it visits p.
func above(p storage.Pos) storage.Pos {
	for i := len(p) - 1; i >= 0; i-- {
		p[i]++
		if p[i] != 0 {
			break
		}
	}
	return p
}

// check reads a mention and tells whether the filter selects it.
func (mt *matcher) check(tx *storage.Tx, id uint64) (bool, error) {
	m, err := tx.Mentions().Get(id)
	if errors.Is(err, storage.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return mt.matches(&m), nil
}

// queryPage lists a filter with a query: the full-text index's matches
// (at most searchCap), filtered and sorted whole, served a page at a time.
func (s *Service) queryPage(f Filter, now time.Time, after *Cursor, limit int) (Page, error) {
	ids, more, err := s.listByReading(f, now)
	if err != nil {
		return Page{}, err
	}
	from := 0
	if after != nil {
		from = min(after.offset, len(ids))
	}
	to := min(from+limit, len(ids))
	p := Page{IDs: ids[from:to], Total: len(ids), More: more}
	if to < len(ids) {
		p.Next = &Cursor{now: now, offset: to}
	}
	return p, nil
}

// List returns the ids of every mention the filter selects, in its order,
// page after page (docs: Page).
func (s *Service) List(f Filter, now time.Time) ([]uint64, error) {
	var ids []uint64
	var after *Cursor
	for {
		p, err := s.Page(f, now, after, 4096)
		if err != nil {
			return nil, err
		}
		ids = append(ids, p.IDs...)
		if p.Next == nil {
			return ids, nil
		}
		after = p.Next
	}
}
