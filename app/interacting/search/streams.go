package search

import (
	"slices"
	"sort"
	"sync/atomic"

	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/storage"
)

// stream yields candidate mentions newest first, by position. Word index
// walks (*storage.MentionIter) are streams; intersections and unions of
// streams are streams too.
type stream interface {
	// Valid reports whether the stream is at a candidate.
	Valid() bool
	// Pos is the current candidate's position.
	Pos() storage.Pos
	// Next moves to the next older candidate.
	Next()
	// Seek moves to the newest candidate at or older than p, never back.
	Seek(p storage.Pos)
	// Err reports a part of the index that could not be read (a damaged
	// chunk of a sealed segment): the candidates it held were not given.
	Err() error
	// Close releases the stream's iterators.
	Close()
}

// A prefix (roast*) is looked up in one of three ways. Up to maxExpansion
// words, their walks are merged. With more words, the positions of all of
// them are read at once and sorted, up to maxPrefixPositions. A prefix with
// more than that admits every mention: it matches so many that reading
// mentions newest first finds a page quickly.
// They are variables so that tests can force each way.
//
// A merge costs a seek per word and finds a page at once; reading the
// positions costs every entry of every word. At a million mentions a
// prefix of 87 words and 48,457 entries took 18 ms to read and sort
// (docs/search.md), so a merge takes up to 128 words (it was 16).
var (
	maxExpansion       = 128
	maxPrefixPositions = 50_000
)

// build turns a plan into a stream over the word indexes, or returns nil
// when the plan admits every mention.
func build(tx *storage.Tx, p query.Plan) (stream, error) {
	switch p.Kind {
	case query.PlanWord:
		return tx.IterateMentions(storage.MentionsWithWord(wordIndex(p), p.Word)), nil
	case query.PlanPrefix:
		return buildPrefix(tx, p)
	case query.PlanAnd, query.PlanOr:
		return buildGroup(tx, p)
	}
	return nil, nil
}

func wordIndex(p query.Plan) storage.WordIndex {
	if p.Author {
		return storage.AuthorWords
	}
	return storage.TextWords
}

// buildPrefix streams the mentions with a word that starts with the prefix.
func buildPrefix(tx *storage.Tx, p query.Plan) (stream, error) {
	ix := wordIndex(p)
	words, complete, err := tx.WordsWithPrefix(ix, p.Word, maxExpansion)
	if err != nil {
		return nil, err
	}
	if complete {
		kids := make([]stream, len(words))
		for i, w := range words {
			kids[i] = tx.IterateMentions(storage.MentionsWithWord(ix, w))
		}
		return newOr(kids), nil
	}
	ps, complete, err := tx.PrefixPositions(ix, p.Word, maxPrefixPositions)
	if err != nil || !complete {
		return nil, err
	}
	return newSliceStream(ps), nil
}

// buildGroup builds the operands of an AND or OR. An AND leaves out the
// operands that admit everything; an OR with one admits everything.
func buildGroup(tx *storage.Tx, p query.Plan) (stream, error) {
	kids, err := buildKids(tx, p)
	if err != nil || kids == nil {
		return nil, err
	}
	switch {
	case len(kids) == 0:
		return nil, nil
	case len(kids) == 1:
		return kids[0], nil
	case p.Kind == query.PlanAnd:
		return newAnd(kids), nil
	}
	return newOr(kids), nil
}

// buildKids builds the operands of an AND or OR that the index can answer
// (nil when none can, or an OR's operand admits everything).
//
// An AND's plain words of titles and texts are one operand: their join in
// storage, which compares the chunks of a sealed segment by rank and looks
// up only the mentions they share (storage.Tx.IterateAll).
func buildKids(tx *storage.Tx, p query.Plan) ([]stream, error) {
	var kids []stream
	rest := p.Kids
	if p.Kind == query.PlanAnd {
		var words []storage.MentionIndex
		rest = nil
		for _, k := range p.Kids {
			if k.Kind == query.PlanWord && !k.Author {
				words = append(words, storage.MentionsWithWord(storage.TextWords, k.Word))
			} else {
				rest = append(rest, k)
			}
		}
		switch len(words) {
		case 0:
		case 1:
			kids = append(kids, tx.IterateMentions(words[0]))
		default:
			if and, ok := tx.IterateAll(words); ok {
				kids = append(kids, and)
				break
			}
			for _, w := range words {
				kids = append(kids, tx.IterateMentions(w))
			}
		}
	}
	for _, k := range rest {
		s, err := build(tx, k)
		if err != nil {
			closeAll(kids)
			return nil, err
		}
		if s == nil {
			if p.Kind == query.PlanOr {
				closeAll(kids)
				return nil, nil
			}
			continue
		}
		kids = append(kids, s)
	}
	return kids, nil
}

