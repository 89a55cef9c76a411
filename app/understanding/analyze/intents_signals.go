package analyze

import (
	"slices"
	"strings"
)

// questionSentences marks each sentence that asks something: it contains a
// "?" or opens like a question ("anyone know", "is there", "any tips").
func questionSentences(d *doc) []bool {
	asks := make([]bool, len(d.sents))
	for s := range d.sents {
		i, j := d.sents[s][0], d.sents[s][1]
		if i == j {
			continue
		}
		end := len(d.text)
		if j < len(d.toks) {
			end = d.toks[j].start
		}
		asks[s] = strings.Contains(d.text[d.toks[i].start:end], "?") || opensQuestion(d, i, j)
		if asks[s] && d.isMoney(i) {
			asks[s] = false // "£4.20 for a small latte?" is scorn, not a question
		}
	}
	return asks
}

var questionOpeners = [][]string{
	{"anyone", "know"},
	{"does", "anyone"},
	{"can", "anyone"},
	{"can", "someone"},
	{"is", "there"},
	{"any", "tips"},
	{"any", "recommendations"},
	{"any", "suggestions"},
	{"anyone", "recommend"},
	{"how", "do", "i"},
	{"where", "can", "i"},
	{"what", "time"},
	{"do", "you"},
	{"are", "you"},
}

func opensQuestion(d *doc, i, j int) bool {
	for _, q := range questionOpeners {
		if i+len(q) <= j && matchKeys(d.toks, i, q) {
			return true
		}
	}
	return false
}

// praiseWords are the positive words that praise something when used
// plainly (not negated, hedged, asked or sarcastic).
var praiseWords = setOf(`love loved loving loves lovely like liked likes great amazing awesome best
	delicious excellent fantastic perfect perfection gorgeous beautiful brilliant superb outstanding
	incredible wonderful tasty yummy yum smooth smoothest fresh friendly helpful impressed
	impressive cosy cozy cosiest coziest legend legends gem fab fabulous stunning divine heaven
	slaps lit fire bussin banger good nice decent solid quick fast easy magic obsessed better sweet
	appreciate unreal phenomenal stellar lush brill chuffed happy`)

// hedges make a following praise word hypothetical ("would love", "hope it's good").
var hedges = setOf(`would i'd id we'd hope hoping if wish could should might`)

// sentimentIntents adds complaint and praise from the scored words.
func (c *intentCtx) sentimentIntents(sent sentiment, biz bool) {
	if c.sarcasm >= 0 {
		t := &c.d.toks[c.sarcasm]
		c.set.add(Complaint, Cue{
			Kind: CueSarcasm, Text: c.d.text[t.start:t.end], Start: t.start, End: t.end,
			Weight: -1, Note: "complaint: sarcasm ('" + c.d.text[t.start:t.end] + "')",
		})
	}
	if biz {
		c.negativeSentences(sent)
	}
	if c.sarcasm < 0 {
		c.praise()
	}
	c.sarcasticInterjection()
	c.politeThanks()
}

// negativeSentences adds a complaint when the post, or one of its
// sentences, is clearly negative.
func (c *intentCtx) negativeSentences(sent sentiment) {
	sums := make([]float64, len(c.d.sents))
	words := make([]float64, len(c.d.sents)) // sums without emoji
	worst := make([]int, len(c.d.sents))
	for s := range worst {
		worst[s] = -1
	}
	for i, v := range c.sc.vals {
		s := c.d.toks[i].sent
		sums[s] += v
		if !c.d.toks[i].emoji {
			words[s] += v
		}
		if w := worst[s]; w < 0 || v < c.sc.vals[w] {
			worst[s] = i
		}
	}
	for _, b := range c.sc.buts {
		s := c.d.toks[b].sent
		after, w := 0.0, -1
		for j := b + 1; j < len(c.d.toks) && c.d.toks[j].sent == s; j++ {
			after += c.sc.vals[j]
			if w < 0 || c.sc.vals[j] < c.sc.vals[w] {
				w = j
			}
		}
		if after <= -0.8 && w >= 0 {
			t := &c.d.toks[w]
			ww := c.d.text[t.start:t.end]
			c.set.add(Complaint, Cue{
				Kind: CueIntent, Text: ww, Start: t.start, End: t.end, Weight: c.sc.vals[w],
				Note: "complaint: negative after '" + c.d.toks[b].key + "' ('" + ww + "')",
			})
		}
	}
	asking := slices.Contains(c.asks, true)
	for s, sum := range sums {
		neg := (sum <= -1.2 && sent.compound < 0.05) || (sent.compound <= -0.3 && sum < 0)
		if asking && words[s] > -2.0 {
			// In a post that asks for help, a mildly negative sentence
			// tells the asker's situation ("no grinder yet", "I don't
			// want to get stuck with a bag I hate"), not a grievance; so
			// does a sad or weary emoji ("my machine is judging me 😩").
			neg = false
		}
		if !neg || worst[s] < 0 || (c.asks[s] && !c.addressed(s)) {
			continue
		}
		t := &c.d.toks[worst[s]]
		w := c.d.text[t.start:t.end]
		c.set.add(Complaint, Cue{
			Kind: CueIntent, Text: w, Start: t.start, End: t.end, Weight: c.sc.vals[worst[s]],
			Note: "complaint: negative about the business ('" + w + "')",
		})
	}
}

