package storage

import (
	"math"
	"strings"
	"testing"
	"time"
)

// FuzzMentionEntriesSurviveStorage: a mention's index entries are
// computed from the stored mention when it is written again or deleted
// (mentions keep no memo from schema 13 on), so whatever a hostile feed
// put in it — times with zones, fractions of seconds or a fraction past
// the zero time, priorities that are NaN or -0, empty and nil lists, owners
// and intents with NUL bytes, links too long for a key, text that is not
// UTF-8 — writing it, changing it and deleting it leaves the indexes exact
// and nothing behind. The fraction past year 1 failed before Put computed
// the entries from the record as it reads back.
func FuzzMentionEntriesSurviveStorage(f *testing.F) {
	f.Add(int64(1700000000), int64(0), int64(0), 0, "", "positive", "praise", "Dana", "https://x/1", 0.5, uint64(1), uint64(2), uint8(0), true)
	f.Add(int64(-62135596800), int64(500_000_000), int64(1700000000), 3600, "", "", "", "", "", math.NaN(), uint64(0), uint64(0), uint8(1), false)
	f.Add(int64(0), int64(999_999_999), int64(-1), -7200, "x\x00y", "negative", "question\x00", "a\x00b", strings.Repeat("p", 3000), math.Copysign(0, -1), uint64(7), uint64(0), uint8(2), true)
	f.Add(int64(253402300799), int64(1), int64(0), 0, "fr", "neutral", "want to buy", "\xff\xfe", "l", math.Inf(-1), uint64(1), uint64(1), uint8(3), true)
	s := openTemp(f)
	f.Fuzz(func(t *testing.T, pub, nsec, fetched int64, zone int, lang, pol, intent, owner, link string, prio float64, person, group uint64, state uint8, analysed bool) {
		loc := time.FixedZone("z", zone%(18*3600))
		m := &Mention{
			Keys: [][]byte{[]byte(link), {}}, Link: link, Lang: lang, PersonID: person, GroupID: group, Text: intent + " " + lang,
			SourceIDs: []uint64{person, group}, Published: time.Unix(pub, nsec%1e9).In(loc), Fetched: time.Unix(fetched, 0),
			State: MentionState(state % 4), Owner: owner, Platform: lang, Reach: int(nsec),
			Analysis: Analysis{Analysed: analysed, Polarity: pol, Intents: []string{intent, intent, ""}, Priority: prio},
		}
		if person%2 == 1 {
			m.Corrected = &Correction{Polarity: pol, Intents: []string{}}
		}
		if nsec%3 == 0 {
			m.Published = time.Time{}
		}
		err := s.Update(func(tx *Tx) error { return tx.Mentions().Put(m) })
		if err != nil {
			if _, derr := decodeOf(m); derr == nil {
				t.Fatalf("a mention that reads back was refused: %v", err)
			}
			return // refused, nothing written
		}
		checkIndexes(t, s)
		m.Published, m.Owner, m.State, m.Analysis.Priority = m.Published.Add(1500*time.Millisecond), owner+"x", MentionState((state+1)%4), -prio
		if err := s.Update(func(tx *Tx) error { return tx.Mentions().Put(m) }); err != nil {
			t.Fatal(err)
		}
		checkIndexes(t, s)
		if err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(m.ID) }); err != nil {
			t.Fatal(err)
		}
		checkIndexes(t, s)
		for k := range dump(t, s) {
			if isIndexKey(k) && strings.HasPrefix(k, "m") {
				t.Errorf("left behind: %q", k)
			}
		}
	})
}

// decodeOf is m as it reads back once written.
func decodeOf(m *Mention) (Mention, error) {
	var back Mention
	b, err := encode(m)
	if err == nil {
		err = decode(b, &back)
	}
	return back, err
}

