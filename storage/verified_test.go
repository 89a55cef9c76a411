package storage

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// closedCopy is a copy of the damage fixture opened and closed once, so
// that its tables are remembered; it returns the folder and its database.
func closedCopy(t *testing.T, opt Options) (dir, db string) {
	t.Helper()
	dir = damagedCopy(t, func(testing.TB, string) {})
	s, err := Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, filepath.Join(dir, DBDir)
}

// flipKeepingTime damages a table the way bit rot does: same size, same
// modification time.
func flipKeepingTime(t *testing.T, file string) {
	t.Helper()
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	flip(t, file, 0.3, 2)
	if err := os.Chtimes(file, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
}

// TestOpenReadsOnlyTablesNotVerifiedBefore: every open read every table
// file (1.8 GB at a million mentions, before each `rapport stats`). A
// clean Close now remembers the tables, and the next open reads only new
// or changed ones — shown here by bit rot under a remembered table (same
// size and time), which Open no longer reads and `rapport check` still
// finds; a table whose time changed is read again and refused.
func TestOpenReadsOnlyTablesNotVerifiedBefore(t *testing.T) {
	opt := Options{Logger: quietLogger(), Words: testWords}
	dir, db := closedCopy(t, opt)
	memo := readVerified(db)
	mf, err := readManifest(filepath.Join(db, "MANIFEST"))
	if err != nil {
		t.Fatal(err)
	}
	if len(memo) != len(mf.Tables) || len(memo) == 0 {
		t.Fatalf("the memo lists %d tables, the MANIFEST %d", len(memo), len(mf.Tables))
	}
	tables := filesOf(t, db, ".sst")
	for _, f := range tables {
		info, _ := os.Stat(f)
		st, ok := memo[filepath.Base(f)]
		if !ok || st.size != info.Size() || st.mtime != info.ModTime().UnixNano() || st.maxVersion == 0 {
			t.Fatalf("%s: memo %+v, file size %d", f, st, info.Size())
		}
	}

	flipKeepingTime(t, tables[0])
	for _, open := range []func() (*Store, error){
		func() (*Store, error) { return Open(dir, opt) },
		func() (*Store, error) { return OpenReadOnly(dir, opt) },
	} {
		s, err := open()
		if err != nil {
			t.Fatalf("a remembered table was read again: %v", err)
		}
		_ = s.Close()
	}
	if err := Check(dir, ""); !errors.Is(err, ErrDamaged) {
		t.Fatalf("check (which reads everything) gave %v, want ErrDamaged", err)
	}

	// The same damage with the file's time changed, or with an unreadable
	// memo, is read and refused.
	now := mustStat(t, tables[0]).ModTime().Add(1e9)
	if err := os.Chtimes(tables[0], now, now); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenReadOnly(dir, opt); !errors.Is(err, ErrDamaged) {
		t.Fatalf("read-only open of a changed table gave %v, want ErrDamaged", err)
	}
	if _, err := Open(dir, opt); !errors.Is(err, ErrDamaged) {
		t.Fatalf("open of a changed table gave %v, want ErrDamaged", err)
	}
}

func TestAnUnreadableMemoVerifiesEverything(t *testing.T) {
	opt := Options{Logger: quietLogger(), Words: testWords}
	dir, db := closedCopy(t, opt)
	flipKeepingTime(t, filesOf(t, db, ".sst")[0])
	if err := os.WriteFile(filepath.Join(db, VerifiedFile), []byte("000001.sst twelve\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, opt); !errors.Is(err, ErrDamaged) {
		t.Fatalf("got %v, want ErrDamaged", err)
	}
}

func mustStat(t *testing.T, f string) os.FileInfo {
	t.Helper()
	info, err := os.Stat(f)
	if err != nil {
		t.Fatal(err)
	}
	return info
}