// addressed reports whether sentence s speaks to or about the business, or
// asks "why" — a negative question that is a complaint, not a how-to.
func (c *intentCtx) addressed(s int) bool {
	st, en := c.d.sentence(s)
	for i := st; i < en; i++ {
		switch c.d.toks[i].key {
		case "you", "your", "u", "ur", "why", "still":
			return true
		}
		if c.d.brand[i] > 0 {
			return true
		}
	}
	return false
}

// praise adds praise for a plainly used positive word.
func (c *intentCtx) praise() {
	for i, v := range c.sc.vals {
		t := &c.d.toks[i]
		if v <= 0 || c.asks[t.sent] {
			continue
		}
		notBad := c.sc.mods[i].neg >= 0 // "not bad" praises too
		if !(praiseWords[t.key] || notBad || (t.emoji && t.emojiVal >= 1.5)) || c.hedged(i) || c.greeting(i) {
			continue
		}
		w := c.d.text[t.start:t.end]
		c.set.add(Praise, Cue{
			Kind: CueIntent, Text: w, Start: t.start, End: t.end, Weight: v,
			Note: "praise: '" + w + "'",
		})
		return
	}
}

// greeting reports a positive word used as a wish or greeting, which
// evaluates nothing: "good luck", "good morning", "have a nice day".
func (c *intentCtx) greeting(i int) bool {
	if i+1 < len(c.d.toks) && !c.d.toks[i+1].brk && wishNouns[c.d.toks[i+1].key] {
		return true
	}
	return false
}

var wishNouns = setOf(`luck morning afternoon evening night day weekend week holiday holidays christmas
	xmas question point one`)

// hedged reports a hedge shortly before token i in its clause.
func (c *intentCtx) hedged(i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if hedges[c.d.toks[j].key] {
			return true
		}
		if c.d.toks[j+1].brk {
			break
		}
	}
	return false
}

// politeThanks drops praise that is only politeness in a post that
// complains: "please help, thanks", "thanks in advance", a closing
// "Thanks!" after a problem report. Thanks for something ("thanks for the
// quick refund") stay praise.
func (c *intentCtx) politeThanks() {
	if !c.set.has(Praise) || !c.set.has(Complaint) {
		return
	}
	p := c.set.cues[intentIndex(Praise)]
	for i := range c.d.toks {
		t := &c.d.toks[i]
		if t.start != p.Start {
			continue
		}
		switch t.key {
		case "thanks", "thank", "thx", "ty", "cheers", "appreciate", "appreciated", "please":
		default:
			return
		}
		for j := i + 1; j < len(c.d.toks) && j <= i+2 && c.d.toks[j].sent == t.sent; j++ {
			if c.d.toks[j].key == "for" {
				return
			}
		}
		c.set.drop(Praise)
		return
	}
}

// sarcasticInterjection drops praise that is only a short exclamation
// ("Great." "Thanks a lot.") in a post that complains: that is sarcasm.
func (c *intentCtx) sarcasticInterjection() {
	if !c.set.has(Praise) || !c.set.has(Complaint) {
		return
	}
	p := c.set.cues[intentIndex(Praise)]
	for i := range c.d.toks {
		t := &c.d.toks[i]
		if t.start != p.Start {
			continue
		}
		st, en := i, i+1
		for st > 0 && !c.d.toks[st].brk {
			st--
		}
		for en < len(c.d.toks) && !c.d.toks[en].brk {
			en++
		}
		if en-st <= 3 {
			c.set.drop(Praise)
		}
		return
	}
}

// serviceTouch are the default touch points about an order rather than a product.
var serviceTouch = map[string]bool{
	"returns/refunds": true, "customer service": true,
	"delivery/shipping": true, "website/app": true,
}

// socialQuestions ask friends, not the business ("who's in?").
var socialQuestions = [][]string{{"who's", "in"}, {"who's", "up"}, {"anyone", "else"}, {"who", "else"}, {"who's", "working"}}

// questionIntents adds "question", and "know" for an information question
// that no other intent explains.
func (c *intentCtx) questionIntents() {
	first := -1
	for s, ask := range c.asks {
		if ask {
			first = s
			break
		}
	}
	if first < 0 {
		return
	}
	cue := c.questionCue(first)
	c.set.add(Question, cue)
	for _, other := range []string{Go, Do, Buy, Purchase, Churn, Complaint, Referral} {
		if c.set.has(other) {
			return
		}
	}
	for _, l := range c.touch {
		if serviceTouch[l.Name] {
			return // questions about orders, refunds and accounts are service, not learning
		}
	}
	for i := range c.d.toks {
		for _, q := range socialQuestions {
			if matchKeys(c.d.toks, i, q) {
				return
			}
		}
	}
	cue.Note = "know: asks for information"
	c.set.add(Know, cue)
}

// questionCue points at the "?" of sentence s, or its first word.
func (c *intentCtx) questionCue(s int) Cue {
	st, en := c.d.sentence(s)
	if st == en {
		return Cue{Kind: CueIntent, Note: "question"}
	}
	t := &c.d.toks[st]
	end := len(c.d.text)
	if en < len(c.d.toks) {
		end = c.d.toks[en].start
	}
	if q := strings.IndexByte(c.d.text[t.start:end], '?'); q >= 0 {
		p := t.start + q
		return Cue{Kind: CueIntent, Text: "?", Start: p, End: p + 1, Weight: 1, Note: "question: asks something"}
	}
	return Cue{
		Kind: CueIntent, Text: c.d.text[t.start:t.end], Start: t.start, End: t.end, Weight: 1,
		Note: "question: opens like a question",
	}
}
