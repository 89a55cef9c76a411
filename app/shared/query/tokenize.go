package query

import (
	"unicode"
	"unicode/utf8"
)

// Token is one word of a text as the query language sees it.
type Token struct {
	// Text is the folded word (see [Fold]) with apostrophes removed. A
	// hashtag or handle keeps its sigil: "#coffee", "@janedoe".
	Text string
	// Alt is a second folded form the word also answers to, or "": the
	// word without a possessive ending ("maria's" → "maria") or without a
	// French-style elision ("l'espresso" → "espresso"). It never has a
	// sigil.
	Alt string
	// Start and End are byte offsets of the word in the original string,
	// sigil included.
	Start, End int
	// Pos is the word's position: 0 for the first word, 1 for the next.
	Pos int
}

// Word returns the token's text without a leading # or @.
func (t Token) Word() string {
	if len(t.Text) > 1 && (t.Text[0] == '#' || t.Text[0] == '@') {
		return t.Text[1:]
	}
	return t.Text
}

// Tokenize splits s into words: runs of letters and digits (with their
// accents), hashtags (#coffee), handles (@janedoe) and single emoji or
// other symbols (☕). Apostrophes inside a word are dropped (don't → dont);
// all other punctuation separates words. See docs/queries.md for the rules.
func Tokenize(s string) []Token {
	var ft fieldToks
	ft.tokenize(s)
	if len(ft.toks) == 0 {
		return nil
	}
	text := string(ft.buf)
	out := make([]Token, len(ft.toks))
	for i, t := range ft.toks {
		out[i] = Token{Text: text[t.fs:t.fe], Start: t.os, End: t.oe, Pos: i}
		if t.as < t.ae {
			out[i].Alt = text[t.as:t.ae]
		}
	}
	return out
}

// tok is the internal, allocation-free form of a Token: its strings are
// ranges of a shared folded buffer.
type tok struct {
	fs, fe int   // folded text in buf, sigil included
	as, ae int   // alternative form in buf; as == ae when there is none
	os, oe int   // byte offsets in the original string
	sig    uint8 // 1 when the text starts with # or @
}

// fieldToks holds the tokens of one string; its buffers are reused.
type fieldToks struct {
	buf  []byte
	toks []tok
}

// runeClass says what a rune does to the word being built.
type runeClass uint8

const (
	clsSep    runeClass = iota // ends a word
	clsWord                    // letter or number: starts or continues a word
	clsMark                    // combining mark: continues a word, never starts one
	clsApos                    // apostrophe: joins two parts of a word
	clsSigil                   // # or @: may start a hashtag or handle
	clsSymbol                  // emoji and other symbols: a word of one rune
	clsIgnore                  // invisible format character: ignored inside words
)

var asciiClass [utf8.RuneSelf]runeClass

func init() {
	for c := range utf8.RuneSelf {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			asciiClass[c] = clsWord
		case c == '\'':
			asciiClass[c] = clsApos
		case c == '#', c == '@':
			asciiClass[c] = clsSigil
		}
	}
}

// classify returns the class of a non-ASCII rune.
func classify(r rune) runeClass {
	switch {
	case r == utf8.RuneError, r == '\u200B', r == '\uFEFF':
		// Broken UTF-8 (and U+FFFD) and zero-width spaces separate words.
		return clsSep
	case r == '\u2019', r == '\u02BC', r == '\uFF07':
		return clsApos
	case unicode.IsLetter(r), unicode.IsNumber(r):
		return clsWord
	case unicode.IsMark(r):
		return clsMark
	case unicode.Is(unicode.So, r):
		return clsSymbol
	case unicode.Is(unicode.Cf, r):
		return clsIgnore
	}
	return clsSep
}

