package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rapportapp/rapport/app/interacting/search"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// sizeResult is everything measured at one corpus size.
type sizeResult struct {
	n       int
	queries []benchQuery
	batches []batchResult

	ftsLast, parseLast time.Duration
	ftsTime, parseTime time.Duration
	ftsItems           int

	ftsBytes, rapportBytes int64
	rapportSearch          map[string][]time.Duration // by kind, "all" too
	ftsSearch              map[string][]time.Duration
	// The fastest of the reps for each query of the mix, in its order: the
	// guards' measure, steady where one slow rep (a compaction beside the
	// search, another process) moves a percentile of the raw times.
	rapportBest, ftsBest []time.Duration
	cliSearch            []time.Duration
	cliStats             []time.Duration
	cliStatsRSS          float64
	cliVersion           []time.Duration // the process alone: the floor of any command

	window    *windowResult
	windowErr string
}

// batchResult is one `rapport ingest` of a batch of feed files.
type batchResult struct {
	items  int
	wall   time.Duration
	rssMB  float64
	anonMB float64       // the part of rssMB that is not mapped files (Badger maps its tables)
	parse  time.Duration // plain gofeed on the same files, same run
}

func (b batchResult) rapportRate() float64 { return rate(b.items, b.wall) }

// ingestBatch ingests one batch of files with plain gofeed (parse only),
// SQLite FTS5 and the rapport binary, in that order.
func (r *sizeResult) ingestBatch(bin, data string, fts *ftsStore, paths []string, items int) error {
	// The fastest of three parses: it is the guard's measure of how fast
	// the machine is right now, and one parse (1–2 s) moved 24 % between
	// batches of one run.
	var parse time.Duration
	for range 3 {
		n, d, err := parseOnly(paths)
		if err != nil {
			return err
		}
		if n != items {
			return fmt.Errorf("gofeed read %d items of %d", n, items)
		}
		if parse == 0 || d < parse {
			parse = d
		}
	}
	r.parseLast = parse
	r.parseTime += parse
	start := time.Now()
	k, err := fts.ingest(paths, guidRow)
	if err != nil {
		return fmt.Errorf("fts5: %w", err)
	}
	r.ftsLast = time.Since(start)
	r.ftsTime += r.ftsLast
	r.ftsItems += k
	wall, mem, err := runCmd(bin, append([]string{"--data", data, "ingest"}, paths...)...)
	if err != nil {
		return fmt.Errorf("rapport ingest: %w", err)
	}
	r.batches = append(r.batches, batchResult{items: items, wall: wall, rssMB: mem.peak, anonMB: mem.anon, parse: parse})
	return nil
}

func guidRow(guid string) int64 {
	n, _ := strconv.ParseInt(strings.TrimPrefix(guid, "scale-"), 10, 64)
	return n + 1
}

// memory is what a command held at its peak, in MB: its resident set and,
// sampled, the most of it that was not mapped files (RssAnon).
type memory struct{ peak, anon float64 }

// runCmd runs the binary and returns its wall time and peak memory; its
// output is discarded unless it fails.
func runCmd(bin string, args ...string) (time.Duration, memory, error) {
	cmd := exec.Command(bin, args...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = io.Discard, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, memory{}, err
	}
	done := make(chan struct{})
	hwm := make(chan memory, 1)
	go func() { hwm <- watchHWM(cmd.Process.Pid, filepath.Base(bin), done) }()
	err := cmd.Wait()
	wall := time.Since(start)
	close(done)
	mem := <-hwm
	if err != nil {
		return wall, memory{}, fmt.Errorf("%v: %s", err, lastLines(out.String(), 5))
	}
	if mem.peak == 0 { // too quick to be seen: the kernel's figure, which may count this process's memory at the fork
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			mem.peak = float64(ru.Maxrss) / 1024
		}
	}
	return wall, mem, nil
}

