package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

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

// runWith runs a command line with a passphrase prompt that answers from
// answers, one per call.
func runWith(t *testing.T, dir string, answers []string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{
		Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Version: "test", DataDir: dir,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now,
	}
	if answers != nil {
		env.Prompt = func(string) (string, error) {
			if len(answers) == 0 {
				return "", errors.New("no more answers")
			}
			a := answers[0]
			answers = answers[1:]
			return a, nil
		}
	}
	code := Run(context.Background(), args, env)
	return result{code, out.String(), errb.String()}
}

// TestEncryptedFolderFromTheCommandLine goes through what an owner does:
// encrypt, be asked, remember the passphrase in the keyring (go-keyring's
// mock), change it, and decrypt.
func TestEncryptedFolderFromTheCommandLine(t *testing.T) {
	keyring.MockInit()
	dir := t.TempDir()
	if r := run(t, dir, "sample"); r.code != 0 {
		t.Fatalf("sample: %s", r.stderr)
	}
	if r := runWith(t, dir, []string{"short"}, "encrypt"); r.code == 0 || !strings.Contains(r.stderr, "shorter than 8") {
		t.Fatalf("a short passphrase: %+v", r)
	}
	if r := runWith(t, dir, []string{"coffee beans roast", "coffee beans roast"}, "encrypt"); r.code != 0 {
		t.Fatalf("encrypt: %s", r.stderr)
	}
	r := run(t, dir, "stats") // no prompt, no keyring entry: cron
	oneLineError(t, r, "a passphrase is needed")
	r = runWith(t, dir, []string{"wrong passphrase"}, "stats")
	oneLineError(t, r, "passphrase is not right")
	if r := runWith(t, dir, []string{"coffee beans roast"}, "stats"); r.code != 0 || !strings.Contains(r.stdout, "mentions") {
		t.Fatalf("stats with the passphrase: %+v", r)
	}
	if r := runWith(t, dir, []string{"coffee beans roast"}, "passphrase", "remember"); r.code != 0 {
		t.Fatalf("remember: %s", r.stderr)
	}
	if r := run(t, dir, "stats"); r.code != 0 {
		t.Fatalf("stats with the remembered passphrase: %s", r.stderr)
	}
	if r := runWith(t, dir, []string{"new beans please", "new beans please"}, "passphrase", "change"); r.code != 0 {
		t.Fatalf("change: %s", r.stderr)
	}
	if r := run(t, dir, "stats"); r.code != 0 { // the keyring followed the change
		t.Fatalf("stats after the change: %s", r.stderr)
	}
	if r := run(t, dir, "decrypt"); r.code != 0 {
		t.Fatalf("decrypt: %s", r.stderr)
	}
	if r := run(t, dir, "stats"); r.code != 0 || storage.IsEncrypted(dir) {
		t.Fatalf("after decrypt: %s", r.stderr)
	}
}

// TestHostileNoKeyring: with no keyring (no desktop session, CI), the
// passphrase is not remembered, and the owner is told so.
func TestHostileNoKeyring(t *testing.T) {
	keyring.MockInitWithError(errors.New("the name org.freedesktop.secrets was not provided by any .service files"))
	defer keyring.MockInit()
	dir := t.TempDir()
	if r := run(t, dir, "sample"); r.code != 0 {
		t.Fatalf("sample: %s", r.stderr)
	}
	if r := runWith(t, dir, []string{"coffee beans roast", "coffee beans roast"}, "encrypt"); r.code != 0 {
		t.Fatalf("encrypt: %s", r.stderr)
	}
	r := runWith(t, dir, []string{"coffee beans roast"}, "passphrase", "remember")
	oneLineError(t, r, "no system keyring is available")
	if r := runWith(t, dir, []string{"coffee beans roast"}, "stats"); r.code != 0 {
		t.Fatalf("stats still asks and works: %s", r.stderr)
	}
}
