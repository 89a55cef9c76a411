package ingest

import (
	"bytes"
	"io/fs"
	"runtime"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/app/listening/feed"
	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/assets"
	"github.com/rapportapp/rapport/storage"
)

// corpus is the sample workspace's feed files.
func corpus(b *testing.B) (files [][]byte, entries int) {
	b.Helper()
	names, err := fs.Glob(assets.Sample(), "feeds/*")
	if err != nil || len(names) == 0 {
		b.Fatal("no sample feeds", err)
	}
	for _, n := range names {
		data, err := fs.ReadFile(assets.Sample(), n)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
		f, _ := feed.Parse(bytes.NewReader(data), feed.Options{})
		entries += len(f.Entries)
	}
	return files, entries
}

// BenchmarkIngest compares the whole ingest path (feed bytes in → mentions
// stored with their indexes, committed to disk) with plain gofeed parsing
// of the same corpus. The goal: end to end at least half the plain parse
// rate, i.e. a ratio of at most 2. "rapport-parse-and-store" is the app's
// path: mentions stored with every index but the full-text one, which the
// store's word indexer writes in the background (storage/words_queue.go;
// searches find queued mentions meanwhile). "-until-indexed" also waits for
// the word indexer, the whole cost; "-no-word-index" is a store without the
// full-text index at all.
//
// This machine's speed drifts by a factor of two within minutes, so each
// app variant also times plain parsing inside its own iterations,
// alternating with the app path, and reports the ratio of the two as
// x-parse: the figure to compare with the goal. Each iteration opens a
// fresh store (untimed) and collects its garbage before the timer starts.
func BenchmarkIngest(b *testing.B) {
	files, entries := corpus(b)
	b.Run("baseline-gofeed-parse", func(b *testing.B) {
		for b.Loop() {
			for _, data := range files {
				if _, err := gofeed.NewParser().Parse(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(entries*b.N)/b.Elapsed().Seconds(), "entries/s")
	})
	for _, v := range []struct {
		name  string
		words storage.Words
		drain bool
	}{
		{"rapport-parse-and-store", search.Words(), false},
		{"rapport-parse-and-store-until-indexed", search.Words(), true},
		{"rapport-parse-and-store-no-word-index", storage.Words{}, false},
	} {
		b.Run(v.name, func(b *testing.B) {
			var parse, app time.Duration
			for b.Loop() {
				b.StopTimer()
				st := testkit.Store(b, func(o *storage.Options) { o.Words = v.words })
				svc := New(st, nil)
				src := storage.Source{Name: "bench"}
				if err := st.Update(func(tx *storage.Tx) error { return tx.Sources().Put(&src) }); err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				start := time.Now()
				for _, data := range files {
					if _, err := gofeed.NewParser().Parse(bytes.NewReader(data)); err != nil {
						b.Fatal(err)
					}
				}
				parse += time.Since(start)
				runtime.GC()
				start = time.Now()
				b.StartTimer()
				for _, data := range files {
					f, err := feed.Parse(bytes.NewReader(data), feed.Options{Now: time.Now()})
					if err != nil {
						b.Fatal(err)
					}
					if _, err := svc.Ingest(src, f, Options{}); err != nil {
						b.Fatal(err)
					}
				}
				if v.drain {
					if err := st.IndexQueuedWords(); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				app += time.Since(start)
				_ = st.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(entries*b.N)/b.Elapsed().Seconds(), "entries/s")
			b.ReportMetric(float64(app)/float64(parse), "x-parse")
		})
	}
}
