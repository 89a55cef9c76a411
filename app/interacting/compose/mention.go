package compose

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// findMastodonMention finds the first remote mention ("@user@domain")
// starting in text[from:limit], following Mastodon's Account::MENTION_RE:
// not preceded by "=", "/" or a word character; a username of letters,
// digits and "_" (with "." and "-" inside); a domain of word characters,
// "." and "-" ending in a word character. It counts as "@user". Local
// mentions ("@user") count as themselves, so they are not entities.
func findMastodonMention(text string, from, limit int) (entity, bool) {
	for i := from; i < limit; {
		at := strings.IndexByte(text[i:limit], '@')
		if at < 0 {
			return entity{}, false
		}
		at += i
		if m, ok := mentionAt(text, at); ok {
			return m, true
		}
		i = at + 1
	}
	return entity{}, false
}

// mentionAt parses a remote mention whose "@" is at text[at].
func mentionAt(text string, at int) (entity, bool) {
	if at > 0 {
		prev, _ := utf8.DecodeLastRuneInString(text[:at])
		if prev == '=' || prev == '/' || isWordRune(prev) {
			return entity{}, false
		}
	}
	user := mentionUsername(text[at+1:])
	if user == 0 || at+1+user >= len(text) || text[at+1+user] != '@' {
		return entity{}, false
	}
	domStart := at + 1 + user + 1
	dom := mentionDomain(text[domStart:])
	if dom < 2 {
		return entity{}, false
	}
	return entity{span: span{at, domStart + dom}, counted: 1 + user}, true
}

// mentionUsername returns the byte length of the username at the start of s.
func mentionUsername(s string) int {
	n := 0
	for n < len(s) && (isASCIIWord(s[n]) || (n > 0 && (s[n] == '.' || s[n] == '-'))) {
		n++
	}
	for n > 0 && (s[n-1] == '.' || s[n-1] == '-') {
		n--
	}
	return n
}

// mentionDomain returns the byte length of the domain at the start of s.
func mentionDomain(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !isWordRune(r) && r != '.' && r != '-' {
			break
		}
		n += size
	}
	for n > 0 && (s[n-1] == '.' || s[n-1] == '-') {
		n--
	}
	return n
}

func isASCIIWord(b byte) bool {
	return b == '_' || ('0' <= b && b <= '9') || ('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z')
}

// isWordRune is Ruby's [[:word:]]: letters, marks, digits and connector
// punctuation such as "_".
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || unicode.Is(unicode.Pc, r)
}
