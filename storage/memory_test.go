package storage

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// BenchmarkMemory measures what a store costs a process: a fresh process
// (this test binary, running TestMemoryChild) opens the store, reads the
// newest 10,000 mentions a page at a time and a page of each state, and
// reports its Go heap in use, the memory the Go runtime took from the
// OS, and its peak resident set (which also counts Badger's memory-mapped
// tables; Linux only). The baseline is the same process on an empty store.
func BenchmarkMemory(b *testing.B) {
	for _, n := range []int{0, 100_000} {
		name := map[bool]string{true: "baseline-empty-store", false: "rapport-100k-mentions"}[n == 0]
		b.Run(name, func(b *testing.B) {
			dir, err := mkTemp()
			if err != nil {
				b.Fatal(err)
			}
			defer os.RemoveAll(dir)
			s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
			if err != nil {
				b.Fatal(err)
			}
			fillMentions(b, s, n)
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
			var heap, sys, rss float64
			for b.Loop() {
				cmd := exec.Command(os.Args[0], "-test.run=^TestMemoryChild$", "-test.v")
				cmd.Env = append(os.Environ(), "RAPPORT_MEMORY_CHILD="+dir)
				out, err := cmd.CombinedOutput()
				if err != nil {
					b.Fatalf("child: %v\n%s", err, out)
				}
				at := strings.Index(string(out), "memory:")
				if at < 0 {
					b.Fatalf("child said:\n%s", out)
				}
				if _, err := fmt.Sscanf(string(out[at:]), "memory: heap=%f sys=%f rss=%f", &heap, &sys, &rss); err != nil {
					b.Fatalf("child said:\n%s", out)
				}
			}
			b.ReportMetric(heap, "heap-MB")
			b.ReportMetric(sys, "sys-MB")
			if rss > 0 {
				b.ReportMetric(rss, "peak-rss-MB")
			}
			b.ReportMetric(float64(dirSize(dir+"/"+DBDir))/(1<<20), "disk-MB")
		})
	}
}

// TestMemoryChild is BenchmarkMemory's child process; it does nothing in
// a normal test run.
func TestMemoryChild(t *testing.T) {
	dir := os.Getenv("RAPPORT_MEMORY_CHILD")
	if dir == "" {
		t.Skip("run by BenchmarkMemory")
	}
	s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.View(func(tx *Tx) error {
		var after Cursor
		for range 100 {
			page, next, err := tx.MentionsPage(MentionsByTime(), after, 100)
			if err != nil || next == nil || len(page) == 0 {
				return err
			}
			after = next
		}
		for st := range MentionState(4) {
			if _, _, err := tx.MentionsPage(MentionsInState(st), nil, 100); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("memory: heap=%.1f sys=%.1f rss=%.1f\n", float64(ms.HeapInuse)/(1<<20), float64(ms.Sys)/(1<<20), peakRSS())
}

// peakRSS is this process's peak resident set in MB, from Linux's
// /proc/self/status (VmHWM), or 0 where that is not available. (The
// rusage of a child is no use here: Linux folds the parent's size at the
// fork into it.)
func peakRSS() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kb float64
			if _, err := fmt.Sscanf(strings.TrimSpace(v), "%f kB", &kb); err == nil {
				return kb / 1024
			}
		}
	}
	return 0
}
