//go:build unix

package analyze

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used (user and system, all
// threads: garbage collection included), for throughput on a busy machine,
// where wall time also counts other programs' turns.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
