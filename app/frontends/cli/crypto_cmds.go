package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/rapportapp/rapport/app/shared/secrets"
	"github.com/rapportapp/rapport/app/shared/workspace"
	"github.com/rapportapp/rapport/storage"
)

func init() {
	Register(&Command{
		Name: "encrypt", Summary: "encrypt the data folder with a passphrase",
		Help: `Copies the database into a new one encrypted with a random key, sealed under a
passphrase you choose (asked twice at the terminal, or read from the file that
RAPPORT_NEW_PASSPHRASE_FILE names), and deletes the unencrypted one. Backups made
from then on are encrypted with the same passphrase; backups made before are not.
Without the passphrase the data cannot be read: keep it somewhere safe. See
docs/storage.md for what is and is not protected. The app must be closed.`,
		Run: runEncrypt,
	})
	Register(&Command{
		Name: "decrypt", Summary: "store the data folder unencrypted again",
		Run: runDecrypt,
	})
	Register(&Command{
		Name: "passphrase change", Summary: "change the passphrase of an encrypted data folder",
		Help: `Seals the folder's key under the new passphrase; the database itself is not
rewritten, so this is quick and works while the app runs. Backups made before
keep opening with the passphrase they were made with.`,
		Run: runPassphraseChange,
	})
	Register(&Command{
		Name: "passphrase remember", Summary: "keep the passphrase in the system keyring, so Rapport opens without asking",
		Run: runPassphraseRemember,
	})
	Register(&Command{
		Name: "passphrase forget", Summary: "remove the passphrase from the system keyring",
		Run: runPassphraseForget,
	})
}

// newPassphrase asks for a new passphrase twice, or reads it from the
// file RAPPORT_NEW_PASSPHRASE_FILE names.
func (env *Env) newPassphrase() (string, error) {
	if f := os.Getenv("RAPPORT_NEW_PASSPHRASE_FILE"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("read the new passphrase from RAPPORT_NEW_PASSPHRASE_FILE: %w", err)
		}
		p := strings.TrimRight(string(b), "\r\n")
		if p == "" {
			return "", errors.New("the new passphrase is empty")
		}
		return p, nil
	}
	if env.Prompt == nil {
		return "", errors.New("a new passphrase is needed: type it at a terminal, or set RAPPORT_NEW_PASSPHRASE_FILE to a file that holds it")
	}
	p, err := env.Prompt("new")
	if err != nil {
		return "", err
	}
	if len(p) < 8 {
		return "", errors.New("the passphrase is shorter than 8 characters; choose a longer one (a few unrelated words are easy to remember)")
	}
	again, err := env.Prompt("new, again")
	if err != nil {
		return "", err
	}
	if again != p {
		return "", errors.New("the two passphrases differ; nothing was changed")
	}
	return p, nil
}

func (env *Env) lockedOr(err error) error {
	if errors.Is(err, storage.ErrLocked) {
		return errors.New(workspace.LockedMessage(env.DataDir) + " Close it first.")
	}
	return err
}

func runEncrypt(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return usagef("encrypt takes no arguments")
	}
	if storage.IsEncrypted(env.DataDir) {
		return errors.New("this data folder is already encrypted; 'rapport passphrase change' changes its passphrase")
	}
	p, err := env.newPassphrase()
	if err != nil {
		return err
	}
	if err := storage.Encrypt(env.DataDir, p, workspace.StoreOptions(env.Log)); err != nil {
		return env.lockedOr(err)
	}
	fmt.Fprintf(env.Stdout, "Encrypted %s. Rapport asks for the passphrase when it opens the folder ('rapport passphrase remember' keeps it in the system keyring).\n", env.DataDir)
	return nil
}

func runDecrypt(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return usagef("decrypt takes no arguments")
	}
	if !storage.IsEncrypted(env.DataDir) {
		return errors.New("this data folder is not encrypted")
	}
	p, err := env.passphrase("the data folder's", true)
	if err != nil {
		return err
	}
	if err := storage.Decrypt(env.DataDir, p, workspace.StoreOptions(env.Log)); err != nil {
		return env.lockedOr(err)
	}
	_ = env.keyring().Delete(secrets.PassphraseName(env.DataDir))
	fmt.Fprintf(env.Stdout, "%s is stored unencrypted again.\n", env.DataDir)
	return nil
}

func runPassphraseChange(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return usagef("passphrase change takes no arguments")
	}
	old, err := env.passphrase("current", true)
	if err != nil {
		return err
	}
	if err := storage.CheckPassphrase(env.DataDir, old); err != nil {
		return err
	}
	p, err := env.newPassphrase()
	if err != nil {
		return err
	}
	if err := storage.ChangePassphrase(env.DataDir, old, p); err != nil {
		return err
	}
	kr := env.keyring()
	if _, err := kr.Get(secrets.PassphraseName(env.DataDir)); err == nil {
		if err := kr.Set(secrets.PassphraseName(env.DataDir), p); err != nil {
			fmt.Fprintf(env.Stderr, "warning: the keyring still holds the old passphrase and could not be updated (%v); run 'rapport passphrase forget'\n", err)
		}
	}
	fmt.Fprintln(env.Stdout, "Changed the passphrase. Backups made before still open with the old one.")
	return nil
}

func runPassphraseRemember(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return usagef("passphrase remember takes no arguments")
	}
	if !storage.IsEncrypted(env.DataDir) {
		return errors.New("this data folder is not encrypted")
	}
	p, err := env.passphrase("the data folder's", false)
	if err != nil {
		return err
	}
	if err := storage.CheckPassphrase(env.DataDir, p); err != nil {
		return err
	}
	if err := env.keyring().Set(secrets.PassphraseName(env.DataDir), p); err != nil {
		if errors.Is(err, secrets.ErrUnavailable) {
			return fmt.Errorf("%w, so the passphrase cannot be remembered here; Rapport will keep asking for it", err)
		}
		return err
	}
	fmt.Fprintln(env.Stdout, "The passphrase is kept in the system keyring; Rapport opens this folder without asking.")
	return nil
}

func runPassphraseForget(_ context.Context, env *Env, fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return usagef("passphrase forget takes no arguments")
	}
	if err := env.keyring().Delete(secrets.PassphraseName(env.DataDir)); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "The passphrase is no longer kept in the system keyring.")
	return nil
}
