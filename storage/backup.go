package storage

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// A backup file (version 2) is
//
//	RAPPORT-BACKUP 2\n
//	one line of JSON: BackupHeader
//	the body, in frames: a 4-byte big-endian length and that many bytes,
//	  ended by a frame of length 0
//	32 bytes: SHA-256 of everything before them
//
// The body is Badger's own backup stream (every live key and value,
// sequences and the schema version included), gzip-compressed; in the
// backup of an encrypted folder each frame is sealed (backup_crypto.go).
// The checksum covers the header too, so edited counts are noticed, and a
// file cut short misses its last frame. Version 1 files (no frames, no
// checksum) are still restored.
const (
	backupMagic   = "RAPPORT-BACKUP 2\n"
	backupMagicV1 = "RAPPORT-BACKUP 1\n"
)

// ErrNotBackup reports a file that is not a Rapport backup.
var ErrNotBackup = errors.New("this file is not a Rapport backup")

// ErrBackupDamaged reports a backup whose content does not match its
// checksum, or that was cut short.
var ErrBackupDamaged = errors.New("the backup file is damaged or incomplete")

// ErrNotEmpty reports a restore into a folder that already holds files.
var ErrNotEmpty = errors.New("restore needs an empty folder")

// BackupHeader describes a backup file.
type BackupHeader struct {
	Schema  int            `json:"schema"`
	Created time.Time      `json:"created"`
	Counts  map[string]int `json:"counts"`
	// Encryption, when set, holds the data key of an encrypted folder
	// sealed under its passphrase: the body is sealed with it.
	Encryption *keyEnvelope `json:"encryption,omitempty"`
	// BodySalt derives the key of an encrypted body (backup_frames.go).
	BodySalt []byte `json:"body_salt,omitempty"`
	// Version is the file format (1 or 2), from the magic line.
	Version int `json:"-"`
}

// Encrypted reports whether the backup needs a passphrase.
func (h BackupHeader) Encrypted() bool { return h.Encryption != nil }

// Backup writes a consistent snapshot of the whole store to w. The app can
// keep working meanwhile. The backup of an encrypted folder is encrypted
// with the folder's own key: the same passphrase opens it.
func (s *Store) Backup(w io.Writer) (BackupHeader, error) {
	st, err := s.Stats()
	if err != nil {
		return BackupHeader{}, err
	}
	h := BackupHeader{Schema: st.Schema, Created: time.Now().UTC(), Counts: st.Counts, Version: 2}
	var key []byte
	if s.dataKey != nil {
		if h.Encryption, err = readEnvelope(s.dir); err != nil {
			return h, err
		}
		key = s.dataKey
	}
	fw, err := newFrameWriter(w, h, key)
	if err != nil {
		return h, fmt.Errorf("write backup: %w", err)
	}
	zw := gzip.NewWriter(fw)
	if err := s.streamBackup(zw); err != nil {
		return h, fmt.Errorf("write backup: %w", err)
	}
	if err := zw.Close(); err != nil {
		return h, fmt.Errorf("write backup: %w", err)
	}
	if err := fw.Close(); err != nil {
		return h, fmt.Errorf("write backup: %w", err)
	}
	return h, nil
}

// streamBackup writes Badger's backup stream of every key but the secrets
// (secrets.go), which stay on this computer.
func (s *Store) streamBackup(w io.Writer) error {
	stream := s.db.NewStream()
	stream.LogPrefix = "backup"
	stream.NumGo = 2
	stream.ChooseKey = func(item *badger.Item) bool { return !isSecretKey(item.Key()) }
	_, err := stream.Backup(w, 0)
	return err
}

