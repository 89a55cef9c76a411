package analyze

import (
	"strings"
	"testing"
	"time"
)

// TestLongInputs guards against quadratic behaviour on long posts.
func TestLongInputs(t *testing.T) {
	cfg := fixtureConfig()
	cfg.Promise = []string{"fresh"}
	a := New(cfg)
	for _, unit := range []string{"not good fresh fresh ", "a. ", "why? ", "great but ", "x", "😍", "!", "can't recommend "} {
		text := strings.Repeat(unit, 100_000/len(unit))
		start := time.Now()
		a.Analyze(text)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Analyze of 100 kB of %q took %v", unit, d)
		}
	}
}
