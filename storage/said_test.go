package storage

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// readSaid reads the index of what mentions say of their authors, by id.
func readSaid(t *testing.T, s *Store) map[uint64]Mention {
	t.Helper()
	got := map[uint64]Mention{}
	walkAuthors(t, s, func(a *Author) {
		for _, m := range a.Said {
			if _, twice := got[m.ID]; twice {
				t.Errorf("mention %d read twice", m.ID)
			}
			got[m.ID] = m
		}
	})
	return got
}

// walkAuthors walks everyone who wrote, checking that the people come in
// the order of their ids, once each.
func walkAuthors(t *testing.T, s *Store, fn func(a *Author)) {
	t.Helper()
	err := s.View(func(tx *Tx) error {
		w := tx.WalkAuthors()
		defer w.Close()
		var last uint64
		for w.Next() {
			if a := w.Author(); a.Person <= last {
				t.Errorf("person %d after person %d", a.Person, last)
			}
			last = w.Author().Person
			fn(w.Author())
		}
		return w.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
}

// asSaid is what WalkAuthors gives of a mention as stored: the fields a
// score reads.
func asSaid(t *testing.T, s *Store, id uint64) Mention {
	t.Helper()
	var m Mention
	err := s.View(func(tx *Tx) (err error) {
		m, err = tx.Mentions().Get(id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return Mention{
		ID: m.ID, PersonID: m.PersonID, Published: m.Time(), Link: m.Link, Platform: m.Platform, GroupID: m.GroupID,
		SourceIDs: m.SourceIDs, Reach: m.Reach, Analysis: Analysis{Polarity: m.Analysis.Polarity, Intents: m.Analysis.Intents},
		Corrected: m.Corrected,
	}
}

// TestWalkAuthorsFollowsTheMentions: the index holds the mentions with an
// author and a time that may say something of them, with the fields the
// score reads exactly as stored (a link too long for a key is read from
// the mention), and follows every change of a mention.
func TestWalkAuthorsFollowsTheMentions(t *testing.T) {
	s := openTemp(t)
	ana, bo := &Person{Name: "Ana"}, &Person{Name: "Bo"}
	put(t, s, (*Tx).People, ana)
	put(t, s, (*Tx).People, bo)
	at := t0.Add(1500 * time.Millisecond)
	praise := &Mention{
		PersonID: ana.ID, Text: "love it", Published: at, Link: "https://reddit.com/r/x/comments/1/y", Platform: "reddit",
		GroupID: 4, SourceIDs: []uint64{2, 3}, Reach: 90, Analysis: Analysis{Polarity: "positive", Intents: []string{"praise"}, Priority: 2},
	}
	question := &Mention{PersonID: ana.ID, Text: "how?", Fetched: at.Add(time.Hour), Analysis: Analysis{Polarity: "neutral", Intents: []string{"question"}}}
	corrected := &Mention{PersonID: bo.ID, Text: "hm", Published: at, Corrected: &Correction{Polarity: "negative", Intents: []string{}}}
	long := &Mention{PersonID: bo.ID, Text: "long", Published: at, Link: "https://example.com/" + strings.Repeat("p", 3000), Analysis: Analysis{Polarity: "negative"}}
	neutral := &Mention{PersonID: ana.ID, Text: "ok", Published: at, Analysis: Analysis{Polarity: "neutral"}}
	nobody := &Mention{Text: "anon", Published: at, Analysis: Analysis{Polarity: "positive"}}
	undated := &Mention{PersonID: ana.ID, Text: "when?", Analysis: Analysis{Polarity: "positive"}}
	for _, m := range []*Mention{praise, question, corrected, long, neutral, nobody, undated} {
		put(t, s, (*Tx).Mentions, m)
	}
	checkIndexes(t, s)
	want := map[uint64]Mention{}
	for _, m := range []*Mention{praise, question, corrected, long} {
		want[m.ID] = asSaid(t, s, m.ID)
	}
	if got := readSaid(t, s); !reflect.DeepEqual(got, want) {
		t.Fatalf("read from the index:\n%+v\nwant\n%+v", got, want)
	}
	// Each one's mentions, counted, and the newest, from the keys of the
	// index by person (the undated one counts, with no time).
	type authored struct {
		n    int
		last time.Time
	}
	by := map[uint64]authored{}
	walkAuthors(t, s, func(a *Author) { by[a.Person] = authored{a.Mentions, a.Last} })
	hour := at.Add(time.Hour).Truncate(time.Second)
	if len(by) != 2 || by[ana.ID].n != 4 || !by[ana.ID].last.Equal(hour) || by[ana.ID].last.Location() != time.Local ||
		by[bo.ID].n != 2 || !by[bo.ID].last.Equal(at.Truncate(time.Second)) {
		t.Errorf("authored: %+v", by)
	}

	// The reading changes, the author changes, a mention goes.
	praise.Analysis = Analysis{Polarity: "neutral"}
	put(t, s, (*Tx).Mentions, praise)
	question.PersonID = bo.ID
	put(t, s, (*Tx).Mentions, question)
	neutral.Corrected = &Correction{Polarity: "positive"}
	put(t, s, (*Tx).Mentions, neutral)
	if err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(long.ID) }); err != nil {
		t.Fatal(err)
	}
	checkIndexes(t, s)
	want = map[uint64]Mention{question.ID: asSaid(t, s, question.ID), corrected.ID: asSaid(t, s, corrected.ID), neutral.ID: asSaid(t, s, neutral.ID)}
	if got := readSaid(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("after the changes:\n%+v\nwant\n%+v", got, want)
	}
}

// TestOpenIndexesWhatASchema11StoreSaid: schema 11 had no index of what
// mentions say of their authors; the migration writes it, memos and all.
func TestOpenIndexesWhatASchema11StoreSaid(t *testing.T) {
	s := openTemp(t)
	p := &Person{Name: "Ana"}
	put(t, s, (*Tx).People, p)
	var ms []*Mention
	for i := range 2*reindexBatch + 10 { // more than one batch
		m := &Mention{PersonID: p.ID, Text: "hi", Published: t0.Add(time.Duration(i) * time.Minute)}
		if i%3 == 0 {
			m.Analysis.Polarity = "positive"
		}
		ms = append(ms, m)
	}
	putMentions(t, s, ms)
	before := readSaid(t, s)
	if len(before) != (len(ms)+2)/3 {
		t.Fatalf("%d entries before, want %d", len(before), (len(ms)+2)/3)
	}
	// Back to schema 11's layout: no entries, and memos without them.
	writeMentionMemos(t, s)
	err := s.Update(func(tx *Tx) error {
		for k := range dump(t, s) {
			if strings.HasPrefix(k, "mq") {
				if err := tx.del([]byte(k)); err != nil {
					return err
				}
			}
		}
		for _, m := range ms {
			keys, err := tx.Mentions().memo(m.ID)
			if err != nil {
				return err
			}
			keys = slices.DeleteFunc(keys, func(k []byte) bool { return bytes.HasPrefix(k, saidIndex[:]) })
			if err := tx.set(memoKey(mentionsDef.prefix, m.ID), encodeMemo(keys)); err != nil {
				return err
			}
		}
		return tx.set(keySchema, schemaValue(11))
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := readSaid(t, s); len(got) > 0 {
		t.Fatalf("the schema 11 layout still has %d entries: the test does not test the migration", len(got))
	}
	s = reopenMigrating(t, s, "index what each mention says of its author")
	checkIndexes(t, s)
	if got := readSaid(t, s); !reflect.DeepEqual(got, before) {
		t.Errorf("after the migration %d entries, want the %d from before", len(got), len(before))
	}
}

// TestAuthorsGenerationFollowsWhatScoresAuthors: the generation moves after
// a write of what scoring everyone who wrote reads, and only then.
func TestAuthorsGenerationFollowsWhatScoresAuthors(t *testing.T) {
	s := openTemp(t)
	ana, bo := &Person{Name: "Ana"}, &Person{Name: "Bo"}
	m := &Mention{PersonID: ana.ID, Text: "love it", Published: t0, Analysis: Analysis{Polarity: "positive"}}
	anon := &Mention{Text: "who?", Published: t0}
	src := &Source{Name: "feed"}
	x := &Interaction{Kind: "thanks", Direction: "give", At: t0}
	long := &Mention{Text: "long", Published: t0, Link: "https://example.com/" + strings.Repeat("p", 3000), Analysis: Analysis{Polarity: "positive"}}
	steps := []struct {
		name  string
		write func(tx *Tx) error
		moves bool
	}{
		{"a person", func(tx *Tx) error {
			if err := tx.People().Put(ana); err != nil {
				return err
			}
			m.PersonID, long.PersonID = ana.ID, ana.ID
			return tx.People().Put(bo)
		}, true},
		{"a source", func(tx *Tx) error { return tx.Sources().Put(src) }, false},
		{"a mention by a person", func(tx *Tx) error { return tx.Mentions().Put(m) }, true},
		{"a mention by nobody", func(tx *Tx) error { return tx.Mentions().Put(anon) }, false},
		{"its state", func(tx *Tx) error { m.State, m.Owner = StateArchived, "sam"; return tx.Mentions().Put(m) }, false},
		{"its snooze", func(tx *Tx) error { m.Snoozed = t0.Add(time.Hour); return tx.Mentions().Put(m) }, false},
		{"its reading", func(tx *Tx) error { m.Analysis.Polarity = "negative"; return tx.Mentions().Put(m) }, true},
		{"a second source carrying it", func(tx *Tx) error { m.SourceIDs = append(m.SourceIDs, src.ID); return tx.Mentions().Put(m) }, true},
		{"its author", func(tx *Tx) error { m.PersonID = bo.ID; return tx.Mentions().Put(m) }, true},
		{"a mention with a link too long for a key", func(tx *Tx) error { return tx.Mentions().Put(long) }, true},
		// its entry says to read the mention: the same key after the change
		{"that mention's reading", func(tx *Tx) error { long.Analysis.Polarity = "negative"; return tx.Mentions().Put(long) }, true},
		{"an interaction", func(tx *Tx) error { x.PersonID = bo.ID; return tx.Interactions().Put(x) }, true},
		{"nothing that scores (the same mention again)", func(tx *Tx) error { return tx.Mentions().Put(m) }, false},
		{"the anonymous mention deleted", func(tx *Tx) error { return tx.Mentions().Delete(anon.ID) }, false},
		{"the mention deleted", func(tx *Tx) error { return tx.Mentions().Delete(m.ID) }, true},
		{"a person deleted", func(tx *Tx) error { return tx.People().Delete(ana.ID) }, true},
	}
	for _, st := range steps {
		before := s.AuthorsGeneration()
		if err := s.Update(st.write); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if moved := s.AuthorsGeneration() != before; moved != st.moves {
			t.Errorf("after %s the generation moved: %v, want %v", st.name, moved, st.moves)
		}
	}
	before := s.AuthorsGeneration()
	failed := errors.New("given up")
	if err := s.Update(func(tx *Tx) error { _ = tx.People().Put(&Person{Name: "Cy"}); return failed }); !errors.Is(err, failed) {
		t.Fatal(err)
	}
	if s.AuthorsGeneration() != before {
		t.Error("a transaction that did not commit moved the generation")
	}
}
