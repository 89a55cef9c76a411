package storage

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
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
	// Someone alike, settled and not: the likeness index and its marks travel too.
	put(t, s, (*Tx).People, &Person{Name: "Maya L", Handles: []Handle{{"mastodon", "@maya@example.social"}}})
	if _, err := s.SharedLikeness(50); err != nil {
		t.Fatal(err)
	}
	put(t, s, (*Tx).People, &Person{Name: "Maya M", Handles: []Handle{{"bluesky", "maya.bsky.social"}}})
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
	if groups, err := r.SharedLikeness(50); err != nil || len(groups) != 1 || len(groups[0].IDs) != 3 {
		t.Errorf("who is alike after restore: %v %v", groups, err)
	}
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

// editHeader rewrites the "mentions" count in a backup's header line.
func editHeader(t *testing.T, b []byte, to string) []byte {
	t.Helper()
	nl := bytes.IndexByte(b[len(backupMagic):], '\n') + len(backupMagic)
	head := string(b[:nl])
	i := strings.Index(head, `"mentions":`)
	if i < 0 {
		t.Fatalf("no mentions count in %q", head)
	}
	j := i + len(`"mentions":`)
	k := j
	for k < len(head) && head[k] >= '0' && head[k] <= '9' {
		k++
	}
	return append([]byte(head[:j]+to+head[k:]), b[nl:]...)
}

// TestHostileEditedBackupIsRefused: a backup whose header counts were
// edited was restored and its counts printed ("Restored 999999
// mentions"). The checksum covers the header: the file is refused, and
// nothing is left in the folder.
func TestHostileEditedBackupIsRefused(t *testing.T) {
	s := openTemp(t)
	fill(t, s, 500)
	var buf bytes.Buffer
	if _, err := s.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	full := buf.Bytes()
	flipped := bytes.Clone(full)
	flipped[len(flipped)/2] ^= 0x01
	tests := []struct {
		name string
		data []byte
	}{
		{"counts edited", editHeader(t, full, "999999")},
		{"one bit of the body flipped", flipped},
		{"checksum cut off", full[:len(full)-32]},
		{"last frame cut off", full[:len(full)-40]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "r")
			_, err := Restore(dir, bytes.NewReader(tt.data), Options{Logger: quietLogger(), Words: testWords})
			if !errors.Is(err, ErrBackupDamaged) {
				t.Fatalf("got %v, want ErrBackupDamaged", err)
			}
			if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("a refused restore left %s behind", dir)
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".*")); len(left) > 0 {
				t.Fatalf("a refused restore left %v behind", left)
			}
		})
	}
}

// TestHostileRestoreCountsWhatItRestored: a version 1 backup has no
// checksum; its edited counts are not believed but counted.
func TestHostileRestoreCountsWhatItRestored(t *testing.T) {
	s := openTemp(t)
	fill(t, s, 50)
	var buf bytes.Buffer
	st, _ := s.Stats()
	h := BackupHeader{Schema: SchemaVersion, Created: t0, Counts: st.Counts}
	hb, _ := json.Marshal(h)
	buf.WriteString(backupMagicV1 + string(hb) + "\n")
	zw := gzip.NewWriter(&buf)
	if _, err := s.db.Backup(zw, 0); err != nil {
		t.Fatal(err)
	}
	_ = zw.Close()
	v1 := editHeader(t, buf.Bytes(), "999999")
	res, err := Restore(filepath.Join(t.TempDir(), "r"), bytes.NewReader(v1), Options{Logger: quietLogger(), Words: testWords})
	if err != nil {
		t.Fatal(err)
	}
	if res.Counts["mentions"] != 50 || res.Verified || !slices.Equal(res.Differs(), []string{"mentions"}) {
		t.Fatalf("restored %v (verified %v), differs %v", res.Counts, res.Verified, res.Differs())
	}
}
