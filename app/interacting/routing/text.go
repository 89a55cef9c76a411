package routing

import (
	"strings"
	"unicode"

	"github.com/rivo/uniseg"
)

// quote is a text with its first grapheme clusters found, so it can be cut
// where a reader sees a character end: never inside an emoji or an
// accented letter.
type quote struct {
	s    string
	ends []int // ends[i] is the byte offset after grapheme i
	all  bool  // ends covers the whole of s
}

// newQuote finds up to MaxQuote+1 graphemes of s: enough to know whether
// s is longer than any cut, without walking a huge text to its end.
func newQuote(s string) quote {
	q := quote{s: s}
	rest, state, off := s, -1, 0
	for rest != "" && len(q.ends) <= MaxQuote {
		var c string
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		off += len(c)
		q.ends = append(q.ends, off)
	}
	q.all = rest == ""
	return q
}

// len is how many graphemes the quote has, or MaxQuote+1 if more.
func (q quote) len() int { return len(q.ends) }

// cut returns the first n graphemes of the quote, ending in "…" when text
// was left out. It cuts at a space among the last 20 graphemes kept, when
// there is one, rather than inside a word.
func (q quote) cut(n int) string {
	if n <= 0 {
		return ""
	}
	if n >= len(q.ends) && q.all {
		return q.s
	}
	n = min(n, len(q.ends))
	end := q.ends[n-1]
	if !startsWithSpace(q.s[end:]) {
		for j := n - 1; j > 0 && j >= n-20; j-- {
			if startsWithSpace(q.s[q.ends[j-1]:]) {
				end = q.ends[j-1]
				break
			}
		}
	}
	return strings.TrimRightFunc(q.s[:end], unicode.IsSpace) + "…"
}

// short cuts s to at most n graphemes and size bytes, "…" included.
func short(s string, n, size int) string {
	if len(s) <= size && len(s) <= n {
		return s // fewer bytes than graphemes allowed: nothing to cut
	}
	q := newQuote(s)
	for ; n > 0; n-- {
		if c := q.cut(n); len(c) <= size {
			return c
		}
	}
	return ""
}

func startsWithSpace(s string) bool {
	for _, r := range s {
		return unicode.IsSpace(r)
	}
	return false
}

// clean readies text for an email: line breaks of every kind become "\n",
// control characters go, no more than one empty line in a row is kept,
// and the ends are trimmed.
func clean(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n\n", "\u0085", "\n").Replace(s)
	s = strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	var b strings.Builder
	blank := 0
	for l := range strings.SplitSeq(strings.TrimSpace(s), "\n") {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if l == "" {
			if blank++; blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// oneLine readies text for a header or a labelled line: runs of spaces
// and line breaks become one space and control characters go.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
