package analyze

import (
	"math"
	"slices"
	"strings"
)

// The learned model's input: hashed features of the author's words and of
// what the rules found. Words are normalised so that the model learns
// language, not names: @handles, URLs, numbers, money and the configured
// brand and rival names become placeholders, apostrophes are dropped
// ("won't" = "wont"), elongation is already folded by the tokenizer.

// Feature families (a model file records which ones it was trained on).
const (
	famWords = 1 << iota // word unigrams and bigrams (with a sentence-start marker)
	famNeg               // words in the scope of a negation ("not_good")
	famCues              // what the rules found: intents, sentiment, question, sarcasm…
	famStem              // word stems ("cancelled", "cancelling" → "cancel")
	famChar              // character 4-grams of words, for typos and unseen forms
)

// feat is one feature of a post: its hashed key, value, and the tokens it
// came from (for explanations; -1 for features that are not words).
type feat struct {
	key       uint64
	val       float32
	tok, end  int32 // token range [tok, end)
	row, prow int32 // its row in the model and in the personal layer (set by logits)
	name      string
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashStr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// featurizer collects the features of one post.
type featurizer struct {
	d     *doc
	sc    *scorer
	fam   int
	named bool // record readable names (training, inspection)
	out   []feat
	seen  []uint64 // scratch for de-duplicating keys
}

// tokKey returns the normalised form of token i as the model sees it: a
// placeholder, or "" to hash the token's own key without apostrophes.
func (f *featurizer) tokKey(i int) string {
	t := &f.d.toks[i]
	switch {
	case f.d.brand[i] > 0 || f.inName(f.d.brand, i):
		return "<brand>"
	case f.d.rival[i] > 0 || f.inName(f.d.rival, i):
		return "<rival>"
	case t.skip && strings.HasPrefix(f.d.text[max(0, t.start-1):t.end], "@"):
		return "<@>"
	case t.skip:
		return "<url>"
	case f.d.isMoney(i):
		return "<money>"
	case hasDigit(t.key):
		return "<num>"
	}
	return ""
}

// inName reports whether token i continues a multi-word name starting earlier.
func (f *featurizer) inName(marks []int, i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if marks[j] > i-j {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// hashTok adds token i's normalised key to h.
func (f *featurizer) hashTok(h uint64, i int) uint64 {
	if k := f.tokKey(i); k != "" {
		return hashStr(h, k)
	}
	k := f.d.toks[i].key
	for j := 0; j < len(k); j++ {
		if k[j] == '\'' {
			continue
		}
		h ^= uint64(k[j])
		h *= fnvPrime
	}
	return h
}

// tokName is the readable normalised key of token i (training only).
func (f *featurizer) tokName(i int) string {
	if k := f.tokKey(i); k != "" {
		return k
	}
	return strings.ReplaceAll(f.d.toks[i].key, "'", "")
}

func (f *featurizer) add(key uint64, val float32, tok, end int, name func() string) {
	ft := feat{key: key, val: val, tok: int32(tok), end: int32(end)}
	if f.named {
		ft.name = name()
	}
	f.out = append(f.out, ft)
}

var (
	hUni = hashStr(fnvOffset, "w\x00")
	hBi  = hashStr(fnvOffset, "b\x00")
	hNeg = hashStr(fnvOffset, "n\x00")
	hCue = hashStr(fnvOffset, "c\x00")
)

// words adds unigrams, bigrams within a sentence (the first with a
// sentence-start marker) and negation-scope words.
func (f *featurizer) words() {
	toks := f.d.toks
	negUntil := -1
	for i := range toks {
		if toks[i].emoji && !toks[i].hasVal && toks[i].key == "" {
			continue
		}
		f.add(f.hashTok(hUni, i), 1, i, i+1, func() string { return f.tokName(i) })
		first := i == 0 || toks[i-1].sent != toks[i].sent
		if first {
			f.add(f.hashTok(hashStr(hBi, "<s>\x00"), i), 1, i, i+1, func() string { return "<s> " + f.tokName(i) })
		} else {
			h := f.hashTok(hBi, i-1)
			h = hashStr(h, "\x00")
			f.add(f.hashTok(h, i), 1, i-1, i+1, func() string { return f.tokName(i-1) + " " + f.tokName(i) })
		}
		if f.fam&famStem != 0 && f.tokKey(i) == "" {
			k := toks[i].key
			if st := stem(k); len(st) < len(k) {
				f.add(hashStr(hashStr(fnvOffset, "s\x00"), st), 1, i, i+1, func() string { return "stem:" + st })
			}
		}
		if f.fam&famChar != 0 && f.tokKey(i) == "" {
			f.charGrams(i)
		}
		if f.fam&famNeg == 0 {
			continue
		}
		if toks[i].brk {
			negUntil = -1
		}
		if negUntil >= i {
			f.add(f.hashTok(hNeg, i), 1, i, i+1, func() string { return "NOT_" + f.tokName(i) })
		}
		k := toks[i].key
		if negWords[strings.ReplaceAll(k, "'", "")] || strings.HasSuffix(k, "n't") || k == "without" {
			negUntil = i + 3
		}
	}
}

// cue adds a named feature that is not a word.
func (f *featurizer) cue(name string, val float32) {
	f.add(hashStr(hCue, name), val, -1, -1, func() string { return name })
}

// cues adds what the rules and the sentiment scorer found.
func (f *featurizer) cues(set *intentSet, sent sentiment, sarcasm bool) {
	for i, ok := range set.found {
		if ok {
			f.cue(ruleCueNames[i], 1)
		}
	}
	c := sent.compound
	switch {
	case c <= -0.5:
		f.cue("sentiment:--", 1)
	case c <= -NeutralBand:
		f.cue("sentiment:-", 1)
	case c < NeutralBand:
		f.cue("sentiment:0", 1)
	case c < 0.5:
		f.cue("sentiment:+", 1)
	default:
		f.cue("sentiment:++", 1)
	}
	f.cue("compound", float32(c))
	neg, pos, worst := 0, 0, 0.0
	for i, v := range f.sc.vals {
		switch {
		case v < 0:
			neg++
			worst = min(worst, v)
			if f.sc.mods[i].neg >= 0 {
				f.cue("negated positive", 1)
			}
		case v > 0:
			pos++
		}
	}
	f.cue(negCountNames[min(neg, 2)], 1)
	f.cue(posCountNames[min(pos, 2)], 1)
	if worst <= -2 {
		f.cue("a strongly negative word", 1)
	}
	if sarcasm {
		f.cue("a sarcasm marker", 1)
	}
	asks := slices.Contains(f.d.asks, true)
	if asks {
		f.cue("asks", 1)
	}
	if strings.Contains(f.d.text, "!") {
		f.cue("exclaims", 1)
	}
	if len(f.d.toks) > 0 && f.d.toks[0].skip {
		f.cue("opens with a handle", 1)
	}
	f.cue(lengthNames[min(len(f.d.toks)/8, 2)], 1)
}

// Names of the counted cues, fixed so that featurizing does not allocate.
var (
	ruleCueNames = func() (n [len(intentOrder)]string) {
		for i, in := range intentOrder {
			n[i] = "rule:" + in
		}
		return n
	}()
	negCountNames = [3]string{"negative words:0", "negative words:1", "negative words:2+"}
	posCountNames = [3]string{"positive words:0", "positive words:1", "positive words:2+"}
	lengthNames   = [3]string{"length:short", "length:medium", "length:long"}
)

// longPost is the length in tokens beyond which word features are damped.
const longPost = 40

// collect computes the features of a post into f.out, merged by key.
func (f *featurizer) collect(set *intentSet, sent sentiment, sarcasm bool) []feat {
	f.out = f.out[:0]
	if f.fam&famWords != 0 {
		f.words()
		// A long post (a forum thread, a blog comment) has many more words
		// than the short posts the model learned from; each counts less, so
		// that the sum of word evidence does not grow with length alone.
		if n := len(f.d.toks); n > longPost {
			w := float32(math.Sqrt(longPost / float64(n)))
			for i := range f.out {
				f.out[i].val *= w
			}
		}
	}
	if f.fam&famCues != 0 {
		f.cues(set, sent, sarcasm)
	}
	// binary presence: keep the first occurrence of each key (a small
	// open-addressing set, cheaper than sorting for a hundred features)
	size := 64
	for size < 2*len(f.out) {
		size *= 2
	}
	if cap(f.seen) < size {
		f.seen = make([]uint64, size)
	}
	seen := f.seen[:size]
	clear(seen)
	mask := uint64(size - 1)
	n := 0
	for i := range f.out {
		k := slotKey(f.out[i].key)
		dup := false
		for j := k & mask; ; j = (j + 1) & mask {
			if seen[j] == k {
				dup = true
				break
			}
			if seen[j] == 0 {
				seen[j] = k
				break
			}
		}
		if !dup {
			f.out[n] = f.out[i]
			n++
		}
	}
	f.out = f.out[:n]
	return f.out
}

// stem strips a regular English ending: "cancelled" → "cancel",
// "charging" → "charg", "refunds" → "refund". It need not give a word,
// only the same form for the forms of one.
func stem(k string) string {
	if len(k) < 5 {
		return k
	}
	for _, suf := range [...]string{"ations", "ation", "ingly", "ings", "ing", "edly", "ied", "ies", "ed", "es", "ly", "s"} {
		if strings.HasSuffix(k, suf) && len(k)-len(suf) >= 3 {
			st := k[:len(k)-len(suf)]
			if n := len(st); n >= 2 && st[n-1] == st[n-2] && st[n-1] != 's' && st[n-1] != 'l' {
				st = st[:n-1] // "cancelled" → "cancel", "stopped" → "stop"
			}
			return st
		}
	}
	return k
}

// charGrams adds the character 4-grams of token i's key, with word
// boundaries marked: "wont" → "^won", "wont", "ont$".
func (f *featurizer) charGrams(i int) {
	k := f.d.toks[i].key
	if len(k) < 3 || len(k) > 20 {
		return
	}
	var buf [24]byte
	n := copy(buf[1:], k)
	buf[0], buf[n+1] = '^', '$'
	w := buf[:n+2]
	for j := 0; j+4 <= len(w); j++ {
		g := w[j : j+4]
		h := hashStr(hashStr(fnvOffset, "g\x00"), string(g))
		f.add(h, 1, i, i+1, func() string { return "chars:" + string(g) })
	}
}
