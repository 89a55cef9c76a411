package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// writeV1 writes a store the way the prototype (schema 1) did: JSON values
// under the record keys, no schema key, no memos, no indexes.
func writeV1(t *testing.T, dir string, recs map[string]any) {
	t.Helper()
	db, err := badger.Open(badgerOptions(filepath.Join(dir, DBDir), Options{Logger: quietLogger(), Words: testWords}))
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(txn *badger.Txn) error {
		for k, v := range recs {
			b, err := json.Marshal(v)
			if err != nil {
				return err
			}
			if err := txn.Set([]byte(k), b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenMigratesThePrototypeLayout(t *testing.T) {
	dir := t.TempDir()
	recs := map[string]any{
		string(recordKey('S', 1)):   Source{Name: "HN", URL: "https://hnrss.org/newest?q=ember"},
		string(recordKey('P', 3)):   Person{Name: "Theo", Handles: []Handle{{"hackernews", "theog"}}},
		string([]byte("Dbusiness")): map[string]string{"name": "Ember & Oak"},
	}
	for i := uint64(1); i <= 600; i++ { // more than one migration batch
		recs[string(recordKey('M', i))] = Mention{Title: "post", SourceIDs: []uint64{1}, PersonID: 3, Published: t0, Keys: [][]byte{u64(nil, i)}}
	}
	writeV1(t, dir, recs)

	s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatalf("open v1 store: %v", err)
	}
	defer s.Close()
	if v, _ := s.Version(); v != SchemaVersion {
		t.Fatalf("schema after migration = %d, want %d", v, SchemaVersion)
	}
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Counts["mentions"] != 600 || st.Counts["sources"] != 1 || st.Counts["people"] != 1 || st.Counts["documents"] != 1 {
		t.Fatalf("counts after migration: %v", st.Counts)
	}
	checkIndexes(t, s)
	_ = s.View(func(tx *Tx) error {
		ids, _, _ := tx.MentionIDs(MentionsByPerson(3), nil, 0)
		if len(ids) != 600 {
			t.Errorf("by-person index has %d entries, want 600", len(ids))
		}
		ids, _ = tx.PeopleByHandle("hackernews", "theog")
		if len(ids) != 1 || ids[0] != 3 {
			t.Errorf("people by handle = %v", ids)
		}
		var b map[string]string
		if ok, err := tx.GetDoc("business", &b); !ok || err != nil || b["name"] != "Ember & Oak" {
			t.Errorf("document after migration = %v %v %v", b, ok, err)
		}
		return nil
	})
}

func TestNewerSchemaIsRefused(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	_ = s.Update(func(tx *Tx) error { return tx.set(keySchema, schemaValue(SchemaVersion+1)) })
	_ = s.Close()
	_, err = Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("got %v, want ErrNewerSchema", err)
	}
}

// TestOpenIndexesTheGroupsOfASchema3Store writes a store as schema 3 did
// (groups kept on mentions, no index by group, memos without its entries)
// and checks that opening it indexes every group exactly.
func TestOpenIndexesTheGroupsOfASchema3Store(t *testing.T) {
	s := openTemp(t)
	const n = groupBatch + 500 // more than one batch of the migration
	err := s.Update(func(tx *Tx) error {
		for i := range n {
			m := &Mention{Title: fmt.Sprintf("post %d", i), Published: t0.Add(time.Duration(i) * time.Second)}
			if i%1000 == 1 || i%1000 == 2 { // pairs of reposts, the first of each pair heads the group
				m.GroupID = uint64(i - i%1000 + 2)
			}
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Turn it into a schema 3 store: no "m g" entries, memos without them.
	downgrade(t, s, mentionsDef.prefix, 3, func(k string) bool { return strings.HasPrefix(k, "mg") })
	s = reopenMigrating(t, s, "index the groups of near-duplicate mentions")
	checkIndexes(t, s)
	for _, g := range []uint64{2, 1002, 2002} {
		var ids []uint64
		if err := s.View(func(tx *Tx) (err error) { ids, _, err = tx.MentionIDs(MentionsInGroup(g), nil, 10); return err }); err != nil {
			t.Fatal(err)
		}
		if want := []uint64{g + 1, g}; !slices.Equal(ids, want) {
			t.Errorf("group %d: %v, want %v (newest first)", g, ids, want)
		}
	}
	// The memos know the new entries: moving a grouped mention leaves none stale.
	m := get(t, s, (*Tx).Mentions, 1002)
	m.Published = t0.Add(-time.Hour)
	put(t, s, (*Tx).Mentions, &m)
	checkIndexes(t, s)
}

// TestOpenAddsPrioritiesAndCountersToASchema5Store writes a version-5
// store (no priority entries, no contacts, memos without them, no
// counters) and opens it: the step writes the entries, counts everything,
// and the memos know the new entries.
func TestOpenAddsPrioritiesAndCountersToASchema5Store(t *testing.T) {
	s := openTemp(t)
	const n = reindexBatch + 300 // more than one batch of the migration
	writePrioritiesFixture(t, s, n)
	dropSchema6(t, s)
	if err := s.Update(func(tx *Tx) error { return tx.set(keySchema, schemaValue(5)) }); err != nil {
		t.Fatal(err)
	}
	s = reopenMigrating(t, s, "index mentions by priority and owner")
	checkPrioritiesAfterMigration(t, s, n)
}

// writePrioritiesFixture writes n mentions in every state, some owned, a
// source, a contact and an author who is not one, and a document.
func writePrioritiesFixture(t *testing.T, s *Store, n int) {
	t.Helper()
	err := s.Update(func(tx *Tx) error {
		for i := range n {
			m := &Mention{Title: fmt.Sprintf("post %d", i), Published: t0.Add(time.Duration(i) * time.Second), State: MentionState(i % 5)}
			m.Analysis.Priority = float64(i % 7 * 10)
			if i%3 == 0 {
				m.Owner = "Kim"
			}
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
		}
		if err := tx.Sources().Put(&Source{Name: "r/Coffee"}); err != nil {
			return err
		}
		for _, p := range []*Person{{Name: "Kim", Contact: true, Handles: []Handle{{Platform: "x", Handle: "kim"}}}, {Name: "an author"}} {
			if err := tx.People().Put(p); err != nil {
				return err
			}
		}
		return tx.PutDoc("team", []string{"Kim"})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// dropSchema6 takes out of a store what schema 6 added: the priority
// indexes (m r, m u), the index of contacts (p c), their memo entries and
// the counters.
func dropSchema6(t *testing.T, s *Store) {
	t.Helper()
	writeMentionMemos(t, s)
	isNew := func(k string) bool {
		return strings.HasPrefix(k, "mr") || strings.HasPrefix(k, "mu") || strings.HasPrefix(k, "pc")
	}
	err := s.Update(func(tx *Tx) error {
		for k, v := range dump(t, s) {
			switch {
			case isNew(k) || strings.HasPrefix(k, string(prefixCounterDelta)) || k == string(keyCounterBase):
				if err := tx.del([]byte(k)); err != nil {
					return err
				}
			case strings.HasPrefix(k, string([]byte{prefixIndexMemo, mentionsDef.prefix})) || strings.HasPrefix(k, string([]byte{prefixIndexMemo, peopleDef.prefix})):
				keys, err := decodeMemo(v)
				if err != nil {
					return err
				}
				keys = slices.DeleteFunc(keys, func(e []byte) bool { return isNew(string(e)) })
				if err := tx.set([]byte(k), encodeMemo(keys)); err != nil {
					return err
				}
			}
		}
		tx.deltas = nil // the deletes above are not changes of what is stored
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkPrioritiesAfterMigration checks a migrated writePrioritiesFixture:
// exact entries and counters, the priority order and the contacts served
// from them, and memos that know the new entries.
func checkPrioritiesAfterMigration(t *testing.T, s *Store, n int) {
	t.Helper()
	checkIndexes(t, s) // every entry, and the counters equal counting
	var c Counts
	if err := s.View(func(tx *Tx) (err error) { c, err = tx.Counts(); return err }); err != nil {
		t.Fatal(err)
	}
	if c.Mentions() != n || c.InState(StateNew) != (n+4)/5 || c.Table("sources") != 1 || c.Table("documents") != 1 {
		t.Errorf("counts after migration: %d mentions, %d new, %d sources, %d documents", c.Mentions(), c.InState(StateNew), c.Table("sources"), c.Table("documents"))
	}
	if got, want := pagePriority(t, s, []PriorityIndex{PriorityOwned("Kim", StateNew)}, testScore(t0), 50), c.Owned("Kim", StateNew); len(got) != want || want == 0 {
		t.Errorf("Kim's new mentions by priority: %d, counted %d", len(got), want)
	}
	var contacts []uint64
	_ = s.View(func(tx *Tx) (err error) { contacts, err = tx.ContactIDs(); return err })
	if len(contacts) != 1 {
		t.Errorf("contacts after migration: %v", contacts)
	}
	if problems, err := s.CheckIndexes(); err != nil || len(problems) > 0 {
		t.Errorf("rapport check after migration: %v %v", problems, err)
	}
	// The memos know the new entries: changing a mention leaves none stale.
	m := get(t, s, (*Tx).Mentions, 5)
	m.State, m.Owner, m.Analysis.Priority = StateArchived, "Dana", 99
	put(t, s, (*Tx).Mentions, &m)
	checkIndexes(t, s)
}

// TestCountersFoldUnderConcurrentWriters writes, changes and deletes from
// several goroutines, over more commits than a fold waits for: the counters
// stay equal to counting, and the deltas are folded.
func TestCountersFoldUnderConcurrentWriters(t *testing.T) {
	s := openTemp(t)
	errs := make(chan error, 4)
	for g := range 4 {
		go func() {
			for i := range foldEvery / 2 {
				err := s.Update(func(tx *Tx) error {
					m := &Mention{Title: fmt.Sprintf("g%d m%d", g, i), Published: t0.Add(time.Duration(i) * time.Minute), State: MentionState(i % 5)}
					if i%2 == 0 {
						m.Owner = fmt.Sprintf("owner%d", g)
					}
					if err := tx.Mentions().Put(m); err != nil {
						return err
					}
					if i%3 == 0 {
						m.State, m.Owner = StateHandled, ""
						if err := tx.Mentions().Put(m); err != nil {
							return err
						}
					}
					if i%5 == 0 {
						if err := tx.Mentions().Delete(m.ID); err != nil {
							return err
						}
					}
					if err := tx.AddTombstone([]byte{byte(g), byte(i % 7)}, t0); err != nil {
						return err
					}
					return tx.PutDoc(fmt.Sprintf("doc%d", i%3), i)
				})
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	checkIndexes(t, s)
	if err := s.foldCounters(); err != nil {
		t.Fatal(err)
	}
	checkIndexes(t, s)
	var deltas int
	_ = s.View(func(tx *Tx) error {
		_, upTo, err := tx.counterBase()
		it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: prefixCounterDelta})
		defer it.Close()
		for it.Seek(u64(append([]byte(nil), prefixCounterDelta...), upTo+1)); it.Valid(); it.Next() {
			deltas++
		}
		return err
	})
	if deltas != 0 {
		t.Errorf("%d deltas left after a fold with no writer running", deltas)
	}
}

// TestOpenMigratesASchema4StoreThroughEveryStep: a version-4 store (no
// daily aggregates, no index of interactions by time, no priority index,
// no contacts, no counters) opened by this build takes both steps, and
// ends with everything schema 6 keeps exact.
func TestOpenMigratesASchema4StoreThroughEveryStep(t *testing.T) {
	s := openTemp(t)
	const n = 700
	writePrioritiesFixture(t, s, n)
	dropSchema6(t, s)
	err := s.Update(func(tx *Tx) error {
		for k := range dump(t, s) {
			if k[0] == prefixDaily {
				if err := tx.del([]byte(k)); err != nil {
					return err
				}
			}
		}
		return tx.set(keySchema, schemaValue(4))
	})
	if err != nil {
		t.Fatal(err)
	}
	var logs strings.Builder
	s = reopenLogging(t, s, &logs, testWords)
	for _, step := range []string{"build the daily aggregates", "index mentions by priority and owner"} {
		if !strings.Contains(logs.String(), step) {
			t.Errorf("the migration step %q did not run; log:\n%s", step, logs.String())
		}
	}
	if v, _ := s.Version(); v != SchemaVersion {
		t.Fatalf("schema after migration = %d, want %d", v, SchemaVersion)
	}
	checkPrioritiesAfterMigration(t, s, n)
}

func TestOpenIndexesIntentsOfASchema7Store(t *testing.T) {
	s := openTemp(t)
	const n = reindexBatch + 200 // more than one batch of the migration
	intents := [][]string{nil, {"question"}, {"complaint", "question"}, {"praise", "praise"}}
	err := s.Update(func(tx *Tx) error {
		for i := range n {
			m := &Mention{Title: fmt.Sprintf("post %d", i), Published: t0.Add(time.Duration(i) * time.Second), State: MentionState(i % 5)}
			m.Analysis = Analysis{Analysed: i%4 != 0, Polarity: []string{"negative", "neutral", "positive"}[i%3], Intents: intents[i%4]}
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := readingCounts(t, s)
	// Written by this build: every counter as many as the fixture says.
	if want["question"] != n/2 || want["praise"] != n/4 || want["not analysed"] != n/4 {
		t.Fatalf("counters before the downgrade: %v (n = %d)", want, n)
	}
	// What schema 8 added goes: the entries, their memo entries, the
	// counters (all of them: the migration counts everything again).
	downgrade(t, s, mentionsDef.prefix, 7, func(k string) bool {
		return strings.HasPrefix(k, "mi") || strings.HasPrefix(k, "ml") ||
			strings.HasPrefix(k, string(prefixCounterDelta)) || k == string(keyCounterBase)
	})
	s = reopenMigrating(t, s, "index and count mentions by intent and by polarity")
	checkIndexes(t, s)
	got := readingCounts(t, s)
	if !maps.Equal(got, want) {
		t.Errorf("counters after the migration %v, want %v", got, want)
	}
}

// readingCounts sums the intent and polarity counters over every state.
func readingCounts(t *testing.T, s *Store) map[string]int {
	t.Helper()
	sums := map[string]int{}
	err := s.View(func(tx *Tx) error {
		c, err := tx.Counts()
		for st := range MentionState(5) {
			sums["question"] += c.WithIntent("question", st)
			sums["praise"] += c.WithIntent("praise", st)
			sums["not analysed"] += c.WithPolarity(NotAnalysed, st)
			sums["negative"] += c.WithPolarity("negative", st)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

// Schema 9 counts mentions by source: the Sources screen read every entry
// of the by-source index to show each source's count.
func TestOpenCountsMentionsBySourceOfASchema8Store(t *testing.T) {
	s := openTemp(t)
	const n = 300
	sources := [][]uint64{nil, {1}, {2}, {1, 3}, {3, 2, 1}}
	err := s.Update(func(tx *Tx) error {
		for i := range n {
			m := &Mention{Title: fmt.Sprintf("post %d", i), Published: t0.Add(time.Duration(i) * time.Second), SourceIDs: sources[i%len(sources)]}
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[uint64]int{1: 3 * n / 5, 2: 2 * n / 5, 3: 2 * n / 5, 4: 0}
	bySource := func(s *Store) map[uint64]int {
		got := map[uint64]int{}
		err := s.View(func(tx *Tx) error {
			c, err := tx.Counts()
			for id := range want {
				got[id] = c.FromSource(id)
				if walked := tx.CountMentionIDs(MentionsFromSource(id)); walked != got[id] {
					t.Errorf("source %d: counted %d, its index holds %d", id, got[id], walked)
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := bySource(s); !maps.Equal(got, want) {
		t.Fatalf("counts before the downgrade %v, want %v", got, want)
	}
	downgrade(t, s, mentionsDef.prefix, 8, func(k string) bool {
		return strings.HasPrefix(k, string(prefixCounterDelta)) || k == string(keyCounterBase)
	})
	s = reopenMigrating(t, s, "count mentions by source")
	checkIndexes(t, s)
	if got := bySource(s); !maps.Equal(got, want) {
		t.Errorf("counts after the migration %v, want %v", got, want)
	}
	// Kept in step afterwards: a mention moves from source 1 to 4, one goes.
	err = s.Update(func(tx *Tx) error {
		m, err := tx.Mentions().Get(2) // {1}
		if err != nil {
			return err
		}
		m.SourceIDs = []uint64{4}
		if err := tx.Mentions().Put(&m); err != nil {
			return err
		}
		return tx.Mentions().Delete(4) // {1, 3}
	})
	if err != nil {
		t.Fatal(err)
	}
	want[1] -= 2
	want[3]--
	want[4]++
	checkIndexes(t, s)
	if got := bySource(s); !maps.Equal(got, want) {
		t.Errorf("counts after a move and a delete %v, want %v", got, want)
	}
}

// identityTestKey is the identity key of kind of schema9Store's post i.
func identityTestKey(kind string, i int) []byte { return []byte(fmt.Sprintf("%s-%04d", kind, i)) }

// schema9Store is a store of n posts written back to schema 9's layout of
// the identity index, a key per entry: each post its own guid, and every
// fourth (3, 7, …) sharing its text with the one before.
func schema9Store(t *testing.T, n int) *Store {
	t.Helper()
	s := openTemp(t)
	key := identityTestKey
	for from := 0; from < n; from += 500 {
		err := s.Update(func(tx *Tx) error {
			for i := from; i < min(from+500, n); i++ {
				m := &Mention{
					Title: "post", Published: t0.Add(time.Duration(i) * time.Second),
					Keys: [][]byte{key("guid", i), key("text", i-i%4/3)},
				}
				if err := tx.Mentions().Put(m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	checkIndexes(t, s)
	// Back to schema 9's layout: each list becomes a key per id (the memos
	// named those entries all along).
	writeMentionMemos(t, s)
	err := s.Update(func(tx *Tx) error {
		for k, v := range dump(t, s) {
			if b := []byte(k); listedIndex(b) {
				if err := tx.del(b); err != nil {
					return err
				}
				if err := expandListed(b, v, func(e []byte) { _ = tx.set(e, nil) }); err != nil {
					return err
				}
			}
		}
		return tx.set(keySchema, schemaValue(9))
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestOpenListsTheIdentityIndexOfASchema9Store: schema 9 kept an identity
// index entry per key and mention (m k key id), found only by seeking.
// The migration replaces them by one list per key (m K key → ids), more
// than one transaction's worth; lookups find the first mention with a
// key, and a list follows its mentions as they go.
func TestOpenListsTheIdentityIndexOfASchema9Store(t *testing.T) {
	defer func(b, c int) { listBatch, listCap = b, c }(listBatch, listCap)
	listBatch, listCap = 300, 1 // and a shared key's second mention past its list
	n := 1000
	s := schema9Store(t, n)
	key := identityTestKey
	lookup := func(s *Store, k []byte) (id uint64, ok bool) {
		t.Helper()
		if err := s.View(func(tx *Tx) (err error) { id, ok, err = tx.MentionByKey(k); return err }); err != nil {
			t.Fatal(err)
		}
		return id, ok
	}
	if _, ok := lookup(s, key("guid", 5)); ok {
		t.Fatal("found by a schema 9 index: the test does not test the migration")
	}
	s = reopenMigrating(t, s, "list the identity index by identity key")
	checkIndexes(t, s)
	stored := dump(t, s)
	for k := range stored {
		if strings.HasPrefix(k, "mk") { // only past a full list
			if ids, _ := decodeIDs(stored["mK"+k[2:len(k)-8]]); len(ids) != listCap {
				t.Fatalf("a schema 9 identity entry is left beside a list of %v: %q", ids, k)
			}
		}
	}
	if problems, err := s.CheckIndexes(); err != nil || len(problems) > 0 {
		t.Fatalf("CheckIndexes after the migration: %v %q", err, problems)
	}
	for i := range n {
		if id, ok := lookup(s, key("guid", i)); !ok || id != uint64(i+1) {
			t.Fatalf("guid %d: mention %d, %v; want %d", i, id, ok, i+1)
		}
	}
	// Mentions 2 and 3 (ids 3 and 4) share text-0002: found while one of
	// them is left, the first stored first.
	for _, c := range []struct {
		del   uint64
		want  uint64
		found bool
	}{{0, 3, true}, {3, 4, true}, {4, 0, false}} {
		if c.del != 0 {
			if err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(c.del) }); err != nil {
				t.Fatal(err)
			}
			checkIndexes(t, s)
		}
		if id, ok := lookup(s, key("text", 2)); id != c.want || ok != c.found {
			t.Errorf("text-0002 after deleting %d: mention %d, %v; want %d, %v", c.del, id, ok, c.want, c.found)
		}
	}
}

// TestCheckIndexesNamesABrokenIdentityList: a list that is not whole ids
// is named, not read as other mentions.
func TestCheckIndexesNamesABrokenIdentityList(t *testing.T) {
	s := openTemp(t)
	put(t, s, (*Tx).Mentions, &Mention{Title: "x", Published: t0, Keys: [][]byte{[]byte("guid-1")}})
	if err := s.Update(func(tx *Tx) error { return tx.set([]byte("mKguid-1"), []byte{1, 2, 3}) }); err != nil {
		t.Fatal(err)
	}
	problems, err := s.CheckIndexes()
	if err != nil || !strings.Contains(strings.Join(problems, "\n"), "not a whole number of ids") {
		t.Errorf("CheckIndexes: %v %q", err, problems)
	}
	if err := s.View(func(tx *Tx) error { _, _, err := tx.MentionByKey([]byte("guid-1")); return err }); err == nil {
		t.Error("MentionByKey read a broken list without an error")
	}
}

// TestAStoppedMigrationGoesOnAtTheNextOpen: OpenContext reports each
// batch of a migration step, and a context that ends part-way stops it
// with ErrOpenStopped, the folder unlocked and still at its old schema;
// the next open finishes the step from where it stopped.
func TestAStoppedMigrationGoesOnAtTheNextOpen(t *testing.T) {
	defer func(b int) { listBatch = b }(listBatch)
	listBatch = 300
	n := 1000
	s := schema9Store(t, n)
	dir := s.Dir()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	var seen []Progress
	opt := Options{Logger: quietLogger(), Words: testWords, Progress: func(p Progress) {
		seen = append(seen, p)
		if p.Done >= 600 {
			stop()
		}
	}}
	if s, err := OpenContext(ctx, dir, opt); !errors.Is(err, ErrOpenStopped) {
		if s != nil {
			_ = s.Close()
		}
		t.Fatalf("OpenContext stopped part-way: %v, want ErrOpenStopped", err)
	}
	listing := migrations[8].name // the step from schema 9, then the ones from 10 and 11
	steps := SchemaVersion - 9
	want := []Progress{
		{Step: 1, Steps: steps, Name: listing},
		{Step: 1, Steps: steps, Name: listing, Done: 300, Unit: "entries", Estimate: true},
		{Step: 1, Steps: steps, Name: listing, Done: 600, Unit: "entries", Estimate: true},
	}
	for i := range seen {
		seen[i].Total = 0 // an estimate from Badger's tables
	}
	if !slices.Equal(seen, want) {
		t.Errorf("progress reported:\n%+v\nwant\n%+v", seen, want)
	}
	seen = nil
	s, err := OpenContext(context.Background(), dir, opt) // and it unlocked the folder
	if err != nil {
		t.Fatalf("the open after a stopped one: %v", err)
	}
	defer s.Close()
	if v, _ := s.Version(); v != SchemaVersion {
		t.Errorf("schema %d after the migration went on, want %d", v, SchemaVersion)
	}
	moved := int64(0)
	for _, p := range seen {
		if p.Name == listing {
			moved = p.Done
		}
	}
	if moved != 2*int64(n)-600 {
		t.Errorf("the second open moved %d entries, want the %d left", moved, 2*n-600)
	}
	checkIndexes(t, s)
	for i := range n {
		err := s.View(func(tx *Tx) error {
			if id, ok, err := tx.MentionByKey(identityTestKey("guid", i)); err != nil || !ok || id != uint64(i+1) {
				return fmt.Errorf("guid %d: mention %d, %v, %v", i, id, ok, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestOpenReportsTheCheckOfFilesNotVouchedFor: the files the memo of
// verified tables does not vouch for are checked one by one, and Open's
// progress counts them (none when the memo vouches for every one); a
// context that has ended stops the check before the next file.
func TestOpenReportsTheCheckOfFilesNotVouchedFor(t *testing.T) {
	s := openTemp(t)
	dir := s.Dir()
	put(t, s, (*Tx).Mentions, &Mention{Title: "x", Published: t0})
	s = reopen(t, s)
	tables := len(s.db.Tables())
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if tables == 0 {
		t.Fatal("no table: the test needs one")
	}
	if err := os.Remove(filepath.Join(dir, DBDir, VerifiedFile)); err != nil {
		t.Fatal(err)
	}
	open := func(ctx context.Context) (seen []Progress, err error) {
		t.Helper()
		s, err := OpenContext(ctx, dir, Options{Logger: quietLogger(), Words: testWords, Progress: func(p Progress) { seen = append(seen, p) }})
		if err == nil {
			err = s.Close()
		}
		return seen, err
	}
	ctx, stop := context.WithCancel(context.Background())
	stop()
	if seen, err := open(ctx); !errors.Is(err, ErrOpenStopped) || len(seen) != 0 {
		t.Errorf("stopped before the check: %v after %+v, want ErrOpenStopped before the first file", err, seen)
	}
	seen, err := open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != tables || seen[len(seen)-1] != (Progress{Name: "check the folder's files", Done: int64(tables), Total: int64(tables), Unit: "files"}) {
		t.Errorf("no memo, %d tables: reported %+v", tables, seen)
	}
	if seen, err := open(context.Background()); err != nil || len(seen) != 0 {
		t.Errorf("every file vouched for: %v, reported %+v", err, seen)
	}
}

// TestOpenIndexesWhatASchema10StoreLeftToReading: schema 10 had no index
// of who was merged into whom and no list of the mentions past the cap on
// words, so erasing a person read every person and every mention. The
// migration adds both: from the records, for the merged people's memos
// too, leaving a mention still queued for the indexer to it.
func TestOpenIndexesWhatASchema10StoreLeftToReading(t *testing.T) {
	s := openTemp(t)
	var long strings.Builder
	for i := range MaxWordsPerMention + 1 {
		fmt.Fprintf(&long, "w%d ", i)
	}
	a := &Person{Name: "Ada"}
	put(t, s, (*Tx).People, a)
	b := &Person{Name: "A. L.", MergedInto: a.ID}
	put(t, s, (*Tx).People, b)
	capped := &Mention{Text: long.String(), Published: t0}
	put(t, s, (*Tx).Mentions, capped)
	put(t, s, (*Tx).Mentions, &Mention{Text: "short", Published: t0.Add(time.Second)})
	author := &Mention{Author: long.String()[:400], Published: t0.Add(2 * time.Second)}
	put(t, s, (*Tx).Mentions, author)
	indexNow(t, s)
	checkIndexes(t, s)
	listed := func(s *Store) (merged, past []uint64) {
		t.Helper()
		err := s.View(func(tx *Tx) (err error) {
			if merged, err = tx.PeopleMergedInto(a.ID); err != nil {
				return err
			}
			past, _, err = tx.MentionIDs(MentionsPastTheCap(), nil, 0)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return merged, past
	}
	if m, p := listed(s); !slices.Equal(m, []uint64{b.ID}) || !slices.Equal(p, []uint64{author.ID, capped.ID}) {
		t.Fatalf("before: merged into Ada %v, past the cap %v", m, p)
	}
	// Back to schema 10's layout: neither index, and memos without p m.
	err := s.Update(func(tx *Tx) error {
		for k := range dump(t, s) {
			if strings.HasPrefix(k, "pm") || strings.HasPrefix(k, "mc") {
				if err := tx.del([]byte(k)); err != nil {
					return err
				}
			}
		}
		keys, err := tx.People().memo(b.ID)
		if err != nil {
			return err
		}
		keys = slices.DeleteFunc(keys, func(k []byte) bool { return bytes.HasPrefix(k, []byte("pm")) })
		if err := tx.set(memoKey(peopleDef.prefix, b.ID), encodeMemo(keys)); err != nil {
			return err
		}
		return tx.set(keySchema, schemaValue(10))
	})
	if err != nil {
		t.Fatal(err)
	}
	if m, p := listed(s); len(m)+len(p) > 0 {
		t.Fatalf("the schema 10 layout still lists %v %v: the test does not test the migration", m, p)
	}
	s = reopenMigrating(t, s, "list the mentions with more words than the full-text index holds")
	checkIndexes(t, s)
	if m, p := listed(s); !slices.Equal(m, []uint64{b.ID}) || !slices.Equal(p, []uint64{author.ID, capped.ID}) {
		t.Errorf("after: merged into Ada %v, past the cap %v", m, p)
	}
	// The memo names the new entry: unmerging removes it.
	b.MergedInto = 0
	put(t, s, (*Tx).People, b)
	if m, _ := listed(s); len(m) > 0 {
		t.Errorf("unmerged, still listed as merged into Ada: %v", m)
	}
	checkIndexes(t, s)
}
