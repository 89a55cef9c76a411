package storage

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/gofrs/flock"
)

// ErrLocked reports that another Rapport has the data folder open.
var ErrLocked = errors.New("another Rapport is already running with this data folder")

// LockedError names the folder another Rapport holds.
type LockedError struct{ Dir string }

func (e *LockedError) Error() string { return fmt.Sprintf("%s (%s)", ErrLocked, e.Dir) }

// Unwrap lets errors.Is(err, ErrLocked) match.
func (e *LockedError) Unwrap() error { return ErrLocked }

// Options tune a store. The zero value is right for the app.
type Options struct {
	// Logger receives Badger's warnings and the store's own messages.
	Logger *slog.Logger
	// GCInterval is how often value-log GC runs (default 10 minutes).
	GCInterval time.Duration
	// SyncInterval is how often commits are flushed to the disk itself
	// (default 1 second); see Update for what that means for durability.
	SyncInterval time.Duration
	// HoldWordQueue stops the word indexer from draining the full-text
	// queue by itself; only IndexQueuedWords does (tests and benchmarks).
	HoldWordQueue bool
	// Words splits text for the full-text word index (package search
	// passes the query language's tokenizer). A zero Words (nil Split)
	// keeps no word index: searches then read the mentions.
	Words Words
	// SealedSegment is how many consecutive mention ids a sealed segment
	// of the word index holds (words_sealed.go), for a folder that has
	// none yet; 0: 65,536. Tests make it small. A folder keeps the size it
	// was first sealed with.
	SealedSegment uint64
	// Passphrase opens an encrypted folder (crypto.go); it is not needed
	// for one that is not encrypted.
	Passphrase string
	// NoBackupServer keeps the store from answering backup requests of
	// other processes (backup_server.go).
	NoBackupServer bool
	// BlockCache is the size of Badger's cache of decompressed table
	// blocks (0: DefaultBlockCache). A bulk import passes BulkBlockCache.
	BlockCache int64
	// BulkWords is for a bulk import (`rapport ingest`): the word indexer
	// leaves the mentions of the segment being filled queued, and seals
	// each segment from its records once all its ids were handed out,
	// instead of writing ~43 open keys a post that the seal reads back and
	// drops (words_bulk.go). Searches stay exact, but check every queued
	// mention, up to a segment's worth: a window does not set it.
	BulkWords bool
	// Progress, if set, hears how far Open has got with a migration or a
	// rebuild of the word index, on Open's goroutine (opening.go).
	Progress func(Progress)

	// valueThreshold replaces ValueThreshold (tests: a store as older
	// versions wrote it).
	valueThreshold int64
}

// The sizes of Badger's block cache. A window keeps the small one; an
// import of 50,000 posts into 100,000 spent a fifth of its CPU
// decompressing the same blocks again with it (identity keys, handles,
// the word index), and 11 % less wall time and 13 % less CPU with the
// large one, for about 20 MB more peak memory (docs/storage.md).
// ValueThreshold keeps every value Rapport writes in the LSM tables (a
// mention's text is cut at 64 KB) instead of Badger's value log. Compact
// can then drop an erased value from every file: the value-log file Badger
// is writing to is never rewritten, so a long post erased while its file
// was the newest stayed on disk until 64 MB more of long posts came
// (TestCompactLeavesNoOldValueInTheFiles). 1 MB is Badger's limit.
const ValueThreshold = 1 << 20

const (
	DefaultBlockCache int64 = 16 << 20
	BulkBlockCache    int64 = 64 << 20
)

