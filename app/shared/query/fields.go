package query

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// field is what a leaf of the query looks at.
type field uint8

const (
	fieldDefault field = iota // no prefix: title and text
	fieldTitle
	fieldText
	fieldAuthor
	fieldSource
	fieldSite
	fieldLang
)

// fieldNames maps a field to its prefix; fieldDefault has none.
var fieldNames = [...]string{
	fieldTitle: "title", fieldText: "text", fieldAuthor: "author",
	fieldSource: "source", fieldSite: "site", fieldLang: "lang",
}

// fieldList is how the error for an unknown field lists the valid ones.
const fieldList = "title:, text:, author:, site:, source: or lang:"

// lookupField returns the field whose prefix is name, ignoring case.
func lookupField(name string) (field, bool) {
	for f, n := range fieldNames {
		if n != "" && strings.EqualFold(n, name) {
			return field(f), true
		}
	}
	return fieldDefault, false
}

// suggestField returns the known field closest to a misspelt name, or "".
func suggestField(name string) string {
	name = strings.ToLower(name)
	best, bestDist := "", 3
	for _, n := range fieldNames {
		if d := editDistance(name, n); n != "" && d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between two short ASCII words.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// textField indexes the tokenized fields of a Prepared document.
type textField uint8

const (
	tfTitle textField = iota
	tfText
	tfAuthor
	tfSource
	numTextFields
)

// textFieldNames are the Span.Field values.
var textFieldNames = [numTextFields]string{"title", "text", "author", "source"}

// fieldTargets lists the text fields each word-searching field looks at.
var fieldTargets = [...][]textField{
	fieldDefault: {tfTitle, tfText},
	fieldTitle:   {tfTitle},
	fieldText:    {tfText},
	fieldAuthor:  {tfAuthor},
	fieldSource:  {tfSource},
}

// normalizeSite turns what a user typed after site: into a lower-case host
// name: the scheme, a leading "*.", any path and port are dropped, so
// site:https://www.Reddit.com/r/x becomes www.reddit.com. It reports false
// when nothing usable is left.
func normalizeSite(v string) (string, bool) {
	if i := strings.Index(v, "://"); i >= 0 {
		v = v[i+3:]
	}
	v = strings.TrimPrefix(v, "*.")
	if i := strings.IndexAny(v, "/?#"); i >= 0 {
		v = v[:i]
	}
	if i := strings.LastIndexByte(v, ':'); i >= 0 {
		v = v[:i]
	}
	v = strings.TrimRight(strings.ToLower(v), ".")
	if v == "" || v[0] == '-' || v[0] == '.' {
		return "", false
	}
	for _, r := range v {
		ok := r == '.' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)
		if !ok || unicode.IsUpper(r) {
			return "", false
		}
	}
	return v, true
}

// hostOf extracts the lower-case host name from a link without the cost of
// url.Parse; it is forgiving about links with no scheme.
func hostOf(link string) string {
	h := strings.TrimSpace(link)
	if i := strings.Index(h, "://"); i >= 0 {
		h = h[i+3:]
	} else {
		h = strings.TrimPrefix(h, "//")
	}
	if i := strings.IndexAny(h, "/?#"); i >= 0 {
		h = h[:i]
	}
	if i := strings.LastIndexByte(h, '@'); i >= 0 {
		h = h[i+1:]
	}
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.HasSuffix(h, "]") {
		h = h[:i]
	}
	return strings.TrimRight(strings.ToLower(h), ".")
}

// siteMatches reports whether host is domain or a subdomain of it.
func siteMatches(host, domain string) bool {
	if !strings.HasSuffix(host, domain) {
		return false
	}
	rest := len(host) - len(domain)
	return rest == 0 || host[rest-1] == '.'
}

// normalizeLang lower-cases a language tag and writes "_" as "-"; it
// reports false unless the result looks like en, pt-br or zh-hant-tw.
func normalizeLang(v string) (string, bool) {
	v = strings.ReplaceAll(strings.ToLower(v), "_", "-")
	parts := strings.Split(v, "-")
	for i, p := range parts {
		if len(p) == 0 || len(p) > 8 || (i == 0 && !isASCIILetters(p)) {
			return "", false
		}
		for j := 0; j < len(p); j++ {
			if c := p[j]; !('a' <= c && c <= 'z') && !('0' <= c && c <= '9') {
				return "", false
			}
		}
	}
	return v, true
}

// isASCIILetters reports whether s is non-empty and all ASCII letters.
func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

// langMatches reports whether the document's language docLang falls under
// tag (both compared ignoring case, "_" counting as "-"): tag "en" matches
// "en", "EN" and "en-GB"; tag "en-gb" matches only "en-GB".
func langMatches(docLang, tag string) bool {
	docLang = strings.TrimSpace(docLang)
	if len(docLang) < len(tag) {
		return false
	}
	for i := 0; i < len(tag); i++ {
		c := docLang[i]
		if c >= utf8.RuneSelf {
			return false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		} else if c == '_' {
			c = '-'
		}
		if c != tag[i] {
			return false
		}
	}
	return len(docLang) == len(tag) || docLang[len(tag)] == '-' || docLang[len(tag)] == '_'
}
