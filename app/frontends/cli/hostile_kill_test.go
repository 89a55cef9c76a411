package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/engine"
	"github.com/rapportapp/rapport/app/listening/ingest"
	"github.com/rapportapp/rapport/app/listening/monitor"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// The kill -9 rounds of the hostile-input suite: a child process (this
// test binary, TestKillHelper) ingests feed files, fetches from a local
// server, restores a backup or repairs a damaged folder, printing "ack X"
// once each piece of work returned; the parent SIGKILLs it at a random
// moment and checks that everything acknowledged is there, the indexes
// are exact, a restore is all or nothing and a repair either happened or
// left the damaged folder as it was. RAPPORT_KILL_ROUNDS sets the number
// of rounds (default 24, CI: 24; docs/reliability.md has a 100-round run).

// TestKillHelper is not a test on its own: TestHostileKill9 runs the test
// binary again with RAPPORT_KILL_JOB set.
func TestKillHelper(t *testing.T) {
	job := os.Getenv("RAPPORT_KILL_JOB")
	if job == "" {
		t.Skip("helper process for TestHostileKill9")
	}
	out := bufio.NewWriter(os.Stdout)
	ack := func(s string) { fmt.Fprintln(out, s); _ = out.Flush() }
	err := killJob(job, os.Getenv("RAPPORT_KILL_DIR"), os.Getenv("RAPPORT_KILL_ARG"), ack)
	if err != nil {
		fmt.Fprintln(out, "failed: "+oneLine(err))
		_ = out.Flush()
		os.Exit(3)
	}
	fmt.Fprintln(out, "done")
	_ = out.Flush()
	os.Exit(0)
}

func killJob(job, dir, arg string, say func(string)) error {
	ack := func(s string) { say("ack " + s) }
	switch job {
	case "restore":
		say("ready")
		if _, err := storage.RestoreFile(dir, arg, workspace.StoreOptions(nil)); err != nil {
			return err
		}
		ack("restored")
		return nil
	case "repair":
		say("ready")
		if _, err := storage.Repair(dir, workspace.StoreOptions(nil), false); err != nil {
			return err
		}
		ack("repaired")
		return nil
	}
	w, err := workspace.Open(dir, nil)
	if err != nil {
		return err
	}
	defer w.Close()
	say("ready")
	if job == "ingest" {
		files, _ := filepath.Glob(filepath.Join(arg, "*.xml"))
		stop := make(chan struct{})
		ahead := prepareAhead(w, files, "", time.Now(), stop)
		defer func() {
			close(stop)
			for range ahead {
			}
		}()
		for p := range ahead {
			if p.err != nil {
				return p.err
			}
			if _, err := w.Ingest.IngestPrepared(p.feed, ingest.Options{}); err != nil {
				return err
			}
			for i := range 5 {
				ack(fmt.Sprintf("%s-i%d", strings.TrimSuffix(filepath.Base(p.path), ".xml"), i))
			}
		}
		return nil
	}
	mon := engine.New(w, "test").Monitor
	src, err := killSource(mon, arg)
	if err != nil {
		return err
	}
	for {
		o := mon.Check(context.Background(), src)
		if o.Err != nil {
			return o.Err
		}
		var titles []string
		err := w.Store.View(func(tx *storage.Tx) error {
			ms, err := tx.Mentions().GetMany(o.Result.NewIDs)
			for _, m := range ms {
				titles = append(titles, m.Title)
			}
			return err
		})
		if err != nil {
			return err
		}
		for _, title := range titles {
			ack(title)
		}
	}
}

// killSource adds the local feed once and finds it in later rounds.
func killSource(mon *monitor.Service, url string) (storage.Source, error) {
	res, err := mon.Add(context.Background(), monitor.AddRequest{URL: url, NoCheck: true})
	if err == nil {
		return res.Source, nil
	}
	if !errors.Is(err, monitor.ErrDuplicate) {
		return storage.Source{}, err
	}
	vs, err := mon.List()
	if err != nil || len(vs) == 0 {
		return storage.Source{}, fmt.Errorf("the feed is a duplicate and not listed: %v", err)
	}
	for _, v := range vs {
		if v.URL == url {
			return v.Source, nil
		}
	}
	return storage.Source{}, errors.New("the feed is not listed")
}

