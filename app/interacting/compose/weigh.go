package compose

import "unicode/utf8"

// twitter-text v3 (config/v3.json): every code point weighs 2 except these
// ranges, which weigh 1 (Latin and most alphabetic scripts below U+1100,
// spaces, dashes, quotes and primes); a whole emoji weighs 2; a URL weighs
// 23 whatever its length. The published weights are 100 and 200 with a
// scale of 100, so we keep them as 1 and 2.
var xLightRanges = [...][2]rune{{0, 4351}, {8192, 8205}, {8208, 8223}, {8242, 8247}}

const (
	xURLWeight   = 23
	xEmojiWeight = 2
	urlWeight    = 23 // Mastodon's URL placeholder, the same 23 as X's t.co
)

// xLength is text's weighted length on X. text is already NFC.
func xLength(text string) int {
	var spans [8]span
	n, pos := 0, 0
	for _, u := range findURLs(text, true, spans[:0]) {
		n += xTextLength(text[pos:u.start]) + xURLWeight
		pos = u.end
	}
	return n + xTextLength(text[pos:])
}

// xRuneWeight is one code point's weight.
func xRuneWeight(r rune) int {
	for _, rg := range xLightRanges {
		if r >= rg[0] && r <= rg[1] {
			return 1
		}
	}
	return 2
}

// isEmojiCluster reports whether a grapheme cluster of more than one code
// point is one emoji the way twemoji's pattern (which twitter-text uses)
// sees it: a pictographic base or keycap base followed only by emoji
// components (VS16, ZWJ, skin tones, tags, keycap, more pictographs).
// Single code points need no special case: their range weight is already
// what twitter-text gives them.
func isEmojiCluster(c string) bool {
	first, size := utf8.DecodeRuneInString(c)
	if size == len(c) {
		return false
	}
	keycap := first == '#' || first == '*' || (first >= '0' && first <= '9')
	if !keycap && !isPictographic(first) {
		return false
	}
	sawKeycap := false
	for _, r := range c[size:] {
		switch {
		case r == 0x20E3:
			sawKeycap = true
		case r == 0xFE0F || r == 0x200D || isSkinTone(r) || isTag(r) || isPictographic(r):
		default:
			return false
		}
	}
	return !keycap || sawKeycap
}

// isPictographic approximates Extended_Pictographic plus regional
// indicators: the blocks emoji bases live in.
func isPictographic(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF: // emoji, flags' regional indicators
		return true
	case r >= 0x2190 && r <= 0x21FF, r >= 0x2300 && r <= 0x23FF,
		r >= 0x25A0 && r <= 0x27BF, r >= 0x2900 && r <= 0x297F,
		r >= 0x2B00 && r <= 0x2BFF:
		return true
	}
	switch r {
	case 0xA9, 0xAE, 0x203C, 0x2049, 0x2122, 0x2139, 0x24C2, 0x3030, 0x303D, 0x3297, 0x3299:
		return true
	}
	return false
}

func isSkinTone(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF }

// isTag reports the tag characters of flag tag sequences (England, Scotland).
func isTag(r rune) bool { return r >= 0xE0020 && r <= 0xE007F }

// mastodonLength counts as Mastodon's StatusLengthValidator does: grapheme
// clusters, with every URL that has a scheme as 23 and every
// "@user@domain" mention as "@user". text is already NFC.
func mastodonLength(text string) int {
	var buf [8]span
	urls := findURLs(text, false, buf[:0])
	n, pos := 0, 0
	for pos < len(text) {
		for len(urls) > 0 && urls[0].start < pos {
			urls = urls[1:] // passed: keeps the search for the next one constant-time
		}
		next, u := nextEntity(text, pos, urls)
		n += graphemeCount(text[pos:next.start])
		if next.start == len(text) {
			break
		}
		if u {
			n += urlWeight
		} else {
			n += next.counted
		}
		pos = next.end
	}
	return n
}

// entity is a span that counts as a fixed number of characters.
type entity struct {
	span
	counted int
}

// nextEntity finds the first URL or mention at or after pos; it returns an
// empty entity at len(text) when there is none. URLs win over mentions
// that start inside them.
func nextEntity(text string, pos int, urls []span) (entity, bool) {
	var u *span
	for i := range urls {
		if urls[i].start >= pos {
			u = &urls[i]
			break
		}
	}
	limit := len(text)
	if u != nil {
		limit = u.start
	}
	if m, ok := findMastodonMention(text, pos, limit); ok {
		return m, false
	}
	if u != nil {
		return entity{span: *u}, true
	}
	return entity{span: span{len(text), len(text)}}, false
}
