package main

import (
	"fmt"
	"io"
	"math"
	"os"

	"github.com/rapportapp/rapport/app/understanding/analyze"
)

// setup is one choice of features and training settings.
type setup struct {
	fam   int
	l2    float64
	iters int
	min   int
	sgd   bool
	rate  float64
}

func (s setup) String() string {
	if s.sgd {
		return fmt.Sprintf("families=%s SGD L2=%g passes=%d rate=%g min-count=%d", famName(s.fam), s.l2, s.iters, s.rate, s.min)
	}
	return fmt.Sprintf("families=%s L-BFGS L2=%g iterations=%d min-count=%d", famName(s.fam), s.l2, s.iters, s.min)
}

func famName(f int) string {
	n := ""
	if f&analyze.FamilyWords != 0 {
		n += "words"
	}
	if f&analyze.FamilyNeg != 0 {
		n += "+negation"
	}
	if f&analyze.FamilyCues != 0 {
		n += "+rule cues"
	}
	if f&analyze.FamilyStem != 0 {
		n += "+stems"
	}
	if f&analyze.FamilyChar != 0 {
		n += "+chars"
	}
	return n
}

const (
	wordsOnly = analyze.FamilyWords | analyze.FamilyNeg | analyze.FamilyStem
	withCues  = analyze.FamilyWords | analyze.FamilyNeg | analyze.FamilyStem | analyze.FamilyCues
)

// fit trains a model on the posts idx.
func fit(c *corpus, s setup, idx []int) *analyze.Model {
	fs := c.features(s.fam)
	samples := make([]analyze.Sample, len(idx))
	for k, i := range idx {
		samples[k] = analyze.Sample{X: fs[i], Labels: labels(&c.posts[i])}
	}
	return analyze.Train(samples, analyze.TrainOptions{
		Outs: outputs(), Families: s.fam, L2: s.l2, Epochs: s.iters, MinCount: s.min, SGD: s.sgd, Rate: s.rate, Seed: 13,
	})
}

// probs are a model's output probabilities for every post (nil rows for
// posts outside idx).
func probs(c *corpus, m *analyze.Model, idx []int) [][]float64 {
	fs := c.features(m.Families)
	out := make([][]float64, len(c.posts))
	for _, i := range idx {
		out[i] = m.Probabilities(fs[i])
	}
	return out
}

// decision is how one intent is decided.
type decision struct {
	threshold float64
	policy    uint8
}

// predictor turns probabilities and rules into intents, as the analyzer
// does (analyze.Analyzer.decide, with its bothWays step; the contrast case
// needs the post's "but" and is left to the analyzer).
func predictor(c *corpus, p [][]float64, ds map[string]decision) func(int) map[string]bool {
	outs := outputs()
	return func(i int) map[string]bool {
		got := map[string]bool{}
		margin := map[string]float64{}
		for o, name := range outs {
			d := ds[name]
			on := p[i][o] >= d.threshold
			margin[name] = p[i][o] / d.threshold
			switch d.policy {
			case analyze.PolicyRules:
				on = c.rules[i][name]
			case analyze.PolicyEither:
				on = on || c.rules[i][name]
			}
			got[name] = on
		}
		rc, rp := c.rules[i]["complaint"], c.rules[i]["praise"]
		switch {
		case !got["complaint"] || !got["praise"]:
		case rc && rp:
		case rc:
			got["praise"] = false
		case rp:
			got["complaint"] = false
		case margin["complaint"] < margin["praise"]:
			got["complaint"] = false
		default:
			got["praise"] = false
		}
		return got
	}
}

