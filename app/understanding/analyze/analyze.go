package analyze

import (
	"math"
	"sync"
)

// Analyzer understands posts with one Config. It is safe for concurrent use.
type Analyzer struct {
	cfg     Config
	lx      *lexicons
	opt     options
	rules   ruleSet
	touch   []touchCat
	promise promiseSet
	brands  [][]string
	rivals  [][]string
	names   nameSet
	pool    sync.Pool
}

// scratch is per-call working space, pooled to keep Analyze cheap.
type scratch struct {
	toks []token
	sc   scorer
	d    doc
	ign  []ignored
}

// New builds an Analyzer for cfg.
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
	}
	a.pool.New = func() any { return new(scratch) }
	return a
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
	res.Intents = a.intents(&s.d, &s.sc, sent, res.TouchPoints)
	res.Promise = a.promise.judge(&s.d, &s.sc, sent, &res)
	for _, l := range res.Intents {
		res.Cues = append(res.Cues, l.Cue)
	}
	for _, l := range res.TouchPoints {
		res.Cues = append(res.Cues, l.Cue)
	}
	for _, ig := range ign {
		res.Cues = append(res.Cues, Cue{
			Kind: CueIgnored, Text: text[ig.start:ig.end], Start: ig.start, End: ig.end,
			Note: "not the author's words (" + ig.why + "): left out",
		})
	}
	return res
}
