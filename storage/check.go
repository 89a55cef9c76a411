package storage

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/fb"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/table"
	"github.com/dgraph-io/ristretto/v2"
	"github.com/dgraph-io/ristretto/v2/z"
	"github.com/gofrs/flock"
)

// Checking a folder before Badger opens it. Badger trusts its files: a
// missing MANIFEST makes it start an empty database and delete the tables
// it no longer knows; a truncated table panics on a goroutine of its own,
// where no recover reaches; flipped bytes in a table stop its iterators
// early without an error, so records silently disappear from lists; a
// damaged entry in a write-ahead log ends the replay there, and the rest
// of the log is cut off. So Open reads every file first, the way Badger
// would, and refuses a damaged folder with ErrDamaged, having changed
// nothing (docs/storage.md, "Damage and repair").

// ErrDamaged reports a data folder whose files are damaged.
var ErrDamaged = errors.New("the data folder is damaged")

// DamagedError lists what is wrong with a data folder.
type DamagedError struct {
	Dir      string
	Problems []string
}

func (e *DamagedError) Error() string {
	more := ""
	if len(e.Problems) > 1 {
		more = fmt.Sprintf(" (and %d more problems)", len(e.Problems)-1)
	}
	return fmt.Sprintf("%s (%s): %s%s; nothing was changed", ErrDamaged, e.Dir, e.Problems[0], more)
}

// Unwrap lets errors.Is(err, ErrDamaged) match.
func (e *DamagedError) Unwrap() error { return ErrDamaged }

// vlogHeader is the size of the header of Badger's log files (.vlog,
// .mem): the id of the data key and the base of the encryption IV.
const vlogHeader = 20

// folderCheck is what checking a database folder found.
type folderCheck struct {
	problems []string
	// orphans are tables the MANIFEST does not list: what a crash during
	// a compaction or a flush leaves behind, which Badger deletes on open.
	orphans []string
	// maxLogVersion is the newest version in the logs' entries.
	maxLogVersion uint64
	// verified are the tables the MANIFEST lists, all found sound
	// (verified.go), when nothing is damaged.
	verified map[string]tableStamp
	// report, if set, hears how many of the tables to verify are done;
	// the check stops when ctx ends.
	report func(done, total int)
	ctx    context.Context
}

func (c *folderCheck) addf(format string, a ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, a...))
}

// checkFolder reads every file of the Badger folder db and reports damage
// as a *DamagedError. kr decrypts the tables of an encrypted folder (nil
// for a plain one). Tables in memo with the same size and time are not
// read again (verified.go); a nil memo reads every table. A folder that
// does not exist or holds no data is fine.
func checkFolder(dir, db string, kr *badger.KeyRegistry, memo map[string]tableStamp) (*folderCheck, error) {
	return checkFolderReporting(context.Background(), dir, db, kr, memo, nil)
}

// checkFolderReporting is checkFolder that tells report how many of the
// tables memo does not vouch for it has verified, of how many, and stops
// with ErrOpenStopped when ctx ends.
func checkFolderReporting(ctx context.Context, dir, db string, kr *badger.KeyRegistry, memo map[string]tableStamp, report func(done, total int)) (*folderCheck, error) {
	c := &folderCheck{verified: map[string]tableStamp{}, report: report, ctx: ctx}
	entries, err := os.ReadDir(db)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", db, err)
	}
	var tables, logs []string
	manifest := false
	for _, e := range entries {
		switch n := e.Name(); {
		case n == "MANIFEST":
			manifest = true
		case strings.HasSuffix(n, ".sst"):
			tables = append(tables, n)
		case strings.HasSuffix(n, ".vlog"), strings.HasSuffix(n, ".mem"):
			logs = append(logs, n)
		}
	}
	sort.Strings(tables)
	sort.Strings(logs)
	for _, n := range logs {
		c.checkLog(filepath.Join(db, n))
	}
	switch {
	case !manifest && len(tables) > 0:
		c.addf("the MANIFEST file (Badger's list of its %d table files) is missing", len(tables))
	case manifest:
		c.checkTables(db, tables, kr, memo)
	}
	if c.ctx.Err() != nil {
		return c, ErrOpenStopped
	}
	if len(c.problems) > 0 {
		return c, &DamagedError{Dir: dir, Problems: c.problems}
	}
	return c, nil
}

