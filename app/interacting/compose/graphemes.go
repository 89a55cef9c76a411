package compose

import (
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Grapheme segmentation is the expensive part of counting, and replies are
// mostly ASCII, so these walk ASCII bytes directly and hand only the rest
// to uniseg. Restarting uniseg after each cluster is exact: its boundary
// is final, and no break rule looks back across one.

// asciiPrefix is how many leading bytes of s are clusters of their own: the
// ASCII run, less its last byte when a non-ASCII one follows (a combining
// mark, VS16 or keycap may join it) and less a CR whose LF it would split.
func asciiPrefix(s string) int {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return i
	}
	k := i - 1
	if k > 0 && s[k-1] == '\r' && s[k] == '\n' {
		k--
	}
	return max(k, 0)
}

// graphemeCount counts the grapheme clusters of s.
func graphemeCount(s string) int {
	n := 0
	for s != "" {
		k := asciiPrefix(s)
		n += k - crlfPairs(s[:k])
		if s = s[k:]; s == "" {
			break
		}
		_, s, _, _ = uniseg.FirstGraphemeClusterInString(s, -1)
		n++
	}
	return n
}

// crlfPairs counts "\r\n" in ASCII text: each pair is one cluster.
func crlfPairs(s string) int {
	n := 0
	for i := 1; i < len(s); i++ {
		if s[i] == '\n' && s[i-1] == '\r' {
			n++
		}
	}
	return n
}

// xTextLength weighs text without URLs: emoji clusters as 2, everything
// else code point by code point, as twitter-text does (so a letter with a
// combining mark NFC cannot compose weighs 2). ASCII weighs 1 a byte.
func xTextLength(s string) int {
	n := 0
	for s != "" {
		k := asciiPrefix(s)
		n += k
		if s = s[k:]; s == "" {
			break
		}
		var cluster string
		cluster, s, _, _ = uniseg.FirstGraphemeClusterInString(s, -1)
		if isEmojiCluster(cluster) {
			n += xEmojiWeight
			continue
		}
		for _, r := range cluster {
			n += xRuneWeight(r)
		}
	}
	return n
}
