package presets

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rapportapp/rapport/app/shared/query"
	"golang.org/x/text/unicode/norm"
)

// MaxKeyword is the longest keyword accepted, in characters.
const MaxKeyword = 200

// quoteChars are the characters the query language reads as quotes; they
// are dropped from keywords so a phrase can always be quoted.
const quoteChars = "\"“”„"

// CleanKeyword tidies what the owner typed: Unicode normalised (NFC),
// double quotes dropped, control characters and runs of white space made
// single spaces, ends trimmed. It fails with an *Error when nothing usable
// is left or the keyword is too long.
func CleanKeyword(s string) (string, error) {
	s = norm.NFC.String(strings.ToValidUTF8(s, " "))
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(quoteChars, r):
			return -1
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		return "", &Error{Field: FieldKeyword, Msg: "Type a word or phrase to listen for, such as your shop's name."}
	case n > MaxKeyword:
		return "", &Error{Field: FieldKeyword, Msg: fmt.Sprintf(
			"The keyword is too long (%d characters). Keep it under %d: a name or a short phrase works best.", n, MaxKeyword)}
	}
	if len(query.Tokenize(s)) == 0 {
		return "", &Error{Field: FieldKeyword, Msg: "The keyword needs at least one letter, number or emoji."}
	}
	return s, nil
}

// plainWord reports whether s is one word every search engine and the
// query language read as just that word: letters, digits and accents
// only, and not an operator of the query language.
func plainWord(s string) bool {
	switch s {
	case "", "AND", "OR", "NOT", "NEAR":
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			return false
		}
	}
	return true
}

// phrase returns a cleaned keyword as searches and rules want it: a plain
// word as it is, anything else in double quotes.
func phrase(kw string) string {
	if plainWord(kw) {
		return kw
	}
	return `"` + kw + `"`
}

// keywordRule is the watch rule for a keyword.
func keywordRule(kw string) string { return phrase(kw) }

// hashtag makes a hashtag from a keyword: its letters, digits and
// accents, in lower case ("Cold Brew!" → "coldbrew").
func hashtag(kw string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, kw)
}

// hashtagRule matches the keyword or its hashtag, e.g.
// `"cold brew" OR #coldbrew`: a post tagged #coldbrew need not contain
// the words "cold brew". A one-word keyword ("coffee") already finds its
// hashtag.
func hashtagRule(kw string) string {
	tag := hashtag(kw)
	switch strings.ToLower(kw) {
	case tag:
		return phrase(kw)
	case "#" + tag: // typed as a hashtag: only the hashtag
		return "#" + tag
	}
	return phrase(kw) + " OR #" + tag
}

// maxTagLen is the longest Stack Exchange tag.
const maxTagLen = 35

// seTag makes a Stack Exchange tag from a keyword: lower case, words
// joined by "-", keeping the characters tags may have (letters, digits,
// accents, + # . -), e.g. "Cold Brew" → "cold-brew", "C#" → "c#".
func seTag(kw string) (string, error) {
	var b strings.Builder
	for _, r := range strings.ToLower(kw) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || strings.ContainsRune("+#.", r):
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '_':
			b.WriteByte('-')
		}
	}
	tag := strings.Trim(b.String(), "-.")
	for strings.Contains(tag, "--") {
		tag = strings.ReplaceAll(tag, "--", "-")
	}
	switch {
	case tag == "":
		return "", &Error{Field: FieldKeyword, Msg: "A Stack Exchange tag needs letters or numbers; type the tag, such as espresso."}
	case utf8.RuneCountInString(tag) > maxTagLen:
		return "", &Error{Field: FieldKeyword, Msg: fmt.Sprintf(
			"Stack Exchange tags are at most %d characters; %q is longer. Use the tag's name, such as cold-brew.", maxTagLen, tag)}
	}
	return tag, nil
}
