package ingest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/storage"
)

// batchSize is how many entries share one transaction: large enough to
// amortise the commit, small enough to stay far below Badger's transaction
// limit with 64 KB texts.
const batchSize = 100

// Result counts what one ingest did.
type Result struct {
	Entries    int      `json:"entries"`
	New        int      `json:"new"`
	Duplicate  int      `json:"duplicate"`
	Filtered   int      `json:"filtered"`   // no watch rule matched
	Tombstoned int      `json:"tombstoned"` // deleted before; not brought back
	NewIDs     []uint64 `json:"-"`
}

// Add sums two results.
func (r *Result) Add(o Result) {
	r.Entries += o.Entries
	r.New += o.New
	r.Duplicate += o.Duplicate
	r.Filtered += o.Filtered
	r.Tombstoned += o.Tombstoned
	r.NewIDs = append(r.NewIDs, o.NewIDs...)
}

// Options tune one ingest.
type Options struct {
	// Shift moves every date by this much (the sample workspace is
	// shifted so that it looks recent).
	Shift time.Duration
}

// Enricher adds what Rapport reads in a mention (analysis, priority)
// before it is stored, in two steps: Analysis reads only the mention's
// Title, Text and Author, is safe on any goroutine and is most of an
// entry's cost, so Ingest runs it ahead of the transactions, on another
// goroutine (ahead.go); ApplyAnalysis then sets it with what the store
// knows (the author, nil for posts without a known one). Generation
// changes whenever Analysis would read differently (the configuration or
// what was learned changed): an analysis made before is made again.
type Enricher interface {
	Analysis(m *storage.Mention) storage.Analysis
	ApplyAnalysis(m *storage.Mention, author *storage.Person, a storage.Analysis)
	Generation() uint64
}

// Service ingests entries into a store.
type Service struct {
	store  *storage.Store
	enrich Enricher
	now    func() time.Time

	mu    sync.Mutex
	rules map[uint64]compiled // watch rules by id, recompiled when their text changes
}

type compiled struct {
	text string
	q    *query.Query
	err  error
}

// New returns a service writing to store; enrich may be nil.
func New(store *storage.Store, enrich Enricher) *Service {
	return &Service{store: store, enrich: enrich, now: time.Now, rules: map[uint64]compiled{}}
}

// Ingest stores the entries of one feed that came from src.
func (s *Service) Ingest(src storage.Source, f *feed.Feed, opt Options) (Result, error) {
	rules, err := s.rulesOf(src)
	if err != nil {
		return Result{}, err
	}
	return s.ingest(src, f, rules, s.analyseAhead(src, rules, f.Entries), opt)
}

// IngestPrepared stores the entries of a feed a Preparer analysed.
func (s *Service) IngestPrepared(p *Prepared, opt Options) (Result, error) {
	rules, err := s.rulesOf(p.Source) // again: they may have changed since
	if err != nil {
		p.an.stop()
		return Result{}, err
	}
	return s.ingest(p.Source, p.Feed, rules, p.an, opt)
}

func (s *Service) ingest(src storage.Source, f *feed.Feed, rules []rule, ahead *ahead, opt Options) (Result, error) {
	defer ahead.stop()
	var total Result
	now := s.now().UTC()
	for start := 0; start < len(f.Entries); start += batchSize {
		entries := f.Entries[start:min(start+batchSize, len(f.Entries))]
		if err := s.store1(entries, ahead.batch(start), src, rules, now, opt, &total); err != nil {
			return total, fmt.Errorf("store entries from %s: %w", src.Name, err)
		}
	}
	return total, nil
}

// store1 stores a batch in one transaction, halving it when it is more
// than Badger takes at once (long texts make many word-index keys).
func (s *Service) store1(entries []feed.Entry, an analyses, src storage.Source, rules []rule, now time.Time, opt Options, total *Result) error {
	b := &batch{entries: entries, an: an, src: src, rules: rules, now: now, opt: opt, enrich: s.enrich}
	err := s.store.Update(b.run)
	if errors.Is(err, storage.ErrTooBig) && len(entries) > 1 {
		half := len(entries) / 2
		if err := s.store1(entries[:half], an, src, rules, now, opt, total); err != nil {
			return err
		}
		return s.store1(entries[half:], an.slice(half), src, rules, now, opt, total)
	}
	if err != nil {
		return err
	}
	total.Add(b.res)
	return nil
}

