package storage

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/table"
)

// Verified tables. Badger never changes a table file once written, so a
// table whose every block was verified (check.go) need not be read again
// on the next open as long as it is the same file: same name, size and
// modification time. Open remembers the tables it verified, and Close
// the tables the session wrote (Badger writes and syncs them itself), in
// VerifiedFile inside the database folder; the next Open or OpenReadOnly
// reads only the tables that are new or changed since. Without this a
// store of a million mentions was read whole (1.8 GB) before every
// command. `rapport check` and `repair` ignore the memo and read
// everything. Damage that keeps a file's size and time (bit rot under a
// table already verified) is found by `rapport check`, and by Badger's
// checksums when the damaged block is read.

// VerifiedFile, in the database folder, lists the table files already
// verified: "name size mtime-ns max-version" per line.
const VerifiedFile = "RAPPORT-VERIFIED"

// tableStamp identifies a verified table file.
type tableStamp struct {
	size, mtime int64
	maxVersion  uint64
}

func stampOf(info os.FileInfo, maxVersion uint64) tableStamp {
	return tableStamp{size: info.Size(), mtime: info.ModTime().UnixNano(), maxVersion: maxVersion}
}

// readVerified reads the memo of the database folder db; a missing or
// unreadable memo is empty (everything is verified again).
func readVerified(db string) map[string]tableStamp {
	f, err := os.Open(filepath.Join(db, VerifiedFile))
	if err != nil {
		return nil
	}
	defer f.Close()
	memo := map[string]tableStamp{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var name string
		var st tableStamp
		if n, err := fmt.Sscanf(sc.Text(), "%s %d %d %d", &name, &st.size, &st.mtime, &st.maxVersion); err != nil || n != 4 || !strings.HasSuffix(name, ".sst") {
			return nil
		}
		memo[name] = st
	}
	if sc.Err() != nil {
		return nil
	}
	return memo
}

// writeVerified replaces the memo of db with stamps, through a temporary
// file and a rename, so a crash leaves the old memo or the new one.
func writeVerified(db string, stamps map[string]tableStamp) error {
	names := make([]string, 0, len(stamps))
	for n := range stamps {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		st := stamps[n]
		fmt.Fprintf(&b, "%s %d %d %d\n", n, st.size, st.mtime, st.maxVersion)
	}
	tmp := filepath.Join(db, VerifiedFile+".tmp")
	if err := os.WriteFile(tmp, []byte(b.String()), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(db, VerifiedFile))
}

// verifiedAfterClose is the memo a clean Close leaves: every table the
// MANIFEST lists, the ones verified at open and the ones Badger wrote.
// versions are the tables' newest versions as Badger knew them before
// closing; a table written while closing gets top, the store's newest
// version, an upper bound (check.go only compares versions to find
// leftovers with newer data than the MANIFEST knows of).
func verifiedAfterClose(db string, versions map[uint64]uint64, top uint64) error {
	mf, err := readManifest(filepath.Join(db, "MANIFEST"))
	if err != nil {
		return err
	}
	stamps := map[string]tableStamp{}
	for id := range mf.Tables {
		name := table.IDToFilename(id)
		info, err := os.Stat(filepath.Join(db, name))
		if err != nil {
			return err
		}
		v, ok := versions[id]
		if !ok {
			v = top
		}
		stamps[name] = stampOf(info, v)
	}
	return writeVerified(db, stamps)
}

// tableVersions are the newest versions of db's tables, by id.
func tableVersions(db *badger.DB) map[uint64]uint64 {
	vs := map[uint64]uint64{}
	for _, t := range db.Tables() {
		vs[t.ID] = t.MaxVersion
	}
	return vs
}
