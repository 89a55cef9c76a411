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
	_, peak, err := runCmd("/bin/sleep", "0.3")
	runtime.KeepAlive(ballast)
	if err != nil {
		t.Fatal(err)
	}
	if peak <= 0 || peak > 50 {
		t.Errorf("sleep's peak memory reported as %.0f MB (this process holds 300 MB)", peak)
	}
}
