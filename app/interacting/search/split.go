package search

import (
	"encoding/binary"
	"errors"
	"sort"
	"sync/atomic"
	"time"

	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/storage"
)

// splitStream walks an AND in two halves of time at once. An AND's time is
// its join (each operand's walk seeking to the others' positions), which
// cannot be shared out, and a page of one that matches a few dozen
// mentions walks the whole of its operands (docs/search.md). So once the
// page starts reading, the time between the AND's newest candidate and
// the newest of its words' oldest entries is cut in the middle: this
// goroutine walks the newer half, and another walks the older half in a
// sibling transaction (the same snapshot), collecting up to maxAhead
// positions ahead, and hands its walk over when it stops. The stream is
// the same as the AND's: the newer half's positions, then the older's.
// Only an AND that is slow is cut, once its steps took splitAfter, from
// where it is then: most phrases (ANDs of their words) fill a page at
// once, and walking their older half too only took the processor from
// their checks.
type splitStream struct {
	r      *run
	plan   query.Plan
	newer  stream // the AND itself, used down to at
	at     storage.Pos
	cut    bool          // at is set: the older half is walked elsewhere
	begun  bool          // the cut was made, or could not be
	older  bool          // the newer half is done
	walked time.Duration // in the AND's steps, until the cut

	done     chan struct{} // closed when the older half's goroutine stops
	stop     atomic.Bool   // Close: stop walking
	handover atomic.Bool   // the newer half is done: hand the walk over now
	panicked any           // what the older half's goroutine panicked with
	sib      *storage.Tx
	ahead    []storage.Pos // the older half's positions, collected ahead
	rest     stream        // the older half's walk, handed over (nil: none)
	i        int           // the next of ahead
}

// maxAhead is the most positions the older half collects ahead, and
// splitAfter how long an AND walks before it is cut (variables for tests).
var (
	maxAhead   = DefaultMaxScan
	splitAfter = 500 * time.Microsecond
)

// newSplit wraps a plan's AND stream; nothing happens until it has walked
// for splitAfter.
func newSplit(r *run, plan query.Plan, and stream) *splitStream {
	return &splitStream{r: r, plan: plan, newer: and}
}

// begin cuts the time left in two and starts the older half's walk, when
// there is a cut to make and a sibling transaction to walk it in.
func (s *splitStream) begin() {
	s.begun = true
	if !s.newer.Valid() {
		return
	}
	newest := s.newer.Pos()
	var oldest storage.Pos
	found := false
	for _, k := range s.plan.Kids {
		if k.Kind != query.PlanWord {
			continue
		}
		p, ok := s.r.tx.OldestIn(storage.MentionsWithWord(wordIndex(k), k.Word))
		if !ok {
			return
		}
		if !found || p.Compare(oldest) > 0 {
			oldest, found = p, true
		}
	}
	if !found {
		return
	}
	lo, hi := binary.BigEndian.Uint64(oldest[:8]), binary.BigEndian.Uint64(newest[:8])
	if hi <= lo+1 {
		return
	}
	// at: the middle second, with the largest id, so that every position
	// of that second is in the older half.
	binary.BigEndian.PutUint64(s.at[:8], lo+(hi-lo)/2)
	for i := 8; i < len(s.at); i++ {
		s.at[i] = 0xFF
	}
	sib, ok := s.r.tx.Sibling()
	if !ok {
		return
	}
	s.sib, s.cut, s.done = sib, true, make(chan struct{})
	go s.walkOlder()
}

// walkOlder walks the older half in the sibling transaction, collecting
// positions until maxAhead or until told to hand over or stop, and leaves
// the walk in rest for this stream to go on with. A panic is raised again
// on the caller's goroutine (switchOver, Close).
func (s *splitStream) walkOlder() {
	defer close(s.done)
	defer func() { s.panicked = recover() }()
	st, err := buildOlder(s.sib, s.plan, s.at, &s.stop)
	if err != nil {
		return // walked on the caller's goroutine instead (switchOver)
	}
	s.rest = st
	for st.Valid() && len(s.ahead) < maxAhead && !s.stop.Load() && !s.handover.Load() {
		s.ahead = append(s.ahead, st.Pos())
		st.Next()
	}
}

