package search

import (
	"errors"
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"github.com/rapportapp/rapport/app/shared/query"
	"github.com/rapportapp/rapport/storage"
)

// A split AND is the AND: the same positions and the same seeks (to
// stored positions, next to them, next to the cut, newer than the current
// one), cut at its second step, its older half collected whole or handed
// over after one to three positions, or walked on the caller's goroutine
// when the other could not build it; with prefixes, ORs, author: words and
// phrases among its operands.
func TestASplitANDIsTheAND(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	s, _ := randomStore(t, r)
	oldAhead, oldAfter, oldBuild := maxAhead, splitAfter, buildOlder
	defer func() { maxAhead, splitAfter, buildOlder = oldAhead, oldAfter, oldBuild }()
	splitAfter = 0
	failing := func(*storage.Tx, query.Plan, storage.Pos, *atomic.Bool) (stream, error) {
		return nil, errors.New("cannot read")
	}
	// An AND of plain words alone is one walk in storage (IterateAll),
	// not split; with another operand it is one of the AND's.
	srcs := []string{"coffee cold ro*", "roast bean author:maria", "cafe (cold OR tea)", "author:maria coffee", "ro* coffee", `"cold brew" (tea OR cafe)`, "coffee tea bean c*", "cafe coffee (bean OR roast)"}
	cuts, handed := 0, 0
	for i := range 600 {
		src := srcs[i%len(srcs)]
		maxAhead = []int{1, 2, 3, 5000}[r.IntN(4)]
		buildOlder = buildAndFrom
		if r.IntN(4) == 0 {
			buildOlder = failing
		}
		plan := query.MustParse(src).Plan()
		err := s.View(func(tx *storage.Tx) error {
			var all []storage.Pos
			full, err := build(tx, plan)
			if err != nil {
				return err
			}
			for ; full.Valid(); full.Next() {
				all = append(all, full.Pos())
			}
			full.Close()
			ref, _ := build(tx, plan)
			defer ref.Close()
			and, _ := build(tx, plan)
			if _, ok := and.(*andStream); !ok {
				t.Fatalf("%q is not an AND", src)
			}
			rn := &run{tx: tx}
			sp := newSplit(rn, plan, and)
			defer sp.Close()
			var ops []byte
			for step := range 200 {
				if ref.Valid() != sp.Valid() || ref.Valid() && ref.Pos() != sp.Pos() {
					t.Fatalf("%q after %s (step %d, cut %v at %x): the AND is at %v %x, the split at %v %x",
						src, ops, step, sp.cut, sp.at, ref.Valid(), ref.Pos(), sp.Valid(), sp.Pos())
				}
				if rn.err != nil {
					t.Fatal(rn.err)
				}
				if !ref.Valid() && r.IntN(3) == 0 {
					break
				}
				if r.IntN(6) < 3 && ref.Valid() {
					ref.Next()
					sp.Next()
					ops = append(ops, 'N')
					continue
				}
				var p storage.Pos
				switch {
				case sp.cut && r.IntN(2) == 0:
					p = nudge(sp.at, r.IntN(3)-1)
				case len(all) > 0:
					p = nudge(all[r.IntN(len(all))], r.IntN(3)-1)
				}
				ref.Seek(p)
				sp.Seek(p)
				ops = append(ops, 'S')
			}
			if sp.cut {
				cuts++
			}
			if sp.older && len(sp.ahead) == maxAhead {
				handed++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if cuts < 300 || handed == 0 {
		t.Errorf("%d cuts, %d walks handed over: the test no longer tries what it says", cuts, handed)
	}
}

// nudge returns the position d (-1, 0, +1) after p in key order.
func nudge(p storage.Pos, d int) storage.Pos {
	for i := len(p) - 1; d != 0 && i >= 0; i-- {
		p[i] += byte(d)
		if d > 0 && p[i] != 0 || d < 0 && p[i] != 0xFF {
			break
		}
	}
	return p
}

// An AND told to stop ends where it is: a split AND's older half, closed
// before it is handed over, does not walk on.
func TestAStoppedANDEnds(t *testing.T) {
	s, _ := randomStore(t, rand.New(rand.NewPCG(7, 7)))
	for _, src := range []string{"coffee (cold OR tea)", "coffee cold ro*"} { // the second: a join of words in storage
		stoppedANDEnds(t, s, src)
	}
}

func stoppedANDEnds(t *testing.T, s *storage.Store, src string) {
	t.Helper()
	plan := query.MustParse(src).Plan()
	err := s.View(func(tx *storage.Tx) error {
		var stop atomic.Bool
		st, err := buildAndFrom(tx, plan, storage.Pos{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}, &stop)
		if err != nil {
			return err
		}
		defer st.Close()
		if !st.Valid() {
			t.Fatal("no mention has both words")
		}
		stop.Store(true)
		if st.Next(); st.Valid() {
			t.Error("the AND went on after it was told to stop")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
