package main

import (
	"runtime"
	"testing"
)

// TestRunCmdReportsTheChildsMemoryNotOurs: the kernel's ru_maxrss of a
// child counted this process's memory at the fork (a 2 MB `sleep` was
// reported as large as the benchmark itself).
func TestRunCmdReportsTheChildsMemoryNotOurs(t *testing.T) {
	ballast := make([]byte, 300<<20)
	for i := range ballast {
		ballast[i] = byte(i)
	}
	_, mem, err := runCmd("/bin/sleep", "0.3")
	runtime.KeepAlive(ballast)
	if err != nil {
		t.Fatal(err)
	}
	if mem.peak <= 0 || mem.peak > 50 {
		t.Errorf("sleep's peak memory reported as %.0f MB (this process holds 300 MB)", mem.peak)
	}
	if mem.anon > mem.peak {
		t.Errorf("sleep's anonymous memory %.0f MB is more than its peak %.0f MB", mem.anon, mem.peak)
	}
}
