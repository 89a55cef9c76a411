// Command scalebench measures Rapport on a realistic workspace of 10k, 100k
// and 1M mentions (issue 14) side by side with SQLite FTS5 and plain
// gofeed on the same seeded corpus, in the same run, and writes
// docs/benchmarks-scale.md. `make bench-scale` runs it; see that file for
// what each figure means. SQLite (modernc.org/sqlite, pure Go) is imported
// here only: it is the yardstick, never part of the app.
//
//	go run ./scripts/scalebench -sizes 10000,100000 -bin bin/rapport -dir /tmp/rscale
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

func main() {
	sizes := flag.String("sizes", "10000,100000,1000000", "corpus sizes, comma-separated")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "rapport-scale"), "work folder (stores and feeds; kept between runs unless -fresh)")
	bin := flag.String("bin", "bin/rapport", "the rapport binary to measure")
	out := flag.String("out", "docs/benchmarks-scale.md", "report to write ('-': stdout)")
	window := flag.Bool("window", true, "measure the window under Xvfb (needs xvfb-run and xdotool)")
	reps := flag.Int("reps", 10, "repetitions of the in-process query mix")
	guard := flag.String("guard", "", "size whose results are checked against the ratio guards (CI): exit 1 when one fails")
	profile := flag.String("profile", "", "instead: build the first size in this process and write a CPU profile of its last ingest batch here")
	windowOnly := flag.String("window-only", "", "instead: measure the window on this existing data folder and print it")
	windowIdle := flag.Duration("window-idle", defaultWindowIdle, "leave the window idle this long before the keys (after 30 s it gives back the table files' pages) and measure its memory then")
	searchOnly := flag.String("search-only", "", "instead: measure search (in process and `rapport search`) and `rapport stats` on this existing data folder, built from the first of -sizes posts, and print them")
	searchProfile := flag.String("search-profile", "", "with -search-only: write a CPU profile of the in-process searches here")
	postings := flag.Bool("postings", false, "instead: estimate the word index's size in other layouts for the first of -sizes posts, without a store (docs/search.md)")
	flag.Parse()
	log.SetFlags(log.Ltime)
	if *postings {
		n, _ := strconv.Atoi(strings.Split(*sizes, ",")[0])
		estimatePostings(n)
		return
	}
	if *searchOnly != "" {
		n, _ := strconv.Atoi(strings.Split(*sizes, ",")[0])
		if err := measureSearch(*bin, *searchOnly, n, *reps, *searchProfile); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *windowOnly != "" {
		r := &sizeResult{}
		if err := r.measureWindow(*bin, *windowOnly, *windowIdle); err != nil {
			log.Fatal(err)
		}
		w := r.window
		fmt.Printf("populate %s (from process start %s), next mention %s, archive %s, rss %.0f MB (anonymous %.0f MB)\n", sec(w.populate), sec(w.started), p5095(w.selects), p5095(w.actions), w.rssMB, w.anonMB)
		if *windowIdle > 0 {
			fmt.Printf("after %s idle: rss %.0f MB (anonymous %.0f MB); then the first next mention %s, the first archive %s\n", *windowIdle, w.idleMB, w.idleAnonMB, sec(w.selects[0]), sec(w.actions[0]))
		}
		return
	}
	if *profile != "" {
		n, _ := strconv.Atoi(strings.Split(*sizes, ",")[0])
		if err := profileIngest(n, filepath.Join(*dir, "profile"), *profile); err != nil {
			log.Fatal(err)
		}
		return
	}
	var results []*sizeResult
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			log.Fatalf("bad size %q", s)
		}
		r, err := runSize(n, filepath.Join(*dir, s), *bin, *reps, *window, *windowIdle)
		if err != nil {
			log.Fatalf("size %d: %v", n, err)
		}
		results = append(results, r)
	}
	if err := writeReport(*out, results); err != nil {
		log.Fatal(err)
	}
	if *guard != "" {
		for _, r := range results {
			if strconv.Itoa(r.n) == *guard {
				fails, passed := r.guards()
				for _, p := range passed {
					fmt.Fprintln(os.Stderr, "scale guard:", p)
				}
				if len(fails) > 0 {
					for _, f := range fails {
						fmt.Fprintln(os.Stderr, "scale guard failed:", f)
					}
					os.Exit(1)
				}
				fmt.Fprintln(os.Stderr, "scale guards passed at", r.n)
			}
		}
	}
}

