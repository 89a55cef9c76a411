package analyze

import (
	"math"
	"sort"
	"strconv"
)

// The learned layer: a linear model (one logistic regression per intent)
// over hashed word unigrams, bigrams, negation
// scope and the rule cues. It is trained by scripts/trainintents on the
// labelled posts in testdata/posts and embedded (model.bin.gz); a
// workspace adds a Personal layer learned from the owner's corrections.
// docs/understanding.md gives the method and its measured quality.

// Combination policies: how an intent is decided from the model and the rules.
const (
	PolicyModel  = 0 // the model decides (the rules are among its features)
	PolicyRules  = 1 // the rules decide
	PolicyEither = 2 // either may find it
)

// Model is a trained linear model. Its zero value is not usable; get one
// from EmbeddedModel, DecodeModel or Train.
type Model struct {
	Outs      []string  // the intents it decides
	Bias      []float32 // per output
	Threshold []float32 // probability at or above which an output is on
	Policy    []uint8   // per output, PolicyModel, PolicyRules or PolicyEither
	Families  int       // which feature families it reads (famWords, famNeg, famCues)
	index     map[uint64]int32
	w         []float32 // len(index) × len(Outs)
	names     []string  // readable feature names, when known (training)
}

// out returns the index of output name, or -1.
func (m *Model) out(name string) int {
	for i, o := range m.Outs {
		if o == name {
			return i
		}
	}
	return -1
}

// logits adds the model's weights for fs to z (len(m.Outs)).
func (m *Model) logits(fs []feat, z []float64) {
	n := len(m.Outs)
	for o := range n {
		z[o] += float64(m.Bias[o])
	}
	for _, f := range fs {
		r, ok := m.index[f.key]
		if !ok {
			continue
		}
		row := m.w[int(r)*n : int(r)*n+n]
		for o, w := range row {
			z[o] += float64(w) * float64(f.val)
		}
	}
}

