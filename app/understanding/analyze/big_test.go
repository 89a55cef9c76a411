package analyze

import (
	"strings"
	"testing"

	"github.com/rapportapp/rapport/app/shared/testkit/linear"
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
		// On a shared machine one measurement can catch another program's
		// turn; quadratic behaviour shows in every one, so keep the best of three.
		r := linear.Growth(run, 12_500, 100_000)
		for try := 0; try < 2 && r > 24; try++ {
			r = min(r, linear.Growth(run, 12_500, 100_000))
		}
		if r > 24 {
			t.Errorf("%q: 8x the text took %.0fx the time — no longer linear", unit, r)
		}
	}
}
