package analyze

import "strings"

// touchCat is a compiled touch point category.
type touchCat struct {
	name    string
	ix      phraseIndex
	pats    []pattern
	subject []bool // pats[i] is a subject: needs an opinion or a question
}

// compileTouch turns each term into a one-slot pattern ("customer
// service" → customer_service).
func compileTouch(cats []Category) []touchCat {
	out := make([]touchCat, 0, len(cats))
	for _, c := range cats {
		tc := touchCat{name: c.Name}
		add := func(t string, subject bool) {
			ws := strings.Fields(strings.ToLower(strings.TrimSpace(t)))
			if len(ws) == 0 {
				return
			}
			tc.pats = append(tc.pats, compilePattern(strings.Join(ws, "_")))
			tc.subject = append(tc.subject, subject)
		}
		for _, t := range c.Terms {
			add(t, false)
		}
		for _, t := range c.Subjects {
			add(t, true)
		}
		tc.ix = newPhraseIndex(tc.pats)
		out = append(out, tc)
	}
	return out
}

// touchPoints lists the categories the post mentions, each with its first term.
func (a *Analyzer) touchPoints(d *doc, sc *scorer) []Label {
	var out []Label
	asks := d.asks
	for ci := range a.touch {
		tc := &a.touch[ci]
		if l, ok := tc.find(d, sc, asks); ok {
			out = append(out, l)
		}
	}
	return out
}

// nearOpinion reports a sentiment word within three words of tokens
// [i, end) in the same clause: "amazing pastries", "the latte was cold".
// Subjects count only there, and not in questions ("what's a good
// grinder?" shops for one; it does not judge ours).
func nearOpinion(d *doc, sc *scorer, i, end int) bool {
	for j := i - 1; j >= 0 && j >= i-3 && !d.toks[j+1].brk; j-- {
		if sc.vals[j] != 0 {
			return true
		}
	}
	for j := end; j < len(d.toks) && j < end+3 && !d.toks[j].brk; j++ {
		if sc.vals[j] != 0 {
			return true
		}
	}
	return false
}

func (tc *touchCat) find(d *doc, sc *scorer, asks []bool) (Label, bool) {
	for i := range d.toks {
		if d.toks[i].skip {
			continue // an @handle or a URL is not a term ("@parkrun")
		}
		var hit Label
		found := false
		tc.ix.candidates(d.toks[i].key, func(pi int) {
			if found {
				return
			}
			if end, ok := d.match(&tc.pats[pi], i); ok && (!tc.subject[pi] || !asks[d.toks[i].sent] && nearOpinion(d, sc, i, end)) {
				st, en := d.toks[i].start, d.toks[end-1].end
				text := d.text[st:en]
				hit = Label{Name: tc.name, Cue: Cue{
					Kind: CueTouchPoint, Text: text, Start: st, End: en, Weight: 1,
					Note: tc.name + ": mentions '" + text + "'",
				}}
				found = true
			}
		})
		if found {
			return hit, true
		}
	}
	return Label{}, false
}
