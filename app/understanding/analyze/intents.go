package analyze

import "strings"

// compiledRule is a ruleSpec with its pattern parsed.
type compiledRule struct {
	ruleSpec
	pat    pattern
	unless map[string]bool
}

// ruleSet is the compiled intent rules with their index.
type ruleSet struct {
	rules []compiledRule
	ix    phraseIndex
}

func compileRules(specs []ruleSpec) ruleSet {
	rs := ruleSet{rules: make([]compiledRule, len(specs))}
	pats := make([]pattern, len(specs))
	for i, sp := range specs {
		pats[i] = compilePattern(sp.pat)
		rs.rules[i] = compiledRule{ruleSpec: sp, pat: pats[i], unless: setOf(strings.ReplaceAll(sp.unless, "|", " "))}
	}
	rs.ix = newPhraseIndex(pats)
	return rs
}

// intentSet collects at most one label per intent.
type intentSet struct {
	found [len(intentOrder)]bool
	cues  [len(intentOrder)]Cue
}

var intentOrder = [...]string{Complaint, Question, Praise, Purchase, Referral, Churn, Know, Go, Do, Buy}

func intentIndex(name string) int {
	for i, n := range intentOrder {
		if n == name {
			return i
		}
	}
	panic("analyze: unknown intent " + name)
}

func (s *intentSet) add(name string, c Cue) {
	i := intentIndex(name)
	if !s.found[i] {
		s.found[i], s.cues[i] = true, c
	}
}

func (s *intentSet) has(name string) bool { return s.found[intentIndex(name)] }

func (s *intentSet) drop(name string) { s.found[intentIndex(name)] = false }

func (s *intentSet) labels() []Label {
	var out []Label
	for i, ok := range s.found {
		if ok {
			out = append(out, Label{Name: intentOrder[i], Cue: s.cues[i]})
		}
	}
	return out
}

// intentCtx is the state of one intent pass.
type intentCtx struct {
	d       *doc
	sc      *scorer
	asks    []bool // per sentence: is it a question
	touch   []Label
	set     intentSet
	sarcasm int // token index of a sarcasm marker, or -1
}

// intents finds the intents of a post: cue phrases first, then sentiment
// (complaint, praise), then questions and the "know" fallback.
// It also returns them as a set and whether a sarcasm marker was seen, for
// the learned model's features.
func (a *Analyzer) intents(d *doc, sc *scorer, sent sentiment, touch []Label) ([]Label, intentSet, bool) {
	touched := len(touch) > 0
	c := intentCtx{d: d, sc: sc, touch: touch}
	c.asks = append([]bool(nil), d.asks...) // rhetorical questions are unmarked below
	c.sarcasm, _ = sarcasmAt(d.toks, d.text)
	a.applyRules(&c)
	c.sentimentIntents(sent, touched || c.businessish())
	c.questionIntents()
	return c.set.labels(), c.set, c.sarcasm >= 0
}

// applyRules runs every cue phrase over the post.
func (a *Analyzer) applyRules(c *intentCtx) {
	d := c.d
	for i := range d.toks {
		a.rules.ix.candidates(d.toks[i].key, func(ri int) {
			r := &a.rules.rules[ri]
			end, ok := d.match(&r.pat, i)
			if ok {
				c.fire(r, i, end)
			}
		})
	}
}

// fire records rule r matched on tokens [i, end), unless its flags say no.
func (c *intentCtx) fire(r *compiledRule, i, end int) {
	d := c.d
	ask := c.asks[d.toks[i].sent]
	if (r.flags&fAsk != 0 && !ask) || (r.flags&fNotAsk != 0 && ask) {
		return
	}
	if r.flags&fFirst != 0 && !c.opensSentence(i) {
		return
	}
	if r.flags&fClause != 0 && i > 0 && d.toks[i-1].sent == d.toks[i].sent && !d.toks[i].brk {
		return
	}
	if len(r.unless) > 0 && c.sentenceHas(d.toks[i].sent, r.unless) {
		return
	}
	cue := c.phraseCue(i, end, r.intent, r.note)
	if r.flags&fNoNeg == 0 {
		if j, neg := d.negatedBefore(i); neg {
			if r.negTo != "" && !c.set.has(r.intent) {
				n := c.phraseCue(j, end, r.negTo, "'"+d.toks[j].raw+"' negates: "+r.note)
				c.set.add(r.negTo, n)
			}
			return
		}
	}
	if r.intent == Praise && (c.sarcasm >= 0 || c.flipped(i, end)) {
		return
	}
	if r.intent == Complaint && strings.HasPrefix(r.note, "asks rhetorically") {
		c.asks[d.toks[i].sent] = false
	}
	c.set.add(r.intent, cue)
	if r.flags&fBuy != 0 {
		c.set.add(Buy, cue)
	}
	if r.flags&fAngry != 0 {
		c.set.add(Complaint, c.phraseCue(i, end, Complaint, "leaves angry: "+r.note))
	}
}

