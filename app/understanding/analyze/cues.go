package analyze

import (
	"strconv"
	"strings"
)

// cues explains the sentiment score: each scored word with what modified it,
// each contrast and the punctuation emphasis.
func (s *scorer) cues(sent sentiment) []Cue {
	out := make([]Cue, 0, 8)
	for i, v := range s.vals {
		m := &s.mods[i]
		if v == 0 && m.ctx == "" {
			continue
		}
		t := &s.toks[i]
		word := s.text[t.start:t.end]
		if v != 0 {
			kind := CueLexicon
			if t.emoji {
				kind = CueEmoji
			}
			out = append(out, Cue{
				Kind: kind, Text: word, Start: t.start, End: t.end, Weight: v,
				Note: "'" + word + "' " + signed(v),
			})
		}
		out = s.modifierCues(out, i, word)
	}
	for _, b := range s.buts {
		t := &s.toks[b]
		out = append(out, Cue{
			Kind: CueBut, Text: s.text[t.start:t.end], Start: t.start, End: t.end, Weight: 1.5,
			Note: "'" + t.key + "' halves what comes before and strengthens what follows",
		})
	}
	if sent.punct > 0 && sent.sum != 0 {
		if st, en := lastPunctRun(s.text); en > st {
			out = append(out, Cue{
				Kind: CuePunct, Text: s.text[st:en], Start: st, End: en, Weight: sent.punct,
				Note: "'" + s.text[st:en] + "' adds emphasis",
			})
		}
	}
	return out
}

// modifierCues adds the negation, booster, caps and context cues of token i.
func (s *scorer) modifierCues(out []Cue, i int, word string) []Cue {
	m := &s.mods[i]
	t := &s.toks[i]
	if m.neg >= 0 {
		n := &s.toks[m.neg]
		neg := s.text[n.start:n.end]
		out = append(out, Cue{
			Kind: CueNegation, Text: neg, Start: n.start, End: n.end, Weight: nScalar,
			Note: "'" + neg + "' flips '" + word + "'",
		})
	}
	if m.boost >= 0 {
		b := &s.toks[m.boost]
		bw := s.text[b.start:b.end]
		verb := "boosts"
		if s.lx.boosters[b.key] < 0 {
			verb = "softens"
		}
		out = append(out, Cue{
			Kind: CueBooster, Text: bw, Start: b.start, End: b.end, Weight: s.lx.boosters[b.key],
			Note: "'" + bw + "' " + verb + " '" + word + "'",
		})
	}
	if m.caps {
		out = append(out, Cue{
			Kind: CueCaps, Text: word, Start: t.start, End: t.end, Weight: cIncr,
			Note: "ALL CAPS '" + word + "' adds emphasis",
		})
	}
	if m.ctx != "" {
		kind := CueContext
		if strings.HasPrefix(m.ctx, "sarcasm") {
			kind = CueSarcasm
		}
		out = append(out, Cue{Kind: kind, Text: word, Start: t.start, End: t.end, Weight: s.vals[i], Note: m.ctx})
	}
	return out
}

// lastPunctRun finds the last run of '!' and '?' in text.
func lastPunctRun(text string) (int, int) {
	en := strings.LastIndexAny(text, "!?")
	if en < 0 {
		return 0, 0
	}
	st := en
	for st > 0 && (text[st-1] == '!' || text[st-1] == '?') {
		st--
	}
	return st, en + 1
}

func signed(v float64) string {
	if v >= 0 {
		return "+" + strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}
