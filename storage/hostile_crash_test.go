package storage

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestCrashWriter is not a test on its own: TestHostileKillDuringWritesLosesNothing
// runs the test binary again with RAPPORT_CRASH_DIR set, and this function
// then writes mentions forever, printing each id once its commit returned.
func TestCrashWriter(t *testing.T) {
	dir := os.Getenv("RAPPORT_CRASH_DIR")
	if dir == "" {
		t.Skip("helper process for TestHostileKillDuringWritesLosesNothing")
	}
	// RAPPORT_CRASH_BULK: as `rapport ingest` opens it, sealing segments
	// from their records (words_bulk.go).
	s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords, BulkWords: os.Getenv("RAPPORT_CRASH_BULK") != ""})
	if err != nil {
		fmt.Println("open failed:", err)
		os.Exit(3)
	}
	go func() { // the word indexer at work too, so that kills land inside its transactions
		for {
			if err := s.IndexQueuedWords(); err != nil {
				fmt.Println("index failed:", err)
				os.Exit(3)
			}
			time.Sleep(time.Millisecond)
		}
	}()
	w := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		var ids []uint64
		err := s.Update(func(tx *Tx) error {
			ids = ids[:0]
			for j := range 1 + i%5 { // transactions of 1–5 records
				m := &Mention{Title: fmt.Sprintf("cold brew %d ", i) + strings.Repeat("x", 100*j), State: MentionState(i % 4), SourceIDs: []uint64{uint64(j)}, PersonID: uint64(i % 7), Published: time.Now()}
				if err := tx.Mentions().Put(m); err != nil {
					return err
				}
				ids = append(ids, m.ID)
			}
			if i%10 == 0 && i > 0 { // and some updates of older records
				m, err := tx.Mentions().Get(ids[0] - 1)
				if err == nil {
					m.State = StateArchived
					return tx.Mentions().Put(&m)
				}
			}
			return nil
		})
		if err != nil {
			fmt.Println("write failed:", err)
			os.Exit(3)
		}
		for _, id := range ids {
			fmt.Fprintf(w, "ack %d\n", id)
		}
		_ = w.Flush()
	}
}

func TestHostileKillDuringWritesLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	t.Run("window", func(t *testing.T) { killDuringWrites(t, "") })
	t.Run("import", func(t *testing.T) { killDuringWrites(t, "1") })
}

// killDuringWrites kills a writer three times (bulk: as an import opens
// the store) and checks what it acknowledged.
func killDuringWrites(t *testing.T, bulk string) {
	dir := t.TempDir()
	acked := map[uint64]bool{}
	for round := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWriter$")
		cmd.Env = append(os.Environ(), "RAPPORT_CRASH_DIR="+dir, "RAPPORT_CRASH_BULK="+bulk)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		deadline := time.Now().Add(time.Duration(300+200*round) * time.Millisecond)
		n := 0
		for sc.Scan() {
			line := sc.Text()
			id, err := strconv.ParseUint(strings.TrimPrefix(line, "ack "), 10, 64)
			if err != nil {
				t.Fatalf("writer said %q", line)
			}
			acked[id] = true
			n++
			if time.Now().After(deadline) && n > 20 {
				break
			}
		}
		_ = cmd.Process.Kill() // SIGKILL: no chance to close anything
		_ = cmd.Wait()
		s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
		if err != nil {
			t.Fatalf("round %d: reopen after kill -9: %v", round, err)
		}
		missing := 0
		_ = s.View(func(tx *Tx) error {
			for id := range acked {
				if _, err := tx.Mentions().Get(id); err != nil {
					missing++
				}
			}
			return nil
		})
		if missing > 0 {
			t.Errorf("round %d: %d of %d acknowledged mentions lost", round, missing, len(acked))
		}
		checkIndexes(t, s)
		// What the word indexer had not done when it was killed, it does now.
		if got := wordIDs(t, s, TextWords, "brew"); len(got) < len(acked) {
			t.Errorf("round %d: %d mentions found by word, %d acknowledged", round, len(got), len(acked))
		}
		checkIndexes(t, s)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		t.Logf("round %d: %d acknowledged writes survived kill -9", round, len(acked))
	}
}