// flipped reports a word in tokens [i, end) that sarcasm turned negative.
func (c *intentCtx) flipped(i, end int) bool {
	for j := i; j < end; j++ {
		if c.sc.vals[j] < 0 && strings.HasPrefix(c.sc.mods[j].ctx, "sarcasm") {
			return true
		}
	}
	return false
}

// sentenceHas reports whether sentence s contains one of words.
func (c *intentCtx) sentenceHas(s int, words map[string]bool) bool {
	st, en := c.d.sentence(s)
	for i := st; i < en; i++ {
		if words[c.d.toks[i].key] {
			return true
		}
	}
	return false
}

// phraseCue is an intent cue spanning tokens [i, end).
func (c *intentCtx) phraseCue(i, end int, intent, note string) Cue {
	st, en := c.d.toks[i].start, c.d.toks[end-1].end
	if en < st {
		en = st
	}
	text := c.d.text[st:en]
	return Cue{
		Kind: CueIntent, Text: text, Start: st, End: en, Weight: 1,
		Note: intent + ": '" + text + "' " + note,
	}
}

// opensSentence reports whether token i opens its sentence, not counting
// @handles and greetings before it ("@acme why is…", "hi @acme, why…").
func (c *intentCtx) opensSentence(i int) bool {
	d := c.d
	for j := i - 1; j >= 0 && d.toks[j].sent == d.toks[i].sent; j-- {
		if !d.toks[j].skip && d.brand[j] == 0 && !greetings[d.toks[j].key] && !c.inBrand(j) {
			return false
		}
	}
	return true
}

// inBrand reports whether token j is inside a multi-word brand name.
func (c *intentCtx) inBrand(j int) bool {
	for k := j - 1; k >= 0 && k >= j-4; k-- {
		if c.d.brand[k] > j-k {
			return true
		}
	}
	return false
}

var greetings = setOf(`hi hey hello dear yo hiya morning evening afternoon ok okay so um erm guys team`)

// businessish reports whether the post is addressed to or about a business:
// an @handle or the brand, "you", or a word for something a business sells
// or does. (A mention is about the business by construction; this keeps
// out only grief and weather: "so sad, we said goodbye to Poppy today".)
func (c *intentCtx) businessish() bool {
	for i := range c.d.toks {
		t := &c.d.toks[i]
		if c.d.brand[i] > 0 || bizWords[t.key] || t.skip && t.start > 0 && c.d.text[t.start-1] == '@' {
			return true
		}
	}
	return false
}

var bizWords = setOf(`you your u ur ya yall y'all you've you're youre they their them place shop café cafe
	store coffee beans order orders ordered staff service barista latte espresso delivery delivered app apps
	website site menu brunch cake pastry croissant sandwich cup mug bag roaster roastery manager
	account login password update firmware subscription membership plan contract bill bills billing charge
	charged fee fees price prices refund refunds booking booked flight flights train trains bus buses ferry
	hotel room rooms seat seats ticket tickets luggage baggage product products item items quality
	support agent engineer technician branch restaurant food meal meals portion portions drink drinks
	dress shirt shoes boots jeans size sizes kit device devices battery screen charger headphones earbuds
	speaker camera laptop phone tv printer router broadband internet wifi signal data network connection
	car cars vehicle garage dealer dealership mechanic repair repaired warranty replacement return returned
	exchange customer customers parcel package courier driver drivers shipping tracking purchase bought
	installed install appointment insurance claim policy insurer gym class classes salon clinic`)
