package workspace

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/rapportapp/rapport/app/shared/secrets"
	"github.com/rapportapp/rapport/storage"
)

// ErrPassphraseNeeded is what Open returns for an encrypted data folder:
// open it with Unlock.
var ErrPassphraseNeeded = storage.ErrPassphraseNeeded

// ErrWrongPassphrase is what Unlock returns for a passphrase that does not
// open the folder.
var ErrWrongPassphrase = storage.ErrWrongPassphrase

// Encrypted reports whether the data folder dir is encrypted, so that the
// app asks for its passphrase before it opens it.
func Encrypted(dir string) bool { return storage.IsEncrypted(dir) }

// RememberedPassphrase returns the passphrase of dir kept in the keyring
// ('passphrase remember', or the window's "Remember" box), or "".
func RememberedPassphrase(dir string, kr secrets.Keyring) string {
	if kr == nil {
		kr = secrets.System{}
	}
	p, err := kr.Get(secrets.PassphraseName(dir))
	if err != nil {
		return ""
	}
	return p
}

// Unlock opens the encrypted data folder dir with passphrase. With
// remember, the passphrase is kept in the keyring kr (nil: the system's);
// when that fails the folder is open all the same and warning says why.
func Unlock(dir, passphrase string, remember bool, kr secrets.Keyring, log *slog.Logger) (w *Workspace, warning string, err error) {
	return UnlockContext(context.Background(), dir, passphrase, remember, kr, nil, log)
}

// UnlockContext is Unlock that stops an update of an older folder when ctx
// ends (an error matching storage.ErrOpenStopped), with progress hearing
// how far it got (nil: nothing hears).
func UnlockContext(ctx context.Context, dir, passphrase string, remember bool, kr secrets.Keyring, progress func(storage.Progress), log *slog.Logger) (w *Workspace, warning string, err error) {
	opt := StoreOptions(log)
	opt.Passphrase = passphrase
	opt.Progress = progress
	if w, err = OpenContext(ctx, dir, opt, log); err != nil {
		return nil, "", err
	}
	if remember {
		if kr == nil {
			kr = secrets.System{}
		}
		if err := kr.Set(secrets.PassphraseName(dir), passphrase); err != nil {
			w.Log.Warn("remember the passphrase", "err", err)
			warning = fmt.Sprintf("The passphrase could not be remembered: %v. Rapport will ask for it next time.", err)
			if errors.Is(err, secrets.ErrUnavailable) {
				warning = "The passphrase could not be remembered: this computer has no system keyring running " +
					"(on Linux, the Secret Service of GNOME Keyring or KWallet). Rapport will ask for it next time."
			}
		}
	}
	return w, warning, nil
}

// UnlockMessage is what the passphrase window shows for an error of
// Unlock.
func UnlockMessage(err error) string {
	switch {
	case errors.Is(err, storage.ErrWrongPassphrase):
		return "That is not the passphrase of this data folder. Try again."
	case errors.Is(err, storage.ErrLocked):
		return LockedMessage("this folder")
	case errors.Is(err, storage.ErrDamaged):
		return DamagedMessage(err)
	}
	return err.Error()
}
