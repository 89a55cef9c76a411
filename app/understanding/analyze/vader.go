package analyze

import (
	"math"
	"strings"
)

// mod records what changed a token's valence, for the explanation.
type mod struct {
	neg   int     // index of the negating token, or -1
	boost int     // index of the nearest booster or dampener, or -1
	caps  bool    // ALL CAPS emphasis applied
	but   float64 // contrast multiplier (0 = none)
	ctx   string  // context rule that changed the word, if any
}

// scorer runs the VADER algorithm over a token list.
type scorer struct {
	opt  *options
	lx   *lexicons
	text string
	toks []token
	vals []float64
	mods []mod
	cap  bool // some but not all words are ALL CAPS
	buts []int
}

// sentiment is the outcome of scoring one post.
type sentiment struct {
	compound float64
	sum      float64 // before normalisation
	punct    float64 // emphasis added by ! and ?
}

// score computes per-token valences and the compound score.
func (s *scorer) score() sentiment {
	n := len(s.toks)
	s.vals = grow(s.vals, n)
	s.mods = growMods(s.mods, n)
	s.buts = s.buts[:0]
	s.cap = s.capDifferential()
	for i := range s.toks {
		s.mods[i] = mod{neg: -1, boost: -1}
		key := s.toks[i].key
		if _, ok := s.lx.boosters[key]; ok {
			continue
		}
		if key == "kind" && i < n-1 && s.toks[i+1].key == "of" {
			continue
		}
		s.vals[i] = s.valence(i)
	}
	if s.opt.idioms {
		s.idiomPass()
	}
	if s.opt.commerce {
		s.commercePass()
	}
	if s.opt.sarcasm {
		s.sarcasmCheck()
	}
	if s.opt.sarcasmEcho {
		s.sarcasmEcho()
	}
	if s.opt.questions {
		s.questionPass()
	}
	if s.opt.butScope {
		s.butScoped()
	} else {
		s.butCheck()
	}
	var out sentiment
	for _, v := range s.vals {
		out.sum += v
	}
	out.punct = punctuationEmphasis(s.text, !s.opt.questions)
	total := out.sum
	if total > 0 {
		total += out.punct
	} else if total < 0 {
		total -= out.punct
	}
	out.compound = normalize(total)
	return out
}

// normalize maps a valence sum into [-1, 1] as VADER does.
func normalize(x float64) float64 {
	v := x / math.Sqrt(x*x+alpha)
	return max(-1, min(1, v))
}

func (s *scorer) capDifferential() bool {
	upper := 0
	for i := range s.toks {
		if s.toks[i].upper {
			upper++
		}
	}
	d := len(s.toks) - upper
	return d > 0 && d < len(s.toks)
}

// lexVal is the word's own valence, if it is a sentiment word.
func (s *scorer) lexVal(i int) (float64, bool) {
	t := &s.toks[i]
	if t.skip {
		return 0, false
	}
	if t.hasVal {
		return t.emojiVal, true
	}
	if s.opt.caseEmotes {
		if v, ok := s.lx.emotes[t.raw]; ok {
			return v, true
		}
	}
	v, ok := s.lx.words[t.key]
	if !ok && s.opt.slang {
		v, ok = s.lx.extra[t.key]
	}
	if !ok && s.opt.commerce {
		v, ok = s.lx.commerce[t.key]
	}
	if ok && s.opt.context {
		if cv, rule, changed := s.contextValence(i, v); changed {
			s.mods[i].ctx = rule
			return cv, cv != 0
		}
	}
	return v, ok
}

// inLex is VADER's "word in lexicon" test for a neighbouring word.
// govader looks the word up without lower-casing it; Python lower-cases.
func (s *scorer) inLex(j int) bool {
	k := s.toks[j].key
	if !s.opt.lowerContext {
		k = s.toks[j].raw
	}
	return s.inLexKey(k)
}

func (s *scorer) inLexKey(k string) bool {
	if _, ok := s.lx.words[k]; ok {
		return true
	}
	if s.opt.slang {
		if _, ok := s.lx.extra[k]; ok {
			return true
		}
	}
	if s.opt.commerce {
		_, ok := s.lx.commerce[k]
		return ok
	}
	return false
}

func (s *scorer) key(j int) string { return s.toks[j].key }

// reach is how many words before i VADER may look at: all of them, or with
// clauseScope only those in the same clause.
func (s *scorer) reach(i int) int {
	if !s.opt.clauseScope {
		return i
	}
	r := 0
	for j := i; j > 0 && !s.toks[j].brk && r < 4; j-- { // nothing looks further back than 3
		r++
	}
	return r
}

