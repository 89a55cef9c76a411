package compose

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a byte range [start, end) in a text.
type span struct{ start, end int }

// findURLs appends to dst the links in s, found the way twitter-text's
// extractor finds them (simplified, no regular expressions):
//
//   - a link starts where the previous character is not an ASCII letter or
//     digit, "@", "$" or "#" (so e-mail addresses and cashtags are not links);
//   - "http://" or "https://" then a host of labels, or with bare set, a
//     host alone ("example.com") when nothing in "-_./" precedes it;
//   - labels are 1–63 characters, with no "-" at either end; bare hosts are
//     ASCII and end in a known TLD (tlds.go); a bare two-label host with a
//     country-code TLD ("hello.it") counts only with a path, except .co
//     and .tv, as in twitter-text;
//   - then an optional port and path; trailing punctuation and unbalanced
//     ")" belong to the sentence, not the link.
func findURLs(s string, bare bool, dst []span) []span {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf || !isASCIIAlnum(c) {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		if canPrecedeURL(s, i, bare) && mayStartURL(s[i:], bare) {
			if end, ok := urlAt(s, i, bare); ok {
				dst = append(dst, span{i, end})
				i = end
				continue
			}
		}
		// No link starts inside a run of letters and digits.
		for i++; i < len(s) && isASCIIAlnum(s[i]); i++ {
		}
	}
	return dst
}

// mayStartURL is a cheap test that rules out most words: a link starts
// with "http" or, bare, with a label followed by a dot.
func mayStartURL(s string, bare bool) bool {
	if len(s) >= 4 && (s[0]|0x20) == 'h' && (s[1]|0x20) == 't' && (s[2]|0x20) == 't' && (s[3]|0x20) == 'p' {
		return true
	}
	if !bare {
		return false
	}
	n := labelLen(s, false)
	return n < len(s) && s[n] == '.'
}

// canPrecedeURL reports whether a link may start at s[i].
func canPrecedeURL(s string, i int, bare bool) bool {
	if i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	switch prev {
	case '@', '＠', '$', '#', '＃', 0xFFFE, 0xFEFF, 0xFFFF:
		return false
	case '-', '_', '.', '/':
		return !bare || hasScheme(s[i:])
	}
	return prev >= utf8.RuneSelf || !isASCIIAlnum(byte(prev))
}

// urlAt returns the end of the link starting at s[i].
func urlAt(s string, i int, bare bool) (int, bool) {
	rest := s[i:]
	scheme := schemeLen(rest)
	if scheme == 0 && !bare {
		return 0, false
	}
	pos := i + scheme
	if scheme > 0 {
		pos += userInfoLen(s[pos:])
	}
	hostEnd, ok := hostAt(s, pos, scheme > 0)
	if !ok {
		return 0, false
	}
	end := hostEnd + portLen(s[hostEnd:])
	pathEnd := end + pathLen(s[end:])
	if scheme == 0 && pathEnd == end && isShortCCHost(s[pos:hostEnd]) {
		return 0, false
	}
	if scheme == 0 && end < len(s) && (s[end] == '@' || s[end] == '+') {
		return 0, false
	}
	return pathEnd, true
}

// schemeLen is the length of a leading "http://" or "https://", any case.
func schemeLen(s string) int {
	for _, p := range [...]string{"https://", "http://"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return len(p)
		}
	}
	return 0
}

func hasScheme(s string) bool { return schemeLen(s) > 0 }

// userInfoLen is the length of "user:password@" after a scheme, if any.
func userInfoLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '@':
			return i + 1
		case isASCIIAlnum(c) || strings.IndexByte("-._~!$&'()*+,;=:%", c) >= 0:
		default:
			return 0
		}
	}
	return 0
}

// hostAt parses labels from s[pos] and returns where the host ends.
func hostAt(s string, pos int, scheme bool) (int, bool) {
	if scheme {
		if end, ok := ipv4At(s, pos); ok {
			return end, true
		}
	}
	var labels [8]string
	ls := labels[:0]
	i := pos
	for {
		n := labelLen(s[i:], scheme)
		if n == 0 {
			break
		}
		ls = append(ls, s[i:i+n])
		i += n
		if i+1 < len(s) && s[i] == '.' && labelLen(s[i+1:], scheme) > 0 {
			i++
			continue
		}
		break
	}
	return i, validHost(ls, scheme)
}

