package contactio

import (
	"strings"
	"unicode"

	"github.com/rapportapp/rapport/storage"
)

// clean is the form in which contacts leave the readers, and in which the
// writers write them, so that reading what was written gives clean(c):
//
//   - text is valid UTF-8 (invalid bytes become U+FFFD);
//   - one-line fields have control characters turned into spaces and are
//     trimmed; Notes and Preferences keep their lines, with CRLF and CR
//     turned into LF and other control characters but tab removed, and
//     are empty when they hold nothing but white space;
//   - empty tags, emails, phones and handles are dropped, and so are
//     repeats (tags and emails ignoring case, handles as [handleKey] does);
//   - Email is the first address when it was empty, likewise Phone;
//   - handles on the platforms "email" and "phone" move to Emails/Phones;
//   - platforms are lower case letters, digits, '.', '_' and '-';
//   - a contact without name is named after its company, email, phone or
//     first handle.
func (c Contact) clean() Contact {
	out := Contact{
		Name: oneLine(c.Name), Company: oneLine(c.Company), Stage: oneLine(c.Stage),
		Owner: oneLine(c.Owner), Notes: multiLine(c.Notes), Preferences: multiLine(c.Preferences),
		Line: c.Line,
	}
	emails := append([]string{c.Email}, c.Emails...)
	phones := append([]string{c.Phone}, c.Phones...)
	seen := make(map[string]bool)
	for _, h := range c.Handles {
		h = storage.Handle{Platform: cleanPlatform(h.Platform), Handle: oneLine(h.Handle)}
		if (h.Platform == "http" || h.Platform == "https") && h.Handle != "" {
			// An address split at its colon; CSV would read it as one.
			h = storage.Handle{Platform: "web", Handle: oneLine(h.Platform + ":" + h.Handle)}
		}
		switch {
		case h.Platform == "" || h.Handle == "":
		case h.Platform == PlatformEmail:
			emails = append(emails, h.Handle)
		case h.Platform == PlatformPhone:
			phones = append(phones, h.Handle)
		case !seen[handleKey(h)]:
			seen[handleKey(h)] = true
			out.Handles = append(out.Handles, h)
		}
	}
	emails = uniqueLines(emails, strings.ToLower)
	phones = uniqueLines(phones, nil)
	out.Email, out.Emails = first(emails)
	out.Phone, out.Phones = first(phones)
	out.Tags = uniqueLines(c.Tags, strings.ToLower)
	if out.Name == "" {
		out.Name = fallbackName(out)
	}
	return out
}

// fallbackName names a contact that has no name.
func fallbackName(c Contact) string {
	for _, s := range []string{c.Company, c.Email, c.Phone} {
		if s != "" {
			return s
		}
	}
	if len(c.Handles) > 0 {
		return c.Handles[0].Handle
	}
	return ""
}

func first(s []string) (string, []string) {
	if len(s) == 0 {
		return "", nil
	}
	if len(s) == 1 {
		return s[0], nil
	}
	return s[0], s[1:]
}

// uniqueLines cleans each item with oneLine and drops empty ones and
// repeats, comparing fold(item) when fold is not nil.
func uniqueLines(items []string, fold func(string) string) []string {
	var out []string
	seen := make(map[string]bool, len(items))
	for _, s := range items {
		s = oneLine(s)
		k := s
		if fold != nil {
			k = fold(s)
		}
		if s == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}

// oneLine makes s a valid one-line value: control and line-separator
// characters become spaces, surrounding space goes.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.IndexFunc(s, isBreak) >= 0 {
		s = strings.Map(func(r rune) rune {
			if isBreak(r) {
				return ' '
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}

// multiLine makes s valid multi-line text with LF line ends and without
// control characters other than LF and tab.
func multiLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.TrimSpace(s) == "" {
		return ""
	}
	if !strings.ContainsAny(s, "\r") && strings.IndexFunc(s, isStrayControl) < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if isStrayControl(r) {
			return -1
		}
		return r
	}, s)
}

func isBreak(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
}

func isStrayControl(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\t'
}

// cleanPlatform lower-cases a platform name and keeps only letters,
// digits, '.', '_' and '-', so that it can never clash with the
// separators of the file formats.
func cleanPlatform(p string) string {
	p = strings.ToLower(strings.TrimSpace(p))
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-' {
			return r
		}
		return -1
	}, p)
}

// handleKey is what makes two handles the same: platform and handle
// ignoring case, surrounding space, a leading "@" and Reddit's "u/".
func handleKey(h storage.Handle) string {
	p := strings.ToLower(strings.TrimSpace(h.Platform))
	s := strings.ToLower(strings.TrimSpace(h.Handle))
	if p == "reddit" {
		s = strings.TrimPrefix(strings.TrimPrefix(s, "/"), "u/")
	}
	return p + "\x00" + strings.TrimPrefix(s, "@")
}
