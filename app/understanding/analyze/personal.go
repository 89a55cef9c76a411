package analyze

import "slices"

// A workspace's own reading. The owner's corrections (and, as weaker
// evidence, the mentions they handled without correcting) are examples for
// a small layer of weights added to the embedded model's scores: the same
// features, fitted to the corrections with the embedded model's scores as
// a fixed starting point, so that a few corrections move the posts like
// them and leave the rest alone. Cues from it say "learned from your
// corrections".

// Example is one post the owner has read for Rapport.
type Example struct {
	Text, Author string
	// Intents are the owner's intents for the post; nil when the owner
	// said nothing about intents (a correction of the polarity alone).
	Intents []string
	// Weight is how much the example counts: 1 for a correction, less for
	// a reading the owner only accepted (0 counts as 1).
	Weight float64
}

// PersonalOptions sets up learning from corrections. The zero value uses
// DefaultPersonalOptions.
type PersonalOptions struct {
	L2     float64 // pull towards the embedded model (per update)
	Passes int     // passes over the examples
	Rate   float64 // base learning rate
}

// DefaultPersonalOptions are the settings chosen by simulation on the dev
// split of the labelled posts (docs/understanding.md, "Learning from the
// owner").
func DefaultPersonalOptions() PersonalOptions {
	return PersonalOptions{L2: 0.03, Passes: 30, Rate: 0.1}
}

// LearnPersonal fits a workspace layer to the owner's examples on top of
// a's model. It returns nil when a has no model or no example says
// anything about intents. It is cheap: a few hundred examples take a few
// milliseconds.
func (a *Analyzer) LearnPersonal(examples []Example, opt PersonalOptions) *Personal {
	if a.model == nil {
		return nil
	}
	samples := make([]Sample, 0, len(examples))
	for _, ex := range examples {
		if ex.Intents == nil {
			continue
		}
		samples = append(samples, Sample{
			X: a.Features(ex.Text, ex.Author, a.model.Families), Labels: ex.Intents, Weight: ex.Weight,
		})
	}
	return TrainPersonal(a.model, samples, opt)
}

// TrainPersonal fits a personal layer for base to samples (features
// computed with base.Families); nil when there are none.
func TrainPersonal(base *Model, samples []Sample, opt PersonalOptions) *Personal {
	if base == nil || len(samples) == 0 {
		return nil
	}
	if opt == (PersonalOptions{}) {
		opt = DefaultPersonalOptions()
	}
	p := &Personal{Examples: len(samples)}
	m := &p.m
	m.Outs = slices.Clone(base.Outs)
	m.Families = base.Families
	var names []string
	for _, s := range samples {
		for _, f := range s.X.fs {
			if _, ok := m.index.get(f.key); !ok {
				m.index.put(f.key, int32(len(names)))
				names = append(names, f.name)
			}
		}
	}
	rows := sampleRows(samples, &m.index)
	n := len(m.Outs)
	m.w = make([]float32, len(names)*n)
	m.Bias = make([]float32, n) // the base model's bias stands; the layer adds none
	m.Threshold = slices.Clone(base.Threshold)
	m.Policy = slices.Clone(base.Policy)
	offsets := make([]float64, len(samples))
	z := make([]float64, n)
	topt := TrainOptions{L2: opt.L2, Epochs: opt.Passes, Rate: opt.Rate, SGD: true, Seed: 13}
	for o, name := range m.Outs {
		ys := make([]float64, len(samples))
		ws := make([]float64, len(samples))
		for i := range samples {
			s := &samples[i]
			clear(z)
			base.logits(s.X.fs, z, baseRow)
			offsets[i] = z[o]
			if slices.Contains(s.Labels, name) {
				ys[i] = 1
			}
			ws[i] = s.Weight
			if ws[i] == 0 {
				ws[i] = 1
			}
		}
		w, _ := fitSGD(rows, offsets, ys, ws, len(names), topt, name, false)
		for r, v := range w {
			m.w[r*n+o] = float32(v)
		}
	}
	return p
}
