package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

// TestHostileBackupWhileTheAppRuns: 'backup' was refused while the app had
// the folder open, although its help said the app may keep running. The
// app (here a workspace held open in this process) now writes it.
func TestHostileBackupWhileTheAppRuns(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, "sample"); r.code != 0 {
		t.Fatalf("sample: %s", r.stderr)
	}
	app, err := workspace.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	file := filepath.Join(t.TempDir(), "nightly.rapport-backup")
	r := run(t, dir, "backup", file)
	if r.code != 0 {
		t.Fatalf("backup while the app runs: %s", r.stderr)
	}
	if !strings.Contains(r.stdout, "Backed up") {
		t.Fatalf("stdout %q", r.stdout)
	}
	st, _ := app.Store.Stats()
	res, err := storage.RestoreFile(filepath.Join(t.TempDir(), "r"), file, workspace.StoreOptions(nil))
	if err != nil {
		t.Fatal(err)
	}
	if res.Counts["mentions"] != st.Counts["mentions"] || !res.Verified {
		t.Fatalf("restored %d mentions (verified %v), the app has %d", res.Counts["mentions"], res.Verified, st.Counts["mentions"])
	}
}

// TestHostileEditedBackupIsRefusedByRestore: the command line says the
// file is damaged, restores nothing, and leaves no folder behind.
func TestHostileEditedBackupIsRefusedByRestore(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, "sample"); r.code != 0 {
		t.Fatalf("sample: %s", r.stderr)
	}
	file := filepath.Join(t.TempDir(), "b.rapport-backup")
	if r := run(t, dir, "backup", file); r.code != 0 {
		t.Fatal(r.stderr)
	}
	b, _ := os.ReadFile(file)
	i := strings.Index(string(b), `"mentions":`) + len(`"mentions":`)
	edited := string(b[:i]) + "999999" + strings.TrimLeft(string(b[i:]), "0123456789")
	_ = os.WriteFile(file, []byte(edited), 0o600)
	target := filepath.Join(t.TempDir(), "restored")
	r := run(t, target, "restore", file)
	oneLineError(t, r, "does not match its checksum")
	if strings.Contains(r.stdout, "999999") {
		t.Errorf("printed the edited count: %q", r.stdout)
	}
	if _, err := os.Stat(target); !os.IsNotExist(err) {
		t.Errorf("the refused restore left %s", target)
	}
}
