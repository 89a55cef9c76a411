package feed

import (
	"crypto/sha256"
	"net/url"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Identity keys are 17 bytes: a kind byte and the first 16 bytes of a
// SHA-256. An entry's identity ('i') keys decide "same item": its GUID when
// the GUID looks globally unique, its normalised link, and only when it has
// neither, its title and text. Its group ('g') key marks near-duplicates:
// the same text posted again elsewhere. Its near ('n') keys, of the start
// and of the end of a long text, find cross-posts that differ in a few
// words ("Kim from Ember & Oak replied" on one network, "Kim from
// @emberandoak replied" on another); a candidate they find is a copy only
// if Similar says so, because unrelated posts can share a boilerplate
// ending.
const (
	KeyIdentity byte = 'i'
	KeyGroup    byte = 'g'
	KeyNear     byte = 'n'
)

// Near keys are made from texts of at least nearMin letters, from their
// first and last nearSpan letters.
const (
	nearMin  = 80
	nearSpan = 60
)

func hashKey(kind byte, parts ...string) []byte {
	n := 0
	for _, p := range parts {
		n += len(p) + 1
	}
	buf := make([]byte, 0, n)
	for _, p := range parts {
		buf = append(append(buf, p...), 0)
	}
	sum := sha256.Sum256(buf)
	return append([]byte{kind}, sum[:16]...)
}

func identityKeys(e *Entry) [][]byte {
	var keys [][]byte
	if globalGUID(e.GUID) {
		keys = append(keys, hashKey(KeyIdentity, "guid", e.GUID))
	}
	if n := NormalizeURL(e.Link); n != "" {
		keys = append(keys, hashKey(KeyIdentity, "url", n))
	}
	if len(keys) == 0 {
		keys = append(keys, hashKey(KeyIdentity, "text", e.Title, e.Text))
	}
	g := groupText(e.Text)
	if len(g) >= 40 {
		keys = append(keys, hashKey(KeyGroup, g))
	}
	if utf8.RuneCountInString(g) >= nearMin {
		keys = append(keys, hashKey(KeyNear, "head", headRunes(g, nearSpan)), hashKey(KeyNear, "tail", tailRunes(g, nearSpan)))
	}
	return keys
}

// headRunes is the first n runes of s.
func headRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// tailRunes is the last n runes of s.
func tailRunes(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// Similar reports whether two texts are copies of one post: at least 70%
// of their distinct words (folded as for the group key, links, @mentions
// and #tags left out) are shared.
func Similar(a, b string) bool {
	wa, wb := groupWords(a), groupWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	shared := 0
	for w := range wa {
		if wb[w] {
			shared++
		}
	}
	return float64(shared) >= 0.7*float64(len(wa)+len(wb)-shared)
}

// groupWords is the set of words groupText keeps.
func groupWords(s string) map[string]bool {
	out := map[string]bool{}
	eachGroupWord(s, nil, func(w []byte) { out[string(w)] = true })
	return out
}

// eachGroupWord calls fn with each word of s that survives a repost:
// lower-case letters and digits, without links, @mentions and #tags. The
// word is in buf (which it grows), valid until the next call.
func eachGroupWord(s string, buf []byte, fn func(w []byte)) []byte {
	for len(s) > 0 {
		i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) })
		if i < 0 {
			break
		}
		s = s[i:]
		end := strings.IndexFunc(s, unicode.IsSpace)
		if end < 0 {
			end = len(s)
		}
		field := s[:end]
		s = s[end:]
		if field[0] == '@' || field[0] == '#' || hasPrefixFold(field, "http") {
			continue
		}
		buf = buf[:0]
		for _, r := range field {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
			}
		}
		if len(buf) > 0 {
			fn(buf)
		}
	}
	return buf
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// LinkKey is the identity key of a link, for finding the mention a link
// points to.
func LinkKey(link string) []byte {
	return hashKey(KeyIdentity, "url", NormalizeURL(unwrapRedirect(link)))
}

// globalGUID accepts GUIDs that cannot clash between feeds: URLs, URNs, tag
// and at:// URIs, long opaque ids. Short ones like "42" are per-feed
// counters and are left to the link.
func globalGUID(g string) bool {
	return len(g) >= 10 || strings.Contains(g, ":")
}

// trackingParams are dropped from links before comparing them.
var trackingParams = map[string]bool{"fbclid": true, "gclid": true, "ref": true, "ref_src": true, "mc_cid": true, "mc_eid": true, "igshid": true, "si": true}

// NormalizeURL makes equal links compare equal: lower-case scheme and host
// without "www." or default ports, no tracking parameters, sorted query,
// no trailing slash. The fragment is kept, because blogs address comments
// with it. It returns "" for anything that is not an http(s) URL.
func NormalizeURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	q := u.Query()
	for k := range q {
		if trackingParams[strings.ToLower(k)] || strings.HasPrefix(strings.ToLower(k), "utm_") {
			q.Del(k)
		}
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var qs []string
	for _, k := range keys {
		for _, v := range q[k] {
			qs = append(qs, url.QueryEscape(k)+"="+url.QueryEscape(v))
		}
	}
	out := "https://" + host + strings.TrimRight(u.EscapedPath(), "/")
	if len(qs) > 0 {
		out += "?" + strings.Join(qs, "&")
	}
	if u.Fragment != "" {
		out += "#" + u.Fragment
	}
	return out
}

// groupText reduces text to what survives a repost: letters and digits,
// lower-case, without links, @mentions and #tags.
func groupText(s string) string {
	var out []byte
	eachGroupWord(s, nil, func(w []byte) { out = append(out, w...) })
	return string(out)
}
