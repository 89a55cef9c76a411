package storage

import (
	"bytes"
	"encoding/binary"
	"io"
	"log/slog"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
)

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// openTemp opens a store in a fresh temporary folder and closes it at the
// end of the test.
func openTemp(t testing.TB) *Store {
	t.Helper()
	return openTempWith(t, testWords)
}

// openTempWith opens an empty store with the word splitter w.
func openTempWith(t testing.TB, w Words) *Store {
	t.Helper()
	s, err := Open(t.TempDir(), Options{Logger: quietLogger(), Words: w})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// openWithTables stores ms in a fresh folder, indexes their words and
// reopens it, so that they are read from table files and no background
// commit follows; it returns the store and its folder.
func openWithTables(t testing.TB, ms []*Mention) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	putMentions(t, s, ms)
	if err := s.IndexQueuedWords(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil { // the memtables become table files
		t.Fatal(err)
	}
	if s, err = Open(dir, Options{Logger: quietLogger(), Words: testWords}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, dir
}

// dump returns every live key and value in the store.
func dump(t testing.TB, s *Store) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			out[string(it.Item().KeyCopy(nil))] = v
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// isIndexKey tells index entries (two lower-case letters) from records,
// memos and metadata.
func isIndexKey(k string) bool {
	return len(k) > 2 && k[0] >= 'a' && k[0] <= 'w' && k[1] >= 'a' && k[1] <= 'z'
}

// checkIndexes recomputes every index entry from the stored records and
// fails unless the store holds exactly those entries: none missing, none
// stale. A mention queued for the word indexer has no word entries yet,
// and every queue entry belongs to a mention (words_queue.go). Records and
// keys are read in one snapshot, so a running word indexer cannot make it
// flaky.
func checkIndexes(t testing.TB, s *Store) {
	t.Helper()
	want, got := map[string]bool{}, map[string]bool{}
	err := s.View(func(tx *Tx) error {
		queued := map[uint64]bool{}
		ps, err := tx.QueuedWords()
		if err != nil {
			return err
		}
		for _, p := range append(wordQueueFloorProblems(tx), partListProblems(tx)...) {
			t.Error(p)
		}
		cp, err := counterProblems(tx)
		if err != nil {
			return err
		}
		for _, p := range cp {
			t.Error(p)
		}
		for _, p := range ps {
			queued[p.ID()] = true
		}
		mentions := tx.Mentions()
		err = mentions.Each(func(m *Mention) error {
			for _, k := range mentions.def.keys(m, m.ID, false) {
				want[string(k)] = true
			}
			if queued[m.ID] {
				delete(queued, m.ID)
				if got := PosOf(m); !slices.Contains(ps, got) {
					t.Errorf("mention %d is queued at another position than %x", m.ID, got)
				}
				// In the void range its text words are in its chunks
				// already (words_bulk.go).
				if void, err := tx.inQueueVoid(m.ID); err != nil || !void {
					return err
				}
				_, words := splitTextWords(mentions.def.keys(m, m.ID, true))
				for _, k := range words {
					want[string(k)] = true
				}
				return nil
			}
			for _, k := range mentions.def.keys(m, m.ID, true) {
				want[string(k)] = true
			}
			return nil
		})
		if err != nil {
			return err
		}
		for id := range queued {
			t.Errorf("queue entry for mention %d, which does not exist", id)
		}
		if err := expectIndex(tx.People(), want); err != nil {
			return err
		}
		if err := expectIndex(tx.Interactions(), want); err != nil {
			return err
		}
		if err := expectIndex(tx.Tasks(), want); err != nil {
			return err
		}
		segs := tx.readSegments()
		it := tx.txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			if k := it.Item().Key(); len(k) > 2 && k[0] == prefixSealedWords[0] && k[1] == prefixSealedWords[1] {
				if err := expandChunk(tx, it.Item(), segs, func(e []byte) { got[string(e)] = true }); err != nil {
					t.Errorf("chunk %q: %v", k, err)
				}
				continue
			}
			if k := it.Item().Key(); listedIndex(k) {
				err := it.Item().Value(func(v []byte) error {
					return expandListed(k, v, func(e []byte) { got[string(e)] = true })
				})
				if err != nil {
					t.Errorf("index list %q: %v", k, err)
				}
				continue
			}
			if k := it.Item().Key(); isTextWordKey(k) && len(k) > 6 {
				if _, sealed := segs[binary.BigEndian.Uint32(k[2:])]; sealed {
					continue // read by no one, dropped at the next Open
				}
			}
			if k := string(it.Item().Key()); isIndexKey(k) {
				got[k] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for k := range got {
		if !want[k] {
			t.Errorf("stale index entry %q", k)
		}
	}
	for k := range want {
		if !got[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	for _, k := range missing {
		t.Errorf("missing index entry %q", k)
	}
	checkDaily(t, s)
}

func put[T any](t testing.TB, s *Store, tbl func(*Tx) Table[T], rec *T) {
	t.Helper()
	if err := s.Update(func(tx *Tx) error { return tbl(tx).Put(rec) }); err != nil {
		t.Fatalf("put %T: %v", rec, err)
	}
}

func get[T any](t testing.TB, s *Store, tbl func(*Tx) Table[T], id uint64) T {
	t.Helper()
	var rec T
	if err := s.View(func(tx *Tx) (err error) { rec, err = tbl(tx).Get(id); return err }); err != nil {
		t.Fatalf("get %T %d: %v", rec, id, err)
	}
	return rec
}

// putMentions stores mentions in one transaction.
func putMentions(t testing.TB, s *Store, ms []*Mention) {
	t.Helper()
	err := s.Update(func(tx *Tx) error {
		for _, m := range ms {
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

var t0 = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func sameDump(t *testing.T, a, b map[string][]byte) {
	t.Helper()
	a, b = settled(a), settled(b)
	if len(a) != len(b) {
		t.Errorf("key counts differ: %d vs %d", len(a), len(b))
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			t.Errorf("key %q differs or is missing", k)
		}
	}
}

func mkTemp() (string, error) { return os.MkdirTemp("", "rapport-bench-") }

func expectIndex[T any](tb Table[T], want map[string]bool) error {
	return tb.Each(func(rec *T) error {
		for _, k := range tb.def.indexKeys(rec, *tb.def.id(rec)) {
			want[string(k)] = true
		}
		return nil
	})
}

// downgrade turns s into a store of an older schema: it deletes the keys
// that drop selects, takes the index entries it selects out of table's
// memos, and writes schema version v.
func downgrade(t *testing.T, s *Store, table byte, v int, drop func(k string) bool) {
	t.Helper()
	if v < 13 {
		writeMentionMemos(t, s)
	}
	err := s.Update(func(tx *Tx) error {
		for k, val := range dump(t, s) {
			switch {
			case drop(k):
				if err := tx.del([]byte(k)); err != nil {
					return err
				}
			case strings.HasPrefix(k, string([]byte{prefixIndexMemo, table})):
				keys, err := decodeMemo(val)
				if err != nil {
					return err
				}
				keys = slices.DeleteFunc(keys, func(e []byte) bool { return drop(string(e)) })
				if len(keys) == 0 {
					err = tx.del([]byte(k))
				} else {
					err = tx.set([]byte(k), encodeMemo(keys))
				}
				if err != nil {
					return err
				}
			}
		}
		return tx.set(keySchema, schemaValue(v))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// writeMentionMemos gives every mention without one the index memo
// mentions had up to schema 12 (its entries other than the derived ones):
// the layout older migrations bring entries in line with.
func writeMentionMemos(t *testing.T, s *Store) {
	t.Helper()
	err := s.Update(func(tx *Tx) error {
		ms, err := tx.Mentions().All()
		if err != nil {
			return err
		}
		for i := range ms {
			if old, err := tx.Mentions().memo(ms[i].ID); err != nil || old != nil {
				if err != nil {
					return err
				}
				continue
			}
			if keys := mentionsDef.keys(&ms[i], ms[i].ID, false); len(keys) > 0 {
				if err := tx.set(memoKey(mentionsDef.prefix, ms[i].ID), encodeMemo(keys)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// bigSegments makes segments of the word index too large for a test's
// mentions to fill one, so that nothing is sealed (words_sealed.go).
func bigSegments(t testing.TB) {
	was := sealedSegment
	sealedSegment = 1 << 16
	t.Cleanup(func() { sealedSegment = was })
}

// setSegment changes an open store's segment size (a test whose folder
// has no sealed segment yet).
func setSegment(s *Store, n uint64) { s.segment.Store(n) }

// settled is a dump as the next Open leaves it: the open keys of the
// segments sealed since the last one dropped, and their markers at phase
// 2 (dropSealedOpenKeys).
func settled(d map[string][]byte) map[string][]byte {
	out := make(map[string][]byte, len(d))
	sealed := map[string]bool{}
	for k, v := range d {
		if len(k) == 6 && k[:2] == string(prefixSealState[:]) && len(v) > 0 && v[0] == sealCleaning {
			sealed[k[2:]] = true
		}
	}
	for k, v := range d {
		switch {
		case isTextWordKey([]byte(k)) && len(k) > 6 && sealed[k[2:6]]:
			continue
		case len(k) == 6 && k[:2] == string(prefixSealState[:]) && sealed[k[2:]]:
			v = append([]byte{sealClean}, v[1:]...)
		}
		out[k] = v
	}
	return out
}