// Store is an open data folder.
type Store struct {
	dir  string
	db   *badger.DB
	lock *flock.Flock
	log  *slog.Logger
	// words is the splitter of the word index, fixed for the store's life
	// (nil: no word index).
	words *wordsConfig
	// dataKey encrypts the database (nil: not encrypted).
	dataKey []byte
	// memos is set while an older store's migrations run, which bring
	// index entries in line with the index memos: recomputed tables keep
	// memos until the migration to schema 13 drops them (table.go).
	memos bool

	seqMu sync.Mutex
	seqs  map[byte]*badger.Sequence

	// opened is set once Open has done its work: Close leaves a folder
	// it refused alone.
	opened bool
	dirty  atomic.Bool // committed writes not yet fsynced
	// drops is odd while Compact flushes the memtables and counts up by 2
	// with each flush: Badger refuses writes meanwhile (ErrBlockedWrites)
	// and Update waits them out.
	drops atomic.Uint64
	// dropGate keeps commits and drops of key prefixes apart: commits (of
	// Update, of the id sequences' leases, of the value-log GC) hold it
	// shared, dropPrefixes alone. Badger's DropPrefix blocks writes, empties
	// its queue of writes and then opens a read transaction, which waits
	// for every commit that has its timestamp. A commit that passed
	// Badger's check of blocked writes just before the block put its write
	// in the queue after it was emptied, and waited for it, while the drop
	// waited for the commit: both for ever (Badger v4.9.6, db.go
	// sendToWriteCh and prepareToDrop; TestCompactsAmongWritersEnd).
	dropGate sync.RWMutex
	// mentionIDs are the mention ids handed to unfinished transactions
	// (inflight.go): the word queue's floor never passes them.
	mentionIDs inflight
	sources    sourceCache   // names of sources (cache.go)
	authors    atomic.Uint64 // AuthorsGeneration (cache.go)
	counters   counters      // maintained counters (counters.go)
	wordsKick  chan struct{} // wakes the word indexer (words_queue.go)
	wordsMu    sync.Mutex    // one drainer of the word queue at a time
	bulkWords  bool          // Options.BulkWords
	voidRest   *voidRest     // words_bulk.go; held with wordsMu
	sealMu     sync.Mutex    // one sealer of the word index at a time
	segment    atomic.Uint64 // mention ids per sealed segment
	ranks      rankCache     // rank tables of sealed segments (words_ranks.go)
	likeMu     sync.Mutex    // one settler of the likeness markers at a time (likeness.go)
	stop       chan struct{}
	opening    *opening // while Open prepares the schema
	wg         sync.WaitGroup
	closeOnce  sync.Once
	closeErr   error
}

// LockFile and DBDir are the names inside a data folder.
const (
	LockFile = "rapport.lock"
	DBDir    = "db"
)

// Open opens (creating if needed) the store in dir. It takes the folder's
// lock first, so a second Rapport gets ErrLocked at once instead of
// waiting, and migrates an older schema before returning.
func Open(dir string, opt Options) (*Store, error) {
	return OpenContext(context.Background(), dir, opt)
}

// OpenContext is Open that stops a migration or a rebuild of the word
// index between two of its transactions when ctx ends, with an error
// matching ErrOpenStopped; the next open goes on where it stopped.
func OpenContext(ctx context.Context, dir string, opt Options) (*Store, error) {
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.GCInterval <= 0 {
		opt.GCInterval = 10 * time.Minute
	}
	if opt.SyncInterval <= 0 {
		opt.SyncInterval = time.Second
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data folder %s: %w", dir, err)
	}
	lk := flock.New(filepath.Join(dir, LockFile))
	ok, err := lk.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock data folder %s: %w", dir, err)
	}
	if !ok {
		return nil, &LockedError{Dir: dir}
	}
	if err := finishSwap(dir); err != nil { // what a killed repair or encrypt left half done
		_ = lk.Unlock()
		return nil, err
	}
	key, err := dataKey(dir, opt.Passphrase)
	if err != nil {
		_ = lk.Unlock()
		return nil, err
	}
	db, err := openChecked(ctx, dir, opt, key)
	if err != nil {
		_ = lk.Unlock()
		return nil, err
	}
	s := &Store{
		dir: dir, db: db, lock: lk, log: opt.Logger, seqs: map[byte]*badger.Sequence{}, stop: make(chan struct{}),
		wordsKick: make(chan struct{}, 1), dataKey: key,
	}
	s.segment.Store(cmp.Or(opt.SealedSegment, sealedSegment))
	s.bulkWords = opt.BulkWords
	s.words = newWordsConfig(opt.Words, &s.segment)
	s.opening = &opening{ctx: ctx, progress: opt.Progress}
	err = s.prepareSchema()
	if err == nil {
		err = s.keepSegmentSize()
	}
	if err == nil {
		err = s.dropSealedOpenKeys()
	}
	s.opening = nil
	if err != nil {
		_ = s.Close()
		return nil, err
	}
	s.opened = true
	if !opt.NoBackupServer {
		s.serveBackups()
	}
	s.wg.Add(3)
	go s.every(opt.GCInterval, func() { s.RunGC() })
	go s.every(opt.SyncInterval, s.flush)
	go s.wordIndexer(opt.HoldWordQueue)
	s.kickWords() // what a crash or a restore left queued
	return s, nil
}

