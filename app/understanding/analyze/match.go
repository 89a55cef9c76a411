package analyze

import "strings"

// A phrase pattern is written as space-separated slots:
//
//	where can i buy|get|order   alternatives separated by "|"
//	would_love                   "_" joins words that must follow each other
//	recommend*                   a trailing "*" matches any ending
//	... you                      "..." lets up to three other words come first
//	@brand                       one of the configured brand names
//	{biz}                        a named set (macros below)
//
// Patterns match lower-cased tokens within one sentence.
type pattern struct {
	src   string
	slots []slot
}

type slot struct {
	alts  [][]string
	gap   int
	brand bool
	rival bool
}

const gapWords = 3

// macros are word sets shared by many patterns.
var macros = map[string]string{
	"{biz}":   "you|your|u|ur|ya|y'all|yall|you_guys|them|they|their|this_place|this_café|this_cafe|this_shop|here|@brand",
	"{i}":     "i|i'm|im|i've|ive|i'll|ill|i'd|id|we|we're|we'll|we've|we'd|me",
	"{neg}":   "not|never|no|don't|dont|won't|wont|wouldn't|wouldnt|can't|cant|cannot|didn't|didnt|isn't|isnt|shouldn't|shouldnt|nobody|none|nothing",
	"{drink}": "coffee|beans|blend|roast|espresso|latte|cappuccino|cortado|flat_white|cold_brew|decaf|tea|chai|matcha|mocha|americano|pastries|pastry|croissant*|cake|bun|buns|brunch|food|bag|bags",
	"{place}": "shop|café|cafe|store|roastery|bar|place|spot|location|branch",
	"{day}":   "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekend|weekends|weekday|weekdays|today|tonight|tomorrow|christmas|bank_holiday",
}

// compilePattern parses src; it panics on an empty pattern (rule tables are code).
func compilePattern(src string) pattern {
	p := pattern{src: src}
	gap := 0
	for _, f := range strings.Fields(src) {
		if f == "..." {
			gap = gapWords
			continue
		}
		if strings.Contains(f, "{") {
			alts := strings.Split(f, "|")
			for k, a := range alts {
				if m, ok := macros[a]; ok {
					alts[k] = m // a macro may stand for the slot or for one alternative
				}
			}
			f = strings.Join(alts, "|")
		}
		sl := slot{gap: gap}
		gap = 0
		for _, alt := range strings.Split(f, "|") {
			if alt == "@brand" {
				sl.brand = true
				continue
			}
			if alt == "@rival" {
				sl.rival = true
				continue
			}
			sl.alts = append(sl.alts, strings.Split(alt, "_"))
		}
		p.slots = append(p.slots, sl)
	}
	if len(p.slots) == 0 {
		panic("analyze: empty pattern")
	}
	return p
}

// doc is a post's words prepared for matching.
type doc struct {
	text  string
	toks  []token
	brand []int    // brand[i] = number of tokens of a brand name starting at i
	rival []int    // the same for competitors
	sents [][2]int // token range [start, end) of each sentence
	asks  []bool   // per sentence: does it ask something (questionSentences)
}

// prepare computes the sentence ranges and question marks of d.toks.
func (d *doc) prepare() {
	d.sents = d.sents[:0]
	for i := 0; i < len(d.toks); {
		j := i
		for j < len(d.toks) && d.toks[j].sent == d.toks[i].sent {
			j++
		}
		for len(d.sents) < d.toks[i].sent {
			d.sents = append(d.sents, [2]int{i, i}) // sentences with no words
		}
		d.sents = append(d.sents, [2]int{i, j})
		i = j
	}
	d.asks = questionSentences(d)
}

// sentence returns the token range of sentence s.
func (d *doc) sentence(s int) (int, int) {
	if s < 0 || s >= len(d.sents) {
		return 0, 0
	}
	return d.sents[s][0], d.sents[s][1]
}

// wordIs reports whether token i matches pattern word w.
func (d *doc) wordIs(i int, w string) bool {
	if w == "<money>" {
		return d.isMoney(i)
	}
	k := d.toks[i].key
	if strings.HasSuffix(w, "*") && len(w) > 1 {
		return strings.HasPrefix(k, w[:len(w)-1])
	}
	return k == w
}

