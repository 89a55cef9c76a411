package compose

import (
	"strings"
	"testing"
	"time"
)

// TestLongInputsStayLinear guards against quadratic scans: each of these
// once took seconds at 100 KB. The limit is generous so that a busy
// machine does not fail it; a quadratic scan would take far longer.
func TestLongInputsStayLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("long inputs")
	}
	inputs := []string{"https://example.com/" + strings.Repeat(")", 200_000)}
	for _, unit := range []string{"a.", "@a", "a-", "http://a.", "#a", "{", "ab ", "x.com/", "é\u0301!"} {
		inputs = append(inputs, strings.Repeat(unit, 200_000/len(unit)))
	}
	for _, s := range inputs {
		start := time.Now()
		for _, p := range Platforms() {
			Count(p.ID, s)
		}
		Tone(s, nil)
		Render(s, Vars{})
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%.20q… (%d bytes) took %v", s, len(s), d)
		}
	}
}

// BenchmarkLongDraft measures a Reddit-length draft (10,000 characters),
// the longest a platform preset allows.
func BenchmarkLongDraft(b *testing.B) {
	long := strings.Repeat(draft280+" ", 10_000/len(draft280))
	a := testAnalyzer()
	b.Run("count", func(b *testing.B) {
		for b.Loop() {
			Count(PlatformReddit, long)
		}
	})
	b.Run("tone", func(b *testing.B) {
		for b.Loop() {
			Tone(long, a)
		}
	})
}
