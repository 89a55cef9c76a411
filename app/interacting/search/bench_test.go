package search

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/storage"
)

// Benchmarks of full-text search (results in docs/benchmarks-search.md).
// Each group has a baseline-scan sub-benchmark (read mentions newest first
// and match each, as `rapport mentions --query` does) and rapport-index
// (candidates from the word index), on the same store in the same run, so
// scripts/benchreport can give ratios. The stores are built once per run;
// the 1M ones only with RAPPORT_BENCH_1M=1 (they take minutes). With
// RAPPORT_BENCH_DIR set, stores are kept there and reused by later runs,
// so that searches (and their memory) can be measured in a process that
// did not also build them. With
// RAPPORT_BENCH_DIR set, stores are kept there and reused by later runs,
// so that searches (and their memory) can be measured in a process that
// did not also build them.

// benchLimit is the page size: what a search box shows at first.
const benchLimit = 50

var (
	benchCorpus = newCorpus()
	benchStores = map[benchKey]*benchStore{}
	benchDirs   []string
)

type benchKey struct {
	n     int
	words bool
}

// benchStore is a built corpus and what building it cost.
type benchStore struct {
	store *storage.Store
	took  time.Duration
	bytes int64
}

// corpusVersion names kept stores; bump it when the corpus changes.
const corpusVersion = 1

func TestMain(m *testing.M) {
	code := m.Run()
	for _, s := range benchStores {
		_ = s.store.Close()
	}
	for _, d := range benchDirs {
		_ = os.RemoveAll(d)
	}
	os.Exit(code)
}