// BackupToFile writes a backup to path through a temporary file, so a
// failed backup never leaves a half-written file under the final name.
func (s *Store) BackupToFile(path string) (BackupHeader, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".rapport-backup-*")
	if err != nil {
		return BackupHeader{}, fmt.Errorf("create backup file: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	bw := bufio.NewWriterSize(tmp, 1<<20)
	h, err := s.Backup(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return h, fmt.Errorf("write backup %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return h, fmt.Errorf("write backup %s: %w", path, err)
	}
	return h, syncDir(filepath.Dir(path))
}

// ReadBackupHeader reads and checks the start of a backup.
func ReadBackupHeader(r *bufio.Reader) (BackupHeader, error) {
	h, _, err := readHeader(r)
	return h, err
}

// readHeader reads the magic and header lines and returns them as bytes
// too (the checksum covers them).
func readHeader(r *bufio.Reader) (BackupHeader, []byte, error) {
	var h BackupHeader
	magic := make([]byte, len(backupMagic))
	if _, err := io.ReadFull(r, magic); err != nil {
		return h, nil, ErrNotBackup
	}
	switch string(magic) {
	case backupMagic:
		h.Version = 2
	case backupMagicV1:
		h.Version = 1
	default:
		return h, nil, ErrNotBackup
	}
	line, err := r.ReadBytes('\n')
	if err != nil {
		return h, nil, fmt.Errorf("%w: header cut short", ErrNotBackup)
	}
	version := h.Version
	if err := json.Unmarshal(line, &h); err != nil {
		return h, nil, fmt.Errorf("%w: header unreadable", ErrNotBackup)
	}
	h.Version = version
	if h.Schema > SchemaVersion {
		return h, nil, fmt.Errorf("%w (the backup's schema is %d, this Rapport reads up to %d): update Rapport", ErrNewerSchema, h.Schema, SchemaVersion)
	}
	return h, append(magic, line...), nil
}

// Restored is what a restore found and did.
type Restored struct {
	// Header is what the file said of itself.
	Header BackupHeader
	// Counts are the records of each type in the restored folder, counted
	// there, not taken from the header.
	Counts map[string]int
	// Verified is true when the file had a checksum and it matched
	// (version 2); false for a version 1 file, which has none.
	Verified bool
}

// Differs lists the record types whose count in the header differs from
// what was restored (only possible in a version 1 file).
func (r Restored) Differs() []string {
	var out []string
	for _, name := range TableNames() {
		if r.Header.Counts[name] != r.Counts[name] {
			out = append(out, name)
		}
	}
	return out
}

// RestoreFile restores the backup file path into dir (see Restore).
func RestoreFile(dir, path string, opt Options) (Restored, error) {
	f, err := os.Open(path)
	if err != nil {
		return Restored{}, fmt.Errorf("open backup: %w", err)
	}
	defer f.Close()
	return Restore(dir, f, opt)
}

// Restore loads a backup into dir, which must be empty or missing, and
// migrates it if it came from an older Rapport. It is built in a
// temporary folder beside dir, which is renamed into place only once the
// whole file was read, its checksum matched and the store opened, so a
// failed or killed restore never leaves a partial store under dir. The
// backup of an encrypted folder needs opt.Passphrase, and is restored
// encrypted with the same passphrase.
func Restore(dir string, r io.Reader, opt Options) (res Restored, err error) {
	if err := checkEmpty(dir); err != nil {
		return res, err
	}
	br := bufio.NewReaderSize(r, 1<<20)
	h, raw, err := readHeader(br)
	res.Header = h
	if err != nil {
		return res, err
	}
	var key []byte
	if h.Encryption != nil {
		if opt.Passphrase == "" {
			return res, fmt.Errorf("%w (the backup is encrypted)", ErrPassphraseNeeded)
		}
		if key, err = h.Encryption.open(opt.Passphrase); err != nil {
			return res, fmt.Errorf("%w (it is the passphrase of the folder the backup was made from, when it was made)", err)
		}
	}
	tmp, unlock, err := restoreFolder(dir)
	if err != nil {
		return res, err
	}
	defer unlock()
	defer func() {
		if err != nil {
			_ = os.RemoveAll(tmp) // our own half-restored folder, never dir
		}
	}()
	var body io.Reader = br
	failure := func() error { return nil }
	if h.Version >= 2 {
		fr := newFrameReader(br, raw, h, key)
		body, failure = fr, fr.failure
	}
	if err = loadRaw(tmp, body, key, opt); err != nil {
		if ferr := failure(); ferr != nil {
			err = ferr // the damage, not what it did to gzip or Badger
		}
		return res, err
	}
	if h.Encryption != nil {
		if err = writeEnvelope(filepath.Join(tmp, KeyFile), h.Encryption); err != nil {
			return res, err
		}
	}
	res.Verified = h.Version >= 2
	if res.Counts, err = openAndCount(tmp, opt); err != nil {
		return res, err
	}
	if err = moveInto(tmp, dir); err != nil {
		return res, err
	}
	return res, nil
}

// openAndCount opens a restored folder (which runs the migrations of an
// older backup) and counts its records.
func openAndCount(dir string, opt Options) (map[string]int, error) {
	s, err := Open(dir, opt)
	if err != nil {
		return nil, err
	}
	st, err := s.Stats()
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	return st.Counts, err
}

// loadRaw streams Badger's backup format, gzip-compressed, into a fresh
// database in dir (encrypted with key, if any).
func loadRaw(dir string, r io.Reader, key []byte, opt Options) error {
	if opt.Logger == nil {
		opt.Logger = discardLogger()
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("%w: data unreadable", ErrNotBackup)
	}
	db, err := badger.Open(badgerOptions(filepath.Join(dir, DBDir), opt).WithEncryptionKey(key))
	if err != nil {
		return fmt.Errorf("create database in %s: %w", dir, err)
	}
	if err := db.Load(zr, 64); err != nil {
		_ = db.Close()
		return fmt.Errorf("%w (%v)", ErrBackupDamaged, err)
	}
	// The gzip stream ended; the frames must end there too, with the
	// checksum.
	if _, err := io.Copy(io.Discard, r); err != nil {
		_ = db.Close()
		return err
	}
	return db.Close()
}

// checkEmpty accepts a missing folder or one with no entries.
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("%w: %s already holds files — choose a new or empty folder", ErrNotEmpty, dir)
	}
	return nil
}
