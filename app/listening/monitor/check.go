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
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// Outcome is what checking one source found.
type Outcome struct {
	Source    storage.Source
	Unchanged bool  // the server said nothing changed (304)
	Skipped   bool  // a check of this source was already running
	Err       error // in plain words
	Result    ingest.Result
}

// Progress reports a check of several sources as it goes.
type Progress struct {
	Done, Total int
	Last        Outcome
}

// Summary adds up a check of several sources.
type Summary struct {
	Sources, Failed, Unchanged int
	ingest.Result
}

// Add counts one outcome.
func (s *Summary) Add(o Outcome) {
	s.Sources++
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

// Check fetches one source, stores what is new and records its health.
func (s *Service) Check(ctx context.Context, src storage.Source) Outcome {
	if !s.begin(src.ID) {
		return Outcome{Source: src, Skipped: true}
	}
	defer s.end(src.ID)
	o := Outcome{Source: src}
	start := s.now()
	res, err := s.client.Get(ctx, fetch.Request{URL: src.URL, ETag: src.Health.ETag, LastModified: src.Health.LastModified})
	items := 0
	switch {
	case err != nil:
		o.Err = plainErr(err)
	case res.NotModified:
		o.Unchanged = true
	default:
		items, o.Result, o.Err = s.store(src, res)
	}
	if herr := s.recordHealth(src.ID, start, res, items, err, o.Err); herr != nil && o.Err == nil {
		o.Err = herr
	}
	return o
}

// store parses a fetched body and ingests it.
func (s *Service) store(src storage.Source, res *fetch.Result) (int, ingest.Result, error) {
	f, err := feed.Parse(bytes.NewReader(res.Body), feed.Options{Kind: src.Kind, Now: s.now(), MaxBytes: int64(len(res.Body)) + 1})
	if err != nil {
		if fetch.LooksLikeHTML(res.ContentType, res.Body) {
			return 0, ingest.Result{}, errors.New(fetch.NotFeedError(src.URL).Plain())
		}
		return 0, ingest.Result{}, fmt.Errorf("the feed could not be read: %w", err)
	}
	r, err := s.p.Ingest.Ingest(src, f, ingest.Options{})
	return len(f.Entries), r, err
}

// recordHealth saves what this check learnt about the source, touching
// only the health fields (and the address after a permanent redirect), so
// an edit the owner made meanwhile is kept.
func (s *Service) recordHealth(id uint64, start time.Time, res *fetch.Result, items int, fetchErr, err error) error {
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
		h.LastCheck = start.UTC()
		var retry time.Time
		if res != nil {
			retry = res.RetryAfter
		}
		if fe, ok := fetch.AsError(fetchErr); ok && fe.RetryAfter.After(retry) {
			retry = fe.RetryAfter
		}
		if err == nil {
			h.LastSuccess, h.LastError, h.Failures = now, "", 0
			if res != nil && !res.NotModified {
				h.ETag, h.LastModified, h.Items = res.ETag, res.LastModified, items
				if res.Moved && res.URL != "" {
					src.URL = res.URL
				}
			}
		} else {
			h.LastError = err.Error()
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
