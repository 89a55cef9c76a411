package analyze

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Training: logistic regression, one per output, with L2 regularisation,
// minimised exactly by L-BFGS over all samples at once, so the same
// examples always give the same weights (no random order, no learning-rate
// schedule). A few thousand short posts train in about a second; no
// library is needed for that.

// Exported feature families, for TrainOptions.Families.
const (
	FamilyWords = famWords // word unigrams and bigrams
	FamilyNeg   = famNeg   // words in the scope of a negation
	FamilyCues  = famCues  // the rules' findings: intents, sentiment, question, sarcasm…
	FamilyStem  = famStem  // word stems
	FamilyChar  = famChar  // character 4-grams of words
)

// Features is a post as the model sees it.
type Features struct{ fs []feat }

// Names lists the features' readable names.
func (x Features) Names() []string {
	out := make([]string, len(x.fs))
	for i, f := range x.fs {
		out[i] = f.name
	}
	return out
}

// Features computes a post's features with the given families (training
// programs; the analyzer computes them itself when it applies a model).
func (a *Analyzer) Features(text, author string, families int) Features {
	s := new(scratch)
	own, _ := a.ownWords(text, author, nil)
	s.toks = tokenize(own, &a.opt, a.lx, nil)
	s.sc = scorer{opt: &a.opt, lx: a.lx, text: own, toks: s.toks}
	sent := s.sc.score()
	s.d = doc{text: own, toks: s.toks}
	s.d.prepare()
	s.d.markNames(a.brands, a.rivals)
	touch := a.touchPoints(&s.d, &s.sc)
	_, set, sarcasm := a.intents(&s.d, &s.sc, sent, touch)
	f := featurizer{d: &s.d, sc: &s.sc, fam: families, named: true}
	fs := f.collect(&set, sent, sarcasm)
	return Features{fs: slices.Clone(fs)}
}

// Sample is one labelled post for training.
type Sample struct {
	X Features
	// Labels are the outputs that are on (intents, "negative", "positive").
	Labels []string
	// Known are the outputs the labels speak for; nil means all. A
	// correction of the polarity alone says nothing about intents.
	Known []string
	// Weight scales the sample's loss (0 counts as 1).
	Weight float64
}

// TrainOptions sets up training.
type TrainOptions struct {
	Outs     []string // outputs to learn, e.g. Intents plus "negative", "positive"
	Families int      // feature families the samples were computed with
	L2       float64  // regularisation strength (on the mean loss; per update with SGD)
	Epochs   int      // at most this many L-BFGS iterations, or SGD passes
	MinCount int      // word features seen in fewer samples are dropped
	// SGD trains by stochastic gradient descent (AdaGrad steps, averaged
	// weights, samples in an order drawn from Seed) instead of L-BFGS.
	SGD  bool
	Rate float64 // SGD's base learning rate
	Seed uint64  // SGD's order of samples
}

// Train fits a model to samples. Thresholds start at 0.5 and the policy
// at PolicyModel; choose them on held-out data with SetThreshold and
// SetPolicy.
func Train(samples []Sample, opt TrainOptions) *Model {
	m := &Model{Outs: slices.Clone(opt.Outs), Families: opt.Families}
	counts := map[uint64]int{}
	for _, s := range samples {
		for _, f := range s.X.fs {
			counts[f.key]++
		}
	}
	var names []string
	for _, s := range samples {
		for _, f := range s.X.fs {
			if _, ok := m.index.get(f.key); ok || (counts[f.key] < opt.MinCount && f.tok >= 0) {
				continue
			}
			m.index.put(f.key, int32(len(names)))
			names = append(names, f.name)
		}
	}
	m.names = names
	rows := sampleRows(samples, &m.index)
	n := len(m.Outs)
	m.w = make([]float32, len(names)*n)
	m.Bias = make([]float32, n)
	m.Threshold = make([]float32, n)
	m.Policy = make([]uint8, n)
	for o, name := range m.Outs {
		w, b := fitOne(samples, rows, nil, name, len(names), opt)
		for r, v := range w {
			m.w[r*n+o] = float32(v)
		}
		m.Bias[o] = float32(b)
		m.Threshold[o] = 0.5
	}
	return m
}

