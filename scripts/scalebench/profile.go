package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/rapportapp/rapport/app/frontends/cli"
)

// profileIngest builds a store of n posts with `rapport ingest` run in
// this process (the same code as the binary's) and writes a CPU profile
// of the last batch to out: what to look at before changing the ingest
// path.
func profileIngest(n int, dir, out string) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	c := newCorpus(n)
	feeds, data := filepath.Join(dir, "feeds"), filepath.Join(dir, "rapport")
	batch := min(n, 50_000)
	for from := 0; from < n; from += batch {
		to := min(from+batch, n)
		_ = os.RemoveAll(feeds)
		paths, err := c.writeBatch(feeds, from, to)
		if err != nil {
			return err
		}
		last := to == n
		if last {
			f, err := os.Create(out)
			if err != nil {
				return err
			}
			if err := pprof.StartCPUProfile(f); err != nil {
				return err
			}
		}
		start := time.Now()
		env := &cli.Env{
			Stdout: io.Discard, Stderr: io.Discard, Stdin: os.Stdin, Version: "bench", DataDir: data,
			Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now,
		}
		if code := cli.Run(context.Background(), append([]string{"ingest"}, paths...), env); code != 0 {
			return fmt.Errorf("ingest exited %d", code)
		}
		log.Printf("profile: %d/%d in %s (%.0f items/s)", to, n, time.Since(start).Round(time.Millisecond), rate(to-from, time.Since(start)))
		if last {
			pprof.StopCPUProfile()
		}
	}
	return nil
}
