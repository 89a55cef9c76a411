package compose

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rapportapp/rapport/app/shared/testkit/linear"
)

// TestLongInputsStayLinear guards against quadratic scans: each of these
// once took seconds at 100 KB. It compares the time for 25 KB and 200 KB
// of the same input rather than a wall-clock limit, so a slow or busy
// machine does not fail it: linear work grows 8x, quadratic 64x.
func TestLongInputsStayLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("long inputs")
	}
	units := []string{")", "a.", "@a", "a-", "http://a.", "#a", "{", "ab ", "x.com/", "é\u0301!"}
	for _, unit := range units {
		run := func(size int) {
			s := strings.Repeat(unit, size/len(unit))
			if unit == ")" {
				s = "https://example.com/" + s
			}
			for _, p := range Platforms() {
				Count(p.ID, s)
			}
			Tone(s, nil)
			Render(s, Vars{})
		}
		linear.Check(t, fmt.Sprintf("%q", unit), run, 25_000, 200_000)
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
