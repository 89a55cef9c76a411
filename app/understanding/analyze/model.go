package analyze

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// The learned layer: a linear model (one logistic regression per intent)
// over hashed word unigrams, bigrams, stems, negation scope and the rule
// cues. It is trained by scripts/trainintents on the labelled posts in
// testdata/posts and embedded (model.bin.gz); a workspace adds a Personal
// layer learned from the owner's corrections (personal.go).
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
	Families  int       // which feature families it reads (famWords, famNeg, famCues…)
	index     keyIndex  // feature key → row
	w         []float32 // index.len() × len(Outs)
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

// logits adds the model's weights for fs to z (len(m.Outs)) and notes in
// each feature its row (-1 when the model lacks it), in the field that row
// points to, for explanations.
func (m *Model) logits(fs []feat, z []float64, row func(f *feat) *int32) {
	n := len(m.Outs)
	for o := range n {
		z[o] += float64(m.Bias[o])
	}
	for i := range fs {
		f := &fs[i]
		r, ok := m.index.get(f.key)
		if !ok {
			*row(f) = -1
			continue
		}
		*row(f) = r
		for o, w := range m.w[int(r)*n : int(r)*n+n] {
			z[o] += float64(w) * float64(f.val)
		}
	}
}

func baseRow(f *feat) *int32 { return &f.row }
func ownRow(f *feat) *int32  { return &f.prow }

// weightAt is the weight in row r for output o (0 when r < 0).
func (m *Model) weightAt(r int32, o int) float64 {
	if r < 0 {
		return 0
	}
	return float64(m.w[int(r)*len(m.Outs)+o])
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// Personal is a workspace's own layer, learned from the owner's
// corrections and added to the embedded model's scores.
type Personal struct {
	m        Model
	Examples int // how many examples it was learned from
}

// decide turns a post's features and the rules' intents into the final
// intents.
func (a *Analyzer) decide(fs []feat, text string, rules []Label, toks []token, contrast bool, res *Result) {
	m := a.model
	n := len(m.Outs)
	var zb, zo [16]float64
	base, own := zb[:n], zo[:n]
	m.logits(fs, base, baseRow)
	if a.personal != nil {
		a.personal.m.logits(fs, own, ownRow)
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
		if o < 0 {
			if on[ii] {
				out = append(out, Label{Name: name, Cue: *ruleCue[ii]})
			}
			continue
		}
		// what the workspace's layer changed: an intent it turned on or off
		thr, pb, p := float64(m.Threshold[o]), sigmoid(base[o]), sigmoid(base[o]+own[o])
		ownOn, ownOff := own[o] != 0 && pb < thr && p >= thr, own[o] != 0 && pb >= thr && p < thr
		if !on[ii] {
			if ownOff {
				res.Cues = append(res.Cues, a.explain(fs, text, toks, o, explainOwnAgainst)...)
			}
			continue
		}
		mode := explainTotal
		if ownOn && ruleCue[ii] == nil {
			mode = explainOwnFor
		}
		cues := a.explain(fs, text, toks, o, mode)
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

// bothWays keeps praise and complaint together only when both are there.
// One post in 500 of the labelled posts is both, and the two models,
// learned apart, do not know that. So when the model finds both, the rules
// arbitrate: what they found too stays, what they did not goes; when they
// found neither, the weaker of the two goes. And because the model rarely
// finds both, when the rules find both across a contrast ("love the coffee
// but the new hours are useless"), both stand.
func bothWays(on *[len(intentOrder)]bool, margin [len(intentOrder)]float64, ruleCue [len(intentOrder)]*Cue, contrast bool) {
	c, p := intentIndex(Complaint), intentIndex(Praise)
	rc, rp := ruleCue[c] != nil, ruleCue[p] != nil
	if contrast && rc && rp {
		on[c], on[p] = true, true
		return
	}
	if !on[c] || !on[p] {
		return
	}
	switch {
	case rc && rp:
	case rc:
		on[p] = false
	case rp:
		on[c] = false
	case margin[c] < margin[p]:
		on[c] = false
	default:
		on[p] = false
	}
}

// What explain ranks the words by.
const (
	explainTotal      = iota // the model's and the personal layer's weights together
	explainOwnFor            // the personal layer's weights for the output
	explainOwnAgainst        // the personal layer's weights against it
)

// explain lists the word features that weighed most in output o (at most
// three, each at least 0.25), as cues in the post's own words.
func (a *Analyzer) explain(fs []feat, text string, toks []token, o int, mode int) []Cue {
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
		w := a.model.weightAt(f.row, o) * float64(f.val)
		ow := 0.0
		if a.personal != nil {
			ow = a.personal.m.weightAt(f.prow, o) * float64(f.val)
		}
		c := contrib{f, w + ow, ow}
		switch mode {
		case explainOwnFor:
			c.w = ow
		case explainOwnAgainst:
			c.w = -ow
		}
		for k := range best {
			if best[k].f == nil || c.w > best[k].w {
				copy(best[k+1:], best[k:len(best)-1])
				best[k] = c
				break
			}
		}
	}
	var out []Cue
	for _, c := range best {
		if c.f == nil || c.w < 0.25 {
			break
		}
		st, en := toks[c.f.tok].start, toks[c.f.end-1].end
		out = append(out, modelCue(text, st, en, a.model.Outs[o], c.w, c.own, mode))
	}
	return out
}

// modelCue says in words that text[st:en] weighed w towards (or, from the
// personal layer, against) output name: "learned: 'won't' → complaint
// (+1.40)", "learned from your corrections: 'giveaway' → not praise (-1.10)".
func modelCue(text string, st, en int, name string, w, own float64, mode int) Cue {
	word := text[st:en]
	from, to, weight := "learned: '", name, w
	switch {
	case mode == explainOwnAgainst:
		from, to, weight = "learned from your corrections: '", "not "+name, -w
	case mode == explainOwnFor || own > 0 && own >= 0.5*w:
		from = "learned from your corrections: '"
	}
	var b strings.Builder
	b.Grow(len(from) + len(word) + len(to) + 16)
	b.WriteString(from)
	b.WriteString(word)
	b.WriteString("' → ")
	b.WriteString(to)
	b.WriteString(" (")
	var num [16]byte
	n := num[:0]
	if weight >= 0 {
		n = append(n, '+')
	}
	b.Write(strconv.AppendFloat(n, weight, 'f', 2, 64))
	b.WriteString(")")
	return Cue{Kind: CueModel, Text: word, Start: st, End: en, Weight: weight, Note: b.String()}
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
	m.index.each(func(_ uint64, r int32) {
		all = append(all, fw{m.names[r], m.w[int(r)*len(m.Outs)+o]})
	})
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
