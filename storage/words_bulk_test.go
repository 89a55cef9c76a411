package storage

import (
	"math/rand/v2"
	"testing"
	"time"
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

// bulkState reports what the word index of a bulk store holds: the open
// text word keys, the queued mentions, the sealed segments and whether a
// void range is written.
func bulkState(t *testing.T, s *Store) (open, queued, sealed int, void bool) {
	t.Helper()
	err := s.View(func(tx *Tx) (err error) {
		p := wordPrefixes[TextWords]
		open = tx.countPrefix(p[:])
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
	agree(t, s, r, "after the import")
	if open, queued, _, _ := bulkState(t, s); queued != 0 || open == 0 {
		t.Fatalf("after IndexQueuedWords: %d open keys, %d queued; want segment 2's open keys, none queued", open, queued)
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
		sealHooks.afterFlip = func(seg uint32) {
			if seg != 1 {
				return
			}
			sealHooks.afterFlip = nil
			close(stop) // the indexer stops before it drains the range
		}
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
		if err := s.Update(func(tx *Tx) error {
			if err := tx.Mentions().Put(ms[4]); err != nil {
				return err
			}
			if err := tx.Mentions().Put(ms[6]); err != nil {
				return err
			}
			return tx.Mentions().Delete(ms[5].ID)
		}); err != nil {
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
			sealHooks.afterChunks = func(seg uint32) {
				if seg != 1 {
					return
				}
				sealHooks.afterChunks = nil
				// Mention 5, queued, in segment 1.
				if err := s.Update(func(tx *Tx) error { return changeOne(tx, ms[4], c.change) }); err != nil {
					t.Error(err)
				}
			}
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

// An import waits for the segment it fills only once it has stored at
// least as much as the segment still lacks: one that will probably end
// first is indexed as it goes, on the other processor, rather than at
// its end.
func TestAnImportWaitsOnlyForASegmentItWillFill(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 4))
	s, _ := openBulk(t, r, 2) // ids 1–2 of a segment of 16 (0–15): 13 to come, 2 stored
	setSegment(s, 16)
	if err := s.indexQueued(nil, true); err != nil {
		t.Fatal(err)
	}
	if open, queued, _, _ := bulkState(t, s); queued != 0 || open == 0 {
		t.Fatalf("2 of 16 stored: %d queued, %d open keys; want them indexed", queued, open)
	}
	ms := make([]*Mention, 8) // ids 3–10: 5 to come, 10 stored
	for i := range ms {
		ms[i] = &Mention{Text: randomText(r), Published: t0.Add(time.Duration(i) * time.Minute)}
	}
	putMentions(t, s, ms)
	if err := s.indexQueued(nil, true); err != nil {
		t.Fatal(err)
	}
	if _, queued, _, _ := bulkState(t, s); queued != 8 {
		t.Fatalf("10 of 16 stored: %d queued, want 8 (waiting for the segment)", queued)
	}
	agree(t, s, r, "at the command's end")
}
