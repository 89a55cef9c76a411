package storage

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// churn writes and compacts until Badger's MANIFEST has logged well over
// manifestSlack of table changes.
func churn(t *testing.T, s *Store, db string) {
	t.Helper()
	for i := 0; fileSize(t, filepath.Join(db, "MANIFEST")) < int64(3*manifestSlack); i++ {
		if i > 1000 {
			t.Fatal("the MANIFEST does not grow")
		}
		put(t, s, (*Tx).Mentions, &Mention{Text: "cold brew tonic", Published: t0})
		if err := s.Compact(); err != nil {
			t.Fatal(err)
		}
	}
}

// smallSlack lets the tests churn less.
func smallSlack(t *testing.T) {
	old := manifestSlack
	manifestSlack = 1 << 10
	t.Cleanup(func() { manifestSlack = old })
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}

// TestCloseShortensTheManifest: every open replays Badger's MANIFEST, a
// log of every table change that Badger rewrites only after 10,000
// deletions (92 KB, 11 ms of a 100 ms `rapport search` at a million
// mentions). A writer's Close now rewrites it as the list of its tables;
// the folder opens with the same tables and records, read-only and for
// writing, plain and encrypted, and passes the full check.
func TestCloseShortensTheManifest(t *testing.T) {
	smallSlack(t)
	for _, passphrase := range []string{"", "correct horse"} {
		dir := t.TempDir()
		opt := Options{Logger: quietLogger(), Words: testWords}
		if passphrase != "" {
			s, err := Open(dir, opt)
			if err != nil {
				t.Fatal(err)
			}
			_ = s.Close()
			if err := Encrypt(dir, passphrase, opt); err != nil {
				t.Fatal(err)
			}
			opt.Passphrase = passphrase
		}
		db := filepath.Join(dir, DBDir)
		s, err := Open(dir, opt)
		if err != nil {
			t.Fatal(err)
		}
		churn(t, s, db)
		indexNow(t, s)
		want := recordsOf(dump(t, s))
		long := fileSize(t, filepath.Join(db, "MANIFEST"))
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		short := fileSize(t, filepath.Join(db, "MANIFEST"))
		if short > long/3 || short > int64(manifestSlack) {
			t.Fatalf("passphrase %q: the MANIFEST went from %d to %d bytes", passphrase, long, short)
		}
		if _, err := os.Stat(filepath.Join(db, manifestRewrite)); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("the rewrite's file was left behind: %v", err)
		}
		if after, _, end, size, err := replayManifest(filepath.Join(db, "MANIFEST")); err != nil || end != size || len(after.Tables) == 0 {
			t.Fatalf("passphrase %q: the rewritten MANIFEST lists %d tables, reads to %d of %d (%v)", passphrase, len(after.Tables), end, size, err)
		}
		for _, open := range []func(string, Options) (*Store, error){OpenReadOnly, Open} {
			s, err := open(dir, opt)
			if err != nil {
				t.Fatal(err)
			}
			sameDump(t, want, recordsOf(dump(t, s)))
			checkIndexes(t, s)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
		}
		if err := Check(dir, passphrase); err != nil {
			t.Fatalf("passphrase %q: check after the rewrite: %v", passphrase, err)
		}
	}
}

// TestManifestLeftAloneWhenShortOrTorn: a MANIFEST that is already short
// is not rewritten, nor one whose last record is torn (Badger truncates
// that itself when it opens the folder for writing); a rewrite file a
// crash left behind is replaced.
func TestManifestLeftAloneWhenShortOrTorn(t *testing.T) {
	smallSlack(t)
	dir := t.TempDir()
	opt := Options{Logger: quietLogger(), Words: testWords}
	s, err := Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, DBDir)
	put(t, s, (*Tx).Mentions, &Mention{Text: "cold brew", Published: t0})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	mf := filepath.Join(db, "MANIFEST")
	short, _ := os.ReadFile(mf)
	if ok, err := compactManifest(db); ok || err != nil {
		t.Fatalf("a short MANIFEST: rewritten %v, %v", ok, err)
	}

	s, err = Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	churn(t, s, db)
	small := manifestSlack
	manifestSlack = 1 << 30 // this Close leaves the MANIFEST long
	err = s.Close()
	manifestSlack = small
	if err != nil {
		t.Fatal(err)
	}
	long, _ := os.ReadFile(mf)
	if bytes.Equal(long, short) {
		t.Fatal("no churn")
	}
	torn := append(bytes.Clone(long), 0, 0, 0, 9, 1, 2, 3, 4, 5)
	if err := os.WriteFile(mf, torn, 0o600); err != nil {
		t.Fatal(err)
	}
	if ok, err := compactManifest(db); ok || err != nil {
		t.Fatalf("a torn MANIFEST: rewritten %v, %v", ok, err)
	}
	if got, _ := os.ReadFile(mf); !bytes.Equal(got, torn) {
		t.Fatal("a torn MANIFEST was changed")
	}

	if err := os.WriteFile(mf, long, 0o600); err != nil {
		t.Fatal(err)
	}
	// A crash between writing the rewrite and renaming it leaves both: the
	// folder opens, read-only and for writing, and passes the check.
	if err := os.WriteFile(filepath.Join(db, manifestRewrite), []byte("half a rewrite"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Check(dir, ""); err != nil {
		t.Fatalf("check with a rewrite left behind: %v", err)
	}
	if s, err := OpenReadOnly(dir, opt); err != nil {
		t.Fatalf("read-only open with a rewrite left behind: %v", err)
	} else {
		_ = s.Close()
	}
	if ok, err := compactManifest(db); !ok || err != nil {
		t.Fatalf("a long MANIFEST: rewritten %v, %v", ok, err)
	}
	s, err = Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkIndexes(t, s)
}
