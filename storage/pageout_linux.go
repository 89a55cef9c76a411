//go:build linux

package storage

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
)

// madvPageout is MADV_PAGEOUT (Linux 5.4): reclaim the range's pages now.
// Unlike MADV_DONTNEED it never discards data, whatever is mapped there.
const madvPageout = 21

// ReleaseTablePages asks the kernel to take back the pages of the table
// files of the data folder dir that this process holds mapped, and
// returns how many bytes of mappings it asked about.
//
// Badger maps every table file, reads and checks the whole of its index
// and Bloom filter when it opens one, and writes the tables a compaction
// builds through their mappings, so the pages stay in the process's
// resident set: 105 MB at a million mentions in the window, several
// hundred MB during an import (docs/storage.md). They are clean copies of
// the files (dirty ones are left alone), kept in the page cache, which the
// kernel would reclaim under pressure anyway; given back, the ones a later
// read needs come back from the file, a disk read each. MADV_PAGEOUT
// rather than MADV_DONTNEED because the list of mappings is read first: a
// table Badger unmaps in between may leave its addresses to other memory,
// which MADV_DONTNEED would zero and MADV_PAGEOUT only pages out. Ranges
// the kernel refuses are skipped; on kernels without MADV_PAGEOUT (before
// 5.4) every range is, and later calls return at once.
func ReleaseTablePages(dir string) (int64, error) {
	if pageoutUnsupported.Load() {
		return 0, nil
	}
	abs, err := filepath.Abs(filepath.Join(dir, DBDir))
	if err != nil {
		return 0, err
	}
	root, err := filepath.EvalSymlinks(abs) // /proc/self/maps names files by their real paths
	if err != nil {
		return 0, err
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	prefix := root + string(filepath.Separator)
	var advised int64
	refused := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		start, end, path, ok := parseMapping(sc.Text())
		if !ok || !strings.HasPrefix(path, prefix) || !strings.HasSuffix(path, ".sst") {
			continue
		}
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvPageout); errno != 0 {
			// EINVAL from an old kernel, or for a range that is not
			// a table's any more; ENOMEM for one unmapped since.
			if errno == syscall.EINVAL {
				refused++
			}
			continue
		}
		advised += int64(end - start)
	}
	if advised == 0 && refused > 0 {
		pageoutUnsupported.Store(true)
	}
	return advised, sc.Err()
}

// pageoutUnsupported is set once the kernel refused every table's range
// with EINVAL: it has no MADV_PAGEOUT.
var pageoutUnsupported atomic.Bool

// parseMapping reads one line of /proc/self/maps: "start-end perms offset
// dev inode path", the path after padding (and absent for anonymous
// memory).
func parseMapping(line string) (start, end uintptr, path string, ok bool) {
	fields := strings.SplitN(line, " ", 6)
	if len(fields) < 6 {
		return 0, 0, "", false
	}
	lo, hi, found := strings.Cut(fields[0], "-")
	if !found {
		return 0, 0, "", false
	}
	s, err1 := strconv.ParseUint(lo, 16, 64)
	e, err2 := strconv.ParseUint(hi, 16, 64)
	if err := errors.Join(err1, err2); err != nil || e <= s {
		return 0, 0, "", false
	}
	return uintptr(s), uintptr(e), strings.TrimLeft(fields[5], " "), true
}
