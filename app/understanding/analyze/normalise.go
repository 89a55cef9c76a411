package analyze

import "strings"

// Normalisation: how a token's look-up key is derived from its text.

// emoticon adds an emoticon that was glued to a word ("great:)").
func (tz *tokenizer) emoticon(s, e int) {
	raw := tz.text[s:e]
	tz.add(token{raw: raw, key: tz.emoticonKey(raw), start: s, end: e, upper: isPyUpper(raw)})
}

// normalise lower-cases raw and, with the matching options, straightens
// curly apostrophes, collapses elongation and repeated emoticon mouths.
func (tz *tokenizer) normalise(raw string, t *token) string {
	key := strings.ToLower(raw)
	if tz.opt.apostrophes && strings.ContainsAny(key, "’‘ʼ") {
		key = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'").Replace(key)
	}
	if tz.known(key) {
		return key
	}
	if tz.opt.emoticons {
		if k := tz.emoticonKey(key); k != key {
			return k
		}
	}
	if tz.opt.elongation {
		if k, ok := tz.unelongate(key); ok {
			t.elong = true
			return k
		}
	}
	if tz.opt.stems {
		if k, ok := tz.stem(key); ok {
			return k
		}
	}
	return key
}

// stem finds a known word by removing a regular English suffix from an
// unknown one: "ruining" → "ruin", "hated" → "hate", "loves" → "love".
func (tz *tokenizer) stem(key string) (string, bool) {
	if len(key) < 5 {
		return "", false
	}
	for _, sf := range [...]struct{ cut, add string }{
		{"ing", ""}, {"ing", "e"}, {"ed", ""}, {"ed", "e"}, {"d", ""}, {"es", ""}, {"s", ""}, {"ly", ""},
	} {
		if !strings.HasSuffix(key, sf.cut) {
			continue
		}
		k := key[:len(key)-len(sf.cut)] + sf.add
		if len(k) >= 3 && tz.knownWord(k) {
			return k, true
		}
	}
	return "", false
}

// knownWord reports a sentiment word (not a booster or negation).
func (tz *tokenizer) knownWord(k string) bool {
	if _, ok := tz.lx.words[k]; ok {
		return true
	}
	_, ok := tz.lx.extra[k]
	return ok && tz.opt.slang
}

// known reports whether key is in any of the word tables.
func (tz *tokenizer) known(key string) bool {
	if _, ok := tz.lx.words[key]; ok {
		return true
	}
	if _, ok := tz.lx.boosters[key]; ok {
		return true
	}
	if tz.opt.slang {
		if _, ok := tz.lx.extra[key]; ok {
			return true
		}
	}
	return tz.lx.negate[key]
}

// unelongate collapses runs of three or more letters ("sooo", "goooood",
// "yesss"), trying runs of two first, then one; and folds long laughter
// ("hahahaha") to the lexicon's "hahaha".
func (tz *tokenizer) unelongate(key string) (string, bool) {
	if isLaughter(key) {
		return "hahaha", true
	}
	if !hasRun(key, 3) {
		return "", false
	}
	for _, keep := range []int{2, 1} {
		k := collapseRuns(key, keep)
		if tz.known(k) {
			return k, true
		}
	}
	return "", false
}

func isLaughter(k string) bool {
	if len(k) < 5 || len(k) > 40 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] != 'h' && k[i] != 'a' {
			return false
		}
		if i > 0 && k[i] == k[i-1] && k[i] == 'h' {
			return false
		}
	}
	return strings.Count(k, "ha")+strings.Count(k, "ah") >= 3
}

func hasRun(s string, n int) bool {
	run := 1
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] && s[i] >= 'a' && s[i] <= 'z' {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 1
		}
	}
	return false
}

// collapseRuns shortens every run of 3+ identical letters to keep letters.
func collapseRuns(s string, keep int) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		j := i + 1
		for j < len(s) && s[j] == s[i] {
			j++
		}
		n := j - i
		if n >= 3 && s[i] >= 'a' && s[i] <= 'z' {
			n = keep
		}
		for range n {
			b.WriteByte(s[i])
		}
		i = j
	}
	return b.String()
}

// splitEmoticon returns the byte length of an emoticon glued to the end of
// a word ("great:)" → 2), or 0.
func (tz *tokenizer) splitEmoticon(sub string) int {
	if _, ok := tz.lx.words[lowerASCII(sub)]; ok {
		return 0
	}
	for _, k := range []int{3, 2} {
		if len(sub) <= k+1 {
			continue
		}
		head, tail := sub[:len(sub)-k], sub[len(sub)-k:]
		last := head[len(head)-1]
		if !isASCIILetter(last) || !strings.ContainsRune(":;=<", rune(tail[0])) {
			continue
		}
		if _, ok := tz.lx.words[tz.emoticonKey(lowerASCII(tail))]; ok {
			return k
		}
	}
	return 0
}

// emoticonKey folds a repeated last character (":)))" → ":)", "<333" → "<3").
func (tz *tokenizer) emoticonKey(s string) string {
	k := lowerASCII(s)
	if _, ok := tz.lx.words[k]; ok || len(k) < 3 || isASCIILetter(k[0]) {
		return k
	}
	t := strings.TrimRight(k, k[len(k)-1:])
	if t == "" {
		return k
	}
	t += k[len(k)-1:]
	if _, ok := tz.lx.words[t]; ok {
		return t
	}
	return k
}
