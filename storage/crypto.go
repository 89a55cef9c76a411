package storage

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
)

// Encryption at rest (docs/storage.md, "Encryption"). An encrypted data
// folder is a Badger database encrypted with a random 32-byte data key
// (AES-256, Badger's own encryption with its key registry), and the file
// KeyFile holding that data key sealed under a key derived from the
// owner's passphrase with Argon2id. Changing the passphrase seals the same
// data key again and replaces KeyFile; the database is not touched.
//
// Libraries: golang.org/x/crypto's argon2 (the memory-hard KDF RFC 9106
// recommends for passwords) and chacha20poly1305's XChaCha20-Poly1305 (an
// AEAD whose 24-byte random nonces never need a counter), both from the Go
// project, pure Go, no cgo.

// KeyFile is the name of the sealed data key inside an encrypted folder.
const KeyFile = "key.json"

// ErrPassphraseNeeded reports an encrypted folder opened without a
// passphrase.
var ErrPassphraseNeeded = errors.New("this data folder is encrypted: a passphrase is needed to open it")

// ErrWrongPassphrase reports a passphrase that does not open the folder.
var ErrWrongPassphrase = errors.New("the passphrase is not right for this data folder")

// Argon2id parameters: RFC 9106's second recommended setting (3 passes
// over 64 MiB, 4 lanes): about a quarter of a second on a laptop, and a
// guess costs an attacker as much.
const (
	kdfTime    = 3
	kdfMemory  = 64 << 10 // KiB
	kdfThreads = 4
	keyLen     = 32
)

// keyEnvelope is the data key sealed under a passphrase: the content of
// KeyFile, and the header of an encrypted backup.
type keyEnvelope struct {
	Version int    `json:"version"`
	KDF     string `json:"kdf"`
	Time    uint32 `json:"time"`
	Memory  uint32 `json:"memory_kib"`
	Threads uint8  `json:"threads"`
	Salt    []byte `json:"salt"`
	Nonce   []byte `json:"nonce"`
	Sealed  []byte `json:"sealed"`
}

// envelopeAD binds the sealed key to its purpose.
var envelopeAD = []byte("rapport data key v1")

// sealKey seals dataKey under passphrase.
func sealKey(passphrase string, dataKey []byte) (*keyEnvelope, error) {
	if passphrase == "" {
		return nil, errors.New("the passphrase is empty")
	}
	e := &keyEnvelope{
		Version: 1, KDF: "argon2id", Time: kdfTime, Memory: kdfMemory, Threads: kdfThreads,
		Salt: randomBytes(16), Nonce: randomBytes(chacha20poly1305.NonceSizeX),
	}
	aead, err := chacha20poly1305.NewX(e.kek(passphrase))
	if err != nil {
		return nil, err
	}
	e.Sealed = aead.Seal(nil, e.Nonce, dataKey, envelopeAD)
	return e, nil
}

// kek derives the key that seals the data key.
func (e *keyEnvelope) kek(passphrase string) []byte {
	return argon2.IDKey([]byte(passphrase), e.Salt, e.Time, e.Memory, e.Threads, keyLen)
}

// open returns the data key, or ErrWrongPassphrase.
func (e *keyEnvelope) open(passphrase string) ([]byte, error) {
	if e.Version != 1 || e.KDF != "argon2id" || e.Memory > 4<<20 || e.Time > 100 || e.Threads == 0 {
		return nil, fmt.Errorf("%w: its key is sealed in a way this Rapport does not know", ErrDamaged)
	}
	aead, err := chacha20poly1305.NewX(e.kek(passphrase))
	if err != nil {
		return nil, err
	}
	if len(e.Nonce) != aead.NonceSize() {
		return nil, fmt.Errorf("%w: its key file is damaged", ErrDamaged)
	}
	key, err := aead.Open(nil, e.Nonce, e.Sealed, envelopeAD)
	if err != nil || len(key) != keyLen {
		return nil, ErrWrongPassphrase
	}
	return key, nil
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return b
}

// IsEncrypted reports whether the data folder dir is encrypted.
func IsEncrypted(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, KeyFile))
	return err == nil
}

// readEnvelope reads dir's KeyFile; nil when the folder is not encrypted.
func readEnvelope(dir string) (*keyEnvelope, error) {
	b, err := os.ReadFile(filepath.Join(dir, KeyFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the key file of %s: %w", dir, err)
	}
	var e keyEnvelope
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, &DamagedError{Dir: dir, Problems: []string{"its key file " + KeyFile + " is unreadable"}}
	}
	return &e, nil
}

// writeEnvelope writes e to path through a temporary file that is synced
// and renamed, so a crash leaves the old key file or the new one.
func writeEnvelope(path string, e *keyEnvelope) error {
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(path, append(b, '\n'))
}

// writeFileAtomic replaces path with data: a temporary file beside it,
// synced, renamed over it, and the folder synced.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

// syncDir makes a rename in dir durable (a no-op where folders cannot be
// synced).
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}

// dataKey unseals the data key of dir with passphrase: nil for a folder
// that is not encrypted.
func dataKey(dir, passphrase string) ([]byte, error) {
	e, err := readEnvelope(dir)
	if err != nil || e == nil {
		return nil, err
	}
	if passphrase == "" {
		return nil, ErrPassphraseNeeded
	}
	return e.open(passphrase)
}

// ChangePassphrase seals dir's data key under a new passphrase. The
// database is not touched, so it works while Rapport has the folder open;
// backups made before keep opening with the passphrase they were made
// with.
func ChangePassphrase(dir, old, new string) error {
	e, err := readEnvelope(dir)
	if err != nil {
		return err
	}
	if e == nil {
		return errors.New("this data folder is not encrypted")
	}
	key, err := e.open(old)
	if err != nil {
		return err
	}
	ne, err := sealKey(new, key)
	if err != nil {
		return err
	}
	return writeEnvelope(filepath.Join(dir, KeyFile), ne)
}

// CheckPassphrase reports whether passphrase opens the encrypted folder
// dir (ErrWrongPassphrase if not), without opening the database.
func CheckPassphrase(dir, passphrase string) error {
	_, err := dataKey(dir, passphrase)
	return err
}
