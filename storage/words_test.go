package storage

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

// Every test in this package opens its stores with a word splitter, so the
// general index tests (checkIndexes after updates, deletes, migration and
// kill -9, backup and restore) cover the word index too.

// testWords is a simple splitter: lower-case runs of letters and digits.
var testWords = Words{Version: "test/1", Split: func(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}}

// indexNow drains the full-text queue and seals the segments it completed.
func indexNow(t testing.TB, s *Store) {
	t.Helper()
	if err := s.IndexQueuedWords(); err != nil {
		t.Fatal(err)
	}
	if err := s.SealWords(); err != nil {
		t.Fatal(err)
	}
}

// wordIDs returns the ids of the mentions with a word, newest first, once
// the queue is drained.
func wordIDs(t *testing.T, s *Store, ix WordIndex, word string) []uint64 {
	t.Helper()
	indexNow(t, s)
	var ids []uint64
	err := s.View(func(tx *Tx) (err error) {
		ids, _, err = tx.MentionIDs(MentionsWithWord(ix, word), nil, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestWordIndexStaysExactThroughEdits(t *testing.T) {
	s := openTemp(t)
	a := &Mention{Title: "Cold brew at Ember", Text: "The cold brew was great.", Author: "Maya Brews", Published: t0}
	b := &Mention{Title: "Espresso", Text: "Ember's espresso, not cold", Author: "Theo", Published: t0.Add(time.Hour)}
	put(t, s, (*Tx).Mentions, a)
	put(t, s, (*Tx).Mentions, b)
	checkIndexes(t, s)

	steps := []struct {
		name   string
		change func()
		word   string
		ix     WordIndex
		want   []uint64
	}{
		{"both have cold, newest first", func() {}, "cold", TextWords, []uint64{b.ID, a.ID}},
		{"author words apart", func() {}, "maya", AuthorWords, []uint64{a.ID}},
		{"author words not in text index", func() {}, "maya", TextWords, nil},
		{"text edited", func() { b.Text = "Ember's espresso" }, "cold", TextWords, []uint64{a.ID}},
		{"word moved to title", func() { b.Title = "Espresso, cold" }, "cold", TextWords, []uint64{b.ID, a.ID}},
		{"time changed reorders", func() { b.Published = t0.Add(-time.Hour) }, "cold", TextWords, []uint64{a.ID, b.ID}},
		{"author renamed", func() { a.Author = "Maya R." }, "brews", AuthorWords, nil},
		{"no date falls back to fetched", func() { a.Published, a.Fetched = time.Time{}, t0.Add(-2*time.Hour) }, "cold", TextWords, []uint64{b.ID, a.ID}},
		{"everything cleared", func() { a.Title, a.Text, a.Author = "", "", "" }, "cold", TextWords, []uint64{b.ID}},
	}
	for _, st := range steps {
		st.change()
		put(t, s, (*Tx).Mentions, a)
		put(t, s, (*Tx).Mentions, b)
		checkIndexes(t, s)
		if got := wordIDs(t, s, st.ix, st.word); !slices.Equal(got, st.want) {
			t.Errorf("%s: %q → %v, want %v", st.name, st.word, got, st.want)
		}
		if t.Failed() {
			t.Fatalf("after %s", st.name)
		}
	}
	if err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(b.ID) }); err != nil {
		t.Fatal(err)
	}
	checkIndexes(t, s)
	if got := wordIDs(t, s, TextWords, "espresso"); len(got) != 0 {
		t.Errorf("deleted mention still found: %v", got)
	}
}

func TestWordEntriesAreCutAndCleaned(t *testing.T) {
	s := openTempWith(t, Words{Version: "raw", Split: func(s string) []string { return strings.Split(s, " ") }})
	long := strings.Repeat("é", 40) // 80 bytes
	m := &Mention{Text: long + " a\x00b  dup dup", Published: t0}
	put(t, s, (*Tx).Mentions, m)
	checkIndexes(t, s)
	if got := wordIDs(t, s, TextWords, long); !slices.Equal(got, []uint64{m.ID}) {
		t.Errorf("long word: %v", got)
	}
	if got := wordIDs(t, s, TextWords, long[:MaxWordLen]+"zzz"); !slices.Equal(got, []uint64{m.ID}) {
		t.Errorf("another word with the same first %d bytes: %v", MaxWordLen, got)
	}
	if got := wordIDs(t, s, TextWords, "a\x00b"); got != nil {
		t.Errorf("word with a 0 byte was indexed: %v", got)
	}
}

func TestMentionIterSeeksNewestFirst(t *testing.T) {
	s := openTemp(t)
	var ms []*Mention
	for i := range 20 {
		text := "odd"
		if i%2 == 0 {
			text = "even"
		}
		if i%3 == 0 {
			text += " three"
		}
		m := &Mention{Text: text + " cats", Published: t0.Add(time.Duration(i%7) * time.Minute)}
		put(t, s, (*Tx).Mentions, m)
		ms = append(ms, m)
	}
	put(t, s, (*Tx).Mentions, &Mention{Text: "cat", Published: t0}) // a neighbouring word
	indexNow(t, s)
	_ = s.View(func(tx *Tx) error {
		all, _, _ := tx.MentionIDs(MentionsByTime(), nil, 0)
		it := tx.IterateMentions(MentionsByTime())
		defer it.Close()
		var walked []uint64
		for ; it.Valid(); it.Next() {
			walked = append(walked, it.Pos().ID())
		}
		if !slices.Equal(walked, all) {
			t.Errorf("walk %v, time index %v", walked, all)
		}

		cats := tx.IterateMentions(MentionsWithWord(TextWords, "cats"))
		defer cats.Close()
		if !cats.Valid() || cats.Pos().Compare(PosOf(ms[13])) != 0 { // the newest: minute 6, highest id
			t.Errorf("first cats entry %v, want mention %d", cats.Pos().ID(), ms[13].ID)
		}
		target := PosOf(ms[9]) // minute 2
		cats.Seek(target)
		if !cats.Valid() || cats.Pos() != target {
			t.Errorf("seek to an entry landed on %d", cats.Pos().ID())
		}
		cats.Seek(PosOf(ms[20-1])) // newer than the current entry: no move
		if cats.Pos() != target {
			t.Errorf("seek backwards moved to %d", cats.Pos().ID())
		}
		cats.Seek(Pos{}) // older than everything
		if cats.Valid() {
			t.Errorf("seek past the oldest is still valid at %d", cats.Pos().ID())
		}
		none := tx.IterateMentions(MentionsWithWord(TextWords, "ca"))
		defer none.Close()
		if none.Valid() {
			t.Errorf("a prefix of indexed words has entries")
		}
		return nil
	})
}

func TestWordsWithPrefix(t *testing.T) {
	s := openTemp(t)
	put(t, s, (*Tx).Mentions, &Mention{Text: "roast roasted roaster roasting road", Published: t0})
	put(t, s, (*Tx).Mentions, &Mention{Text: "roasted again", Author: "Roa Smith", Published: t0})
	indexNow(t, s)
	tests := []struct {
		ix       WordIndex
		prefix   string
		max      int
		want     []string
		complete bool
	}{
		{TextWords, "roast", 10, []string{"roast", "roasted", "roaster", "roasting"}, true},
		{TextWords, "roast", 2, []string{"roast", "roasted"}, false},
		{TextWords, "roa", 10, []string{"road", "roast", "roasted", "roaster", "roasting"}, true},
		{TextWords, "zzz", 10, nil, true},
		{AuthorWords, "roa", 10, []string{"roa"}, true},
	}
	for _, tt := range tests {
		var got []string
		var complete bool
		err := s.View(func(tx *Tx) (err error) {
			got, complete, err = tx.WordsWithPrefix(tt.ix, tt.prefix, tt.max)
			return err
		})
		if err != nil || !slices.Equal(got, tt.want) || complete != tt.complete {
			t.Errorf("WordsWithPrefix(%d, %q, %d) = %q %v %v, want %q %v", tt.ix, tt.prefix, tt.max, got, complete, err, tt.want, tt.complete)
		}
	}
}

func TestPrefixPositions(t *testing.T) {
	s := openTemp(t)
	a := &Mention{Text: "roast roasted", Published: t0}
	b := &Mention{Text: "roaster road", Published: t0.Add(time.Hour)}
	put(t, s, (*Tx).Mentions, a)
	put(t, s, (*Tx).Mentions, b)
	indexNow(t, s)
	_ = s.View(func(tx *Tx) error {
		ps, complete, err := tx.PrefixPositions(TextWords, "roast", 10)
		slices.SortFunc(ps, Pos.Compare)
		want := []Pos{PosOf(a), PosOf(a), PosOf(b)} // a has two words with the prefix
		if err != nil || !complete || !slices.Equal(ps, want) {
			t.Errorf("PrefixPositions = %v %v %v, want %v", ps, complete, err, want)
		}
		if ps, complete, _ := tx.PrefixPositions(TextWords, "roa", 2); len(ps) != 2 || complete {
			t.Errorf("PrefixPositions with max 2 = %d positions, complete %v", len(ps), complete)
		}
		return nil
	})
}

func TestWordIndexPrefixesDoNotCollide(t *testing.T) {
	used := map[string]bool{}
	for _, tp := range tablePrefixes {
		used[string(tp.prefix)] = true
	}
	for _, p := range prefixesOf(mentionsDef.indexes) {
		used[string(p[:])] = true
	}
	for _, ixs := range [][][2]byte{prefixesOf(peopleDef.indexes), prefixesOf(interactionsDef.indexes), prefixesOf(tasksDef.indexes)} {
		for _, p := range ixs {
			used[string(p[:])] = true
		}
	}
	for _, p := range wordPrefixes {
		if used[string(p[:])] || used[string(p[:1])] {
			t.Errorf("word index prefix %q is already used", p)
		}
		used[string(p[:])] = true
	}
	s := openTemp(t)
	if got := len(s.mentionsTable().indexes) - len(mentionsDef.indexes); got != len(wordPrefixes) {
		t.Errorf("the installed mentions table has %d extra indexes, want %d", got, len(wordPrefixes))
	}
}

// TestWordQueue follows mentions through the full-text queue: queued when
// new, moved while queued, dequeued when deleted, indexed by the indexer,
// and drained after a reopen. checkIndexes holds at every step.
func TestWordQueue(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords, HoldWordQueue: true})
	if err != nil {
		t.Fatal(err)
	}
	queued := func() []Pos {
		t.Helper()
		var ps []Pos
		if err := s.View(func(tx *Tx) (err error) { ps, err = tx.QueuedWords(); return err }); err != nil {
			t.Fatal(err)
		}
		return ps
	}
	a := &Mention{Text: "cold brew", Published: t0}
	b := &Mention{Text: "hot chocolate", Published: t0.Add(time.Hour)}
	put(t, s, (*Tx).Mentions, a)
	put(t, s, (*Tx).Mentions, b)
	if got := queued(); !slices.Equal(got, []Pos{PosOf(b), PosOf(a)}) {
		t.Fatalf("queue = %v, want b then a (newest first)", got)
	}
	checkIndexes(t, s) // no word entries yet
	a.Published = t0.Add(2 * time.Hour)
	a.Text = "cold brew, iced"
	put(t, s, (*Tx).Mentions, a)
	if got := queued(); !slices.Equal(got, []Pos{PosOf(a), PosOf(b)}) {
		t.Errorf("after a moved, queue = %v, want a then b", got)
	}
	if err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(b.ID) }); err != nil {
		t.Fatal(err)
	}
	if got := queued(); !slices.Equal(got, []Pos{PosOf(a)}) {
		t.Errorf("after b was deleted, queue = %v, want only a", got)
	}
	checkIndexes(t, s)
	if got := wordIDs(t, s, TextWords, "iced"); !slices.Equal(got, []uint64{a.ID}) { // drains
		t.Errorf("iced → %v after indexing", got)
	}
	if got := queued(); len(got) != 0 {
		t.Errorf("queue after indexing = %v", got)
	}
	checkIndexes(t, s)
	// An indexed mention is edited in place: its entries follow at once.
	a.Text = "cold brew, no ice"
	put(t, s, (*Tx).Mentions, a)
	if got := queued(); len(got) != 0 {
		t.Errorf("an edit of an indexed mention queued it: %v", got)
	}
	checkIndexes(t, s)
	// What is queued at close is indexed after the next open, unasked.
	c := &Mention{Text: "oat flat white", Published: t0}
	put(t, s, (*Tx).Mentions, c)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	deadline := time.Now().Add(10 * time.Second)
	for len(queued()) > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := queued(); len(got) != 0 {
		t.Fatalf("the indexer left %v queued", got)
	}
	checkIndexes(t, s)
}