// openChecked checks every file of the database folder (check.go) and
// opens it only if nothing is damaged; tables a crash left behind are set
// aside rather than deleted.
func openChecked(ctx context.Context, dir string, opt Options, key []byte) (*badger.DB, error) {
	path := filepath.Join(dir, DBDir)
	kr, err := keyRegistry(path, key)
	if err != nil {
		return nil, err
	}
	var report func(done, total int)
	if opt.Progress != nil {
		report = func(done, total int) {
			opt.Progress(Progress{Name: "check the folder's files", Done: int64(done), Total: int64(total), Unit: "files"})
		}
	}
	chk, err := checkFolderReporting(ctx, dir, path, kr, readVerified(path), report)
	if kr != nil {
		_ = kr.Close()
	}
	if err != nil {
		return nil, err
	}
	if err := setAside(dir, path, chk.orphans, time.Now().UTC().Format("20060102-150405")); err != nil {
		return nil, fmt.Errorf("set aside the table files a crash left in %s: %w", dir, err)
	}
	if len(chk.orphans) > 0 {
		opt.Logger.Warn("table files a crash left behind were moved out of the database", "files", chk.orphans, "to", filepath.Join(dir, "set-aside"))
	}
	db, err := badger.Open(badgerOptions(path, opt).WithEncryptionKey(key))
	switch {
	case errors.Is(err, badger.ErrEncryptionKeyMismatch) && key == nil:
		return nil, &DamagedError{Dir: dir, Problems: []string{"its database is encrypted, and its key file " + KeyFile + " is missing"}}
	case err != nil:
		return nil, fmt.Errorf("open database in %s: %w", dir, err)
	}
	if err := writeVerified(path, chk.verified); err != nil {
		opt.Logger.Warn("cannot remember the table files verified; the next start reads them again", "err", err)
	}
	return db, nil
}

// keyRegistry opens Badger's registry of data keys read-only, to check an
// encrypted folder's tables (nil for a folder that is not encrypted).
func keyRegistry(path string, key []byte) (*badger.KeyRegistry, error) {
	if key == nil {
		return nil, nil
	}
	kr, err := badger.OpenKeyRegistry(badger.KeyRegistryOptions{Dir: path, ReadOnly: true, EncryptionKey: key, EncryptionKeyRotationDuration: 10 * 24 * time.Hour})
	if errors.Is(err, badger.ErrEncryptionKeyMismatch) {
		return nil, &DamagedError{Dir: filepath.Dir(path), Problems: []string{"its key file " + KeyFile + " does not belong to its database"}}
	}
	if err != nil {
		return nil, fmt.Errorf("read the data keys in %s: %w", path, err)
	}
	return kr, nil
}

// badgerOptions sizes Badger for a laptop: small memtables and caches
// instead of Badger's server defaults (64 MB × 5 memtables, 256 MB block
// cache, 1 GB value-log files). docs/storage.md records the memory measured
// with 100k mentions.
func badgerOptions(path string, opt Options) badger.Options {
	o := badger.DefaultOptions(path).
		WithLogger(badgerLogger{opt.Logger}).
		WithSyncWrites(false).
		WithMemTableSize(16 << 20).
		WithNumMemtables(2).
		WithBlockCacheSize(cmp.Or(opt.BlockCache, DefaultBlockCache)).
		WithIndexCacheSize(8 << 20).
		WithValueLogFileSize(64 << 20).
		WithValueThreshold(cmp.Or(opt.valueThreshold, ValueThreshold)).
		WithNumCompactors(2).
		WithNumGoroutines(2).
		WithMetricsEnabled(false).
		// Blocks and values are checked against their checksums when read,
		// so damage after Open is an error rather than a wrong record.
		WithChecksumVerificationMode(options.OnBlockRead).
		WithVerifyValueChecksum(true).
		WithCompactL0OnClose(true).
		// Zstandard at its fastest level instead of Snappy: a third less
		// disk for the same ingest rate (docs/benchmarks-scale.md).
		WithCompression(options.ZSTD).
		WithZSTDCompressionLevel(1).
		WithNumLevelZeroTables(5).
		WithNumLevelZeroTablesStall(15).
		WithBaseTableSize(TableSize)
	// Every level's tables the same size, not twice the size at each level
	// below the first: a compaction holds each table it builds in memory
	// twice (its blocks and their compressed copies), and Badger keeps up to
	// eight builders' buffers for reuse, so tables of 8 and 16 MB at a
	// million mentions made an import's heap grow with the store
	// (docs/storage.md).
	o.TableSizeMultiplier = 1
	return o
}

