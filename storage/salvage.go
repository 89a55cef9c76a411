package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/badger/v4/table"
	"github.com/dgraph-io/badger/v4/y"
	"github.com/dgraph-io/ristretto/v2/z"
)

// Salvaging a damaged Badger folder: every key version that can still be
// read, from every file, whatever the MANIFEST says (or whether there is
// one). Every version carries its commit timestamp, so the newest readable
// version of each key wins whichever file it came from, without knowing
// the levels. Tables are read block by block, each block checked against
// its checksum, so one bad block costs only its own keys; logs (.mem,
// .vlog) are read entry by entry, resuming after damage at the next valid
// entry, and only transactions whose end marker was read count. The files
// are only read.

// Badger's on-disk entry flags (value.go in Badger; part of its format).
const (
	bitDelete       byte = 1 << 0
	bitValuePointer byte = 1 << 1
	bitTxn          byte = 1 << 6
	bitFinTxn       byte = 1 << 7
)

// salvaged is the newest readable version of one key.
type salvaged struct {
	version uint64
	meta    byte
	value   []byte // the value itself, or a value pointer when meta says so
}

// salvager collects key versions from a folder's files.
type salvager struct {
	db    string
	kr    *badger.KeyRegistry
	tc    *tableCheck
	keys  map[string]salvaged
	notes []string // what could not be read, in words
	vlogs map[uint32][]byte
	maps  []*z.MmapFile // the logs, mapped read-only until close
}

// close unmaps the logs.
func (sv *salvager) close() {
	for _, m := range sv.maps {
		_ = m.Close(-1)
	}
}

func (sv *salvager) notef(format string, a ...any) {
	sv.notes = append(sv.notes, fmt.Sprintf(format, a...))
}

// offer keeps a key version if it is the newest seen.
func (sv *salvager) offer(key []byte, version uint64, meta byte, value []byte) {
	if bytes.HasPrefix(key, []byte("!badger!")) {
		return
	}
	if old, ok := sv.keys[string(key)]; ok && old.version >= version {
		return
	}
	sv.keys[string(key)] = salvaged{version: version, meta: meta, value: bytes.Clone(value)}
}

// salvage reads every table and log of the Badger folder db.
func salvage(db string, kr *badger.KeyRegistry) (*salvager, error) {
	tc, err := newTableCheck(kr)
	if err != nil {
		return nil, err
	}
	defer tc.close()
	sv := &salvager{db: db, kr: kr, tc: tc, keys: map[string]salvaged{}, vlogs: map[uint32][]byte{}}
	entries, err := os.ReadDir(db)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", db, err)
	}
	manifest, _ := readManifest(filepath.Join(db, "MANIFEST")) // for the compression and key of each table
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, n := range names {
		switch {
		case strings.HasSuffix(n, ".sst"):
			id, _ := table.ParseFileID(n)
			tm, ok := manifest.Tables[id]
			if !ok {
				tm = badger.TableManifest{Compression: probeCompression(filepath.Join(db, n))}
			}
			sv.readTable(filepath.Join(db, n), tm)
		case strings.HasSuffix(n, ".mem"), strings.HasSuffix(n, ".vlog"):
			sv.readLog(filepath.Join(db, n))
		}
	}
	sv.resolvePointers()
	sv.close()
	return sv, nil
}

// probeCompression finds how a table the MANIFEST does not list is
// compressed: the way (compressions) that reads the most keys of it. A
// wrong one reads none: the blocks' checksums cover the uncompressed data.
func probeCompression(path string) options.CompressionType {
	best, most := compressions[0], 0
	for _, c := range compressions {
		if n := keysReadable(path, c); n > most {
			best, most = c, n
		}
	}
	return best
}

// keysReadable counts the keys of a plain table that read with
// compression c, block by block.
func keysReadable(path string, c options.CompressionType) (n int) {
	defer func() { _ = recover() }()
	mf, err := z.OpenMmapFile(path, os.O_RDONLY, 0)
	if err != nil && !errors.Is(err, z.NewFile) {
		return 0
	}
	t, err := table.OpenTable(mf, table.Options{ChkMode: options.OnBlockRead, BlockSize: 4 << 10, Compression: c, ZSTDCompressionLevel: 1})
	if err != nil {
		_ = mf.Close(-1)
		return 0
	}
	defer func() { _ = t.MmapFile.Close(-1) }()
	eachBlock(t, func(it *table.Iterator, start, end []byte) { n += keysInBlock(it, start, end) })
	return n
}