// batch ingests some entries in one transaction, in two phases: first
// every lookup, while the transaction has no pending writes (Badger sorts
// the pending writes for each iterator it opens, so lookups after writes
// would cost more the larger the batch), then every write, with maps for
// what this batch itself created.
type batch struct {
	entries []feed.Entry
	an      analyses // of entries, made ahead
	src     storage.Source
	rules   []rule
	now     time.Time
	opt     Options
	enrich  Enricher

	res     Result
	found   []found
	created map[string]uint64 // identity and group keys → mentions created in this batch
	texts   map[uint64]string // text of the mentions created in this batch
	people  map[string]uint64 // platform + handle → people created in this batch
}

// found is what the store already knows about an entry.
type found struct {
	tombstoned bool
	mention    uint64   // a stored mention with one of its identity keys
	person     uint64   // the person with the author's handle
	group      uint64   // a stored mention with the same text
	tasks      []uint64 // the person's open follow-ups
}

// run is the transaction; it re-runs from scratch on a conflict.
func (b *batch) run(tx *storage.Tx) error {
	b.res = Result{Entries: len(b.entries)}
	b.found = make([]found, len(b.entries))
	n := len(b.entries)
	b.created, b.people, b.texts = make(map[string]uint64, 5*n), make(map[string]uint64, n), make(map[uint64]string, n)
	for i := range b.entries {
		if err := lookup(tx, &b.entries[i], &b.found[i]); err != nil {
			return err
		}
	}
	b.an.wait() // the lookups above ran while the entries were analysed
	for i := range b.entries {
		if err := b.store(tx, i); err != nil {
			return err
		}
	}
	return nil
}

// lookup finds what the store knows of entry e. An index that cannot be
// read stops the batch with its error rather than reading as "not there",
// which would store the entry a second time.
func lookup(tx *storage.Tx, e *feed.Entry, f *found) error {
	var err error
	for _, k := range e.Keys {
		switch k[0] {
		case feed.KeyIdentity:
			gone, err := tx.HasTombstone(k)
			if err != nil {
				return err
			}
			f.tombstoned = f.tombstoned || gone
			if f.mention == 0 {
				if f.mention, _, err = tx.MentionByKey(k); err != nil {
					return err
				}
			}
		case feed.KeyGroup:
			if f.group, _, err = tx.MentionByKey(k); err != nil {
				return err
			}
		case feed.KeyNear: // after the group key: only when it found nothing
			if f.group == 0 {
				if f.group, err = nearCopy(tx, k, e.Text); err != nil {
					return err
				}
			}
		}
	}
	if f.person, err = personByHandle(tx, e); err != nil || f.person == 0 {
		return err
	}
	f.tasks, err = tx.TaskIDsByPerson(f.person)
	return err
}

// nearCopy returns the stored mention that near key k finds, if its text
// is a copy of text.
func nearCopy(tx *storage.Tx, k []byte, text string) (uint64, error) {
	id, ok, err := tx.MentionByKey(k)
	if err != nil || !ok {
		return 0, err
	}
	m, err := tx.Mentions().Get(id)
	if errors.Is(err, storage.ErrNotFound) {
		return 0, nil
	}
	if err != nil || !feed.Similar(text, m.Text) {
		return 0, err
	}
	return id, nil
}

