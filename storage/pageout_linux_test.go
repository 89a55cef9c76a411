//go:build linux

package storage

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestParseMapping(t *testing.T) {
	tests := []struct {
		line       string
		start, end uintptr
		path       string
		ok         bool
	}{
		{"7f12a0000000-7f12a0400000 r--s 00000000 fd:01 1234                       /data/db/000012.sst", 0x7f12a0000000, 0x7f12a0400000, "/data/db/000012.sst", true},
		{"7f12a0000000-7f12a0001000 r--s 00000000 fd:01 1234  /my data/db/000013.sst", 0x7f12a0000000, 0x7f12a0001000, "/my data/db/000013.sst", true},
		{"7f12a0000000-7f12a0001000 r--s 00000000 fd:01 1234  /data/db/000014.sst (deleted)", 0x7f12a0000000, 0x7f12a0001000, "/data/db/000014.sst (deleted)", true},
		{"c000000000-c004000000 rw-p 00000000 00:00 0 ", 0xc000000000, 0xc004000000, "", true},
		{"7ffd1000-7ffd2000 rw-p 00000000 00:00 0                          [stack]", 0x7ffd1000, 0x7ffd2000, "[stack]", true},
		{"nonsense", 0, 0, "", false},
		{"2000-1000 r--s 00000000 fd:01 1 /x.sst", 0, 0, "", false},
		{"zz-1000 r--s 00000000 fd:01 1 /x.sst", 0, 0, "", false},
	}
	for _, tt := range tests {
		start, end, path, ok := parseMapping(tt.line)
		if start != tt.start || end != tt.end || path != tt.path || ok != tt.ok {
			t.Errorf("parseMapping(%q) = %x, %x, %q, %v; want %x, %x, %q, %v", tt.line, start, end, path, ok, tt.start, tt.end, tt.path, tt.ok)
		}
	}
}

// The pages of the table files are given back, and every key reads the
// same after.
func TestReleasedTablePagesReadTheSame(t *testing.T) {
	var ms []*Mention
	for i := range 3000 {
		ms = append(ms, &Mention{Title: fmt.Sprintf("post %d", i), Text: strings.Repeat(fmt.Sprintf("word%d ", i%97), 40), Published: t0.Add(-time.Duration(i) * time.Minute)})
	}
	s, dir := openWithTables(t, ms)
	before := dump(t, s)
	resident := tablePagesResident(t, dir)
	advised, err := ReleaseTablePages(dir)
	if err != nil {
		t.Fatal(err)
	}
	if advised == 0 {
		t.Fatal("no table file was mapped")
	}
	var fs syscall.Statfs_t
	if err := syscall.Statfs(dir, &fs); err == nil && fs.Type != 0x01021994 { // not tmpfs, which cannot page out without swap
		after := tablePagesResident(t, dir)
		if after >= resident {
			t.Errorf("%d KB of table pages resident before, %d KB after", resident, after)
		}
		t.Logf("table pages resident: %d KB before, %d KB after (%d KB mapped)", resident, after, advised>>10)
	}
	sameDump(t, before, dump(t, s))
	checkIndexes(t, s)
	// A folder named relative to the working directory, as --data ./x.
	t.Chdir(filepath.Dir(dir))
	if advised, err := ReleaseTablePages(filepath.Base(dir)); advised == 0 || err != nil {
		t.Errorf("a relative folder: %d bytes advised, %v", advised, err)
	}
}

// tablePagesResident sums the resident kilobytes of the table files under
// dir that this process maps.
func tablePagesResident(t *testing.T, dir string) int {
	t.Helper()
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	kb, table := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if _, _, path, ok := parseMapping(line); ok {
			table = strings.HasPrefix(path, root+"/") && strings.HasSuffix(path, ".sst")
			continue
		}
		if rest, ok := strings.CutPrefix(line, "Rss:"); ok && table {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			kb += n
		}
	}
	return kb
}
