package compose

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one word of a draft, for the tone rules.
type word struct {
	start, end int    // byte offsets in the draft, without a leading "#" or "@"
	key        string // lowercased, with "’" as "'": "don't"
	letters    int
	upper      int // upper-case letters
	digits     int
	sentence   int  // index of the sentence the word is in
	mention    bool // part of a handle such as "@ana@mas.to"
}

// splitWords cuts text into words, skipping links. A word is letters,
// digits and marks, with apostrophes inside it ("don't") and a "%" after
// digits ("20%"). Sentences end at ".", "!", "?", "…" and line breaks.
func splitWords(text string, links []span, dst []word) []word {
	sentence, pendingBreak := 0, false
	li := 0
	for i := 0; i < len(text); {
		if li < len(links) && i >= links[li].start {
			i = links[li].end
			li++
			continue
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if !isWordStart(r) {
			if isSentenceEnd(r) {
				pendingBreak = true
			}
			i += size
			continue
		}
		if pendingBreak && len(dst) > 0 {
			sentence++
		}
		pendingBreak = false
		w := scanWord(text, i)
		w.sentence = sentence
		w.mention = inHandle(text, i)
		dst = append(dst, w)
		i = w.end
	}
	return dst
}

func isWordStart(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIAlnum(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '\n', '！', '？', '。', '‼', '⁉':
		return true
	}
	return false
}

// scanWord reads the word starting at text[i].
func scanWord(text string, i int) word {
	w := word{start: i}
	j := i
	lastDigit := false
	for j < len(text) {
		r, size := rune(text[j]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[j:])
		}
		switch {
		case isLetter(r):
			w.letters++
			if isUpper(r) {
				w.upper++
			}
			lastDigit = false
		case isDigit(r):
			w.digits++
			lastDigit = true
		case r >= utf8.RuneSelf && unicode.IsMark(r):
		case (r == '\'' || r == '’') && j+size < len(text) && nextIsLetter(text[j+size:]):
		case r == '%' && lastDigit:
			j += size
			return w.finish(text, j)
		default:
			return w.finish(text, j)
		}
		j += size
	}
	return w.finish(text, j)
}

// finish sets the word's end and key.
func (w word) finish(text string, end int) word {
	w.end = end
	w.key = wordKey(text[w.start:end])
	return w
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
	}
	return unicode.IsLetter(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

func nextIsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// maxHandleLen bounds how far inHandle looks back: a Mastodon handle is a
// username and a domain name, well under this. The bound keeps a long run
// like "a.a.a.a…" linear.
const maxHandleLen = 320

// inHandle reports whether the word at text[i] is part of a handle
// ("@ana", "@ana@mas.to", "@shop.bsky.social").
func inHandle(text string, i int) bool {
	j, stop := i, max(0, i-maxHandleLen)
	for j > stop && isHandleByte(text[j-1]) {
		j--
	}
	return j < i && text[j] == '@'
}

func isHandleByte(c byte) bool {
	return isASCIIAlnum(c) || c == '_' || c == '.' || c == '-' || c == '@'
}

// wordKey lowercases w and writes "’" as "'", without allocating when w
// is already plain lower-case ASCII.
func wordKey(w string) string {
	plain := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return w
	}
	return strings.ToLower(strings.ReplaceAll(w, "’", "'"))
}
