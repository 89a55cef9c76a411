package compose

import (
	"errors"
	"strings"
)

// MailtoURL builds a mailto: link (RFC 6068) that opens the owner's mail
// program with the reply filled in. Everything outside the unreserved set
// is percent-encoded as UTF-8, so spaces become %20 (never "+", which mail
// programs would show), line breaks of any kind become %0D%0A as the RFC
// requires, and "&", "?", "#" and "%" in the text cannot break the link.
// to may hold several addresses separated by commas, with or without
// display names; empty parts are left out ("mailto:?subject=…" is valid
// and lets the user fill in the address).
func MailtoURL(to, subject, body string) string {
	var b strings.Builder
	b.WriteString("mailto:")
	first := true
	for _, addr := range splitAddresses(to) {
		addr = addrSpec(addr)
		if addr == "" {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		escapeMailto(&b, addr, true)
	}
	sep := byte('?')
	for _, f := range [...]struct{ key, val string }{{"subject", subject}, {"body", crlf(body)}} {
		if f.val == "" {
			continue
		}
		b.WriteByte(sep)
		b.WriteString(f.key)
		b.WriteByte('=')
		escapeMailto(&b, f.val, false)
		sep = '&'
	}
	return b.String()
}

// splitAddresses splits a list of addresses at commas that are not inside
// quotes or angle brackets ("Sam, owner" <sam@example.com>).
func splitAddresses(list string) []string {
	var out []string
	quoted, angle, from := false, false, 0
	for i := 0; i < len(list); i++ {
		switch c := list[i]; {
		case c == '"':
			quoted = !quoted
		case c == '<' && !quoted:
			angle = true
		case c == '>' && !quoted:
			angle = false
		case c == ',' && !quoted && !angle:
			out = append(out, list[from:i])
			from = i + 1
		}
	}
	return append(out, list[from:])
}

// addrSpec keeps the address of "Ana Silva <ana@example.com>": RFC 6068
// allows no display names.
func addrSpec(addr string) string {
	addr = strings.TrimSpace(addr)
	if i := strings.LastIndexByte(addr, '<'); i >= 0 && strings.HasSuffix(addr, ">") {
		addr = strings.TrimSpace(addr[i+1 : len(addr)-1])
	}
	return addr
}

// crlf turns every line break into CRLF.
func crlf(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}

// escapeMailto percent-encodes s, keeping unreserved characters (and "@"
// in addresses).
func escapeMailto(b *strings.Builder, s string, addr bool) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isASCIIAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || (addr && c == '@') {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}

// Phone number problems.
var (
	ErrPhoneEmpty   = errors.New("there is no phone number")
	ErrPhoneChars   = errors.New("a phone number has only digits, and perhaps a + at the start")
	ErrPhoneLength  = errors.New("a phone number has between 3 and 15 digits")
	ErrPhoneExtDigs = errors.New("an extension has only digits")
)

// TelURL builds a tel: link (RFC 3966) from a number as people write it:
// spaces, dashes, dots, slashes and brackets are dropped, a "+" is kept
// only at the start, and an extension written "ext. 12", "x12" or "#12"
// becomes ";ext=12". The number must have 3 to 15 digits (E.164's
// longest). Numbers without "+" are left local: Rapport cannot know which
// country they belong to, and guessing would dial the wrong one.
func TelURL(number string) (string, error) {
	number = strings.TrimSpace(number)
	if len(number) >= 4 && asciiLower(number[:4]) == "tel:" {
		number = number[4:]
	}
	num, ext := splitExtension(number)
	if num == "" {
		return "", ErrPhoneEmpty
	}
	var b strings.Builder
	b.WriteString("tel:")
	digits := 0
	for i, r := range num {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
			digits++
		case r == '+' && i == 0:
			b.WriteByte('+')
		case strings.ContainsRune(" -.()/\u00a0\u2010\u2011\u2012\u2013", r):
		default:
			return "", ErrPhoneChars
		}
	}
	if digits < 3 || digits > 15 {
		return "", ErrPhoneLength
	}
	if ext != "" {
		for _, r := range ext {
			if r < '0' || r > '9' {
				return "", ErrPhoneExtDigs
			}
		}
		b.WriteString(";ext=" + ext)
	}
	return b.String(), nil
}

// splitExtension separates "… ext. 12", "… x12" or "… #12".
func splitExtension(s string) (num, ext string) {
	low := asciiLower(s) // same byte offsets as s
	for _, mark := range [...]string{"extension", "ext.", "ext", "x", "#"} {
		if i := strings.LastIndex(low, mark); i > 0 {
			return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(mark):])
		}
	}
	return s, ""
}

// asciiLower lowercases ASCII letters only, keeping byte offsets.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
