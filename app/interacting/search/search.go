// Package search is Rapport's full-text search over stored mentions (and
// the notes of interactions): queries in the rule language
// (docs/queries.md), newest first, with what to highlight, fast enough to
// run as the user types. Candidates come from the word index that storage
// keeps in the same transactions as the mentions (docs/search.md); each is
// then checked with the query itself, so results are exactly what the rule
// language matches.
package search

import (
	"cmp"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/storage"
)

// Words is the splitter the word index is built with: the query language's
// own tokenizer, so that search finds what rules match. Stores are opened
// with it (storage.Options.Words).
func Words() storage.Words {
	return storage.Words{Version: "query.IndexWords/1", Split: query.IndexWords}
}

// One Search reads at most DefaultMaxScan mentions, for at most
// DefaultMaxTime, before it returns what it found with a cursor to go on
// (see Results.Capped): a query the index cannot narrow must not freeze a
// search box.
const (
	DefaultMaxScan = 5000
	DefaultMaxTime = 40 * time.Millisecond
)

// Service runs searches on a store. It is safe for concurrent use.
type Service struct {
	store *storage.Store
	// MaxScan and MaxTime override DefaultMaxScan and DefaultMaxTime
	// when positive.
	MaxScan int
	MaxTime time.Duration
	// Workers is how many goroutines check a page's candidates (0 or
	// less: GOMAXPROCS; see checkAll).
	Workers int
}

// New returns a search service over store.
func New(store *storage.Store) *Service { return &Service{store: store} }

// Hit is one mention that matches.
type Hit struct {
	ID      uint64
	Mention storage.Mention
	// Source names the sources that carried the mention, comma-separated.
	Source string
	// Spans are what to highlight, as query.MatchSpans returns them: byte
	// offsets into the mention's Title, Text or Author.
	Spans []query.Span
}

// Results is one page of a search.
type Results struct {
	Hits []Hit
	// Next continues the search after the last mention looked at; nil when
	// there is nothing more.
	Next Cursor
	// Scanned counts the mentions read and checked against the query.
	Scanned int
	// Indexed is false when the word index could not narrow the search
	// (the query has no word outside NOT, or the index is not built) and
	// mentions were read newest first instead.
	Indexed bool
	// Capped is set when the search stopped after reading MaxScan mentions
	// or after MaxTime, before the page was full; Next goes on from there.
	Capped bool
}

// Cursor marks where a search stopped. Pass it back to get the next page.
type Cursor []byte

// String is the cursor in hex, for the command line.
func (c Cursor) String() string { return hex.EncodeToString(c) }

// ParseCursor reads a cursor written by String.
func ParseCursor(s string) (Cursor, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(storage.Pos{}) {
		return nil, errors.New("not a search cursor")
	}
	return Cursor(b), nil
}

func (c Cursor) pos() (storage.Pos, bool) {
	var p storage.Pos
	if len(c) != len(p) {
		return p, false
	}
	copy(p[:], c)
	return p, true
}

func cursorAt(p storage.Pos) Cursor { return Cursor(p[:]) }

// Search returns up to limit mentions that match q (rule language), newest
// first, after the cursor (nil: from the newest). A query that does not
// parse gives a *query.SyntaxError.
func (s *Service) Search(q string, limit int, after Cursor) (Results, error) {
	return s.SearchContext(context.Background(), q, limit, after)
}

// SearchContext is Search that stops early when ctx is done, for searches
// as the user types.
func (s *Service) SearchContext(ctx context.Context, q string, limit int, after Cursor) (Results, error) {
	pq, err := query.Parse(q)
	if err != nil {
		return Results{}, err
	}
	return s.SearchQuery(ctx, pq, limit, after)
}

// SearchQuery is SearchContext for a parsed query.
func (s *Service) SearchQuery(ctx context.Context, q *query.Query, limit int, after Cursor) (Results, error) {
	return s.search(ctx, q, limit, after, nil)
}

// EachMatch is SearchQuery for a listing that reads the matches but shows
// no highlights: it calls fn with each match, newest first, instead of
// returning Hits (Results.Hits stays empty), and works out no Spans. The
// mention is fn's only during the call. When the word index cannot
// narrow the query (Results.Indexed is false), it reads nothing: a caller
// that must go through every mention does so its own way. The inbox lists
// and counts the matches of queries so, reading each once.
func (s *Service) EachMatch(ctx context.Context, q *query.Query, limit int, after Cursor, fn func(m *storage.Mention)) (Results, error) {
	if fn == nil {
		return Results{}, errors.New("search: EachMatch needs a function")
	}
	return s.search(ctx, q, limit, after, fn)
}

func (s *Service) search(ctx context.Context, q *query.Query, limit int, after Cursor, each func(m *storage.Mention)) (Results, error) {
	if limit <= 0 {
		return Results{}, errors.New("search: limit must be positive")
	}
	start, resume := after.pos()
	if after != nil && !resume {
		return Results{}, errors.New("search: not a search cursor")
	}
	var res Results
	err := s.store.View(func(tx *storage.Tx) error {
		r := run{tx: tx, q: q, limit: limit, maxScan: s.maxScan(), ctx: ctx, deadline: time.Now().Add(s.maxTime()), each: each, workers: s.workers()}
		r.split = r.workers > 1
		var err error
		res, err = r.page(start, resume)
		return err
	})
	return res, err
}

