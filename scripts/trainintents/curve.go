package main

import (
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/rapportapp/rapport/app/understanding/analyze"
)

// Learning from the owner, simulated: a base model trained on the train
// split stands for the shipped model; dev posts, in a fixed random order,
// stand for the owner's corrections (their gold intents); the workspace
// layer learned from the first N is measured on held-out posts.

// curveSteps are the numbers of corrections the docs report.
var curveSteps = []int{0, 25, 50, 100, 200}

// curveBase trains the stand-in for the shipped model on the train split
// only (dev posts become corrections), with thresholds and policies tuned
// on its own cross-validated probabilities.
func curveBase(c *corpus, s setup) *analyze.Model {
	tr, extra := c.idx("train"), c.alwaysTrain("")
	oof := crossValidate(c, s, tr, extra)
	t := trained{setup: s, ds: tune(c, oof, tr, true)}
	t.model = fit(c, s, append(append([]int(nil), tr...), extra...))
	t.apply()
	return t.model
}

// corrections are the dev posts in the order the simulated owner corrects
// them.
func corrections(c *corpus) []int {
	dev := c.idx("dev")
	rng := rand.New(rand.NewPCG(13, 1))
	rng.Shuffle(len(dev), func(i, j int) { dev[i], dev[j] = dev[j], dev[i] })
	return dev
}

// personalFrom learns the workspace layer from the posts idx.
func personalFrom(c *corpus, base *analyze.Model, idx []int, opt analyze.PersonalOptions) *analyze.Personal {
	fs := c.features(base.Families)
	var samples []analyze.Sample
	for _, i := range idx {
		samples = append(samples, analyze.Sample{X: fs[i], Labels: labels(&c.posts[i])})
	}
	return analyze.TrainPersonal(base, samples, opt)
}

// readWith scores posts idx read by base plus the personal layer p.
func readWith(c *corpus, base *analyze.Model, p *analyze.Personal, idx []int) scores {
	return score(c.posts, idx, func(i int) map[string]bool {
		r := c.analyzer(&c.posts[i]).WithModel(base).WithPersonal(p).Analyze(c.posts[i].Text)
		got := map[string]bool{}
		for _, l := range r.Intents {
			got[l.Name] = true
		}
		return got
	})
}

// tunePersonal chooses the personal layer's settings on dev alone: the
// corrections come from one half of the dev split, the score from the
// other half, averaged over 25, 50, 100 and 200 corrections.
func tunePersonal(c *corpus, base *analyze.Model, out io.Writer) analyze.PersonalOptions {
	order := corrections(c)
	var from, held []int
	for _, i := range order {
		if fold(c.posts[i].Text, 2) == 0 {
			from = append(from, i)
		} else {
			held = append(held, i)
		}
	}
	fmt.Fprintf(out, "  no personal layer: macro F1 on the second dev half %.4f\n", readWith(c, base, nil, held).macroF1())
	best, bestF := analyze.DefaultPersonalOptions(), -1.0
	for _, l2 := range []float64{0.01, 0.03, 0.1} {
		for _, passes := range []int{10, 30} {
			for _, rate := range []float64{0.1, 0.3} {
				opt := analyze.PersonalOptions{L2: l2, Passes: passes, Rate: rate}
				t := 0.0
				var each []string
				for _, n := range []int{25, 50, 100, 200} {
					f := readWith(c, base, personalFrom(c, base, from[:min(n, len(from))], opt), held).macroF1()
					t += f
					each = append(each, fmt.Sprintf("%d: %.3f", n, f))
				}
				fmt.Fprintf(out, "  personal L2=%g passes=%d rate=%g: mean macro F1 on the other dev half %.4f (%v)\n", l2, passes, rate, t/4, each)
				if t/4 > bestF+1e-9 {
					best, bestF = opt, t/4
				}
			}
		}
	}
	return best
}

// runCurve prints test-split F1 after 0, 25, 50, 100 and 200 simulated
// corrections (a look at the test split).
func runCurve(c *corpus, s setup, opt analyze.PersonalOptions, out io.Writer) {
	base := curveBase(c, s)
	order := corrections(c)
	test := c.idx("test")
	fmt.Fprintf(out, "\n| corrections | macro F1 | micro F1 | complaint F1 | praise F1 | question F1 |\n|---|---|---|---|---|---|\n")
	for _, n := range curveSteps {
		var p *analyze.Personal
		if n > 0 {
			p = personalFrom(c, base, order[:n], opt)
		}
		sc := readWith(c, base, p, test)
		m := sc.micro()
		fmt.Fprintf(out, "| %d | %.3f | %.3f | %.3f | %.3f | %.3f |\n", n, sc.macroF1(), m.f1(), sc["complaint"].f1(), sc["praise"].f1(), sc["question"].f1())
	}
}

// runCurveNewKind simulates a workspace of a kind of business the shipped
// model never saw: for each kind, the base model learns from the other
// eight kinds' train split; the owner's corrections are that kind's train
// posts (in a fixed random order); the score is on that kind's dev posts.
// It reads no test post. Macro and complaint F1 are pooled over the nine.
func runCurveNewKind(c *corpus, s setup, opt analyze.PersonalOptions, out io.Writer) {
	kinds := map[string]bool{}
	for _, p := range c.posts {
		if p.Kind != fixtureKind {
			kinds[p.Kind] = true
		}
	}
	pooled := make([]scores, len(curveSteps))
	for k := range kinds {
		var tr, own, held []int
		for i, p := range c.posts {
			switch {
			case c.extra(i):
			case p.Kind != k && p.Split == "train":
				tr = append(tr, i)
			case p.Kind == k && p.Split == "train":
				own = append(own, i)
			case p.Kind == k && p.Split == "dev":
				held = append(held, i)
			}
		}
		oof := crossValidate(c, s, tr, c.alwaysTrain(k))
		t := trained{setup: s, ds: tune(c, oof, tr, true)}
		t.model = fit(c, s, append(append([]int(nil), tr...), c.alwaysTrain(k)...))
		t.apply()
		rng := rand.New(rand.NewPCG(13, 2))
		rng.Shuffle(len(own), func(i, j int) { own[i], own[j] = own[j], own[i] })
		for si, n := range curveSteps {
			var p *analyze.Personal
			if n > 0 {
				p = personalFrom(c, t.model, own[:min(n, len(own))], opt)
			}
			sc := readWith(c, t.model, p, held)
			if pooled[si] == nil {
				pooled[si] = sc
				continue
			}
			for in, x := range sc {
				y := pooled[si][in]
				y.tp, y.fp, y.fn = y.tp+x.tp, y.fp+x.fp, y.fn+x.fn
			}
		}
	}
	fmt.Fprintf(out, "\n| corrections (a kind the model never saw) | macro F1 | micro F1 | complaint F1 |\n|---|---|---|---|\n")
	for si, n := range curveSteps {
		m := pooled[si].micro()
		fmt.Fprintf(out, "| %d | %.3f | %.3f | %.3f |\n", n, pooled[si].macroF1(), m.f1(), pooled[si]["complaint"].f1())
	}
}