// TableSize is the size Badger's compactions cut tables at (compressed).
const TableSize = 4 << 20

// Dir is the data folder.
func (s *Store) Dir() string { return s.dir }

// Close flushes and closes the database and releases the folder. It is
// safe to call more than once and from several goroutines.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		close(s.stop)
		s.wg.Wait()
		var errs []error
		// Nothing of the store writes now: the segments sealed since the
		// open drop their open keys (words_sealed.go).
		if s.opened {
			if err := s.dropSealedOpenKeys(); err != nil {
				errs = append(errs, err)
			}
		}
		s.seqMu.Lock()
		for _, q := range s.seqs {
			errs = append(errs, q.Release())
		}
		s.seqMu.Unlock()
		writer := !s.db.Opts().ReadOnly
		var versions map[uint64]uint64
		var top uint64
		if writer {
			versions, top = tableVersions(s.db), s.db.MaxVersion()
		}
		err := s.db.Close()
		if err == nil && writer {
			if err := verifiedAfterClose(filepath.Join(s.dir, DBDir), versions, top); err != nil {
				s.log.Warn("cannot remember the table files written; the next start reads them again", "err", err)
			}
			if _, err := compactManifest(filepath.Join(s.dir, DBDir)); err != nil {
				s.log.Warn("cannot shorten Badger's MANIFEST; the next start replays it whole", "err", err)
			}
		}
		errs = append(errs, err, s.lock.Unlock())
		s.closeErr = errors.Join(errs...)
	})
	return s.closeErr
}

// maxRetries bounds how often a transaction is re-run after a conflict.
const maxRetries = 20

// Update runs fn in a read-write transaction and commits it. fn is re-run
// when another transaction wrote the same keys first, so it must not have
// side effects outside the transaction.
//
// When Update returns nil the write is acknowledged: it is in Badger's
// write-ahead log, a memory-mapped file, so it survives the process being
// killed at any moment (kill -9) and needs no repair. It reaches the disk
// itself within SyncInterval (and on Close), which bounds what a power cut
// could take. Syncing every commit instead would cost a few milliseconds
// each and halve the ingest rate (docs/storage.md).
func (s *Store) Update(fn func(tx *Tx) error) error {
	for attempt := 0; ; attempt++ {
		var tx *Tx
		drops := s.drops.Load()
		err := s.update(func(txn *badger.Txn) error { tx = &Tx{txn: txn, s: s}; return tx.run(fn) })
		if tx != nil {
			tx.release()
		}
		if err == nil {
			s.dirty.Store(true)
			tx.committed()
		}
		if now := s.drops.Load(); errors.Is(err, badger.ErrBlockedWrites) && (now%2 == 1 || now != drops) {
			time.Sleep(5 * time.Millisecond) // Compact is flushing the memtables
			attempt--
			continue
		}
		if !errors.Is(err, badger.ErrConflict) || attempt >= maxRetries {
			return err
		}
		time.Sleep(time.Duration(1+rand.IntN(1<<min(attempt, 6))) * time.Millisecond)
	}
}

// update is Badger's DB.Update with its commit inside the drop gate.
func (s *Store) update(fn func(txn *badger.Txn) error) error {
	if s.db.IsClosed() {
		return badger.ErrDBClosed
	}
	txn := s.db.NewTransaction(true)
	defer txn.Discard()
	if err := fn(txn); err != nil {
		return err
	}
	s.dropGate.RLock()
	defer s.dropGate.RUnlock()
	return txn.Commit()
}

// dropPrefixes is Badger's DB.DropPrefix with no commit under way (dropGate).
func (s *Store) dropPrefixes(prefixes ...[]byte) error {
	s.dropGate.Lock()
	defer s.dropGate.Unlock()
	return s.db.DropPrefix(prefixes...)
}

