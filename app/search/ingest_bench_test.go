package search

import (
	"bytes"
	"io/fs"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/feed"
	"github.com/rapportapp/rapport/app/ingest"
	"github.com/rapportapp/rapport/assets"
	"github.com/rapportapp/rapport/storage"
)

// BenchmarkIngestWords runs the app's whole ingest path (feed bytes in,
// mentions stored with their indexes) on the sample workspace's feeds,
// without and with the word index: what the index costs where mentions
// really arrive.
func BenchmarkIngestWords(b *testing.B) {
	names, err := fs.Glob(assets.Sample(), "feeds/*")
	if err != nil || len(names) == 0 {
		b.Fatal("no sample feeds", err)
	}
	var feeds []*feed.Feed
	entries := 0
	for _, n := range names {
		data, err := fs.ReadFile(assets.Sample(), n)
		if err != nil {
			b.Fatal(err)
		}
		f, err := feed.Parse(bytes.NewReader(data), feed.Options{Now: time.Now()})
		if err != nil {
			b.Fatal(err)
		}
		feeds, entries = append(feeds, f), entries+len(f.Entries)
	}
	for _, words := range []bool{false, true} {
		name := map[bool]string{false: "baseline-no-word-index", true: "rapport-word-index"}[words]
		b.Run(name, func(b *testing.B) {
			if !words {
				storage.SetWords(storage.Words{})
				defer storage.SetWords(Words)
			}
			for b.Loop() {
				b.StopTimer()
				st := openStore(b, b.TempDir())
				src := storage.Source{Name: "bench"}
				if err := st.Update(func(tx *storage.Tx) error { return tx.Sources().Put(&src) }); err != nil {
					b.Fatal(err)
				}
				svc := ingest.New(st, nil)
				b.StartTimer()
				for _, f := range feeds {
					if _, err := svc.Ingest(src, f, ingest.Options{}); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(entries*b.N)/b.Elapsed().Seconds(), "entries/s")
		})
	}
}
