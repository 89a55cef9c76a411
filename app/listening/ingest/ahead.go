package ingest

import (
	"sync"

	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/storage"
)

// ahead is the analyses of a feed's entries, made batch after batch in
// storing order on another goroutine than the one storing them (Ingest's
// own, or Prepare's caller) while the transactions store the batches
// before them: the analysis is most of a new entry's cost and needs
// nothing from the store (Enricher). Entries the store already has (or
// deleted) are not analysed: a re-import of what is stored costs no
// analysis, as before.
type ahead struct {
	store  *storage.Store
	enrich Enricher
	out    []storage.Analysis
	made   []bool          // out[i] is entry i's analysis
	ready  []chan struct{} // one per batch of batchSize entries, closed once its entries are analysed
	quit   chan struct{}
	once   sync.Once
}

// Prepared is a feed whose entries are analysed, for IngestPrepared.
type Prepared struct {
	Feed *feed.Feed
	an   *ahead
}

// Prepare analyses f's entries on the calling goroutine. A caller that
// reads feeds on one goroutine and stores them on another (`rapport
// ingest`) analyses the next feed while the one before is stored.
func (s *Service) Prepare(f *feed.Feed) *Prepared {
	a := s.newAhead(f.Entries)
	if a != nil {
		a.run(f.Entries)
	}
	return &Prepared{Feed: f, an: a}
}

// analyseAhead starts analysing entries on another goroutine; nil when
// there is no enricher. Call stop when done with them.
func (s *Service) analyseAhead(entries []feed.Entry) *ahead {
	a := s.newAhead(entries)
	if a != nil {
		go a.run(entries)
	}
	return a
}

func (s *Service) newAhead(entries []feed.Entry) *ahead {
	if s.enrich == nil || len(entries) == 0 {
		return nil
	}
	n := (len(entries) + batchSize - 1) / batchSize
	a := &ahead{
		store: s.store, enrich: s.enrich, out: make([]storage.Analysis, len(entries)), made: make([]bool, len(entries)),
		ready: make([]chan struct{}, n), quit: make(chan struct{}),
	}
	for i := range a.ready {
		a.ready[i] = make(chan struct{})
	}
	return a
}

// run analyses the entries batch after batch, until stop.
func (a *ahead) run(entries []feed.Entry) {
	for b := range a.ready {
		batch := entries[b*batchSize : min((b+1)*batchSize, len(entries))]
		known := a.known(batch)
		for j := range batch {
			select {
			case <-a.quit:
				return
			default:
			}
			if known[j] {
				continue
			}
			e, i := &batch[j], b*batchSize+j
			a.out[i] = a.enrich.Analysis(&storage.Mention{Title: e.Title, Text: e.Text, Author: e.Author})
			a.made[i] = true
		}
		close(a.ready[b])
	}
}

// known says which entries the store has or deleted, by their identity
// keys. Only a guess for saving work: the transaction that stores the
// batch looks again and analyses an entry that is new after all.
func (a *ahead) known(batch []feed.Entry) []bool {
	known := make([]bool, len(batch))
	_ = a.store.View(func(tx *storage.Tx) error {
		for j := range batch {
			for _, k := range batch[j].Keys {
				if k[0] != feed.KeyIdentity {
					continue
				}
				gone, _ := tx.HasTombstone(k)
				_, had, _ := tx.MentionByKey(k)
				if gone || had {
					known[j] = true
					break
				}
			}
		}
		return nil
	})
	return known
}

// stop ends the analysis of entries no batch will need.
func (a *ahead) stop() {
	if a != nil {
		a.once.Do(func() { close(a.quit) })
	}
}

// batch is the analyses of entries[start:end], one batch of Ingest's.
func (a *ahead) batch(start, end int) analyses {
	if a == nil {
		return analyses{}
	}
	return analyses{out: a.out[start:end], made: a.made[start:end], ready: a.ready[start/batchSize]}
}

// analyses are those of a batch's entries, to be read after wait.
// The zero value has none: the batch analyses each entry it stores.
type analyses struct {
	out   []storage.Analysis
	made  []bool
	ready <-chan struct{}
}

// wait returns once the analyses are made.
func (an analyses) wait() {
	if an.ready != nil {
		<-an.ready
	}
}

// slice is the analyses of entries [i, j) of the batch.
func (an analyses) slice(i, j int) analyses {
	if an.out == nil {
		return an
	}
	return analyses{out: an.out[i:j], made: an.made[i:j], ready: an.ready}
}

// of is the analysis of the batch's entry i, nil when not made ahead.
func (an analyses) of(i int) *storage.Analysis {
	if an.out == nil || !an.made[i] {
		return nil
	}
	return &an.out[i]
}