func closeAll(ss []stream) {
	for _, s := range ss {
		s.Close()
	}
}

// andStream is the intersection of its kids: a leapfrog join. Every kid
// seeks to the oldest of their current positions until all agree.
type andStream struct {
	kids []stream
	cur  storage.Pos
	ok   bool
	// stop, when set and true, ends the join where it is (a split AND's
	// older half, closed before it was handed over).
	stop *atomic.Bool
}

func newAnd(kids []stream) *andStream {
	a := &andStream{kids: kids}
	a.align()
	return a
}

// align moves the kids forward until they are at the same position, or
// one is exhausted.
func (a *andStream) align() {
	a.ok = false
	for {
		if a.stop != nil && a.stop.Load() {
			return
		}
		for _, k := range a.kids {
			if !k.Valid() {
				return
			}
		}
		target := a.kids[0].Pos()
		for _, k := range a.kids[1:] {
			if k.Pos().Compare(target) < 0 {
				target = k.Pos()
			}
		}
		agree := true
		for _, k := range a.kids {
			k.Seek(target)
			if !k.Valid() {
				return
			}
			agree = agree && k.Pos() == target
		}
		if agree {
			a.cur, a.ok = target, true
			return
		}
	}
}

func (a *andStream) Valid() bool      { return a.ok }
func (a *andStream) Pos() storage.Pos { return a.cur }
func (a *andStream) Close()           { closeAll(a.kids) }
func (a *andStream) Err() error       { return errOf(a.kids) }

func (a *andStream) Next() {
	a.kids[0].Next()
	a.align()
}

func (a *andStream) Seek(p storage.Pos) {
	if a.ok && a.cur.Compare(p) <= 0 {
		return
	}
	a.kids[0].Seek(p)
	a.align()
}

// orStream is the union of its kids: a merge by position.
type orStream struct {
	kids []stream
	cur  storage.Pos
	ok   bool
}

func newOr(kids []stream) *orStream {
	o := &orStream{kids: kids}
	o.settle()
	return o
}

// settle makes the newest position of any kid the current one.
func (o *orStream) settle() {
	o.ok = false
	for _, k := range o.kids {
		if k.Valid() && (!o.ok || k.Pos().Compare(o.cur) > 0) {
			o.cur, o.ok = k.Pos(), true
		}
	}
}

func (o *orStream) Valid() bool      { return o.ok }
func (o *orStream) Pos() storage.Pos { return o.cur }
func (o *orStream) Close()           { closeAll(o.kids) }
func (o *orStream) Err() error       { return errOf(o.kids) }

func (o *orStream) Next() {
	for _, k := range o.kids {
		if k.Valid() && k.Pos() == o.cur {
			k.Next()
		}
	}
	o.settle()
}

func (o *orStream) Seek(p storage.Pos) {
	for _, k := range o.kids {
		k.Seek(p)
	}
	o.settle()
}

// sliceStream streams positions read in advance.
type sliceStream struct {
	ps []storage.Pos // newest first, distinct
	i  int
}

// newSliceStream sorts ps newest first and drops repeats.
func newSliceStream(ps []storage.Pos) *sliceStream {
	slices.SortFunc(ps, func(a, b storage.Pos) int { return b.Compare(a) })
	return &sliceStream{ps: slices.Compact(ps)}
}

func (s *sliceStream) Valid() bool      { return s.i < len(s.ps) }
func (s *sliceStream) Pos() storage.Pos { return s.ps[s.i] }
func (s *sliceStream) Next()            { s.i++ }
func (s *sliceStream) Close()           {}
func (s *sliceStream) Err() error       { return nil }

// errOf is the first error of the streams.
func errOf(kids []stream) error {
	for _, k := range kids {
		if err := k.Err(); err != nil {
			return err
		}
	}
	return nil
}

func (s *sliceStream) Seek(p storage.Pos) {
	rest := s.ps[s.i:]
	s.i += sort.Search(len(rest), func(j int) bool { return rest[j].Compare(p) <= 0 })
}
