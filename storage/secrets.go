package storage

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// Secrets are values kept in the store only when the system keyring is
// not available (credentials of feeds, app/shared/secrets). They are never
// written to a backup: a backup is a file that travels.
//
//	0x00 "secret" 0x00 name → value
var prefixSecret = []byte{prefixMeta, 's', 'e', 'c', 'r', 'e', 't', 0}

func isSecretKey(k []byte) bool {
	return len(k) >= len(prefixSecret) && string(k[:len(prefixSecret)]) == string(prefixSecret)
}

func secretKey(name string) []byte { return append(append([]byte(nil), prefixSecret...), name...) }

// PutSecret keeps a secret in the store (only where no system keyring is
// available; package secrets decides).
func (tx *Tx) PutSecret(name, value string) error { return tx.set(secretKey(name), []byte(value)) }

// GetSecret reads a secret kept in the store; ok is false if there is none.
func (tx *Tx) GetSecret(name string) (value string, ok bool, err error) {
	item, err := tx.txn.Get(secretKey(name))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read a secret: %w", err)
	}
	v, err := item.ValueCopy(nil)
	return string(v), err == nil, err
}

// DeleteSecret removes a secret kept in the store.
func (tx *Tx) DeleteSecret(name string) error { return tx.del(secretKey(name)) }
