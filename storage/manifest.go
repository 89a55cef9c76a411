package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/badger/v4/y"
	"google.golang.org/protobuf/proto"
)

// Badger's MANIFEST is a log: every table a compaction writes or deletes
// appends a record, and Badger rewrites it as the bare list of tables only
// once it holds more than 10,000 deletions. Every open replays it whole,
// Badger's and the damage check's (check.go): at a million mentions a
// 92 KB MANIFEST for 362 tables took 11 ms of the 100 ms of a
// `rapport search`. A writer's Close therefore rewrites it as Badger
// would, when that makes it much shorter (compactManifest).

// manifestSlack is how much longer than its rewrite a MANIFEST may grow
// before Close rewrites it (a variable for the tests).
var manifestSlack = 8 << 10

// manifestRewrite is the file the new MANIFEST is written to before it
// takes the old one's place (a crash leaves the old one, and this file,
// which the next rewrite truncates).
const manifestRewrite = "RAPPORT-MANIFEST.tmp"

// compactManifest rewrites the MANIFEST in the database folder db as the
// list of its tables, when it is more than manifestSlack longer than that
// list. Only for a folder no process has open for writing. The new file is
// replayed and compared with the old one before it replaces it, and a
// MANIFEST that does not replay to its end (a torn record, which Badger
// truncates when it opens it for writing) is left alone.
func compactManifest(db string) (rewritten bool, err error) {
	path := filepath.Join(db, "MANIFEST")
	mf, head, end, size, err := replayManifest(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil || end != size {
		return false, err
	}
	ids := slices.Sorted(maps.Keys(mf.Tables))
	set := &pb.ManifestChangeSet{Changes: make([]*pb.ManifestChange, 0, len(ids))}
	for _, id := range ids {
		tm := mf.Tables[id]
		set.Changes = append(set.Changes, &pb.ManifestChange{
			Id: id, Op: pb.ManifestChange_CREATE, Level: uint32(tm.Level), KeyId: tm.KeyID,
			EncryptionAlgo: pb.EncryptionAlgo_aes, Compression: uint32(tm.Compression),
		})
	}
	body, err := proto.Marshal(set)
	if err != nil {
		return false, err
	}
	if size <= int64(16+len(body)+manifestSlack) {
		return false, nil
	}
	// The header as it was (magic, external magic, format version), then
	// one record: its length, its checksum, the changes.
	out := append(head[:], make([]byte, 8)...)
	binary.BigEndian.PutUint32(out[8:12], uint32(len(body)))
	binary.BigEndian.PutUint32(out[12:16], crc32.Checksum(body, y.CastagnoliCrcTable))
	out = append(out, body...)
	tmp := filepath.Join(db, manifestRewrite)
	if err := writeFileAtomic(tmp, out); err != nil {
		return false, err
	}
	again, _, end, size, err := replayManifest(tmp)
	if err != nil || end != size || !maps.Equal(mf.Tables, again.Tables) {
		_ = os.Remove(tmp)
		return false, fmt.Errorf("the rewritten MANIFEST does not list the same tables (%v)", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return false, err
	}
	return true, syncDir(db)
}

// replayManifest reads a MANIFEST as Badger does, returning its tables,
// its 8-byte header, how far it read and how long the file is.
func replayManifest(path string) (mf badger.Manifest, head [8]byte, end, size int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return mf, head, 0, 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return mf, head, 0, 0, err
	}
	if _, err := f.ReadAt(head[:], 0); err != nil {
		return mf, head, 0, 0, fmt.Errorf("read the MANIFEST's header: %w", err)
	}
	opt := badger.DefaultOptions("").WithLogger(nil)
	mf, end, err = badger.ReplayManifestFile(f, opt.ExternalMagicVersion, opt)
	return mf, head, end, info.Size(), err
}
