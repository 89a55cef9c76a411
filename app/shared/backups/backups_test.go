package backups

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rapportapp/rapport/app/shared/testkit"
	"github.com/rapportapp/rapport/storage"
)

func TestScheduleRunsDailyAndKeepsN(t *testing.T) {
	st := testkit.Store(t)
	testkit.Mentions(t, st, &storage.Mention{Title: "hello", Published: time.Now()})
	folder := filepath.Join(t.TempDir(), "backups")
	_ = os.MkdirAll(folder, 0o700)
	other := filepath.Join(folder, "mine.txt") // not ours: never touched
	_ = os.WriteFile(other, []byte("x"), 0o600)
	if err := Save(st, Schedule{Enabled: true, Folder: folder, Keep: 3, Every: 24 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
	for i := range 5 {
		now := day.Add(time.Duration(i) * 24 * time.Hour)
		file, err := RunIfDue(st, now)
		if err != nil || file == "" {
			t.Fatalf("day %d: %q, %v", i, file, err)
		}
		if again, _ := RunIfDue(st, now.Add(time.Hour)); again != "" {
			t.Fatalf("day %d: ran twice", i)
		}
	}
	entries, _ := os.ReadDir(folder)
	if len(entries) != 4 { // three backups and mine.txt
		t.Fatalf("%d files in the folder", len(entries))
	}
	if _, err := os.Stat(other); err != nil {
		t.Fatal("a file that is not an automatic backup was removed")
	}
	_, status, _ := Load(st)
	res, err := storage.RestoreFile(filepath.Join(t.TempDir(), "r"), status.File, storage.Options{})
	if err != nil || res.Counts["mentions"] != 1 {
		t.Fatalf("the last automatic backup restores %v, %v", res.Counts, err)
	}
}

func TestScheduleValidation(t *testing.T) {
	for _, s := range []Schedule{
		{Enabled: true, Folder: "relative", Keep: 3, Every: DefaultEvery},
		{Enabled: true, Folder: "/tmp/x", Keep: 0, Every: DefaultEvery},
		{Enabled: true, Folder: "/tmp/x", Keep: 3, Every: time.Minute},
	} {
		if s.Validate() == nil {
			t.Errorf("%+v accepted", s)
		}
	}
}

func TestFailedBackupIsRecordedAndRetriedLater(t *testing.T) {
	st := testkit.Store(t)
	file := filepath.Join(t.TempDir(), "not-a-folder")
	_ = os.WriteFile(file, nil, 0o600)
	sch := Schedule{Enabled: true, Folder: file, Keep: 3, Every: DefaultEvery}
	if err := st.Update(func(tx *storage.Tx) error { return tx.PutDoc(docSchedule, &sch) }); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
	if _, err := RunIfDue(st, now); err == nil {
		t.Fatal("a backup into a file instead of a folder succeeded")
	}
	_, status, _ := Load(st)
	if status.LastError == "" {
		t.Fatal("the failure was not recorded")
	}
	if Due(sch, status, now.Add(time.Minute)) || !Due(sch, status, now.Add(2*time.Hour)) {
		t.Fatal("a failed backup is retried an hour later, not at once")
	}
}
