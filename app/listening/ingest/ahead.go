package ingest

import (
	"sync"

	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/storage"
)

// ahead is the analyses of a feed's entries, made batch after batch in
// storing order on another goroutine than the one storing them (Ingest's
// own, or a Preparer's caller) while the transactions store the batches
// before them: the analysis is most of a new entry's cost and needs
// nothing from the store (Enricher).
//
// Only entries that will probably be stored are analysed, so that a
// re-import or a poll costs no more analysis than before: not those the
// store already has or deleted (by their identity keys), not a second
// copy of one already analysed (in this feed, or in the file before it,
// which may not be stored yet), and not those the source's watch rules
// leave out. These are guesses for saving work: the transaction decides,
// and analyses itself an entry that is stored without an analysis made
// ahead, or with one made before the analyser changed (Generation).
type ahead struct {
	store  *storage.Store
	enrich Enricher
	src    storage.Source
	rules  []rule
	before map[string]bool // identity keys analysed in the file before (a Preparer's)
	seen   map[string]bool // identity keys of the entries analysed here

	out   []storage.Analysis
	made  []bool          // out[i] is entry i's analysis
	gens  []uint64        // per batch: the analyser's generation before its analyses were made
	ready []chan struct{} // per batch of batchSize entries, closed once its analyses are made
	quit  chan struct{}
	done  chan struct{} // closed when run returns
	once  sync.Once
}

// Prepared is a feed from a source whose entries are analysed, for
// IngestPrepared.
type Prepared struct {
	Source storage.Source
	Feed   *feed.Feed
	an     *ahead
}

// Preparer analyses feeds on the calling goroutine, one after the other,
// for a caller that reads feeds on one goroutine and stores them on
// another (`rapport ingest` analyses the next file while the one before
// is stored). It remembers the identity keys of the feed before, which
// may not be stored yet when the next is prepared.
type Preparer struct {
	s    *Service
	prev map[string]bool
}

// NewPreparer returns a Preparer for this service.
func (s *Service) NewPreparer() *Preparer { return &Preparer{s: s} }

// Prepare analyses the entries of f, which came from src. The error is a
// watch rule of src that cannot be read.
func (p *Preparer) Prepare(src storage.Source, f *feed.Feed) (*Prepared, error) {
	rules, err := p.s.rulesOf(src)
	if err != nil {
		return nil, err
	}
	a := p.s.newAhead(src, rules, f.Entries)
	if a != nil {
		a.before = p.prev
		a.run(f.Entries)
		p.prev = a.seen
	}
	return &Prepared{Source: src, Feed: f, an: a}, nil
}

// analyseAhead starts analysing entries on another goroutine; nil when
// there is no enricher. Call stop when done with them.
func (s *Service) analyseAhead(src storage.Source, rules []rule, entries []feed.Entry) *ahead {
	a := s.newAhead(src, rules, entries)
	if a != nil {
		go a.run(entries)
	}
	return a
}

func (s *Service) newAhead(src storage.Source, rules []rule, entries []feed.Entry) *ahead {
	if s.enrich == nil || len(entries) == 0 {
		return nil
	}
	n := (len(entries) + batchSize - 1) / batchSize
	a := &ahead{
		store: s.store, enrich: s.enrich, src: src, rules: rules, seen: map[string]bool{},
		out: make([]storage.Analysis, len(entries)), made: make([]bool, len(entries)), gens: make([]uint64, n),
		ready: make([]chan struct{}, n), quit: make(chan struct{}), done: make(chan struct{}),
	}
	for i := range a.ready {
		a.ready[i] = make(chan struct{})
	}
	return a
}

