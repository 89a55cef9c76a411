//go:build !unix

package analyze

import "time"

// cpuTime is not measured here; throughput falls back to wall time.
func cpuTime() (time.Duration, bool) { return 0, false }
