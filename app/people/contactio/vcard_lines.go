package contactio

import (
	"bytes"
	"encoding/base64"
	"strings"
	"unicode/utf8"
)

// skippedProps are properties that carry binary data Rapport does not
// keep. Their lines are dropped while unfolding, however long they are.
var skippedProps = map[string]bool{"PHOTO": true, "LOGO": true, "SOUND": true, "KEY": true}

// propLine is one unfolded property line and the line it starts on.
type propLine struct {
	text string
	line int
}

// unfolder turns a vCard file into property lines: folded lines (a line
// break followed by a space or tab) are joined, as are quoted-printable
// soft line breaks (a line ending in "="), photos are dropped, and lines
// longer than MaxValueLen are dropped with a Problem.
type unfolder struct {
	data []byte
	pos  int // next byte to read
	line int // number of the last physical line read
	ps   *problems
}

// physical returns the next physical line without its line break.
func (u *unfolder) physical() ([]byte, bool) {
	if u.pos >= len(u.data) {
		return nil, false
	}
	rest := u.data[u.pos:]
	l := rest
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		l, u.pos = rest[:i], u.pos+i+1
	} else {
		u.pos = len(u.data)
	}
	u.line++
	return bytes.TrimRight(l, "\r"), true
}

// each calls fn for every property line, in order, and stops at the
// first error fn returns.
func (u *unfolder) each(fn func(propLine) error) error {
	var (
		buf   []byte
		start int
		skip  bool // photo, or too long
		open  bool // buf holds a line
	)
	flush := func() error {
		wasOpen := open
		open = false
		if wasOpen && !skip {
			return fn(propLine{text: string(buf), line: start})
		}
		return nil
	}
	for {
		l, ok := u.physical()
		if !ok {
			return flush()
		}
		switch {
		case open && isSoftBreak(buf):
			buf = u.grow(buf[:len(buf)-1], l, start, &skip)
		case open && len(l) > 0 && (l[0] == ' ' || l[0] == '\t'):
			buf = u.grow(buf, l[1:], start, &skip)
		default:
			if err := flush(); err != nil {
				return err
			}
			if len(bytes.TrimSpace(l)) == 0 {
				continue
			}
			start, open, skip = u.line, true, skippedProps[propName(string(l))]
			buf = u.grow(buf[:0], l, start, &skip)
		}
	}
}

// grow appends a continuation to buf unless the line is skipped, and
// skips it once it grows past MaxValueLen.
func (u *unfolder) grow(buf, more []byte, start int, skip *bool) []byte {
	if *skip {
		return buf
	}
	if len(buf)+len(more) > MaxValueLen {
		u.ps.add(start, "%s is longer than %d KB — skipped", propName(string(append(buf, more[:min(len(more), 100)]...))), MaxValueLen>>10)
		*skip = true
		return buf[:0]
	}
	return append(buf, more...)
}

// isSoftBreak tells whether a line is a quoted-printable value whose last
// "=" joins it to the next line (vCard 2.1).
func isSoftBreak(l []byte) bool {
	if len(l) == 0 || l[len(l)-1] != '=' {
		return false
	}
	head, _, ok := bytes.Cut(l, []byte(":"))
	return ok && bytes.Contains(bytes.ToUpper(head), []byte("QUOTED-PRINTABLE"))
}

// propName is the upper-case name of a property line, without its group:
// "EMAIL" for "item1.email;type=work:…".
func propName(l string) string {
	end := strings.IndexAny(l, ";:")
	if end < 0 {
		end = len(l)
	}
	name := l[:end]
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	return strings.ToUpper(strings.TrimSpace(name))
}

// splitLine cuts a property line into its head (group, name and
// parameters) and its value at the first ':' outside double quotes.
func splitLine(l string) (head, value string, ok bool) {
	quoted := false
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case '"':
			quoted = !quoted
		case ':':
			if !quoted {
				return l[:i], l[i+1:], true
			}
		}
	}
	return "", "", false
}

// splitParams cuts a head at the ';'s outside double quotes.
func splitParams(head string) []string {
	var parts []string
	quoted, last := false, 0
	for i := 0; i < len(head); i++ {
		switch head[i] {
		case '"':
			quoted = !quoted
		case ';':
			if !quoted {
				parts = append(parts, head[last:i])
				last = i + 1
			}
		}
	}
	return append(parts, head[last:])
}

// normaliseHead rewrites a head for go-vcard: vCard 2.1's bare parameters
// ("TEL;WORK;VOICE") become TYPE parameters, and the ENCODING and CHARSET
// parameters are taken out and returned, since decodeValue applies them.
func normaliseHead(head string) (out, enc, charset string) {
	parts := splitParams(head)
	kept := parts[:1]
	for _, p := range parts[1:] {
		k, v, hasValue := strings.Cut(p, "=")
		k = strings.ToUpper(strings.TrimSpace(k))
		switch {
		case k == "":
		case !hasValue && (k == "QUOTED-PRINTABLE" || k == "BASE64" || k == "B" || k == "8BIT" || k == "7BIT"):
			enc = k
		case !hasValue:
			kept = append(kept, "TYPE="+strings.TrimSpace(p))
		case k == "ENCODING":
			enc = strings.ToUpper(strings.Trim(v, `" `))
		case k == "CHARSET":
			charset = strings.Trim(v, `" `)
		default:
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ";"), enc, charset
}

// decodeValue undoes a value's transfer encoding and charset. The result
// is still vCard-escaped text: line breaks a quoted-printable value
// carried are written as "\n". It reports false for base64 that does not
// decode.
func decodeValue(v, enc, charset string) (string, bool) {
	var b []byte
	switch enc {
	case "QUOTED-PRINTABLE":
		b = decodeQP(v)
	case "B", "BASE64":
		var err error
		if b, err = base64.StdEncoding.DecodeString(strings.Join(strings.Fields(v), "")); err != nil {
			return "", false
		}
	default:
		if charset == "" && utf8.ValidString(v) {
			return v, true
		}
		b = []byte(v)
	}
	s := toUTF8(b, charset)
	if enc != "" {
		s = breakEscaper.Replace(s)
	}
	return s, true
}

// breakEscaper writes the line breaks of a decoded value as vCard escapes.
var breakEscaper = strings.NewReplacer("\r\n", `\n`, "\r", `\n`, "\n", `\n`)

// decodeQP decodes quoted-printable leniently: "=XX" is a byte, anything
// else (a lone "=", a bad digit) is kept as it is.
func decodeQP(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '=' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return out
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
