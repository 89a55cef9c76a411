package analyze

import "strings"

// specialIdioms is vaderSentiment's _special_idioms_check for token i (i >= 3).
func (s *scorer) specialIdioms(v float64, i int) float64 {
	var buf [96]byte
	seqs := [5][2]int{{i - 1, i}, {i - 2, i}, {i - 2, i - 1}, {i - 3, i - 1}, {i - 3, i - 2}}
	for _, q := range seqs {
		if sv, ok := s.special(s.phrase(buf[:0], q[0], q[1])); ok {
			v = sv
			break
		}
	}
	n := len(s.toks)
	if n-1 > i {
		if sv, ok := s.special(s.phrase(buf[:0], i, i+1)); ok {
			v = sv
		}
	}
	if n-1 > i+1 {
		if sv, ok := s.special(s.phrase(buf[:0], i, i+2)); ok {
			v = sv
		}
	}
	for _, q := range [3][2]int{{i - 3, i - 1}, {i - 3, i - 2}, {i - 2, i - 1}} {
		if b, ok := s.lx.boosters[string(s.phrase(buf[:0], q[0], q[1]))]; ok {
			v += b
		}
	}
	return v
}

func (s *scorer) special(p []byte) (float64, bool) {
	v, ok := s.lx.specials[string(p)]
	if ok && !s.opt.pySpecials {
		switch string(p) {
		case "bus stop", "beating heart", "broken heart":
			return 0, false
		}
	}
	return v, ok
}

// phrase joins the keys of tokens from..to with spaces into buf.
func (s *scorer) phrase(buf []byte, from, to int) []byte {
	for j := from; j <= to; j++ {
		if j > from {
			buf = append(buf, ' ')
		}
		buf = append(buf, s.key(j)...)
	}
	return buf
}

// butCheck is vaderSentiment's _but_check: the first "but" halves every
// earlier word and boosts every later one by half.
func (s *scorer) butCheck() {
	bi := -1
	for i := range s.toks {
		if s.key(i) == "but" {
			bi = i
			break
		}
	}
	if bi < 0 {
		return
	}
	s.buts = append(s.buts, bi)
	for i := range s.vals {
		switch {
		case i < bi:
			s.scaleBut(i, 0.5)
		case i > bi:
			s.scaleBut(i, 1.5)
		}
	}
}

// sentenceEnd returns the index after the last token of the sentence that
// toks[start] is in (sentences are runs of tokens with the same number).
func (s *scorer) sentenceEnd(start int) int {
	end := start
	for end < len(s.toks) && s.toks[end].sent == s.toks[start].sent {
		end++
	}
	return end
}

func (s *scorer) scaleBut(i int, f float64) {
	if s.vals[i] == 0 {
		return
	}
	s.vals[i] *= f
	s.mods[i].but = f
}

// butScoped applies the contrast of each sentence's first "but"/"however"
// to that sentence only; a sentence-initial one contrasts with the sentence
// before. "but also", "nothing but" and the like are not contrasts.
func (s *scorer) butScoped() {
	for start := 0; start < len(s.toks); {
		end := s.sentenceEnd(start)
		if b := s.contrastIn(start, end); b >= 0 {
			s.buts = append(s.buts, b)
			from := start
			if b == start && start > 0 {
				from = start - 1
				for from > 0 && s.toks[from-1].sent == s.toks[start-1].sent {
					from--
				}
			}
			for i := from; i < b; i++ {
				s.scaleBut(i, 0.5)
			}
			for i := b + 1; i < end; i++ {
				s.scaleBut(i, 1.5)
			}
		}
		start = end
	}
}

func (s *scorer) contrastIn(start, end int) int {
	for i := start; i < end; i++ {
		switch s.key(i) {
		case "however":
			return i
		case "but":
			if i+1 < end && s.key(i+1) == "also" {
				continue
			}
			if i > start {
				switch s.key(i - 1) {
				case "nothing", "anything", "all", "everything", "cannot", "can't", "cant":
					continue
				}
			}
			return i
		}
	}
	return -1
}

// likeVerbBefore are words after which "like" is the verb of liking.
var likeVerbBefore = setOf(`i you u we they ya yall y'all people everyone everybody who really
	truly totally actually also just still do does did don't dont didn't didnt doesn't doesnt
	to will gonna i'll you'll we'll they'll kinda definitely always def must might may should`)

// likeRequest are words after which "like" asks for something ("I'd like").
var likeRequest = setOf(`would i'd id we'd you'd they'd`)

var freeFrom = setOf(`gluten dairy sugar caffeine nut lactose alcohol plastic fat cruelty meat
	egg soy wheat palm fragrance scent hands smoke`)

var helpRequest = setOf(`need needs needed can could please pls plz any some for`)

var fireSlang = setOf(`is was so straight pure actually absolutely lowkey literally be are were
	it's that's thats its`)

// contextValence corrects words VADER misreads out of context. It returns
// the new valence, a note, and whether it applied.
func (s *scorer) contextValence(i int, v float64) (float64, string, bool) {
	prev, next := s.neighbour(i, -1), s.neighbour(i, 1)
	switch s.key(i) {
	case "like":
		switch {
		case likeRequest[prev]:
			return 0, "'like' after 'would' asks for something", true
		case !likeVerbBefore[prev]:
			return 0, "'like' is not the verb here", true
		}
	case "pretty":
		if next != "" && (s.inLex(i+1) || s.lx.boosters[next] != 0) {
			return 0, "'pretty' is an adverb here", true
		}
	case "well":
		if prev == "" || prev == "as" || prev == "oh" {
			return 0, "'well' is a filler here", true
		}
	case "fire":
		if fireSlang[prev] || strings.HasPrefix(next, "🔥") {
			return 2.0, "'fire' is slang for excellent", true
		}
	case "joke":
		switch prev {
		case "a", "total", "complete", "absolute", "such":
			return -1.8, "'a joke' is scorn", true
		}
	case "free":
		if freeFrom[prev] {
			return 0, "'free' means without here", true
		}
	case "please":
		return 0, "'please' is politeness", true
	case "help":
		if helpRequest[prev] {
			return 0, "'help' is a request here", true
		}
	case "good":
		if prev == "for" {
			return 0, "'for good' means for ever", true
		}
	case "honestly", "truly":
		return 0, "'" + s.key(i) + "' only stresses what follows", true
	case "bad", "badly":
		if s.wantBefore(i) {
			return 0, "'so badly' means very much here", true
		}
	}
	return v, "", false
}

// wantBefore reports "want"/"need" earlier in the clause ("want it so badly").
func (s *scorer) wantBefore(i int) bool {
	for j := i - 1; j >= 0 && j >= i-5; j-- {
		switch s.key(j) {
		case "want", "wanna", "need", "needed", "wanted":
			return true
		}
		if s.opt.clauseScope && s.toks[j+1].brk {
			return false
		}
	}
	return false
}

// neighbour is the key of the token d steps away in the same clause, or "".
func (s *scorer) neighbour(i, d int) string {
	j := i + d
	if j < 0 || j >= len(s.toks) {
		return ""
	}
	if s.opt.clauseScope && ((d < 0 && s.toks[i].brk) || (d > 0 && s.toks[j].brk)) {
		return ""
	}
	return s.key(j)
}

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