// eachBlock calls fn with each block of t: its first key, and the next
// block's (nil for the last).
func eachBlock(t *table.Table, fn func(it *table.Iterator, start, end []byte)) int {
	starts := t.KeySplits(1<<30, nil) // the first key of every block
	it := t.NewIterator(table.NOCACHE)
	defer it.Close()
	for i, start := range starts {
		var end []byte
		if i+1 < len(starts) {
			end = []byte(starts[i+1])
		}
		fn(it, []byte(start), end)
	}
	return len(starts)
}

func keysInBlock(it *table.Iterator, start, end []byte) (n int) {
	defer func() { _ = recover() }()
	for it.Seek(start); it.Valid() && (end == nil || y.CompareKeys(it.Key(), end) < 0); it.Next() {
		n++
	}
	return n
}

// readTable reads a table block by block.
func (sv *salvager) readTable(path string, tm badger.TableManifest) {
	name := filepath.Base(path)
	defer func() {
		if r := recover(); r != nil {
			sv.notef("%s: unreadable, so all of it is lost (%s)", name, panicText(r))
		}
	}()
	mf, err := z.OpenMmapFile(path, os.O_RDONLY, 0)
	if err != nil && !errors.Is(err, z.NewFile) {
		sv.notef("%s: unreadable (%v)", name, err)
		return
	}
	opts := table.Options{ChkMode: options.OnBlockRead, BlockSize: 4 << 10, Compression: tm.Compression, ZSTDCompressionLevel: 1}
	if tm.KeyID != 0 && sv.kr != nil {
		if opts.DataKey, err = sv.kr.DataKey(tm.KeyID); err != nil {
			sv.notef("%s: its key is missing (%v)", name, err)
			return
		}
		opts.IndexCache = sv.tc.cache
	}
	t, err := table.OpenTable(mf, opts)
	if err != nil {
		sv.notef("%s: its index is unreadable, so all of it is lost (%v)", name, firstLine(err.Error()))
		return
	}
	defer func() { _ = t.MmapFile.Close(-1) }()
	bad := 0
	blocks := eachBlock(t, func(it *table.Iterator, start, end []byte) {
		if !sv.readBlock(it, start, end) {
			bad++
		}
	})
	if bad > 0 {
		sv.notef("%s: %d of its %d blocks are unreadable", name, bad, blocks)
	}
}

// readBlock reads the keys from start up to end (the next block's first
// key); false if the block could not be read to its end.
func (sv *salvager) readBlock(it *table.Iterator, start, end []byte) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
	}()
	for it.Seek(start); it.Valid(); it.Next() {
		k := it.Key()
		if end != nil && y.CompareKeys(k, end) >= 0 {
			return true
		}
		vs := it.Value()
		if vs.ExpiresAt != 0 {
			continue
		}
		sv.offer(y.ParseKey(k), y.ParseTs(k), vs.Meta, vs.Value)
	}
	return end == nil
}