// tune chooses each intent's threshold (and, when policies is set, its
// policy) by F1 on the posts idx. Each intent is tuned alone (bothWays,
// which ties complaint and praise, is applied after).
func tune(c *corpus, p [][]float64, idx []int, policies bool) map[string]decision {
	ds := map[string]decision{}
	for o, name := range outputs() {
		best, bestF := decision{0.5, analyze.PolicyModel}, -1.0
		cands := []uint8{analyze.PolicyModel}
		if policies {
			cands = append(cands, analyze.PolicyEither, analyze.PolicyRules)
		}
		for _, pol := range cands {
			for t := 0.05; t < 0.951; t += 0.01 {
				if pol == analyze.PolicyRules && t > 0.051 {
					break
				}
				var s prf
				for _, i := range idx {
					on := p[i][o] >= t
					switch pol {
					case analyze.PolicyRules:
						on = c.rules[i][name]
					case analyze.PolicyEither:
						on = on || c.rules[i][name]
					}
					s.add(c.posts[i].Has(name), on)
				}
				if f := s.f1(); f > bestF+1e-9 {
					best, bestF = decision{math.Round(t*100) / 100, pol}, f
				}
			}
		}
		ds[name] = best
	}
	return ds
}

// folds is the number of cross-validation folds over train+dev.
const folds = 5

// crossValidate returns out-of-fold probabilities for the posts of pool:
// each is scored by a model trained on the other folds (and extra).
func crossValidate(c *corpus, s setup, pool, extra []int) [][]float64 {
	out := make([][]float64, len(c.posts))
	for k := range folds {
		var tr, held []int
		for _, i := range pool {
			if fold(c.posts[i].Text, folds) == k {
				held = append(held, i)
			} else {
				tr = append(tr, i)
			}
		}
		m := fit(c, s, append(tr, extra...))
		p := probs(c, m, held)
		for _, i := range held {
			out[i] = p[i]
		}
	}
	return out
}

// trained is a model with its chosen decisions and cross-validated scores.
type trained struct {
	setup setup
	model *analyze.Model
	ds    map[string]decision
	oof   [][]float64 // out-of-fold probabilities on train+dev
	cv    scores      // cross-validated scores on train+dev
}

// search cross-validates each setup on train+dev (the fixtures and the
// supplement posts always train, never count), keeps the best by out-of-fold log loss, tunes the
// thresholds (and policies) on the out-of-fold probabilities, and fits
// the final model on all of train+dev and the fixtures. The test split
// plays no part.
func search(c *corpus, setups []setup, policies bool, log io.Writer) trained {
	pool, extra := c.idx("train", "dev"), c.alwaysTrain("")
	var best trained
	bestF := math.Inf(-1)
	for _, s := range setups {
		oof := crossValidate(c, s, pool, extra)
		ds := tune(c, oof, pool, policies)
		sc := score(c.posts, pool, predictor(c, oof, ds))
		ll := logLoss(c, oof, pool)
		fmt.Fprintf(log, "  %s: cross-validated macro F1 %.4f, complaint F1 %.4f, log loss %.4f\n", s, sc.macroF1(), sc["complaint"].f1(), ll)
		// Settings are chosen by log loss, a proper scoring rule: it
		// prefers probabilities that mean what they say, so a post unlike
		// the training ones (a long forum post, a headline) gets a low
		// score, not one that hovers at the threshold. (Macro F1 varies by
		// about ±0.01 across these settings, within its noise.)
		if -ll > bestF {
			best, bestF = trained{setup: s, ds: ds, oof: oof, cv: sc}, -ll
		}
	}
	best.model = fit(c, best.setup, append(append([]int(nil), pool...), extra...))
	best.apply()
	return best
}

// apply writes the chosen decisions into the model.
func (t *trained) apply() {
	for name, d := range t.ds {
		t.model.SetThreshold(name, d.threshold)
		t.model.SetPolicy(name, d.policy)
	}
}

// save writes the model file.
func save(m *analyze.Model, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := m.Encode(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// logLoss is the mean log loss of the intent outputs on idx: how well the
// probabilities are calibrated, not only ranked.
func logLoss(c *corpus, p [][]float64, idx []int) float64 {
	t, n := 0.0, 0
	for o, name := range outputs() {
		for _, i := range idx {
			q := math.Min(math.Max(p[i][o], 1e-6), 1-1e-6)
			if c.posts[i].Has(name) {
				t -= math.Log(q)
			} else {
				t -= math.Log(1 - q)
			}
			n++
		}
	}
	return t / float64(n)
}
