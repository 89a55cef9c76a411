package storage

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func fill(t *testing.T, s *Store, n int) {
	t.Helper()
	err := s.Update(func(tx *Tx) error {
		src := &Source{Name: "feed"}
		if err := tx.Sources().Put(src); err != nil {
			return err
		}
		p := &Person{Name: "Maya", Handles: []Handle{{"reddit", "maya"}}}
		if err := tx.People().Put(p); err != nil {
			return err
		}
		for i := range n {
			m := &Mention{Title: "m", SourceIDs: []uint64{src.ID}, PersonID: p.ID, Published: t0.Add(time.Duration(i) * time.Second)}
			if err := tx.Mentions().Put(m); err != nil {
				return err
			}
		}
		if err := tx.Tasks().Put(&Task{Title: "t", Due: t0, PersonID: p.ID}); err != nil {
			return err
		}
		if err := tx.Interactions().Put(&Interaction{PersonID: p.ID, At: t0, Kind: "reply"}); err != nil {
			return err
		}
		if err := tx.Rules().Put(&Rule{Name: "r", Query: "coffee"}); err != nil {
			return err
		}
		if err := tx.Templates().Put(&Template{Name: "t", Body: "hi"}); err != nil {
			return err
		}
		return tx.PutDoc("business", map[string]string{"name": "x"})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestBackupRestoreHoldsExactlyTheSameRecords(t *testing.T) {
	s := openTemp(t)
	fill(t, s, 500)
	indexNow(t, s) // no word indexer at work while the two are compared
	file := filepath.Join(t.TempDir(), "b.rapport")
	h, err := s.BackupToFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if h.Counts["mentions"] != 500 {
		t.Fatalf("header counts %v", h.Counts)
	}
	want := dump(t, s)

	dir := filepath.Join(t.TempDir(), "restored")
	f, _ := os.Open(file)
	defer f.Close()
	if _, err := Restore(dir, f, Options{Logger: quietLogger(), Words: testWords}); err != nil {
		t.Fatal(err)
	}
	r, err := Open(dir, Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	sameDump(t, want, dump(t, r))
	a, _ := s.Stats()
	b, _ := r.Stats()
	for k, v := range a.Counts {
		if b.Counts[k] != v {
			t.Errorf("%s: %d after restore, %d before", k, b.Counts[k], v)
		}
	}
	// New records after a restore get fresh ids, not reused ones.
	m := &Mention{Title: "new", Published: t0}
	put(t, r, (*Tx).Mentions, m)
	if _, ok := want[string(recordKey('M', m.ID))]; ok {
		t.Errorf("restored store reused mention id %d", m.ID)
	}
}

func TestRestoreRefusesAFolderWithFiles(t *testing.T) {
	dir := t.TempDir()
	_ = os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o600)
	_, err := Restore(dir, strings.NewReader(backupMagic), Options{})
	if !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("got %v, want ErrNotEmpty", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Fatal("restore touched an existing file")
	}
}

func TestRestoreRejectsDamagedFiles(t *testing.T) {
	s := openTemp(t)
	fill(t, s, 50)
	var buf bytes.Buffer
	if _, err := s.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	full := buf.Bytes()
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"not a backup", []byte("hello world\n"), ErrNotBackup},
		{"empty", nil, ErrNotBackup},
		{"header only", full[:len(backupMagic)+5], ErrNotBackup},
		{"truncated data", full[:len(full)/2], nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "r")
			_, err := Restore(dir, bytes.NewReader(tt.data), Options{Logger: quietLogger(), Words: testWords})
			if err == nil {
				t.Fatal("restore of a damaged file succeeded")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Fatalf("failed restore left %d entries behind", len(entries))
			}
		})
	}
}