// killRound runs one job in a child and kills it after delay; it returns
// what the child acknowledged.
func killRound(t *testing.T, job, dir, arg string, delay time.Duration) (acked []string, finished bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$")
	cmd.Env = append(os.Environ(), "RAPPORT_KILL_JOB="+job, "RAPPORT_KILL_DIR="+dir, "RAPPORT_KILL_ARG="+arg)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The clock starts when the child has opened what it works on.
	timer := time.AfterFunc(time.Minute, func() { _ = cmd.Process.Kill() })
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "ready":
			timer.Reset(delay) // then SIGKILL
		case strings.HasPrefix(line, "ack "):
			acked = append(acked, strings.TrimPrefix(line, "ack "))
		case line == "done":
			finished = true
		case strings.HasPrefix(line, "failed: "):
			t.Errorf("%s: the child failed: %s", job, line)
		}
	}
	timer.Stop()
	_ = cmd.Wait()
	return acked, finished
}

// killFeeds writes n feed files of five items each for a round.
func killFeeds(t *testing.T, round, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), fmt.Sprintf("feeds-%d", round))
	_ = os.MkdirAll(dir, 0o700)
	for f := range n {
		name := fmt.Sprintf("r%03d-f%03d", round, f)
		var items strings.Builder
		for i := range 5 {
			fmt.Fprintf(&items, "<item><guid>%s-i%d</guid><title>%s-i%d</title><link>http://kill.example/%s/%d</link><description>cold brew %d in round %d, file %d</description></item>",
				name, i, name, i, name, i, i, round, f)
		}
		feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>` + name + `</title>` + items.String() + `</channel></rss>`
		if err := os.WriteFile(filepath.Join(dir, name+".xml"), []byte(feed), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// killServer serves a feed with three new items at every request.
func killServer(t *testing.T) *httptest.Server {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		k := n.Add(1)
		var items strings.Builder
		for i := range 3 {
			fmt.Fprintf(&items, "<item><guid>fetch-%d-%d</guid><title>fetch-%d-%d</title><link>http://kill.example/fetch/%d/%d</link><description>espresso %d</description></item>", k, i, k, i, k, i, k)
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		_, _ = w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>` + items.String() + `</channel></rss>`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// verifyMain opens the main folder after a kill: it must open (no
// damage), hold every acknowledged item, and have exact indexes.
func verifyMain(t *testing.T, dir string, acked map[string]bool, round int) {
	t.Helper()
	w, err := workspace.Open(dir, nil)
	if err != nil {
		t.Fatalf("round %d: the folder does not open after kill -9: %v", round, err)
	}
	defer w.Close()
	have := map[string]bool{}
	err = w.Store.View(func(tx *storage.Tx) error {
		return tx.Mentions().Each(func(m *storage.Mention) error { have[m.Title] = true; return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	lost := 0
	for title := range acked {
		if !have[title] {
			lost++
		}
	}
	if lost > 0 {
		t.Errorf("round %d: %d of %d acknowledged mentions lost", round, lost, len(acked))
	}
	if problems, err := w.Store.CheckIndexes(); err != nil || len(problems) > 0 {
		t.Errorf("round %d: indexes not exact after kill -9 (%v): %v", round, err, problems[:min(len(problems), 5)])
	}
}

func TestHostileKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	rounds := 24
	if s := os.Getenv("RAPPORT_KILL_ROUNDS"); s != "" {
		rounds, _ = strconv.Atoi(s)
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("%d rounds, seed %d", rounds, seed)
	main := t.TempDir()
	srv := killServer(t)
	// A backup to restore, and a damaged folder to repair (with what a
	// complete repair of it recovers), made once.
	base := t.TempDir()
	if r := run(t, base, "sample"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	backup := filepath.Join(t.TempDir(), "sample.rapport-backup")
	if r := run(t, base, "backup", backup); r.code != 0 {
		t.Fatal(r.stderr)
	}
	wantRestored := countMentions(t, base)
	took := time.Now()
	if _, err := storage.RestoreFile(filepath.Join(t.TempDir(), "r"), backup, workspace.StoreOptions(nil)); err != nil {
		t.Fatal(err)
	}
	restoreTakes := time.Since(took)
	damaged := damagedSample(t, base)
	took = time.Now()
	wantRepaired := repairedCount(t, damaged)
	repairTakes := time.Since(took)
	t.Logf("a restore takes %v, a repair %v here", restoreTakes.Round(time.Millisecond), repairTakes.Round(time.Millisecond))

	acked := map[string]bool{}
	var stats struct{ ingest, fetch, restoreDone, restoreKilled, repairDone, repairKilled int }
	start := time.Now()
	for round := range rounds {
		// Kill times spread over how long each job takes here, so that some
		// restores and repairs are killed and some finish.
		delay := time.Duration(30+rng.IntN(400)) * time.Millisecond
		switch round % 4 {
		case 2:
			delay = time.Duration(rng.Int64N(int64(restoreTakes) * 13 / 10))
		case 3:
			delay = time.Duration(rng.Int64N(int64(repairTakes) * 13 / 10))
		}
		switch round % 4 {
		case 0, 1:
			job, arg := "ingest", killFeeds(t, round, 200)
			if round%4 == 1 {
				job, arg = "fetch", srv.URL+"/feed"
			}
			got, _ := killRound(t, job, main, arg, delay)
			for _, a := range got {
				acked[a] = true
			}
			if job == "ingest" {
				stats.ingest += len(got)
			} else {
				stats.fetch += len(got)
			}
			verifyMain(t, main, acked, round)
		case 2:
			target := filepath.Join(t.TempDir(), "restored")
			got, _ := killRound(t, "restore", target, backup, delay)
			n, err := openCount(target)
			switch {
			case len(got) > 0 && n != wantRestored:
				t.Errorf("round %d: an acknowledged restore holds %d mentions (%v), want %d", round, n, err, wantRestored)
			case err == nil && n != wantRestored:
				t.Errorf("round %d: a killed restore left a partial store of %d mentions", round, n)
			case err != nil: // nothing there: run it again
				stats.restoreKilled++
				if _, err := storage.RestoreFile(target, backup, workspace.StoreOptions(nil)); err != nil {
					t.Errorf("round %d: restore after a killed one: %v", round, err)
				} else if n, _ := openCount(target); n != wantRestored {
					t.Errorf("round %d: the second restore holds %d mentions", round, n)
				}
			default:
				stats.restoreDone++
			}
		case 3:
			dir := filepath.Join(t.TempDir(), "damaged")
			if err := copyTree(damaged, dir); err != nil {
				t.Fatal(err)
			}
			got, _ := killRound(t, "repair", dir, "", delay)
			n, err := openCount(dir)
			switch {
			case err == nil && n == wantRepaired:
				stats.repairDone++
			case len(got) > 0 || err == nil:
				t.Errorf("round %d: after repair (acknowledged %v) the folder opens with %d mentions (%v), want %d", round, len(got) > 0, n, err, wantRepaired)
			case errors.Is(err, storage.ErrDamaged):
				stats.repairKilled++ // as it was: repair again
				if _, err := storage.Repair(dir, workspace.StoreOptions(nil), false); err != nil {
					t.Errorf("round %d: repair after a killed one: %v", round, err)
				} else if n, _ := openCount(dir); n != wantRepaired {
					t.Errorf("round %d: the second repair recovered %d mentions, want %d", round, n, wantRepaired)
				}
			default:
				t.Errorf("round %d: after a killed repair: %v", round, err)
			}
		}
	}
	t.Logf("%d rounds in %v: %d ingested and %d fetched mentions acknowledged, none lost; restores: %d completed, %d killed and redone; repairs: %d completed, %d killed and redone",
		rounds, time.Since(start).Round(time.Second), stats.ingest, stats.fetch, stats.restoreDone, stats.restoreKilled, stats.repairDone, stats.repairKilled)
}

func openCount(dir string) (int, error) {
	if _, err := os.Stat(filepath.Join(dir, storage.DBDir)); err != nil {
		return 0, err
	}
	w, err := workspace.Open(dir, nil)
	if err != nil {
		return 0, err
	}
	defer w.Close()
	n := 0
	err = w.Store.View(func(tx *storage.Tx) (err error) { n, err = tx.Mentions().Count(); return err })
	return n, err
}

func countMentions(t *testing.T, dir string) int {
	t.Helper()
	n, err := openCount(dir)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// damagedSample copies a closed sample folder and cuts its first table
// file in half.
func damagedSample(t *testing.T, base string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "damaged")
	if err := copyTree(base, dir); err != nil {
		t.Fatal(err)
	}
	tables, _ := filepath.Glob(filepath.Join(dir, storage.DBDir, "*.sst"))
	if len(tables) == 0 {
		t.Fatal("the sample has no table file")
	}
	info, _ := os.Stat(tables[0])
	if err := os.Truncate(tables[0], info.Size()/2); err != nil {
		t.Fatal(err)
	}
	return dir
}

func repairedCount(t *testing.T, damaged string) int {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "reference")
	if err := copyTree(damaged, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := storage.Repair(dir, workspace.StoreOptions(nil), false); err != nil {
		t.Fatal(err)
	}
	return countMentions(t, dir)
}

// copyTree copies the regular files of a folder tree.
func copyTree(src, dst string) error {
	return filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		switch {
		case info.IsDir():
			return os.MkdirAll(to, 0o700)
		case !info.Mode().IsRegular() || info.Name() == storage.LockFile || info.Name() == "LOCK":
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o600)
	})
}