// isMoney reports an amount of money: "$18", "£4.20", "80p", "€5".
func (d *doc) isMoney(i int) bool {
	t := &d.toks[i]
	if t.start > 0 && d.text[t.start-1] == '$' {
		return true
	}
	if strings.HasPrefix(t.raw, "£") || strings.HasPrefix(t.raw, "€") {
		return true
	}
	k := t.key
	if len(k) >= 2 && k[len(k)-1] == 'p' {
		for j := 0; j < len(k)-1; j++ {
			if k[j] < '0' || k[j] > '9' {
				return false
			}
		}
		return true
	}
	return false
}

// match tries p at token i; it returns the end (exclusive) of the match.
func (d *doc) match(p *pattern, i int) (int, bool) {
	return d.matchSlots(p.slots, i, d.toks[i].sent, true)
}

func (d *doc) matchSlots(slots []slot, i, sent int, first bool) (int, bool) {
	if len(slots) == 0 {
		return i, true
	}
	sl := &slots[0]
	maxGap := sl.gap
	if first {
		maxGap = 0
	}
	for g := 0; g <= maxGap; g++ {
		j := i + g
		if j >= len(d.toks) || d.toks[j].sent != sent {
			return 0, false
		}
		if sl.brand && d.brand[j] > 0 {
			if end, ok := d.matchSlots(slots[1:], j+d.brand[j], sent, false); ok {
				return end, true
			}
		}
		if sl.rival && d.rival[j] > 0 {
			if end, ok := d.matchSlots(slots[1:], j+d.rival[j], sent, false); ok {
				return end, true
			}
		}
		for _, alt := range sl.alts {
			if !d.altAt(alt, j) {
				continue
			}
			if end, ok := d.matchSlots(slots[1:], j+len(alt), sent, false); ok {
				return end, true
			}
		}
	}
	return 0, false
}

// altAt reports whether the words of alt follow each other from token j.
func (d *doc) altAt(alt []string, j int) bool {
	if j+len(alt) > len(d.toks) {
		return false
	}
	for k, w := range alt {
		if !d.wordIs(j+k, w) || d.toks[j+k].sent != d.toks[j].sent {
			return false
		}
	}
	return true
}

// negatedBefore reports a negation among the three words before token i in
// the same clause, and returns its index.
func (d *doc) negatedBefore(i int) (int, bool) {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		k := d.toks[j].key
		if (negWords[k] || strings.HasSuffix(k, "n't")) && !(j+1 < len(d.toks) && d.toks[j+1].key == "wait") {
			return j, true // "can't wait to visit" is not a negation
		}
		if d.toks[j+1].brk {
			break
		}
	}
	return -1, false
}

var negWords = setOf(`not never no nobody none nothing neither nor cannot cant dont wont
	wouldnt didnt isnt doesnt shouldnt couldnt aint hardly`)

// markNames fills d.brand and d.rival from the configured names.
func (d *doc) markNames(brands, rivals [][]string) {
	d.brand = markName(d.toks, brands, d.brand)
	d.rival = markName(d.toks, rivals, d.rival)
}

func markName(toks []token, brands [][]string, out []int) []int {
	out = growInts(out, len(toks))
	for i := range toks {
		for _, b := range brands {
			if i+len(b) > len(toks) {
				continue
			}
			ok := true
			for k, w := range b {
				if toks[i+k].key != w && strings.TrimSuffix(toks[i+k].key, "'s") != w {
					ok = false
					break
				}
			}
			if ok && len(b) > out[i] {
				out[i] = len(b)
			}
		}
	}
	return out
}

func growInts(v []int, n int) []int {
	if cap(v) < n {
		return make([]int, n)
	}
	v = v[:n]
	clear(v)
	return v
}

// brandWords splits brand names into lower-case token keys ("@x" → "x",
// because the tokenizer strips the "@").
func brandWords(names []string) [][]string {
	var out [][]string
	for _, n := range names {
		var ws []string
		for _, w := range strings.Fields(strings.ToLower(n)) {
			w = strings.Trim(w, pyPunct)
			if w != "" {
				ws = append(ws, w)
			}
		}
		if len(ws) > 0 {
			out = append(out, ws)
		}
	}
	return out
}
