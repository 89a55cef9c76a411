package storage

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
)

// shared returns SharedLikeness as key → ids.
func shared(t *testing.T, s *Store) map[string][]uint64 {
	t.Helper()
	groups, err := s.SharedLikeness(50)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]uint64{}
	for _, g := range groups {
		out[g.Key] = g.IDs
	}
	return out
}

func TestSharedLikenessFollowsPeopleAsTheyChange(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	maya := &Person{Name: "Maya Lin", Handles: []Handle{{Platform: "reddit", Handle: "mayabrews"}}}
	maya2 := &Person{Name: "maya", Handles: []Handle{{Platform: "mastodon", Handle: "@mayabrews@mastodon.social"}}}
	other := &Person{Name: "Sam", Email: "sam@example.com"}
	for _, p := range []*Person{maya, maya2, other} {
		put(t, s, (*Tx).People, p)
	}
	steps := []struct {
		name   string
		change func()
		want   map[string][]uint64
	}{
		{"two people with one handle name", func() {}, map[string][]uint64{
			"handle:mayabrews": {maya.ID, maya2.ID}, "near:ayabrews": {maya.ID, maya2.ID}, "near:mayabrew": {maya.ID, maya2.ID},
		}},
		{"an email in common", func() {
			maya.Email = "SAM@example.com "
			put(t, s, (*Tx).People, maya)
		}, map[string][]uint64{
			"handle:mayabrews": {maya.ID, maya2.ID}, "near:ayabrews": {maya.ID, maya2.ID}, "near:mayabrew": {maya.ID, maya2.ID},
			"email:sam@example.com": {maya.ID, other.ID},
		}},
		{"one merged into the other", func() {
			maya2.MergedInto = maya.ID
			put(t, s, (*Tx).People, maya2)
		}, map[string][]uint64{"email:sam@example.com": {maya.ID, other.ID}}},
		{"one deleted", func() {
			if err := s.Update(func(tx *Tx) error { return tx.People().Delete(other.ID) }); err != nil {
				t.Fatal(err)
			}
		}, map[string][]uint64{}},
	}
	for _, st := range steps {
		st.change()
		if got := shared(t, s); !maps.EqualFunc(got, st.want, slices.Equal) {
			t.Errorf("%s: shared keys %v, want %v", st.name, got, st.want)
		}
		checkIndexes(t, s)
	}
	// Settled: nothing is left to settle, and the markers are the shared keys.
	d := dump(t, s)
	for k := range d {
		if strings.HasPrefix(k, string(prefixLikeTouched)) || strings.HasPrefix(k, string(prefixLikeShared)) {
			t.Errorf("left after settling: %q", k)
		}
	}
}

func TestAKeyTooCommonIsLeftOut(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	for i := range 4 {
		put(t, s, (*Tx).People, &Person{Name: fmt.Sprint(i), Handles: []Handle{{Platform: fmt.Sprint("p", i), Handle: "brew"}}})
	}
	groups, err := s.SharedLikeness(3)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 0 {
		t.Errorf("a key four people share, at most 3: %v", groups)
	}
	if groups, _ := s.SharedLikeness(4); len(groups) != 1 {
		t.Errorf("at most 4: %v", groups)
	}
}

// TestLikenessIsExactUnderConcurrentWriters adds people with one handle
// name from several goroutines while others settle: in the end all of
// them share the key, whoever settled when.
func TestLikenessIsExactUnderConcurrentWriters(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	const writers = 8
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var settled sync.WaitGroup
	settled.Add(1)
	go func() {
		defer settled.Done()
		for {
			select {
			case <-stop:
				return
			default:
				if _, err := s.SharedLikeness(50); err != nil {
					t.Error(err)
					return
				}
			}
		}
	}()
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 5 {
				p := &Person{Name: "x", Handles: []Handle{{Platform: fmt.Sprint("p", i), Handle: fmt.Sprint("alike", j)}}}
				if err := s.Update(func(tx *Tx) error { p.ID = 0; return tx.People().Put(p) }); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	settled.Wait()
	got := shared(t, s)
	for j := range 5 {
		if n := len(got[fmt.Sprint("handle:alike", j)]); n != writers {
			t.Errorf("handle:alike%d shared by %d, want %d", j, n, writers)
		}
	}
}

func TestOpenIndexesLikenessOfASchema6Store(t *testing.T) {
	s := openTemp(t)
	const n = reindexBatch + 10 // more than one batch
	err := s.Update(func(tx *Tx) error {
		for i := range n {
			p := &Person{Name: fmt.Sprint("person ", i), Handles: []Handle{{Platform: "reddit", Handle: fmt.Sprint("user", i%(n/2))}}}
			if err := tx.People().Put(p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// What schema 7 added goes: the entries, their memo entries, the markers.
	downgrade(t, s, peopleDef.prefix, 6, func(k string) bool {
		return strings.HasPrefix(k, "pl") || strings.HasPrefix(k, string(prefixLikeTouched)) || strings.HasPrefix(k, string(prefixLikeShared))
	})
	s = reopenMigrating(t, s, "index people by what makes two of them alike")
	checkIndexes(t, s)
	got, want := shared(t, s), sharedByReadingEveryone(t, s)
	if !maps.EqualFunc(got, want, slices.Equal) || len(got["handle:user7"]) != 2 {
		t.Errorf("%d shared keys after migration, want %d (handle:user7: %v)", len(got), len(want), got["handle:user7"])
	}
}

// sharedByReadingEveryone is what SharedLikeness(50) must return, found by
// reading every person.
func sharedByReadingEveryone(t *testing.T, s *Store) map[string][]uint64 {
	t.Helper()
	all := map[string][]uint64{}
	err := s.View(func(tx *Tx) error {
		return tx.People().Each(func(p *Person) error {
			if p.MergedInto == 0 {
				for _, k := range LikenessKeys(p) {
					all[k] = append(all[k], p.ID)
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	maps.DeleteFunc(all, func(_ string, ids []uint64) bool { return len(ids) < 2 || len(ids) > 50 })
	return all
}

func TestAPersonWithThousandsOfHandlesIsStoredAndBounded(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	p := &Person{Name: "Spam Bot"}
	for i := range 5000 {
		p.Handles = append(p.Handles, Handle{Platform: "web", Handle: fmt.Sprintf("https://site%05d.example/user%05d", i, i)})
	}
	put(t, s, (*Tx).People, p)
	if n := len(LikenessKeys(p)); n != maxLikenessKeys {
		t.Errorf("%d likeness keys, want at most %d", n, maxLikenessKeys)
	}
	p.Handles = p.Handles[:10]
	put(t, s, (*Tx).People, p)
	checkIndexes(t, s)
}

// TestAReadOnlyStoreCountsTheKeysNotSettled: a reader cannot settle, so it
// counts the changed keys as well as the markers.
func TestAReadOnlyStoreCountsTheKeysNotSettled(t *testing.T) {
	dir := t.TempDir()
	opt := Options{Logger: quietLogger(), Words: testWords}
	s, err := Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	a := &Person{Name: "Ann", Email: "ann@example.com"}
	b := &Person{Name: "Annie", Email: "ann@example.com"}
	put(t, s, (*Tx).People, a)
	put(t, s, (*Tx).People, b)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReadOnly(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got := shared(t, r); !slices.Equal(got["email:ann@example.com"], []uint64{a.ID, b.ID}) {
		t.Errorf("read-only: %v", got)
	}
}