// classAt returns the class of the rune at s[i:] and its size; at the end
// of s it returns clsSep.
func classAt(s string, i int) (rune, int, runeClass) {
	if i >= len(s) {
		return 0, 0, clsSep
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1, asciiClass[c]
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return r, size, classify(r)
}

// builder tracks the word being built by tokenize.
type builder struct {
	open       bool
	symbol     bool // the open word is a symbol: only marks may extend it
	t          tok
	firstJoint int // folded offset where the first apostrophe was, or -1
	lastJoint  int // folded offset where the last apostrophe was, or -1
}

// tokenize replaces ft's contents with the tokens of s.
func (ft *fieldToks) tokenize(s string) {
	ft.buf, ft.toks = ft.buf[:0], ft.toks[:0]
	var b builder
	for i := 0; i < len(s); {
		r, size, cls := classAt(s, i)
		switch cls {
		case clsWord:
			if b.symbol {
				ft.finish(&b)
			}
			if r < utf8.RuneSelf {
				i = ft.asciiRun(&b, s, i)
				continue
			}
			ft.extend(&b, i, r, size)
		case clsMark:
			if b.open {
				ft.extend(&b, i, r, size)
			}
		case clsIgnore:
			// Soft hyphens and joiners do not split a word.
		case clsApos:
			if _, _, next := classAt(s, i+size); b.open && !b.symbol && next == clsWord {
				b.lastJoint = len(ft.buf)
				if b.firstJoint < 0 {
					b.firstJoint = b.lastJoint
				}
			} else {
				ft.finish(&b)
			}
		case clsSigil:
			ft.sigil(&b, s, i, byte(r))
		case clsSymbol:
			// A symbol is a word of its own, plus any marks after it
			// (variation selectors, combining stems).
			ft.finish(&b)
			ft.extend(&b, i, r, size)
			b.symbol = true
		default:
			ft.finish(&b)
		}
		i += size
	}
	ft.finish(&b)
}

// asciiRun adds the run of ASCII letters and digits at s[i:] to the open
// word, opening one if needed, and returns where the run ends. It is the
// fast path for English text.
func (ft *fieldToks) asciiRun(b *builder, s string, i int) int {
	if !b.open {
		ft.open(b, i)
	}
	buf := ft.buf
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || asciiClass[c] != clsWord {
			break
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	ft.buf = buf
	b.t.oe = i
	return i
}

// extend adds the rune at s[i:i+size] to the open word, opening one if
// needed.
func (ft *fieldToks) extend(b *builder, i int, r rune, size int) {
	if !b.open {
		ft.open(b, i)
	}
	ft.buf = appendFoldedRune(ft.buf, r)
	b.t.oe = i + size
}

// sigil handles a # or @ at s[i]: it starts a hashtag or handle when it
// begins a word and a letter or digit follows; otherwise it separates.
func (ft *fieldToks) sigil(b *builder, s string, i int, c byte) {
	if _, _, next := classAt(s, i+1); b.open || next != clsWord {
		ft.finish(b)
		return
	}
	ft.open(b, i)
	ft.buf = append(ft.buf, c)
	b.t.sig = 1
	b.t.oe = i + 1
}

// open starts a word at original offset i.
func (ft *fieldToks) open(b *builder, i int) {
	*b = builder{open: true, firstJoint: -1, lastJoint: -1}
	b.t.os, b.t.fs = i, len(ft.buf)
}

// finish closes the open word, if any, and records it unless folding left
// nothing of it (a lone accent, say).
func (ft *fieldToks) finish(b *builder) {
	if !b.open {
		return
	}
	b.open = false
	t := b.t
	t.fe = len(ft.buf)
	bare := t.fs + int(t.sig)
	if t.fe == bare {
		ft.buf = ft.buf[:t.fs]
		return
	}
	t.as, t.ae = alternative(ft.buf, bare, t.fe, b.firstJoint, b.lastJoint)
	ft.toks = append(ft.toks, t)
}

// alternative returns the range of the word's second form in buf, given
// the word's bare range [start, end) and where apostrophes were removed.
func alternative(buf []byte, start, end, first, last int) (int, int) {
	if last < 0 {
		return 0, 0
	}
	if string(buf[last:end]) == "s" {
		return start, last // possessive: maria's → maria
	}
	switch string(buf[start:first]) {
	case "c", "d", "j", "l", "m", "n", "s", "t", "qu":
		return first, end // elision: l'espresso → espresso
	}
	return 0, 0
}
