package analyze

import "strings"

// sarcasmMarkers are phrases that, in a post, turn its praise words upside
// down ("Oh great, another late delivery"). Kept short on purpose: each is
// rarely meant literally.
var sarcasmMarkers = [][]string{
	{"oh", "great"},
	{"oh", "good"},
	{"oh", "joy"},
	{"oh", "wonderful"},
	{"oh", "lovely"},
	{"just", "great"},
	{"just", "perfect"},
	{"just", "what", "i", "needed"},
	{"thanks", "for", "nothing"},
	{"love", "that", "for", "me"},
	{"said", "no", "one", "ever"},
	{"slow", "clap"},
	{"yeah", "right"},
	{"great", "job", "guys"},
	{"well", "done", "guys"},
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

// echoWords are the praise words people say flatly when they mean the
// opposite; alone in a sentence after a complaint they are sarcasm.
var echoWords = map[string]bool{
	"great": true, "fantastic": true, "perfect": true, "wonderful": true, "lovely": true,
	"awesome": true, "brilliant": true, "amazing": true, "cool": true, "nice": true,
	"festive": true, "fun": true, "super": true, "excellent": true, "terrific": true,
	"very": true, "just": true, "so": true, "really": true, "love": true, "it": true,
	// what the flat praise is said of: "great service", "great job", "nice one"
	"service": true, "job": true, "work": true, "one": true, "done": true, "guys": true, "team": true,
}

// sarcasmEcho flips a short burst of praise that answers a complaint: a
// sentence of up to three words, all of them flat praise, right after a
// negative sentence ("Still no refund. Great. Fantastic."), and praise in
// the sentence of an upside-down face (🙃), which in complaints means
// "what else can I do".
func (s *scorer) sarcasmEcho() {
	for i := 0; i < len(s.toks); {
		j := s.sentenceEnd(i)
		s.echoSentence(i, j)
		s.thanksForFailure(i, j)
		i = j
	}
}

// thanksForFailure flips the praise in a sentence that thanks for a
// failure: "thanks for the car that broke down on the motorway, great job".
// Thanks for putting a failure right ("thanks for fixing the broken
// screen") is sincere and stays.
func (s *scorer) thanksForFailure(i, j int) {
	at := -1
	for k := i; k+1 < j; k++ {
		key := s.key(k)
		if (key == "thanks" || key == "thank" || key == "cheers") && (s.key(k+1) == "for" || k+2 < j && s.key(k+2) == "for") {
			at = k
			break
		}
	}
	if at < 0 {
		return
	}
	bad := false
	for k := at + 1; k < j; k++ {
		if fixVerbs[s.key(k)] {
			return
		}
		if s.vals[k] < 0 && s.mods[k].neg < 0 && !s.toks[k].emoji {
			bad = true
		}
	}
	if !bad {
		return
	}
	for k := i; k < j; k++ {
		if s.vals[k] > 0 && !s.toks[k].emoji {
			s.vals[k] *= nScalar
			s.mods[k].ctx = "sarcasm: thanks for a failure"
		}
	}
}

// fixVerbs put a failure right; thanks for them are sincere.
var fixVerbs = setOf(`fixing fixed sorting sorted replacing replaced refunding refunded resolving resolved
	handling handled helping helped repairing repaired dealing swapping swapped apologising apologizing
	explaining compensating`)

// echoSentence applies sarcasmEcho to the sentence toks[i:j].
func (s *scorer) echoSentence(i, j int) {
	upside := false
	for k := i; k < j; k++ {
		if s.toks[k].emoji && strings.HasPrefix(s.toks[k].raw, "🙃") {
			upside = true
		}
	}
	short := j-i <= 3 && i > 0
	if short && sarcasticThanks(s.toks[i:j]) {
		short = s.sentenceSum(s.toks[i].sent-1) < 0
	} else if short {
		for k := i; k < j; k++ {
			if !echoWords[s.toks[k].key] {
				short = false
			}
		}
		short = short && s.sentenceSum(s.toks[i].sent-1) < 0
	}
	if !upside && !short {
		return
	}
	for k := i; k < j; k++ {
		if s.vals[k] > 0 && !s.toks[k].emoji {
			s.vals[k] *= nScalar
			s.mods[k].ctx = "sarcasm turns it around"
		}
	}
}

// sarcasticThanks reports a sentence that is only "thanks a lot", "thanks a
// bunch", "cheers for that" or "thanks for that": after a complaint these
// are sarcastic ("the car broke down on the motorway. thanks a lot").
func sarcasticThanks(toks []token) bool {
	for _, m := range sarcasticThanksPhrases {
		if len(m) == len(toks) && matchKeys(toks, 0, m) {
			return true
		}
	}
	return false
}

var sarcasticThanksPhrases = [][]string{
	{"thanks", "a", "lot"}, {"thanks", "a", "bunch"}, {"cheers", "for", "that"}, {"thanks", "for", "that"},
}

// sentenceSum adds the valences of sentence number sent (skipping sentences
// of praise already flipped, so a run "Great. Fantastic." keeps going).
func (s *scorer) sentenceSum(sent int) float64 {
	sum := 0.0
	for k := range s.toks {
		if s.toks[k].sent == sent {
			sum += s.vals[k]
		}
	}
	return sum
}

// questionPass damps praise inside a question: "is it any good?" asks about
// good, it does not say it. Sentences end at the next sentence's first
// token; a '?' between the last word and there makes it a question.
func (s *scorer) questionPass() {
	n := len(s.toks)
	for i := 0; i < n; {
		j := s.sentenceEnd(i)
		end := len(s.text)
		if j < n {
			end = s.toks[j].start
		}
		if strings.Contains(s.text[s.toks[j-1].end:end], "?") {
			for k := i; k < j; k++ {
				if s.vals[k] > 0 && !s.toks[k].emoji {
					s.vals[k] *= questionScalar
					if s.mods[k].ctx == "" {
						s.mods[k].ctx = "asked about, not said"
					}
				}
			}
		}
		i = j
	}
}

// questionScalar is how much of a praise word's valence a question keeps.
const questionScalar = 0.3
