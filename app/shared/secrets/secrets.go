// Package secrets keeps what must not be shown, exported or backed up —
// the passwords inside feed addresses and, if the owner asks, the
// passphrase of an encrypted data folder — in the system keyring
// (github.com/zalando/go-keyring: the Secret Service on Linux, the
// Keychain on macOS, the Credential Manager on Windows; no cgo).
//
// Where no keyring is available (a server without a desktop session, CI),
// a feed's password is kept in the data folder instead, under a key that
// backups leave out (storage.PutSecret), and the owner is told so; a
// passphrase is then not remembered at all.
package secrets

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/zalando/go-keyring"
)

// Service is the name Rapport's entries have in the keyring.
const Service = "Rapport"

// ErrNotFound reports a secret that is not kept.
var ErrNotFound = errors.New("not in the keyring")

// ErrUnavailable reports that there is no system keyring to use.
var ErrUnavailable = errors.New("no system keyring is available")

// Keyring stores secrets by name.
type Keyring interface {
	Get(name string) (string, error)
	Set(name, secret string) error
	Delete(name string) error
}

// System is the system keyring. Its errors match ErrNotFound or
// ErrUnavailable.
type System struct{}

// Get reads a secret.
func (System) Get(name string) (string, error) {
	s, err := keyring.Get(Service, name)
	return s, wrap(err)
}

// Set stores a secret.
func (System) Set(name, secret string) error { return wrap(keyring.Set(Service, name, secret)) }

// Delete removes a secret; a missing one is not an error.
func (System) Delete(name string) error {
	err := wrap(keyring.Delete(Service, name))
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

func wrap(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return ErrNotFound
	default:
		return fmt.Errorf("%w (%v)", ErrUnavailable, err)
	}
}

// PassphraseName is the name of a data folder's passphrase in the keyring.
func PassphraseName(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return "passphrase of " + dir
}