// runSize builds a store of n posts three ways, batch by batch, and
// measures them.
func runSize(n int, dir, bin string, reps int, window bool, idle time.Duration) (*sizeResult, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	feeds := filepath.Join(dir, "feeds")
	data := filepath.Join(dir, "rapport")
	c := newCorpus(n)
	fts, err := openFTS(filepath.Join(dir, "fts5.db"))
	if err != nil {
		return nil, err
	}
	res := &sizeResult{n: n, queries: c.queryMix()}
	batch := min(n, 50_000)
	for from := 0; from < n; from += batch {
		to := min(from+batch, n)
		_ = os.RemoveAll(feeds)
		paths, err := c.writeBatch(feeds, from, to)
		if err != nil {
			return nil, err
		}
		if err := res.ingestBatch(bin, data, fts, paths, to-from); err != nil {
			return nil, err
		}
		log.Printf("%d: %d/%d ingested (rapport %.0f/s, fts5 %.0f/s, gofeed %.0f/s, rss %.0f MB, anonymous %.0f MB)", n, to, n,
			res.batches[len(res.batches)-1].rapportRate(), rate(to-from, res.ftsLast), rate(to-from, res.parseLast),
			res.batches[len(res.batches)-1].rssMB, res.batches[len(res.batches)-1].anonMB)
	}
	_ = os.RemoveAll(feeds)
	res.ftsBytes = fts.size()
	res.rapportBytes = dirBytes(filepath.Join(data, "db"))
	if err := res.searchBoth(data, fts, reps); err != nil {
		return nil, err
	}
	if err := fts.close(); err != nil {
		return nil, err
	}
	if err := res.commandLine(bin, data); err != nil {
		return nil, err
	}
	if window {
		if err := res.measureWindow(bin, data, idle); err != nil {
			log.Printf("%d: window not measured: %v", n, err)
			res.windowErr = err.Error()
		}
	}
	return res, nil
}

func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// dirBytes is the space the files under dir take.
func dirBytes(dir string) int64 {
	var n int64
	_ = filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return n
}

// measureSearch measures an existing folder as runSize measures the one it
// builds, for comparing two binaries or two folders of the same corpus.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func measureSearch(bin, data string, n, reps int, profile string) error {
	if err := sameSchema(data); err != nil {
		return err
	}
	r := &sizeResult{n: n, queries: newCorpus(n).queryMix()}
	if err := r.commandLine(bin, data); err != nil { // first: it also verifies the tables once
		return err
	}
	if err := r.commandLine(bin, data); err != nil {
		return err
	}
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	// FTS5's store of the same run, where scalebench left it, searched in
	// turn with Rapport's (the guards' ratios); not while profiling, which
	// is of Rapport's search alone.
	var fts *ftsStore
	if path := filepath.Join(filepath.Dir(data), "fts5.db"); profile == "" && fileExists(path) {
		f, err := openFTS(path)
		if err != nil {
			return err
		}
		defer f.close()
		fts = f
	}
	err := r.searchBoth(data, fts, reps)
	pprof.StopCPUProfile()
	if err != nil {
		return err
	}
	for _, kind := range []string{"rare", "common", "AND", "phrase", "prefix", "OR", "NOT", skewedAND, "all"} {
		fmt.Printf("search %-6s %s\n", kind, p5095(r.rapportSearch[kind]))
	}
	if fts != nil {
		for _, kind := range []string{"rare", "common", "AND", "phrase", "prefix", "OR", "NOT", skewedAND} {
			fmt.Printf("fts5 %-6s %s\n", kind, p5095(r.ftsSearch[kind]))
		}
		fmt.Printf("fts5 all %s; each query's fastest rep, p50 / p95: rapport %s, fts5 %s (%.2f× / %.2f×)\n", p5095(r.ftsSearch["all"]),
			p5095(r.rapportBest), p5095(r.ftsBest), ms(pct(r.rapportBest, 50))/ms(pct(r.ftsBest, 50)), ms(pct(r.rapportBest, 95))/ms(pct(r.ftsBest, 95)))
	}
	fmt.Printf("rapport search %s, stats --json median %s (peak %.0f MB), version median %s\n",
		p5095(r.cliSearch[r.mixLen():]), sec(pct(r.cliStats[5:], 50)), r.cliStatsRSS, sec(pct(r.cliVersion[5:], 50)))
	return nil
}

// sameSchema refuses a folder the in-process searches would migrate: they
// open it as the app does, with this build's storage code, so a folder
// written by an older binary (measured with that binary for the command
// line) came out at the newer schema, which that binary then refused.
func sameSchema(data string) error {
	st, err := storage.OpenReadOnly(data, workspace.StoreOptions(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if errors.Is(err, storage.ErrNeedsWriter) {
		return fmt.Errorf("%s: %w; measuring it here would migrate it to this build's schema — measure a copy (cp -a), or open it once with this build's rapport", data, err)
	}
	if err != nil {
		return err
	}
	return st.Close()
}