// readLog reads the committed transactions of a log file, resuming after
// damage at the next valid entry.
func (sv *salvager) readLog(path string) {
	name := filepath.Base(path)
	mf, err := z.OpenMmapFile(path, os.O_RDONLY, 0)
	if err != nil && !errors.Is(err, z.NewFile) {
		sv.notef("%s: unreadable (%v)", name, err)
		return
	}
	sv.maps = append(sv.maps, mf)
	data := mf.Data
	if len(data) < vlogHeader {
		return
	}
	var key *pb.DataKey
	if id := binary.BigEndian.Uint64(data[:8]); id != 0 {
		if sv.kr == nil {
			sv.notef("%s: encrypted, and no key was given", name)
			return
		}
		if key, err = sv.kr.DataKey(id); err != nil || key == nil {
			sv.notef("%s: its key is missing", name)
			return
		}
	}
	vlog := strings.HasSuffix(name, ".vlog")
	if vlog {
		if fid, err := strconv.ParseUint(strings.TrimSuffix(name, ".vlog"), 10, 32); err == nil {
			sv.vlogs[uint32(fid)] = data
		}
	}
	type pending struct {
		key, value []byte
		version    uint64
		meta       byte
	}
	var txn []pending
	var txnVersion uint64
	damaged, lost := 0, 0
	for off := vlogHeader; off < len(data); {
		n, _, ok := logEntryAt(data, off)
		if n == 0 {
			break
		}
		if !ok {
			next := nextValidEntry(data, off+1)
			if next < 0 {
				break // the end a crash tore
			}
			damaged++
			lost += len(txn)
			txn, txnVersion = txn[:0], 0
			off = next
			continue
		}
		k, v, meta := decodeLogEntry(data, off, key)
		if vlog {
			// A value log entry holds the value itself, whatever its
			// flags say (a restored entry keeps the flag it had).
			meta &^= bitValuePointer
		}
		off += n
		version := y.ParseTs(k)
		switch {
		case meta&bitFinTxn != 0:
			if txnVersion != 0 && strconv.FormatUint(txnVersion, 10) == string(v) {
				for _, p := range txn {
					sv.offer(p.key, p.version, p.meta, p.value)
				}
			} else {
				lost += len(txn)
			}
			txn, txnVersion = txn[:0], 0
		case meta&bitTxn != 0:
			if txnVersion != 0 && txnVersion != version {
				lost += len(txn)
				txn = txn[:0]
			}
			txnVersion = version
			txn = append(txn, pending{y.ParseKey(k), v, version, meta})
		default: // written outside a transaction (value-log GC)
			sv.offer(y.ParseKey(k), version, meta, v)
		}
	}
	if damaged > 0 {
		sv.notef("%s: damaged in %d places; %d writes of the transactions there are lost", name, damaged, lost)
	}
}

// decodeLogEntry returns the key, value and flags of the (valid) log entry
// at off, decrypted with key if the file is encrypted.
func decodeLogEntry(data []byte, off int, key *pb.DataKey) (k, v []byte, meta byte) {
	b := data[off:]
	meta = b[0]
	h := 2
	klen, w := binary.Uvarint(b[h:])
	h += w
	vlen, w := binary.Uvarint(b[h:])
	h += w
	_, w = binary.Uvarint(b[h:])
	h += w
	kv := b[h : h+int(klen)+int(vlen)]
	if key != nil {
		iv := make([]byte, 16)
		copy(iv, data[8:20])
		binary.BigEndian.PutUint32(iv[12:], uint32(off))
		plain, err := y.XORBlockAllocate(kv, key.Data, iv)
		if err == nil {
			kv = plain
		}
	}
	return kv[:klen], kv[klen:], meta
}

// resolvePointers replaces value pointers by the values they point to in
// the value log, dropping (and noting) those that cannot be read.
func (sv *salvager) resolvePointers() {
	lost := 0
	for k, e := range sv.keys {
		if e.meta&bitValuePointer == 0 || e.meta&bitDelete != 0 {
			continue
		}
		v, ok := sv.pointed(e.value)
		if !ok {
			lost++
			delete(sv.keys, k)
			continue
		}
		e.value, e.meta = v, e.meta&^bitValuePointer
		sv.keys[k] = e
	}
	if lost > 0 {
		sv.notef("%d values in the value log could not be read", lost)
	}
}

// pointed reads the value a pointer (file, length, offset) points to.
func (sv *salvager) pointed(ptr []byte) ([]byte, bool) {
	if len(ptr) != 12 {
		return nil, false
	}
	fid, size, off := binary.LittleEndian.Uint32(ptr), binary.LittleEndian.Uint32(ptr[4:]), binary.LittleEndian.Uint32(ptr[8:])
	data, ok := sv.vlogs[fid]
	if !ok || int(off) >= len(data) || int(off)+int(size) > len(data) {
		return nil, false
	}
	if _, _, ok := logEntryAt(data, int(off)); !ok {
		return nil, false
	}
	var key *pb.DataKey
	if id := binary.BigEndian.Uint64(data[:8]); id != 0 && sv.kr != nil {
		key, _ = sv.kr.DataKey(id)
	}
	_, v, _ := decodeLogEntry(data, int(off), key)
	return bytes.Clone(v), true
}

// live returns the salvaged keys that are not deleted, with their values.
func (sv *salvager) live() map[string][]byte {
	out := make(map[string][]byte, len(sv.keys))
	for k, e := range sv.keys {
		if e.meta&bitDelete == 0 {
			out[k] = e.value
		}
	}
	return out
}