func (b *batch) store(tx *storage.Tx, i int) error {
	e, f := &b.entries[i], &b.found[i]
	if f.tombstoned {
		b.res.Tombstoned++
		return nil
	}
	if f.mention == 0 {
		f.mention = b.createdBy(e.Keys, feed.KeyIdentity)
	}
	if f.mention != 0 {
		b.res.Duplicate++
		return addSource(tx, f.mention, b.src.ID)
	}
	m := entryMention(e, b.src)
	m.Fetched = b.now
	if !e.Published.IsZero() {
		m.Published = e.Published.Add(b.opt.Shift)
	}
	if len(b.rules) > 0 && !applyRules(m, b.src, b.rules) {
		b.res.Filtered++
		return nil
	}
	var err error
	if m.PersonID, err = b.person(tx, e, f.person); err != nil {
		return err
	}
	if m.GroupID, err = b.group(tx, e, f.group); err != nil {
		return err
	}
	if err := b.enrichMention(tx, m, b.an.of(i)); err != nil {
		return err
	}
	// Put writes the lists of the mention's identity keys, read first: a
	// concurrent ingest that looked the keys up and found nothing conflicts
	// with this one and is run again, instead of storing the same item a
	// second time or starting a second group of copies (Tx.MentionByKey).
	if err := tx.Mentions().Put(m); err != nil {
		return err
	}
	if err := closeAnswered(tx, f.tasks, m, b.now); err != nil {
		return err
	}
	for _, k := range e.Keys {
		if _, ok := b.created[string(k)]; !ok {
			b.created[string(k)] = m.ID
		}
	}
	b.texts[m.ID] = m.Text
	b.res.New++
	b.res.NewIDs = append(b.res.NewIDs, m.ID)
	return nil
}

// createdBy returns a mention this batch created with one of the keys of
// the given kind.
func (b *batch) createdBy(keys [][]byte, kind byte) uint64 {
	for _, k := range keys {
		if k[0] == kind {
			if id := b.created[string(k)]; id != 0 {
				return id
			}
		}
	}
	return 0
}

// nearCreated returns a mention this batch created whose text is a
// copy of e's, found by a near key.
func (b *batch) nearCreated(e *feed.Entry) uint64 {
	for _, k := range e.Keys {
		if k[0] == feed.KeyNear {
			if id := b.created[string(k)]; id != 0 && feed.Similar(e.Text, b.texts[id]) {
				return id
			}
		}
	}
	return 0
}

// addSource remembers that one more source carried a stored mention.
func addSource(tx *storage.Tx, id, sourceID uint64) error {
	m, err := tx.Mentions().Get(id)
	if errors.Is(err, storage.ErrNotFound) {
		return nil
	}
	if err != nil || slices.Contains(m.SourceIDs, sourceID) {
		return err
	}
	m.SourceIDs = append(m.SourceIDs, sourceID)
	return tx.Mentions().Put(&m)
}

// group returns the group of an earlier mention with the same text, or 0.
// The first mention of a group is its group id.
func (b *batch) group(tx *storage.Tx, e *feed.Entry, stored uint64) (uint64, error) {
	if stored == 0 {
		stored = b.createdBy(e.Keys, feed.KeyGroup)
	}
	if stored == 0 {
		stored = b.nearCreated(e)
	}
	if stored == 0 {
		return 0, nil
	}
	first, err := tx.Mentions().Get(stored)
	if errors.Is(err, storage.ErrNotFound) {
		return 0, nil // the first post was deleted meanwhile: no group
	}
	if err != nil {
		return 0, err
	}
	if first.GroupID == 0 {
		first.GroupID = first.ID
		if err := tx.Mentions().Put(&first); err != nil {
			return 0, err
		}
	}
	return first.GroupID, nil
}

func (b *batch) enrichMention(tx *storage.Tx, m *storage.Mention, a *storage.Analysis) error {
	if b.enrich == nil {
		return nil
	}
	var author *storage.Person
	if m.PersonID != 0 {
		p, err := tx.People().Get(m.PersonID)
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		if err == nil {
			author = &p
		}
	}
	if a == nil { // not analysed ahead
		an := b.enrich.Analysis(m)
		a = &an
	}
	b.enrich.ApplyAnalysis(m, author, *a)
	return nil
}

// closeAnswered closes the person's follow-ups that wait for them to speak
// up, now that they did (after the follow-up was made).
func closeAnswered(tx *storage.Tx, tasks []uint64, m *storage.Mention, now time.Time) error {
	for _, id := range tasks {
		t, err := tx.Tasks().Get(id)
		if errors.Is(err, storage.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if t.Done || !t.AutoClose || !m.Time().After(t.Created) {
			continue
		}
		t.Done, t.DoneAt = true, now
		t.Note = strings.TrimSpace(t.Note + "\nClosed by Rapport: they answered (" + m.Headline() + ")")
		if err := tx.Tasks().Put(&t); err != nil {
			return err
		}
	}
	return nil
}
