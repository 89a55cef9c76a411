package storage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// TestCompactLeavesNoOldValueInTheFiles: a value too long to live in the
// tables (over 4 KB, kept in the value log) that was overwritten is gone
// from every file of the folder after Compact, not only hidden.
// Badger never rewrites the value-log file it is writing to
// (valueLog.pickLog skips maxFid): with values over 4 KB in the value log,
// a long value erased while its file was the newest stayed on disk until
// 64 MB more of long values were written, and an erased short one stayed
// in the write-ahead file of the memtable until it filled.
func TestCompactLeavesNoOldValueInTheFiles(t *testing.T) {
	secret := "Quillon Ravensworth-Abernathy"
	for _, c := range []struct{ name, text string }{
		{"a long post (over 4 KB)", strings.Repeat("a long post about coffee and "+secret+" ", 200)}, // ~11 KB
		{"a short post", "coffee with " + secret},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := openTemp(t)
			m := &Mention{Text: c.text, Published: t0}
			put(t, s, (*Tx).Mentions, m)
			for i := range 50 { // more values in the same files, most of them live
				put(t, s, (*Tx).Mentions, &Mention{Text: strings.Repeat("other words ", 500) + string(rune('a'+i%26)), Published: t0})
			}
			m.Text = "[erased]"
			put(t, s, (*Tx).Mentions, m)
			indexNow(t, s)
			if err := s.Compact(); err != nil {
				t.Fatal(err)
			}
			put(t, s, (*Tx).Mentions, &Mention{Text: "written after the compaction", Published: t0})
			if n := filesHolding(t, s.Dir(), secret); len(n) > 0 {
				t.Errorf("%v still hold the overwritten text", n)
			}
		})
	}
}

// TestCompactRewritesTheValueLogOfAnOlderStore: a folder written when
// values over 4 KB went to the value log loses an erased long post from
// its files too.
func TestCompactRewritesTheValueLogOfAnOlderStore(t *testing.T) {
	dir := t.TempDir()
	secret := "Quillon Ravensworth-Abernathy"
	old, err := Open(dir, Options{Logger: quietLogger(), Words: testWords, valueThreshold: 4 << 10})
	if err != nil {
		t.Fatal(err)
	}
	m := &Mention{Text: strings.Repeat("a long post about coffee and "+secret+" ", 200), Published: t0}
	put(t, old, (*Tx).Mentions, m)
	kept := &Mention{Text: strings.Repeat("a long post that stays ", 400), Published: t0}
	put(t, old, (*Tx).Mentions, kept)
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	if vlogBytes(t, dir) < 8<<10 {
		t.Fatal("the older options did not put the long posts in the value log")
	}

	s, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m.Text = "[erased]"
	put(t, s, (*Tx).Mentions, m)
	if err := s.Compact(); err != nil {
		t.Fatal(err)
	}
	if n := filesHolding(t, dir, secret); len(n) > 0 {
		t.Errorf("%v still hold the erased text", n)
	}
	var got Mention
	err = s.View(func(tx *Tx) (err error) { got, err = tx.Mentions().Get(kept.ID); return err })
	if err != nil || got.Text != kept.Text {
		t.Errorf("the long post that was kept: %v, %d bytes", err, len(got.Text))
	}
}

// TestWritesWaitForCompact: Badger refuses writes while Compact flushes
// the memtables; a write made then waits instead of failing.
func TestWritesWaitForCompact(t *testing.T) {
	s := openTemp(t)
	stop := make(chan struct{})
	errs := make(chan error, 1)
	go func() {
		defer close(errs)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := s.Update(func(tx *Tx) error {
				return tx.Mentions().Put(&Mention{Text: fmt.Sprintf("post %d", i), Published: t0})
			}); err != nil {
				errs <- err
				return
			}
		}
	}()
	for range 5 {
		if err := s.Compact(); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	if err := <-errs; err != nil {
		t.Errorf("a write during Compact: %v", err)
	}
}

func vlogBytes(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	files, _ := filepath.Glob(filepath.Join(dir, DBDir, "*.vlog"))
	for _, f := range files {
		if info, err := os.Stat(f); err == nil {
			n += info.Size()
		}
	}
	return n
}

func filesHolding(t *testing.T, dir, text string) []string {
	t.Helper()
	var out []string
	err := filepath.Walk(filepath.Join(dir, DBDir), func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(text)) {
			out = append(out, filepath.Base(path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestNothingToCompactAfterCompact: Compacting, what benchmarks wait on
// before timing queries, is false once the store is merged into one level.
func TestNothingToCompactAfterCompact(t *testing.T) {
	s := openTemp(t)
	for i := range 200 {
		put(t, s, (*Tx).Mentions, &Mention{Text: fmt.Sprintf("post %d about coffee", i), Published: t0})
	}
	indexNow(t, s)
	if err := s.Compact(); err != nil {
		t.Fatal(err)
	}
	if s.Compacting() {
		t.Errorf("Compacting after Compact:\n%s", s.LevelsString())
	}
	if !strings.Contains(s.LevelsString(), "Level 0") {
		t.Errorf("LevelsString names no level:\n%s", s.LevelsString())
	}
}

// TestCompactsAmongWritersEnd: Compact drops a prefix (Badger blocks
// writes, drains its queue, then reads), while writers commit. A commit
// that passed Badger's check of blocked writes just before the block sent
// its write after the drain and waited for it, while the drop's read
// waited for that commit: both for ever (Badger v4.9.6). Writers and
// Compacts in turn for a while must all end.
func TestCompactsAmongWritersEnd(t *testing.T) {
	s := openTemp(t)
	stop := make(chan struct{})
	errs := make(chan error, 4)
	for w := range 4 {
		go func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					errs <- nil
					return
				default:
				}
				err := s.Update(func(tx *Tx) error {
					return tx.Mentions().Put(&Mention{Text: fmt.Sprintf("post %d of %d", i, w), Published: t0.Add(time.Duration(w) * 24 * time.Hour)})
				})
				if err != nil && !errors.Is(err, badger.ErrConflict) { // four writers of the same counters may conflict more than Update retries
					errs <- err
					return
				}
			}
		}()
	}
	stuck := time.AfterFunc(time.Minute, func() {
		panic("Compact and the writers waited for each other for a minute")
	})
	defer stuck.Stop()
	for end := time.Now().Add(3 * time.Second); time.Now().Before(end); {
		if err := s.flushMemtables(); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	for range 4 {
		if err := <-errs; err != nil {
			t.Errorf("a write during Compact: %v", err)
		}
	}
}
