package analyze

import "strings"

// promiseOpposites are words that break common promise words. The owner's
// Config.PromiseOpposites add to these.
var promiseOpposites = map[string][]string{
	"fresh":       {"stale", "day-old", "yesterday's", "mouldy", "moldy", "expired", "from yesterday"},
	"fast":        {"slow", "late", "delayed", "forever", "ages", "waited", "waiting"},
	"quick":       {"slow", "late", "delayed", "forever", "ages", "waited", "waiting"},
	"friendly":    {"rude", "unfriendly", "grumpy", "dismissive", "arrogant", "ignored", "attitude"},
	"welcoming":   {"rude", "unfriendly", "unwelcoming", "ignored", "cold welcome"},
	"affordable":  {"expensive", "overpriced", "pricey", "rip off", "ripoff", "rip-off"},
	"value":       {"expensive", "overpriced", "pricey", "rip off", "ripoff", "rip-off"},
	"quality":     {"cheap", "flimsy", "broken", "poor quality", "faulty"},
	"hot":         {"cold", "lukewarm", "tepid"},
	"clean":       {"dirty", "filthy", "sticky", "grubby"},
	"quiet":       {"loud", "noisy", "crowded", "rammed"},
	"cosy":        {"cramped", "cold", "noisy", "crowded"},
	"sustainable": {"plastic", "wasteful", "waste", "greenwashing"},
	"reliable":    {"unreliable", "late", "missing", "lost", "never arrived"},
	"consistent":  {"inconsistent", "hit and miss", "hit or miss"},
	"local":       {"imported", "chain"},
	"handmade":    {"mass-produced", "mass produced", "factory"},
}

// promiseTerm is one promise word or one of its opposites, compiled.
type promiseTerm struct {
	promise  string // the promise word it belongs to
	opposite bool
	pat      pattern
}

// promiseSet is the compiled brand promise.
type promiseSet struct {
	terms []promiseTerm
	ix    phraseIndex
}

// compilePromise compiles promise words (a single word of four letters or
// more also matches its forms: "fresh" → "freshly", "freshness") and their
// opposites.
func compilePromise(words []string, extra map[string][]string) promiseSet {
	var ps promiseSet
	add := func(promise, term string, opposite bool) {
		ws := strings.Fields(strings.ToLower(term))
		if len(ws) == 0 {
			return
		}
		src := strings.Join(ws, "_")
		if len(ws) == 1 && len(ws[0]) >= 4 && !opposite {
			src += "*"
		}
		ps.terms = append(ps.terms, promiseTerm{promise: promise, opposite: opposite, pat: compilePattern(src)})
	}
	for _, w := range words {
		w = strings.ToLower(strings.TrimSpace(w))
		add(w, w, false)
		for _, o := range promiseOpposites[w] {
			add(w, o, true)
		}
		for _, o := range extra[w] {
			add(w, o, true)
		}
	}
	pats := make([]pattern, len(ps.terms))
	for i := range ps.terms {
		pats[i] = ps.terms[i].pat
	}
	ps.ix = newPhraseIndex(pats)
	return ps
}

// judge decides whether the post is in line with or at odds with the
// promise, adding a cue per judged mention. At odds wins over in line:
// it is what the owner must act on.
func (ps *promiseSet) judge(d *doc, sc *scorer, sent sentiment, res *Result) string {
	if len(ps.terms) == 0 {
		return ""
	}
	verdict := ""
	for i := range d.toks {
		ps.ix.candidates(d.toks[i].key, func(pi int) {
			pt := &ps.terms[pi]
			end, ok := d.match(&pt.pat, i)
			if !ok {
				return
			}
			v, why := ps.verdict(d, sc, sent, pt, i)
			if v == "" {
				return
			}
			st, en := d.toks[i].start, d.toks[end-1].end
			res.Cues = append(res.Cues, Cue{
				Kind: CuePromise, Text: d.text[st:en], Start: st, End: en,
				Weight: promiseWeight(v), Note: "'" + d.text[st:en] + "' " + why + ": " + v + " with '" + pt.promise + "'",
			})
			if verdict != PromiseAtOdds {
				verdict = v
			}
		})
	}
	return verdict
}

func promiseWeight(v string) float64 {
	if v == PromiseAtOdds {
		return -1
	}
	return 1
}

// verdict judges one mention at token i by negation, scare quotes and the
// sentiment of the rest of its clause (or, if that is flat, of the post).
func (ps *promiseSet) verdict(d *doc, sc *scorer, sent sentiment, pt *promiseTerm, i int) (string, string) {
	_, negBefore := d.negatedBefore(i)
	negated := negBefore || sc.mods[i].neg >= 0
	if pt.opposite {
		if negated {
			return PromiseInLine, "is negated"
		}
		return PromiseAtOdds, "breaks the promise"
	}
	if negated {
		return PromiseAtOdds, "is negated"
	}
	if scareQuoted(d.text, d.toks[i].start, d.toks[i].end) {
		return PromiseAtOdds, "is in scare quotes"
	}
	if d.asks[d.toks[i].sent] {
		return "", "" // asking about it ("fresh pastries today?") judges nothing
	}
	sum := clauseSum(d, sc, i) - sc.vals[i] // the promise word's own valence proves nothing
	switch {
	case sum >= 0.5:
		return PromiseInLine, "in a positive clause"
	case sum <= -0.5:
		return PromiseAtOdds, "in a negative clause"
	case sent.compound >= 0.3:
		return PromiseInLine, "in a positive post"
	case sent.compound <= -0.3:
		return PromiseAtOdds, "in a negative post"
	}
	return "", ""
}

// clauseReach bounds how far a clause is followed (long unpunctuated text).
const clauseReach = 12

// clauseSum adds the valences of the clause around token i: bounded by
// punctuation and by "but"/"however".
func clauseSum(d *doc, sc *scorer, i int) float64 {
	st := i
	for st > 0 && st > i-clauseReach && !d.toks[st].brk && !isContrast(d.toks[st-1].key) {
		st--
	}
	en := i + 1
	for en < len(d.toks) && en < i+clauseReach && !d.toks[en].brk && !isContrast(d.toks[en].key) {
		en++
	}
	sum := 0.0
	for j := st; j < en; j++ {
		sum += sc.vals[j]
	}
	return sum
}

func isContrast(k string) bool {
	return k == "but" || k == "however" || k == "although" || k == "though"
}

// scareQuoted reports a word wrapped in quotes: the "fresh" pastries.
func scareQuoted(text string, st, en int) bool {
	before := strings.TrimRight(text[:st], " ")
	after := text[en:]
	open := strings.HasSuffix(before, "\"") || strings.HasSuffix(before, "“") || strings.HasSuffix(before, "'")
	closeQ := strings.HasPrefix(after, "\"") || strings.HasPrefix(after, "”") || strings.HasPrefix(after, "'")
	return open && closeQ
}
