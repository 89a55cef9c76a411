package feed

import (
	"crypto/sha256"
	"net/url"
	"sort"
	"strings"
	"unicode"
)

// Identity keys are 17 bytes: a kind byte and the first 16 bytes of a
// SHA-256. An entry's identity ('i') keys decide "same item": its GUID when
// the GUID looks globally unique, its normalised link, and only when it has
// neither, its title and text. Its group ('g') key marks near-duplicates:
// the same text posted again elsewhere.
const (
	KeyIdentity byte = 'i'
	KeyGroup    byte = 'g'
)

func hashKey(kind byte, parts ...string) []byte {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return append([]byte{kind}, h.Sum(nil)[:16]...)
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
	if g := groupText(e.Text); len(g) >= 40 {
		keys = append(keys, hashKey(KeyGroup, g))
	}
	return keys
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
	var b strings.Builder
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if strings.HasPrefix(w, "http") || strings.HasPrefix(w, "@") || strings.HasPrefix(w, "#") {
			continue
		}
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}
