package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
)

func TestChunksRoundTrip(t *testing.T) {
	pos := func(sec int64, id uint64) Pos {
		var p Pos
		copy(p[:], u64(timeKey(nil, time.Unix(sec, 0)), id))
		return p
	}
	cases := map[string][]Pos{
		"one":                 {pos(100, 7)},
		"same second":         {pos(100, 9), pos(100, 8), pos(100, 2)},
		"ids up and down":     {pos(100, 2), pos(99, 9), pos(50, 1), pos(-5, 70000)},
		"before 1970":         {pos(-10, 3), pos(-20, 4)},
		"far apart in time":   {pos(1<<40, 1), pos(-(1 << 40), 1<<60)},
		"a full chunk, dense": dense(chunkLen),
	}
	for name, ps := range cases {
		got, err := decodeChunk(nil, encodeChunk(ps))
		if err != nil || !slices.Equal(got, ps) {
			t.Errorf("%s: %v, %v; want %v", name, got, err, ps)
		}
	}
}

func dense(n int) []Pos {
	ps := make([]Pos, n)
	for i := range ps {
		copy(ps[i][:], u64(timeKey(nil, t0.Add(-time.Duration(i)*time.Minute)), uint64(1000-i)))
	}
	return ps
}

// FuzzDecodeChunk: a damaged chunk is an error, never a panic, and what
// decodes is in the order chunks keep (newest first, distinct).
func FuzzDecodeChunk(f *testing.F) {
	f.Add(encodeChunk(dense(3)))
	f.Add(encodeChunk(dense(chunkLen)))
	f.Add([]byte{1})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		ps, err := decodeChunk(nil, b)
		if err != nil {
			return
		}
		for i := 1; i < len(ps); i++ {
			if ps[i-1].Compare(ps[i]) <= 0 {
				t.Fatalf("decoded out of order: %v", ps)
			}
		}
		if again, err := decodeChunk(nil, encodeChunk(ps)); err != nil || !slices.Equal(again, ps) {
			t.Fatalf("re-encoded %v → %v, %v", ps, again, err)
		}
	})
}

// sealedVocabulary: a few words, so that each is in many mentions of
// many segments, and prefixes share words.
var sealedVocabulary = strings.Fields("cold brew iced latte mocha oat oats oatmeal roast roasted bean beans")

func randomText(r *rand.Rand) string {
	n := 1 + r.IntN(5)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = sealedVocabulary[r.IntN(len(sealedVocabulary))]
	}
	return strings.Join(ws, " ")
}

