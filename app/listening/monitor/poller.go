package monitor

import (
	"context"
	"time"

	"github.com/rapportapp/rapport/storage"
)

// pollEvery is how often the poller looks for sources that are due.
const pollEvery = 20 * time.Second

// Run polls due sources in the background until ctx ends: every source is
// checked when its next check (interval, back-off after failures,
// Retry-After) has come. It returns when ctx is done.
func (s *Service) Run(ctx context.Context) {
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	for {
		s.PollDue(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// PollDue checks the enabled sources whose next check has come.
func (s *Service) PollDue(ctx context.Context) Summary {
	now := s.now()
	var due []storage.Source
	err := s.p.Store.View(func(tx *storage.Tx) error {
		return tx.Sources().Each(func(src *storage.Source) error {
			if !src.Disabled && !src.Health.NextCheck.After(now) {
				due = append(due, *src)
			}
			return nil
		})
	})
	if err != nil {
		s.p.Log.Warn("poll: read sources", "err", err)
		return Summary{}
	}
	if len(due) == 0 {
		return Summary{}
	}
	sum := s.checkAll(ctx, due, nil)
	s.p.Log.Debug("polled", "sources", sum.Sources, "new", sum.New, "failed", sum.Failed)
	return sum
}
