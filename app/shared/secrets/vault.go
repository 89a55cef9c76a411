package secrets

import (
	"errors"
	"net/url"

	"github.com/rapportapp/rapport/storage"
)

// Vault keeps the passwords of feeds: in the keyring, or, where there is
// none, in the data folder under a key that backups leave out.
type Vault struct {
	Keyring Keyring // nil: System
	Store   *storage.Store
}

func (v Vault) keyring() Keyring {
	if v.Keyring != nil {
		return v.Keyring
	}
	return System{}
}

// ErrKeptInFolder is returned (with the secret kept) when no keyring was
// available and the secret went into the data folder instead.
var ErrKeptInFolder = errors.New("no system keyring is available, so the password is kept in the data folder (left out of backups and exports; 'rapport encrypt' protects the folder)")

// Put keeps a secret. It returns ErrKeptInFolder when it had to keep it in
// the data folder.
func (v Vault) Put(name, secret string) error {
	err := v.keyring().Set(name, secret)
	if err == nil {
		_ = v.Store.Update(func(tx *storage.Tx) error { return tx.DeleteSecret(name) })
		return nil
	}
	if !errors.Is(err, ErrUnavailable) {
		return err
	}
	if err := v.Store.Update(func(tx *storage.Tx) error { return tx.PutSecret(name, secret) }); err != nil {
		return err
	}
	return ErrKeptInFolder
}

// Get reads a secret from the keyring or the data folder; ErrNotFound if
// neither has it.
func (v Vault) Get(name string) (string, error) {
	s, err := v.keyring().Get(name)
	if err == nil {
		return s, nil
	}
	var ok bool
	if verr := v.Store.View(func(tx *storage.Tx) (err error) { s, ok, err = tx.GetSecret(name); return err }); verr != nil {
		return "", verr
	}
	if !ok {
		return "", ErrNotFound
	}
	return s, nil
}

// Delete forgets a secret wherever it is kept.
func (v Vault) Delete(name string) error {
	err := v.keyring().Delete(name)
	if errors.Is(err, ErrUnavailable) {
		err = nil
	}
	return errors.Join(err, v.Store.Update(func(tx *storage.Tx) error { return tx.DeleteSecret(name) }))
}

// FeedName is the name of a feed's password: its address with the user
// name and without the password.
func FeedName(bare string) string { return "feed " + bare }

// SplitURL takes the password out of a web address: it returns the
// address with the user name only, and the password ("" if there was
// none).
func SplitURL(raw string) (bare, password string) {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw, ""
	}
	password, _ = u.User.Password()
	if password == "" {
		return raw, ""
	}
	u.User = url.User(u.User.Username())
	return u.String(), password
}

// WithPassword puts a password back into an address (for the request
// only; it is never stored or shown).
func WithPassword(bare, password string) string {
	u, err := url.Parse(bare)
	if err != nil || u.User == nil || password == "" {
		return bare
	}
	u.User = url.UserPassword(u.User.Username(), password)
	return u.String()
}

// Redact removes the user name and password from an address, for exports
// and messages.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	u.User = nil
	return u.String()
}

// HasUser reports whether an address names a user.
func HasUser(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.User != nil
}