// valence is vaderSentiment's sentiment_valence for token i.
func (s *scorer) valence(i int) float64 {
	base, ok := s.lexVal(i)
	if !ok {
		return 0
	}
	v := base
	n, reach := len(s.toks), s.reach(i)
	if s.key(i) == "no" && i != n-1 && s.inLexKey(s.key(i+1)) {
		v = 0
	}
	if s.opt.noDeterminer && s.key(i) == "no" && i != n-1 && !s.toks[i+1].brk && !s.toks[i+1].emoji {
		v = 0 // "no grinder", "no valve": says what is missing, not how it feels
	}
	if s.opt.emojiAsIs && s.toks[i].emoji {
		return v // a face or a heart is not negated or boosted by the words before it
	}
	if s.noBefore(i, reach) {
		v = base * nScalar
		s.mods[i].neg = i - 1
	}
	if s.toks[i].upper && s.cap {
		s.mods[i].caps = true
		if v > 0 {
			v += cIncr
		} else {
			v -= cIncr
		}
	}
	blocked := false // an earlier sentiment word owns the words before it
	for si := 0; si < 3; si++ {
		j := i - (si + 1)
		if reach <= si {
			break
		}
		if s.inLex(j) {
			blocked = s.opt.negOnce
			continue
		}
		if blocked {
			if si == 2 {
				v = s.specialIdioms(v, i)
			}
			continue
		}
		inc := s.scalarIncDec(j, v)
		if inc != 0 {
			inc *= [3]float64{1, 0.95, 0.9}[si]
			if s.mods[i].boost < 0 {
				s.mods[i].boost = j
			}
		}
		v += inc
		v = s.negationCheck(v, si, i)
		if si == 2 {
			v = s.specialIdioms(v, i)
		}
	}
	return s.leastCheck(v, i, reach)
}

// noBefore is VADER's "no" negating a following word ("no good").
func (s *scorer) noBefore(i, reach int) bool {
	if s.opt.negOnce && s.key(i) == "no" {
		return false // "no no no" stays negative
	}
	return (reach > 0 && s.key(i-1) == "no") || (reach > 1 && s.key(i-2) == "no") ||
		(reach > 2 && s.key(i-3) == "no" && (s.key(i-1) == "or" || s.key(i-1) == "nor"))
}

// scalarIncDec is the booster/dampener effect of word j on valence v.
func (s *scorer) scalarIncDec(j int, v float64) float64 {
	b, ok := s.lx.boosters[s.key(j)]
	if !ok {
		return 0
	}
	if v < 0 {
		b = -b
	}
	if s.toks[j].upper && s.cap {
		if v > 0 {
			b += cIncr
		} else {
			b -= cIncr
		}
	}
	return b
}

// negated is VADER's negated() for one word.
func (s *scorer) negated(j int) bool {
	k := s.key(j)
	return s.lx.negate[k] || strings.Contains(k, "n't")
}

func (s *scorer) soThis(j int) bool { k := s.key(j); return k == "so" || k == "this" }

// negationCheck is vaderSentiment's _negation_check.
func (s *scorer) negationCheck(v float64, si, i int) float64 {
	if s.opt.negOnce && s.mods[i].neg >= 0 {
		return v // already negated once
	}
	switch si {
	case 0:
		if s.negated(i - 1) {
			s.mods[i].neg = i - 1
			return v * nScalar
		}
	case 1:
		switch {
		case s.key(i-2) == "never" && s.soThis(i-1):
			return v * 1.25
		case s.key(i-2) == "without" && s.key(i-1) == "doubt":
			return v
		case s.negated(i - 2):
			s.mods[i].neg = i - 2
			return v * nScalar
		}
	case 2:
		never := s.key(i-3) == "never" && (s.soThis(i-2) || s.soThis(i-1))
		if s.opt.pyNeverBug {
			never = (s.key(i-3) == "never" && s.soThis(i-2)) || s.soThis(i-1)
		}
		switch {
		case never:
			return v * 1.25
		case s.key(i-3) == "without" && (s.key(i-2) == "doubt" || s.key(i-1) == "doubt"):
			return v
		case s.negated(i - 3):
			s.mods[i].neg = i - 3
			return v * nScalar
		}
	}
	return v
}

// leastCheck is vaderSentiment's _least_check.
func (s *scorer) leastCheck(v float64, i, reach int) float64 {
	prevLeast := func(j int) bool {
		k := s.toks[j].key
		if !s.opt.lowerContext {
			k = s.toks[j].raw
		}
		return !s.inLex(j) && k == "least"
	}
	if reach > 1 && prevLeast(i-1) {
		k := s.key(i - 2)
		if !s.opt.lowerContext {
			k = s.toks[i-2].raw
		}
		if k != "at" && k != "very" {
			s.mods[i].neg = i - 1
			return v * nScalar
		}
	} else if reach > 0 && prevLeast(i-1) {
		s.mods[i].neg = i - 1
		return v * nScalar
	}
	return v
}

// punctuationEmphasis is VADER's bonus for "!" (up to four) and "??".
func punctuationEmphasis(text string, questions bool) float64 {
	ep := min(strings.Count(text, "!"), 4)
	amp := float64(ep) * 0.292
	if !questions {
		return amp
	}
	qm := strings.Count(text, "?")
	if qm > 1 {
		if qm <= 3 {
			amp += float64(qm) * 0.18
		} else {
			amp += 0.96
		}
	}
	return amp
}

func grow(v []float64, n int) []float64 {
	if cap(v) < n {
		return make([]float64, n)
	}
	v = v[:n]
	clear(v)
	return v
}

func growMods(m []mod, n int) []mod {
	if cap(m) < n {
		return make([]mod, n)
	}
	return m[:n]
}
