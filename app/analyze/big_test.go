package analyze

import (
	"strings"
	"testing"
	"time"
)

// TestLongInputs guards against quadratic behaviour on long posts by
// comparing 12.5 kB with 100 kB of the same input (linear: 8x, quadratic:
// 64x), not by a wall-clock limit that a busy machine could trip.
func TestLongInputs(t *testing.T) {
	cfg := fixtureConfig()
	cfg.Promise = []string{"fresh"}
	a := New(cfg)
	for _, unit := range []string{"not good fresh fresh ", "a. ", "why? ", "great but ", "x", "😍", "!", "can't recommend "} {
		run := func(size int) { a.Analyze(strings.Repeat(unit, size/len(unit))) }
		if r := growth(run, 12_500, 100_000); r > 24 {
			t.Errorf("%q: 8x the text took %.0fx the time — no longer linear", unit, r)
		}
	}
}

// growth returns how many times longer f takes at size big than at small
// (the best of three runs each, to damp noise).
func growth(f func(size int), small, big int) float64 {
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
