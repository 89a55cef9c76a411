package monitor

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/app/listening/fetch"
	"github.com/rapportapp/rapport/app/listening/ingest"
	"github.com/rapportapp/rapport/app/shared/secrets"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// Outcome is what checking one source found.
type Outcome struct {
	Source    storage.Source
	Unchanged bool // the server said nothing changed (304)
	Skipped   bool // a check of this source was already running
	// Waiting is set when the server had asked to be left alone until a
	// time (Retry-After) that has not come: it was not asked, and Err
	// says until when.
	Waiting bool
	Err     error  // in plain words
	Warning string // a check that succeeded, but not wholly, in plain words
	Result  ingest.Result
}

// Progress reports a check of several sources as it goes.
type Progress struct {
	Done, Total int
	Last        Outcome
}

// Summary adds up a check of several sources. Failed counts the sources
// that were not read, Waiting those of them whose server had asked to be
// left alone for a while.
type Summary struct {
	Sources, Failed, Unchanged, Waiting int
	ingest.Result
}

// Add counts one outcome.
func (s *Summary) Add(o Outcome) {
	s.Sources++
	if o.Waiting {
		s.Waiting++
	}
	switch {
	case o.Err != nil:
		s.Failed++
	case o.Unchanged:
		s.Unchanged++
	}
	s.Result.Add(o.Result)
}

// CheckNow checks the given sources (all enabled ones when ids is empty)
// at once, several at a time, telling progress after each (one call at a
// time, so progress needs no locking); failures are
// counted, not returned, so one bad source never stops the others.
func (s *Service) CheckNow(ctx context.Context, ids []uint64, progress func(Progress)) (Summary, error) {
	srcs, err := s.sources(ids)
	if err != nil {
		return Summary{}, err
	}
	return s.checkAll(ctx, srcs, progress), nil
}

// checkAll checks sources concurrently (the fetch client limits requests
// per host and overall) and sums the outcomes.
func (s *Service) checkAll(ctx context.Context, srcs []storage.Source, progress func(Progress)) Summary {
	var (
		mu  sync.Mutex
		sum Summary
		wg  sync.WaitGroup
	)
	sem := make(chan struct{}, 8)
	for _, src := range srcs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			o := s.Check(ctx, src)
			mu.Lock()
			defer mu.Unlock() // progress calls come one at a time, in order
			sum.Add(o)
			if progress != nil {
				progress(Progress{Done: sum.Sources, Total: len(srcs), Last: o})
			}
		})
	}
	wg.Wait()
	if len(sum.NewIDs) > 0 {
		if _, err := Route(s.p.Store, sum.NewIDs, s.now()); err != nil {
			s.p.Log.Warn("route new mentions", "err", err)
		}
		s.p.Events.EmitMentionsChanged(workspace.MentionsChanged{IDs: sum.NewIDs})
	}
	return sum
}

// Check fetches one source, stores what is new and records its health. A
// source whose server asked to be left alone (429 or 503 with Retry-After)
// is not asked before the time it gave.
func (s *Service) Check(ctx context.Context, src storage.Source) Outcome {
	if !s.begin(src.ID) {
		return Outcome{Source: src, Skipped: true}
	}
	defer s.end(src.ID)
	o := Outcome{Source: src}
	start := s.now()
	if wait := src.Health.RetryAfter; wait.After(start) {
		o.Waiting = true
		o.Err = fmt.Errorf("not asked again yet: the server asked Rapport to wait (%s)", fetch.NextTry(wait))
		return o
	}
	res, err := s.client.Get(ctx, fetch.Request{URL: s.requestURL(src), ETag: src.Health.ETag, LastModified: src.Health.LastModified})
	c := checked{start: start, res: res, fetchErr: err}
	switch {
	case err != nil:
		o.Err = plainErr(err)
	case res.NotModified:
		o.Unchanged = true
	default:
		c.items, o.Warning, o.Result, o.Err = s.store(src, res)
	}
	c.err, c.warning = o.Err, o.Warning
	if herr := s.recordHealth(src.ID, c); herr != nil && o.Err == nil {
		o.Err = herr
	}
	return o
}

