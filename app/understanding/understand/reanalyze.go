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
//
// Once every mention was found read by this version, the store remembers
// it (docReadBy), and later calls answer without reading any mention: the
// app asks at every start, and reading a million mentions took seconds
// and most of the window's memory. Every mention stored since is read by
// this version (ingest applies it), and an older Rapport cannot write to
// a store of this schema.
func (s *Service) Outdated(st *storage.Store) (int, error) {
	if done, err := readByCurrent(st); err != nil || done {
		return 0, err
	}
	ids, err := outdatedIDs(context.Background(), st)
	if err == nil && len(ids) == 0 {
		err = markReadByCurrent(st)
	}
	return len(ids), err
}

// docReadBy names the document holding the analyser version that every
// stored mention was read by.
const docReadBy = "analysis-read-by"

// NoteFresh remembers, in a store without mentions, that every mention is
// read by this version, so that Outdated never reads them: every mention
// ingested from now on is. The workspace calls it when it opens.
func NoteFresh(st *storage.Store) error {
	var v, n int
	err := st.View(func(tx *storage.Tx) error {
		if _, err := tx.GetDoc(docReadBy, &v); err != nil {
			return err
		}
		c, err := tx.Counts()
		n = c.Mentions()
		return err
	})
	if err != nil || v >= Version || n > 0 {
		return err
	}
	return markReadByCurrent(st)
}

func readByCurrent(st *storage.Store) (bool, error) {
	var v int
	err := st.View(func(tx *storage.Tx) error { _, err := tx.GetDoc(docReadBy, &v); return err })
	return v >= Version, err
}

func markReadByCurrent(st *storage.Store) error {
	return st.Update(func(tx *storage.Tx) error { return tx.PutDoc(docReadBy, Version) })
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
	if done, err := readByCurrent(st); err != nil || done {
		return 0, err
	}
	ids, err := outdatedIDs(ctx, st)
	if err != nil {
		return 0, err
	}
	n, err := s.reanalyzeIDs(ctx, st, ids, progress)
	if err == nil {
		err = markReadByCurrent(st)
	}
	return n, err
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