// entry is one known feature of a sample: its row in the model and value.
type entry struct {
	r int32
	v float32
}

// sampleRows maps each sample's features to model rows, dropping unknown ones.
func sampleRows(samples []Sample, index *keyIndex) [][]entry {
	rows := make([][]entry, len(samples))
	for i, s := range samples {
		for _, f := range s.X.fs {
			if r, ok := index.get(f.key); ok {
				rows[i] = append(rows[i], entry{r, f.val})
			}
		}
	}
	return rows
}

// fitOne fits output name: it minimises the mean logistic loss plus
// L2/2·|w|² (the bias is not regularised) with L-BFGS. offsets (per sample,
// may be nil) are fixed logits added to the model's, as when a personal
// layer is fitted on top of a base model.
func fitOne(samples []Sample, rows [][]entry, offsets []float64, name string, dim int, opt TrainOptions) ([]float64, float64) {
	ys := make([]float64, len(samples))
	ws := make([]float64, len(samples))
	total := 0.0
	for i := range samples {
		s := &samples[i]
		if s.Known != nil && !slices.Contains(s.Known, name) {
			continue // says nothing about this output
		}
		if slices.Contains(s.Labels, name) {
			ys[i] = 1
		}
		ws[i] = s.Weight
		if ws[i] == 0 {
			ws[i] = 1
		}
		total += ws[i]
	}
	x := make([]float64, dim+1) // weights, then the bias
	if total == 0 {
		return x[:dim], 0
	}
	loss := func(x, g []float64) float64 {
		clear(g)
		w, b := x[:dim], x[dim]
		f := 0.0
		for i := range samples {
			if ws[i] == 0 {
				continue
			}
			z := b
			if offsets != nil {
				z += offsets[i]
			}
			for _, e := range rows[i] {
				z += w[e.r] * float64(e.v)
			}
			f += ws[i] * logLoss(z, ys[i])
			d := ws[i] * (sigmoid(z) - ys[i])
			for _, e := range rows[i] {
				g[e.r] += d * float64(e.v)
			}
			g[dim] += d
		}
		f /= total
		for r := range dim {
			g[r] = g[r]/total + opt.L2*w[r]
			f += opt.L2 / 2 * w[r] * w[r]
		}
		g[dim] /= total
		return f
	}
	if opt.SGD {
		return fitSGD(rows, offsets, ys, ws, dim, opt, name, true)
	}
	lbfgs(loss, x, opt.Epochs)
	return x[:dim], x[dim]
}

// fitSGD fits one output by stochastic gradient descent: AdaGrad steps, L2
// on the features each sample touches, a fixed order per pass drawn from
// opt.Seed, and the weights averaged over the second half of the passes.
// Its implicit regularisation (rare features are updated, and shrunk,
// rarely) favours the frequent words and the rule cues.
//
// Without bias the intercept stays 0 (a personal layer moves the posts
// that share words with the corrections, not all posts).
func fitSGD(rows [][]entry, offsets, ys, ws []float64, dim int, opt TrainOptions, name string, bias bool) ([]float64, float64) {
	w, g2, avg := make([]float64, dim), make([]float64, dim), make([]float64, dim)
	var b, gb, avgB float64
	avgN := 0
	rng := rand.New(rand.NewPCG(opt.Seed, hashStr(fnvOffset, name)))
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	for ep := range opt.Epochs {
		if ep >= opt.Epochs/2 && ep > 0 {
			axpy(1, w, avg)
			avgB += b
			avgN++
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			if ws[i] == 0 {
				continue
			}
			z := b
			if offsets != nil {
				z += offsets[i]
			}
			for _, e := range rows[i] {
				z += w[e.r] * float64(e.v)
			}
			g := (sigmoid(z) - ys[i]) * ws[i]
			if bias {
				gb += g * g
				b -= opt.Rate * g / math.Sqrt(gb+1e-8)
			}
			for _, e := range rows[i] {
				gr := g*float64(e.v) + opt.L2*w[e.r]
				g2[e.r] += gr * gr
				w[e.r] -= opt.Rate * gr / math.Sqrt(g2[e.r]+1e-8)
			}
		}
	}
	axpy(1, w, avg)
	scale(1/float64(avgN+1), avg)
	return avg, (avgB + b) / float64(avgN+1)
}