// UpdateInBatches runs fn over items 0 to n-1 in write transactions of at
// most size items, in order: fn(tx, lo, hi) handles items lo to hi-1, and
// committed(lo, hi), if set, hears each batch once it is committed. A
// batch Badger refuses as too big (ErrTooBig) is tried again halved, down
// to one item, and the smaller size is kept: changing or deleting a long
// post, or a mention of a sealed segment of the word index, writes a key
// for each of its words. Any other error ends the run.
func (s *Store) UpdateInBatches(n, size int, fn func(tx *Tx, lo, hi int) error, committed func(lo, hi int)) error {
	for lo := 0; lo < n; {
		hi := min(lo+max(size, 1), n)
		err := s.Update(func(tx *Tx) error { return fn(tx, lo, hi) })
		if errors.Is(err, ErrTooBig) && hi-lo > 1 {
			size = (hi - lo) / 2
			continue
		}
		if err != nil {
			return err
		}
		if committed != nil {
			committed(lo, hi)
		}
		lo = hi
	}
	return nil
}

// View runs fn in a read-only transaction over a consistent snapshot.
func (s *Store) View(fn func(tx *Tx) error) error {
	return s.db.View(func(txn *badger.Txn) error { return fn(&Tx{txn: txn, s: s}) })
}

// nextID leases ids from a Badger sequence per table; ids start at 1.
// Leased ids lost in a crash leave gaps, never duplicates.
func (s *Store) nextID(table byte) (uint64, error) {
	s.seqMu.Lock()
	defer s.seqMu.Unlock()
	s.dropGate.RLock() // a sequence commits its lease (dropGate)
	defer s.dropGate.RUnlock()
	q, ok := s.seqs[table]
	if !ok {
		var err error
		q, err = s.db.GetSequence(seqKey(table), 256)
		if err != nil {
			return 0, fmt.Errorf("allocate id: %w", err)
		}
		s.seqs[table] = q
	}
	for {
		id, err := q.Next()
		if err != nil {
			return 0, fmt.Errorf("allocate id: %w", err)
		}
		if id != 0 {
			return id, nil
		}
	}
}

// every runs fn every interval on its own goroutine until Close. The
// value-log GC and the flush to disk each have exactly one.
func (s *Store) every(interval time.Duration, fn func()) {
	defer s.wg.Done()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			fn()
		}
	}
}

// flush writes committed changes through to the disk if there are any.
func (s *Store) flush() {
	if s.dirty.Swap(false) {
		if err := s.db.Sync(); err != nil {
			s.log.Warn("flush to disk", "err", err)
		}
	}
}

// RunGC rewrites value-log files that are at least half garbage until none
// is left. It returns how many files were rewritten.
func (s *Store) RunGC() int { return s.runGC(0.5) }

// runGC rewrites value-log files with at least ratio of garbage until
// none is left.
func (s *Store) runGC(ratio float64) int {
	n := 0
	for {
		select {
		case <-s.stop:
			return n
		default:
		}
		s.dropGate.RLock() // the GC commits what it moves (dropGate)
		err := s.db.RunValueLogGC(ratio)
		s.dropGate.RUnlock()
		if err != nil {
			if !errors.Is(err, badger.ErrNoRewrite) && !errors.Is(err, badger.ErrRejected) {
				s.log.Warn("value-log GC", "err", err)
			}
			return n
		}
		n++
	}
}

// badgerLogger passes Badger's messages to slog, demoting its chatty
// INFO lines to debug.
type badgerLogger struct{ l *slog.Logger }

func (b badgerLogger) Errorf(f string, a ...any) {
	b.l.Error("badger: " + trimNL(fmt.Sprintf(f, a...)))
}

func (b badgerLogger) Warningf(f string, a ...any) {
	b.l.Warn("badger: " + trimNL(fmt.Sprintf(f, a...)))
}
func (b badgerLogger) Infof(f string, a ...any) { b.l.Debug("badger: " + trimNL(fmt.Sprintf(f, a...))) }
func (b badgerLogger) Debugf(f string, a ...any) {
	b.l.Debug("badger: " + trimNL(fmt.Sprintf(f, a...)))
}

func trimNL(s string) string {
	for len(s) > 0 && s[len(s)-1] == '\n' {
		s = s[:len(s)-1]
	}
	return s
}