// weight is the weight of feature key for output o (0 when unknown).
func (m *Model) weight(key uint64, o int) float64 {
	r, ok := m.index[key]
	if !ok {
		return 0
	}
	return float64(m.w[int(r)*len(m.Outs)+o])
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// Personal is a workspace's own layer, learned from the owner's
// corrections and added to the embedded model's scores.
type Personal struct {
	m        Model
	Examples int // how many corrections it was learned from
}

// modelRun is one post's pass through the model and the personal layer.
type modelRun struct {
	base, own []float64 // logits of each output from the model and from the personal layer
}

// decide turns a post's features and the rules' intents into the final
// intents.
func (a *Analyzer) decide(fs []feat, text string, rules []Label, toks []token, contrast bool, res *Result) {
	m := a.model
	n := len(m.Outs)
	var zb, zo [16]float64
	base, own := zb[:n], zo[:n]
	m.logits(fs, base)
	if a.personal != nil {
		a.personal.m.logits(fs, own)
	}
	var ruleCue [len(intentOrder)]*Cue
	for i := range rules {
		ruleCue[intentIndex(rules[i].Name)] = &rules[i].Cue
	}
	var on [len(intentOrder)]bool
	var margin [len(intentOrder)]float64 // how far above its threshold
	for ii, name := range intentOrder {
		o := m.out(name)
		if o < 0 {
			on[ii] = ruleCue[ii] != nil
			continue
		}
		p := sigmoid(base[o] + own[o])
		on[ii] = p >= float64(m.Threshold[o])
		margin[ii] = p / float64(m.Threshold[o])
		switch m.Policy[o] {
		case PolicyRules:
			on[ii] = ruleCue[ii] != nil
		case PolicyEither:
			on[ii] = on[ii] || ruleCue[ii] != nil
		}
	}
	bothWays(&on, margin, ruleCue, contrast)
	var out []Label
	for ii, name := range intentOrder {
		o := m.out(name)
		if !on[ii] {
			continue
		}
		if o < 0 {
			out = append(out, Label{Name: name, Cue: *ruleCue[ii]})
			continue
		}
		p := sigmoid(base[o] + own[o])
		cues := a.explain(fs, text, toks, o, own[o] != 0)
		l := Label{Name: name}
		switch {
		case ruleCue[ii] != nil:
			l.Cue = *ruleCue[ii]
		case len(cues) > 0:
			l.Cue = cues[0]
		default:
			l.Cue = Cue{Kind: CueModel, Weight: p, Note: name + ": learned (p = " + strconv.FormatFloat(p, 'f', 2, 64) + ")"}
		}
		out = append(out, l)
		res.Cues = append(res.Cues, cues...)
	}
	res.Intents = out
}

// bothWays keeps praise and complaint together only when both are there:
// when the model finds both, the weaker of the two stays only if the rules
// found it too (its own cue: a plain praise word, a complaint phrase). One
// post in 500 of the labelled posts is both, and the two models, learned
// apart, do not know that; for the same reason the model rarely finds
// both, so when the rules find both across a contrast ("love the coffee
// but the new hours are useless"), both stand.
func bothWays(on *[len(intentOrder)]bool, margin [len(intentOrder)]float64, ruleCue [len(intentOrder)]*Cue, contrast bool) {
	c, p := intentIndex(Complaint), intentIndex(Praise)
	if contrast && ruleCue[c] != nil && ruleCue[p] != nil {
		on[c], on[p] = true, true
		return
	}
	if !on[c] || !on[p] {
		return
	}
	weak := p
	if margin[c] < margin[p] {
		weak = c
	}
	if ruleCue[weak] == nil {
		on[weak] = false
	}
}

// explain lists the word features that pushed output o up the most (at
// most three, each at least 0.25), as cues in the post's own words.
func (a *Analyzer) explain(fs []feat, text string, toks []token, o int, personal bool) []Cue {
	type contrib struct {
		f      *feat
		w, own float64
	}
	var best [3]contrib
	for i := range fs {
		f := &fs[i]
		if f.tok < 0 {
			continue
		}
		w := a.model.weight(f.key, o) * float64(f.val)
		ow := 0.0
		if personal {
			ow = a.personal.m.weight(f.key, o) * float64(f.val)
		}
		c := contrib{f, w + ow, ow}
		for k := range best {
			if best[k].f == nil || c.w > best[k].w {
				copy(best[k+1:], best[k:len(best)-1])
				best[k] = c
				break
			}
		}
	}
	var out []Cue
	name := a.model.Outs[o]
	for _, c := range best {
		if c.f == nil || c.w < 0.25 {
			break
		}
		st, en := toks[c.f.tok].start, toks[c.f.end-1].end
		w := text[st:en]
		note := "learned: '" + w + "' → " + name + " (" + signed(c.w) + ")"
		if c.own >= 0.5*c.w && c.own > 0 {
			note = "learned from your corrections: '" + w + "' → " + name + " (" + signed(c.w) + ")"
		}
		out = append(out, Cue{Kind: CueModel, Text: w, Start: st, End: en, Weight: c.w, Note: note})
	}
	return out
}

// TopWeights lists the n features with the largest weights for output
// name, for inspection (names are known only for a model trained in this
// process).
func (m *Model) TopWeights(name string, n int) []string {
	o := m.out(name)
	if o < 0 || m.names == nil {
		return nil
	}
	type fw struct {
		name string
		w    float32
	}
	var all []fw
	for k, r := range m.index {
		_ = k
		all = append(all, fw{m.names[r], m.w[int(r)*len(m.Outs)+o]})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].w != all[j].w {
			return all[i].w > all[j].w
		}
		return all[i].name < all[j].name
	})
	var out []string
	for _, x := range all[:min(n, len(all))] {
		out = append(out, x.name+" "+strconv.FormatFloat(float64(x.w), 'f', 2, 32))
	}
	return out
}