// expectedWords computes each text word's positions from the records,
// newest first.
func expectedWords(t *testing.T, s *Store) map[string][]Pos {
	t.Helper()
	want := map[string][]Pos{}
	err := s.View(func(tx *Tx) error {
		return tx.Mentions().Each(func(m *Mention) error {
			seen := map[string]bool{}
			for _, w := range testWords.Split(m.Title + " " + m.Text) {
				if w = indexWord(w); w != "" && !seen[w] {
					seen[w] = true
					want[w] = append(want[w], PosOf(m))
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, ps := range want {
		slices.SortFunc(ps, func(a, b Pos) int { return b.Compare(a) })
	}
	return want
}

// agree checks every way of reading the text word index against the
// records: walks (in a read-only and a read-write transaction), seeks,
// pages of ids, the oldest entry, prefix listings and CheckIndexes.
func agree(t *testing.T, s *Store, r *rand.Rand, when string) {
	t.Helper()
	indexNow(t, s)
	checkIndexes(t, s)
	if problems, err := s.CheckIndexes(); err != nil || len(problems) > 0 {
		t.Fatalf("%s: CheckIndexes: %v %v", when, problems, err)
	}
	want := expectedWords(t, s)
	walk := func(tx *Tx, w string) []Pos {
		var got []Pos
		it := tx.IterateMentions(MentionsWithWord(TextWords, w))
		defer it.Close()
		for ; it.Valid(); it.Next() {
			got = append(got, it.Pos())
		}
		if err := it.Err(); err != nil {
			t.Fatal(err)
		}
		return got
	}
	check := func(rw bool) func(tx *Tx) error {
		return func(tx *Tx) error {
			for _, w := range sealedVocabulary {
				if got := walk(tx, w); !slices.Equal(got, want[w]) {
					t.Errorf("%s (rw %v): %q walks %d positions, want %d", when, rw, w, len(got), len(want[w]))
				}
			}
			return nil
		}
	}
	if err := s.View(check(false)); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(check(true)); err != nil {
		t.Fatal(err)
	}
	if err := s.View(func(tx *Tx) error { agreeAnd(t, tx, want, r, when); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *Tx) error { agreeAnd(t, tx, want, r, when+" (rw)"); return nil }); err != nil {
		t.Fatal(err)
	}
	err := s.View(func(tx *Tx) error {
		for _, w := range sealedVocabulary {
			all := want[w]
			// Seeks to random targets, ever older, as a join does.
			if msg := seeksAgree(tx.IterateMentions(MentionsWithWord(TextWords, w)), all, all, r); msg != "" {
				t.Fatalf("%s: %q %s", when, w, msg)
			}
			// Pages of ids, with cursors.
			var ids []uint64
			var cur Cursor
			for {
				page, next, err := tx.MentionIDs(MentionsWithWord(TextWords, w), cur, 3)
				if err != nil {
					return err
				}
				ids = append(ids, page...)
				if next == nil {
					break
				}
				cur = next
			}
			var wantIDs []uint64
			for _, p := range all {
				wantIDs = append(wantIDs, p.ID())
			}
			if !slices.Equal(ids, wantIDs) {
				t.Errorf("%s: %q pages of ids %v, want %v", when, w, ids, wantIDs)
			}
			if n := tx.CountMentionIDs(MentionsWithWord(TextWords, w)); n != len(all) {
				t.Errorf("%s: %q counts %d, want %d", when, w, n, len(all))
			}
			oldest, ok := tx.OldestIn(MentionsWithWord(TextWords, w))
			if ok != (len(all) > 0) || (ok && oldest != all[len(all)-1]) {
				t.Errorf("%s: %q oldest %v %v, want the last of %d", when, w, oldest, ok, len(all))
			}
		}
		for _, prefix := range []string{"oat", "roast", "b", "cold", "zz"} {
			var wantWords []string
			var wantPos []Pos
			for w, ps := range want {
				if strings.HasPrefix(w, prefix) && len(ps) > 0 {
					wantWords = append(wantWords, w)
					wantPos = append(wantPos, ps...)
				}
			}
			slices.Sort(wantWords)
			words, complete, err := tx.WordsWithPrefix(TextWords, prefix, 100)
			if err != nil || !complete {
				t.Fatalf("%s: prefix %q: %v %v", when, prefix, complete, err)
			}
			// A word whose entries all went may keep no key; one listed
			// must have entries or be gone from both.
			words = slices.DeleteFunc(words, func(w string) bool { return len(want[w]) == 0 })
			if !slices.Equal(words, wantWords) {
				t.Errorf("%s: prefix %q lists %v, want %v", when, prefix, words, wantWords)
			}
			ps, complete, err := tx.PrefixPositions(TextWords, prefix, 1<<20)
			if err != nil || !complete {
				t.Fatalf("%s: prefix %q: %v %v", when, prefix, complete, err)
			}
			sortPos := func(ps []Pos) []Pos {
				slices.SortFunc(ps, Pos.Compare)
				return slices.Compact(ps)
			}
			if got, w := sortPos(ps), sortPos(wantPos); !slices.Equal(got, w) {
				t.Errorf("%s: prefix %q positions %d, want %d", when, prefix, len(got), len(w))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if t.Failed() {
		t.FailNow()
	}
}

// sealedCount is how many segments are sealed (their open keys dropped
// or not), and how many chunks there are.
func sealedCount(t *testing.T, s *Store) (sealed, chunks int) {
	t.Helper()
	_ = s.View(func(tx *Tx) error {
		sealed = len(tx.readSegments())
		chunks = tx.countPrefix(prefixSealedWords[:])
		return nil
	})
	return sealed, chunks
}

func TestSealedSegmentsReadAsTheRecordsSay(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	s := openTemp(t)
	var ms []*Mention
	for range 240 {
		m := &Mention{Title: randomText(r), Text: randomText(r), Author: "Ana", Published: t0.Add(time.Duration(r.IntN(5000)) * time.Minute)}
		ms = append(ms, m)
	}
	putMentions(t, s, ms)
	agree(t, s, r, "after the import")
	if clean, chunks := sealedCount(t, s); clean < 50 || chunks == 0 {
		t.Fatalf("%d segments sealed, %d chunks: the test seals too little", clean, chunks)
	}
	for round := range 4 {
		for range 30 {
			m := ms[r.IntN(len(ms))]
			switch r.IntN(5) {
			case 0: // new words
				m.Text = randomText(r)
			case 1: // another time
				m.Published = t0.Add(time.Duration(r.IntN(5000)) * time.Minute)
			case 2: // words unchanged: a state change
				m.State = StateArchived
			case 3:
				if err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(m.ID) }); err != nil {
					t.Fatal(err)
				}
				continue
			default: // more mentions, in a new segment
				n := &Mention{Text: randomText(r), Published: t0.Add(time.Duration(r.IntN(5000)) * time.Minute)}
				ms = append(ms, n)
				put(t, s, (*Tx).Mentions, n)
				continue
			}
			if err := s.Update(func(tx *Tx) error {
				if _, err := tx.Mentions().Get(m.ID); errors.Is(err, ErrNotFound) {
					return nil // deleted before
				}
				return tx.Mentions().Put(m)
			}); err != nil {
				t.Fatal(err)
			}
		}
		agree(t, s, r, fmt.Sprintf("round %d", round))
	}
}

// indexedTwelve opens a store of segments of 4 ids (the tests' size) with
// 12 mentions an hour apart, all indexed and none sealed, and clears the
// seal hooks when the test ends.
func indexedTwelve(t *testing.T, r *rand.Rand) (*Store, []*Mention) {
	t.Helper()
	sealHooks.afterChunks = nil
	t.Cleanup(func() { sealHooks.afterChunks = nil })
	s := openHeld(t)
	ms := make([]*Mention, 12)
	for i := range ms {
		ms[i] = &Mention{Text: randomText(r), Published: t0.Add(time.Duration(i) * time.Hour)}
	}
	if err := s.Update(func(tx *Tx) error {
		for _, m := range ms {
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *Tx) error {
		_, _, err := tx.indexQueueBatch(s.words.mentions, 100)
		if err != nil {
			return err
		}
		return tx.raiseWordQueueFloor(s.mentionIDs.floor())
	}); err != nil {
		t.Fatal(err)
	}
	return s, ms
}

// changeWhileSealing seals the twelve mentions of indexedTwelve, changing
// mention 6 (segment 1) once the seal of segment 1 wrote its chunks.
func changeWhileSealing(t *testing.T, r *rand.Rand, change func(tx *Tx, m *Mention) error) *Store {
	t.Helper()
	s, ms := indexedTwelve(t, r)
	changed := 0
	sealHooks.afterChunks = func(seg uint32) {
		if seg != 1 {
			return
		}
		changed++
		m := ms[5] // id 6, in segment 1 (ids 4–7)
		if err := s.Update(func(tx *Tx) error { return change(tx, m) }); err != nil {
			t.Error(err)
		}
	}
	if err := s.SealWords(); err != nil {
		t.Fatal(err)
	}
	if changed != 1 {
		t.Fatalf("the hook ran %d times", changed)
	}
	return s
}

// A mention's entries changed between the chunks' snapshot and the seal
// (its words, its time, or it was deleted): the seal is abandoned, its
// chunks dropped, and a later run seals the segment.
func TestASealIsAbandonedWhenAMentionChanges(t *testing.T) {
	for _, change := range []string{"words", "time", "delete"} {
		t.Run(change, func(t *testing.T) { sealAbandoned(t, change) })
	}
}

// changeOne changes mention m in tx: its words, its time, its state and
// sources (a cross-post), or deletes it.
func changeOne(tx *Tx, m *Mention, change string) error {
	switch change {
	case "words":
		m.Text = "mocha only"
	case "time":
		m.Published = m.Published.Add(90 * time.Minute)
	case "delete":
		return tx.Mentions().Delete(m.ID)
	case "state":
		m.SourceIDs = append(m.SourceIDs, 7)
		m.State = StateHandled
	}
	return tx.Mentions().Put(m)
}

func sealAbandoned(t *testing.T, change string) {
	r := rand.New(rand.NewPCG(3, 4))
	s := changeWhileSealing(t, r, func(tx *Tx, m *Mention) error { return changeOne(tx, m, change) })
	err := s.View(func(tx *Tx) error {
		if _, ok, _ := tx.segState(1); ok {
			t.Error("segment 1 is marked after an abandoned seal")
		}
		if st, ok, _ := tx.segState(0); !ok || st.phase != sealCleaning {
			t.Errorf("segment 0: %+v %v, want sealed, its open keys left for the next Open", st, ok)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Segment 1 has no chunk: every chunk key is of segment 0.
	for k := range dump(t, s) {
		if kb := []byte(k); bytes.HasPrefix(kb, prefixSealedWords[:]) {
			end := bytes.IndexByte(kb[2:], 0)
			if seg, _, _ := parseChunkKey(kb, 2+end+1); seg != 0 {
				t.Fatalf("chunk %q of segment %d left", k, seg)
			}
		}
	}
	agree(t, s, r, "after the abandoned seal")
	sealHooks.afterChunks = nil
	if err := s.SealWords(); err != nil {
		t.Fatal(err)
	}
	if clean, _ := sealedCount(t, s); clean != 3 { // ids 1–12: segments 0, 1 and 2
		t.Fatalf("%d segments sealed after the second run, want 3", clean)
	}
	agree(t, s, r, "sealed after all")
}

// A mention changed between the chunks' snapshot and the seal without a
// change to its words (a source added, as a cross-post does): the chunks
// are still exact, and the seal goes on. An import that carried copies of
// a segment's posts gave up its seal, 3 s of work, and sealed it again.
func TestASealGoesOnWhenAMentionChangesButNotItsWords(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	s := changeWhileSealing(t, r, func(tx *Tx, m *Mention) error {
		m.SourceIDs = append(m.SourceIDs, 7)
		m.State = StateHandled
		return tx.Mentions().Put(m)
	})
	if clean, _ := sealedCount(t, s); clean != 3 { // ids 1–12: segments 0, 1 and 2
		t.Fatalf("%d segments sealed after one run, want 3", clean)
	}
	agree(t, s, r, "sealed while a mention changed")
}

// TestChangesAfterASeal: a change to a mention of a segment just sealed,
// whose open keys wait for the next Open, and to one after that Open
// dropped them.
func TestChangesAfterASeal(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, c := range []struct{ change, when string }{
		{"words", "afterFlip"},
		{"time", "afterFlip"},
		{"state", "afterFlip"},
		{"delete", "afterFlip"},
		{"words", "afterReopen"},
		{"time", "afterReopen"},
		{"state", "afterReopen"},
		{"delete", "afterReopen"},
		{"words then state", "afterFlip"},
		{"words then state", "afterReopen"},
		{"delete and put again", "afterFlip"},
		{"delete and put again", "afterReopen"},
	} {
		change := c.change
		t.Run(c.change+" "+c.when, func(t *testing.T) {
			t.Cleanup(func() { sealHooks.afterFlip = nil })
			dir := t.TempDir()
			opt := Options{Logger: quietLogger(), Words: testWords, HoldWordQueue: true}
			s, err := Open(dir, opt)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = s.Close() })
			ms := make([]*Mention, 9)
			for i := range ms {
				ms[i] = &Mention{Text: "cold brew " + randomText(r), Published: t0.Add(time.Duration(i) * time.Hour)}
			}
			hooked := false
			hook := func(seg uint32) {
				if seg != 1 || hooked {
					return
				}
				hooked = true
				m := ms[4] // id 5
				switch change {
				case "words then state": // the second change leaves the words alone
					err := s.Update(func(tx *Tx) error { m.Text = "cold oatmeal only"; return tx.Mentions().Put(m) })
					if err != nil {
						t.Error(err)
					}
					change = "state"
				case "delete and put again": // the same id, words and time again
					err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(m.ID) })
					if err != nil {
						t.Error(err)
					}
					change = "put"
				}
				err := s.Update(func(tx *Tx) error {
					switch change {
					case "words":
						m.Text = "cold oatmeal only" // cold stays, at the same position
					case "time":
						m.Published = t0.Add(-time.Hour)
					case "state":
						m.State = StateArchived
					case "delete":
						return tx.Mentions().Delete(m.ID)
					}
					return tx.Mentions().Put(m)
				})
				if err != nil {
					t.Error(err)
				}
			}
			if c.when == "afterFlip" {
				sealHooks.afterFlip = hook
			}
			putMentions(t, s, ms)
			indexNow(t, s)
			if c.when == "afterReopen" {
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
				if s, err = Open(dir, opt); err != nil {
					t.Fatal(err)
				}
				for k := range dump(t, s) {
					if isTextWordKey([]byte(k)) && binary.BigEndian.Uint32([]byte(k[2:])) < 2 {
						t.Fatalf("open key %q of a sealed segment after the open", k)
					}
				}
				hook(1)
			}
			if !hooked {
				t.Fatal("the seal of segment 1 never reached its flip")
			}
			agree(t, s, r, "after the change")
			if strings.HasPrefix(c.change, "words") {
				if ids := wordIDs(t, s, TextWords, "oatmeal"); !slices.Contains(ids, ms[4].ID) {
					t.Errorf("oatmeal → %v, want mention %d among them", ids, ms[4].ID)
				}
			}
		})
	}
}

// A seal interrupted while it wrote its chunks (a crash) leaves them and
// its marker; the next run drops them and seals again.
func TestAnInterruptedSealIsDoneAgain(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	s, ms := heldHourly(t, r, 8, 20, "")
	if err := s.indexQueued(nil, false); err != nil { // indexed, not sealed
		t.Fatal(err)
	}
	// What a crash leaves: a marker in phase 0 and a chunk that is not
	// right (it names a mention without the word).
	bogus := chunkKey(chunkBase([]byte("zebra")), 1, PosOf(ms[9]))
	err := s.Update(func(tx *Tx) error {
		if err := tx.set(sealStateKey(1), sealState{phase: sealWriting}.encode()); err != nil {
			return err
		}
		return tx.set(bogus, encodeChunk([]Pos{PosOf(ms[9])}))
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(func(tx *Tx) error { // not read: the segment is not sealed
		if ids, _, err := tx.MentionIDs(MentionsWithWord(TextWords, "zebra"), nil, 0); err != nil || len(ids) > 0 {
			t.Errorf("zebra → %v %v before the seal, want nothing", ids, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SealWords(); err != nil {
		t.Fatal(err)
	}
	if _, ok := dump(t, s)[string(bogus)]; ok {
		t.Error("the interrupted seal's chunk is still there")
	}
	if clean, _ := sealedCount(t, s); clean != 2 { // ids 1–20: segments 0 and 1 (2 holds 16–23, not complete)
		t.Errorf("%d segments sealed, want 2", clean)
	}
	agree(t, s, r, "sealed again")
}

// A damaged chunk is reported by the walk and by CheckIndexes, not a
// panic.
func TestADamagedChunkIsReported(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	s, _ := sealedStore(t, r, "latte", 12)
	var k []byte
	for key := range dump(t, s) {
		if strings.HasPrefix(key, "mWlatte\x00") {
			k = []byte(key)
			break
		}
	}
	if k == nil {
		t.Fatal("no chunk of latte")
	}
	if err := s.Update(func(tx *Tx) error { return tx.set(k, binary.AppendUvarint(nil, 3)) }); err != nil {
		t.Fatal(err)
	}
	damageReported(t, s, "latte", "a damaged chunk")
}

// damageReported checks that a walk of word fails with an error and that
// CheckIndexes reports what.
func damageReported(t *testing.T, s *Store, word, what string) {
	t.Helper()
	err := s.View(func(tx *Tx) error {
		it := tx.IterateMentions(MentionsWithWord(TextWords, word))
		defer it.Close()
		for ; it.Valid(); it.Next() {
		}
		if it.Err() == nil {
			t.Errorf("the walk read %s without an error", what)
		}
		// The word ANDed with itself looks up every entry; with each other
		// word, the damage is met in comparisons and seeks too.
		errs := 0
		for _, other := range append([]string{word}, sealedVocabulary...) {
			and, _ := tx.IterateAll([]MentionIndex{MentionsWithWord(TextWords, word), MentionsWithWord(TextWords, other)})
			for ; and.Valid(); and.Next() {
			}
			if and.Err() != nil {
				errs++
			} else if other == word {
				t.Errorf("the walk of %q AND %q read %s without an error", word, other, what)
			}
			and.Close()
		}
		if errs < 2 {
			t.Errorf("%d walks of %q ANDed with another word read %s with an error; want some", errs, word, what)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if problems, err := s.CheckIndexes(); err != nil || len(problems) == 0 {
		t.Errorf("CheckIndexes: %v %v, want %s", problems, err, what)
	}
}

// openHeld opens a store whose word indexer waits for the test to drain
// the queue (and seal) itself.
func openHeld(t testing.TB) *Store {
	t.Helper()
	s, err := Open(t.TempDir(), Options{Logger: quietLogger(), Words: testWords, HoldWordQueue: true})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// A schema 13 folder, every word entry an open key, is sealed when it is
// opened: every complete segment, with the open keys of the mentions past
// them and of those still queued as before.
func TestOpenSealsASchema13Store(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	dir := t.TempDir()
	s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords, HoldWordQueue: true})
	if err != nil {
		t.Fatal(err)
	}
	var ms []*Mention
	for i := range 30 {
		ms = append(ms, &Mention{Text: randomText(r), Title: randomText(r), Published: t0.Add(time.Duration(r.IntN(90)) * time.Hour)})
		_ = i
	}
	putMentions(t, s, ms)
	indexNow(t, s)
	// Back to schema 13: open keys for every indexed mention, no chunk,
	// and two mentions queued again.
	err = s.Update(func(tx *Tx) error {
		return tx.Mentions().Each(func(m *Mention) error {
			for _, k := range s.words.mentions.keys(m, m.ID, true) {
				if isTextWordKey(k) {
					if err := tx.set(k, nil); err != nil {
						return err
					}
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.DropPrefix(prefixSealedWords[:], prefixSealState[:], prefixRanks[:], keySealSegment); err != nil {
		t.Fatal(err)
	}
	more := []*Mention{{Text: "cold brew queued", Published: t0}, {Text: "oat latte queued", Published: t0.Add(time.Hour)}}
	putMentions(t, s, more) // ids 31 and 32, queued
	wordFirst(t, s)
	if err := s.Update(func(tx *Tx) error { return tx.set(keySchema, schemaValue(13)) }); err != nil {
		t.Fatal(err)
	}
	if clean, chunks := sealedCount(t, s); clean != 0 || chunks != 0 {
		t.Fatalf("the schema 13 store has %d sealed segments and %d chunks", clean, chunks)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, Options{Logger: quietLogger(), Words: testWords, HoldWordQueue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	// Sealed at the open: ids 1–30 are below the floor, 31 and 32 queued,
	// so segments 0–6 (ids up to 27); 28–30 keep open keys.
	if clean, _ := sealedCount(t, s); clean != 7 {
		t.Fatalf("%d segments sealed at the open, want 7", clean)
	}
	open := 0
	for k := range dump(t, s) {
		if isTextWordKey([]byte(k)) {
			if id := idFromKey([]byte(k)); id < 28 {
				t.Fatalf("open key %q of mention %d, in a sealed segment", k, id)
			}
			open++
		}
	}
	if open == 0 {
		t.Fatal("no open key left for mentions 28–30")
	}
	checkIndexes(t, s) // 31 and 32 still queued
	agree(t, s, r, "after the migration")
}

// A segment marker that does not decode: CheckIndexes names it, the
// segment's chunks are not read, a change to one of its mentions still
// goes through, and the next seal builds the segment again.
func TestADamagedMarkerIsSealedAgain(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	s, ms := sealedStore(t, r, "mocha", 12)
	if err := s.Update(func(tx *Tx) error { return tx.set(sealStateKey(1), []byte{9}) }); err != nil {
		t.Fatal(err)
	}
	if problems, err := s.CheckIndexes(); err != nil || !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, "marker") }) {
		t.Errorf("CheckIndexes: %v %v, want the damaged marker", problems, err)
	}
	ms[5].Text = "latte only" // id 6, in segment 1
	put(t, s, (*Tx).Mentions, ms[5])
	if err := s.SealWords(); err != nil {
		t.Fatal(err)
	}
	if clean, _ := sealedCount(t, s); clean != 3 {
		t.Fatalf("%d segments sealed, want 3", clean)
	}
	agree(t, s, r, "sealed again")
}

// sealedStore stores n mentions an hour apart, each with word and random
// others, indexes and seals them, and returns the store and the mentions.
func sealedStore(t *testing.T, r *rand.Rand, word string, n int) (*Store, []*Mention) {
	t.Helper()
	s := openHeld(t)
	var ms []*Mention
	for i := range n {
		ms = append(ms, &Mention{Text: word + " " + randomText(r), Published: t0.Add(time.Duration(i) * time.Hour)})
	}
	putMentions(t, s, ms)
	indexNow(t, s)
	return s, ms
}

// wordFirst puts every open text word key in the order schemas 14 and
// older wrote: 'm' 'w' word 0x00 time id, without the segment.
func wordFirst(t *testing.T, s *Store) {
	t.Helper()
	err := s.Update(func(tx *Tx) error {
		for k := range dump(t, s) {
			if !isTextWordKey([]byte(k)) {
				continue
			}
			if err := tx.del([]byte(k)); err != nil {
				return err
			}
			if err := tx.set([]byte(k[:2]+k[6:]), nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestChangedSealedMentionsMoveInTheirChunks: a change of a sealed
// mention's words or time moves its positions in the chunks, in its
// transaction: a word added to every mention of a segment splits a chunk
// past twice chunkLen positions, a time newer than the segment's newest
// moves its marker (a walk opens the segment from there), and one older
// than every chunk gets a chunk of its own.
func TestChangedSealedMentionsMoveInTheirChunks(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	s, ms := heldHourly(t, r, 16, 40, "latte ")
	indexNow(t, s)           // segments 0 (ids 1–15) and 1 (16–31) sealed
	openKeys := func() int { // of segments 0 and 1
		n := 0
		for k := range dump(t, s) {
			if isTextWordKey([]byte(k)) && binary.BigEndian.Uint32([]byte(k[2:])) < 2 {
				n++
			}
		}
		return n
	}
	before := openKeys()
	change := func(when string, fn func(m *Mention)) {
		t.Helper()
		for _, m := range ms[:12] { // in segment 0
			fn(m)
			put(t, s, (*Tx).Mentions, m)
		}
		if n := openKeys(); n != before {
			t.Fatalf("%s: %d open keys in the sealed segments, %d before", when, n, before)
		}
		agree(t, s, r, when)
	}
	change("a word added to all", func(m *Mention) { m.Text += " zebra zebu" })
	change("newer than everything", func(m *Mention) { m.Published = t0.Add(1000 * time.Hour) })
	change("older than everything", func(m *Mention) { m.Published = t0.Add(-1000 * time.Hour) })
	change("words taken out", func(m *Mention) { m.Text = "latte" })
	err := s.View(func(tx *Tx) error {
		it := tx.IterateMentions(MentionsWithWord(TextWords, "latte"))
		defer it.Close()
		if !it.Valid() || it.Pos().ID() != ms[39].ID {
			t.Errorf("the newest latte is not mention 40's")
		}
		return it.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestATrimCutShortIsDoneAgain: a folder from before the caps on words
// (the legacy marker, open keys word first) whose open was cut short right
// after the trim is trimmed and sealed again at the next open.
func TestATrimCutShortIsDoneAgain(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	s, _, opt := heldWith(t, r, 30)
	if err := s.indexQueued(nil, false); err != nil {
		t.Fatal(err)
	}
	wordFirst(t, s) // what a pre-cap folder at schema <= 14 holds
	if err := s.Update(func(tx *Tx) error { return tx.set(keyWords, legacyFingerprint(testWords)) }); err != nil {
		t.Fatal(err)
	}
	// syncWordIndex at schema 15: the trim, then a kill.
	if err := s.trimOversized(s.words); err != nil {
		t.Fatal(err)
	}
	s = reopenAs(t, s, opt)
	if problems, err := s.CheckIndexes(); err != nil || len(problems) > 0 {
		t.Fatalf("CheckIndexes: %d problems, e.g. %v %v", len(problems), problems[:min(3, len(problems))], err)
	}
	agree(t, s, r, "after the open")
}

// TestOpenRegroupsASchema14Store: a schema 14 folder, its complete
// segments sealed and its open keys word first, has them grouped by
// segment at the open. A change of a sealed mention's words at 14 wrote
// its new entries as open keys: that segment is sealed again from the
// records. Its newest mentions deleted, a folder has a sealed segment past
// the complete ones, whose mentions get no open keys.
func TestOpenRegroupsASchema14Store(t *testing.T) {
	for _, c := range []struct {
		name    string
		gone    []uint64 // deleted at 14
		changed uint64   // a sealed mention whose words changed at 14
		open    []uint32 // the segments left with open keys
	}{
		{"complete segments sealed", nil, 5, []uint32{7}},
		{"the newest deleted", []uint64{26, 27, 28, 29, 30}, 25, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(13, 14))
			s, dir, opt := heldWith(t, r, 30)
			indexNow(t, s) // segments 0–6 (ids up to 27) sealed
			for _, id := range c.gone {
				if err := s.Update(func(tx *Tx) error { return tx.Mentions().Delete(id) }); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(); err != nil { // the open keys of the sealed segments dropped
				t.Fatal(err)
			}
			s, err := Open(dir, opt)
			if err != nil {
				t.Fatal(err)
			}
			m := get(t, s, (*Tx).Mentions, c.changed)
			var moved []byte
			for _, k := range s.words.mentions.keys(&m, c.changed, true) {
				if isTextWordKey(k) {
					moved = k
					break
				}
			}
			err = s.Update(func(tx *Tx) error {
				it := tx.txn.NewIterator(badger.IteratorOptions{Reverse: true, Prefix: prefixSealedWords[:]})
				defer it.Close()
				if err := tx.unsealEntry(it, s.segmentOf(c.changed), moved); err != nil {
					return err
				}
				return tx.set(moved, nil)
			})
			if err != nil {
				t.Fatal(err)
			}
			wordFirst(t, s)
			if err := s.Update(func(tx *Tx) error { return tx.set(keySchema, schemaValue(14)) }); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if s, err = Open(dir, opt); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = s.Close() })
			if v, err := s.schemaVersion(); err != nil || v != SchemaVersion {
				t.Fatalf("schema %d (%v) after the open, want %d", v, err, SchemaVersion)
			}
			if sealed, _ := sealedCount(t, s); sealed != 7 {
				t.Fatalf("%d segments sealed after the open, want 7", sealed)
			}
			var open []uint32
			for k := range dump(t, s) {
				if isTextWordKey([]byte(k)) {
					seg := binary.BigEndian.Uint32([]byte(k[2:]))
					if seg != s.segmentOf(idFromKey([]byte(k))) {
						t.Fatalf("open key %q under segment %d", k, seg)
					}
					if !slices.Contains(open, seg) {
						open = append(open, seg)
					}
				}
			}
			if !slices.Equal(open, c.open) {
				t.Errorf("open keys in segments %v, want %v", open, c.open)
			}
			checkIndexes(t, s)
			agree(t, s, r, "after the migration")
		})
	}
}

// heldWith opens a store in a new folder, its word queue held, with n
// mentions of random words at random times (not indexed yet).
func heldWith(t *testing.T, r *rand.Rand, n int) (*Store, string, Options) {
	t.Helper()
	dir := t.TempDir()
	opt := Options{Logger: quietLogger(), Words: testWords, HoldWordQueue: true}
	s, err := Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	ms := make([]*Mention, n)
	for i := range ms {
		ms[i] = &Mention{Text: randomText(r), Title: randomText(r), Published: t0.Add(time.Duration(r.IntN(90)) * time.Hour)}
	}
	putMentions(t, s, ms)
	return s, dir, opt
}

// heldHourly opens a store with segments of segment ids, its word queue
// held, and puts n mentions an hour apart from t0, of random words after
// lead (not indexed yet).
func heldHourly(t *testing.T, r *rand.Rand, segment uint64, n int, lead string) (*Store, []*Mention) {
	t.Helper()
	s := openHeld(t)
	setSegment(s, segment)
	ms := make([]*Mention, n)
	for i := range ms {
		ms[i] = &Mention{Text: lead + randomText(r), Published: t0.Add(time.Duration(i) * time.Hour)}
	}
	putMentions(t, s, ms)
	return s, ms
}

// reopenAs closes the store and opens its folder again with opt.
func reopenAs(t *testing.T, s *Store, opt Options) *Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(s.Dir(), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// wordsOfScan collects what a word walk gives, copied.
func wordsOfScan(t *testing.T, each func(fn func(word []byte, ps []Pos) error) error) map[string][]Pos {
	t.Helper()
	got := map[string][]Pos{}
	if err := each(func(word []byte, ps []Pos) error {
		got[string(word)] = append([]Pos(nil), ps...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

// The seal's one scan of a segment's open keys gives each word the
// positions a second scan reads; a key of a mention at a second position
// (no build writes one) makes it read them with the second scan.
func TestOneScanOfASegmentReadsWhatTwoDo(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	s, ms := heldHourly(t, r, 8, 8, "mocha ")
	if err := s.Update(func(tx *Tx) error {
		if _, _, err := tx.indexQueueBatch(s.words.mentions, 100); err != nil {
			return err
		}
		return tx.raiseWordQueueFloor(s.mentionIDs.floor())
	}); err != nil {
		t.Fatal(err)
	}
	scan := func() (openScan, map[string][]Pos) {
		var sc openScan
		var two map[string][]Pos
		err := s.View(func(tx *Tx) (err error) {
			if sc, err = tx.openTable(0); err != nil {
				return err
			}
			two = wordsOfScan(t, func(fn func(word []byte, ps []Pos) error) error { return tx.eachOpenWord(0, fn) })
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return sc, two
	}
	sc, two := scan()
	if !sc.whole || len(two) < 2 || len(two["mocha"]) != 7 { // ids 1–7
		t.Fatalf("whole %v, %d words, mocha at %d positions", sc.whole, len(two), len(two["mocha"]))
	}
	if one := wordsOfScan(t, sc.eachWord); !reflect.DeepEqual(one, two) {
		t.Fatalf("one scan gives\n%v\ntwo give\n%v", one, two)
	}
	// Mention 3 at a second time, under its word "mocha".
	odd := PosOf(ms[2])
	odd[7]++
	if err := s.Update(func(tx *Tx) error {
		return tx.set(append(append(textSegPrefix(0), "mocha"...), append([]byte{0}, odd[:]...)...), nil)
	}); err != nil {
		t.Fatal(err)
	}
	if sc, two = scan(); sc.whole || len(two["mocha"]) != 8 {
		t.Fatalf("with a second position: whole %v, mocha at %d positions", sc.whole, len(two["mocha"]))
	}
	if err := s.SealWords(); err != nil {
		t.Fatal(err)
	}
	err := s.View(func(tx *Tx) error {
		ps, _, err := tx.sealedPrefixPositions(nil, []byte("mocha"), 100)
		if err != nil {
			return err
		}
		if !slices.Contains(ps, odd) || len(ps) != 8 {
			t.Errorf("sealed mocha at %d positions, the odd one among them: %v", len(ps), slices.Contains(ps, odd))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// agreeAnd checks IterateAll against the intersection of the words'
// entries from the records, for every pair of words, some triples and a
// word with itself: walked whole, and with seeks ever older.
func agreeAnd(t *testing.T, tx *Tx, want map[string][]Pos, r *rand.Rand, when string) {
	t.Helper()
	var sets [][]string
	for i, a := range sealedVocabulary {
		for _, b := range sealedVocabulary[i+1:] {
			sets = append(sets, []string{a, b})
		}
	}
	for range 12 {
		sets = append(sets, []string{sealedVocabulary[r.IntN(len(sealedVocabulary))], sealedVocabulary[r.IntN(len(sealedVocabulary))], sealedVocabulary[r.IntN(len(sealedVocabulary))]})
	}
	sets = append(sets, []string{"mocha", "mocha"})
	for _, words := range sets {
		all := want[words[0]]
		var ixs []MentionIndex
		for _, w := range words {
			ixs = append(ixs, MentionsWithWord(TextWords, w))
			all = slices.DeleteFunc(slices.Clone(all), func(p Pos) bool { return !slices.Contains(want[w], p) })
		}
		var got []Pos
		walkErr := func() error {
			it, ok := tx.IterateAll(ixs)
			if !ok {
				return errors.New("not a walk")
			}
			defer it.Close()
			for ; it.Valid(); it.Next() {
				got = append(got, it.Pos())
			}
			return it.Err()
		}()
		if walkErr != nil {
			t.Fatalf("%s: %v: %v", when, words, walkErr)
		}
		if !slices.Equal(got, all) {
			t.Fatalf("%s: %v walks %d positions, want %d:\n%v\n%v", when, words, len(got), len(all), got, all)
		}
		if len(all) == 0 {
			continue
		}
		// Seek targets: entries of any of the words (where only some have
		// one), the positions just before them, and newer than the walk.
		var targets []Pos
		for _, w := range words {
			targets = append(targets, want[w]...)
		}
		and, _ := tx.IterateAll(ixs)
		if msg := seeksAgree(and, all, targets, r); msg != "" {
			t.Fatalf("%s: %v %s", when, words, msg)
		}
	}
}

// walk is what MentionIter and AndIter share.
type walk interface {
	Valid() bool
	Pos() Pos
	Next()
	Seek(p Pos)
	Err() error
	Close()
}

// seeksAgree goes through a walk whose entries are all with seeks to
// random targets, ever older as a join's are, and some steps, closes it,
// and says where it went wrong ("" when nowhere). Targets are taken near
// the walk's entries and from targets, or just before them.
func seeksAgree(it walk, all, targets []Pos, r *rand.Rand) string {
	defer it.Close()
	for step := 0; it.Valid() && step < 400; step++ {
		cur := it.Pos()
		i := slices.Index(all, cur)
		if i < 0 {
			return fmt.Sprintf("at %v, not a mention of every word", cur)
		}
		var target Pos
		switch r.IntN(4) {
		case 0: // one of the AND's mentions a little older
			target = all[min(len(all)-1, i+r.IntN(6))]
		case 1: // newer than where it is: it stays
			target = all[max(0, i-1-r.IntN(3))]
		default: // where one of the words has an entry, or just before it
			target = targets[r.IntN(len(targets))]
		}
		if r.IntN(2) == 0 {
			target, _ = target.before()
		}
		e := slices.IndexFunc(all, func(p Pos) bool { return p.Compare(target) <= 0 })
		if cur.Compare(target) <= 0 {
			e = i // Seek never moves back
		}
		it.Seek(target)
		switch {
		case e < 0 && it.Valid():
			return fmt.Sprintf("seek to %v past the oldest at %v", target, it.Pos())
		case e >= 0 && (!it.Valid() || it.Pos() != all[e]):
			return fmt.Sprintf("seek to %v: at %v (valid %v), want %v", target, it.Pos(), it.Valid(), all[e])
		}
		if r.IntN(3) == 0 {
			it.Next()
		}
	}
	if err := it.Err(); err != nil {
		return err.Error()
	}
	return ""
}
