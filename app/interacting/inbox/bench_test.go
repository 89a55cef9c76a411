package inbox

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/storage"
)

var (
	benchOnce  sync.Once
	benchStore *storage.Store
)

// store100k holds 100,000 mentions, one in ten still open (new or needs
// reply), the rest handled or archived — an inbox after months of use.
func store100k(b *testing.B) *storage.Store {
	b.Helper()
	benchOnce.Do(func() {
		dir, _ := mkTemp()
		st, err := storage.Open(dir, storage.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Words: search.Words()})
		if err != nil {
			b.Fatal(err)
		}
		now := time.Now()
		text := strings.Repeat("Ordered the Guji again, still the best light roast in town. ", 3)
		for start := 0; start < 100_000; start += 200 {
			err := st.Update(func(tx *storage.Tx) error {
				for i := start; i < start+200; i++ {
					state := storage.StateArchived
					switch i % 10 {
					case 0:
						state = storage.StateNew
					case 1, 2, 3:
						state = storage.StateHandled
					}
					m := &storage.Mention{
						Title: "Mention", Text: text, State: state, Published: now.Add(-time.Duration(i) * time.Minute),
						Analysis: storage.Analysis{Analysed: true, Polarity: "positive", Intents: []string{"praise"}, Priority: float64(i % 60)},
					}
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
		if err := st.IndexQueuedWords(); err != nil {
			b.Fatal(err)
		}
		benchStore = st
	})
	return benchStore
}

// BenchmarkInboxView lists the Inbox view (open mentions, most important
// first) of 100k mentions, reading only the open ones through the state
// index, against reading every mention to find them.
func BenchmarkInboxView(b *testing.B) {
	svc := New(Params{Store: store100k(b)})
	inboxView := BuiltInViews()[0].Filter
	b.Run("baseline-scan-all", func(b *testing.B) {
		scan := inboxView
		scan.States = nil
		scan.Polarity = "positive" // forces reading every mention, like the first version did
		for b.Loop() {
			if _, err := svc.List(scan, time.Now()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rapport-state-index", func(b *testing.B) {
		for b.Loop() {
			ids, err := svc.List(inboxView, time.Now())
			if err != nil || len(ids) != 10_000 {
				b.Fatalf("%d ids, %v", len(ids), err)
			}
		}
	})
	b.Run("rapport-view-counts", func(b *testing.B) {
		var fs []Filter
		for _, v := range BuiltInViews() {
			fs = append(fs, v.Filter)
		}
		for b.Loop() {
			if _, err := svc.Counts(fs); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkQueryView lists the open mentions that match a query, most
// important first, among the query's newest 10,000 matches: each match
// read and checked once by the search (EachMatch), against the first
// version, which searched with highlights and then read and checked every
// match again.
func BenchmarkQueryView(b *testing.B) {
	svc := New(Params{Store: store100k(b)})
	f := Filter{Query: "roast", States: StateSet{StateNew, StateHandled}, Sort: SortPriority}
	b.Run("baseline-search-then-read", func(b *testing.B) {
		for b.Loop() {
			if n := searchThenRead(b, svc, f); n != 4_000 {
				b.Fatalf("%d listed", n)
			}
		}
	})
	b.Run("rapport-read-once", func(b *testing.B) {
		for b.Loop() {
			ids, err := svc.List(f, time.Now())
			if err != nil || len(ids) != 4_000 {
				b.Fatalf("%d ids, %v", len(ids), err)
			}
		}
	})
}

// searchThenRead is how listByReading listed a query before EachMatch.
func searchThenRead(b *testing.B, svc *Service, f Filter) int {
	mt, err := svc.prepare(f)
	if err != nil {
		b.Fatal(err)
	}
	var ids []uint64
	var after search.Cursor
	for len(ids) < svc.searchCap {
		res, err := svc.search.SearchQuery(context.Background(), mt.q, svc.searchCap-len(ids), after)
		if err != nil {
			b.Fatal(err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if res.Next == nil {
			break
		}
		after = res.Next
	}
	n := 0
	err = svc.store.View(func(tx *storage.Tx) error {
		if mt.names, err = sourceNames(tx); err != nil {
			return err
		}
		return eachOf(tx, ids, func(m *storage.Mention) {
			if mt.matches(m) {
				n++
			}
		})
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

func mkTemp() (string, error) { return os.MkdirTemp("", "rapport-inbox-bench-") }