// store parses a fetched body and ingests it; warning says when the feed
// was longer than Rapport reads.
func (s *Service) store(src storage.Source, res *fetch.Result) (items int, warning string, r ingest.Result, err error) {
	s.reading <- struct{}{}
	defer func() { <-s.reading }()
	f, err := readFeed(res, src.Kind, s.now())
	res.Body = nil // read: its memory can go while the entries are stored
	if err != nil {
		return 0, "", r, err
	}
	r, err = s.p.Ingest.Ingest(src, f, ingest.Options{})
	return len(f.Entries), f.CutWarning(), r, err
}

// readFeed reads the feed in a fetched body, decoding it as the response's
// Content-Type says; the error is in plain words.
func readFeed(res *fetch.Result, kind string, now time.Time) (*feed.Feed, error) {
	f, err := feed.Parse(bytes.NewReader(res.Body), feed.Options{
		Kind: kind, Now: now, MaxBytes: int64(len(res.Body)) + 1, ContentType: res.ContentType,
	})
	if err == nil {
		return f, nil
	}
	if fetch.LooksLikeHTML(res.ContentType, res.Body) {
		return nil, errors.New(fetch.NotFeedError(res.URL).Plain())
	}
	return nil, fmt.Errorf("the feed could not be read: %w", err)
}

// checked is what one check learnt, for the source's health.
type checked struct {
	start    time.Time
	res      *fetch.Result // nil when the request failed before an answer
	fetchErr error         // what the fetch returned
	err      error         // the check's outcome, in plain words
	warning  string
	items    int
}

// retryAfter is when the server asked to be asked again, or zero.
func (c checked) retryAfter() time.Time {
	var retry time.Time
	if c.res != nil {
		retry = c.res.RetryAfter
	}
	if fe, ok := fetch.AsError(c.fetchErr); ok && fe.RetryAfter.After(retry) {
		retry = fe.RetryAfter
	}
	return retry
}

// recordHealth saves what this check learnt about the source, touching
// only the health fields (and the address after a permanent redirect), so
// an edit the owner made meanwhile is kept.
func (s *Service) recordHealth(id uint64, c checked) error {
	now := s.now().UTC()
	return s.p.Store.Update(func(tx *storage.Tx) error {
		src, gerr := tx.Sources().Get(id)
		if errors.Is(gerr, storage.ErrNotFound) {
			return nil // deleted while being checked
		}
		if gerr != nil {
			return gerr
		}
		h := &src.Health
		h.LastCheck = c.start.UTC()
		retry := c.retryAfter()
		h.RetryAfter = retry.UTC()
		if c.err == nil {
			h.LastSuccess, h.LastError, h.Failures = now, "", 0
			if res := c.res; res != nil && !res.NotModified {
				h.ETag, h.LastModified, h.Items, h.Warning = res.ETag, res.LastModified, c.items, c.warning
				if res.Moved && res.URL != "" {
					src.URL, _ = secrets.SplitURL(res.URL)
				}
			}
		} else {
			h.LastError = c.err.Error()
			h.Failures++
		}
		h.NextCheck = fetch.NextCheck(now, src.Every, h.Failures, retry, s.rnd).UTC()
		return tx.Sources().Put(&src)
	})
}

// sources loads the given sources, or every enabled one.
func (s *Service) sources(ids []uint64) ([]storage.Source, error) {
	var out []storage.Source
	err := s.p.Store.View(func(tx *storage.Tx) error {
		if len(ids) > 0 {
			var err error
			out, err = tx.Sources().GetMany(ids)
			return err
		}
		return tx.Sources().Each(func(src *storage.Source) error {
			if !src.Disabled {
				out = append(out, *src)
			}
			return nil
		})
	})
	return out, err
}
