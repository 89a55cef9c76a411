package workspace

import (
	"errors"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/rapportapp/rapport/app/shared/secrets"
	"github.com/rapportapp/rapport/storage"
)

// TestUnlockAnEncryptedFolder is what the passphrase window relies on: an
// encrypted folder does not open without its passphrase, a wrong one says
// so plainly, the right one opens it and, if asked, is remembered; a
// keyring that is not there leaves the folder open with a plain warning.
func TestUnlockAnEncryptedFolder(t *testing.T) {
	keyring.MockInit()
	dir := t.TempDir()
	w, err := Open(dir, quiet())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	const pass = "coffee beans roast"
	if err := storage.Encrypt(dir, pass, StoreOptions(quiet())); err != nil {
		t.Fatal(err)
	}
	if !Encrypted(dir) {
		t.Fatal("Encrypted: false after encrypting")
	}
	if _, err := Open(dir, quiet()); !errors.Is(err, ErrPassphraseNeeded) {
		t.Fatalf("open without a passphrase: %v", err)
	}
	if RememberedPassphrase(dir, nil) != "" {
		t.Fatal("a passphrase is remembered before anyone asked")
	}
	_, _, err = Unlock(dir, "not the passphrase", true, nil, quiet())
	if !errors.Is(err, ErrWrongPassphrase) || UnlockMessage(err) != "That is not the passphrase of this data folder. Try again." {
		t.Fatalf("a wrong passphrase: %v (%q)", err, UnlockMessage(err))
	}
	if RememberedPassphrase(dir, nil) != "" {
		t.Fatal("a wrong passphrase was remembered")
	}

	w, warning, err := Unlock(dir, pass, true, nil, quiet())
	if err != nil || warning != "" {
		t.Fatalf("the right passphrase: %v %q", err, warning)
	}
	if _, _, err := Unlock(dir, pass, false, nil, quiet()); !errors.Is(err, ErrLocked) || !strings.Contains(UnlockMessage(err), "already running") {
		t.Errorf("a second Rapport: %v (%q)", err, UnlockMessage(err))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got := RememberedPassphrase(dir, nil); got != pass {
		t.Fatalf("remembered %q", got)
	}

	keyring.MockInitWithError(errors.New("the name org.freedesktop.secrets was not provided by any .service files"))
	defer keyring.MockInit()
	if RememberedPassphrase(dir, nil) != "" {
		t.Fatal("a keyring that is not there remembers")
	}
	w, warning, err = Unlock(dir, pass, true, secrets.System{}, quiet())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if !strings.HasPrefix(warning, "The passphrase could not be remembered: this computer has no system keyring running") || strings.Contains(warning, "freedesktop") {
		t.Errorf("warning %q", warning)
	}
}
