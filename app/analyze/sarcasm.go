package analyze

import "strings"

// sarcasmMarkers are phrases that, in a post, turn its praise words upside
// down ("Oh great, another late delivery"). Kept short on purpose: each is
// rarely meant literally.
var sarcasmMarkers = [][]string{
	{"oh", "great"}, {"oh", "good"}, {"oh", "joy"}, {"oh", "wonderful"}, {"oh", "lovely"},
	{"just", "great"}, {"just", "perfect"}, {"just", "what", "i", "needed"},
	{"thanks", "for", "nothing"}, {"love", "that", "for", "me"}, {"said", "no", "one", "ever"},
	{"slow", "clap"}, {"yeah", "right"}, {"great", "job", "guys"}, {"well", "done", "guys"},
}

// sarcasmAt returns the index of the first token of a sarcasm marker, the
// marker's length in tokens, or -1.
func sarcasmAt(toks []token, text string) (int, int) {
	for i := range toks {
		t := &toks[i]
		if t.emoji && strings.HasPrefix(t.raw, "🙄") {
			return i, 1
		}
		for _, m := range sarcasmMarkers {
			if matchKeys(toks, i, m) {
				return i, len(m)
			}
		}
	}
	if strings.HasSuffix(strings.TrimSpace(text), "/s") && len(toks) > 0 {
		return len(toks) - 1, 1
	}
	return -1, 0
}

// matchKeys reports whether the keys at toks[i:] start with words.
func matchKeys(toks []token, i int, words []string) bool {
	if i+len(words) > len(toks) {
		return false
	}
	for k, w := range words {
		if toks[i+k].key != w {
			return false
		}
	}
	return true
}

// sarcasmCheck flips positive words near a sarcasm marker: in its sentence
// and the sentence before (the marker often trails: "Great service 🙄").
func (s *scorer) sarcasmCheck() {
	at, n := sarcasmAt(s.toks, s.text)
	if at < 0 {
		return
	}
	sent := s.toks[at].sent
	for i := range s.toks {
		if s.toks[i].sent != sent && s.toks[i].sent != sent-1 {
			continue
		}
		if s.vals[i] > 0 && (i < at || i >= at+n || !s.toks[i].emoji) {
			s.vals[i] *= nScalar
			s.mods[i].ctx = "sarcasm turns it around"
		}
	}
}
