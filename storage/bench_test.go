package storage

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Benchmarks come in groups whose sub-benchmarks are named baseline and
// rapport (plus variants); scripts/benchreport turns them into the ratios in
// docs/benchmarks.md.

func sampleMention(i int) *Mention {
	return &Mention{
		ID:        uint64(i + 1),
		Keys:      [][]byte{bytes.Repeat([]byte{byte(i)}, 16), bytes.Repeat([]byte{byte(i >> 8)}, 16)},
		GUID:      fmt.Sprintf("t3_%08x", i),
		Link:      fmt.Sprintf("https://www.reddit.com/r/Coffee/comments/%08x/ember_and_oak_guji/", i),
		Title:     "Ember & Oak's Guji is the best light roast I've had this year",
		Author:    "/u/mayabrews",
		AuthorURL: "https://www.reddit.com/user/mayabrews",
		PersonID:  uint64(i%500 + 1),
		SourceIDs: []uint64{uint64(i%10 + 1)},
		Published: t0.Add(-time.Duration(i) * time.Minute),
		Fetched:   t0,
		Text:      strings.Repeat("Bright, floral, tastes like peach tea. Ordered a second bag for my sister. ", 4),
		Lang:      "en",
		State:     MentionState(i % 4),
		Matches:   []Span{{Field: "title", Start: 0, End: 10}},
		Platform:  "reddit",
	}
}

// BenchmarkCodec compares the record encoding (CBOR with integer keys)
// with encoding/json and encoding/gob on a typical mention.
func BenchmarkCodec(b *testing.B) {
	m := sampleMention(1)
	codecs := []struct {
		name string
		enc  func() ([]byte, error)
		dec  func([]byte) error
	}{
		{"baseline-json", func() ([]byte, error) { return json.Marshal(m) }, func(v []byte) error { var x Mention; return json.Unmarshal(v, &x) }},
		{"gob", func() ([]byte, error) {
			var buf bytes.Buffer
			err := gob.NewEncoder(&buf).Encode(m)
			return buf.Bytes(), err
		}, func(v []byte) error { var x Mention; return gob.NewDecoder(bytes.NewReader(v)).Decode(&x) }},
		{"rapport-cbor", func() ([]byte, error) { return encode(m) }, func(v []byte) error { var x Mention; return decode(v, &x) }},
	}
	for _, c := range codecs {
		v, err := c.enc()
		if err != nil {
			b.Fatal(err)
		}
		b.Run("encode/"+c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := c.enc(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(v)), "bytes/record")
		})
		b.Run("decode/"+c.name, func(b *testing.B) {
			for b.Loop() {
				if err := c.dec(v); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(v)), "bytes/record")
		})
	}
}

// BenchmarkWrite measures saving one mention with its five indexes per
// transaction against a raw Badger Set of the same encoded bytes, with the
// app's options in both.
func BenchmarkWrite(b *testing.B) {
	b.Run("baseline-raw-set", func(b *testing.B) {
		s := openBench(b)
		i := 0
		for b.Loop() {
			m := sampleMention(i)
			v, _ := encode(m)
			if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(recordKey('M', m.ID), v) }); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("rapport-put-indexed", func(b *testing.B) {
		s := openBench(b)
		i := 0
		for b.Loop() {
			m := sampleMention(i)
			m.ID = 0
			if err := s.Update(func(tx *Tx) error { return tx.Mentions().Put(m) }); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("rapport-put-indexed-batch100", func(b *testing.B) {
		s := openBench(b)
		i := 0
		for b.Loop() {
			err := s.Update(func(tx *Tx) error {
				for range 100 {
					m := sampleMention(i)
					m.ID = 0
					i++
					if err := tx.Mentions().Put(m); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(i), "ns/record")
	})
	// A stored mention written again with another state (archive, handle):
	// the old entries, daily share and word entries come from the stored
	// mention, read once.
	b.Run("rapport-update-state", func(b *testing.B) {
		s := openBench(b)
		var ms []*Mention
		for i := range 1000 {
			m := sampleMention(i)
			m.ID = 0
			ms = append(ms, m)
		}
		putMentions(b, s, ms)
		indexNow(b, s)
		i := 0
		for b.Loop() {
			m := ms[i%len(ms)]
			m.State = MentionState(1 + i%3)
			if err := s.Update(func(tx *Tx) error { return tx.Mentions().Put(m) }); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

func openBench(b *testing.B) *Store {
	b.Helper()
	s, err := Open(b.TempDir(), Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	return s
}

var (
	big100kOnce sync.Once
	big100k     *Store
	big100kDir  string
)

// store100k fills (once per run) a store with 100,000 mentions.
func store100k(b *testing.B) *Store {
	big100kOnce.Do(func() {
		dir, err := mkTemp()
		if err != nil {
			b.Fatal(err)
		}
		big100kDir = dir
		s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
		if err != nil {
			b.Fatal(err)
		}
		fillMentions(b, s, 100_000)
		big100k = s
	})
	return big100k
}

// fillMentions puts n sample mentions, 200 per transaction, and waits for
// the word indexer.
func fillMentions(b *testing.B, s *Store, n int) {
	for start := 0; start < n; start += 200 {
		err := s.Update(func(tx *Tx) error {
			for i := start; i < min(start+200, n); i++ {
				m := sampleMention(i)
				m.ID = 0
				if err := tx.Mentions().Put(m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if err := s.IndexQueuedWords(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkPointRead reads one mention by id from a 100k store.
func BenchmarkPointRead(b *testing.B) {
	s := store100k(b)
	b.Run("baseline-raw-get", func(b *testing.B) {
		i := uint64(0)
		for b.Loop() {
			i = i%100_000 + 1
			err := s.db.View(func(txn *badger.Txn) error {
				item, err := txn.Get(recordKey('M', i))
				if err != nil {
					return err
				}
				_, err = item.ValueCopy(nil)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rapport-get-decoded", func(b *testing.B) {
		i := uint64(0)
		for b.Loop() {
			i = i%100_000 + 1
			if err := s.View(func(tx *Tx) error { _, err := tx.Mentions().Get(i); return err }); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkNewestPage reads the 100 newest mentions of 100k through the
// time index, against scanning every mention and sorting by time.
func BenchmarkNewestPage(b *testing.B) {
	s := store100k(b)
	b.Run("baseline-scan-sort", func(b *testing.B) {
		for b.Loop() {
			var all []Mention
			_ = s.View(func(tx *Tx) (err error) { all, err = tx.Mentions().All(); return err })
			sort.Slice(all, func(i, j int) bool { return all[i].Time().After(all[j].Time()) })
			_ = all[:100]
		}
	})
	b.Run("rapport-index-page", func(b *testing.B) {
		for b.Loop() {
			var page []Mention
			_ = s.View(func(tx *Tx) (err error) { page, _, err = tx.MentionsPage(MentionsByTime(), nil, 100); return err })
			if len(page) != 100 {
				b.Fatalf("page of %d", len(page))
			}
		}
	})
	b.Run("rapport-index-state-page", func(b *testing.B) {
		for b.Loop() {
			_ = s.View(func(tx *Tx) error {
				_, _, err := tx.MentionsPage(MentionsInState(StateNeedsReply), nil, 100)
				return err
			})
		}
	})
	b.Run("rapport-all-ids", func(b *testing.B) {
		for b.Loop() {
			_ = s.View(func(tx *Tx) error { _, _, err := tx.MentionIDs(MentionsByTime(), nil, 0); return err })
		}
	})
}
