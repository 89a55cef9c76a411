package analyze

import (
	"math"
	"sync"
)

// Analyzer understands posts with one Config. It is safe for concurrent use.
type Analyzer struct {
	cfg      Config
	lx       *lexicons
	opt      options
	rules    ruleSet
	touch    []touchCat
	promise  promiseSet
	brands   [][]string
	rivals   [][]string
	names    nameSet
	model    *Model    // the learned layer; nil reads with the rules alone
	personal *Personal // the workspace's layer learned from corrections; may be nil
	pool     sync.Pool
}

// scratch is per-call working space, pooled to keep Analyze cheap.
type scratch struct {
	toks []token
	sc   scorer
	d    doc
	ign  []ignored
	fz   featurizer
}

// New builds an Analyzer for cfg, with the embedded learned model.
func New(cfg Config) *Analyzer {
	a := &Analyzer{
		cfg:     cfg,
		lx:      sharedLexicons(),
		opt:     fullOptions(),
		rules:   compileRules(intentRules),
		touch:   compileTouch(cfg.TouchPoints),
		promise: compilePromise(cfg.Promise, cfg.PromiseOpposites),
		brands:  brandWords(cfg.Brand),
		rivals:  brandWords(cfg.Competitors),
		names:   compileNames(cfg.People),
		model:   EmbeddedModel(),
	}
	a.pool.New = func() any { return new(scratch) }
	return a
}

// WithModel returns an Analyzer like a that reads with model m instead
// (nil: the rules alone). The personal layer is dropped.
func (a *Analyzer) WithModel(m *Model) *Analyzer {
	b := a.clone()
	b.model, b.personal = m, nil
	return b
}

// WithPersonal returns an Analyzer like a with the workspace's layer p
// added to its model (nil removes it).
func (a *Analyzer) WithPersonal(p *Personal) *Analyzer {
	b := a.clone()
	b.personal = p
	return b
}

// Model is the learned model in use, or nil.
func (a *Analyzer) Model() *Model { return a.model }

func (a *Analyzer) clone() *Analyzer {
	b := &Analyzer{
		cfg: a.cfg, lx: a.lx, opt: a.opt, rules: a.rules, touch: a.touch, promise: a.promise,
		brands: a.brands, rivals: a.rivals, names: a.names, model: a.model, personal: a.personal,
	}
	b.pool.New = func() any { return new(scratch) }
	return b
}

// Analyze reads one post.
func (a *Analyzer) Analyze(text string) Result { return a.AnalyzeBy(text, "") }

// AnalyzeBy reads one post written by author (a name or handle, may be
// empty): the author's name in the post, like the names of the people in
// Config.People, is not evidence of anything.
func (a *Analyzer) AnalyzeBy(text, author string) Result {
	s := a.pool.Get().(*scratch)
	defer a.pool.Put(s)
	own, ign := a.ownWords(text, author, s.ign)
	s.ign = ign
	s.toks = tokenize(own, &a.opt, a.lx, s.toks)
	lang, reason, ok := detectLanguage(own, s.toks)
	res := Result{Analysed: ok, Lang: lang, Reason: reason, Polarity: "neutral"}
	if !ok {
		return res
	}
	s.sc = scorer{opt: &a.opt, lx: a.lx, text: own, toks: s.toks, vals: s.sc.vals, mods: s.sc.mods, buts: s.sc.buts}
	sent := s.sc.score()
	res.Sentiment = sent.compound
	res.Polarity = polarityOf(sent.compound)
	res.Intensity = math.Abs(sent.compound)
	res.Cues = s.sc.cues(sent)
	s.d = doc{text: own, toks: s.toks, brand: s.d.brand, rival: s.d.rival, sents: s.d.sents}
	s.d.prepare()
	s.d.markNames(a.brands, a.rivals)
	res.TouchPoints = a.touchPoints(&s.d, &s.sc)
	var set intentSet
	var sarcasm bool
	res.Intents, set, sarcasm = a.intents(&s.d, &s.sc, sent, res.TouchPoints)
	if a.model != nil {
		s.fz = featurizer{d: &s.d, sc: &s.sc, fam: a.model.Families, out: s.fz.out, seen: s.fz.seen}
		fs := s.fz.collect(&set, sent, sarcasm)
		a.decide(fs, text, res.Intents, s.toks, len(s.sc.buts) > 0, &res)
	}
	readPolarity(&res)
	res.Promise = a.promise.judge(&s.d, &s.sc, sent, &res)
	for _, l := range res.Intents {
		res.Cues = append(res.Cues, l.Cue)
	}
	for _, l := range res.TouchPoints {
		res.Cues = append(res.Cues, l.Cue)
	}
	for _, ig := range ign {
		res.Cues = append(res.Cues, Cue{
			Kind: CueIgnored, Start: ig.start, End: ig.end,
			Note: "not the author's words (" + ig.why + "): left out",
		})
	}
	// The post's own words, also where a span crosses a left-out name.
	for i := range res.Cues {
		res.Cues[i].Text = text[res.Cues[i].Start:res.Cues[i].End]
	}
	for _, ls := range [][]Label{res.Intents, res.TouchPoints} {
		for i := range ls {
			ls[i].Cue.Text = text[ls[i].Cue.Start:ls[i].Cue.End]
		}
	}
	return res
}
