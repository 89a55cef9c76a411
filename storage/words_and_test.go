package storage

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// A cursor finds how many of its chunk's entries from where it is are
// newer than a target, galloping, exactly as counting them one by one
// would: ranks (a newer entry has a lower rank) and positions (a newer
// one is greater), from every place in chunks of every size up to a full
// one (128) and the largest that decodes, for targets before, inside and
// after the chunk.
func TestACursorCountsTheEntriesNewerThanItsTarget(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 41))
	g := &segAnd{}
	for _, n := range append(sizes(130), maxChunk) {
		step := int32(1) // every place and target; some of them in the largest
		if n > 130 {
			step = 97
		}
		ranks := make([]int32, n)
		ps := make([]Pos, n)
		r := int32(0)
		for k := range n {
			r += 1 + rng.Int32N(3)
			ranks[k] = r
			binary.BigEndian.PutUint64(ps[k][:8], uint64(1_000_000-r)) // newest first, as the ranks
		}
		for i := 0; i <= n; i += int(step) {
			for target := int32(0); target <= r+2; target += step {
				want := 0
				for k := i; k < n && ranks[k] < target; k++ {
					want++
				}
				c := &rankCursor{ranks: ranks, i: i}
				if got, ok := c.newer(g, entry{rank: target}); !ok || got != want {
					t.Fatalf("ranks, n %d, at %d, target %d: %d (%v), want %d", n, i, target, got, ok, want)
				}
				var p Pos
				binary.BigEndian.PutUint64(p[:8], uint64(1_000_000-target))
				c = &rankCursor{ps: ps, i: i}
				if got, ok := c.newer(g, entry{rank: -1, pos: p}); !ok || got != want {
					t.Fatalf("positions, n %d, at %d, target %d: %d (%v), want %d", n, i, target, got, ok, want)
				}
			}
		}
	}
}

func sizes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}