// watchHWM reads the peak resident memory (VmHWM, MB) of process pid until
// done, once it runs the program named name: ru_maxrss would count this
// process's memory too, which the child shares until it runs its program.
// It samples RssAnon too, every 10 ms: the kernel keeps no peak of it.
func watchHWM(pid int, name string, done <-chan struct{}) memory {
	if len(name) > 15 {
		name = name[:15] // the kernel keeps 15 bytes of a program's name
	}
	status := fmt.Sprintf("/proc/%d/status", pid)
	var m memory
	for {
		if b, err := os.ReadFile(status); err == nil && strings.Contains(string(b), "Name:\t"+name+"\n") {
			for _, line := range strings.Split(string(b), "\n") {
				f := strings.Fields(line)
				if len(f) != 3 {
					continue
				}
				kb, err := strconv.ParseFloat(f[1], 64)
				switch {
				case err != nil:
				case f[0] == "VmHWM:":
					m.peak = max(m.peak, kb/1024)
				case f[0] == "RssAnon:":
					m.anon = max(m.anon, kb/1024)
				}
			}
		}
		select {
		case <-done:
			return m
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func lastLines(s string, n int) string {
	ls := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(ls[max(0, len(ls)-n):], "\n")
}

// searchBoth opens the store in this process, as the app does, and runs
// the query mix reps times against it (50 hits newest first, each read and
// checked) and, when fts is not nil, against FTS5, one pass of each in
// turn, the first of each warming the caches. Alternating the passes puts
// both under the same machine: a guard run once failed with Rapport's
// fastest reps twice their usual p50 when its passes ran all after FTS5's,
// a second or two in which something else took the machine.
func (r *sizeResult) searchBoth(data string, fts *ftsStore, reps int) error {
	st, err := storage.Open(data, workspace.StoreOptions(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		return err
	}
	defer st.Close()
	// A store just written may still be merging its tables, a core busy
	// and reads crossing more tables than the store will have: wait, as
	// FTS5's file is measured whole.
	start := time.Now()
	for st.Compacting() && time.Since(start) < 5*time.Minute {
		time.Sleep(100 * time.Millisecond)
	}
	if d := time.Since(start); d > time.Second {
		log.Printf("%d: waited %s for the store's compactions before searching", r.n, d.Round(time.Second))
	}
	svc := search.New(st)
	r.rapportSearch = map[string][]time.Duration{}
	r.rapportBest = make([]time.Duration, r.mixLen())
	r.ftsSearch = map[string][]time.Duration{}
	r.ftsBest = make([]time.Duration, r.mixLen())
	rapportPass := func(keep bool) error {
		for i, q := range r.queries {
			start := time.Now()
			if _, err := svc.SearchContext(context.Background(), q.rule, 50, nil); err != nil {
				return fmt.Errorf("search %s: %w", q.rule, err)
			}
			if keep {
				r.keep(r.rapportSearch, r.rapportBest, i, time.Since(start))
			}
		}
		return nil
	}
	ftsPass := func(keep bool) error {
		for i, q := range r.queries {
			start := time.Now()
			if _, err := fts.search(q.fts); err != nil {
				return fmt.Errorf("fts5 %s: %w", q.fts, err)
			}
			if keep {
				r.keep(r.ftsSearch, r.ftsBest, i, time.Since(start))
			}
		}
		return nil
	}
	for rep := 0; rep <= reps; rep++ {
		if err := rapportPass(rep > 0); err != nil {
			return err
		}
		if fts == nil {
			continue
		}
		if err := ftsPass(rep > 0); err != nil {
			return err
		}
	}
	return nil
}

// keep records one query's time d: by kind, in the mix's totals and as
// the query's fastest when it is in the mix.
func (r *sizeResult) keep(byKind map[string][]time.Duration, fastest []time.Duration, i int, d time.Duration) {
	q := r.queries[i]
	byKind[q.kind] = append(byKind[q.kind], d)
	if !q.aside {
		byKind["all"] = append(byKind["all"], d)
		fastest[i] = best(fastest[i], d)
	}
}

// mixLen is how many queries the mix's totals count: the ones not aside,
// which come first.
func (r *sizeResult) mixLen() int {
	n := 0
	for _, q := range r.queries {
		if !q.aside {
			n++
		}
	}
	return n
}

// best is the shorter of two times, 0 meaning none yet.
func best(b, d time.Duration) time.Duration {
	if b == 0 || d < b {
		return d
	}
	return b
}

// commandLine times `rapport search` end to end for every query of the
// mix, `rapport stats --json`, and `rapport version` as the floor.
func (r *sizeResult) commandLine(bin, data string) error {
	for _, q := range r.queries {
		if q.aside {
			continue
		}
		d, _, err := runCmd(bin, "--data", data, "search", "--limit", "20", q.rule)
		if err != nil {
			return fmt.Errorf("rapport search %s: %w", q.rule, err)
		}
		r.cliSearch = append(r.cliSearch, d)
	}
	// stats and its floor in turn, so that the guard's ratio of the two
	// compares runs of the same moment (the floor's runs all came first,
	// before the searches: the ratio read 1.46× to 2.94× in five CI runs
	// of the same code).
	for range 5 {
		d, _, err := runCmd(bin, "version")
		if err != nil {
			return err
		}
		r.cliVersion = append(r.cliVersion, d)
		d, mem, err := runCmd(bin, "--data", data, "stats", "--json")
		if err != nil {
			return err
		}
		r.cliStats = append(r.cliStats, d)
		r.cliStatsRSS = max(r.cliStatsRSS, mem.peak)
	}
	return nil
}

// pct is the p-th percentile (nearest rank) of ds.
func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(p/100*float64(len(s))+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }
