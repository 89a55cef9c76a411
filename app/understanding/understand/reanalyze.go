package understand

import (
	"context"
	"fmt"
	"runtime"
	"sync"

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

// reanalyzeIDs reads the mentions ids again in batches. The analyses of
// a batch, which need nothing from the store but the mentions' words, are
// made ahead on other goroutines (readAhead), while the transaction of the
// batch before stores its own.
func (s *Service) reanalyzeIDs(ctx context.Context, st *storage.Store, ids []uint64, progress func(done, total int)) (int, error) {
	quit := make(chan struct{})
	reads := s.readAhead(st, ids, quit)
	defer func() { // it reads the store, which the caller may close next
		close(quit)
		for range reads {
		}
	}()
	done := 0
	for {
		if err := ctx.Err(); err != nil {
			return done, err
		}
		r, ok := <-reads
		if !ok {
			return done, nil
		}
		if err := st.Update(func(tx *storage.Tx) error { return s.reanalyzeBatch(tx, r) }); err != nil {
			return done, fmt.Errorf("read mentions again: %w", err)
		}
		done += len(r.ids)
		if progress != nil {
			progress(done, len(ids))
		}
	}
}

// batchRead is one batch of a reanalysis, with what the analyser read in
// its mentions ahead of the transaction.
type batchRead struct {
	ids  []uint64
	read map[uint64]wordsRead
	gen  uint64 // the analyser's generation before they were read
}

// wordsRead is the analysis of a mention's title, text and author's name
// (all Analysis reads).
type wordsRead struct {
	title, text, author string
	a                   storage.Analysis
}

// of is the analysis made ahead of m, if it was made of the same words by
// the analyser in use.
func (r *batchRead) of(s *Service, m *storage.Mention) (storage.Analysis, bool) {
	w, ok := r.read[m.ID]
	if !ok || w.title != m.Title || w.text != m.Text || w.author != m.Author || r.gen != s.Generation() {
		return storage.Analysis{}, false
	}
	return w.a, true
}

// readAhead sends the batches of ids in order, each analysed, one batch
// ahead of the one being stored, until quit; it closes the channel when
// it ends. A batch that cannot be read ahead is sent without analyses:
// its transaction reads and analyses the mentions itself, and says why
// if it cannot.
func (s *Service) readAhead(st *storage.Store, ids []uint64, quit <-chan struct{}) <-chan *batchRead {
	out := make(chan *batchRead)
	go func() {
		defer close(out)
		for start := 0; start < len(ids); start += reanalyzeBatch {
			if stopped(quit) {
				return
			}
			r := &batchRead{ids: ids[start:min(start+reanalyzeBatch, len(ids))], gen: s.Generation()}
			var ms []storage.Mention
			if st.View(func(tx *storage.Tx) (err error) { ms, err = tx.Mentions().GetMany(r.ids); return err }) == nil {
				r.read = s.analyseAll(ms)
			}
			if stopped(quit) { // not sent when both are ready
				return
			}
			select {
			case out <- r:
			case <-quit:
				return
			}
		}
	}()
	return out
}

func stopped(quit <-chan struct{}) bool {
	select {
	case <-quit:
		return true
	default:
		return false
	}
}

// analyseAll analyses ms on as many goroutines as there are processors
// but one, left to the transactions and the window (a reanalysis after an
// upgrade runs while the owner works).
func (s *Service) analyseAll(ms []storage.Mention) map[uint64]wordsRead {
	as := make([]storage.Analysis, len(ms))
	workers := max(1, min(runtime.GOMAXPROCS(0)-1, len(ms)))
	analyse := func(w int) {
		for i := w; i < len(ms); i += workers {
			as[i] = s.Analysis(&ms[i])
		}
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ { // the first share on this goroutine
		wg.Add(1)
		go func() {
			defer wg.Done()
			analyse(w)
		}()
	}
	analyse(0)
	wg.Wait()
	read := make(map[uint64]wordsRead, len(ms))
	for i := range ms {
		read[ms[i].ID] = wordsRead{title: ms[i].Title, text: ms[i].Text, author: ms[i].Author, a: as[i]}
	}
	return read
}

func (s *Service) reanalyzeBatch(tx *storage.Tx, r *batchRead) error {
	for _, id := range r.ids {
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
		if a, ok := r.of(s, &m); ok {
			s.ApplyAnalysis(&m, author, a)
		} else {
			s.Apply(&m, author) // changed since it was read ahead
		}
		if err := tx.Mentions().Put(&m); err != nil {
			return err
		}
	}
	return nil
}