// buildOlder builds the older half's walk (a variable so that tests can
// make it fail).
var buildOlder = buildAndFrom

// buildAndFrom builds an AND plan's stream with its operands already at
// or older than at, so that its first join starts there rather than at
// the newest mentions, which the newer half walks; the join ends where it
// is once stop is set.
func buildAndFrom(tx *storage.Tx, p query.Plan, at storage.Pos, stop *atomic.Bool) (stream, error) {
	kids, err := buildKids(tx, p)
	if err != nil {
		return nil, err
	}
	for _, k := range kids {
		if and, ok := k.(*storage.AndIter); ok {
			and.StopWhen(stop)
		}
		k.Seek(at)
	}
	if len(kids) < 2 { // not what the split was given (an AND of two or more)
		closeAll(kids)
		return nil, errors.New("search: an AND's older half has fewer than two operands")
	}
	a := &andStream{kids: kids, stop: stop}
	a.align()
	return a, nil
}

// switchOver moves to the older half once the newer one is done: it tells
// the older half's goroutine to hand over and waits for it, or walks the
// older half here when that goroutine could not build it.
func (s *splitStream) switchOver() {
	s.older = true
	s.handover.Store(true)
	<-s.done
	if s.panicked != nil {
		panic(s.panicked)
	}
	if s.rest != nil {
		return
	}
	st, err := buildAndFrom(s.r.tx, s.plan, s.at, nil)
	if err != nil {
		s.r.err = err
		return
	}
	s.rest = st
}

func (s *splitStream) inNewer() bool {
	return s.newer.Valid() && (!s.cut || s.newer.Pos().Compare(s.at) > 0)
}

func (s *splitStream) ready() {
	if s.cut && !s.older && !s.inNewer() {
		s.switchOver()
	}
}

func (s *splitStream) Valid() bool {
	s.ready()
	if !s.older {
		return s.inNewer()
	}
	return s.i < len(s.ahead) || s.rest != nil && s.rest.Valid()
}

func (s *splitStream) Pos() storage.Pos {
	s.ready()
	switch {
	case !s.older:
		return s.newer.Pos()
	case s.i < len(s.ahead):
		return s.ahead[s.i]
	}
	return s.rest.Pos()
}

func (s *splitStream) Next() {
	s.ready()
	switch {
	case !s.older:
		if s.begun {
			s.newer.Next()
			break
		}
		t := time.Now()
		s.newer.Next()
		if s.walked += time.Since(t); s.walked >= splitAfter {
			s.begin()
		}
	case s.i < len(s.ahead):
		s.i++
	default:
		s.rest.Next()
	}
}

// Seek moves the AND itself until the cut is made. A page seeks once,
// before it reads, so Seek after the cut is not used today; it is kept
// exact for the stream's contract (TestASplitANDIsTheAND).
func (s *splitStream) Seek(p storage.Pos) {
	if !s.cut {
		s.newer.Seek(p)
		return
	}
	if !s.older {
		if p.Compare(s.at) > 0 {
			s.newer.Seek(p)
			if s.inNewer() {
				return
			}
		}
		s.switchOver()
	}
	left := s.ahead[s.i:]
	s.i += sort.Search(len(left), func(j int) bool { return left[j].Compare(p) <= 0 })
	if s.i == len(s.ahead) && s.rest != nil {
		s.rest.Seek(p)
	}
}

// Err is the newer half's error, and the older half's once this stream
// walks it (its goroutine has handed it over).
func (s *splitStream) Err() error {
	if err := s.newer.Err(); err != nil {
		return err
	}
	if s.older && s.rest != nil {
		return s.rest.Err()
	}
	return nil
}

// Close waits for the older half's goroutine: it reads in the sibling
// transaction until its current step ends.
func (s *splitStream) Close() {
	s.stop.Store(true)
	if s.done != nil {
		<-s.done
		if s.panicked != nil && !s.older {
			panic(s.panicked)
		}
	}
	if s.rest != nil {
		s.rest.Close()
	}
	if s.sib != nil {
		s.sib.Discard()
	}
	s.newer.Close()
}
