package cli

import (
	"runtime/debug"
	"testing"
	"time"
)

// An import gives back the table files' pages while it runs, and the
// goroutine that does so has ended once the import's deferred work has.
func TestReleasingTablePagesEndsWithTheImport(t *testing.T) {
	stop := make(chan struct{})
	done := releaseTablePages(t.TempDir(), time.Millisecond, stop)
	time.Sleep(5 * time.Millisecond)
	close(stop)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the releasing goroutine did not end")
	}
}

// An import collects at a quarter's growth and under a soft memory limit,
// each unless the user set it (GOGC, GOMEMLIMIT), and puts both back when
// it ends.
func TestAnImportSetsTheCollectorAndPutsItBack(t *testing.T) {
	gcPercent := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	beforeGC, beforeLimit := gcPercent(), debug.SetMemoryLimit(-1)
	for _, tc := range []struct {
		gogc, gomemlimit string
		gc               int
		limit            int64
	}{
		{"", "", importGCPercent, importMemoryLimit},
		{"", "1GiB", importGCPercent, beforeLimit},
		{"", "off", importGCPercent, beforeLimit},
		{"200", "", beforeGC, importMemoryLimit},
		{"off", "2GiB", beforeGC, beforeLimit},
	} {
		restore := importMemory(func(k string) string {
			return map[string]string{"GOGC": tc.gogc, "GOMEMLIMIT": tc.gomemlimit}[k]
		})
		gc, limit := gcPercent(), debug.SetMemoryLimit(-1)
		restore()
		if gc != tc.gc || limit != tc.limit {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: during the import GOGC %d, limit %d; want %d, %d", tc.gogc, tc.gomemlimit, gc, limit, tc.gc, tc.limit)
		}
		if gc, limit := gcPercent(), debug.SetMemoryLimit(-1); gc != beforeGC || limit != beforeLimit {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: after the import GOGC %d, limit %d; want %d, %d", tc.gogc, tc.gomemlimit, gc, limit, beforeGC, beforeLimit)
		}
	}
}
