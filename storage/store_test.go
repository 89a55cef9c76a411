package storage

import (
	"errors"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestRecordsRoundTrip(t *testing.T) {
	s := openTemp(t)
	src := &Source{
		Name: "Reddit", URL: "https://www.reddit.com/search.rss?q=x", Kind: "reddit", Every: 15 * time.Minute, Created: t0,
		Health: SourceHealth{ETag: `"abc"`, LastCheck: t0, Items: 3},
	}
	put(t, s, (*Tx).Sources, src)
	m := &Mention{
		Keys: [][]byte{[]byte("k1")}, GUID: "g", Link: "https://x/1", Title: "Café ☕", Author: "Maya", SourceIDs: []uint64{src.ID},
		Published: t0, Fetched: t0.Add(time.Minute), Text: "Great beans", State: StateNeedsReply, Matches: []Span{{Field: "text", Start: 0, End: 5}},
	}
	put(t, s, (*Tx).Mentions, m)
	p := &Person{Name: "Maya Lin", Handles: []Handle{{Platform: "reddit", Handle: "mayabrews"}}, Contact: true, Tags: []string{"a"}, Created: t0}
	put(t, s, (*Tx).People, p)
	i := &Interaction{PersonID: p.ID, MentionID: m.ID, Kind: "reply", Direction: "give", At: t0, Value: 12.5}
	put(t, s, (*Tx).Interactions, i)
	k := &Task{Title: "Follow up", Due: t0.Add(48 * time.Hour), PersonID: p.ID, MentionID: m.ID, Created: t0}
	put(t, s, (*Tx).Tasks, k)
	r := &Rule{Name: "brand", Query: `"ember & oak"`}
	put(t, s, (*Tx).Rules, r)
	l := &Template{Name: "thanks", Body: "Thanks {first_name}!"}
	put(t, s, (*Tx).Templates, l)

	tests := []struct {
		name      string
		got, want any
	}{
		{"source", get(t, s, (*Tx).Sources, src.ID), *src},
		{"mention", get(t, s, (*Tx).Mentions, m.ID), *m},
		{"person", get(t, s, (*Tx).People, p.ID), *p},
		{"interaction", get(t, s, (*Tx).Interactions, i.ID), *i},
		{"task", get(t, s, (*Tx).Tasks, k.ID), *k},
		{"rule", get(t, s, (*Tx).Rules, r.ID), *r},
		{"template", get(t, s, (*Tx).Templates, l.ID), *l},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(normalise(tt.got), normalise(tt.want)) {
			t.Errorf("%s: got %+v, want %+v", tt.name, tt.got, tt.want)
		}
	}
	checkIndexes(t, s)
}

// normalise maps times to UTC so that DeepEqual compares instants.
func normalise(v any) any {
	switch r := v.(type) {
	case Mention:
		r.Published, r.Fetched, r.Snoozed = utc(r.Published), utc(r.Fetched), utc(r.Snoozed)
		return r
	case Source:
		r.Created, r.Health.LastCheck, r.Health.LastSuccess, r.Health.NextCheck = utc(r.Created), utc(r.Health.LastCheck), utc(r.Health.LastSuccess), utc(r.Health.NextCheck)
		return r
	case Person:
		r.Created = utc(r.Created)
		return r
	case Interaction:
		r.At = utc(r.At)
		return r
	case Task:
		r.Due, r.DoneAt, r.Created = utc(r.Due), utc(r.DoneAt), utc(r.Created)
		return r
	}
	return v
}

func TestGetMissing(t *testing.T) {
	s := openTemp(t)
	err := s.View(func(tx *Tx) error { _, err := tx.Mentions().Get(42); return err })
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("got %v, want ErrNotFound", err)
	}
}

