package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dgraph-io/badger/v4"
	"github.com/gofrs/flock"
)

// Encrypt encrypts the data folder dir, which must not be encrypted yet
// nor open elsewhere, with a new random data key sealed under passphrase.
// Badger cannot encrypt a database in place: every key is copied into a
// new, encrypted database, which then replaces the old one (swap.go); the
// old, unencrypted one is deleted.
func Encrypt(dir, passphrase string, opt Options) error {
	if IsEncrypted(dir) {
		return errors.New("this data folder is already encrypted; use 'passphrase change' to change its passphrase")
	}
	key := randomBytes(keyLen)
	e, err := sealKey(passphrase, key)
	if err != nil {
		return err
	}
	opt.Passphrase = ""
	return convert(dir, opt, key, e)
}

// Decrypt stores the encrypted data folder dir unencrypted again.
func Decrypt(dir, passphrase string, opt Options) error {
	if !IsEncrypted(dir) {
		return errors.New("this data folder is not encrypted")
	}
	opt.Passphrase = passphrase
	return convert(dir, opt, nil, nil)
}

// convert copies every key of dir's database into a new one encrypted
// with key (nil: not encrypted), checks that every key arrived, and swaps
// it in with the key file e (nil: none).
func convert(dir string, opt Options, key []byte, e *keyEnvelope) error {
	if opt.Logger == nil {
		opt.Logger = discardLogger()
	}
	opt.NoBackupServer = true
	opt.HoldWordQueue = true // nothing writes while the keys are copied and counted
	s, err := Open(dir, opt)
	if err != nil {
		return err
	}
	work := filepath.Join(dir, "converting")
	err = copyInto(s, work, key, opt)
	keyAction := "remove"
	if err == nil && e != nil {
		keyAction = "set"
		err = writeEnvelope(filepath.Join(dir, KeyFile+".new"), e)
	}
	if err == nil {
		err = writeSwapPlan(dir, swapPlan{New: filepath.Join("converting", DBDir), Old: "db.old", Key: keyAction})
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.RemoveAll(work)
		_ = os.Remove(filepath.Join(dir, KeyFile+".new"))
		return err
	}
	// The journal is written: whoever takes the lock next finishes the
	// swap, this process or an Open that came first.
	lk := flock.New(filepath.Join(dir, LockFile))
	if ok, _ := lk.TryLock(); ok {
		err = finishSwap(dir)
		_ = lk.Unlock()
	}
	if err == nil {
		err = os.RemoveAll(work)
	}
	return err
}

// copyInto writes every key of s (secrets included) into a new database
// in work and checks that the two hold the same number of keys.
func copyInto(s *Store, work string, key []byte, opt Options) error {
	if err := os.RemoveAll(work); err != nil {
		return err
	}
	ndb, err := badger.Open(badgerOptions(filepath.Join(work, DBDir), opt).WithEncryptionKey(key))
	if err != nil {
		return err
	}
	pr, pw := io.Pipe()
	go func() {
		_, err := s.db.Backup(pw, 0)
		pw.CloseWithError(err)
	}()
	err = ndb.Load(pr, 64)
	_ = pr.Close()
	if err == nil {
		have, want := countKeys(ndb), countKeys(s.db)
		if have != want {
			err = fmt.Errorf("the copy holds %d keys, the database %d; nothing was changed", have, want)
		}
	}
	if cerr := ndb.Close(); err == nil {
		err = cerr
	}
	return err
}

func countKeys(db *badger.DB) int {
	n := 0
	_ = db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			if !hasPrefix(it.Item().Key(), []byte("!badger!")) {
				n++
			}
		}
		return nil
	})
	return n
}
