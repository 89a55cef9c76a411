package cli

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/rapportapp/rapport/app/shared/secrets"
	"github.com/rapportapp/rapport/storage"
)

// passphrase finds the passphrase of the data folder (or of a backup, as
// what says): in the file RAPPORT_PASSPHRASE_FILE names, in the system
// keyring (only the folder's own, remembered with 'passphrase remember'),
// or typed at the terminal. Without any of them it says how to give one.
func (env *Env) passphrase(what string, folder bool) (string, error) {
	if f := os.Getenv("RAPPORT_PASSPHRASE_FILE"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("read the passphrase from RAPPORT_PASSPHRASE_FILE: %w", err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	if folder {
		if p, err := env.keyring().Get(secrets.PassphraseName(env.DataDir)); err == nil {
			return p, nil
		}
	}
	if env.Prompt != nil {
		return env.Prompt(what)
	}
	return "", fmt.Errorf("%w. Type it at a terminal, set RAPPORT_PASSPHRASE_FILE to a file that holds it, or keep it in the system keyring with 'rapport passphrase remember'", storage.ErrPassphraseNeeded)
}

// keyring is the keyring commands use (the system's unless a test set one).
func (env *Env) keyring() secrets.Keyring {
	if env.Keyring != nil {
		return env.Keyring
	}
	return secrets.System{}
}

// TerminalPrompt asks for a passphrase on the terminal without echoing
// it; nil when standard input is not a terminal (cron, a pipe).
func TerminalPrompt(stderr *os.File) func(what string) (string, error) {
	if !term.IsTerminal(int(os.Stdin.Fd())) {
		return nil
	}
	return func(what string) (string, error) {
		fmt.Fprintf(stderr, "Passphrase (%s): ", what)
		b, err := term.ReadPassword(int(os.Stdin.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("read the passphrase: %w", err)
		}
		return string(b), nil
	}
}