func TestIndexesStayExactThroughUpdatesAndDeletes(t *testing.T) {
	s := openTemp(t)
	m := &Mention{Keys: [][]byte{[]byte("guid-1"), []byte("link-1")}, SourceIDs: []uint64{1, 2}, PersonID: 7, Published: t0}
	put(t, s, (*Tx).Mentions, m)
	checkIndexes(t, s)

	steps := []struct {
		name   string
		change func(m *Mention)
	}{
		{"state", func(m *Mention) { m.State = StateArchived }},
		{"time", func(m *Mention) { m.Published = t0.Add(-time.Hour) }},
		{"drop a source", func(m *Mention) { m.SourceIDs = []uint64{2} }},
		{"add sources", func(m *Mention) { m.SourceIDs = []uint64{2, 3, 4} }},
		{"change person", func(m *Mention) { m.PersonID = 8 }},
		{"clear person", func(m *Mention) { m.PersonID = 0 }},
		{"replace keys", func(m *Mention) { m.Keys = [][]byte{[]byte("text-1")} }},
		{"no date", func(m *Mention) { m.Published = time.Time{}; m.Fetched = t0 }},
	}
	for _, st := range steps {
		st.change(m)
		put(t, s, (*Tx).Mentions, m)
		checkIndexes(t, s)
		if t.Failed() {
			t.Fatalf("after %s", st.name)
		}
	}
	p := &Person{Name: "Theo", Handles: []Handle{{"hackernews", "theog"}, {"reddit", "theo_grant"}}}
	put(t, s, (*Tx).People, p)
	p.Handles = p.Handles[1:]
	put(t, s, (*Tx).People, p)
	k := &Task{Title: "x", Due: t0, PersonID: p.ID, MentionID: m.ID}
	put(t, s, (*Tx).Tasks, k)
	k.Done = true
	put(t, s, (*Tx).Tasks, k)
	x := &Interaction{PersonID: p.ID, MentionID: m.ID, At: t0}
	put(t, s, (*Tx).Interactions, x)
	checkIndexes(t, s)

	err := s.Update(func(tx *Tx) error {
		for _, del := range []func() error{
			func() error { return tx.Mentions().Delete(m.ID) },
			func() error { return tx.People().Delete(p.ID) },
			func() error { return tx.Tasks().Delete(k.ID) },
			func() error { return tx.Interactions().Delete(x.ID) },
		} {
			if err := del(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkIndexes(t, s)
	for k := range dump(t, s) {
		if k[0] != prefixMeta {
			t.Errorf("left behind after deleting everything: %q", k)
		}
	}
}

func TestLookups(t *testing.T) {
	s := openTemp(t)
	p := &Person{Name: "Maya", Handles: []Handle{{"Reddit", "MayaBrews"}}}
	q := &Person{Name: "Mayan", Handles: []Handle{{"reddit", "mayabrews2"}}}
	put(t, s, (*Tx).People, p)
	put(t, s, (*Tx).People, q)
	m := &Mention{Keys: [][]byte{[]byte("0123456789abcdef")}, Published: t0}
	put(t, s, (*Tx).Mentions, m)
	open := &Task{Title: "later", Due: t0.Add(2 * time.Hour), PersonID: p.ID}
	sooner := &Task{Title: "sooner", Due: t0.Add(time.Hour), PersonID: p.ID, MentionID: m.ID}
	done := &Task{Title: "done", Due: t0, Done: true, PersonID: p.ID}
	for _, k := range []*Task{open, sooner, done} {
		put(t, s, (*Tx).Tasks, k)
	}
	err := s.View(func(tx *Tx) error {
		ids, err := tx.PeopleByHandle("reddit", "mayabrews")
		if err != nil || !reflect.DeepEqual(ids, []uint64{p.ID}) {
			t.Errorf("PeopleByHandle = %v, %v; want [%d] (case-insensitive, exact)", ids, err, p.ID)
		}
		id, ok, err := tx.MentionByKey([]byte("0123456789abcdef"))
		if err != nil || !ok || id != m.ID {
			t.Errorf("MentionByKey = %d %v %v", id, ok, err)
		}
		if _, ok, _ := tx.MentionByKey([]byte("0123456789abcdeX")); ok {
			t.Error("MentionByKey found a key that was never stored")
		}
		ids, _ = tx.TaskIDsByDue(false)
		if !reflect.DeepEqual(ids, []uint64{sooner.ID, open.ID}) {
			t.Errorf("open tasks by due = %v", ids)
		}
		ids, _ = tx.TaskIDsByPerson(p.ID)
		if !reflect.DeepEqual(ids, []uint64{sooner.ID, open.ID}) {
			t.Errorf("open tasks of person = %v", ids)
		}
		ids, _ = tx.TaskIDsByMention(m.ID)
		if !reflect.DeepEqual(ids, []uint64{sooner.ID}) {
			t.Errorf("tasks of mention = %v", ids)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMentionPagesNewestFirst(t *testing.T) {
	s := openTemp(t)
	const n = 250
	err := s.Update(func(tx *Tx) error {
		for i := range n {
			st := StateNew
			if i%3 == 0 {
				st = StateHandled
			}
			m := &Mention{Published: t0.Add(time.Duration(i) * time.Minute), State: st, SourceIDs: []uint64{uint64(1 + i%2)}}
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		ix   MentionIndex
		want int
	}{
		{"all", MentionsByTime(), n},
		{"handled", MentionsInState(StateHandled), 84},
		{"new", MentionsInState(StateNew), 166},
		{"source 2", MentionsFromSource(2), 125},
		{"nobody", MentionsByPerson(9), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var all []Mention
			var cur Cursor
			pages := 0
			for {
				var page []Mention
				err := s.View(func(tx *Tx) (err error) { page, cur, err = tx.MentionsPage(tt.ix, cur, 40); return err })
				if err != nil {
					t.Fatal(err)
				}
				all = append(all, page...)
				pages++
				if cur == nil || pages > 100 {
					break
				}
			}
			if len(all) != tt.want {
				t.Fatalf("got %d mentions, want %d", len(all), tt.want)
			}
			for i := 1; i < len(all); i++ {
				if all[i].Time().After(all[i-1].Time()) {
					t.Fatalf("not newest first at %d", i)
				}
			}
		})
	}
}

func TestConflictingUpdatesAreRetried(t *testing.T) {
	s := openTemp(t)
	type counter struct{ N int }
	var wg sync.WaitGroup
	const workers, each = 8, 25
	for range workers {
		wg.Go(func() {
			for range each {
				err := s.Update(func(tx *Tx) error {
					var c counter
					if _, err := tx.GetDoc("counter", &c); err != nil {
						return err
					}
					c.N++
					return tx.PutDoc("counter", &c)
				})
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	var c counter
	_ = s.View(func(tx *Tx) error { _, err := tx.GetDoc("counter", &c); return err })
	if c.N != workers*each {
		t.Fatalf("counter = %d, want %d: an update was lost", c.N, workers*each)
	}
}

func TestSecondOpenIsRefused(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: got %v, want ErrLocked", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	_ = s2.Close()
}

func TestTombstonesAndDocs(t *testing.T) {
	s := openTemp(t)
	err := s.Update(func(tx *Tx) error {
		if err := tx.AddTombstone([]byte("gone"), t0); err != nil {
			return err
		}
		return tx.PutDoc("business", map[string]string{"name": "Ember & Oak"})
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = s.View(func(tx *Tx) error {
		if ok, _ := tx.HasTombstone([]byte("gone")); !ok {
			t.Error("tombstone not found")
		}
		if ok, _ := tx.HasTombstone([]byte("here")); ok {
			t.Error("tombstone invented")
		}
		var b map[string]string
		if ok, err := tx.GetDoc("business", &b); !ok || err != nil || b["name"] != "Ember & Oak" {
			t.Errorf("doc = %v %v %v", b, ok, err)
		}
		return nil
	})
}

func TestKeyPrefixesDoNotCollide(t *testing.T) {
	seen := map[string]string{}
	add := func(p, what string) {
		if other, ok := seen[p]; ok {
			t.Errorf("prefix %q used by %s and %s", p, other, what)
		}
		seen[p] = what
	}
	for _, tp := range tablePrefixes {
		add(string(tp.prefix), tp.name)
	}
	add(string(prefixIndexMemo), "memo")
	add(string(prefixMeta), "meta")
	idx := map[string]bool{}
	collect := func(name string, ps [][2]byte) {
		for _, p := range ps {
			if idx[string(p[:])] {
				t.Errorf("index prefix %q reused (%s)", p, name)
			}
			idx[string(p[:])] = true
			if _, ok := seen[string(p[:1])]; ok {
				t.Errorf("index prefix %q starts with a table prefix", p)
			}
		}
	}
	collect("mentions", prefixesOf(mentionsDef.indexes))
	collect("people", prefixesOf(peopleDef.indexes))
	collect("interactions", prefixesOf(interactionsDef.indexes))
	collect("tasks", prefixesOf(tasksDef.indexes))
	collect("stored lists", [][2]byte{identityList}) // listed.go
}

func prefixesOf[T any](ixs []index[T]) [][2]byte {
	var out [][2]byte
	for _, ix := range ixs {
		out = append(out, ix.prefix)
	}
	return out
}

func TestTimeKeyOrder(t *testing.T) {
	times := []time.Time{{}, time.Date(1969, 1, 1, 0, 0, 0, 0, time.UTC), time.Unix(0, 0), t0, t0.Add(time.Second)}
	for i := 1; i < len(times); i++ {
		a, b := timeKey(nil, times[i-1]), timeKey(nil, times[i])
		if string(a) >= string(b) {
			t.Errorf("timeKey(%v) >= timeKey(%v)", times[i-1], times[i])
		}
		if !timeFromKey(b).Equal(times[i]) {
			t.Errorf("timeFromKey round trip: %v", times[i])
		}
	}
}

// TestSourceNamesFollowWrites reads the cached names of sources before and
// after sources are added, renamed and deleted.
func TestSourceNamesFollowWrites(t *testing.T) {
	s := openTemp(t)
	names := func() map[uint64]string {
		t.Helper()
		var m map[uint64]string
		if err := s.View(func(tx *Tx) (err error) { m, err = tx.SourceNames(); return err }); err != nil {
			t.Fatal(err)
		}
		return m
	}
	a, b := &Source{Name: "Reddit"}, &Source{Name: "Mastodon"}
	put(t, s, (*Tx).Sources, a)
	if got := names(); len(got) != 1 || got[a.ID] != "Reddit" {
		t.Fatalf("names = %v", got)
	}
	put(t, s, (*Tx).Sources, b)
	a.Name = "r/Coffee"
	put(t, s, (*Tx).Sources, a)
	if got := names(); len(got) != 2 || got[a.ID] != "r/Coffee" || got[b.ID] != "Mastodon" {
		t.Fatalf("after add and rename: %v", got)
	}
	if err := s.Update(func(tx *Tx) error {
		if err := tx.Sources().Delete(b.ID); err != nil {
			return err
		}
		got, err := tx.SourceNames() // its own write, not cached for others
		if len(got) != 1 {
			t.Errorf("inside the deleting transaction: %v", got)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got := names(); len(got) != 1 || got[a.ID] != "r/Coffee" {
		t.Fatalf("after delete: %v", got)
	}
}

// TestOpenReadOnly reads a closed store without writing, beside other
// readers, and is refused while a writer has the folder (and the other
// way round); a store at an older schema needs a writer first.
func TestOpenReadOnly(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	m := &Mention{Title: "cold brew", Published: t0}
	put(t, s, (*Tx).Mentions, m)
	if err := s.IndexQueuedWords(); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenReadOnly(dir, Options{Logger: quietLogger(), Words: testWords}); !errors.Is(err, ErrLocked) {
		t.Errorf("read-only open beside a writer: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	w := reopenPlain(t, dir)
	before := dump(t, w)
	_ = w.Close()
	r1, err := OpenReadOnly(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := OpenReadOnly(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatalf("a second reader: %v", err)
	}
	if _, err := Open(dir, Options{Logger: quietLogger(), Words: testWords}); !errors.Is(err, ErrLocked) {
		t.Errorf("a writer beside readers: %v", err)
	}
	var got []uint64
	if err := r1.View(func(tx *Tx) (err error) {
		got, _, err = tx.MentionIDs(MentionsWithWord(TextWords, "brew"), nil, 0)
		return err
	}); err != nil || len(got) != 1 || got[0] != m.ID {
		t.Errorf("search while read-only: %v %v", got, err)
	}
	if err := r1.IndexQueuedWords(); err != nil {
		t.Errorf("IndexQueuedWords while read-only: %v", err)
	}
	if st, err := r2.Stats(); err != nil || st.Counts["mentions"] != 1 {
		t.Errorf("stats while read-only: %+v %v", st, err)
	}
	_ = r1.Close()
	_ = r2.Close()
	after := reopenPlain(t, dir)
	sameDump(t, before, dump(t, after))
	if err := after.Update(func(tx *Tx) error { return tx.set(keySchema, schemaValue(SchemaVersion-1)) }); err != nil {
		t.Fatal(err)
	}
	_ = after.Close()
	if _, err := OpenReadOnly(dir, Options{Logger: quietLogger(), Words: testWords}); !errors.Is(err, ErrNeedsWriter) {
		t.Errorf("an older schema read-only: %v", err)
	}
}

// reopenPlain opens dir for writing and closes it at the end of the test.
func reopenPlain(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// The index of contacts follows a person becoming a contact, being merged
// into another and stopping being one; authors who are not contacts are
// never in it.
func TestContactIDsFollowThePeople(t *testing.T) {
	s := openTemp(t)
	kim := &Person{Name: "Kim", Contact: true}
	author := &Person{Name: "an author"}
	dana := &Person{Name: "Dana", Contact: true}
	for _, p := range []*Person{kim, author, dana} {
		put(t, s, (*Tx).People, p)
	}
	contacts := func() []uint64 {
		t.Helper()
		var ids []uint64
		if err := s.View(func(tx *Tx) (err error) { ids, err = tx.ContactIDs(); return err }); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	if got := contacts(); !reflect.DeepEqual(got, []uint64{kim.ID, dana.ID}) {
		t.Errorf("contacts = %v, want [%d %d]", got, kim.ID, dana.ID)
	}
	author.Contact = true
	dana.MergedInto = kim.ID
	put(t, s, (*Tx).People, author)
	put(t, s, (*Tx).People, dana)
	if got := contacts(); !reflect.DeepEqual(got, []uint64{kim.ID, author.ID}) {
		t.Errorf("after one became a contact and one was merged: %v", got)
	}
	kim.Contact = false
	put(t, s, (*Tx).People, kim)
	if got := contacts(); !reflect.DeepEqual(got, []uint64{author.ID}) {
		t.Errorf("after Kim stopped being a contact: %v", got)
	}
}

func TestEachOfReadsInOrderSkipsTheGoneAndStopsOnError(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	var ids []uint64
	for _, name := range []string{"a", "b", "c", "d"} {
		p := &Person{Name: name}
		put(t, s, (*Tx).People, p)
		ids = append(ids, p.ID)
	}
	if err := s.Update(func(tx *Tx) error { return tx.People().Delete(ids[1]) }); err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stop")
	for _, tc := range []struct {
		ids     []uint64
		stopAt  string
		want    string
		wantErr error
	}{
		{ids: []uint64{ids[3], ids[0], ids[1], ids[2]}, want: "dac"},
		{ids: []uint64{ids[2], ids[3], ids[0]}, stopAt: "d", want: "cd", wantErr: stop},
		{ids: nil, want: ""},
	} {
		got := ""
		err := s.View(func(tx *Tx) error {
			return tx.People().EachOf(tc.ids, func(p *Person) error {
				got += p.Name
				if p.Name == tc.stopAt {
					return stop
				}
				return nil
			})
		})
		if got != tc.want || !errors.Is(err, tc.wantErr) {
			t.Errorf("EachOf(%v) read %q (%v), want %q (%v)", tc.ids, got, err, tc.want, tc.wantErr)
		}
	}
}

// TestUpdateInBatches: a batch Badger refuses as too big is tried again
// halved and the smaller size kept; each committed batch is heard once;
// another error ends the run.
func TestUpdateInBatches(t *testing.T) {
	s := openTemp(t)
	big := make([]byte, 700<<10) // seven (then four) of them pass Badger's limit on a transaction (15 % of the 16 MB memtable)
	var batches [][2]int
	write := func(tx *Tx, lo, hi int) error {
		for i := lo; i < hi; i++ {
			if err := tx.set([]byte{'z', 'z', byte(i)}, big); err != nil {
				return err
			}
		}
		return nil
	}
	heard := func(lo, hi int) { batches = append(batches, [2]int{lo, hi}) }
	if err := s.UpdateInBatches(7, 8, write, heard); err != nil {
		t.Fatal(err)
	}
	if want := [][2]int{{0, 3}, {3, 6}, {6, 7}}; !slices.Equal(batches, want) {
		t.Errorf("batches %v, want %v", batches, want)
	}
	batches = nil
	boom := errors.New("boom")
	err := s.UpdateInBatches(5, 2, func(tx *Tx, lo, hi int) error {
		if lo >= 2 {
			return boom
		}
		return nil
	}, heard)
	if !errors.Is(err, boom) || !slices.Equal(batches, [][2]int{{0, 2}}) {
		t.Errorf("err %v, batches %v", err, batches)
	}
	batches = nil
	if err := s.UpdateInBatches(1, 1, func(tx *Tx, lo, hi int) error { return write(tx, 0, 8) }, heard); !errors.Is(err, ErrTooBig) || batches != nil {
		t.Errorf("one item too big: err %v, batches %v", err, batches)
	}
}
