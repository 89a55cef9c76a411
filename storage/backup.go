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

// A backup file is one line of magic, one line of JSON header, then the
// gzip-compressed stream of Badger's own backup format (every live key and
// value, including sequences and the schema version).
const backupMagic = "RAPPORT-BACKUP 1\n"

// ErrNotBackup reports a file that is not a Rapport backup.
var ErrNotBackup = errors.New("this file is not a Rapport backup")

// ErrNotEmpty reports a restore into a folder that already holds files.
var ErrNotEmpty = errors.New("restore needs an empty folder")

// BackupHeader describes a backup file.
type BackupHeader struct {
	Schema  int            `json:"schema"`
	Created time.Time      `json:"created"`
	Counts  map[string]int `json:"counts"`
}

// Backup writes a consistent snapshot of the whole store to w. The app can
// keep working meanwhile.
func (s *Store) Backup(w io.Writer) (BackupHeader, error) {
	st, err := s.Stats()
	if err != nil {
		return BackupHeader{}, err
	}
	h := BackupHeader{Schema: st.Schema, Created: time.Now().UTC(), Counts: st.Counts}
	hb, err := json.Marshal(h)
	if err != nil {
		return h, err
	}
	if _, err := io.WriteString(w, backupMagic+string(hb)+"\n"); err != nil {
		return h, fmt.Errorf("write backup: %w", err)
	}
	zw := gzip.NewWriter(w)
	if _, err := s.db.Backup(zw, 0); err != nil {
		return h, fmt.Errorf("write backup: %w", err)
	}
	if err := zw.Close(); err != nil {
		return h, fmt.Errorf("write backup: %w", err)
	}
	return h, nil
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
	return h, nil
}

// ReadBackupHeader reads and checks the start of a backup.
func ReadBackupHeader(r *bufio.Reader) (BackupHeader, error) {
	var h BackupHeader
	magic := make([]byte, len(backupMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != backupMagic {
		return h, ErrNotBackup
	}
	line, err := r.ReadBytes('\n')
	if err != nil {
		return h, fmt.Errorf("%w: header cut short", ErrNotBackup)
	}
	if err := json.Unmarshal(line, &h); err != nil {
		return h, fmt.Errorf("%w: header unreadable", ErrNotBackup)
	}
	if h.Schema > SchemaVersion {
		return h, fmt.Errorf("%w (the backup's schema is %d, this Rapport reads up to %d): update Rapport", ErrNewerSchema, h.Schema, SchemaVersion)
	}
	return h, nil
}

// Restore loads a backup into dir, which must be empty or missing, and
// migrates it if it came from an older Rapport. On failure the folder is
// left empty again.
func Restore(dir string, r io.Reader, opt Options) (h BackupHeader, err error) {
	if err := checkEmpty(dir); err != nil {
		return h, err
	}
	br := bufio.NewReaderSize(r, 1<<20)
	if h, err = ReadBackupHeader(br); err != nil {
		return h, err
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(filepath.Join(dir, DBDir))
			_ = os.Remove(filepath.Join(dir, LockFile))
		}
	}()
	if err = loadRaw(dir, br, opt); err != nil {
		return h, err
	}
	s, err := Open(dir, opt) // runs migrations for older backups
	if err != nil {
		return h, err
	}
	return h, s.Close()
}

// loadRaw streams Badger's backup format into a fresh database in dir.
func loadRaw(dir string, r io.Reader, opt Options) error {
	if opt.Logger == nil {
		opt.Logger = discardLogger()
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("%w: data unreadable", ErrNotBackup)
	}
	db, err := badger.Open(badgerOptions(filepath.Join(dir, DBDir), opt))
	if err != nil {
		return fmt.Errorf("create database in %s: %w", dir, err)
	}
	if err := db.Load(zr, 64); err != nil {
		_ = db.Close()
		return fmt.Errorf("restore backup: the file is damaged or incomplete (%w)", err)
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