// logLoss is -log p(y | z) for a logistic model, computed stably.
func logLoss(z, y float64) float64 {
	if y > 0 {
		z = -z
	}
	if z > 30 {
		return z
	}
	return math.Log1p(math.Exp(z))
}

// lbfgs minimises f (which writes its gradient into g) from x, in place,
// for at most iters iterations: limited-memory BFGS with the last 8
// steps and a backtracking (Armijo) line search. Deterministic.
func lbfgs(f func(x, g []float64) float64, x []float64, iters int) {
	const hist = 8
	n := len(x)
	g := make([]float64, n)
	fx := f(x, g)
	var ss, ys [][]float64
	var rhos []float64
	d := make([]float64, n)
	xn := make([]float64, n)
	gn := make([]float64, n)
	alpha := make([]float64, hist)
	for it := 0; it < iters; it++ {
		// two-loop recursion: d = -H·g
		copy(d, g)
		for k := len(ss) - 1; k >= 0; k-- {
			alpha[k] = rhos[k] * dot(ss[k], d)
			axpy(-alpha[k], ys[k], d)
		}
		if k := len(ss) - 1; k >= 0 {
			scale(dot(ss[k], ys[k])/dot(ys[k], ys[k]), d)
		} else if gn := math.Sqrt(dot(g, g)); gn > 0 {
			scale(1/gn, d)
		}
		for k := range ss {
			beta := rhos[k] * dot(ys[k], d)
			axpy(alpha[k]-beta, ss[k], d)
		}
		scale(-1, d)
		slope := dot(g, d)
		if slope >= 0 {
			copy(d, g)
			scale(-1, d)
			slope = dot(g, d)
			ss, ys, rhos = nil, nil, nil
		}
		step, fn := 1.0, 0.0
		for ls := 0; ; ls++ {
			for i := range x {
				xn[i] = x[i] + step*d[i]
			}
			fn = f(xn, gn)
			if fn <= fx+1e-4*step*slope || ls == 30 {
				break
			}
			step /= 2
		}
		if fx-fn < 1e-10*max(1, math.Abs(fx)) {
			copy(x, xn)
			return
		}
		s, y := make([]float64, n), make([]float64, n)
		for i := range x {
			s[i], y[i] = xn[i]-x[i], gn[i]-g[i]
		}
		if sy := dot(s, y); sy > 1e-12 {
			if len(ss) == hist {
				ss, ys, rhos = ss[1:], ys[1:], rhos[1:]
			}
			ss, ys, rhos = append(ss, s), append(ys, y), append(rhos, 1/sy)
		}
		copy(x, xn)
		copy(g, gn)
		fx = fn
	}
}

func dot(a, b []float64) float64 {
	t := 0.0
	for i := range a {
		t += a[i] * b[i]
	}
	return t
}

func axpy(a float64, x, y []float64) {
	for i := range x {
		y[i] += a * x[i]
	}
}

func scale(a float64, x []float64) {
	for i := range x {
		x[i] *= a
	}
}

// SetThreshold sets the probability at which output name is on.
func (m *Model) SetThreshold(name string, t float64) {
	if o := m.out(name); o >= 0 {
		m.Threshold[o] = float32(t)
	}
}

// SetPolicy sets how intent name combines model and rules.
func (m *Model) SetPolicy(name string, p uint8) {
	if o := m.out(name); o >= 0 {
		m.Policy[o] = p
	}
}

// Probabilities returns the probability of each output for x, in Outs order.
func (m *Model) Probabilities(x Features) []float64 {
	z := make([]float64, len(m.Outs))
	m.logits(x.fs, z, baseRow)
	for i := range z {
		z[i] = sigmoid(z[i])
	}
	return z
}

// Size is the number of features with weights.
func (m *Model) Size() int { return m.index.len() }