// benchDir returns the folder for a store and whether a complete build is
// already there to reuse.
func benchDir(b *testing.B, k benchKey, fresh bool) (string, bool) {
	keep := os.Getenv("RAPPORT_BENCH_DIR")
	if keep == "" {
		dir, err := os.MkdirTemp("", "rapport-search-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDirs = append(benchDirs, dir)
		return dir, false
	}
	dir := filepath.Join(keep, fmt.Sprintf("search-v%d-%d-words-%v", corpusVersion, k.n, k.words))
	if _, err := os.Stat(filepath.Join(dir, "complete")); err == nil && !fresh {
		return dir, true
	}
	if err := os.RemoveAll(dir); err != nil {
		b.Fatal(err)
	}
	return dir, false
}

func skipUnless1M(b *testing.B) {
	if os.Getenv("RAPPORT_BENCH_1M") != "1" {
		b.Skip("set RAPPORT_BENCH_1M=1 to build and search a million mentions (several minutes)")
	}
}

// buildStore writes n corpus mentions, 256 per transaction, with or
// without the word index, closes and reopens the store (so that what is
// on disk is settled) and returns it. Unless fresh, a kept store is
// reused (and took is zero).
func buildStore(b *testing.B, n int, words, fresh bool) *benchStore {
	b.Helper()
	dir, reuse := benchDir(b, benchKey{n, words}, fresh)
	if reuse {
		s := openBenchStore(b, dir, words)
		st, err := s.Stats()
		if err != nil {
			b.Fatal(err)
		}
		return &benchStore{store: s, bytes: st.Bytes}
	}
	s := openBenchStore(b, dir, words)
	start := time.Now()
	for from := 0; from < n; from += 256 {
		err := s.Update(func(tx *storage.Tx) error {
			for i := from; i < min(from+256, n); i++ {
				if err := tx.Mentions().Put(benchCorpus.mention(i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if err := s.IndexQueuedWords(); err != nil { // built means indexed
		b.Fatal(err)
	}
	took := time.Since(start)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	s = openBenchStore(b, dir, words)
	st, err := s.Stats()
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "complete"), nil, 0o600); err != nil {
		b.Fatal(err)
	}
	return &benchStore{store: s, took: took, bytes: st.Bytes}
}

// openBenchStore opens dir with the word index or without it.
func openBenchStore(b *testing.B, dir string, words bool) *storage.Store {
	o := storage.Options{Logger: quiet()}
	if words {
		o.Words = Words()
	}
	s, err := storage.Open(dir, o)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// cachedStore returns the run's store of n mentions, building it if needed.
func cachedStore(b *testing.B, n int, words bool) *benchStore {
	k := benchKey{n, words}
	if s := benchStores[k]; s != nil {
		return s
	}
	s := buildStore(b, n, words, false)
	benchStores[k] = s
	return s
}

func BenchmarkBuild100k(b *testing.B) { benchBuild(b, 100_000) }

func BenchmarkBuild1M(b *testing.B) {
	skipUnless1M(b)
	benchBuild(b, 1_000_000)
}

// benchBuild measures the indexing rate and the size on disk, with and
// without the word index. The stores it builds serve the search
// benchmarks.
func benchBuild(b *testing.B, n int) {
	for _, words := range []bool{false, true} {
		name := map[bool]string{false: "baseline-no-word-index", true: "rapport-word-index"}[words]
		b.Run(name, func(b *testing.B) {
			var s *benchStore
			for b.Loop() {
				if s != nil {
					_ = s.store.Close()
				}
				s = buildStore(b, n, words, true)
			}
			if old := benchStores[benchKey{n, words}]; old != nil {
				_ = old.store.Close()
			}
			benchStores[benchKey{n, words}] = s
			b.ReportMetric(float64(n)/s.took.Seconds(), "mentions/s")
			b.ReportMetric(float64(s.bytes)/(1<<20), "disk-MB")
			if plain := benchStores[benchKey{n, false}]; words && plain != nil {
				b.ReportMetric(float64(s.bytes-plain.bytes)/(1<<20), "index-MB")
			}
		})
	}
}

func BenchmarkSearch100k(b *testing.B) { benchSearch(b, 100_000, benchCorpus.queryMix()) }

func BenchmarkSearch1M(b *testing.B) {
	skipUnless1M(b)
	benchSearch(b, 1_000_000, benchCorpus.queryMix())
}

func BenchmarkSearchHard100k(b *testing.B) { benchSearch(b, 100_000, hardQueries()) }

func BenchmarkSearchHard1M(b *testing.B) {
	skipUnless1M(b)
	benchSearch(b, 1_000_000, hardQueries())
}

// hardQueries are searches the word index helps little with: no word
// outside NOT (a capped scan), a field or phrase that most candidates
// fail, a very short prefix.
func hardQueries() map[string][]string {
	return map[string][]string{"hard": {
		"-the", "site:example.com", "lang:fr", "title:coffee", `"coffee portland"`, "k*", "/roast(ed|ing)/ beans",
	}}
}

// benchSearch runs a mix of queries against a store of n mentions and
// reports latency percentiles over every query run.
func benchSearch(b *testing.B, n int, mix map[string][]string) {
	s := cachedStore(b, n, true)
	if without := benchStores[benchKey{n, false}]; without != nil {
		b.Logf("%d mentions: word index adds %.0f MB on disk", n, float64(s.bytes-without.bytes)/(1<<20))
	}
	svc := New(s.store)
	methods := []struct {
		name string
		run  func(q string) (checked int, err error)
	}{
		{"baseline-scan", func(q string) (int, error) { return scanSearch(s.store, q, benchLimit) }},
		{"rapport-index", func(q string) (int, error) {
			res, err := svc.Search(q, benchLimit, nil)
			return res.Scanned, err
		}},
	}
	for _, m := range methods {
		b.Run(m.name, func(b *testing.B) { runMix(b, mix, m.run) })
	}
}

// runMix runs every query of the mix once per iteration and reports the
// latency distribution, per kind too, and the memory in use.
func runMix(b *testing.B, mix map[string][]string, run func(string) (int, error)) {
	kinds := make([]string, 0, len(mix))
	for k := range mix {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	all, byKind := []time.Duration{}, map[string][]time.Duration{}
	checked, queries := 0, 0
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		for _, k := range kinds {
			for _, q := range mix[k] {
				start := time.Now()
				c, err := run(q)
				if err != nil {
					b.Fatalf("%q: %v", q, err)
				}
				d := time.Since(start)
				all, byKind[k] = append(all, d), append(byKind[k], d)
				checked += c
				queries++
			}
		}
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(ms(percentile(all, 50)), "p50-ms")
	b.ReportMetric(ms(percentile(all, 95)), "p95-ms")
	b.ReportMetric(ms(percentile(all, 100)), "max-ms")
	for _, k := range kinds {
		b.ReportMetric(ms(percentile(byKind[k], 95)), strings.ReplaceAll(k, " ", "-")+"-p95-ms")
	}
	b.ReportMetric(float64(checked)/float64(queries), "checked/query")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(queries)/1024, "alloc-KB/query")
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapInuse)/(1<<20), "heap-MB")
	b.ReportMetric(float64(after.Sys)/(1<<20), "sys-MB")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// percentile returns the p-th percentile (nearest rank) of ds.
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (p*len(s)+99)/100 - 1
	return s[max(i, 0)]
}

// scanSearch is the baseline: read mentions newest first through the time
// index, a page at a time, and match each until limit hits. It returns how
// many mentions it checked.
func scanSearch(st *storage.Store, src string, limit int) (int, error) {
	q, err := query.Parse(src)
	if err != nil {
		return 0, err
	}
	checked, hits := 0, 0
	err = st.View(func(tx *storage.Tx) error {
		names, err := sourceNames(tx)
		if err != nil {
			return err
		}
		p := query.Prepare(nil)
		var cur storage.Cursor
		for {
			page, next, err := tx.MentionsPage(storage.MentionsByTime(), cur, 256)
			if err != nil {
				return err
			}
			for i := range page {
				m := &page[i]
				checked++
				p.Reset(Doc(m, SourceNames(m, names)))
				if ok, _ := q.MatchSpansPrepared(p); ok {
					if hits++; hits == limit {
						return nil
					}
				}
			}
			if next == nil {
				return nil
			}
			cur = next
		}
	})
	return checked, err
}
