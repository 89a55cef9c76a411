package storage

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// openBulk opens a store as `rapport ingest` does (BulkWords), its word
// queue drained only when the test says, and puts n mentions an hour apart
// (ids 1…n; segments of 4 ids).
func openBulk(t *testing.T, r *rand.Rand, n int) (*Store, []*Mention) {
	t.Helper()
	sealHooks.afterChunks, sealHooks.afterFlip = nil, nil
	t.Cleanup(func() { sealHooks.afterChunks, sealHooks.afterFlip = nil, nil })
	s, err := Open(t.TempDir(), Options{Logger: quietLogger(), Words: testWords, HoldWordQueue: true, BulkWords: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	ms := make([]*Mention, n)
	for i := range ms {
		ms[i] = &Mention{Title: randomText(r), Text: randomText(r), Author: "Ana Lima", Published: t0.Add(time.Duration(i) * time.Hour)}
	}
	putMentions(t, s, ms)
	return s, ms
}

// onceAt sets the seal hook *hook to run fn once, at segment seg.
func onceAt(hook *func(seg uint32), seg uint32, fn func()) {
	*hook = func(at uint32) {
		if at == seg {
			*hook = nil
			fn()
		}
	}
}

// putAndDelete puts ms and deletes mention del in one transaction.
func putAndDelete(t *testing.T, s *Store, ms []*Mention, del uint64) {
	t.Helper()
	err := s.Update(func(tx *Tx) error {
		for _, m := range ms {
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
		}
		return tx.Mentions().Delete(del)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// bulkState reports what the word index of a bulk store holds: the open
// text word keys, the queued mentions, the sealed segments and whether a
// void range is written.
func bulkState(t *testing.T, s *Store) (open, queued, sealed int, void bool) {
	t.Helper()
	err := s.View(func(tx *Tx) (err error) {
		// Open keys read: a sealed segment's wait for the next Open.
		p := wordPrefixes[TextWords]
		it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p[:]})
		for it.Rewind(); it.Valid(); it.Next() {
			if _, sealed := tx.readSegments()[binary.BigEndian.Uint32(it.Item().Key()[2:])]; !sealed {
				open++
			}
		}
		it.Close()
		queued = tx.countWordQueue()
		sealed = len(tx.readSegments())
		_, _, void, err = tx.queueVoid()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return open, queued, sealed, void
}

// An import seals each segment it completes from the records, without
// writing its open keys, and leaves the segment it is still filling
// queued; a command's end (IndexQueuedWords) indexes that one as usual.
func TestAnImportSealsFromTheRecords(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 1))
	s, _ := openBulk(t, r, 10) // ids 1–10: segments 0 (1–3), 1 (4–7), 2 (8–10, not complete)
	if err := s.indexQueued(nil, true); err != nil {
		t.Fatal(err)
	}
	open, queued, sealed, void := bulkState(t, s)
	if open != 0 || queued != 3 || sealed != 2 || void {
		t.Fatalf("after the import's indexer: %d open keys, %d queued, %d segments sealed, void range %v; want 0, 3 (ids 8–10), 2, none", open, queued, sealed, void)
	}
	checkIndexes(t, s)
	if problems, err := s.CheckIndexes(); err != nil || len(problems) > 0 {
		t.Fatalf("CheckIndexes: %v %v", problems, err)
	}
	agree(t, s, r, "after the import") // the command's end: segment 2's part is sealed
	if open, queued, sealed, _ := bulkState(t, s); queued != 0 || open != 0 || sealed != 3 {
		t.Fatalf("after IndexQueuedWords: %d open keys, %d queued, %d sealed; want none, none, 3 (segment 2's part)", open, queued, sealed)
	}
}

// While the void range is written — the chunks sealed, the queue entries
// of their mentions not drained yet — the index reads as the records say,
// a change or a deletion of such a mention moves its words in the chunks,
// and the range survives a reopen.
func TestTheVoidRangeReadsAsTheRecordsSay(t *testing.T) {
	for _, then := range []string{"", "reopen", "rebuild"} {
		r := rand.New(rand.NewPCG(21, 2))
		s, ms := openBulk(t, r, 10)
		stop := make(chan struct{})
		onceAt(&sealHooks.afterFlip, 1, func() { close(stop) }) // the indexer stops before it drains the range
		if err := s.indexQueued(stop, true); err != nil {
			t.Fatal(err)
		}
		if _, queued, sealed, void := bulkState(t, s); !void || sealed != 2 || queued != 7 {
			t.Fatalf("stopped after the flip: void %v, %d sealed, %d queued; want a void range, 2, 7", void, sealed, queued)
		}
		checkIndexes(t, s)
		switch then {
		case "reopen":
			s = reopenAs(t, s, Options{Logger: quietLogger(), Words: testWords, HoldWordQueue: true, BulkWords: true})
			checkIndexes(t, s)
		case "rebuild": // a new splitter or a repair: the range goes with the chunks
			if err := s.rebuildWordIndex(s.words); err != nil {
				t.Fatal(err)
			}
			if _, queued, _, void := bulkState(t, s); void || queued != 0 {
				t.Fatalf("rebuilt: void range %v, %d queued; want none", void, queued)
			}
			checkIndexes(t, s)
		}
		// Mentions 5–7 are queued in the void range.
		ms[4].Text = "mocha only"
		ms[6].State = StateHandled
		putAndDelete(t, s, []*Mention{ms[4], ms[6]}, ms[5].ID)
		// Written back under its id, as a restore of one record does:
		// queued again, its words in the chunks as the range says.
		if err := s.Update(func(tx *Tx) error { return tx.Mentions().Put(ms[5]) }); err != nil {
			t.Fatal(err)
		}
		checkIndexes(t, s)
		if problems, err := s.CheckIndexes(); err != nil || len(problems) > 0 {
			t.Fatalf("CheckIndexes in the void range: %v %v", problems, err)
		}
		if err := s.indexQueued(nil, true); err != nil {
			t.Fatal(err)
		}
		// Reopened, the store handed out no id yet: it indexes segment 2
		// as usual instead of waiting for an import to fill it.
		if open, queued, sealed, void := bulkState(t, s); then == "" && (void || sealed != 2 || queued != 3 || open != 0) {
			t.Fatalf("drained: void %v, %d sealed, %d queued, %d open keys; want none, 2, 3, 0", void, sealed, queued, open)
		}
		agree(t, s, r, "after the void range")
	}
}

// A queued mention changed between the seal's snapshot and its flip: if
// its words changed, the seal from the records gives up and the segment is
// indexed one mention at a time; if only its state did (a cross-post adds
// a source), the seal goes on.
func TestASealFromTheRecordsChecksTheQueue(t *testing.T) {
	for _, c := range []struct {
		change string
		sealed bool
	}{{"words", false}, {"time", false}, {"delete", false}, {"state", true}} {
		t.Run(c.change, func(t *testing.T) {
			r := rand.New(rand.NewPCG(21, 3))
			s, ms := openBulk(t, r, 10)
			onceAt(&sealHooks.afterChunks, 1, func() {
				// Mention 5, queued, in segment 1.
				if err := s.Update(func(tx *Tx) error { return changeOne(tx, ms[4], c.change) }); err != nil {
					t.Error(err)
				}
			})
			if err := s.indexQueued(nil, true); err != nil {
				t.Fatal(err)
			}
			open, _, _, _ := bulkState(t, s)
			if got := open == 0; got != c.sealed {
				t.Fatalf("%d open keys after the indexer: sealed from the records %v, want %v", open, got, c.sealed)
			}
			agree(t, s, r, "after the seal")
		})
	}
}

// An import that finds open keys in the segment it fills (a window indexed
// its first mentions) waits for it only once it has stored at least as
// much as the segment still lacks: one that will probably end first is
// indexed as it goes, on the other processor, rather than at its end.
func TestAnImportWaitsOnlyForASegmentItWillFill(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 4))
	s, _ := openBulk(t, r, 0)
	setSegment(s, 16)
	s.bulkWords = false // a window: ids 1–2 indexed as open keys
	more := func(n int) {
		ms := make([]*Mention, n)
		for i := range ms {
			ms[i] = &Mention{Text: randomText(r), Published: t0.Add(time.Duration(i) * time.Minute)}
		}
		putMentions(t, s, ms)
	}
	more(2)
	indexNow(t, s)
	s.bulkWords = true
	more(1) // id 3: 12 to come, 3 stored
	if err := s.indexQueued(nil, true); err != nil {
		t.Fatal(err)
	}
	if _, queued, _, _ := bulkState(t, s); queued != 0 {
		t.Fatalf("3 of 16 stored: %d queued; want them indexed", queued)
	}
	more(7) // ids 4–10: 5 to come, 10 stored
	if err := s.indexQueued(nil, true); err != nil {
		t.Fatal(err)
	}
	if _, queued, _, _ := bulkState(t, s); queued != 7 {
		t.Fatalf("10 of 16 stored: %d queued, want 7 (waiting for the segment)", queued)
	}
	agree(t, s, r, "at the command's end") // with open keys: drained, no part
	if open, queued, sealed, _ := bulkState(t, s); queued != 0 || open == 0 || sealed != 0 {
		t.Fatalf("at the end: %d open keys, %d queued, %d sealed; want open keys only", open, queued, sealed)
	}
}

// An import's end seals the part of a segment it filled; the next import
// replaces it by a larger part, and the one that completes the segment by
// the segment. In between, a window changes, deletes and adds mentions of
// the segment: those of the part move in its chunks, new ones get open
// keys, and the segment, once complete, is sealed from the records too.
func TestPartsOfASegment(t *testing.T) {
	for _, completes := range []string{"import", "window"} {
		t.Run(completes, func(t *testing.T) {
			r := rand.New(rand.NewPCG(21, 5))
			s, ms := openBulk(t, r, 0)
			setSegment(s, 16)
			more := func(n int) {
				for range n {
					m := &Mention{Title: randomText(r), Text: randomText(r), Published: t0.Add(time.Duration(r.IntN(900)) * time.Minute)}
					ms = append(ms, m)
				}
				putMentions(t, s, ms[len(ms)-n:])
			}
			state := func(when string, wantOpen bool, wantSealed int) {
				t.Helper()
				open, queued, sealed, void := bulkState(t, s)
				if queued != 0 || void || (open > 0) != wantOpen || sealed != wantSealed {
					t.Fatalf("%s: %d open keys, %d queued, %d sealed, void %v; want open keys %v, none queued, %d sealed", when, open, queued, sealed, void, wantOpen, wantSealed)
				}
				agree(t, s, r, when)
			}
			more(6) // ids 1–6
			indexNow(t, s)
			state("a part of 1–6", false, 1)
			more(3) // ids 7–9
			indexNow(t, s)
			state("a part of 1–9", false, 1)
			// A window: a change and a deletion in the part, a new mention.
			s.bulkWords = false
			ms[2].Text = "mocha only"
			ms[4].Published = ms[4].Published.Add(3 * time.Hour)
			putAndDelete(t, s, []*Mention{ms[2], ms[4]}, ms[6].ID)
			more(2) // ids 10–11, open keys
			indexNow(t, s)
			state("the window's changes", true, 1)
			s.bulkWords = completes == "import"
			more(6) // ids 12–17: segment 0 (0–15) complete, 16–17 of segment 1
			indexNow(t, s)
			if completes == "import" {
				state("segment 0 sealed, a part of segment 1", false, 2)
			} else {
				state("segment 0 sealed", true, 1)
			}
		})
	}
}

// The drain of a void range writes a queued mention's author words as the
// seal read them, unless the mention changed since: then from its record.
func TestTheVoidRangeDrainSeesAChangeSinceTheSeal(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 6))
	s, ms := openBulk(t, r, 10)
	onceAt(&sealHooks.afterFlip, 1, func() {
		ms[4].Author = "Zoë Quintero" // id 5, queued in the void range
		if err := s.Update(func(tx *Tx) error { return tx.Mentions().Put(ms[4]) }); err != nil {
			t.Error(err)
		}
	})
	if err := s.indexQueued(nil, true); err != nil {
		t.Fatal(err)
	}
	checkIndexes(t, s)
	if got := wordIDs(t, s, AuthorWords, "quintero"); len(got) != 1 {
		t.Fatalf("the new author's word finds %v, want mention 5", got)
	}
	agree(t, s, r, "drained")
}