// IndexReady reports whether the store has a complete word index to search
// with (see storage.Options.Words); without one every search reads mentions.
func (s *Service) IndexReady() (bool, error) {
	var ok bool
	err := s.store.View(func(tx *storage.Tx) (err error) { ok, err = tx.WordIndexReady(); return err })
	return ok, err
}

func (s *Service) workers() int {
	if s.Workers > 0 {
		return s.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (s *Service) maxScan() int {
	if s.MaxScan > 0 {
		return s.MaxScan
	}
	return DefaultMaxScan
}

func (s *Service) maxTime() time.Duration {
	if s.MaxTime > 0 {
		return s.MaxTime
	}
	return DefaultMaxTime
}

// run is one page of one search, inside a read transaction.
type run struct {
	tx       *storage.Tx
	q        *query.Query
	limit    int
	maxScan  int
	deadline time.Time
	ctx      context.Context
	names    map[uint64]string
	// workers is how many goroutines check candidates; preps are their
	// prepared documents, sibs the transactions of all but the first, and
	// serial is set once a sibling could not be opened (checkAll).
	workers int
	preps   []*query.Prepared
	sibs    []*storage.Tx
	serial  bool
	// split lets an AND walk the older half of its time on another
	// goroutine (splitStream); err is what that walk could not read.
	split bool
	err   error
	// each, when set, is given each match instead of Hits (EachMatch).
	each  func(m *storage.Mention)
	found int // matches on this page
}

// page finds the hits after start (when resume is set). Candidates are
// taken from the stream in batches and checked on every processor
// (checkAll), then used in the stream's order exactly as if checked one
// by one: a batch is at most the matches still wanted and never crosses
// the scan's cap or a multiple of 64 (where the clock and the context are
// looked at, stop), so what a page returns, and where it stops, are the
// same.
func (r *run) page(start storage.Pos, resume bool) (Results, error) {
	var res Results
	st, indexed, err := r.candidates()
	if err != nil {
		return res, err
	}
	defer st.Close()
	defer r.close()
	res.Indexed = indexed
	if r.each != nil && !indexed {
		return res, nil // EachMatch lists what the index narrows, or nothing
	}
	if r.names, err = sourceNames(r.tx); err != nil {
		return res, err
	}
	if resume {
		if st.Seek(start); st.Valid() && st.Pos() == start {
			st.Next()
		}
	}
	var (
		last  storage.Pos // the last candidate checked
		batch []storage.Pos
		out   []checked
	)
	for st.Valid() {
		if capped, err := r.stop(res.Scanned); err != nil || capped {
			res.Capped, res.Next = capped, cursorAt(last)
			return res, cmp.Or(err, r.err, st.Err())
		}
		batch = batch[:0]
		for n := r.batchSize(res.Scanned); st.Valid() && len(batch) < n; st.Next() {
			batch = append(batch, st.Pos())
		}
		out = r.checkAll(batch, out)
		for i, p := range batch {
			last = p
			res.Scanned++
			c := &out[i]
			if c.err != nil {
				return res, c.err
			}
			if !c.ok {
				continue
			}
			if r.each != nil {
				m := c.hit.Mention // out is reused by the next batch
				r.each(&m)
			} else {
				res.Hits = append(res.Hits, c.hit)
			}
			// A batch is at most the matches still wanted, so the
			// last one wanted is the batch's last.
			if r.found++; r.found == r.limit {
				if st.Valid() {
					res.Next = cursorAt(last)
				}
				return res, cmp.Or(r.err, st.Err())
			}
		}
	}
	return res, cmp.Or(r.err, st.Err())
}

// batchSize is how many candidates to check together after n were: the
// matches still wanted (each candidate is usually one), up to the next
// multiple of 64 and the scan's cap.
func (r *run) batchSize(n int) int {
	return max(1, min(r.limit-r.found, 64-n%64, r.maxScan-n))
}

// checked is what check made of one candidate.
type checked struct {
	hit Hit
	ok  bool
	err error
}

// minShare is the fewest candidates worth a goroutine of their own.
const minShare = 4

// checkAll checks the candidates ps into out (reused), on up to
// r.workers goroutines, this one among them. Reading and
// matching a mention is ~12 µs at a million mentions, nearly all of a
// word's search (docs/search.md). A Badger transaction is used by one
// goroutine at a time, so each other goroutine reads in a sibling
// transaction that sees the same snapshot (storage.Tx.Sibling, opened
// once a page), and matches with its own prepared document. When a commit
// came between the page's transaction and a sibling, the page is checked
// on this goroutine alone.
func (r *run) checkAll(ps []storage.Pos, out []checked) []checked {
	out = slices.Grow(out[:0], len(ps))[:len(ps)]
	workers := r.siblings(min(r.workers, len(ps)/minShare))
	// Each goroutine takes the next unchecked candidate, so one that is
	// not running (the other processor busy with a compaction) holds the
	// page up by one check at most, not by a share.
	var next atomic.Int64
	share := func(w int) {
		tx := r.tx
		if w > 0 {
			tx = r.sibs[w-1]
		}
		for i := int(next.Add(1) - 1); i < len(ps); i = int(next.Add(1) - 1) {
			out[i] = r.check(tx, r.preps[w], ps[i])
		}
	}
	if workers <= 1 {
		share(0)
		return out
	}
	// A panic in a checking goroutine is raised again on this one, once
	// all of them have stopped reading: as before they were several, and
	// never with a transaction that ended.
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		panicked any
	)
	for w := 1; w < workers; w++ {
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					mu.Lock()
					if panicked == nil {
						panicked = p
					}
					mu.Unlock()
				}
			}()
			share(w)
		})
	}
	func() {
		defer wg.Wait()
		share(0)
	}()
	if panicked != nil {
		panic(panicked)
	}
	return out
}

