package stats

import (
	"math"
	"testing"
)

// Newcombe, R. G. (1998). Two-sided confidence intervals for the single
// proportion: comparison of seven methods. Statistics in Medicine 17,
// 857–872, Table II, method 3 (Wilson score interval without continuity
// correction), to four decimals.
func TestWilsonMatchesNewcombe1998(t *testing.T) {
	for _, c := range []struct {
		s, n   int
		lo, hi float64
	}{
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0.0000, 0.1611},
		{1, 29, 0.0061, 0.1718},
	} {
		lo, hi := Wilson(c.s, c.n)
		if math.Abs(lo-c.lo) > 5e-5 || math.Abs(hi-c.hi) > 5e-5 {
			t.Errorf("Wilson(%d, %d) = [%.4f, %.4f], want [%.4f, %.4f]", c.s, c.n, lo, hi, c.lo, c.hi)
		}
	}
	if lo, hi := Wilson(0, 0); lo != 0 || hi != 1 {
		t.Errorf("Wilson(0, 0) = [%v, %v], want [0, 1]", lo, hi)
	}
}

// The examples of R's fisher.test help page (R 4.x, ?fisher.test): Fisher's
// Tea Tasting (matrix(c(3, 1, 1, 3), nrow = 2)), p = 0.4857, and the
// Convictions of like-sex twins of criminals (Fisher 1962; matrix(c(2, 10,
// 15, 3), nrow = 2)), two-sided p = 0.0005367. R fills matrices by column,
// so c(2, 10, 15, 3) is the table [[2, 15], [10, 3]].
func TestFisherMatchesRsExamples(t *testing.T) {
	for _, c := range []struct {
		name       string
		a, b, c, d int
		p, tol     float64
	}{
		{"tea tasting", 3, 1, 1, 3, 0.4857, 5e-5},
		{"convictions", 2, 15, 10, 3, 0.0005367, 5e-8},
		{"equal", 5, 5, 5, 5, 1, 1e-12},
		{"one empty row", 0, 0, 4, 6, 1, 1e-12},
	} {
		if p := Fisher(c.a, c.b, c.c, c.d); math.Abs(p-c.p) > c.tol {
			t.Errorf("%s: Fisher = %.7f, want %.7f", c.name, p, c.p)
		}
	}
}

func TestProbBetter(t *testing.T) {
	// Symmetric: equal data is a coin toss; swapping the variants gives
	// the complement.
	if p := ProbBetter(10, 50, 10, 50); math.Abs(p-0.5) > 1e-9 {
		t.Errorf("equal data: %v, want 0.5", p)
	}
	a, b := ProbBetter(12, 40, 21, 41), ProbBetter(21, 41, 12, 40)
	if math.Abs(a+b-1) > 1e-9 {
		t.Errorf("P(B>A) + P(A>B) = %v, want 1", a+b)
	}
	// Beta(1,1) vs Beta(2,1): P(pB > pA) = 2/3 exactly.
	if p := ProbBetter(0, 0, 1, 1); math.Abs(p-2.0/3) > 1e-9 {
		t.Errorf("one success against nothing: %v, want 2/3", p)
	}
	if a < 0.95 {
		t.Errorf("21/41 against 12/40 should be fairly sure: %v", a)
	}
}

// Fleiss's formula without the continuity correction, by hand for
// p1 = 0.10, p2 = 0.20: p̄ = 0.15, (1.95996·√(2·0.15·0.85) +
// 0.84162·√(0.09 + 0.16))² / 0.01 = 198.96, so 199 per variant (Fleiss,
// Levin & Paik 2003, section 4.2; the continuity correction, not used
// here, would ask for more).
func TestSampleSize(t *testing.T) {
	if n := SampleSize(0.10, 0.20); n != 199 {
		t.Errorf("SampleSize(0.10, 0.20) = %d, want 199", n)
	}
	if n := SampleSize(0.5, 0.5); n != 0 {
		t.Errorf("equal rates: %d, want 0", n)
	}
	if SampleSize(0.3, 0.5) >= SampleSize(0.4, 0.5) {
		t.Error("a bigger difference must need fewer observations")
	}
}
