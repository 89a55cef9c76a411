// Package linear helps tests guard against quadratic work: rather than
// assert a wall-clock time, which a loaded machine breaks, a test compares
// how the time grows with the input.
package linear

import "time"

// Growth returns how many times longer f takes at size big than at small
// (the best of three runs each, to damp noise). For linear work it is
// about big/small; tests allow a wide margin above that.
func Growth(f func(size int), small, big int) float64 {
	best := func(size int) time.Duration {
		var b time.Duration
		for i := 0; i < 3; i++ {
			start := time.Now()
			f(size)
			if d := time.Since(start); i == 0 || d < b {
				b = d
			}
		}
		return max(b, time.Microsecond)
	}
	return float64(best(big)) / float64(best(small))
}