// TestWordQueueDrainersDoNotCollide drains a queue of several batches from
// two goroutines at once (as the background indexer and a command can),
// while a third edits queued mentions.
func TestWordQueueDrainersDoNotCollide(t *testing.T) {
	s := openTemp(t)
	var ms []*Mention
	for b := range 25 { // more batches than Update retries a conflict
		err := s.Update(func(tx *Tx) error {
			for i := range rebuildMentions {
				m := &Mention{Text: fmt.Sprintf("cold brew %d", i), Published: t0.Add(time.Duration(b*1000+i) * time.Second)}
				if err := tx.Mentions().Put(m); err != nil {
					return err
				}
				ms = append(ms, m)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	errs := make(chan error, 3)
	for range 2 {
		go func() { errs <- s.IndexQueuedWords() }()
	}
	go func() {
		for _, m := range ms[:200] {
			m.Text += " iced"
			if err := s.Update(func(tx *Tx) error { return tx.Mentions().Put(m) }); err != nil {
				errs <- err
				return
			}
		}
		errs <- nil
	}()
	for range 3 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	indexNow(t, s)
	checkIndexes(t, s)
	if got := wordIDs(t, s, TextWords, "iced"); len(got) != 200 {
		t.Errorf("iced → %d mentions, want 200", len(got))
	}
}

// TestWordQueueFloorWaitsForUnfinishedWriters drains the queue while a
// transaction that took a lower mention id has not committed yet: the
// floor must stay below that id, or its queue entry would never be seen.
// Mentions queued again with an id under the floor lower it.
func TestWordQueueFloorWaitsForUnfinishedWriters(t *testing.T) {
	s, err := Open(t.TempDir(), Options{Logger: quietLogger(), Words: testWords, HoldWordQueue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	slow := &Mention{Text: "slow decaf", Published: t0}
	took, commit, done := make(chan struct{}), make(chan struct{}), make(chan error)
	go func() {
		first := true
		done <- s.Update(func(tx *Tx) error {
			if err := tx.Mentions().Put(slow); err != nil {
				return err
			}
			if first {
				first = false
				close(took)
				<-commit
			}
			return nil
		})
	}()
	<-took
	for i := range 300 {
		put(t, s, (*Tx).Mentions, &Mention{Text: fmt.Sprintf("fast brew %d", i), Published: t0.Add(time.Minute)})
	}
	if err := s.IndexQueuedWords(); err != nil {
		t.Fatal(err)
	}
	close(commit)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	checkIndexes(t, s)
	var ps []Pos
	_ = s.View(func(tx *Tx) (err error) { ps, err = tx.QueuedWords(); return err })
	if len(ps) != 1 || ps[0].ID() != slow.ID {
		t.Fatalf("queue = %v, want the slow writer's mention %d", ps, slow.ID)
	}
	if err := s.IndexQueuedWords(); err != nil {
		t.Fatal(err)
	}
	var floor uint64
	_ = s.View(func(tx *Tx) (err error) { floor, err = tx.wordQueueFloor(); return err })
	if floor <= slow.ID {
		t.Errorf("floor %d did not rise past the drained mentions", floor)
	}
	// A mention written again under its old id after being dropped (as a
	// restore of one record would) is queued below the floor: the floor
	// comes down to it.
	old := get(t, s, (*Tx).Mentions, slow.ID)
	if err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(old.ID) }); err != nil {
		t.Fatal(err)
	}
	put(t, s, (*Tx).Mentions, &old)
	checkIndexes(t, s)
	if got := wordIDs(t, s, TextWords, "decaf"); !slices.Equal(got, []uint64{old.ID}) {
		t.Errorf("decaf → %v", got)
	}
}

// TestPastTheCapFollowsTheMentions: the list of mentions with more words
// than the word indexes hold follows edits and deletes, and a mention gets
// its entry when the indexer writes its words.
func TestPastTheCapFollowsTheMentions(t *testing.T) {
	s := openTemp(t)
	var long strings.Builder
	for i := range MaxWordsPerMention {
		fmt.Fprintf(&long, "w%d ", i)
	}
	exact := &Mention{Text: long.String(), Published: t0}                              // exactly the cap: every word held
	over := &Mention{Text: long.String() + "one more", Published: t0.Add(time.Second)} // one word past it
	put(t, s, (*Tx).Mentions, exact)
	put(t, s, (*Tx).Mentions, over)
	past := func() []uint64 {
		t.Helper()
		var ids []uint64
		if err := s.View(func(tx *Tx) (err error) { ids, _, err = tx.MentionIDs(MentionsPastTheCap(), nil, 0); return err }); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	if got := past(); len(got) != 0 {
		t.Errorf("queued mentions are listed before the indexer wrote their words: %v", got)
	}
	indexNow(t, s)
	if got := past(); !slices.Equal(got, []uint64{over.ID}) {
		t.Errorf("past the cap %v, want [%d]", got, over.ID)
	}
	if ids := wordIDs(t, s, TextWords, "more"); len(ids) != 0 {
		t.Errorf("the word past the cap is in the word index: %v", ids)
	}
	over.Text = "short now"
	put(t, s, (*Tx).Mentions, over)
	indexNow(t, s)
	exact.Text += " and more"
	put(t, s, (*Tx).Mentions, exact)
	indexNow(t, s)
	if got := past(); !slices.Equal(got, []uint64{exact.ID}) {
		t.Errorf("after the edits, past the cap %v, want [%d]", got, exact.ID)
	}
	checkIndexes(t, s)
	if err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(exact.ID) }); err != nil {
		t.Fatal(err)
	}
	if got := past(); len(got) != 0 {
		t.Errorf("a deleted mention is still listed: %v", got)
	}
	checkIndexes(t, s)
}

// TestMentionIterSeeksNearAndFar seeks one walk to targets a few entries
// ahead and to targets far ahead, in runs: every seek lands where the
// walk's positions say, and the steps it tries first grow over near
// targets and shrink over far ones.
func TestMentionIterSeeksNearAndFar(t *testing.T) {
	bigSegments(t) // the open keys' walk: no sealed segment
	s := openTemp(t)
	for i := range 900 {
		put(t, s, (*Tx).Mentions, &Mention{Text: "cats", Published: t0.Add(time.Duration(i) * time.Minute)})
	}
	indexNow(t, s)
	err := s.View(func(tx *Tx) error {
		var all []Pos // newest first
		walk := tx.IterateMentions(MentionsWithWord(TextWords, "cats"))
		for ; walk.Valid(); walk.Next() {
			all = append(all, walk.Pos())
		}
		walk.Close()
		if len(all) != 900 {
			t.Fatalf("%d entries, want 900", len(all))
		}
		it := tx.IterateMentions(MentionsWithWord(TextWords, "cats"))
		defer it.Close()
		at := 0
		seek := func(ahead int) {
			t.Helper()
			at += ahead
			// a target between two entries (a minute apart): the older one
			target := all[at]
			if target[len(target)-1] < 0xFF {
				target[len(target)-1]++
			}
			it.Seek(target)
			if !it.Valid() || it.Pos() != all[at] {
				t.Fatalf("seek %d ahead to entry %d: at %v, want %v", ahead, at, it.Pos(), all[at])
			}
		}
		for range 10 {
			seek(40)
		}
		if it.budget != leastSteps {
			t.Errorf("after far targets Seek tries %d steps, want %d", it.budget, leastSteps)
		}
		for range 10 {
			seek(1)
		}
		if it.budget != mostSteps {
			t.Errorf("after near targets Seek tries %d steps, want %d", it.budget, mostSteps)
		}
		for range 30 {
			seek(3)
			seek(9)
		}
		it.Seek(Pos{}) // older than everything
		if it.Valid() {
			t.Errorf("seek past the oldest is still valid at %d", it.Pos().ID())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