// siblings makes sure there are prepared documents for n goroutines and
// sibling transactions for all but the first, and returns how many
// goroutines may check: 1 once a sibling could not be opened.
func (r *run) siblings(n int) int {
	for len(r.preps) < max(n, 1) {
		r.preps = append(r.preps, query.Prepare(nil))
	}
	for !r.serial && len(r.sibs) < n-1 {
		sib, ok := r.tx.Sibling()
		if !ok {
			r.serial = true
			break
		}
		r.sibs = append(r.sibs, sib)
	}
	if r.serial {
		return 1
	}
	return n
}

// close ends the page's sibling transactions.
func (r *run) close() {
	for _, sib := range r.sibs {
		sib.Discard()
	}
	r.sibs = nil
}

// stop says whether to stop after checking n mentions: when the scan is
// capped, or with an error when the caller gave up. The context is looked
// at first and every 64 mentions, the clock every 64.
func (r *run) stop(n int) (capped bool, err error) {
	switch {
	case n >= r.maxScan:
		return true, nil
	case n%64 != 0:
		return false, nil
	case r.ctx.Err() != nil:
		return false, r.ctx.Err()
	}
	return n > 0 && time.Now().After(r.deadline), nil
}

// candidates returns the stream of mentions to check: from the word index
// when it is ready and the query has words it can use, together with the
// mentions still queued for the index (storage.QueuedWords); else every
// mention.
func (r *run) candidates() (stream, bool, error) {
	ready, err := r.tx.WordIndexReady()
	if err != nil {
		return nil, false, err
	}
	if ready {
		plan := r.q.Plan()
		st, err := build(r.tx, plan)
		if err != nil {
			return nil, false, err
		}
		if st == nil { // the query admits every mention
			return r.tx.IterateMentions(storage.MentionsByTime()), false, nil
		}
		if _, and := st.(*andStream); and && r.split {
			st = newSplit(r, plan, st)
		}
		queued, err := r.tx.QueuedWords()
		if err != nil {
			st.Close()
			return nil, false, err
		}
		if len(queued) > 0 {
			st = newOr([]stream{st, newSliceStream(queued)})
		}
		return st, true, nil
	}
	return r.tx.IterateMentions(storage.MentionsByTime()), false, nil
}

// check reads the mention at p in tx and matches it against the query
// with prep. It may run on several goroutines at once, each with its own
// tx and prep: it only reads r.
func (r *run) check(tx *storage.Tx, prep *query.Prepared, p storage.Pos) checked {
	m, err := tx.Mentions().Get(p.ID())
	if errors.Is(err, storage.ErrNotFound) {
		return checked{} // cannot happen in one snapshot; harmless
	}
	if err != nil {
		return checked{err: fmt.Errorf("search: %w", err)}
	}
	src := SourceNames(&m, r.names)
	prep.Reset(Doc(&m, src))
	if r.each != nil {
		if !r.q.MatchPrepared(prep) {
			return checked{}
		}
		return checked{hit: Hit{ID: m.ID, Mention: m}, ok: true}
	}
	ok, spans := r.q.MatchSpansPrepared(prep)
	if !ok {
		return checked{}
	}
	return checked{hit: Hit{ID: m.ID, Mention: m, Source: src, Spans: spans}, ok: true}
}

// sourceNames maps source ids to names (the store's cached map: read only).
func sourceNames(tx *storage.Tx) (map[uint64]string, error) { return tx.SourceNames() }

// SourceNames names the sources that carried m, comma-separated.
func SourceNames(m *storage.Mention, names map[uint64]string) string {
	out := make([]string, 0, len(m.SourceIDs))
	for _, id := range m.SourceIDs {
		out = append(out, names[id])
	}
	return strings.Join(out, ", ")
}

// Doc is what a query reads of a stored mention; source names the
// source(s) it is read under (see SourceNames).
func Doc(m *storage.Mention, source string) *query.Doc {
	return &query.Doc{Title: m.Title, Text: m.Text, Author: m.Author, Link: m.Link, Source: source, Lang: m.Lang}
}
