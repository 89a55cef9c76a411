package storage

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// plaintextIn reports the files under dir that hold the bytes secret.
func plaintextIn(t *testing.T, dir string, secret []byte) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		if b, _ := os.ReadFile(p); bytes.Contains(b, secret) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// TestHostileEncryptedFolder: a folder encrypted with a passphrase keeps
// no record in the clear, opens only with the passphrase, survives a
// change of passphrase, backup and restore, damage checks and repair, and
// can be decrypted again.
func TestHostileEncryptedFolder(t *testing.T) {
	dir := t.TempDir()
	opt := Options{Logger: quietLogger(), Words: testWords}
	older := opt
	older.valueThreshold = 4 << 10 // a folder from when long values went to the value log
	s, err := Open(dir, older)
	if err != nil {
		t.Fatal(err)
	}
	secret := "espresso tonic secret recipe"
	for i := range 50 {
		text := secret
		if i%5 == 0 {
			text += string(bytes.Repeat([]byte(" long"), 1200)) // the value log too
		}
		put(t, s, (*Tx).Mentions, &Mention{Text: text, Published: t0})
	}
	indexNow(t, s)
	want := recordsOf(dump(t, s))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := Encrypt(dir, "correct horse", opt); err != nil {
		t.Fatal(err)
	}
	if found := plaintextIn(t, dir, []byte("tonic secret")); len(found) > 0 {
		t.Fatalf("plain text left in %v", found)
	}
	if _, err := Open(dir, opt); !errors.Is(err, ErrPassphraseNeeded) {
		t.Fatalf("opened without a passphrase: %v", err)
	}
	wrong := opt
	wrong.Passphrase = "wrong horse"
	if _, err := Open(dir, wrong); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	right := opt
	right.Passphrase = "correct horse"
	s, err = Open(dir, right)
	if err != nil {
		t.Fatal(err)
	}
	sameDump(t, want, recordsOf(dump(t, s)))
	checkIndexes(t, s)

	// A backup is encrypted too, and restores with the passphrase.
	file := filepath.Join(t.TempDir(), "b.rapport-backup")
	if _, err := s.BackupToFile(file); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(file); bytes.Contains(b, []byte("tonic secret")) {
		t.Fatal("the backup holds plain text")
	}
	_ = s.Close()
	if _, err := RestoreFile(filepath.Join(t.TempDir(), "r0"), file, opt); !errors.Is(err, ErrPassphraseNeeded) {
		t.Fatalf("restore without a passphrase: %v", err)
	}
	restored := filepath.Join(t.TempDir(), "r")
	if _, err := RestoreFile(restored, file, right); err != nil {
		t.Fatal(err)
	}
	if !IsEncrypted(restored) || len(plaintextIn(t, restored, []byte("tonic secret"))) > 0 {
		t.Fatal("the restored folder is not encrypted")
	}
	r, err := Open(restored, right)
	if err != nil {
		t.Fatal(err)
	}
	sameDump(t, want, recordsOf(dump(t, r)))
	_ = r.Close()

	// A new passphrase: the old one stops working, nothing is lost.
	if err := ChangePassphrase(dir, "wrong", "battery staple"); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("change with a wrong passphrase: %v", err)
	}
	if err := ChangePassphrase(dir, "correct horse", "battery staple"); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, right); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("the old passphrase still opens it: %v", err)
	}
	right.Passphrase = "battery staple"
	s, err = Open(dir, right)
	if err != nil {
		t.Fatal(err)
	}
	sameDump(t, want, recordsOf(dump(t, s)))
	_ = s.Close()

	// Damage is found in an encrypted folder too, and repaired.
	flip(t, filesOf(t, filepath.Join(dir, DBDir), ".sst")[0], 0.3, 2)
	if _, err := Open(dir, right); !errors.Is(err, ErrDamaged) {
		t.Fatalf("damaged encrypted folder: %v", err)
	}
	rep, err := Repair(dir, right, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("repair of the encrypted folder: %v", rep.Summary())
	s, err = Open(dir, right)
	if err != nil {
		t.Fatal(err)
	}
	checkIndexes(t, s)
	n := 0
	_ = s.View(func(tx *Tx) error { n, _ = tx.Mentions().Count(); return nil })
	_ = s.Close()
	if n == 0 {
		t.Fatal("the repair of an encrypted folder recovered nothing")
	}
	if len(plaintextIn(t, filepath.Join(dir, DBDir), []byte("tonic secret"))) > 0 {
		t.Fatal("the repaired database holds plain text")
	}

	// And back to a plain folder.
	if err := Decrypt(dir, "battery staple", opt); err != nil {
		t.Fatal(err)
	}
	if IsEncrypted(dir) {
		t.Fatal("still encrypted")
	}
	s, err = Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkIndexes(t, s)
}

// recordsOf drops the id sequences from a dump: a store leases ids while
// it is open and hands the rest back when it closes.
func recordsOf(d map[string][]byte) map[string][]byte {
	for k := range d {
		if hasPrefix([]byte(k), seqKey(0)[:5]) {
			delete(d, k)
		}
	}
	return d
}
