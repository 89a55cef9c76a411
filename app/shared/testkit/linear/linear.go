// Package linear helps tests guard against quadratic work: rather than
// assert a wall-clock time, which a loaded machine breaks, a test compares
// how the time grows with the input.
package linear

import (
	"runtime"
	"time"
)

// minBatch is how long one timed batch of calls runs at least, so that a
// fast call is not timed alone (a single preemption or GC would dominate).
const minBatch = 5 * time.Millisecond

// Growth returns how many times longer f takes at size big than at small.
// Each size is timed in batches of calls lasting at least minBatch, the two
// sizes alternating, and the best batch of five counts, to damp the noise
// of a busy machine. For linear work it is about big/small; tests allow a
// wide margin above that.
func Growth(f func(size int), small, big int) float64 {
	calls := func(size int) int { // calls per batch
		n := 1
		for {
			start := time.Now()
			for range n {
				f(size)
			}
			if time.Since(start) >= minBatch || n >= 1<<16 {
				return n
			}
			n *= 2
		}
	}
	ns, nb := calls(small), calls(big)
	var bestSmall, bestBig time.Duration
	for i := range 5 {
		s, b := perCall(f, small, ns), perCall(f, big, nb)
		if i == 0 || s < bestSmall {
			bestSmall = s
		}
		if i == 0 || b < bestBig {
			bestBig = b
		}
	}
	return float64(max(bestBig, time.Nanosecond)) / float64(max(bestSmall, time.Nanosecond))
}

// perCall times n calls of f(size) and returns the time of one.
func perCall(f func(size int), size, n int) time.Duration {
	runtime.GC() // start every batch from the same heap
	start := time.Now()
	for range n {
		f(size)
	}
	return time.Since(start) / time.Duration(n)
}

// Check fails the test when f grows clearly faster than linearly from size
// small to size big (big a power-of-two multiple of small). It times each
// doubling on the way (small → 2·small → … → big) and looks at the
// smallest growth among them: linear work takes about 2× per doubling,
// quadratic work 4× at every one. A burst of load on a shared machine (or
// the race detector's overhead) inflates some doublings but not all of
// them, so one calm doubling clears linear work, while quadratic work
// fails every one. The limit is 3× per doubling; the whole run is tried up
// to three times before failing.
func Check(t interface {
	Helper()
	Errorf(format string, args ...any)
}, what string, f func(size int), small, big int,
) {
	t.Helper()
	const limit = 3.0
	best := 0.0
	for try := 0; try < 3; try++ {
		lowest := 0.0
		for n := small; n < big; n *= 2 {
			r := Growth(f, n, 2*n)
			if n == small || r < lowest {
				lowest = r
			}
		}
		if try == 0 || lowest < best {
			best = lowest
		}
		if best <= limit {
			return
		}
	}
	t.Errorf("%s: every doubling of the input took at least %.1fx the time (linear work takes about 2x) — no longer linear", what, best)
}