// checkTables replays the MANIFEST and opens every table it lists that
// memo does not vouch for, verifying each block's checksum.
func (c *folderCheck) checkTables(db string, files []string, kr *badger.KeyRegistry, memo map[string]tableStamp) {
	tc, err := newTableCheck(kr)
	if err != nil {
		c.addf("cannot check the tables (%v)", err)
		return
	}
	defer tc.close()
	mf, err := readManifest(filepath.Join(db, "MANIFEST"))
	if err != nil {
		c.addf("the MANIFEST file is unreadable (%v)", err)
		return
	}
	onDisk := map[uint64]string{}
	for _, n := range files {
		if id, ok := table.ParseFileID(n); ok {
			onDisk[id] = n
		}
	}
	ids := make([]uint64, 0, len(mf.Tables))
	for id := range mf.Tables {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	// First the files the memo vouches for, then the others read one by
	// one, so that report knows how many there are to read.
	type unread struct {
		id   uint64
		path string
		info os.FileInfo
	}
	var maxVersion uint64
	var toRead []unread
	for _, id := range ids {
		name := table.IDToFilename(id)
		if _, ok := onDisk[id]; !ok {
			c.addf("the table file %s that the MANIFEST lists is missing", name)
			continue
		}
		path := filepath.Join(db, name)
		info, err := os.Stat(path)
		if err != nil {
			c.addf("the table file %s is unreadable (%v)", name, err)
			continue
		}
		if st, ok := memo[name]; ok && st.size == info.Size() && st.mtime == info.ModTime().UnixNano() {
			c.verified[name] = st
			maxVersion = max(maxVersion, st.maxVersion)
			continue
		}
		toRead = append(toRead, unread{id, path, info})
	}
	for i, t := range toRead {
		if c.ctx.Err() != nil {
			return
		}
		v, err := tc.verifyTable(t.path, mf.Tables[t.id])
		if c.report != nil {
			c.report(i+1, len(toRead))
		}
		if err != nil {
			c.addf("the table file %s is damaged (%v)", t.info.Name(), err)
			continue
		}
		c.verified[t.info.Name()] = stampOf(t.info, v)
		maxVersion = max(maxVersion, v)
	}
	for id, name := range onDisk {
		if _, ok := mf.Tables[id]; ok {
			continue
		}
		// A table the MANIFEST does not list is a leftover of a crash
		// during a compaction or a flush, whose data other files hold:
		// its versions are no newer than theirs. One with newer data
		// means the MANIFEST lost entries.
		v, err := tc.verifyUnlisted(filepath.Join(db, name))
		if err == nil && v > max(maxVersion, c.maxLogVersion) {
			c.addf("the table file %s holds newer data than the MANIFEST knows of", name)
			continue
		}
		c.orphans = append(c.orphans, name)
	}
}

// readManifest replays the MANIFEST read-only.
func readManifest(path string) (badger.Manifest, error) {
	mf, _, _, _, err := replayManifest(path)
	return mf, err
}

// verifyTable opens a table read-only and verifies every block's checksum,
// returning its newest version. Badger's table code panics on some damage
// (a truncated file); the panic is turned into an error here, on the
// calling goroutine.
func (tc *tableCheck) verifyTable(path string, tm badger.TableManifest) (maxVersion uint64, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("unreadable: %s", panicText(r))
		}
	}()
	info, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	if info.Size() < 8 {
		return 0, fmt.Errorf("only %d bytes long", info.Size())
	}
	mf, err := z.OpenMmapFile(path, os.O_RDONLY, 0)
	if err != nil && !errors.Is(err, z.NewFile) {
		return 0, err
	}
	opts := table.Options{ChkMode: options.OnTableRead, BlockSize: 4 << 10, Compression: tm.Compression, ZSTDCompressionLevel: 1}
	if tm.KeyID != 0 {
		if tc.kr == nil {
			return 0, errors.New("encrypted, and no key was given")
		}
		dk, err := tc.kr.DataKey(tm.KeyID)
		if err != nil {
			return 0, err
		}
		opts.DataKey = dk
		opts.IndexCache = tc.cache
	}
	t, err := table.OpenTable(mf, opts)
	if err != nil {
		return 0, fmt.Errorf("%s", firstLine(err.Error()))
	}
	v := t.MaxVersion()
	_ = t.MmapFile.Close(-1)
	return v, nil
}

// compressions are the ways a table of a Rapport store may be compressed:
// Zstandard since issue 14 (badgerOptions), Snappy in tables written
// before. A table the MANIFEST does not list carries no record of which.
var compressions = []options.CompressionType{options.ZSTD, options.Snappy}

// verifyUnlisted verifies a table the MANIFEST does not list, trying each
// compression in turn (a wrong one fails the blocks' checksums, which
// cover the uncompressed data).
func (tc *tableCheck) verifyUnlisted(path string) (maxVersion uint64, err error) {
	for _, c := range compressions {
		if maxVersion, err = tc.verifyTable(path, badger.TableManifest{Compression: c}); err == nil {
			return maxVersion, nil
		}
	}
	return 0, err
}

