package storage

import (
	"cmp"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"

	"github.com/dgraph-io/badger/v4"
	"github.com/gofrs/flock"
)

// ErrNeedsWriter reports that a store cannot be read as it is: it must be
// opened for writing first (Open), to migrate its schema or to rebuild its
// full-text index.
var ErrNeedsWriter = errors.New("the data folder must be opened for writing first")

// OpenReadOnly opens the store in dir for reading only, for commands that
// only read (search, stats): it starts no background work, writes
// nothing (no flush or compaction on Close) and skips the checks that may
// write, so it costs what opening Badger's files costs. It shares the
// folder's lock with other readers; a writer (the app) holding the folder
// makes it fail with ErrLocked, and while readers hold it a writer does.
// A store at an older schema, or whose word index does not match the
// installed splitter, gives ErrNeedsWriter: open it with Open instead.
//
// On Windows Badger has no read-only mode: OpenReadOnly gives
// ErrNeedsWriter there, and the caller opens the store for writing.
func OpenReadOnly(dir string, opt Options) (*Store, error) {
	if runtime.GOOS == "windows" {
		return nil, fmt.Errorf("%w: Badger cannot open a database read-only on Windows", ErrNeedsWriter)
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	path := filepath.Join(dir, DBDir)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no Rapport data in %s: %w", dir, err)
	}
	lk := flock.New(filepath.Join(dir, LockFile))
	ok, err := lk.TryRLock()
	if err != nil {
		return nil, fmt.Errorf("lock data folder %s: %w", dir, err)
	}
	if !ok {
		return nil, &LockedError{Dir: dir}
	}
	db, key, err := openReadOnlyChecked(dir, opt)
	if err != nil {
		_ = lk.Unlock()
		return nil, err
	}
	s := &Store{
		dir: dir, db: db, lock: lk, log: opt.Logger, seqs: map[byte]*badger.Sequence{}, stop: make(chan struct{}),
		wordsKick: make(chan struct{}, 1), dataKey: key,
	}
	s.segment.Store(cmp.Or(opt.SealedSegment, sealedSegment))
	s.words = newWordsConfig(opt.Words, &s.segment)
	if err := s.readable(); err != nil {
		_ = s.Close()
		return nil, err
	}
	if err := s.loadSegmentSize(); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

// openReadOnlyChecked opens Badger read-only after the same checks of
// every file as Open (check.go; tables verified before are not read
// again, verified.go), with the data key of an encrypted folder
// (ErrPassphraseNeeded without opt.Passphrase). What only a writer can
// settle gives ErrNeedsWriter: an unfinished repair or encryption, or
// table files a crash left behind, which Open sets aside.
func openReadOnlyChecked(dir string, opt Options) (*badger.DB, []byte, error) {
	if exists(filepath.Join(dir, SwapFile)) {
		return nil, nil, fmt.Errorf("%w (an unfinished repair or encryption must be completed)", ErrNeedsWriter)
	}
	key, err := dataKey(dir, opt.Passphrase)
	if err != nil {
		return nil, nil, err
	}
	path := filepath.Join(dir, DBDir)
	kr, err := keyRegistry(path, key)
	if err != nil {
		return nil, nil, err
	}
	chk, err := checkFolder(dir, path, kr, readVerified(path))
	if kr != nil {
		_ = kr.Close()
	}
	switch {
	case err != nil:
		return nil, nil, err
	case len(chk.orphans) > 0:
		return nil, nil, fmt.Errorf("%w (table files a crash left behind must be set aside)", ErrNeedsWriter)
	}
	db, err := badger.Open(badgerOptions(path, opt).WithReadOnly(true).WithEncryptionKey(key))
	if err != nil {
		return nil, nil, fmt.Errorf("open database in %s for reading: %w", dir, err)
	}
	return db, key, nil
}

// readable checks that a read-only store needs no migration or rebuild.
func (s *Store) readable() error {
	v, err := s.schemaVersion()
	if err != nil {
		return err
	}
	if v != SchemaVersion {
		return fmt.Errorf("%w (its schema is %d, this Rapport writes %d)", ErrNeedsWriter, v, SchemaVersion)
	}
	if s.words == nil {
		return nil
	}
	return s.View(func(tx *Tx) error {
		ready, err := tx.WordIndexReady()
		if err == nil && !ready {
			err = fmt.Errorf("%w (its full-text index must be built)", ErrNeedsWriter)
		}
		return err
	})
}