// A seal from the records of a segment sealed meanwhile (the window's
// indexer and an import's end both seal) leaves it as it is: it dropped
// the segment's chunks before it wrote them again.
func TestASealFromTheRecordsLeavesASealedSegment(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 7))
	s, ms := openBulk(t, r, 10)
	if err := s.indexQueued(nil, true); err != nil {
		t.Fatal(err)
	}
	// Had it gone on, a change while it wrote would have made it give up
	// and leave the segment with neither chunks nor open keys.
	onceAt(&sealHooks.afterChunks, 0, func() {
		if err := s.Update(func(tx *Tx) error { return changeOne(tx, ms[1], "words") }); err != nil {
			t.Error(err)
		}
	})
	s.wordsMu.Lock()
	err := s.sealQueued(0, ^uint64(0), nil)
	s.wordsMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	agree(t, s, r, "sealed twice")
}

// A backup taken while a part's void range is still being drained
// restores to a folder that reads as the records say, and whose indexer
// goes on from there.
func TestABackupHoldsAPartAndItsVoidRange(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 9))
	t.Cleanup(func() { sealHooks.afterChunks, sealHooks.afterFlip = nil, nil })
	// Segments of 16, kept by the folder (setSegment would not be).
	s, err := Open(t.TempDir(), Options{Logger: quietLogger(), Words: testWords, HoldWordQueue: true, BulkWords: true, SealedSegment: 16})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	ms := make([]*Mention, 10)
	for i := range ms {
		ms[i] = &Mention{Title: randomText(r), Text: randomText(r), Author: "Ana Lima", Published: t0.Add(time.Duration(i) * time.Hour)}
	}
	putMentions(t, s, ms)
	stop := make(chan struct{})
	onceAt(&sealHooks.afterFlip, partialA, func() { close(stop) })
	if err := s.indexQueued(stop, false); err != nil { // a command's end: a part, then stopped
		t.Fatal(err)
	}
	if _, queued, sealed, void := bulkState(t, s); !void || sealed != 1 || queued != 10 {
		t.Fatalf("before the backup: void %v, %d sealed, %d queued; want a part and its void range", void, sealed, queued)
	}
	file := filepath.Join(t.TempDir(), "b.rapport")
	if _, err := s.BackupToFile(file); err != nil {
		t.Fatal(err)
	}
	want := dump(t, s)
	dir := filepath.Join(t.TempDir(), "restored")
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err = Restore(dir, f, Options{Logger: quietLogger(), Words: testWords}); err != nil {
		t.Fatal(err)
	}
	rs, err := Open(dir, Options{Logger: quietLogger(), Words: testWords, HoldWordQueue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = rs.Close() })
	sameDump(t, want, dump(t, rs))
	checkIndexes(t, rs)
	agree(t, rs, r, "restored, then drained")
	if open, queued, sealed, void := bulkState(t, rs); void || queued != 0 || sealed != 1 || open != 0 {
		t.Fatalf("restored and drained: void %v, %d queued, %d sealed, %d open keys; want the part only", void, queued, sealed, open)
	}
}

