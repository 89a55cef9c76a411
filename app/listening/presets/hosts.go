package presets

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// bareHost tidies a host name the owner typed: trimmed, lower case, an
// http(s):// prefix and one trailing "/" forgiven, an internationalised
// name turned into its ASCII (punycode) form. ok is false unless what is
// left is a plain host name such as mastodon.social.
func bareHost(s string) (host string, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
	s = strings.TrimSuffix(s, "/")
	return asciiHost(s)
}

// asciiHost checks a host name, converting an internationalised one.
func asciiHost(s string) (string, bool) {
	if !isASCII(s) {
		a, err := idna.Lookup.ToASCII(s)
		if err != nil {
			return "", false
		}
		s = a
	}
	return s, validHostname(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// validHostname reports whether s is a lower-case DNS name of at least
// two labels whose last label is not all digits (so not an IP address).
func validHostname(s string) bool {
	if len(s) == 0 || len(s) > 253 {
		return false
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if !validLabel(l) {
			return false
		}
	}
	return strings.ContainsFunc(labels[len(labels)-1], func(r rune) bool { return r >= 'a' && r <= 'z' })
}

// validLabel reports whether l is one DNS label: 1–63 of a-z, 0-9 and
// inner hyphens.
func validLabel(l string) bool {
	if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// cleanInstance checks a Mastodon server name.
func cleanInstance(s string) (string, error) {
	h, ok := bareHost(s)
	if !ok {
		return "", &Error{Field: FieldInstance, Msg: "Type only the Mastodon server's name, such as mastodon.social (no @name and no /path)."}
	}
	return h, nil
}

// seShort maps the Stack Exchange sites that have their own domain, by
// the short name people type, to that domain.
var seShort = map[string]string{
	"stackoverflow": "stackoverflow.com",
	"superuser":     "superuser.com",
	"serverfault":   "serverfault.com",
	"askubuntu":     "askubuntu.com",
	"mathoverflow":  "mathoverflow.net",
	"stackapps":     "stackapps.com",
}

// cleanSESite turns a Stack Exchange site as typed ("coffee",
// "coffee.stackexchange.com", "stackoverflow", "ru.stackoverflow.com")
// into its host.
func cleanSESite(s string) (string, error) {
	h := strings.ToLower(strings.TrimSpace(s))
	h = strings.TrimPrefix(strings.TrimPrefix(h, "https://"), "http://")
	h = strings.TrimSuffix(h, "/")
	if full, ok := seShort[h]; ok {
		return full, nil
	}
	if validLabel(h) {
		return h + ".stackexchange.com", nil
	}
	if validHostname(h) && (isSEDomain(h) || strings.HasSuffix(h, ".stackexchange.com") || strings.HasSuffix(h, ".stackoverflow.com")) {
		return h, nil
	}
	return "", &Error{Field: FieldSite, Msg: "Type the Stack Exchange site's short name as in its address, such as coffee for coffee.stackexchange.com, or stackoverflow."}
}

// isSEDomain reports whether h is one of the own-domain sites.
func isSEDomain(h string) bool {
	for _, d := range seShort {
		if h == d {
			return true
		}
	}
	return false
}

var (
	langRe   = regexp.MustCompile(`^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}|[0-9]{3}|[a-zA-Z]{4}))?$`)
	regionRe = regexp.MustCompile(`^[a-zA-Z]{2}$`)
)

// cleanLangRegion checks Google News' language (hl, such as en-US, de,
// pt-BR) and country (gl, such as US), in their usual case.
func cleanLangRegion(lang, region string) (string, string, error) {
	m := langRe.FindStringSubmatch(strings.TrimSpace(lang))
	if m == nil {
		return "", "", &Error{Field: FieldLang, Msg: "Type the language as a code such as en-US, en-GB, de or fr."}
	}
	hl := strings.ToLower(m[1])
	switch sub := m[2]; {
	case len(sub) == 4: // a script, such as zh-Hant
		hl += "-" + strings.ToUpper(sub[:1]) + strings.ToLower(sub[1:])
	case sub != "":
		hl += "-" + strings.ToUpper(sub)
	}
	region = strings.TrimSpace(region)
	if !regionRe.MatchString(region) {
		return "", "", &Error{Field: FieldRegion, Msg: "Type the country as a two-letter code such as US, GB or DE."}
	}
	return hl, strings.ToUpper(region), nil
}
