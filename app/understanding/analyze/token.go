package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word, emoticon or emoji of a post.
type token struct {
	raw        string  // as in the post, after VADER's punctuation stripping
	key        string  // lower case, normalised: the form looked up in tables
	start, end int     // byte offsets of raw in the post
	emojiVal   float64 // direct valence of an emoji (when hasVal)
	hasVal     bool
	emoji      bool
	skip       bool // @handle or URL: never a sentiment word
	upper      bool // Python's str.isupper of raw
	brk        bool // a clause boundary (, ; : . ! ? line break) comes before it
	sent       int  // sentence number
	elong      bool // key was found by collapsing an elongated word ("soooo")
}

// pyPunct is Python's string.punctuation, which VADER strips from words.
const pyPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// isPyPunct is pyPunct as a lookup table.
var isPyPunct = func() (t [256]bool) {
	for i := 0; i < len(pyPunct); i++ {
		t[pyPunct[i]] = true
	}
	return t
}()

// hasBreak reports clause punctuation in p, and whether it ends a sentence.
func hasBreak(p string) (clause, sentence bool) {
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '.', '!', '?':
			return true, true
		case ',', ';', ':':
			clause = true
		}
	}
	return clause, false
}

// tokenizer splits a post the way VADER does, plus the fixes enabled in opt.
type tokenizer struct {
	opt     *options
	lx      *lexicons
	text    string
	toks    []token
	sent    int
	brk     bool
	sentBrk bool
}

// tokenize appends the tokens of text to toks[:0].
func tokenize(text string, opt *options, lx *lexicons, toks []token) []token {
	tz := tokenizer{opt: opt, lx: lx, text: text, toks: toks[:0]}
	i := 0
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		if tz.isSpace(r) {
			if r == '\n' || r == '\r' {
				tz.markBreak(true)
			}
			if !tz.opt.splitAllSpace && i+1 < len(text) && text[i+1] == ' ' {
				tz.add(token{start: i + 1, end: i + 1}) // govader's strings.Split keeps empty words
			}
			i += w
			continue
		}
		j := i + w
		for j < len(text) {
			r2, w2 := utf8.DecodeRuneInString(text[j:])
			if tz.isSpace(r2) {
				break
			}
			j += w2
		}
		tz.chunk(i, j)
		i = j
	}
	return tz.toks
}

func (tz *tokenizer) isSpace(r rune) bool {
	if tz.opt.splitAllSpace {
		return unicode.IsSpace(r)
	}
	return r == ' '
}

// markBreak records a clause (and maybe sentence) boundary before the next token.
func (tz *tokenizer) markBreak(sentence bool) {
	tz.brk = true
	if sentence {
		tz.sentBrk = true
	}
}

// chunk handles one whitespace-delimited run, splitting emoji out of it.
func (tz *tokenizer) chunk(s, e int) {
	from := s
	for i := s; i < e; {
		r, w := utf8.DecodeRuneInString(tz.text[i:])
		if r < 0x80 || !tz.isEmoji(r) {
			i += w
			continue
		}
		if from < i {
			tz.word(from, i)
		}
		end := i + w
		if tz.opt.emoji {
			for end < e {
				r2, w2 := utf8.DecodeRuneInString(tz.text[end:])
				if !isEmojiModifier(r2) {
					break
				}
				end += w2
				if r2 == 0x200D && end < e { // joined emoji: swallow the next one
					_, w3 := utf8.DecodeRuneInString(tz.text[end:])
					end += w3
				}
			}
		}
		tz.emojiTok(r, i, end)
		from, i = end, end
	}
	if from < e {
		tz.word(from, e)
	}
}

func (tz *tokenizer) isEmoji(r rune) bool {
	if tz.opt.emoji {
		if _, ok := emojiValence[r]; ok {
			return true
		}
		if isPictographic(r) {
			return true
		}
	}
	_, ok := tz.lx.emojiTxt[string(r)]
	return ok
}

// emojiTok adds an emoji: with opt.emoji a single token carrying its own
// valence, else (as VADER) one token per word of its description.
func (tz *tokenizer) emojiTok(r rune, s, e int) {
	if tz.opt.emoji {
		if v, ok := emojiValence[r]; ok {
			tz.add(token{raw: tz.text[s:e], key: tz.text[s:e], start: s, end: e, emoji: true, emojiVal: v, hasVal: true})
			return
		}
	}
	desc, ok := tz.lx.emojiTxt[string(r)]
	if !ok {
		tz.add(token{raw: tz.text[s:e], key: tz.text[s:e], start: s, end: e, emoji: true})
		return
	}
	for _, w := range strings.Fields(desc) {
		tz.add(token{raw: w, key: strings.ToLower(w), start: s, end: e, emoji: true, upper: isPyUpper(w)})
	}
}

func (tz *tokenizer) add(t token) {
	if tz.sentBrk {
		tz.sent++
		tz.sentBrk = false
	}
	t.brk, t.sent = tz.brk, tz.sent
	tz.brk = false
	tz.toks = append(tz.toks, t)
}

// word adds the word or emoticon in text[s:e].
func (tz *tokenizer) word(s, e int) {
	sub := tz.text[s:e]
	if tz.opt.emoticons {
		if k := tz.splitEmoticon(sub); k > 0 {
			tz.word(s, e-k)
			tz.emoticon(e-k, e)
			return
		}
	}
	ts, te := tz.strip(sub)
	tz.leadingBreak(sub[:ts])
	if ts == te {
		return // pure punctuation, dropped by opt.stripShort
	}
	raw := sub[ts:te]
	t := token{raw: raw, start: s + ts, end: s + te, upper: isPyUpper(raw)}
	t.key = tz.normalise(raw, &t)
	if tz.opt.skipHandles && (strings.HasPrefix(sub, "@") || strings.Contains(sub, "://") || strings.HasPrefix(t.key, "www.")) {
		t.skip = true
	}
	tz.add(t)
	tz.trailingBreak(sub[te:])
}

// strip returns the span of sub that VADER keeps as the word.
func (tz *tokenizer) strip(sub string) (int, int) {
	ts, te := 0, len(sub)
	for ts < te && isPyPunct[sub[ts]] {
		ts++
	}
	for te > ts && isPyPunct[sub[te-1]] {
		te--
	}
	trimmed := sub[ts:te]
	if !tz.opt.stripShort {
		if utf8.RuneCountInString(trimmed) <= 2 {
			return 0, len(sub)
		}
		return ts, te
	}
	if _, ok := tz.lx.words[lowerASCII(sub)]; ok || ts == te && len(sub) > 0 && !tz.opt.clauseScope {
		return 0, len(sub) // an emoticon such as ":-)" or "</3" stays whole
	}
	return ts, te
}

func (tz *tokenizer) leadingBreak(p string) {
	if c, s := hasBreak(p); c || s {
		tz.markBreak(s)
	}
}

func (tz *tokenizer) trailingBreak(p string) {
	if c, s := hasBreak(p); c || s {
		tz.markBreak(s)
	}
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// lowerASCII lower-cases ASCII letters without allocating when none are upper.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func isPyUpperUnicode(s string) bool {
	upper := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			upper = true
		}
	}
	return upper
}
