package ingest

import (
	"bytes"
	"io"
	"io/fs"
	"log/slog"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/rapportapp/rapport/app/feed"
	"github.com/rapportapp/rapport/app/search"
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
// path, full-text word index included; the variant without the word
// index shows what that index costs.
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
	for _, words := range []storage.Words{search.Words, {}} {
		name := "rapport-parse-and-store"
		if words.Split == nil {
			name += "-no-word-index"
		}
		b.Run(name, func(b *testing.B) {
			storage.SetWords(words)
			defer storage.SetWords(storage.Words{})
			for b.Loop() {
				b.StopTimer()
				st, err := storage.Open(b.TempDir(), storage.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
				if err != nil {
					b.Fatal(err)
				}
				svc := New(st, nil)
				src := storage.Source{Name: "bench"}
				if err := st.Update(func(tx *storage.Tx) error { return tx.Sources().Put(&src) }); err != nil {
					b.Fatal(err)
				}
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
				b.StopTimer()
				_ = st.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(entries*b.N)/b.Elapsed().Seconds(), "entries/s")
		})
	}
}