// panicText says in a few words what a panic of Badger's table code
// meant.
func panicText(r any) string {
	switch s := fmt.Sprint(r); {
	case strings.Contains(s, "initIndex"):
		return "its index at the end of the file is missing or garbled; the file may have been cut short"
	case strings.Contains(s, "nil pointer"):
		// Badger's VerifyChecksum formats its error with the block it
		// could not read, which is nil.
		return "a block does not match its checksum"
	}
	return firstLine(fmt.Sprint(r))
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// checkLog reads every entry of a log file (.vlog or .mem) and its
// checksum. Badger stops replaying a log at the first entry that does not
// check out and cuts the file there, which is right for the last entry a
// crash left half-written, and loses data when the entry is damaged in
// the middle. A damaged entry is told from a torn end by what follows it:
// after a torn end there is nothing valid, after damage there is.
func (c *folderCheck) checkLog(path string) {
	name := filepath.Base(path)
	mf, err := z.OpenMmapFile(path, os.O_RDONLY, 0)
	if err != nil && !errors.Is(err, z.NewFile) {
		c.addf("the log file %s is unreadable (%v)", name, err)
		return
	}
	defer func() { _ = mf.Close(-1) }()
	data := mf.Data
	switch {
	case len(data) == 0:
		return // created, never written
	case len(data) < vlogHeader:
		c.addf("the log file %s is cut short (%d bytes)", name, len(data))
		return
	}
	off := vlogHeader
	for off < len(data) {
		n, version, ok := logEntryAt(data, off)
		if n == 0 { // zeros: the end of what was written
			break
		}
		if !ok {
			if at := nextValidEntry(data, off+1); at >= 0 {
				c.addf("the log file %s is damaged at byte %d (valid entries follow at byte %d)", name, off, at)
			}
			return
		}
		c.maxLogVersion = max(c.maxLogVersion, version)
		off += n
	}
}

// logEntryAt decodes the log entry at off: its length (0 at the zeros
// that end a log), its version and whether its checksum is right.
func logEntryAt(data []byte, off int) (n int, version uint64, ok bool) {
	b := data[off:]
	if len(b) < 5 || (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0 && b[4] == 0) {
		return 0, 0, false
	}
	h := 2
	klen, w := binary.Uvarint(b[h:])
	if w <= 0 {
		return 1, 0, false
	}
	h += w
	vlen, w := binary.Uvarint(b[h:])
	if w <= 0 {
		return 1, 0, false
	}
	h += w
	if _, w = binary.Uvarint(b[h:]); w <= 0 {
		return 1, 0, false
	}
	h += w
	if klen < 9 || klen > 1<<16 || vlen > uint64(len(b)) || uint64(h)+klen+vlen+4 > uint64(len(b)) {
		return 1, 0, false
	}
	end := h + int(klen) + int(vlen)
	if crc32.Checksum(b[:end], castagnoli) != binary.BigEndian.Uint32(b[end:end+4]) {
		return end + 4, 0, false
	}
	key := b[h : h+int(klen)]
	return end + 4, ^binary.BigEndian.Uint64(key[len(key)-8:]), true
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// nextValidEntry returns the offset of the first entry from off on whose
// checksum is right, or -1.
func nextValidEntry(data []byte, off int) int {
	for ; off < len(data)-5; off++ {
		if _, _, ok := logEntryAt(data, off); ok {
			return off
		}
	}
	return -1
}

// tableCheck is what opening tables to check them needs: the keys and the
// index cache of an encrypted folder.
type tableCheck struct {
	kr    *badger.KeyRegistry
	cache *ristretto.Cache[uint64, *fb.TableIndex]
}

func newTableCheck(kr *badger.KeyRegistry) (*tableCheck, error) {
	tc := &tableCheck{kr: kr}
	if kr == nil {
		return tc, nil
	}
	var err error
	tc.cache, err = ristretto.NewCache(&ristretto.Config[uint64, *fb.TableIndex]{NumCounters: 1 << 10, MaxCost: 4 << 20, BufferItems: 64})
	return tc, err
}

func (tc *tableCheck) close() {
	if tc.cache != nil {
		tc.cache.Close()
	}
}

// setAside moves the tables a crash left behind (folderCheck.orphans) out
// of the database folder into DATA/set-aside/TIME, where Badger would have
// deleted them: their data is in other files, but nothing is deleted on a
// path that found something unexpected.
func setAside(dir, db string, names []string, now string) error {
	if len(names) == 0 {
		return nil
	}
	to := filepath.Join(dir, "set-aside", now)
	if err := os.MkdirAll(to, 0o700); err != nil {
		return err
	}
	for _, n := range names {
		if err := os.Rename(filepath.Join(db, n), filepath.Join(to, n)); err != nil {
			return err
		}
	}
	return nil
}

// Check reads every file of the data folder dir, as Open does, without
// opening it; the folder must not be open elsewhere. It returns a
// *DamagedError listing what is wrong, or nil.
func Check(dir string, passphrase string) error {
	lk := flock.New(filepath.Join(dir, LockFile))
	ok, err := lk.TryLock()
	if err != nil {
		return fmt.Errorf("lock data folder %s: %w", dir, err)
	}
	if !ok {
		return &LockedError{Dir: dir}
	}
	defer func() { _ = lk.Unlock() }()
	key, err := dataKey(dir, passphrase)
	if err != nil {
		return err
	}
	db := filepath.Join(dir, DBDir)
	kr, err := keyRegistry(db, key)
	if err != nil {
		return err
	}
	if kr != nil {
		defer kr.Close()
	}
	_, err = checkFolder(dir, db, kr, nil)
	return err
}