// TestMentionsKeepNoMemo: a mention's index entries stay exact through
// every kind of change and its deletion, with no memo written for it,
// while people keep theirs.
func TestMentionsKeepNoMemo(t *testing.T) {
	s := openTemp(t)
	ana, bo := &Person{Name: "Ana", Handles: []Handle{{Platform: "reddit", Handle: "ana"}}}, &Person{Name: "Bo"}
	put(t, s, (*Tx).People, ana)
	put(t, s, (*Tx).People, bo)
	m := &Mention{
		PersonID: ana.ID, Text: "love the coffee", Published: t0, SourceIDs: []uint64{1}, Keys: [][]byte{[]byte("k1")},
		Analysis: analysed("positive", 0.6, []string{"praise"}, []string{"price"}),
	}
	other := &Mention{PersonID: ana.ID, Text: "also here", Published: t0.Add(time.Hour), Keys: [][]byte{[]byte("k1")}}
	put(t, s, (*Tx).Mentions, m)
	put(t, s, (*Tx).Mentions, other)
	checkIndexes(t, s)
	changes := []func(m *Mention){
		func(m *Mention) { m.State = StateHandled },
		func(m *Mention) { m.Owner = "Dana" },
		func(m *Mention) { m.PersonID = bo.ID },
		func(m *Mention) { m.Published = t0.Add(-48 * time.Hour) },
		func(m *Mention) { m.SourceIDs = []uint64{2, 3} },
		func(m *Mention) { m.Keys = [][]byte{[]byte("k2")} },
		func(m *Mention) { m.GroupID = other.ID },
		func(m *Mention) { m.Analysis = analysed("negative", -0.7, []string{"complaint", "question"}, nil) },
		func(m *Mention) { m.Corrected = &Correction{Polarity: "neutral", Intents: []string{}} },
		func(m *Mention) { m.Link = "https://example.com/" + strings.Repeat("p", 3000) },
		func(m *Mention) { m.Text = "now about delivery" },
		func(m *Mention) { m.Owner, m.PersonID, m.GroupID = "", 0, 0 },
	}
	for i, change := range changes {
		got := get(t, s, (*Tx).Mentions, m.ID)
		change(&got)
		put(t, s, (*Tx).Mentions, &got)
		checkIndexes(t, s)
		if t.Failed() {
			t.Fatalf("after change %d", i)
		}
	}
	if err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(m.ID) }); err != nil {
		t.Fatal(err)
	}
	checkIndexes(t, s)
	counts, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if counts.Counts["mentions"] != 1 {
		t.Errorf("%d mentions counted, want 1", counts.Counts["mentions"])
	}
	for k := range dump(t, s) {
		if strings.HasPrefix(k, string([]byte{prefixIndexMemo, mentionsDef.prefix})) {
			t.Errorf("a mention's memo was written: %q", k)
		}
	}
	if _, ok := dump(t, s)[string(memoKey(peopleDef.prefix, ana.ID))]; !ok {
		t.Error("a person has no memo")
	}
}

// TestOpenDropsTheMentionMemosOfASchema12Store: schema 12 kept a memo of
// each mention's entries; the migration drops them, and the entries stay
// exact through later changes.
func TestOpenDropsTheMentionMemosOfASchema12Store(t *testing.T) {
	s := openTemp(t)
	p := &Person{Name: "Ana"}
	put(t, s, (*Tx).People, p)
	var ms []*Mention
	for i := range 2*reindexBatch + 10 {
		ms = append(ms, &Mention{
			PersonID: p.ID, Text: "hi there", Published: t0.Add(time.Duration(i) * time.Minute), Owner: []string{"", "Dana"}[i%2],
			Analysis: analysed([]string{"positive", "negative", "neutral"}[i%3], 0.2, []string{"praise"}, nil),
		})
	}
	putMentions(t, s, ms)
	writeMentionMemos(t, s)
	// Schema 12 also listed an empty identity key: three mentions with
	// one, the first in the list under the bare prefix, the others past
	// its cap (m k id), and each memo naming its entry.
	empty := ms[:3]
	err := s.Update(func(tx *Tx) error {
		if err := tx.set(identityList[:], encodeIDs([]uint64{empty[0].ID})); err != nil {
			return err
		}
		for i, m := range empty {
			k := u64(identityIndex[:], m.ID)
			if i > 0 {
				if err := tx.set(k, nil); err != nil {
					return err
				}
			}
			keys, err := tx.Mentions().memo(m.ID)
			if err != nil {
				return err
			}
			if err := tx.set(memoKey(mentionsDef.prefix, m.ID), encodeMemo(append(keys, k))); err != nil {
				return err
			}
		}
		return tx.set(keySchema, schemaValue(12))
	})
	if err != nil {
		t.Fatal(err)
	}
	leftOfTheEmptyKey := func() (n int) {
		for k := range dump(t, s) {
			if k == string(identityList[:]) || (strings.HasPrefix(k, string(identityIndex[:])) && len(k) == 10) {
				n++
			}
		}
		return n
	}
	if n := leftOfTheEmptyKey(); n != 3 {
		t.Fatalf("%d keys of the empty identity key in the schema 12 layout, want 3", n)
	}
	memos := func() (n int) {
		for k := range dump(t, s) {
			if strings.HasPrefix(k, string([]byte{prefixIndexMemo, mentionsDef.prefix})) {
				n++
			}
		}
		return n
	}
	if n := memos(); n != len(ms) {
		t.Fatalf("%d memos in the schema 12 layout, want %d: the test does not test the migration", n, len(ms))
	}
	s = reopenMigrating(t, s, "drop the mentions' index memos")
	if n := memos(); n > 0 {
		t.Errorf("%d mention memos after the migration", n)
	}
	if n := leftOfTheEmptyKey(); n > 0 {
		t.Errorf("%d keys of the empty identity key after the migration", n)
	}
	checkIndexes(t, s)
	for _, i := range []int{0, 5, 2 * reindexBatch} {
		m := get(t, s, (*Tx).Mentions, ms[i].ID)
		m.State, m.Owner, m.Published = StateHandled, "Eli", t0.Add(-time.Hour)
		put(t, s, (*Tx).Mentions, &m)
	}
	if err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(ms[7].ID) }); err != nil {
		t.Fatal(err)
	}
	checkIndexes(t, s)
	if n := memos(); n > 0 {
		t.Errorf("%d mention memos after changes", n)
	}
}
