package understand

import (
	"context"
	"fmt"

	"github.com/rapportapp/rapport/storage"
)

// reanalyzeBatch is how many mentions share one transaction.
const reanalyzeBatch = 200

// Reanalyze reads every stored mention again with the current
// configuration (after the owner edited touch points, brand names or the
// promise), keeping their corrections, and tells progress as it goes. It
// returns how many mentions it read.
func (s *Service) Reanalyze(st *storage.Store, progress func(done, total int)) (int, error) {
	var ids []uint64
	err := st.View(func(tx *storage.Tx) (err error) {
		ids, _, err = tx.MentionIDs(storage.MentionsByTime(), nil, 0)
		return err
	})
	if err != nil {
		return 0, err
	}
	return s.reanalyzeIDs(context.Background(), st, ids, progress)
}

// Outdated counts the stored mentions whose analysis is older than this
// version of the analyser (Version), which ReanalyzeOutdated would read
// again.
func (s *Service) Outdated(st *storage.Store) (int, error) {
	ids, err := outdatedIDs(context.Background(), st)
	return len(ids), err
}

// ReanalyzeOutdated is the migration after an upgrade: it reads again the
// mentions whose analysis an older analyser made (Analysis.Version below
// Version), newest first, in batches of 200 per transaction, keeping the
// owner's corrections, and calls progress after each batch. The store
// stays usable meanwhile (each batch is a short transaction; run this off
// the UI goroutine). Cancelling ctx stops it between batches; what was
// done stays done and the next run continues with the rest. It returns how
// many mentions it read.
func (s *Service) ReanalyzeOutdated(ctx context.Context, st *storage.Store, progress func(done, total int)) (int, error) {
	ids, err := outdatedIDs(ctx, st)
	if err != nil {
		return 0, err
	}
	return s.reanalyzeIDs(ctx, st, ids, progress)
}

// outdatedIDs lists the mentions analysed by an older analyser, newest first.
func outdatedIDs(ctx context.Context, st *storage.Store) ([]uint64, error) {
	var ids []uint64
	err := st.View(func(tx *storage.Tx) error {
		all, _, err := tx.MentionIDs(storage.MentionsByTime(), nil, 0)
		if err != nil {
			return err
		}
		for start := 0; start < len(all); start += reanalyzeBatch {
			if err := ctx.Err(); err != nil {
				return err
			}
			ms, err := tx.Mentions().GetMany(all[start:min(start+reanalyzeBatch, len(all))])
			if err != nil {
				return err
			}
			for i := range ms {
				if ms[i].Analysis.Version < Version {
					ids = append(ids, ms[i].ID)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find mentions to read again: %w", err)
	}
	return ids, nil
}

// reanalyzeIDs reads the mentions ids again in batches.
func (s *Service) reanalyzeIDs(ctx context.Context, st *storage.Store, ids []uint64, progress func(done, total int)) (int, error) {
	done := 0
	for start := 0; start < len(ids); start += reanalyzeBatch {
		if err := ctx.Err(); err != nil {
			return done, err
		}
		chunk := ids[start:min(start+reanalyzeBatch, len(ids))]
		if err := st.Update(func(tx *storage.Tx) error { return s.reanalyzeBatch(tx, chunk) }); err != nil {
			return done, fmt.Errorf("read mentions again: %w", err)
		}
		done += len(chunk)
		if progress != nil {
			progress(done, len(ids))
		}
	}
	return done, nil
}

func (s *Service) reanalyzeBatch(tx *storage.Tx, ids []uint64) error {
	for _, id := range ids {
		m, err := tx.Mentions().Get(id)
		if err != nil {
			continue // deleted meanwhile
		}
		var author *storage.Person
		if m.PersonID != 0 {
			if p, err := tx.People().Get(m.PersonID); err == nil {
				author = &p
			}
		}
		s.Apply(&m, author)
		if err := tx.Mentions().Put(&m); err != nil {
			return err
		}
	}
	return nil
}
