// Package stats holds the few statistics experiments need: the Wilson
// score interval of a rate, Fisher's exact test of two rates, the chance
// that one rate beats another, and how many more observations a
// difference needs before it can be trusted. Tests check them against
// published values (stats_test.go).
package stats

import (
	"math"
)

// z95 is the two-sided 95 % quantile of the standard normal.
const z95 = 1.959963984540054

// Wilson returns the 95 % Wilson score interval of successes out of n
// (Wilson 1927; Newcombe 1998, method 3). n = 0 gives [0, 1].
func Wilson(successes, n int) (lo, hi float64) {
	return WilsonZ(successes, n, z95)
}

// WilsonZ is Wilson with another normal quantile z.
func WilsonZ(successes, n int, z float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	nf, p := float64(n), float64(successes)/float64(n)
	z2 := z * z
	centre := (p + z2/(2*nf)) / (1 + z2/nf)
	half := z / (1 + z2/nf) * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return math.Max(0, centre-half), math.Min(1, centre+half)
}

// Fisher returns the two-sided p-value of Fisher's exact test of the 2×2
// table [[a, b], [c, d]] (rows: the variants, columns: success, failure).
// As R's fisher.test, it sums the probabilities of every table with the
// same margins that is no more likely than the one observed, with a
// relative tolerance of 1e-7 for ties.
func Fisher(a, b, c, d int) float64 {
	if a < 0 || b < 0 || c < 0 || d < 0 {
		return math.NaN()
	}
	r1, c1, n := a+b, a+c, a+b+c+d
	lo, hi := max(0, c1-(n-r1)), min(r1, c1)
	if lo == hi {
		return 1
	}
	obs := logHyper(a, r1, c1, n)
	const relErr = 1 + 1e-7
	p := 0.0
	for x := lo; x <= hi; x++ {
		if lp := logHyper(x, r1, c1, n); lp <= obs+math.Log(relErr) {
			p += math.Exp(lp)
		}
	}
	return math.Min(1, p)
}

// logHyper is the log probability of x successes in the first row of a
// table with first-row total r1, first-column total c1 and total n.
func logHyper(x, r1, c1, n int) float64 {
	return logChoose(r1, x) + logChoose(n-r1, c1-x) - logChoose(n, c1)
}

func logChoose(n, k int) float64 {
	return lgamma(n+1) - lgamma(k+1) - lgamma(n-k+1)
}

func lgamma(n int) float64 {
	v, _ := math.Lgamma(float64(n))
	return v
}

// ProbBetter is the probability that variant B's true rate is higher than
// A's, given sa of na and sb of nb successes and a uniform prior on each
// rate (Beta(1, 1)); it is the "how sure" of an experiment's sentence.
// Computed exactly as a finite sum (Evan Miller, "Formulas for Bayesian
// A/B testing", 2015).
func ProbBetter(sa, na, sb, nb int) float64 {
	aA, bA := float64(sa+1), float64(na-sa+1)
	aB, bB := float64(sb+1), float64(nb-sb+1)
	total := 0.0
	for i := 0; i < int(aB); i++ {
		fi := float64(i)
		total += math.Exp(logBeta(aA+fi, bA+bB) - math.Log(bB+fi) - logBeta(1+fi, bB) - logBeta(aA, bA))
	}
	return math.Max(0, math.Min(1, total))
}

func logBeta(a, b float64) float64 {
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	return la + lb - lab
}

// SampleSize is how many observations each variant needs for a test at
// the 5 % level (two-sided) to detect the difference between rates p1 and
// p2 with 80 % power, by the normal approximation (Fleiss, Statistical
// Methods for Rates and Proportions, section 4.2, without continuity
// correction). It returns 0 when the rates are equal (no number of
// observations tells them apart) or not in (0, 1).
func SampleSize(p1, p2 float64) int {
	if p1 == p2 || p1 < 0 || p1 > 1 || p2 < 0 || p2 > 1 {
		return 0
	}
	const z80 = 0.8416212335729143
	pbar := (p1 + p2) / 2
	num := z95*math.Sqrt(2*pbar*(1-pbar)) + z80*math.Sqrt(p1*(1-p1)+p2*(1-p2))
	return int(math.Ceil(num * num / ((p1 - p2) * (p1 - p2))))
}