// labelLen is the length of the domain label at the start of s: letters,
// digits, "-" and "_" (and, after a scheme, any Unicode letter or digit).
func labelLen(s string, unicodeOK bool) int {
	n := 0
	for n < len(s) {
		c := s[n]
		if c < utf8.RuneSelf {
			if !isASCIIAlnum(c) && c != '-' && c != '_' {
				break
			}
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[n:])
		if !unicodeOK || !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
			break
		}
		n += size
	}
	return n
}

// validHost checks the labels: at least two, each 1–63 characters, no "-"
// at either end, "_" only in subdomains, and a TLD we recognise.
func validHost(labels []string, scheme bool) bool {
	if len(labels) < 2 {
		return false
	}
	for i, l := range labels {
		if utf8.RuneCountInString(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		if i >= len(labels)-2 && strings.IndexByte(l, '_') >= 0 {
			return false
		}
	}
	tld := labels[len(labels)-1]
	if scheme {
		return isAlphaLabel(tld)
	}
	return isKnownTLD(tld)
}

// isAlphaLabel reports a label of at least two letters (any script).
func isAlphaLabel(l string) bool {
	n := 0
	for _, r := range l {
		if !unicode.IsLetter(r) && !unicode.IsMark(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// isShortCCHost reports "name.cc" with a country-code TLD other than .co
// and .tv: twitter-text does not link those without a path.
func isShortCCHost(host string) bool {
	dot := strings.IndexByte(host, '.')
	if dot < 0 || strings.IndexByte(host[dot+1:], '.') >= 0 {
		return false
	}
	tld := strings.ToLower(host[dot+1:])
	return tld != "co" && tld != "tv" && ccTLDs[tld]
}

// ipv4At parses a dotted IPv4 address with each part at most 255.
func ipv4At(s string, pos int) (int, bool) {
	i := pos
	for part := 0; part < 4; part++ {
		if part > 0 {
			if i >= len(s) || s[i] != '.' {
				return 0, false
			}
			i++
		}
		v, digits := 0, 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' && digits < 4 {
			v = v*10 + int(s[i]-'0')
			i++
			digits++
		}
		if digits == 0 || digits > 3 || v > 255 {
			return 0, false
		}
	}
	if i < len(s) && isASCIIAlnum(s[i]) {
		return 0, false
	}
	return i, true
}

// portLen is the length of ":8080" at the start of s, if any.
func portLen(s string) int {
	if len(s) < 2 || s[0] != ':' {
		return 0
	}
	n := 1
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 1 {
		return 0
	}
	return n
}

// pathLen is the length of the path, query and fragment at the start of s,
// without trailing punctuation or an unbalanced ")".
func pathLen(s string) int {
	if s == "" || (s[0] != '/' && s[0] != '?' && s[0] != '#') {
		return 0
	}
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !isPathRune(r) {
			break
		}
		n += size
	}
	return trimPathEnd(s[:n])
}

// isPathRune: ASCII letters, digits and URL punctuation, and Latin or
// Cyrillic letters (twitter-text's path characters).
func isPathRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIAlnum(byte(r)) || strings.ContainsRune("!*';:=+,.$/%#[]-_~|&@()?", r)
	}
	return r == '–' || unicode.IsMark(r) ||
		(unicode.IsLetter(r) && (unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Cyrillic, r)))
}

// trimPathEnd drops sentence punctuation from the end of a path.
func trimPathEnd(p string) int {
	unbalanced := strings.Count(p, ")") - strings.Count(p, "(")
	for p != "" {
		last := p[len(p)-1]
		switch {
		case strings.IndexByte(".,;:!?'*$%[]|@~", last) >= 0:
		case last == '(':
			unbalanced++
		case last == ')' && unbalanced > 0:
			unbalanced--
		default:
			return len(p)
		}
		p = p[:len(p)-1]
	}
	return 0
}

func isASCIIAlnum(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}