// The part an import replaces is dropped by the list of its keys, the
// chunk a change wrote in it after its seal among them, without reading
// every chunk of the index; a part with no list (sealed by schema 17) is
// dropped by reading them, as before. Either way none of its keys is left
// (checkIndexes names a chunk without a marker, and a key a list lacks).
func TestAPartReplacedIsDroppedByItsList(t *testing.T) {
	for _, listed := range []bool{true, false} {
		t.Run(fmt.Sprintf("listed=%v", listed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(21, 9))
			s, ms := openBulk(t, r, 0)
			setSegment(s, 16)
			more := func(n int) {
				for range n {
					ms = append(ms, &Mention{Title: randomText(r), Text: randomText(r), Published: t0.Add(time.Duration(r.IntN(900)) * time.Minute)})
				}
				putMentions(t, s, ms[len(ms)-n:])
			}
			more(6) // ids 1–6
			indexNow(t, s)
			part := uint32(partialA)
			if err := s.View(func(tx *Tx) error {
				if _, ok := tx.readSegments()[part]; !ok {
					t.Fatalf("no part %#x after the first import", part)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			s.bulkWords = false // a window changes a mention of the part: a word new to it
			ms[2].Text = "zanzibar only"
			putMentions(t, s, ms[2:3])
			s.bulkWords = true
			agree(t, s, r, "a change in the part")
			if !listed {
				if err := s.Update(func(tx *Tx) error { return tx.del(partListKey(part)) }); err != nil {
					t.Fatal(err)
				}
			}
			before := chunkScans.Load()
			more(3) // ids 7–9: the part of 1–9 replaces that of 1–6
			indexNow(t, s)
			scans := chunkScans.Load() - before
			if listed && scans > 0 || !listed && scans == 0 {
				t.Errorf("the drop of the part replaced read every chunk %d times; listed %v", scans, listed)
			}
			err := s.View(func(tx *Tx) error {
				for _, p := range [][]byte{partListKey(part), rankSegPrefix(part), sealStateKey(part)} {
					if keys := tx.keysUnder(p); len(keys) > 0 {
						t.Errorf("the part replaced left %d keys under %q", len(keys), p)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			agree(t, s, r, "the part replaced")
			if got := wordIDs(t, s, TextWords, "zanzibar"); !slices.Equal(got, []uint64{ms[2].ID}) {
				t.Errorf("the word the change added finds %v, want [%d]", got, ms[2].ID)
			}
		})
	}
}

// A damaged list is not trusted: a listed key that is not the part's (a
// record's, or none at all) makes the drop read every chunk instead, and
// nothing but the part's keys goes.
func TestADamagedPartListIsNotTrusted(t *testing.T) {
	for _, damage := range []string{"a record's key", "an empty key", "a piece"} {
		t.Run(damage, func(t *testing.T) {
			r := rand.New(rand.NewPCG(21, 10))
			s, ms := openBulk(t, r, 0)
			setSegment(s, 16)
			for range 9 {
				ms = append(ms, &Mention{Title: randomText(r), Text: randomText(r), Published: t0.Add(time.Duration(r.IntN(900)) * time.Minute)})
			}
			putMentions(t, s, ms[:6]) // ids 1–6
			indexNow(t, s)
			part := uint32(partialA)
			err := s.Update(func(tx *Tx) error {
				switch damage {
				case "a record's key":
					return tx.set(partExtraKey(part, recordKey(tx.Mentions().def.prefix, ms[0].ID)), nil)
				case "an empty key":
					return tx.set(partExtraKey(part, nil), nil)
				default:
					v := binary.AppendUvarint(nil, 3)
					return tx.set(partPieceKey(part, 0), append(v, 'm', 't', 0))
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			before := chunkScans.Load()
			putMentions(t, s, ms[6:]) // ids 7–9: the part of 1–9 replaces that of 1–6
			indexNow(t, s)
			if chunkScans.Load() == before {
				t.Error("the drop trusted a damaged list")
			}
			if err := s.View(func(tx *Tx) error {
				_, err := tx.Mentions().Get(ms[0].ID)
				return err
			}); err != nil {
				t.Fatalf("mention 1 after the drop: %v", err)
			}
			agree(t, s, r, "the part replaced")
		})
	}
}