// run analyses the entries batch after batch, until stop.
func (a *ahead) run(entries []feed.Entry) {
	defer close(a.done)
	for b := range a.ready {
		if a.stopped() {
			return
		}
		batch := entries[b*batchSize : min((b+1)*batchSize, len(entries))]
		known := a.known(batch)
		a.gens[b] = a.enrich.Generation()
		for j := range batch {
			if a.stopped() {
				return
			}
			e := &batch[j]
			if known[j] || a.copyOfOneAnalysed(e) {
				continue
			}
			m := entryMention(e, a.src)
			if len(a.rules) > 0 && !admitted(m, a.src, a.rules) {
				continue
			}
			i := b*batchSize + j
			a.out[i] = a.enrich.Analysis(m)
			a.made[i] = true
			for _, k := range e.Keys {
				if k[0] == feed.KeyIdentity {
					a.seen[string(k)] = true
				}
			}
		}
		close(a.ready[b])
	}
}

func (a *ahead) stopped() bool {
	select {
	case <-a.quit:
		return true
	default:
		return false
	}
}

// copyOfOneAnalysed says whether an entry with one of e's identity keys
// was analysed here or in the feed before.
func (a *ahead) copyOfOneAnalysed(e *feed.Entry) bool {
	for _, k := range e.Keys {
		if k[0] == feed.KeyIdentity && (a.seen[string(k)] || a.before[string(k)]) {
			return true
		}
	}
	return false
}

// known says which entries the store has or deleted, by their identity
// keys.
func (a *ahead) known(batch []feed.Entry) []bool {
	known := make([]bool, len(batch))
	_ = a.store.View(func(tx *storage.Tx) error {
		for j := range batch {
			for _, k := range batch[j].Keys {
				if k[0] != feed.KeyIdentity {
					continue
				}
				knows, _ := tx.HasTombstone(k) // deleted
				if !knows {
					_, knows, _ = tx.MentionByKey(k) // stored
				}
				if knows {
					known[j] = true
					break
				}
			}
		}
		return nil
	})
	return known
}

// stop ends the analysis of entries no batch will need, and returns once
// the goroutine making them has (it reads the store, which the caller
// may close next).
func (a *ahead) stop() {
	if a == nil {
		return
	}
	a.once.Do(func() { close(a.quit) })
	<-a.done
}

// batch is the analyses of the entries from start on, one batch of
// Ingest's (start is a multiple of batchSize).
func (a *ahead) batch(start int) analyses {
	if a == nil {
		return analyses{}
	}
	return analyses{a: a, batch: start / batchSize, from: start}
}

// analyses are those of a batch's entries, to be read after wait. The
// zero value has none: the batch analyses each entry it stores.
type analyses struct {
	a     *ahead
	batch int // in a
	from  int // a's index of the batch's first entry
}

// wait returns once the analyses are made.
func (an analyses) wait() {
	if an.a != nil {
		<-an.a.ready[an.batch]
	}
}

// slice is the analyses of the batch's entries from i on.
func (an analyses) slice(i int) analyses {
	an.from += i
	return an
}

// of is the analysis of the batch's entry i, nil when none was made
// ahead or the analyser changed since.
func (an analyses) of(i int) *storage.Analysis {
	a := an.a
	if a == nil || !a.made[an.from+i] || a.gens[an.batch] != a.enrich.Generation() {
		return nil
	}
	return &a.out[an.from+i]
}

// entryMention is the mention an entry of src becomes, before what its
// transaction adds (times, person, group, rules, analysis).
func entryMention(e *feed.Entry, src storage.Source) *storage.Mention {
	return &storage.Mention{
		Keys: e.Keys, GUID: e.GUID, Link: e.Link, Title: e.Title, Author: e.Author, AuthorURL: e.AuthorURL,
		SourceIDs: []uint64{src.ID}, Text: e.Text, Lang: e.Lang, Platform: e.Platform, Reach: e.Reach,
	}
}

// admitted says whether one of the rules matches m (applyRules, without
// recording where).
func admitted(m *storage.Mention, src storage.Source, rules []rule) bool {
	doc := search.Doc(m, src.Name)
	for _, r := range rules {
		if r.q.Match(doc) {
			return true
		}
	}
	return false
}
