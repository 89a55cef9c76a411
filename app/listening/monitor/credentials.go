package monitor

import (
	"errors"
	"fmt"

	"github.com/rapportapp/rapport/app/shared/secrets"
	"github.com/rapportapp/rapport/storage"
)

// Feeds behind a password (https://user:password@host/feed). The password
// is never stored in the source, shown, exported or backed up: it goes to
// the system keyring (package secrets), and the source keeps its address
// with the user name only. A check puts the password back into the
// request alone.

// vault is where passwords are kept.
func (s *Service) vault() secrets.Vault {
	if s.p.Secrets != nil {
		return *s.p.Secrets
	}
	return secrets.Vault{Store: s.p.Store}
}

// keepPassword takes the password out of r.URL into the vault. The
// returned warning is set when no keyring was available.
func (s *Service) keepPassword(r *AddRequest) (warning string, err error) {
	bare, password := secrets.SplitURL(r.URL)
	if password == "" {
		return "", nil
	}
	r.URL = bare
	err = s.vault().Put(secrets.FeedName(bare), password)
	if errors.Is(err, secrets.ErrKeptInFolder) {
		return err.Error(), nil
	}
	if err != nil {
		return "", fmt.Errorf("keep the feed's password: %w", err)
	}
	return "", nil
}

// requestURL is the address a check asks for: with the source's password
// when it has one.
func (s *Service) requestURL(src storage.Source) string {
	bare, password := secrets.SplitURL(src.URL)
	if password != "" || !secrets.HasUser(bare) { // no password, or one stored before they were kept apart
		return src.URL
	}
	password, err := s.vault().Get(secrets.FeedName(bare))
	if err != nil {
		return bare
	}
	return secrets.WithPassword(bare, password)
}

// MovePasswords moves the passwords that sources stored before this
// version keep in their addresses into the keyring, and compacts the
// store so the old addresses leave its files too. It returns how many it
// moved.
func (s *Service) MovePasswords() (int, error) {
	var srcs []storage.Source
	err := s.p.Store.View(func(tx *storage.Tx) error {
		return tx.Sources().Each(func(src *storage.Source) error {
			if _, p := secrets.SplitURL(src.URL); p != "" {
				srcs = append(srcs, *src)
			}
			return nil
		})
	})
	if err != nil || len(srcs) == 0 {
		return 0, err
	}
	for i := range srcs {
		r := AddRequest{URL: srcs[i].URL}
		if _, err := s.keepPassword(&r); err != nil {
			return i, err
		}
		id, url := srcs[i].ID, r.URL
		err := s.p.Store.Update(func(tx *storage.Tx) error {
			src, err := tx.Sources().Get(id)
			if err != nil {
				return err
			}
			src.URL = url
			return tx.Sources().Put(&src)
		})
		if err != nil {
			return i, err
		}
	}
	return len(srcs), s.p.Store.Compact()
}
