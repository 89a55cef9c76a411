package insights

import (
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/integrating/insights/gen"
	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/storage"
)

// benchMentions is how many mentions the insights benchmark stores
// (RAPPORT_BENCH_MENTIONS overrides the million, for a quick look).
func benchMentions() int {
	if n, err := strconv.Atoi(os.Getenv("RAPPORT_BENCH_MENTIONS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

var (
	benchOnce  sync.Once
	benchStore *storage.Store
	benchErr   error
)

// BenchmarkInsights computes the Insights screen's figures on a store of a
// million mentions spread over two years, against the baseline of the
// same run: one full scan of the mentions summing only the period's
// totals per day (what computing the figures without aggregates would at
// least cost). docs/benchmarks.md has the numbers.
func BenchmarkInsights(b *testing.B) {
	n := benchMentions()
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "rapport-insights-bench-")
		if err != nil {
			benchErr = err
			return
		}
		st, err := storage.Open(dir, storage.Options{Logger: testkit.Quiet()}) // no word index: not what is measured
		if err != nil {
			benchErr = err
			return
		}
		benchErr = gen.Write(st, gen.Options{Mentions: n, Days: 730, End: end, Seed: 9})
		benchStore = st
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	st := benchStore
	svc := New(Params{Store: st, Now: func() time.Time { return end }})
	p := LastDays(end, 28)
	b.Run("baseline-full-scan", func(b *testing.B) {
		for b.Loop() {
			perDay := map[storage.Day]int{}
			err := st.View(func(tx *storage.Tx) error {
				return tx.Mentions().Each(func(m *storage.Mention) error {
					if d := storage.DayOf(m.Time()); d >= p.From && d <= p.To {
						perDay[d]++
					}
					return nil
				})
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		if s, err := st.Stats(); err == nil {
			b.ReportMetric(float64(s.Bytes)/(1<<20), "MB-store")
		}
		b.ReportMetric(float64(dailyCells(b, st)), "daily-cells")
	})
	b.Run("rapport-28-days", func(b *testing.B) {
		for b.Loop() {
			if _, err := svc.Compute(p); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rapport-365-days", func(b *testing.B) {
		for b.Loop() {
			if _, err := svc.Compute(LastDays(end, 365)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rapport-figures-only-365-days", func(b *testing.B) {
		q := LastDays(end, 365)
		for b.Loop() {
			err := st.View(func(tx *storage.Tx) error {
				_, err := readCells(tx, q)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestMain removes the benchmark's store when the run ends.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchStore != nil {
		dir := benchStore.Dir()
		_ = benchStore.Close()
		_ = os.RemoveAll(dir)
	}
	os.Exit(code)
}

// dailyCells counts the store's daily aggregate cells.
func dailyCells(b *testing.B, st *storage.Store) int {
	n := 0
	err := st.View(func(tx *storage.Tx) error {
		first, last, _ := tx.DailySpan()
		return tx.Daily(first, last, func(storage.Day, storage.Dim, *storage.Cell) { n++ })
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}
